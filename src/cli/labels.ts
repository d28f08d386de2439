/** Swedish names for the model's enums, as the economist reads them in the terminal. */
import type { ColumnPart, ColumnRole, RowKind, Severity, SignConvention } from '../core/schemas';

export const ROLE_NAMES: Record<ColumnRole, string> = {
  outcome: 'utfall',
  outcome_prior_year: 'utfall föregående år',
  outcome_prior_year_annual: 'utfall helår föregående år',
  budget_period: 'periodbudget',
  budget_annual: 'årsbudget',
  forecast: 'prognos helår',
  deviation_period: 'avvikelse perioden',
  deviation_annual: 'avvikelse helår',
  other: 'övrigt',
};

export const PART_NAMES: Record<ColumnPart, string> = {
  revenue: 'intäkter',
  cost: 'kostnader',
  net: 'netto',
};

export const SIGN_NAMES: Record<SignConvention, string> = {
  costs_negative: 'kostnader negativa',
  costs_positive: 'kostnader positiva',
  volumes: 'volymer (fler/färre än budget)',
  unknown: 'okänd',
};

export const ROW_KIND_NAMES: Record<RowKind, [singular: string, plural: string]> = {
  item: ['post', 'poster'],
  group_header: ['grupprubrik', 'grupprubriker'],
  subtotal: ['delsumma', 'delsummor'],
  total: ['summa', 'summor'],
  varav: ['varav-rad', 'varav-rader'],
  footnote: ['fotnot', 'fotnoter'],
  blank: ['tom rad', 'tomma rader'],
};

export const SEVERITY_NAMES: Record<Severity, string> = {
  error: 'Fel',
  warning: 'Varningar',
  info: 'Information',
};

export function unitName(unit: string): string {
  switch (unit) {
    case '%':
      return 'procent';
    case 'mixed':
      return 'blandade enheter';
    case 'unknown':
      return 'okänd';
    default:
      return unit;
  }
}
