/**
 * Skapa verksamhetsrapport: the budget sheet's table as Bilaga 2 lays it out
 * (one row per verksamhet, SUMMA, period and full-year deviations), every
 * figure a live formula on the source: a direct reference when the source
 * has one row per verksamhet, SUMIFS over the mapping sheet (Rapportrader)
 * when it is finer. A bar chart of the full-year deviation, sorted largest
 * first through a live helper range, and a draft text follow the table.
 */
import { a1, columnLetter, rangeA1 } from '../grid';
import { conventionDirection, type TableReading } from '../model';
import type { ColumnRole, Finding, Settings } from '../schemas';
import { stripFootnoteMarkers } from '../text';
import {
  AMOUNT_FORMAT,
  PlanBuilder,
  namndOf,
  periodText,
  sheetColumnRange,
  sheetRef,
  unitText,
  wrappedHeight,
  reportPrint,
} from './common';
import { draftText, type DraftLine, type DraftSides } from './draft';
import { planFingerprint } from './mark';
import {
  buildMapping,
  MAPPING_COL,
  MAPPING_HEADER_ROW,
  MAPPING_SHEET,
  needsMapping,
  type Mapping,
} from './mapping';
import { placeSheet } from './placement';
import type { ReportOptions, ReportResult, SheetPlan, SheetTarget, WorkbookSheet } from './sheetPlan';
import { CODES_REPORT, reportFinding, resultTable, verksamhetSource } from './source';

export const VERKSAMHET_SHEET = 'Verksamhetsrapport';
export const UNMAPPED_LINE = 'Ej fördelat';

/** The measures the report shows, in the source's roles, and their report columns (A is the label). */
const MEASURES: readonly { role: ColumnRole; col: number; header: (year?: number) => string }[] = [
  {
    role: 'outcome_prior_year',
    col: 1,
    header: (y) => (y ? `Utfall perioden ${y - 1}` : 'Utfall perioden fg år'),
  },
  { role: 'outcome', col: 2, header: () => 'Utfall perioden' },
  { role: 'budget_period', col: 3, header: () => 'Budget perioden' },
  { role: 'forecast', col: 5, header: () => 'Prognos helår' },
  { role: 'budget_annual', col: 6, header: () => 'Budget helår' },
];
/** Deviation columns: report column, actual column, budget column. */
const DEVIATIONS = [
  { col: 4, actual: 2, budget: 3, header: 'Avvikelse perioden' },
  { col: 7, actual: 5, budget: 6, header: 'Avvik. helår' },
] as const;
const LAST_COL = 7;
/** Report layout: title, period line, blank, header, lines. */
const HEADER_ROW = 3;
const FIRST_LINE = 4;
/** The chart's live sorted data, right of the printed table. */
const HELPER = { label: 9, value: 10, key: 11 } as const;
const CHART_ROWS = 22;
/** More bars than this do not read on a printed page: the chart shows the largest and the smallest half each. */
const MAX_BARS = 30;
const GREY = '#808080';

interface Line {
  label: string;
  /** Formula per measure column (report col → formula), absent where the source lacks the measure. */
  refs: Map<number, string>;
  /** Values per report column at build time (1..7), NaN where none. */
  values: number[];
  /** +1: deviation = actual − budget; −1: budget − actual. */
  direction: 1 | -1;
}

function emptyValues(): number[] {
  return new Array<number>(LAST_COL + 1).fill(Number.NaN);
}

function deviationsOf(values: number[], direction: number): void {
  for (const d of DEVIATIONS) {
    const a = values[d.actual]!;
    const b = values[d.budget]!;
    values[d.col] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : direction * (a - b);
  }
}

/** One line per source row: direct references. */
function directLines(t: TableReading, sheet: string): Line[] {
  const lines: Line[] = [];
  for (let p = 0; p < t.data.n; p++) {
    if (t.kinds[p] !== 'item') continue;
    const refs = new Map<number, string>();
    const values = emptyValues();
    for (const m of MEASURES) {
      const c = t.byRole(m.role);
      if (!c) continue;
      refs.set(m.col, `=${sheetRef(sheet, t.data.rows[p]!, c.col)}`);
      const v = c.value[p]!;
      values[m.col] = Number.isNaN(v) ? 0 : v;
    }
    const direction = conventionDirection(t, p);
    deviationsOf(values, direction);
    lines.push({ label: t.data.labels[p]!, refs, values, direction });
  }
  return lines;
}

