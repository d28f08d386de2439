/**
 * The feature corpus: small workbooks that each carry real Excel features on
 * and around a budget table that `budgetkoll berakna` changes (it inserts
 * "Avvikelse perioden" at D4:D8 and writes deviations and forecasts). Built
 * with ExcelJS where it can, and by editing the package XML where it cannot
 * (workbook protection, an autofilter column, a chart, a theme). Generated in
 * memory by the tests; `npx tsx scripts/make-xlsx-corpus.ts DIR` writes the
 * files for a look in Excel or LibreOffice.
 *
 * The budget table (1-based addresses, before berakna):
 *   A4 Verksamhet (tkr) | B Utfall perioden | C Budget perioden | D Prognos helår | E Budget helår | F Avvik. helår
 *   rows 5–7 Familjerätt, Flyktingmottagning, Ekonomiskt bistånd; row 8 SUMMA (SUM formulas)
 * berakna inserts D4:D8, so old columns D, E, F … of rows 4–8 move one step right.
 */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';

export const SHEET = 'Verksamhetsrapport';
export const OTHER = 'Sammanställning';

export interface CorpusEntry {
  name: string;
  /** What the workbook carries, in a few words. */
  features: string[];
  bytes: Uint8Array;
  /** berakna refuses this one (with a Swedish message matching the pattern) and writes nothing. */
  refusal?: RegExp;
}

type Build = (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, other: ExcelJS.Worksheet) => void | Promise<void>;
type PostXml = (zip: JSZip) => Promise<void>;

interface Feature {
  id: string;
  build?: Build;
  xml?: PostXml;
}

const ITEMS: [string, number, number, number | null, number][] = [
  ['Familjerätt', -154, -319, -300, -480],
  ['Flyktingmottagning', -1257, -7, null, -10],
  ['Ekonomiskt bistånd', -17605, -19515, null, -29000],
];

function baseWorkbook(): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; other: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Budgetkoll korpus';
  // Fixed dates: the same input bytes on every run.
  wb.created = new Date(Date.UTC(2024, 8, 15));
  wb.modified = new Date(Date.UTC(2024, 8, 15));
  const ws = wb.addWorksheet(SHEET);
  const other = wb.addWorksheet(OTHER);
  ws.getCell('A1').value = 'Socialnämnden – Verksamhetsrapport';
  ws.getCell('A2').value = 'Rapportperiod: 2024-08-31';
  const header = [
    'Verksamhet (tkr)',
    'Utfall perioden',
    'Budget perioden',
    'Prognos helår',
    'Budget helår',
    'Avvik. helår',
  ];
  header.forEach((h, i) => (ws.getCell(4, i + 1).value = h));
  ITEMS.forEach(([label, outcome, bp, forecast, ba], k) => {
    const r = 5 + k;
    ws.getCell(r, 1).value = label;
    ws.getCell(r, 2).value = outcome;
    ws.getCell(r, 3).value = bp;
    if (forecast !== null) ws.getCell(r, 4).value = forecast;
    ws.getCell(r, 5).value = ba;
    for (let c = 2; c <= 6; c++) ws.getCell(r, c).numFmt = '#,##0';
  });
  ws.getCell('A8').value = 'SUMMA';
  const sums = [-19016, -19841, -300, -29490];
  ['B', 'C', 'D', 'E'].forEach((col, i) => {
    ws.getCell(`${col}8`).value = { formula: `SUM(${col}5:${col}7)`, result: sums[i] };
    ws.getCell(`${col}8`).numFmt = '#,##0';
  });
  ws.getCell('A8').font = { bold: true };
  other.getCell('A1').value = 'Nämndens sammanställning';
  return { wb, ws, other };
}

async function setPart(zip: JSZip, path: string, edit: (xml: string) => string): Promise<void> {
  const xml = await zip.file(path)!.async('string');
  const next = edit(xml);
  if (next === xml) throw new Error(`corpus: ${path} unchanged by its edit`);
  zip.file(path, next);
}

