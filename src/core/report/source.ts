/**
 * Which table a report is built from: the budget sheet's table with outcome
 * and budget columns (verksamhetsrapport), the volumes table (följetal).
 * Budgetkoll's own sheets (a generated report, the mapping sheet, the store)
 * are never a source.
 */
import { CODES } from '../findings';
import { readSheet } from '../read';
import type { TableReading } from '../model';
import type { Finding, Settings } from '../schemas';
import { STORE_SHEET } from '../store';
import { compact } from '../text';
import { decodeMark } from './mark';
import type { WorkbookSheet } from './sheetPlan';

/** The report's finding codes: part of the one list in core/findings.ts. */
export const CODES_REPORT = {
  REPORT_NO_SOURCE: CODES.REPORT_NO_SOURCE,
  REPORT_MISSING_COLUMN: CODES.REPORT_MISSING_COLUMN,
  REPORT_UNMAPPED_ROWS: CODES.REPORT_UNMAPPED_ROWS,
  REPORT_UNKNOWN_PERIOD: CODES.REPORT_UNKNOWN_PERIOD,
  REPORT_SHEET_EDITED: CODES.REPORT_SHEET_EDITED,
  REPORT_CREATED: CODES.REPORT_CREATED,
} as const;

export type ReportCode = (typeof CODES_REPORT)[keyof typeof CODES_REPORT];

/** A report finding (the core's finding shape, with the report's own codes). */
export function reportFinding(
  severity: Finding['severity'],
  code: ReportCode,
  sheet: string,
  cell: string,
  message: string,
): Finding {
  return { severity, code, sheet, cell, message };
}

export interface SourceTable {
  sheet: WorkbookSheet;
  table: TableReading;
}

/** Sheets that may hold a source: not Budgetkoll's own. */
export function userSheets(sheets: readonly WorkbookSheet[]): WorkbookSheet[] {
  return sheets.filter((s) => s.name !== STORE_SHEET && decodeMark(s.mark) === undefined);
}

function hasMeasures(t: TableReading): boolean {
  return (
    t.byRole('outcome') !== undefined &&
    (t.byRole('budget_period') ?? t.byRole('budget_annual')) !== undefined
  );
}

function itemCount(t: TableReading): number {
  let n = 0;
  for (const k of t.kinds) if (k === 'item') n++;
  return n;
}

function mentions(t: TableReading, sheet: string, word: string): boolean {
  return [sheet, t.model.title ?? '', t.data.labelHeader].some((s) => compact(s).includes(word));
}

function noSource(sheets: readonly WorkbookSheet[], message: string): { findings: Finding[] } {
  return {
    findings: [reportFinding('error', CODES_REPORT.REPORT_NO_SOURCE, sheets[0]?.name ?? '', 'A1', message)],
  };
}

/**
 * Candidates among the user's sheets (only `sourceSheet` when given), best
 * first by `score`; a Swedish error finding when there is none.
 */
function pick(
  sheets: readonly WorkbookSheet[],
  settings: Settings,
  sourceSheet: string | undefined,
  fits: (t: TableReading) => boolean,
  score: (t: TableReading, sheet: string) => number,
  what: string,
): SourceTable | { findings: Finding[] } {
  let pool = userSheets(sheets);
  if (sourceSheet !== undefined) {
    const lower = sourceSheet.toLocaleLowerCase('sv');
    pool = sheets.filter((s) => s.name.toLocaleLowerCase('sv') === lower);
    if (pool.length === 0)
      return noSource(
        sheets,
        `Bladet ”${sourceSheet}” finns inte i arbetsboken. Ange ett av bladen: ${sheets.map((s) => `”${s.name}”`).join(', ')}.`,
      );
  }
  let best: { s: SourceTable; score: number } | undefined;
  for (const sheet of pool) {
    for (const table of readSheet(sheet.grid, settings).tables) {
      if (!fits(table)) continue;
      const sc = score(table, sheet.name);
      if (!best || sc > best.score) best = { s: { sheet, table }, score: sc };
    }
  }
  if (best) return best.s;
  return noSource(
    pool.length ? pool : sheets,
    sourceSheet !== undefined
      ? `Bladet ”${sourceSheet}” har ingen tabell ${what}. Välj ett annat blad eller kontrollera kolumnrubrikerna.`
      : `Arbetsboken har ingen tabell ${what}. Klistra in tabellen med rubrikraden och kör igen.`,
  );
}

/** The verksamhetsrapport's source: outcome and budget columns, money; "verksamhet" in its texts and more rows win. */
export function verksamhetSource(
  sheets: readonly WorkbookSheet[],
  settings: Settings,
  sourceSheet?: string,
): SourceTable | { findings: Finding[] } {
  return pick(
    sheets,
    settings,
    sourceSheet,
    (t) => hasMeasures(t) && t.signConvention !== 'volumes',
    (t, sheet) => (mentions(t, sheet, 'verksamhet') ? 1e6 : 0) + itemCount(t),
    'med utfall och budget per verksamhet (kolumner som ”Utfall perioden” och ”Budget perioden”)',
  );
}

/** The följetal's source: a volumes table; "följetal" in its texts wins. */
export function volumesSource(
  sheets: readonly WorkbookSheet[],
  settings: Settings,
  sourceSheet?: string,
): SourceTable | { findings: Finding[] } {
  return pick(
    sheets,
    settings,
    sourceSheet,
    (t) => hasMeasures(t) && (t.signConvention === 'volumes' || mentions(t, '', 'foljetal')),
    (t, sheet) => (mentions(t, sheet, 'foljetal') ? 1e6 : 0) + itemCount(t),
    'med följetal (volymer med utfall och budget, t.ex. ”Utfall 2024-08” och ”Budget 2024-08”)',
  );
}

/**
 * A table with Intäkter and Kostnader sums (the resultatrapport), for the
 * draft text's revenue and cost sides; the source itself when it has them.
 */
export function resultTable(
  sheets: readonly WorkbookSheet[],
  settings: Settings,
  source: TableReading,
): { table: TableReading; revenue: number; cost: number } | undefined {
  const find = (t: TableReading) => {
    if (!hasMeasures(t) || t.signConvention === 'volumes') return undefined;
    let revenue = -1;
    let cost = -1;
    for (let p = 0; p < t.data.n; p++) {
      if (t.kinds[p] !== 'subtotal' && t.kinds[p] !== 'total') continue;
      const k = compact(t.data.labels[p]!);
      if (revenue < 0 && /^(summa)?(externa)?intakter$/.test(k)) revenue = p;
      else if (cost < 0 && /^(summa)?(externa)?kostnader$/.test(k)) cost = p;
    }
    return revenue >= 0 && cost >= 0 ? { table: t, revenue, cost } : undefined;
  };
  const own = find(source);
  if (own) return own;
  for (const sheet of userSheets(sheets)) {
    for (const t of readSheet(sheet.grid, settings).tables) {
      if (t === source) continue;
      const hit = find(t);
      if (hit) return hit;
    }
  }
  return undefined;
}
