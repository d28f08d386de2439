/**
 * Task-pane wording on top of the core's shared labels (src/core/labels.ts),
 * so the task pane, the ribbon handlers and the tests agree on what the user
 * reads. Nothing here loads zod: the pane's first paint stays small.
 */
import type { ColumnRole, ForecastMethod, ReportPeriod, Severity } from '../core/schemas';
import { ROLE_LABELS } from '../core/labels';
import { formatSwedish } from '../core/numbers';
import { MONTH_NAMES } from '../core/vocabulary';
export { ROLE_LABELS, SEVERITY_LABELS, SIGN_LABELS, UNIT_LABELS } from '../core/labels';

/**
 * Order in which roles are offered in the role list: the core's label table
 * lists every role (its type makes it complete) in the schema's order, `other` last.
 */
export const ROLE_ORDER: readonly ColumnRole[] = Object.keys(ROLE_LABELS) as ColumnRole[];

export const ROLE_SOURCE_LABELS: Record<'header' | 'data' | 'user', string> = {
  header: 'rubriken',
  data: 'värdena',
  user: 'dig',
};

/**
 * The one word for findings of severity info (rounding and the like), the
 * same across the product: the task pane, the command line and the README
 * say "upplysning", which counts ("1 upplysning", "3 upplysningar").
 */
export const INFO_WORD = 'Upplysning';

/** Singular form, for screen-reader text on one finding. */
export const SEVERITY_SINGULAR: Record<Severity, string> = {
  error: 'Fel',
  warning: 'Varning',
  info: INFO_WORD,
};

export const FORECAST_METHOD_LABELS: Record<ForecastMethod, string> = {
  utfall_plus_budget: 'Utfall + återstående budget',
  linear: 'Linjär',
  prior_year_profile: 'Fjolårets profil',
};

export const FORECAST_METHOD_ORDER: ForecastMethod[] = ['utfall_plus_budget', 'linear', 'prior_year_profile'];

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/** "jan–aug 2024 (8 månader)". */
export function periodLabel(period: ReportPeriod | undefined): string {
  if (!period) return 'Okänd period';
  const end = monthName(period.month).slice(0, 3);
  const range = period.monthsElapsed === 1 ? end : `jan–${end}`;
  const months = period.monthsElapsed === 1 ? '1 månad' : `${period.monthsElapsed} månader`;
  return `${range}${period.year ? ` ${period.year}` : ''} (${months})`;
}

/** Swedish integer with a no-break space as thousands separator and a true minus: −1 234 567. */
export function formatInteger(n: number): string {
  return formatSwedish(Math.round(n), 0);
}

/** "1 fel", "1 varning", "3 varningar", "3 upplysningar"; numbers grouped (1 234). */
export function countLabel(severity: Severity, n: number): string {
  const count = formatInteger(n);
  if (severity === 'error') return `${count} fel`;
  if (severity === 'warning') return n === 1 ? '1 varning' : `${count} varningar`;
  return n === 1 ? '1 upplysning' : `${count} upplysningar`;
}

/** A count with its noun: plural('cell', 'celler', 2) → "2 celler"; numbers grouped. */
export function plural(one: string, many: string, n: number): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** "A, B och C". */
export function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}
