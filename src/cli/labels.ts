/** Swedish names for the model's enums, as the economist reads them in the terminal. */
import { PART_LABELS, ROLE_LABELS, SIGN_LABELS, UNIT_LABELS } from '../core/labels';
import { formatSwedish } from '../core/numbers';
import type { ColumnPart, ColumnRole, RowKind, Severity, SignConvention, Unit } from '../core/schemas';

const lower = <K extends string>(labels: Record<K, string>): Record<K, string> =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, (v as string).toLowerCase()])) as Record<
    K,
    string
  >;

/** The shared labels in lower case, as they read inside a terminal sentence. */
export const ROLE_NAMES: Record<ColumnRole, string> = lower(ROLE_LABELS);
export const PART_NAMES: Record<ColumnPart, string> = lower(PART_LABELS);
export const SIGN_NAMES: Record<SignConvention, string> = lower(SIGN_LABELS);

/**
 * One finding's severity as a word before it ("Fel C7: …"). Information
 * findings are upplysningar throughout the product (src/app/labels.logic.ts): the word counts
 * ("1 upplysning", "32 upplysningar"), which "information" does not.
 */
export const SEVERITY_WORDS: Record<Severity, string> = {
  error: 'Fel',
  warning: 'Varning',
  info: 'Upplysning',
};

/** A count with Swedish thousands grouping and the right number of its noun: "1 varning", "16 002 avvikelseceller". */
export function count(n: number, one?: string, many?: string): string {
  const word = n === 1 ? one : (many ?? one);
  return word === undefined ? formatSwedish(n) : `${formatSwedish(n)} ${word}`;
}

export function unitName(unit: string): string {
  return UNIT_LABELS[unit as Unit] ?? unit;
}

export const ROW_KIND_NAMES: Record<RowKind, [singular: string, plural: string]> = {
  item: ['post', 'poster'],
  group_header: ['grupprubrik', 'grupprubriker'],
  subtotal: ['delsumma', 'delsummor'],
  total: ['summa', 'summor'],
  varav: ['varav-rad', 'varav-rader'],
  footnote: ['fotnot', 'fotnoter'],
  blank: ['tom rad', 'tomma rader'],
  header: ['upprepad rubrikrad', 'upprepade rubrikrader'],
};
