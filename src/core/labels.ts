/**
 * Swedish names for the words of the model, in one place so the task pane,
 * the command line and the findings' messages say the same thing.
 */
import type { ColumnPart, ColumnRole, Severity, SignConvention, Unit } from './schemas';

export const ROLE_LABELS: Record<ColumnRole, string> = {
  outcome: 'Utfall perioden',
  outcome_prior_year: 'Utfall fg år',
  outcome_prior_year_annual: 'Utfall helår fg år',
  budget_period: 'Budget perioden',
  budget_annual: 'Budget helår',
  forecast: 'Prognos helår',
  deviation_period: 'Avvikelse perioden',
  deviation_annual: 'Avvikelse helår',
  other: 'Övrigt (räknas inte)',
};

export const PART_LABELS: Record<ColumnPart, string> = {
  revenue: 'Intäkter',
  cost: 'Kostnader',
  net: 'Netto',
};

export const UNIT_LABELS: Record<Unit, string> = {
  tkr: 'tkr',
  mnkr: 'mnkr',
  kr: 'kr',
  '%': 'procent',
  timmar: 'timmar',
  antal: 'antal',
  mixed: 'blandade enheter',
  unknown: 'okänd',
};

export const SIGN_LABELS: Record<SignConvention, string> = {
  costs_negative: 'Kostnader negativa',
  costs_positive: 'Kostnader positiva',
  volumes: 'Volymer (fler/färre än budget)',
  unknown: 'Okänd',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'Fel',
  warning: 'Varningar',
  info: 'Upplysningar',
};
