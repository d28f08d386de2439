/**
 * The report builders as plain data: what buildVerksamhetsrapport and
 * buildFoljetal plan for the Ekerö workbook, the draft text's figures, where
 * a report goes (never over a user's own sheet), the mapping's defaults and
 * the edits it keeps, labels that stay text, and the findings.
 */
import { GridBuilder, type Grid } from '../../src/core/grid';
import {
  buildFoljetal,
  buildVerksamhetsrapport,
  decodeMark,
  encodeMark,
  freeSheetName,
  placeSheet,
  planFingerprint,
  sheetFingerprint,
  type SheetPlan,
  type WorkbookSheet,
} from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { createSheet, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { modelToGrid } from '../../src/xlsx/grid';
import { BILAGA2, buildSampleWorkbook, ledgerWorkbook } from './workbooks';

function sheetsOf(model: WorkbookModel): WorkbookSheet[] {
  return model.sheets.map((s) => ({ name: s.name, grid: modelToGrid(model, s.name) }));
}

function cell(plan: SheetPlan, row: number, col: number) {
  return plan.cells.find((c) => c.row === row && c.col === col);
}

/** The grid a gateway reads back from a sheet that holds exactly what the plan wrote. */
function gridOf(name: string, plan: SheetPlan): Grid {
  const b = new GridBuilder(name);
  for (const c of plan.cells)
    b.set(c.row, c.col, c.formula ? { v: 0, f: c.formula } : { v: c.value ?? null });
  return b.build();
}

const NBSP = '\u00a0';

describe('buildVerksamhetsrapport on the Ekerö sample', () => {
  const sheets = sheetsOf(buildSampleWorkbook());
  const result = buildVerksamhetsrapport(sheets, DEFAULT_SETTINGS);
  const plan = result.sheets[0]!;

  it('reads the per-verksamhet table and references it directly, with deviation and SUMMA formulas', () => {
    expect(result.source).toBe('Verksamhetsrapport!A4:H20');
    expect(result.sheets).toHaveLength(1);
    expect(plan.kind).toBe('verksamhetsrapport');
    expect(plan.target).toEqual({ action: 'add', name: 'Verksamhetsrapport (2)' });
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((c) => cell(plan, 3, c)?.value)).toEqual([
      'Verksamhet (tkr)',
      ...BILAGA2.columns,
    ]);
    expect(cell(plan, 0, 0)!.value).toBe('Socialnämnden – Verksamhetsrapport januari–augusti 2024');
    // Row 6 of the report is "Vård och omsorg äldre/funkt", row 6 of the source.
    expect(cell(plan, 5, 0)!.value).toBe('Vård och omsorg äldre/funkt');
    expect(cell(plan, 5, 2)!.formula).toBe('=Verksamhetsrapport!C6');
    // Costs negative: deviation = utfall − budget.
    expect(cell(plan, 5, 4)!.formula).toBe('=C6-D6');
    expect(cell(plan, 5, 7)!.formula).toBe('=F6-G6');
    expect(cell(plan, 19, 0)!.value).toBe('SUMMA');
    expect(cell(plan, 19, 3)!.formula).toBe('=SUM(D5:D19)');
    expect(cell(plan, 19, 7)!.formula).toBe('=SUM(H5:H19)');
  });

  it('formats it as a report table and prints it A4 landscape, one page wide', () => {
    expect(plan.freezeRows).toBe(4);
    expect(plan.print).toMatchObject({
      orientation: 'landscape',
      paperSize: 'A4',
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      titleRows: { first: 0, last: 3 },
    });
    expect(plan.print.printArea).toMatchObject({ top: 0, left: 0, right: 7 });
    const sumFormat = plan.formats.find((f) => f.block.top === 19 && f.block.left === 1)!.format;
    expect(sumFormat).toMatchObject({ bold: true, borderTop: 'thin', numberFormat: '#,##0' });
    expect(plan.columnWidths.find((w) => w.col === 0)!.chars).toBeGreaterThanOrEqual(30);
  });

  it('binds a bar chart to a live sorted copy of the full-year deviation', () => {
    expect(plan.charts).toHaveLength(1);
    const chart = plan.charts[0]!;
    expect(chart).toMatchObject({
      type: 'barClustered',
      title: 'Avvikelse helår 2024 per verksamhet (tkr), störst först',
      categories: { top: 4, left: 9, bottom: 18, right: 9 },
      values: { top: 4, left: 10, bottom: 18, right: 10 },
      categoriesTopDown: true,
    });
    expect(cell(plan, 4, 11)!.formula).toBe('=IF(ISNUMBER(H5),H5,0)+ROW()/1000000000');
    expect(cell(plan, 4, 10)!.formula).toBe('=INDEX($H$5:$H$19,MATCH(LARGE($L$5:$L$19,1),$L$5:$L$19,0))');
    expect(cell(plan, 18, 9)!.formula).toBe('=INDEX($A$5:$A$19,MATCH(LARGE($L$5:$L$19,15),$L$5:$L$19,0))');
    // The chart prints on a page of its own, inside the print area.
    expect(plan.print.rowBreaks).toEqual([chart.anchor.from.row]);
    expect(plan.print.printArea.bottom).toBe(chart.anchor.to.row);
  });

  it('drafts the text with the figures of the seed’s own paragraph', () => {
    const [period, year, largest] = result.draft!.paragraphs as [string, string, string];
    expect(result.draft!.heading).toBe('Periodens ekonomiska resultat och prognos för året');
    expect(period).toContain(`uppgår till −412,1${NBSP}mnkr jämfört med −426,3${NBSP}mnkr i nettobudget`);
    expect(period).toContain(`avvikelse på +14,2${NBSP}mnkr (3,3${NBSP}% av nettobudgeten)`);
    expect(period).toContain(
      `Intäkterna överstiger budget med 1,4${NBSP}mnkr (1,0${NBSP}% av budgeterade intäkter)`,
    );
    expect(period).toContain(
      `kostnaderna understiger budget med 12,8${NBSP}mnkr (2,2${NBSP}% av budgeterade kostnader)`,
    );
    expect(year).toContain(`överskott på +13,1${NBSP}mnkr (2,0${NBSP}% av nämndens nettobudget)`);
    expect(largest).toContain(`Förvaltnings/myndighetskontor (+9,4${NBSP}mnkr)`);
    expect(largest).toContain(`Vård och omsorg äldre/funkt (−6,7${NBSP}mnkr)`);
    // Written below the table, one merged paragraph per row.
    expect(cell(plan, 21, 0)!.value).toBe(result.draft!.heading);
    expect(cell(plan, 22, 0)!.value).toBe(period);
    expect(plan.merges).toContainEqual({ top: 22, left: 0, bottom: 22, right: 7 });
  });

  it('carries a mark whose fingerprint is that of the planned cells', () => {
    expect(plan.mark).toEqual({ kind: 'verksamhetsrapport', fingerprint: planFingerprint(plan.cells) });
    expect(decodeMark(encodeMark(plan.mark))).toEqual(plan.mark);
    expect(decodeMark(`="${encodeMark(plan.mark)}"`)).toEqual(plan.mark);
    expect(decodeMark('="något annat"')).toBeUndefined();
  });
});

