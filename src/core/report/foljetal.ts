/**
 * Skapa följetal: the volumes table in Bilaga 3's layout. The sign legend in
 * the first header cell, group header rows, items with live references to
 * the source, deviations as formulas (more than budget is +), footnote
 * markers and footnote rows kept, ".." kept as "..", thousands grouped.
 */
import { a1, cellAt, hasContent } from '../grid';
import type { ColumnRole, Finding, Settings } from '../schemas';
import { AMOUNT_FORMAT, PlanBuilder, namndOf, periodCode, periodText, reportPrint, sheetRef } from './common';
import { planFingerprint } from './mark';
import { placeSheet } from './placement';
import type { ReportOptions, ReportResult, SheetPlan, WorkbookSheet } from './sheetPlan';
import { CODES_REPORT, reportFinding, volumesSource } from './source';

export const FOLJETAL_SHEET = 'Följetal';
export const FOLJETAL_LEGEND = 'Avvik (+) fler än budget (-) färre än budget';

const MEASURES: readonly {
  role: ColumnRole;
  col: number;
  header: (code?: string, year?: number) => string;
}[] = [
  { role: 'outcome_prior_year', col: 1, header: (c) => (c ? `Utfall ${c}` : 'Utfall fg år') },
  { role: 'outcome', col: 2, header: (c) => (c ? `Utfall ${c}` : 'Utfall perioden') },
  { role: 'budget_period', col: 3, header: (c) => (c ? `Budget ${c}` : 'Budget perioden') },
  { role: 'forecast', col: 5, header: (_c, y) => (y ? `Prognos ${y}` : 'Prognos helår') },
  { role: 'budget_annual', col: 6, header: (_c, y) => (y ? `Budget ${y}` : 'Budget helår') },
];
const DEVIATIONS = [
  { col: 4, actual: 2, budget: 3, header: 'Avvik. period' },
  { col: 7, actual: 5, budget: 6, header: 'Avvik. helår' },
] as const;
const LAST_COL = 7;
const HEADER_ROW = 3;
const FIRST_ROW = 4;