const FEATURES: Feature[] = [
  {
    id: 'definierade-namn',
    build: (wb, ws) => {
      wb.definedNames.add(`${SHEET}!$B$5:$B$7`, 'UtfallAlla');
      wb.definedNames.add(`${SHEET}!$D$5:$D$7`, 'PrognosAlla');
      ws.getCell('A21').value = 'Kontroll utfall';
      ws.getCell('B21').value = { formula: 'SUM(UtfallAlla)', result: -19016 };
      ws.getCell('A22').value = 'Kontroll prognos';
      ws.getCell('B22').value = { formula: 'SUM(PrognosAlla)', result: -300 };
    },
  },
  {
    id: 'bladskydd',
    build: async (_wb, _ws, other) => {
      other.getCell('A2').value = 'Låst';
      await other.protect('', { selectLockedCells: true, selectUnlockedCells: true });
    },
  },
  {
    id: 'dolda-rader-och-kolumner',
    build: (_wb, ws) => {
      ws.getRow(6).hidden = true;
      ws.getCell('A20').value = 'Dold rad';
      ws.getRow(20).hidden = true;
      ws.getCell('K5').value = 'dold kolumn';
      ws.getColumn('K').hidden = true;
    },
  },
  {
    id: 'sammanfogade-celler',
    build: (_wb, ws) => {
      ws.mergeCells('A1:F1');
      ws.getCell('H5').value = 'Kommentar över två celler';
      ws.mergeCells('H5:I5');
    },
  },
  {
    id: 'autofilter',
    build: (_wb, ws) => {
      ws.autoFilter = 'A4:F8';
    },
    // ExcelJS writes only the range; a filter on Budget helår (colId 4) every row passes.
    xml: (zip) =>
      setPart(zip, 'xl/worksheets/sheet1.xml', (x) =>
        x.replace(
          /<autoFilter ref="A4:F8"\/>/,
          '<autoFilter ref="A4:F8"><filterColumn colId="4"><customFilters><customFilter operator="lessThan" val="0"/></customFilters></filterColumn></autoFilter>',
        ),
      ),
  },
  {
    id: 'frysta-rutor',
    build: (_wb, ws) => {
      ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 4, topLeftCell: 'B5', activeCell: 'B5' }];
    },
  },
  {
    id: 'anteckningar',
    build: (_wb, ws) => {
      ws.getCell('E5').note = 'Budget enligt nämndens beslut';
      ws.getCell('A5').note = 'Inklusive familjerådgivning';
    },
  },
  {
    id: 'dataverifiering',
    build: (_wb, ws) => {
      ws.getCell('H4').value = 'Klar';
      for (const r of [5, 6, 7]) {
        ws.getCell(`H${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"Ja,Nej"'] };
      }
      ws.getCell('H5').value = 'Ja';
    },
  },
  {
    id: 'villkorsstyrd-formatering',
    build: (_wb, ws) => {
      ws.addConditionalFormatting({
        ref: 'F5:F8',
        rules: [
          {
            type: 'cellIs',
            operator: 'lessThan',
            formulae: ['0'],
            priority: 1,
            style: { font: { color: { argb: 'FFC00000' } } },
          },
        ],
      });
      ws.addConditionalFormatting({
        ref: 'E5:E7',
        rules: [
          {
            type: 'expression',
            formulae: ['E5<B5'],
            priority: 2,
            style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFCE4D6' } } },
          },
        ],
      });
      ws.addConditionalFormatting({
        ref: 'C5:C7',
        rules: [
          {
            type: 'dataBar',
            priority: 3,
            cfvo: [{ type: 'min' }, { type: 'max' }],
            color: { argb: 'FF638EC6' },
          } as ExcelJS.ConditionalFormattingRule,
        ],
      });
    },
  },
  {
    id: 'kantlinjer-hojd-bredd',
    build: (_wb, ws) => {
      const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
      for (let r = 4; r <= 8; r++)
        for (let c = 1; c <= 6; c++)
          ws.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
      ws.getRow(4).height = 32;
      ws.getColumn(1).width = 30;
      for (let c = 2; c <= 6; c++) ws.getColumn(c).width = 14;
    },
  },
  {
    id: 'hyperlankar',
    build: (_wb, ws) => {
      ws.getCell('A23').value = { text: 'Kommunens webbplats', hyperlink: 'https://www.ekero.se/' };
      ws.getCell('H7').value = { text: 'Till sammanställningen', hyperlink: `#'${OTHER}'!A1` };
    },
  },
  {
    id: 'matrisformler',
    build: (_wb, ws) => {
      ws.getCell('A24').value = 'Matriser';
      ws.getCell('B24').value = {
        formula: 'SUM(B5:B7*C5:C7)',
        result: 0,
        shareType: 'array',
        ref: 'B24',
      } as ExcelJS.CellValue;
      ws.getCell('C24').value = {
        formula: 'SUM(D5:D7-E5:E7)',
        result: 0,
        shareType: 'array',
        ref: 'C24',
      } as ExcelJS.CellValue;
      ws.getCell('H6').value = {
        formula: 'MAX(B6:C6)',
        result: -7,
        shareType: 'array',
        ref: 'H6',
      } as ExcelJS.CellValue;
    },
  },
  {
    id: 'delade-formler',
    build: (_wb, ws) => {
      // Inside the moved rows, all alike: stays shared.
      ws.fillFormula('L5:L7', 'E5*2', [-960, -20, -58000]);
      // Outside the moved rows, every member pointing into them: stays shared, references move.
      ws.getCell('A26').value = 'Budget helår, kopia';
      ws.fillFormula('B26:B28', 'E5', [-480, -10, -29000]);
      // Pointing at rows that move and rows that do not: written out cell by cell.
      ws.getCell('A30').value = 'Budget helår och raden under';
      ws.fillFormula('C30:C32', 'E7', [-29000, -29490, 0]);
    },
  },
  {
    id: 'andra-bladet',
    build: (_wb, _ws, other) => {
      other.getCell('A2').value = 'Prognos helår';
      other.getCell('B2').value = { formula: `${SHEET}!D8`, result: -300 };
      other.getCell('A3').value = 'Utfall';
      other.getCell('B3').value = { formula: `'${SHEET}'!B8`, result: -19016 };
      other.getCell('A4').value = 'Budget helår';
      other.getCell('B4').value = { formula: `SUM(${SHEET}!E5:E7)`, result: -29490 };
      other.addTable({
        name: 'Nyckeltal',
        ref: 'D1',
        headerRow: true,
        columns: [{ name: 'Mått' }, { name: 'Värde' }],
        rows: [
          ['Placeringar', 12],
          ['Hushåll', 340],
        ],
      });
    },
  },
  {
    id: 'formaterad-text-och-datum',
    build: (_wb, ws) => {
      ws.getCell('A34').value = {
        richText: [
          { text: 'Kommentar: ', font: { bold: true } },
          { text: 'prognosen är preliminär', font: { italic: true } },
        ],
      };
      ws.getCell('A35').value = 'Upprättad';
      ws.getCell('B35').value = new Date(Date.UTC(2024, 8, 15));
      ws.getCell('B35').numFmt = 'yyyy-mm-dd';
      ws.getCell('G6').value = new Date(Date.UTC(2024, 7, 31));
      ws.getCell('G6').numFmt = 'yyyy-mm-dd';
    },
  },
  {
    id: 'talformat-och-tema',
    build: (_wb, ws) => {
      for (let r = 5; r <= 8; r++) for (const c of [2, 3]) ws.getCell(r, c).numFmt = '#,##0;[Red]-#,##0';
      ws.getCell('E5').numFmt = '0.0" tkr"';
      for (let c = 1; c <= 6; c++) {
        ws.getCell(4, c).fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { theme: 4, tint: 0.7999816888943144 } as Partial<ExcelJS.Color>,
        };
        ws.getCell(4, c).font = { bold: true, color: { theme: 1 } };
      }
    },
    xml: (zip) =>
      setPart(zip, 'xl/theme/theme1.xml', (x) =>
        x
          .replace(/name="Office Theme"/, 'name="Budgetkoll tema"')
          .replace(/<a:accent1><a:srgbClr val="[0-9A-F]{6}"\/>/, '<a:accent1><a:srgbClr val="2E75B6"/>'),
      ),
  },
  {
    id: 'diagram',
    build: (_wb, ws) => {
      ws.getCell('H20').value = 'Diagrammet visar budget helår per verksamhet';
    },
    xml: addChart,
  },
  {
    id: 'berakningskedja',
    // Excel's calculation chain lists formula cells by address; ExcelJS writes none, so one is added.
    xml: async (zip) => {
      zip.file(
        'xl/calcChain.xml',
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B8" i="1"/><c r="C8"/><c r="D8"/><c r="E8"/></calcChain>',
      );
      await setPart(zip, 'xl/_rels/workbook.xml.rels', (x) =>
        x.replace(
          '</Relationships>',
          '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
        ),
      );
      await setPart(zip, '[Content_Types].xml', (x) =>
        x.replace(
          '</Types>',
          '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
        ),
      );
    },
  },
  {
    id: 'tabell-i-bandet',
    build: (_wb, ws) => {
      ws.addTable({
        name: 'Status',
        ref: 'H4',
        headerRow: true,
        columns: [{ name: 'Ansvarig' }, { name: 'Klar' }],
        rows: [
          ['Anna', 'Ja'],
          ['Bo', 'Nej'],
          ['Cecilia', 'Ja'],
        ],
      });
    },
  },
];