describe('where a report goes', () => {
  const sample = sheetsOf(buildSampleWorkbook());
  const first = buildVerksamhetsrapport(sample, DEFAULT_SETTINGS).sheets[0]!;
  const generated: WorkbookSheet = {
    name: 'Verksamhetsrapport (2)',
    grid: gridOf('Verksamhetsrapport (2)', first),
    mark: encodeMark(first.mark),
  };

  it('takes a free name beside a user’s own sheet, case-insensitively as Excel does', () => {
    expect(freeSheetName('Följetal', ['följetal', 'Följetal (2)'])).toBe('Följetal (3)');
    expect(freeSheetName('Verksamhetsrapport', ['Resultat'])).toBe('Verksamhetsrapport');
    expect(freeSheetName('A'.repeat(31), ['A'.repeat(31)])).toBe(`${'A'.repeat(27)} (2)`);
  });

  it('replaces the sheet it generated before, unedited: regeneration is idempotent', () => {
    const again = buildVerksamhetsrapport([...sample, generated], DEFAULT_SETTINGS).sheets[0]!;
    expect(again.target).toEqual({ action: 'replace', name: 'Verksamhetsrapport (2)', edited: false });
    expect(again.cells).toEqual(first.cells);
    expect(sheetFingerprint(generated.grid)).toBe(first.mark.fingerprint);
  });

  it('says so when the user edited the generated sheet since', () => {
    const b = new GridBuilder(generated.name);
    for (const c of first.cells)
      b.set(c.row, c.col, c.formula ? { v: 0, f: c.formula } : { v: c.value ?? null });
    b.set(30, 0, { v: 'Min kommentar' });
    const edited = { ...generated, grid: b.build() };
    const result = buildVerksamhetsrapport([...sample, edited], DEFAULT_SETTINGS);
    expect(result.sheets[0]!.target).toEqual({ action: 'replace', name: generated.name, edited: true });
    expect(result.findings.map((f) => f.code)).toContain('REPORT_SHEET_EDITED');
  });

  it('a formula read back as Excel writes it (quotes and $ dropped) fingerprints as written', () => {
    const b = new GridBuilder('X');
    b.set(0, 0, { v: 1, f: "='Följetal'!$B$6" });
    const c = new GridBuilder('X');
    c.set(0, 0, { v: 2, f: '=Följetal!B6' });
    expect(sheetFingerprint(b.build())).toBe(sheetFingerprint(c.build()));
    expect(placeSheet('foljetal', 'Följetal', sample)).toEqual({ action: 'add', name: 'Följetal (2)' });
  });
});