/** The SUMIFS criterion that matches a line's text exactly: wildcards escaped, a leading operator kept literal. */
function criterion(labelCell: string, label: string): string {
  if (!/[*?~]|^[<>=]/.test(label)) return labelCell;
  return `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${labelCell},"~","~~"),"*","~*"),"?","~?")`;
}

/** The mapping sheet's plan and the report's lines summed over it. */
function mappedLines(
  t: TableReading,
  sheet: string,
  mapping: Mapping,
  target: SheetTarget,
): { lines: Line[]; plan: SheetPlan } {
  const b = new PlanBuilder();
  const mapName = target.name;
  const first = MAPPING_HEADER_ROW + 1;
  const last = first + Math.max(0, mapping.rows.length - 1);
  b.text(0, 0, 'Rapportrader');
  b.text(
    1,
    0,
    `Varje rad i ${sheet}!${t.model.range} och raden i verksamhetsrapporten den räknas till (förval: ${mapping.basis}). ` +
      'Ändra kolumnen Rapportrad och skapa rapporten igen; en tom rapportrad räknas som ”Ej fördelat”.',
  );
  const headers = ['Källrad', 'Kod', 'Källtext', 'Rapportrad'];
  headers.forEach((h, i) => b.text(MAPPING_HEADER_ROW, i, h));
  const measureCols = MEASURES.map((m, i) => ({
    m,
    col: MAPPING_COL.firstMeasure + i,
    src: t.byRole(m.role),
  }));
  for (const mc of measureCols) if (mc.src) b.text(MAPPING_HEADER_ROW, mc.col, mc.src.header);

  const sums = new Map<string, number[]>();
  const unmappedValues = emptyValues().map(() => 0);
  mapping.rows.forEach((r, i) => {
    const row = first + i;
    b.number(row, MAPPING_COL.sourceRow, r.sourceRow + 1);
    if (r.code !== undefined) b.text(row, MAPPING_COL.code, r.code);
    b.text(row, MAPPING_COL.text, r.text);
    b.text(row, MAPPING_COL.line, r.line);
    const key = r.line.toLocaleLowerCase('sv');
    let acc = sums.get(key);
    if (!acc && r.line !== '') {
      acc = emptyValues().map(() => 0);
      sums.set(key, acc);
    }
    for (const mc of measureCols) {
      if (!mc.src) continue;
      b.formula(row, mc.col, `=${sheetRef(sheet, r.sourceRow, mc.src.col)}`);
      const v = mc.src.value[r.pos]!;
      const n = Number.isNaN(v) ? 0 : v;
      if (acc) acc[mc.m.col]! += n;
      else unmappedValues[mc.m.col]! += n;
    }
  });
  b.format(0, 0, 0, 0, { bold: true, fontSize: 14 });
  b.format(1, 0, 1, 0, { italic: true, fontColor: GREY });
  b.format(MAPPING_HEADER_ROW, 0, MAPPING_HEADER_ROW, MAPPING_COL.firstMeasure + MEASURES.length - 1, {
    bold: true,
    borderBottom: 'thin',
    wrapText: true,
    verticalAlignment: 'bottom',
  });
  b.format(first, MAPPING_COL.line, last, MAPPING_COL.line, { fill: '#FFF2CC' });
  b.format(first, MAPPING_COL.firstMeasure, last, MAPPING_COL.firstMeasure + MEASURES.length - 1, {
    numberFormat: AMOUNT_FORMAT,
  });
  b.width(0, 9);
  b.width(1, 12);
  b.width(2, 40);
  b.width(3, 34);
  for (const mc of measureCols) b.width(mc.col, 14);
  b.height(MAPPING_HEADER_ROW, 32);

  const cells = b.sortedCells();
  const plan: SheetPlan = {
    kind: 'rapportrader',
    // Its edits are the point of the sheet and are carried into the new one: never "edited".
    target: target.action === 'replace' ? { ...target, edited: false } : target,
    cells,
    formats: b.formats,
    columnWidths: b.columnWidths,
    rowHeights: b.rowHeights,
    merges: [],
    freezeRows: MAPPING_HEADER_ROW + 1,
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      titleRows: { first: MAPPING_HEADER_ROW, last: MAPPING_HEADER_ROW },
      printArea: { top: 0, left: 0, bottom: last, right: MAPPING_COL.firstMeasure + MEASURES.length - 1 },
    },
    charts: [],
    mark: { kind: 'rapportrader', fingerprint: planFingerprint(cells) },
    activate: false,
  };

  const keyRange = sheetColumnRange(mapName, MAPPING_COL.line, first, last);
  const direction: 1 | -1 = t.signConvention === 'costs_positive' ? -1 : 1;
  const lines: Line[] = mapping.lines.map((label, i) => {
    const reportRow = FIRST_LINE + i;
    const refs = new Map<number, string>();
    const values = emptyValues();
    const acc = sums.get(label.toLocaleLowerCase('sv'))!;
    for (const mc of measureCols) {
      if (!mc.src) continue;
      const sumRange = sheetColumnRange(mapName, mc.col, first, last);
      refs.set(mc.m.col, `=SUMIFS(${sumRange},${keyRange},${criterion(`$A${reportRow + 1}`, label)})`);
      values[mc.m.col] = acc[mc.m.col]!;
    }
    deviationsOf(values, direction);
    return { label, refs, values, direction };
  });
  if (mapping.unmapped.length > 0) {
    const reportRow = FIRST_LINE + lines.length;
    const refs = new Map<number, string>();
    const values = emptyValues();
    for (const mc of measureCols) {
      if (!mc.src) continue;
      const letter = columnLetter(mc.m.col);
      const above = lines.length > 0 ? `-SUM(${letter}${FIRST_LINE + 1}:${letter}${reportRow})` : '';
      refs.set(mc.m.col, `=SUM(${sheetColumnRange(mapName, mc.col, first, last)})${above}`);
      values[mc.m.col] = unmappedValues[mc.m.col]!;
    }
    deviationsOf(values, direction);
    lines.push({ label: UNMAPPED_LINE, refs, values, direction });
  }
  return { lines, plan };
}