/** A clustered bar chart of Budget helår (E5:E7) by Verksamhet (A5:A7), anchored at H21:O37. */
async function addChart(zip: JSZip): Promise<void> {
  const chart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Budget helår per verksamhet</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${SHEET}!$E$4</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Budget helår</c:v></c:pt></c:strCache></c:strRef></c:tx><c:cat><c:strRef><c:f>${SHEET}!$A$5:$A$7</c:f><c:strCache><c:ptCount val="3"/><c:pt idx="0"><c:v>Familjerätt</c:v></c:pt><c:pt idx="1"><c:v>Flyktingmottagning</c:v></c:pt><c:pt idx="2"><c:v>Ekonomiskt bistånd</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>${SHEET}!$E$5:$E$7</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/><c:pt idx="0"><c:v>-480</c:v></c:pt><c:pt idx="1"><c:v>-10</c:v></c:pt><c:pt idx="2"><c:v>-29000</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser><c:gapWidth val="150"/><c:axId val="111"/><c:axId val="222"/></c:barChart><c:catAx><c:axId val="111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx><c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:crossAx val="111"/><c:crosses val="autoZero"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;
  const drawing = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>36</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
  zip.file('xl/charts/chart1.xml', chart);
  zip.file('xl/drawings/drawing1.xml', drawing);
  zip.file(
    'xl/drawings/_rels/drawing1.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
  );
  const relsPath = 'xl/worksheets/_rels/sheet1.xml.rels';
  const rel =
    '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>';
  if (zip.file(relsPath))
    await setPart(zip, relsPath, (x) => x.replace('</Relationships>', `${rel}</Relationships>`));
  else
    zip.file(
      relsPath,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
    );
  await setPart(zip, 'xl/worksheets/sheet1.xml', (x) => {
    // <drawing> follows pageMargins, pageSetup and headerFooter, and precedes legacyDrawing and tableParts.
    let at = x.indexOf('<pageMargins');
    for (const el of ['pageMargins', 'pageSetup', 'headerFooter']) {
      const start = x.indexOf(`<${el}`, at);
      if (start < 0) continue;
      const selfEnd = x.indexOf('/>', start);
      const gt = x.indexOf('>', start);
      at = selfEnd === gt - 1 ? gt + 1 : x.indexOf(`</${el}>`, start) + el.length + 3;
    }
    return `${x.slice(0, at)}<drawing r:id="rIdChart1"/>${x.slice(at)}`;
  });
  await setPart(zip, '[Content_Types].xml', (x) =>
    x.replace(
      '</Types>',
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
    ),
  );
}