describe('the Rapportrader mapping for a konto-level ledger', () => {
  const ledger = sheetsOf(ledgerWorkbook(20));
  const result = buildVerksamhetsrapport(ledger, DEFAULT_SETTINGS);
  const [mapping, report] = result.sheets as [SheetPlan, SheetPlan];

  it('defaults each konto row to the sum it sits under and sums the lines with SUMIFS', () => {
    expect(mapping.kind).toBe('rapportrader');
    expect(mapping.activate).toBe(false);
    expect([0, 1, 2, 3].map((c) => cell(mapping, 3, c)!.value)).toEqual([
      'Källrad',
      'Kod',
      'Källtext',
      'Rapportrad',
    ]);
    expect(cell(mapping, 4, 1)!.value).toBe('510-4000');
    expect(cell(mapping, 4, 3)!.value).toBe('Nämnd- och styrelseverksamh.');
    expect(cell(mapping, 4, 5)!.formula).toBe('=Huvudbok!D5');
    // 15 verksamheter × 20 konton, and the sums themselves are not mapped.
    expect(mapping.cells.filter((c) => c.col === 0 && c.row > 3)).toHaveLength(300);
    expect(report.cells.filter((c) => c.col === 0 && c.row >= 4 && c.row < 19).map((c) => c.value)).toEqual(
      BILAGA2.rows.filter((r) => r.kind === 'item').map((r) => r.label),
    );
    expect(cell(report, 4, 2)!.formula).toBe(
      '=SUMIFS(Rapportrader!$F$5:$F$304,Rapportrader!$D$5:$D$304,$A5)',
    );
    expect(cell(report, 19, 0)!.value).toBe('SUMMA');
  });

  it('keeps the user’s edits to the mapping, and lists unmapped rows as Ej fördelat', () => {
    // The user moves konto row 5 to a new line and clears the line of row 6.
    const b = new GridBuilder(mapping.target.name);
    for (const c of mapping.cells) {
      let value = c.value;
      if (c.col === 3 && c.row === 4) value = 'Ny rad';
      if (c.col === 3 && c.row === 5) continue;
      b.set(c.row, c.col, c.formula ? { v: 0, f: c.formula } : { v: value ?? null });
    }
    const edited: WorkbookSheet = {
      name: mapping.target.name,
      grid: b.build(),
      mark: encodeMark(mapping.mark),
    };
    const again = buildVerksamhetsrapport([...ledger, edited], DEFAULT_SETTINGS);
    const [map2, rep2] = again.sheets as [SheetPlan, SheetPlan];
    expect(map2.target).toEqual({ action: 'replace', name: 'Rapportrader', edited: false });
    expect(cell(map2, 4, 3)!.value).toBe('Ny rad');
    expect(cell(map2, 5, 3)).toBeUndefined();
    const labels = rep2.cells.filter((c) => c.col === 0 && c.row >= 4).map((c) => c.value);
    expect(labels.slice(0, 2)).toEqual(['Ny rad', 'Nämnd- och styrelseverksamh.']);
    expect(labels).toContain('Ej fördelat');
    const unmapped = rep2.cells.find((c) => c.col === 0 && c.value === 'Ej fördelat')!;
    expect(cell(rep2, unmapped.row, 2)!.formula).toBe(
      `=SUM(Rapportrader!$F$5:$F$304)-SUM(C5:C${unmapped.row})`,
    );
    const f = again.findings.find((x) => x.code === 'REPORT_UNMAPPED_ROWS')!;
    expect(f.message).toContain('1 rader i Huvudbok har ingen rapportrad');
    expect(f.message).toContain('rad 6 ”Köp av huvudverksamhet 4010”');
  });
});

