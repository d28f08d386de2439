/**
 * The package editor on hand-written packages, where the XML is exactly as
 * given: what Excel, LibreOffice and other writers put in files that ExcelJS
 * never produces (prefixed namespaces, cells and rows without addresses,
 * shared formulas written over, a store sheet already there, no styles).
 */
import JSZip from 'jszip';
import { patchXlsx, readXlsx, XlsxPatchError, type PackageEdits } from '../../src/xlsx';
import { findSheet, getCellData } from '../../src/workbook/model';
import { STORE_SHEET } from '../../src/core/store';
import { all, parseXml } from './corpus/xmlTree';
import { arithmeticReads, mentionsName } from '../../src/xlsx/patch/refs';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Pkg {
  sheets: { name: string; xml: string; state?: string }[];
  styles?: string;
  sharedStrings?: string[];
  workbookExtra?: string;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border/><border><left style="thin"/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

async function pkg(p: Pkg): Promise<Uint8Array> {
  const zip = new JSZip();
  const overrides = p.sheets.map(
    (_s, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  );
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join('')}${p.styles === undefined ? '' : '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'}${p.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const rels = p.sheets.map(
    (_s, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  if (p.styles !== undefined) rels.push(`<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`);
  if (p.sharedStrings)
    rels.push(`<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  const sheets = p.sheets.map(
    (s, i) =>
      `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets.join('')}</sheets>${p.workbookExtra ?? ''}</workbook>`,
  );
  p.sheets.forEach((s, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, s.xml));
  if (p.styles !== undefined) zip.file('xl/styles.xml', p.styles);
  if (p.sharedStrings)
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${p.sharedStrings.length}" uniqueCount="${p.sharedStrings.length}">${p.sharedStrings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`,
    );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function sheet(body: string, tail = '', root = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`): string {
  const close = root.startsWith('<x:') ? '</x:worksheet>' : '</worksheet>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${root}${body}${tail}${close}`;
}

async function part(bytes: Uint8Array, path: string): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file(path)!.async('string');
}

async function patched(p: Pkg, edits: PackageEdits): Promise<Uint8Array> {
  return patchXlsx(await pkg(p), edits);
}

const BUDGET = `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>100</v></c><c r="C2" s="1"><v>90</v></c></row><row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" s="1"><v>50</v></c><c r="C3" s="1"><v>60</v></c></row></sheetData>`;
const STRINGS = ['Verksamhet', 'Utfall', 'Budget', 'Hemtjänst', 'Boende'];

describe('patchXlsx', () => {
  it('returns the input bytes when there is nothing to change', async () => {
    const input = await pkg({
      sheets: [{ name: 'Drift', xml: sheet(BUDGET) }],
      styles: STYLES,
      sharedStrings: STRINGS,
    });
    const out = await patchXlsx(input, { sheets: [{ sheet: 'Drift', inserts: [], cells: [] }] });
    expect(Buffer.from(out).equals(Buffer.from(input))).toBe(true);
  });

  it('writes text as inline strings that stay text, escaping what XML and Excel would read otherwise', async () => {
    const out = await patched(
      { sheets: [{ name: 'Drift', xml: sheet(BUDGET) }], styles: STYLES, sharedStrings: STRINGS },
      {
        sheets: [
          {
            sheet: 'Drift',
            inserts: [],
            cells: [
              { row: 0, col: 3, value: '=Summa' },
              { row: 1, col: 3, value: 'kod _x0041_ & <mer>' },
              { row: 2, col: 3, value: ' två\tmellanrum ' },
              { row: 3, col: 0, value: 'halvt \uD800 tecken' },
            ],
          },
        ],
      },
    );
    // The shared strings stay as they were; written text lives in the cells.
    expect(await part(out, 'xl/sharedStrings.xml')).toContain('<t>Hemtjänst</t>');
    const model = await readXlsx(out);
    const s = findSheet(model, 'Drift')!;
    expect(getCellData(s, 0, 3)?.value).toBe('=Summa');
    expect(getCellData(s, 0, 3)?.formula).toBeUndefined();
    // Excel and LibreOffice decode _xHHHH_ in cell text, so a literal one has its underscore escaped, and reads back as written.
    expect(getCellData(s, 1, 3)?.value).toBe('kod _x0041_ & <mer>');
    expect(getCellData(s, 2, 3)?.value).toBe(' två\tmellanrum ');
    const xml = await part(out, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('_x005F_x0041_');
    expect(xml).toContain('_xD800_');
    // "=Summa" carries Excel's quote prefix, so editing the cell in Excel keeps it text.
    const styles = parseXml(await part(out, 'xl/styles.xml'));
    const d1 = /<c r="D1" s="(\d+)"/.exec(xml)![1]!;
    expect(all(all(styles, 'cellXfs')[0]!, 'xf')[Number(d1)]!.attrs.quotePrefix).toBe('1');
  });

  it('clones the cell’s own format for a changed property and reuses an identical entry', async () => {
    const out = await patched(
      { sheets: [{ name: 'Drift', xml: sheet(BUDGET) }], styles: STYLES, sharedStrings: STRINGS },
      {
        sheets: [
          {
            sheet: 'Drift',
            inserts: [],
            cells: [
              { row: 1, col: 1, fill: '#FFF2CC', italic: true },
              { row: 2, col: 1, fill: '#FFF2CC', italic: true },
              // The format it already has: the index stays.
              { row: 1, col: 2, numberFormat: '#,##0' },
              { row: 2, col: 2, numberFormat: '0.0' },
            ],
          },
        ],
      },
    );
    const xml = await part(out, 'xl/worksheets/sheet1.xml');
    const s = (ref: string) => /s="(\d+)"/.exec(new RegExp(`<c r="${ref}"[^>]*>`).exec(xml)![0])![1];
    expect(s('B2')).toBe(s('B3'));
    expect(s('B2')).toBe('3');
    expect(s('C2')).toBe('1');
    expect(s('C3')).toBe('4');
    const styles = parseXml(await part(out, 'xl/styles.xml'));
    const xfs = all(all(styles, 'cellXfs')[0]!, 'xf');
    expect(all(styles, 'cellXfs')[0]!.attrs.count).toBe('5');
    // The clone keeps the border of the original (borderId 1), and gets the fill and an italic font.
    expect(xfs[3]!.attrs).toMatchObject({ borderId: '1', numFmtId: '3', fillId: '2', fontId: '1' });
    expect(xfs[4]!.attrs).toMatchObject({ borderId: '1', numFmtId: '164' });
    expect(all(all(styles, 'fonts')[0]!, 'font')[1]!.children.map((c) => c.name)).toContain('i');
    // The values are untouched.
    expect(xml).toContain('<c r="B2" s="3"><v>100</v></c>');
  });

  it('reads rows and cells without addresses and prefixed elements, and writes them addressed', async () => {
    const root = `<x:worksheet xmlns:x="${MAIN}" xmlns:r="${REL}">`;
    const body = `<x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c t="s"><x:v>3</x:v></x:c><x:c><x:v>100</x:v></x:c><x:c><x:v>90</x:v></x:c><x:c><x:f>B2*2</x:f><x:v>200</x:v></x:c></x:row></x:sheetData>`;
    const out = await patched(
      { sheets: [{ name: 'Drift', xml: sheet(body, '', root) }], styles: STYLES, sharedStrings: STRINGS },
      {
        sheets: [
          {
            sheet: 'Drift',
            inserts: [{ col: 2, top: 0, bottom: 1 }],
            cells: [{ row: 1, col: 2, formula: '=B2-D2' }],
          },
        ],
      },
    );
    const xml = await part(out, 'xl/worksheets/sheet1.xml');
    parseXml(xml);
    expect(xml).toContain(
      '<x:c r="C2"><x:f>B2-D2</x:f></x:c><x:c r="D2"><x:v>90</x:v></x:c><x:c r="E2"><x:f>B2*2</x:f>',
    );
    // ExcelJS cannot read prefixed worksheets at all; the cells are checked in the XML.
    expect(xml).toContain(
      '<x:row r="1"><x:c t="s" r="A1"><x:v>0</x:v></x:c><x:c r="B1"><x:v>1</x:v></x:c><x:c r="D1"><x:v>2</x:v></x:c></x:row>',
    );
  });

  it('writes out a shared formula whose master is overwritten, and keeps the others', async () => {
    const body = `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row><row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row></sheetData>`;
    const out = await patched(
      { sheets: [{ name: 'Drift', xml: sheet(body) }], styles: STYLES },
      { sheets: [{ sheet: 'Drift', inserts: [], cells: [{ row: 0, col: 1, formula: '=A1*3', result: 3 }] }] },
    );
    const xml = await part(out, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<c r="B1"><f>A1*3</f><v>3</v></c>');
    expect(xml).toContain('<c r="B2"><f>A2*2</f><v>4</v></c>');
    expect(xml).toContain('<c r="B3"><f>A3*2</f><v>6</v></c>');
  });

  it('refuses to cut an array formula or to write into one, and to push content past XFD', async () => {
    const arrays = `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="array" ref="B1:C1">A1:A1*2</f><v>2</v></c><c r="C1"><v>2</v></c></row></sheetData>`;
    const input = { sheets: [{ name: 'Drift', xml: sheet(arrays) }], styles: STYLES };
    await expect(
      patched(input, { sheets: [{ sheet: 'Drift', inserts: [{ col: 2, top: 0, bottom: 0 }], cells: [] }] }),
    ).rejects.toThrow(/matrisformeln i B1:C1/);
    await expect(
      patched(input, { sheets: [{ sheet: 'Drift', inserts: [], cells: [{ row: 0, col: 2, value: 5 }] }] }),
    ).rejects.toThrow(XlsxPatchError);
    const edge = `<sheetData><row r="1"><c r="XFD1"><v>1</v></c></row></sheetData>`;
    await expect(
      patched(
        { sheets: [{ name: 'Drift', xml: sheet(edge) }], styles: STYLES },
        { sheets: [{ sheet: 'Drift', inserts: [{ col: 3, top: 0, bottom: 0 }], cells: [] }] },
      ),
    ).rejects.toThrow(/XFD1 då skulle hamna utanför bladet/);
  });

  it('replaces the cells of an existing store sheet and leaves its visibility alone', async () => {
    const store = sheet(
      `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData>`,
    );
    const out = await patched(
      {
        sheets: [
          { name: 'Drift', xml: sheet(BUDGET) },
          { name: STORE_SHEET, xml: store, state: 'veryHidden' },
        ],
        styles: STYLES,
        sharedStrings: STRINGS,
      },
      { sheets: [], store: ['{"format":"budgetkoll/1","journal":[{"d":"<&>"}]}'] },
    );
    const model = await readXlsx(out);
    const s = findSheet(model, STORE_SHEET)!;
    expect(s.visibility).toBe('VeryHidden');
    expect(getCellData(s, 0, 0)?.value).toBe('{"format":"budgetkoll/1","journal":[{"d":"<&>"}]}');
    expect(getCellData(s, 1, 0)).toBeUndefined();
    // The user's sheet and the workbook part are untouched: only the store changed.
    expect(await part(out, 'xl/worksheets/sheet1.xml')).toBe(sheet(BUDGET));
    expect(await part(out, 'xl/workbook.xml')).not.toContain('fullCalcOnLoad');
  });

  it('creates styles when the package has none, and the calculation flag where the schema puts it', async () => {
    const out = await patched(
      { sheets: [{ name: 'Drift', xml: sheet(BUDGET) }], sharedStrings: STRINGS, workbookExtra: '<extLst/>' },
      {
        sheets: [
          {
            sheet: 'Drift',
            inserts: [],
            cells: [{ row: 1, col: 3, formula: '=B2-C2', numberFormat: '#,##0' }],
          },
        ],
      },
    );
    const styles = parseXml(await part(out, 'xl/styles.xml'));
    expect(all(all(styles, 'cellXfs')[0]!, 'xf')).toHaveLength(2);
    const wb = await part(out, 'xl/workbook.xml');
    expect(wb).toContain('<calcPr fullCalcOnLoad="1"/><extLst/>');
    expect(await part(out, '[Content_Types].xml')).toContain('/xl/styles.xml');
    expect((await readXlsx(out)).sheets[0]!.cells.get('1,3')).toMatchObject({
      formula: '=B2-C2',
      numberFormat: '#,##0',
    });
  });

  it('moves a cross-sheet reference with a quoted sheet name', async () => {
    const other = sheet(
      `<sheetData><row r="1"><c r="A1"><f>'Drift ''24'!C2+Drift!C2</f><v>0</v></c></row></sheetData>`,
    );
    const out = await patched(
      {
        sheets: [
          { name: "Drift '24", xml: sheet(BUDGET) },
          { name: 'Summa', xml: other },
        ],
        styles: STYLES,
        sharedStrings: STRINGS,
      },
      { sheets: [{ sheet: "Drift '24", inserts: [{ col: 1, top: 0, bottom: 2 }], cells: [] }] },
    );
    expect(await part(out, 'xl/worksheets/sheet2.xml')).toContain(`<f>'Drift ''24'!D2+Drift!C2</f>`);
  });
});

describe('the editor’s formula questions', () => {
  it('knows plain arithmetic, whose result JavaScript computes as Excel does', () => {
    expect(arithmeticReads('=B6+(F6-C6)')?.map((r) => r.rect)).toEqual([
      { top: 5, bottom: 5, left: 1, right: 1 },
      { top: 5, bottom: 5, left: 5, right: 5 },
      { top: 5, bottom: 5, left: 2, right: 2 },
    ]);
    expect(arithmeticReads("=SUM('Blad 1'!B5:B9)*12/8")).toEqual([
      { sheet: 'Blad 1', rect: { top: 4, bottom: 8, left: 1, right: 1 } },
    ]);
    for (const f of ['=IF(A1,1,2)', '=A1&B1', '=SUM(UtfallAlla)', '=A1>0', '=SUM(A:A)', '=N(B5)-C5'])
      expect([f, arithmeticReads(f)]).toEqual([f, undefined]);
  });

  it('finds a defined name in a formula, not inside text, a longer name or a function', () => {
    expect(mentionsName('SUM(PrognosAlla)*2', ['prognosalla'])).toBe(true);
    expect(mentionsName("'Blad 1'!PrognosAlla", ['prognosalla'])).toBe(true);
    expect(mentionsName('SUM(PrognosAllaGamla)', ['prognosalla'])).toBe(false);
    expect(mentionsName('"PrognosAlla"&A1', ['prognosalla'])).toBe(false);
    expect(mentionsName('Budget(1)', ['budget'])).toBe(false);
  });
});