async function lockStructure(zip: JSZip): Promise<void> {
  await setPart(zip, 'xl/workbook.xml', (x) =>
    x.replace(/(<workbookPr[^>]*\/>)/, '$1<workbookProtection lockStructure="1"/>'),
  );
}

async function build(features: Feature[], extra?: { build?: Build; xml?: PostXml }): Promise<Uint8Array> {
  const { wb, ws, other } = baseWorkbook();
  for (const f of features) await f.build?.(wb, ws, other);
  await extra?.build?.(wb, ws, other);
  const written = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
  const zip = await JSZip.loadAsync(written);
  for (const f of features) await f.xml?.(zip);
  await extra?.xml?.(zip);
  // A fixed date for every entry, so a corpus file's bytes are the same on every run.
  const date = new Date(Date.UTC(2024, 8, 15, 12));
  for (const file of Object.values(zip.files)) file.date = date;
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A store sheet as an earlier run of Budgetkoll left it (settings only). */
const storeBuild: Build = (wb) => {
  const store = wb.addWorksheet('Budgetkoll_data', { state: 'veryHidden' });
  store.getCell('A1').value = JSON.stringify({ format: 'budgetkoll/1', settings: {}, journal: [] });
  store.getCell('A1').numFmt = '@';
};

export async function buildCorpus(): Promise<CorpusEntry[]> {
  const entries: CorpusEntry[] = [];
  for (const f of FEATURES) entries.push({ name: f.id, features: [f.id], bytes: await build([f]) });
  entries.push({
    name: 'alla-funktioner',
    features: FEATURES.filter((f) => f.id !== 'tabell-i-bandet').map((f) => f.id),
    bytes: await build(FEATURES.filter((f) => f.id !== 'tabell-i-bandet')),
  });
  entries.push({
    name: 'skyddad-struktur-med-lager',
    features: ['arbetsboksskydd', 'lagerblad'],
    bytes: await build([], { build: storeBuild, xml: lockStructure }),
  });
  entries.push({
    name: 'skyddad-struktur-utan-lager',
    features: ['arbetsboksskydd'],
    bytes: await build([], { xml: lockStructure }),
    refusal: /Arbetsbokens struktur är skyddad/,
  });
  entries.push({
    name: 'skyddat-budgetblad',
    features: ['bladskydd på det ändrade bladet'],
    bytes: await build([], { build: async (_wb, ws) => void (await ws.protect('', {})) }),
    refusal: /Bladet ”Verksamhetsrapport” är skyddat/,
  });
  entries.push({
    name: 'sammanfogning-delas',
    features: ['sammanfogade celler som en infogning skulle dela'],
    bytes: await build([], {
      build: (_wb, ws) => {
        ws.getCell('H8').value = 'Not';
        ws.mergeCells('H8:H10');
      },
    }),
    refusal: /skulle dela de sammanfogade cellerna H8:H10/,
  });
  entries.push({
    name: 'tabell-over-budget',
    features: ['budgettabellen som Excel-tabell'],
    bytes: await build([], {
      xml: async (zip) => {
        // The budget range A4:F8 as a ListObject, written by hand so the cells stay as the base has them.
        zip.file(
          'xl/tables/table1.xml',
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Budget" displayName="Budget" ref="A4:F8" totalsRowShown="0"><autoFilter ref="A4:F8"/><tableColumns count="6"><tableColumn id="1" name="Verksamhet (tkr)"/><tableColumn id="2" name="Utfall perioden"/><tableColumn id="3" name="Budget perioden"/><tableColumn id="4" name="Prognos helår"/><tableColumn id="5" name="Budget helår"/><tableColumn id="6" name="Avvik. helår"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
        );
        zip.file(
          'xl/worksheets/_rels/sheet1.xml.rels',
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/></Relationships>',
        );
        await setPart(zip, 'xl/worksheets/sheet1.xml', (x) =>
          x.replace(
            '</worksheet>',
            '<tableParts count="1"><tablePart r:id="rIdT1"/></tableParts></worksheet>',
          ),
        );
        await setPart(zip, '[Content_Types].xml', (x) =>
          x.replace(
            '</Types>',
            '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>',
          ),
        );
      },
    }),
    refusal: /Excel-tabellen ”Budget” \(A4:F8\)/,
  });
  return entries;
}