describe('labels and missing parts', () => {
  function table(labels: string[], withForecast = true): WorkbookModel {
    const s = createSheet('Budget');
    s.cells.clear();
    setCellData(s, 0, 0, { value: 'Socialnämnden – Budget per verksamhet 2024-08' });
    const header = [
      'Verksamhet',
      'Utfall perioden',
      'Budget perioden',
      ...(withForecast ? ['Prognos helår'] : []),
      'Budget helår',
    ];
    header.forEach((h, c) => setCellData(s, 2, c, { value: h }));
    labels.forEach((l, i) => {
      setCellData(s, 3 + i, 0, { value: l });
      // Figures that add up to nothing, so no row reads as a sum of others.
      const v = (k: number) => -(101 + 37 * i * i + 13 * k + 7 * ((i * k) % 5));
      const vals = withForecast ? [v(0), v(1), v(2), v(3)] : [v(0), v(1), v(3)];
      vals.forEach((v, j) => setCellData(s, 3 + i, 1 + j, { value: v }));
    });
    return { sheets: [s], activeSheet: 'Budget' };
  }

  it('copies labels that start with =, +, - or @ as text, never as formulas', () => {
    const labels = ['=Övrigt', '+Tillägg', '@Central', 'Vanlig'];
    const plan = buildVerksamhetsrapport(sheetsOf(table(labels)), DEFAULT_SETTINGS).sheets[0]!;
    const written = plan.cells.filter((c) => c.col === 0 && c.row >= 4 && c.row < 8);
    expect(written.map((c) => c.value)).toEqual(labels);
    expect(written.every((c) => c.formula === undefined)).toBe(true);
    // The table model reads a "-x" row under an item as its varav; the följetal keeps every row it shows.
    const volumes = sheetsOf(buildSampleWorkbook());
    const f = volumes.find((s) => s.name === 'Följetal')!;
    const b = new GridBuilder('Följetal');
    for (const r of f.grid.rows)
      r.cols.forEach((c, k) =>
        b.set(r.index, c, r.index === 5 && c === 0 ? { v: '-Hemtjänst' } : r.cells[k]!),
      );
    const plan3 = buildFoljetal([{ name: 'Följetal', grid: b.build() }], DEFAULT_SETTINGS).sheets[0]!;
    expect(cell(plan3, 5, 0)).toEqual({ row: 5, col: 0, value: '-Hemtjänst' });
  });

  it('charts the 15 largest and the 15 smallest deviations when there are more than 30 lines', () => {
    const labels = Array.from({ length: 40 }, (_, i) => `Verksamhet ${i + 1}`);
    const plan = buildVerksamhetsrapport(sheetsOf(table(labels)), DEFAULT_SETTINGS).sheets[0]!;
    const chart = plan.charts[0]!;
    expect(chart.categories).toEqual({ top: 4, left: 9, bottom: 33, right: 9 });
    expect(chart.title).toContain('(de 15 största och de 15 minsta av 40)');
    const keys = '$L$5:$L$44';
    expect(cell(plan, 18, 9)!.formula).toBe(`=INDEX($A$5:$A$44,MATCH(LARGE(${keys},15),${keys},0))`);
    expect(cell(plan, 19, 9)!.formula).toBe(`=INDEX($A$5:$A$44,MATCH(LARGE(${keys},26),${keys},0))`);
    expect(cell(plan, 33, 10)!.formula).toBe(`=INDEX($H$5:$H$44,MATCH(LARGE(${keys},40),${keys},0))`);
    expect(cell(plan, 34, 9)).toBeUndefined();
    // Every line still has its sort key.
    expect(cell(plan, 43, 11)!.formula).toBe('=IF(ISNUMBER(H44),H44,0)+ROW()/1000000000');
  });

  it('leaves a column the source lacks empty and says so', () => {
    const r = buildVerksamhetsrapport(sheetsOf(table(['A', 'B', 'C'], false)), DEFAULT_SETTINGS);
    const plan = r.sheets[0]!;
    expect(plan.cells.filter((c) => c.col === 5 && c.row >= 4)).toHaveLength(0);
    expect(plan.cells.filter((c) => c.col === 7 && c.row >= 4)).toHaveLength(0);
    const missing = r.findings.filter((f) => f.code === 'REPORT_MISSING_COLUMN');
    expect(missing.map((f) => f.message.match(/”([^”]+)”/)![1])).toEqual([
      'Utfall perioden 2023',
      'Prognos helår',
    ]);
    // Without a forecast the chart has nothing to show.
    expect(plan.charts).toHaveLength(0);
  });

  it('a workbook without a fitting table gets a Swedish error and no sheet', () => {
    const s = createSheet('Anteckningar');
    setCellData(s, 0, 0, { value: 'Inget att rapportera' });
    const model = { sheets: [s], activeSheet: s.name };
    for (const build of [buildVerksamhetsrapport, buildFoljetal]) {
      const r = build(sheetsOf(model), DEFAULT_SETTINGS);
      expect(r.sheets).toHaveLength(0);
      expect(r.findings[0]).toMatchObject({
        severity: 'error',
        code: 'REPORT_NO_SOURCE',
        sheet: 'Anteckningar',
      });
      expect(r.findings[0]!.message).toMatch(/^Arbetsboken har ingen tabell/);
    }
    const named = buildVerksamhetsrapport(sheetsOf(model), DEFAULT_SETTINGS, { sourceSheet: 'Saknas' });
    expect(named.findings[0]!.message).toBe(
      'Bladet ”Saknas” finns inte i arbetsboken. Ange ett av bladen: ”Anteckningar”.',
    );
  });
});

