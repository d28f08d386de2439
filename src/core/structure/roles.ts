import type { ColumnRole } from '../schemas';
import type { HeaderInfo } from './headers';

export interface RoleInput {
  index: number;
  info: HeaderInfo;
  /** Numeric values of the column's data rows (items, sums), used for data checks. */
  values: number[];
  /** All numeric values are whole years 1990–2100. */
  allYears: boolean;
  /** Every value shown as percent (number format with %, or text with %). */
  allPercent: boolean;
}

export interface RoleResult {
  index: number;
  role: ColumnRole;
  measure?: ColumnRole;
  nonAmount?: boolean;
}

type Candidate = RoleInput & { used?: boolean };

function timeKey(info: HeaderInfo): number {
  return (info.year ?? 0) * 100 + (info.month ?? 0);
}

/**
 * Decides each column's role from its header and its neighbours
 * (DOMAIN.md §4): one column per role; part columns (intäkter/kostnader)
 * keep `other` with the measure they belong to.
 */
export function assignRoles(cols: RoleInput[]): RoleResult[] {
  const result = new Map<number, RoleResult>();
  const set = (c: Candidate, role: ColumnRole, measure?: ColumnRole) => {
    result.set(c.index, { index: c.index, role, ...(measure ? { measure } : {}) });
    c.used = true;
  };
  const cands: Candidate[] = cols.map((c) => ({ ...c }));

  for (const c of cands) {
    if (
      c.info.measure === 'nonAmount' ||
      (c.allYears && c.values.length > 0) ||
      (c.allPercent && c.values.length > 0)
    ) {
      result.set(c.index, { index: c.index, role: 'other', nonAmount: true });
      c.used = true;
    }
  }
  const live = (m: HeaderInfo['measure']) => cands.filter((c) => !c.used && c.info.measure === m);
  /** Part columns (revenue, cost) are never the measure itself when a net or plain column of the same measure exists. */
  const splitParts = (list: Candidate[], measureRole: (c: Candidate) => ColumnRole): Candidate[] => {
    const main = list.filter((c) => c.info.part === undefined || c.info.part === 'net');
    // Intäkter and Kostnader blocks without a Netto: no part stands for the whole, so none takes the role
    // (a deviation must never be built from the revenue budget and the cost outcome).
    if (
      main.length === 0 &&
      list.some((c) => c.info.part === 'revenue') &&
      list.some((c) => c.info.part === 'cost')
    ) {
      for (const c of list) set(c, 'other', measureRole(c));
      return [];
    }
    if (main.length === 0) return list;
    for (const c of list)
      if (c.info.part === 'revenue' || c.info.part === 'cost') set(c, 'other', measureRole(c));
    return main;
  };

  // Outcome: the latest period is the outcome, the one a year before the prior year.
  let outcomes = live('outcome');
  const outcomeAnnualPrior = outcomes.filter(
    (c) =>
      c.info.scope === 'annual' &&
      (c.info.prior ||
        outcomes.some(
          (o) =>
            o !== c && o.info.year !== undefined && c.info.year !== undefined && c.info.year < o.info.year,
        )),
  );
  for (const c of outcomeAnnualPrior) set(c, 'outcome_prior_year_annual');
  outcomes = outcomes.filter((c) => !c.used);
  outcomes = splitParts(outcomes, (c) => (c.info.prior ? 'outcome_prior_year' : 'outcome'));
  if (outcomes.length > 0) {
    const explicitPrior = outcomes.filter((c) => c.info.prior);
    const rest = outcomes.filter((c) => !c.info.prior);
    // A column without a year is the current one when its siblings carry years ("Utfall perioden 2023 | Utfall perioden").
    const noYear = rest.filter((c) => c.info.year === undefined);
    let current: Candidate | undefined;
    if (noYear.length === 1 && rest.length > 1) current = noYear[0];
    else current = [...rest].sort((a, b) => timeKey(b.info) - timeKey(a.info) || b.index - a.index)[0];
    if (current) set(current, 'outcome');
    const others = outcomes.filter((c) => !c.used);
    let prior: Candidate | undefined = explicitPrior[0];
    if (!prior && current) {
      const cy = current.info.year;
      prior = others
        .filter((c) => cy === undefined || c.info.year === undefined || c.info.year === cy - 1)
        .sort((a, b) => timeKey(b.info) - timeKey(a.info))[0];
    }
    if (prior) set(prior, 'outcome_prior_year');
    for (const c of outcomes.filter((o) => !o.used)) set(c, 'other', 'outcome');
  }

  // Forecast: one column; parts stay parts.
  let forecasts = splitParts(live('forecast'), () => 'forecast');
  if (forecasts.length > 0) {
    forecasts = [...forecasts].sort((a, b) => timeKey(b.info) - timeKey(a.info));
    set(forecasts[0]!, 'forecast');
    for (const c of forecasts.slice(1)) set(c, 'other', 'forecast');
  }

  // Budget: period and annual by scope words, then by period text, then by position.
  let budgets = live('budget');
  for (const c of budgets) if (c.info.buildUp) set(c, 'other', 'budget_annual');
  // Last year's budget beside this year's outcome ("2023 / Budget" next to "2024 / Utfall") is no budget of this report.
  const outcomeYear = cands.find((c) => result.get(c.index)?.role === 'outcome')?.info.year;
  if (outcomeYear !== undefined)
    for (const c of budgets)
      if (!c.used && c.info.year !== undefined && c.info.year < outcomeYear) set(c, 'other', 'budget_period');
  budgets = splitParts(
    budgets.filter((c) => !c.used),
    (c) => (c.info.scope === 'period' ? 'budget_period' : 'budget_annual'),
  );
  const totals = budgets.filter((c) => c.info.totalBudget);
  if (totals.length > 0) budgets = [...totals, ...budgets.filter((c) => !c.info.totalBudget)];
  const hasForecast = cands.some((c) => result.get(c.index)?.role === 'forecast');
  const outcomeCol = cands.find((c) => result.get(c.index)?.role === 'outcome');
  const period = budgets.filter((c) => c.info.scope === 'period');
  const annual = budgets.filter((c) => c.info.scope === 'annual');
  const unscoped = budgets.filter((c) => c.info.scope === undefined);
  const singleBudget = budgets.length === 1;
  for (const c of unscoped) {
    if (c.info.totalBudget) {
      annual.push(c);
      continue;
    }
    if (singleBudget) {
      if (hasForecast || !outcomeCol) annual.push(c);
      else period.push(c);
      continue;
    }
    const periodSibling = budgets.find((o) => o !== c && o.info.month !== undefined);
    if (periodSibling && c.info.month === undefined) annual.push(c);
    else if (c.info.year === undefined && budgets.some((o) => o !== c && o.info.year !== undefined))
      period.push(c);
    else if (c.info.year !== undefined && budgets.some((o) => o !== c && o.info.year === undefined))
      annual.push(c);
    else if (annual.length === 0 && (hasForecast || !outcomeCol) && period.length > 0) annual.push(c);
    else if (period.length === 0 && outcomeCol) period.push(c);
    else annual.push(c);
  }
  const pick = (list: Candidate[], role: ColumnRole) => {
    // Among several, a TOTAL budget wins, then the latest year, then the rightmost.
    const sorted = [...list].sort(
      (a, b) =>
        Number(!!b.info.totalBudget) - Number(!!a.info.totalBudget) ||
        timeKey(b.info) - timeKey(a.info) ||
        b.index - a.index,
    );
    if (sorted[0]) set(sorted[0], role);
    for (const c of sorted.slice(1)) set(c, 'other', role);
  };
  pick(period, 'budget_period');
  pick(annual, 'budget_annual');

  // Deviations: scope from the header, else from which pair exists.
  let devs = live('deviation');
  devs = splitParts(devs, (c) => (c.info.scope === 'annual' ? 'deviation_annual' : 'deviation_period'));
  const has = (role: ColumnRole) => [...result.values()].some((r) => r.role === role);
  const devPeriod = devs.filter((c) => c.info.scope === 'period');
  const devAnnual = devs.filter((c) => c.info.scope === 'annual');
  for (const c of devs.filter((d) => d.info.scope === undefined)) {
    const canPeriod = has('outcome') && has('budget_period');
    const canAnnual = has('forecast') && has('budget_annual');
    if (devPeriod.length === 0 && (canPeriod || !canAnnual)) devPeriod.push(c);
    else if (devAnnual.length === 0) devAnnual.push(c);
    else devPeriod.push(c);
  }
  const pickDev = (list: Candidate[], role: ColumnRole) => {
    if (list[0]) set(list[0], role);
    for (const c of list.slice(1)) set(c, 'other', role);
  };
  pickDev(devPeriod, 'deviation_period');
  pickDev(devAnnual, 'deviation_annual');

  for (const c of cands) if (!result.has(c.index)) result.set(c.index, { index: c.index, role: 'other' });
  return cols.map((c) => result.get(c.index)!);
}