export function buildFoljetal(
  sheets: readonly WorkbookSheet[],
  settings: Settings,
  options: ReportOptions = {},
): ReportResult {
  const src = volumesSource(sheets, settings, options.sourceSheet);
  if ('findings' in src) return { kind: 'foljetal', sheets: [], findings: src.findings };
  const t = src.table;
  const sourceName = src.sheet.name;
  const grid = src.sheet.grid;
  const findings: Finding[] = [];
  const period = t.model.period;
  const year = period?.year;
  const codeNow = periodCode(period);
  const codePrior = periodCode(period, -1);

  for (const m of MEASURES) {
    if (t.byRole(m.role)) continue;
    findings.push(
      reportFinding(
        'warning',
        CODES_REPORT.REPORT_MISSING_COLUMN,
        sourceName,
        a1(t.model.headerRows[t.model.headerRows.length - 1]! - 1, t.model.labelColumn),
        `Följetalstabellen ${sourceName}!${t.model.range} saknar kolumnen ”${m.header(m.role === 'outcome_prior_year' ? codePrior : codeNow, year)}”: den lämnas tom. ` +
          'Lägg till kolumnen i källan och skapa följetalen igen om den ska vara med.',
      ),
    );
  }

  const target = placeSheet('foljetal', FOLJETAL_SHEET, sheets);
  const b = new PlanBuilder();
  const namnd = namndOf([t.model.title, sourceName]) ?? '';
  const when = periodText(period);
  b.text(0, 0, `${namnd ? `${namnd} – ` : ''}Följetal${when ? ` ${when}` : ''}`);
  b.text(1, 0, `${when ? `Period: ${when}. ` : ''}Källa: ${sourceName}!${t.model.range}.`);
  b.text(HEADER_ROW, 0, FOLJETAL_LEGEND);
  for (const m of MEASURES)
    b.text(HEADER_ROW, m.col, m.header(m.role === 'outcome_prior_year' ? codePrior : codeNow, year));
  for (const d of DEVIATIONS) b.text(HEADER_ROW, d.col, d.header);

  let row = FIRST_ROW;
  const groupRows: number[] = [];
  const footnoteRows: number[] = [];
  const sumRows: number[] = [];
  let labelWidth = 30;
  for (let p = 0; p < t.data.n; p++) {
    const kind = t.kinds[p]!;
    if (t.data.headerRepeats.has(p) || kind === 'blank' || kind === 'header') continue;
    const label = t.data.labels[p]!;
    if (label === '' && kind !== 'item') continue;
    const r = row++;
    b.text(r, 0, label);
    if (kind === 'footnote') {
      footnoteRows.push(r);
      continue;
    }
    labelWidth = Math.max(labelWidth, label.length + 2);
    if (kind === 'group_header') {
      groupRows.push(r);
      continue;
    }
    if (kind === 'subtotal' || kind === 'total') sumRows.push(r);
    const srcRow = t.data.rows[p]!;
    for (const m of MEASURES) {
      const c = t.byRole(m.role);
      if (!c) continue;
      const ref = sheetRef(sourceName, srcRow, c.col);
      // An empty source cell stays empty (a bare reference would show 0).
      b.formula(
        r,
        m.col,
        hasContent(cellAt(grid, srcRow, c.col)) ? `=${ref}` : `=IF(ISBLANK(${ref}),"",${ref})`,
      );
    }
    for (const d of DEVIATIONS) {
      const hasA = MEASURES.some((m) => m.col === d.actual && t.byRole(m.role));
      const hasB = MEASURES.some((m) => m.col === d.budget && t.byRole(m.role));
      if (!hasA || !hasB) continue;
      const x = a1(r, d.actual);
      const y = a1(r, d.budget);
      b.formula(r, d.col, `=IF(AND(ISNUMBER(${x}),ISNUMBER(${y})),${x}-${y},"..")`);
    }
  }
  const last = row - 1;

  b.merge(0, 0, 0, LAST_COL);
  b.merge(1, 0, 1, LAST_COL);
  b.format(0, 0, 0, 0, { bold: true, fontSize: 14 });
  b.format(1, 0, 1, 0, { italic: true });
  b.format(HEADER_ROW, 0, HEADER_ROW, 0, {
    bold: true,
    wrapText: true,
    verticalAlignment: 'bottom',
    borderBottom: 'thin',
  });
  b.format(HEADER_ROW, 1, HEADER_ROW, LAST_COL, {
    bold: true,
    wrapText: true,
    verticalAlignment: 'bottom',
    horizontalAlignment: 'right',
    borderBottom: 'thin',
  });
  b.format(FIRST_ROW, 1, last, LAST_COL, { numberFormat: AMOUNT_FORMAT, horizontalAlignment: 'right' });
  for (const g of groupRows) b.format(g, 0, g, 0, { bold: true });
  for (const s of sumRows) b.format(s, 0, s, LAST_COL, { bold: true, borderTop: 'thin' });
  if (footnoteRows.length > 0) {
    const f0 = footnoteRows[0]!;
    b.format(f0, 0, footnoteRows[footnoteRows.length - 1]!, 0, { italic: true, fontSize: 9 });
    b.format(f0, 0, f0, LAST_COL, { borderTop: 'thin' });
  }
  b.width(0, Math.min(55, labelWidth));
  for (let col = 1; col <= LAST_COL; col++) b.width(col, 14);
  b.height(HEADER_ROW, 32);

  const cells = b.sortedCells();
  const plan: SheetPlan = {
    kind: 'foljetal',
    target,
    cells,
    formats: b.formats,
    columnWidths: b.columnWidths,
    rowHeights: b.rowHeights,
    merges: b.merges,
    freezeRows: HEADER_ROW + 1,
    print: reportPrint(HEADER_ROW, Math.max(last, HEADER_ROW), LAST_COL),
    charts: [],
    mark: { kind: 'foljetal', fingerprint: planFingerprint(cells) },
    activate: true,
  };
  if (target.action === 'replace' && target.edited)
    findings.push(
      reportFinding(
        'warning',
        CODES_REPORT.REPORT_SHEET_EDITED,
        target.name,
        'A1',
        `Bladet ”${target.name}” har ändrats sedan Budgetkoll skapade det. Att skapa följetalen igen ersätter ändringarna.`,
      ),
    );
  findings.push(
    reportFinding(
      'info',
      CODES_REPORT.REPORT_CREATED,
      target.name,
      'A1',
      `Följetalen ${target.action === 'replace' ? 'ersätter' : 'skapas på'} bladet ”${target.name}” från ${sourceName}!${t.model.range}.`,
    ),
  );
  return { kind: 'foljetal', sheets: [plan], findings, source: `${sourceName}!${t.model.range}` };
}