describe('buildFoljetal on the Ekerö sample', () => {
  const result = buildFoljetal(sheetsOf(buildSampleWorkbook()), DEFAULT_SETTINGS);
  const plan = result.sheets[0]!;

  it('keeps Bilaga 3’s legend, group headers, footnotes and live references', () => {
    expect(plan.target).toEqual({ action: 'add', name: 'Följetal (2)' });
    expect(cell(plan, 3, 0)!.value).toBe('Avvik (+) fler än budget (-) färre än budget');
    expect(cell(plan, 4, 0)!.value).toBe('Äldreomsorg');
    expect(plan.cells.filter((c) => c.row === 4)).toHaveLength(1);
    expect(plan.formats.some((f) => f.block.top === 4 && f.format.bold)).toBe(true);
    expect(cell(plan, 5, 0)!.value).toBe('Hemtjänst, timmar ¹');
    expect(cell(plan, 5, 2)!.formula).toBe("='Följetal'!C6");
    expect(cell(plan, 5, 4)!.formula).toBe('=IF(AND(ISNUMBER(C6),ISNUMBER(D6)),C6-D6,"..")');
    expect(cell(plan, 32, 0)!.value).toBe('³ Omfattar även kvalificerad kontaktperson');
    expect(plan.cells.filter((c) => c.row === 32)).toHaveLength(1);
    expect(plan.print).toMatchObject({ orientation: 'landscape', fitToPagesWide: 1 });
  });
});
