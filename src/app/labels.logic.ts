/**
 * Task-pane wording on top of the core's shared labels (src/core/labels.ts),
 * so the task pane, the ribbon handlers and the tests agree on what the user reads.
 */
import { ColumnRole, type ForecastMethod, type ReportPeriod, type Severity } from '../core/schemas';
export { ROLE_LABELS, SEVERITY_LABELS, SIGN_LABELS, UNIT_LABELS } from '../core/labels';

/** Order in which roles are offered in the role dropdown: the schema's order, `other` last. */
export const ROLE_ORDER: readonly ColumnRole[] = ColumnRole.options;

export const ROLE_SOURCE_LABELS: Record<'header' | 'data' | 'user', string> = {
  header: 'rubriken',
  data: 'värdena',
  user: 'dig',
};

/** Singular form, for screen-reader text on one finding. */
export const SEVERITY_SINGULAR: Record<Severity, string> = {
  error: 'Fel',
  warning: 'Varning',
  info: 'Information',
};

export const FORECAST_METHOD_LABELS: Record<ForecastMethod, string> = {
  utfall_plus_budget: 'Utfall + återstående budget',
  linear: 'Linjär',
  prior_year_profile: 'Fjolårets profil',
};

export const FORECAST_METHOD_ORDER: ForecastMethod[] = ['utfall_plus_budget', 'linear', 'prior_year_profile'];

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** "jan–aug 2024 (8 månader)". */
export function periodLabel(period: ReportPeriod | undefined): string {
  if (!period) return 'Okänd period';
  const end = monthName(period.month).slice(0, 3);
  const range = period.monthsElapsed === 1 ? end : `jan–${end}`;
  const months = period.monthsElapsed === 1 ? '1 månad' : `${period.monthsElapsed} månader`;
  return `${range}${period.year ? ` ${period.year}` : ''} (${months})`;
}

/** "1 fel", "3 varningar", "1 varning". */
export function countLabel(severity: Severity, n: number): string {
  if (severity === 'error') return `${n} fel`;
  if (severity === 'warning') return n === 1 ? '1 varning' : `${n} varningar`;
  return n === 1 ? '1 upplysning' : `${n} upplysningar`;
}

/** Swedish integer with a thin space as thousands separator: 1 234 567. */
export function formatInteger(n: number): string {
  const sign = n < 0 ? '−' : '';
  const digits = Math.round(Math.abs(n)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/** "YYYY-MM" or empty; anything else is not a period the core accepts. */
export function isValidPeriod(text: string): boolean {
  return text === '' || /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}
