import type { Finding, Severity } from './schemas';
import { formatSwedish } from './numbers';

/** Stable finding codes. The JSON contract and the task pane rely on them. */
export const CODES = {
  NO_TABLE: 'NO_TABLE',
  MISSING_COLUMN: 'MISSING_COLUMN',
  TEXT_NUMBER: 'TEXT_NUMBER',
  ERROR_VALUE: 'ERROR_VALUE',
  VALUE_WITHOUT_LABEL: 'VALUE_WITHOUT_LABEL',
  DUPLICATE_LABEL: 'DUPLICATE_LABEL',
  HEADER_CONTRADICTS_VALUES: 'HEADER_CONTRADICTS_VALUES',
  UNKNOWN_PERIOD: 'UNKNOWN_PERIOD',
  SUM_MISMATCH: 'SUM_MISMATCH',
  SUM_ROUNDING: 'SUM_ROUNDING',
  DEVIATION_MISMATCH: 'DEVIATION_MISMATCH',
  DEVIATION_ROUNDING: 'DEVIATION_ROUNDING',
  VARAV_EXCEEDS_PARENT: 'VARAV_EXCEEDS_PARENT',
  SUM_FORMULA_MISSES_ROW: 'SUM_FORMULA_MISSES_ROW',
  SUM_FORMULA_DOUBLE_COUNT: 'SUM_FORMULA_DOUBLE_COUNT',
  SUM_FORMULA_INCLUDES_VARAV: 'SUM_FORMULA_INCLUDES_VARAV',
  TOTAL_NOT_FORMULA: 'TOTAL_NOT_FORMULA',
  CROSS_TABLE_MISMATCH: 'CROSS_TABLE_MISMATCH',
  CROSS_TABLE_ROUNDING: 'CROSS_TABLE_ROUNDING',
  RATIO_MISMATCH: 'RATIO_MISMATCH',
  /** A cell Beräkna avvikelser would compute with holds text: the formula would show #VALUE!, so nothing is written there. */
  TEXT_OPERAND: 'TEXT_OPERAND',
  /** Formulas that refer to each other in a circle (Excel cannot compute them). */
  CIRCULAR_REFERENCE: 'CIRCULAR_REFERENCE',
  /** A date or SANT/FALSKT in an amount column: it counts (or not) as a number without being an amount. */
  NOT_AN_AMOUNT: 'NOT_AN_AMOUNT',
  // Skapa verksamhetsrapport / Skapa följetal (core/report).
  /** No table in the workbook fits the report. */
  REPORT_NO_SOURCE: 'REPORT_NO_SOURCE',
  /** The source lacks a column the report shows; it is left empty. */
  REPORT_MISSING_COLUMN: 'REPORT_MISSING_COLUMN',
  /** Source rows the mapping sheet gives no report line: they are shown as "Ej fördelat". */
  REPORT_UNMAPPED_ROWS: 'REPORT_UNMAPPED_ROWS',
  /** The report period could not be read: the headers say "fg år" and the title has no period. */
  REPORT_UNKNOWN_PERIOD: 'REPORT_UNKNOWN_PERIOD',
  /** The earlier generated sheet was edited since: regenerating replaces the edits. */
  REPORT_SHEET_EDITED: 'REPORT_SHEET_EDITED',
  /** Where the report went and what it was built from (info). */
  REPORT_CREATED: 'REPORT_CREATED',
} as const;
export type FindingCode = (typeof CODES)[keyof typeof CODES];

export function finding(
  severity: Severity,
  code: FindingCode,
  sheet: string,
  cell: string,
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  return { severity, code, sheet, cell, message, ...extra };
}

/** Figures in messages are written the Swedish way, with as many decimals as the data shows. */
export function fmt(n: number, precision = 1): string {
  const decimals = precision >= 1 ? 0 : Math.min(6, Math.round(-Math.log10(precision)));
  return formatSwedish(n, decimals);
}

/** Header names accepted for each role, for "column missing" messages (DOMAIN.md §4). */
export const ACCEPTED_HEADERS: Record<string, string> = {
  outcome: '”Utfall perioden”, ”Ack utfall”, ”Utfall”, ”Utfall 2024-08”, ”Periodens förbrukning”',
  budget_period: '”Budget perioden”, ”Ack budget”, ”Periodbudget”, ”Budget 2024-08”, ”Budget”',
  budget_annual: '”Budget helår”, ”Årsbudget 2024”, ”Budget 2024”, ”KF-budget”, ”Nämndbudget”',
  forecast: '”Prognos helår”, ”Årsprognos 2024”, ”Prognos 2024”, ”Prognos”',
};

export function sortFindings(list: Finding[]): Finding[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...list].sort((a, b) => {
    if (a.sheet !== b.sheet) return a.sheet.localeCompare(b.sheet, 'sv');
    if (rank[a.severity] !== rank[b.severity]) return rank[a.severity] - rank[b.severity];
    return cellOrder(a.cell) - cellOrder(b.cell);
  });
}

function cellOrder(cell: string): number {
  const m = /^([A-Z]+)(\d+)/.exec(cell);
  if (!m) return 0;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return Number(m[2]) * 1000 + col;
}