function draftSides(
  sheets: readonly WorkbookSheet[],
  settings: Settings,
  t: TableReading,
): DraftSides | undefined {
  const hit = resultTable(sheets, settings, t);
  if (!hit) return undefined;
  const o = hit.table.byRole('outcome');
  const b = hit.table.byRole('budget_period');
  if (!o || !b) return undefined;
  const costSign = hit.table.signConvention === 'costs_positive' ? -1 : 1;
  const v = (c: typeof o, p: number) => {
    const x = c.value[p]!;
    return Number.isNaN(x) ? 0 : x;
  };
  return {
    revenue: { outcome: v(o, hit.revenue), budget: v(b, hit.revenue) },
    cost: { outcome: costSign * v(o, hit.cost), budget: costSign * v(b, hit.cost) },
    unit: hit.table.model.unit,
  };
}

export function buildVerksamhetsrapport(
  sheets: readonly WorkbookSheet[],
  settings: Settings,
  options: ReportOptions = {},
): ReportResult {
  const src = verksamhetSource(sheets, settings, options.sourceSheet);
  if ('findings' in src) return { kind: 'verksamhetsrapport', sheets: [], findings: src.findings };
  const t = src.table;
  const sourceName = src.sheet.name;
  const findings: Finding[] = [];
  const period = t.model.period;
  const year = period?.year;
  const unit = unitText(t.model.unit) ?? 'tkr';

  for (const m of MEASURES) {
    if (t.byRole(m.role)) continue;
    findings.push(
      reportFinding(
        'warning',
        CODES_REPORT.REPORT_MISSING_COLUMN,
        sourceName,
        a1(t.model.headerRows[t.model.headerRows.length - 1]! - 1, t.model.labelColumn),
        `Källtabellen ${sourceName}!${t.model.range} saknar kolumnen ”${m.header(year)}”: den lämnas tom i rapporten. ` +
          'Lägg till kolumnen i källan och skapa rapporten igen om den ska vara med.',
      ),
    );
  }
  if (year === undefined)
    findings.push(
      reportFinding(
        'warning',
        CODES_REPORT.REPORT_UNKNOWN_PERIOD,
        sourceName,
        a1(t.model.top - 1, t.model.left),
        `Rapportperioden kunde inte läsas på ${sourceName}: rubriken visar ”fg år” i stället för året. ` +
          'Skriv perioden ovanför tabellen (t.ex. ”Rapportperiod: 2024-08-31”) eller ange den i inställningarna.',
      ),
    );

  const plans: SheetPlan[] = [];
  let lines: Line[];
  const mapped = needsMapping(t);
  if (mapped) {
    const mapping = buildMapping(t, sheets);
    const mapTarget = placeSheet('rapportrader', MAPPING_SHEET, sheets);
    const built = mappedLines(t, sourceName, mapping, mapTarget);
    plans.push(built.plan);
    lines = built.lines;
    if (mapping.unmapped.length > 0) {
      const shown = mapping.unmapped
        .slice(0, 5)
        .map((r) => `rad ${r.sourceRow + 1} ”${r.text}”`)
        .join(', ');
      findings.push(
        reportFinding(
          'warning',
          CODES_REPORT.REPORT_UNMAPPED_ROWS,
          mapTarget.name,
          'D5',
          `${mapping.unmapped.length} rader i ${sourceName} har ingen rapportrad på bladet ”${mapTarget.name}” ` +
            `(${shown}${mapping.unmapped.length > 5 ? ' …' : ''}). De redovisas som ”${UNMAPPED_LINE}” i rapporten; ` +
            'skriv en rapportrad för dem och skapa rapporten igen.',
        ),
      );
    }
  } else {
    lines = directLines(t, sourceName);
  }

  const target = placeSheet(
    'verksamhetsrapport',
    VERKSAMHET_SHEET,
    sheets,
    plans.map((p) => p.target.name),
  );
  const b = new PlanBuilder();
  const namnd = namndOf([t.model.title, src.sheet.name]) ?? '';
  const when = periodText(period);
  b.text(0, 0, `${namnd ? `${namnd} – ` : ''}Verksamhetsrapport${when ? ` ${when}` : ''}`);
  b.text(
    1,
    0,
    `${when ? `Period: ${when}. ` : ''}Belopp i ${unit}. Källa: ${sourceName}!${t.model.range}` +
      (mapped ? `, summerad via bladet ”${plans[0]!.target.name}”.` : '.'),
  );
  b.text(HEADER_ROW, 0, `Verksamhet (${unit})`);
  for (const m of MEASURES) b.text(HEADER_ROW, m.col, m.header(year));
  for (const d of DEVIATIONS) b.text(HEADER_ROW, d.col, d.header);

  lines.forEach((line, i) => {
    const row = FIRST_LINE + i;
    b.text(row, 0, line.label);
    for (const m of MEASURES) {
      const f = line.refs.get(m.col);
      if (f) b.formula(row, m.col, f);
    }
    for (const d of DEVIATIONS) {
      if (!line.refs.has(d.actual) || !line.refs.has(d.budget)) continue;
      const a = a1(row, d.actual);
      const bud = a1(row, d.budget);
      b.formula(row, d.col, line.direction === 1 ? `=${a}-${bud}` : `=${bud}-${a}`);
    }
  });
  const lastLine = FIRST_LINE + lines.length - 1;
  const sumRow = lastLine + 1;
  b.text(sumRow, 0, 'SUMMA');
  const total = emptyValues();
  for (let col = 1; col <= LAST_COL; col++) {
    const any = lines.some(
      (l) =>
        l.refs.has(col) ||
        DEVIATIONS.some((d) => d.col === col && l.refs.has(d.actual) && l.refs.has(d.budget)),
    );
    if (!any || lines.length === 0) continue;
    b.formula(sumRow, col, `=SUM(${rangeA1(FIRST_LINE, col, lastLine, col)})`);
    total[col] = lines.reduce((s, l) => s + (Number.isNaN(l.values[col]!) ? 0 : l.values[col]!), 0);
  }

  // The draft text, from the figures the report shows now.
  const view = t.signConvention === 'costs_positive' ? -1 : 1;
  const asDraft = (label: string, v: number[]): DraftLine => ({
    label: stripFootnoteMarkers(label),
    outcome: view * (v[2]! || 0),
    budgetPeriod: view * (v[3]! || 0),
    forecast: view * (v[5]! || 0),
    budgetAnnual: view * (v[6]! || 0),
  });
  const draft = draftText({
    lines: lines.map((l) => asDraft(l.label, l.values)),
    total: asDraft('SUMMA', total),
    unit: t.model.unit === 'unknown' ? 'tkr' : t.model.unit,
    periodText: when,
    ...(year !== undefined ? { year } : {}),
    hasForecast: t.byRole('forecast') !== undefined && t.byRole('budget_annual') !== undefined,
    hasBudgetPeriod: t.byRole('outcome') !== undefined && t.byRole('budget_period') !== undefined,
    ...(() => {
      const sides = draftSides(sheets, settings, t);
      return sides ? { sides } : {};
    })(),
  });
  const draftTop = sumRow + 2;
  b.text(draftTop, 0, draft.heading);
  b.format(draftTop, 0, draftTop, 0, { bold: true });
  const widthChars = 34 + 7 * 15;
  draft.paragraphs.forEach((text, i) => {
    const row = draftTop + 1 + i;
    b.text(row, 0, text);
    b.merge(row, 0, row, LAST_COL);
    b.height(row, wrappedHeight(text, widthChars));
  });
  b.format(draftTop + 1, 0, draftTop + draft.paragraphs.length, LAST_COL, {
    wrapText: true,
    verticalAlignment: 'top',
  });

  // The chart's data: the full-year deviation sorted largest first, live (LARGE over a tie-broken key).
  const charts: SheetPlan['charts'] = [];
  const chartTop = draftTop + draft.paragraphs.length + 2;
  let printBottom = draftTop + draft.paragraphs.length;
  const annualDev = DEVIATIONS[1];
  if (lines.length > 0 && lines.some((l) => l.refs.has(annualDev.actual) && l.refs.has(annualDev.budget))) {
    b.text(HEADER_ROW, HELPER.label, 'Diagramdata: avvik. helår, störst först');
    b.text(HEADER_ROW, HELPER.value, 'Avvik. helår');
    b.text(HEADER_ROW, HELPER.key, 'Sorteringsnyckel');
    const keys = `$${columnLetter(HELPER.key)}$${FIRST_LINE + 1}:$${columnLetter(HELPER.key)}$${lastLine + 1}`;
    const labels = `$A$${FIRST_LINE + 1}:$A$${lastLine + 1}`;
    const devs = `$H$${FIRST_LINE + 1}:$H$${lastLine + 1}`;
    lines.forEach((_, i) => {
      const h = a1(FIRST_LINE + i, annualDev.col);
      b.formula(FIRST_LINE + i, HELPER.key, `=IF(ISNUMBER(${h}),${h},0)+ROW()/1000000000`);
    });
    // Ranks shown: every line, or the largest and the smallest when there are too many bars to read.
    const n = lines.length;
    const ranks =
      n <= MAX_BARS
        ? lines.map((_, i) => i + 1)
        : [
            ...Array.from({ length: MAX_BARS / 2 }, (_, i) => i + 1),
            ...Array.from({ length: MAX_BARS / 2 }, (_, i) => n - MAX_BARS / 2 + 1 + i),
          ];
    ranks.forEach((k, i) => {
      const row = FIRST_LINE + i;
      const match = `MATCH(LARGE(${keys},${k}),${keys},0)`;
      b.formula(row, HELPER.label, `=INDEX(${labels},${match})`);
      b.formula(row, HELPER.value, `=INDEX(${devs},${match})`);
    });
    const lastBar = FIRST_LINE + ranks.length - 1;
    b.format(HEADER_ROW, HELPER.label, lastLine, HELPER.key, { fontColor: GREY });
    b.format(HEADER_ROW, HELPER.label, HEADER_ROW, HELPER.key, {
      bold: true,
      wrapText: true,
      verticalAlignment: 'bottom',
    });
    b.format(FIRST_LINE, HELPER.value, lastBar, HELPER.value, { numberFormat: AMOUNT_FORMAT });
    b.format(FIRST_LINE, HELPER.key, lastLine, HELPER.key, { numberFormat: '0.000' });
    b.width(HELPER.label - 1, 3);
    b.width(HELPER.label, 30);
    b.width(HELPER.value, 12);
    b.width(HELPER.key, 12);
    charts.push({
      type: 'barClustered',
      title:
        `Avvikelse helår${year !== undefined ? ` ${year}` : ''} per verksamhet (${unit}), störst först` +
        (n > MAX_BARS ? ` (de ${MAX_BARS / 2} största och de ${MAX_BARS / 2} minsta av ${n})` : ''),
      seriesName: 'Avvik. helår',
      categories: { top: FIRST_LINE, left: HELPER.label, bottom: lastBar, right: HELPER.label },
      values: { top: FIRST_LINE, left: HELPER.value, bottom: lastBar, right: HELPER.value },
      categoriesTopDown: true,
      valueNumberFormat: AMOUNT_FORMAT,
      dataLabels: true,
      anchor: {
        from: { row: chartTop, col: 0 },
        to: { row: chartTop + Math.max(CHART_ROWS, ranks.length + 6) - 1, col: LAST_COL },
      },
    });
    printBottom = chartTop + Math.max(CHART_ROWS, ranks.length + 6) - 1;
  }

  // Formats: title, header, figures, SUMMA.
  b.merge(0, 0, 0, LAST_COL);
  b.merge(1, 0, 1, LAST_COL);
  b.format(0, 0, 0, 0, { bold: true, fontSize: 14 });
  b.format(1, 0, 1, 0, { italic: true });
  b.format(HEADER_ROW, 0, HEADER_ROW, LAST_COL, {
    bold: true,
    wrapText: true,
    verticalAlignment: 'bottom',
    borderBottom: 'thin',
  });
  b.format(HEADER_ROW, 1, HEADER_ROW, LAST_COL, {
    bold: true,
    wrapText: true,
    verticalAlignment: 'bottom',
    borderBottom: 'thin',
    horizontalAlignment: 'right',
  });
  b.format(FIRST_LINE, 1, sumRow, LAST_COL, { numberFormat: AMOUNT_FORMAT });
  b.format(sumRow, 0, sumRow, 0, { bold: true, borderTop: 'thin' });
  b.format(sumRow, 1, sumRow, LAST_COL, { bold: true, borderTop: 'thin', numberFormat: AMOUNT_FORMAT });
  const labelWidth = Math.min(
    45,
    Math.max(24, ...lines.map((l) => l.label.length + 2), `Verksamhet (${unit})`.length + 2),
  );
  b.width(0, labelWidth);
  for (let col = 1; col <= LAST_COL; col++) b.width(col, 15);
  b.height(HEADER_ROW, 32);

  const cells = b.sortedCells();
  plans.push({
    kind: 'verksamhetsrapport',
    target,
    cells,
    formats: b.formats,
    columnWidths: b.columnWidths,
    rowHeights: b.rowHeights,
    merges: b.merges,
    freezeRows: HEADER_ROW + 1,
    print: {
      ...reportPrint(HEADER_ROW, printBottom, LAST_COL),
      ...(charts.length ? { rowBreaks: [chartTop] } : {}),
    },
    charts,
    mark: { kind: 'verksamhetsrapport', fingerprint: planFingerprint(cells) },
    activate: true,
  });

  if (target.action === 'replace' && target.edited)
    findings.push(
      reportFinding(
        'warning',
        CODES_REPORT.REPORT_SHEET_EDITED,
        target.name,
        'A1',
        `Bladet ”${target.name}” har ändrats sedan Budgetkoll skapade det. Att skapa rapporten igen ersätter ändringarna.`,
      ),
    );
  findings.push(
    reportFinding(
      'info',
      CODES_REPORT.REPORT_CREATED,
      target.name,
      'A1',
      `Verksamhetsrapporten ${target.action === 'replace' ? 'ersätter' : 'skapas på'} bladet ”${target.name}” ` +
        `från ${sourceName}!${t.model.range}: ${lines.length} rader och SUMMA` +
        (mapped ? `, summerade via bladet ”${plans[0]!.target.name}”.` : '.'),
    ),
  );
  return {
    kind: 'verksamhetsrapport',
    sheets: plans,
    findings,
    draft,
    source: `${sourceName}!${t.model.range}`,
  };
}
