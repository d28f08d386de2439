/**
 * Column roles (DOMAIN.md §4): the figures decide, the headers suggest.
 *
 * First the arithmetic: every difference and sum that holds between columns
 * (relations.ts). Each holding difference z = ±(x − y) is read as "z is the
 * deviation of x against y" when that reading is plausible — z's header
 * names a deviation or nothing, its values are smaller than its operands',
 * one operand reads as a budget and the other as an outcome or forecast —
 * and the most plausible readings are taken, one role per column. A netto
 * column of intäkter and kostnader is found the same way. Then the headers
 * name the rest and break ties: which outcome is this year's, which budget
 * the period's, a prior-year column, another entity's, a plan year. Where
 * the figures cannot decide (a column of blanks, a table of one row) the
 * header alone decides, and the evidence says so.
 */
import type { ColumnPart, ColumnRole } from '../schemas';
import { THRESHOLDS } from '../thresholds';
import type { ColumnData } from './data';
import type { HeaderInfo, Measure } from './headers';
import { findRelations, type Relation } from './relations';

export interface ColumnDecision {
  role: ColumnRole;
  /** For part columns (intäkter/kostnader): the measure the part belongs to. */
  measure?: ColumnRole;
  part?: ColumnPart;
  source: 'header' | 'data';
  /** Why, in Swedish. */
  evidence: string;
  nonAmount?: boolean;
}

/** A deviation column and the two columns it compares (indices into the table's columns). */
export interface DeviationPair {
  dev: number;
  actual: number;
  budget: number;
  relation?: Relation;
}

/** Netto = intäkter + kostnader (costs negative, or revenues negative) or kostnader − intäkter (both positive). */
export interface NettoBlock {
  net: number;
  revenue: number;
  cost: number;
  form: 'sum' | 'cost_minus_revenue';
  relation?: Relation;
}

export interface RoleReading {
  decisions: ColumnDecision[];
  deviations: DeviationPair[];
  nettos: NettoBlock[];
  relations: Relation[];
}

const q = (s: string) => `”${s || '(ingen rubrik)'}”`;

function rowsText(holds: number, evaluated: number): string {
  return `${holds} av ${evaluated} ${evaluated === 1 ? 'rad' : 'rader'}`;
}

function timeKey(info: HeaderInfo): number {
  return (info.year ?? 0) * 100 + (info.month ?? 0);
}

function actualLike(m: Measure | undefined): boolean {
  return m === 'outcome' || m === 'forecast';
}

/** Whether a column is a share, a year or a code rather than an amount, and why. */
export function nonAmountReason(col: ColumnData): string | undefined {
  const info = col.info;
  if (info.nonAmountReason) {
    const why = {
      note: 'en notkolumn',
      code: 'en kodkolumn',
      target: 'ett mål',
      percent: 'andelar (procent)',
      year: 'årtal',
    }[info.nonAmountReason];
    return `Rubriken ${q(col.header)} anger ${why}, inte belopp.`;
  }
  if (col.numberCells > 0 && col.yearCells === col.numberCells) return `Värdena är årtal, inte belopp.`;
  if (col.numberCells > 0 && col.percentCells === col.numberCells) return `Värdena är procent, inte belopp.`;
  return undefined;
}

export function assignRoles(cols: readonly ColumnData[], figureRows: readonly number[]): RoleReading {
  const decisions: (ColumnDecision | undefined)[] = cols.map(() => undefined);
  const set = (i: number, d: ColumnDecision) => {
    if (!decisions[i]) decisions[i] = d;
  };

  // Shares, years and codes take no role.
  cols.forEach((c, i) => {
    const why = nonAmountReason(c);
    if (why)
      set(i, {
        role: 'other',
        source: c.info.nonAmountReason ? 'header' : 'data',
        evidence: why,
        nonAmount: true,
      });
  });
  const amountIdx = cols.map((_, i) => i).filter((i) => !decisions[i]);
  const amount = amountIdx.map((i) => cols[i]!);
  const relations = findRelations(amount, figureRows).map((r) => ({
    ...r,
    z: amountIdx[r.z]!,
    x: amountIdx[r.x]!,
    y: amountIdx[r.y]!,
  }));

  // Another entity's figures and plan years are never this report's.
  cols.forEach((c, i) => {
    if (c.info.outside === 'entity')
      set(i, {
        role: 'other',
        source: 'header',
        evidence: `Rubriken ${q(c.header)} avser en annan enhet (bolag eller koncern).`,
      });
    else if (c.info.outside === 'plan')
      set(i, { role: 'other', source: 'header', evidence: `Rubriken ${q(c.header)} är ett planår.` });
  });

  const nettos = nettoBlocks(cols, relations, decisions);
  const deviations = deviationPairs(cols, relations, decisions);
  namedByHeaders(cols, decisions, deviations, nettos, figureRows);

  return {
    decisions: decisions.map(
      (d, i) =>
        d ?? {
          role: 'other',
          source: 'header',
          evidence: `Rubriken ${q(cols[i]!.header)} anger ingen av rollerna.`,
        },
    ),
    deviations,
    nettos,
    relations,
  };
}

/** Intäkter / kostnader / netto columns of one measure, by their headers, confirmed by the arithmetic when it holds. */
function nettoBlocks(
  cols: readonly ColumnData[],
  relations: readonly Relation[],
  decisions: (ColumnDecision | undefined)[],
): NettoBlock[] {
  const out: NettoBlock[] = [];
  const part = (i: number) => (decisions[i] ? undefined : cols[i]!.info.part);
  for (const r of relations) {
    const trio = [r.z, r.x, r.y];
    const net = trio.find((i) => part(i) === 'net');
    const rev = trio.find((i) => part(i) === 'revenue');
    const cost = trio.find((i) => part(i) === 'cost');
    if (net === undefined || rev === undefined || cost === undefined) continue;
    if (out.some((b) => b.net === net || b.revenue === rev || b.cost === cost)) continue;
    if (r.type === 'sum' && r.z === net) out.push({ net, revenue: rev, cost, form: 'sum', relation: r });
    else if (r.type === 'difference' && r.z === net && (r.x === cost ? r.plus >= r.minus : r.minus >= r.plus))
      out.push({ net, revenue: rev, cost, form: 'cost_minus_revenue', relation: r });
    else if (r.type === 'difference' && r.z === net)
      out.push({ net, revenue: rev, cost, form: 'sum', relation: r });
  }
  return out;
}

/**
 * Holding differences read as deviations, most plausible first, one role per
 * column: a deviation is never also an operand, a column is one deviation.
 */
function deviationPairs(
  cols: readonly ColumnData[],
  relations: readonly Relation[],
  decisions: (ColumnDecision | undefined)[],
): DeviationPair[] {
  const scored: { r: Relation; score: number; actual: number; budget: number }[] = [];
  for (const r of relations) {
    if (r.type !== 'difference') continue;
    const [z, x, y] = [cols[r.z]!, cols[r.x]!, cols[r.y]!];
    if (decisions[r.z] || decisions[r.x] || decisions[r.y]) continue;
    // Revenue and cost parts are never a deviation's operands; their netto is.
    if ([z, x, y].some((c) => c.info.part === 'revenue' || c.info.part === 'cost')) continue;
    let score = 0;
    const zm = z.info.measure;
    if (zm === 'deviation') score += 4;
    else if (zm === undefined) score += 1;
    else score -= 1;
    const xm = x.info.measure;
    const ym = y.info.measure;
    if (xm === 'deviation' || ym === 'deviation') score -= 3;
    if (xm === 'budget' && ym === 'budget') continue; // a budget change, not a deviation
    if (actualLike(xm) && actualLike(ym) && !(xm === 'forecast') !== !(ym === 'forecast')) {
      // outcome against forecast: not a budget deviation
      continue;
    }
    if (xm === 'outcome' && ym === 'outcome') continue; // a change between years
    let actual = r.x;
    let budget = r.y;
    if (ym === 'budget' || actualLike(xm)) [actual, budget] = [r.x, r.y];
    else if (xm === 'budget' || actualLike(ym)) [actual, budget] = [r.y, r.x];
    if (cols[budget]!.info.measure === 'budget') score += 2;
    // A deviation's scope matches what it compares: the period's outcome, the year's forecast and budget.
    const scope = z.info.scope;
    const am = cols[actual]!.info.measure;
    const bs = cols[budget]!.info.scope;
    if (scope === 'annual') score += am === 'forecast' ? 1 : am === 'outcome' ? -1 : 0;
    if (scope === 'period') score += am === 'outcome' ? 1 : am === 'forecast' ? -1 : 0;
    if (scope && bs) score += scope === bs ? 0.5 : -0.5;
    // Among budget build-up columns, the total budget is the one a deviation compares.
    if (cols[budget]!.info.buildUp) score -= 1.5;
    if (cols[budget]!.info.totalBudget) score += 1;
    if (actualLike(cols[actual]!.info.measure)) score += 2;
    const small = Math.min(r.magnitude.x, r.magnitude.y);
    if (r.magnitude.z < THRESHOLDS.deviationMagnitudeRatio * small) score += 1;
    else if (zm !== 'deviation') score -= 2;
    if (
      z.info.prior ||
      (z.info.year !== undefined &&
        cols[actual]!.info.year !== undefined &&
        z.info.year < cols[actual]!.info.year!)
    )
      score -= 2;
    score += r.holds / Math.max(1, r.evaluated);
    if (score >= 2) scored.push({ r, score, actual, budget });
  }
  scored.sort((a, b) => b.score - a.score || b.r.informative - a.r.informative);
  const out: DeviationPair[] = [];
  const used = new Set<number>();
  const operands = new Set<number>();
  for (const s of scored) {
    if (used.has(s.r.z) || operands.has(s.r.z) || used.has(s.actual) || used.has(s.budget)) continue;
    // Two deviations never compare the same pair.
    if (out.some((d) => d.actual === s.actual && d.budget === s.budget)) continue;
    out.push({ dev: s.r.z, actual: s.actual, budget: s.budget, relation: s.r });
    used.add(s.r.z);
    operands.add(s.actual);
    operands.add(s.budget);
  }
  return out;
}

function splitByPart(list: number[], cols: readonly ColumnData[]): { main: number[]; parts: number[] } {
  const parts = list.filter((i) => cols[i]!.info.part === 'revenue' || cols[i]!.info.part === 'cost');
  const main = list.filter((i) => !parts.includes(i));
  return { main, parts };
}

/** Roles for what the arithmetic left open, and the scope of every deviation, by the headers. */
function namedByHeaders(
  cols: readonly ColumnData[],
  decisions: (ColumnDecision | undefined)[],
  deviations: DeviationPair[],
  nettos: NettoBlock[],
  figureRows: readonly number[],
): void {
  const free = (i: number) => !decisions[i];
  const header = (i: number) => q(cols[i]!.header);
  const measureOf = (i: number): Measure | undefined => cols[i]!.info.measure;
  const all = cols.map((_, i) => i);

  // Operands of deviations take the measure their header names, or the one the deviation implies.
  const actualOf = new Map<number, DeviationPair>();
  const budgetOf = new Map<number, DeviationPair>();
  for (const d of deviations) {
    actualOf.set(d.actual, d);
    budgetOf.set(d.budget, d);
  }
  const measure = (i: number): Measure | undefined => {
    const m = measureOf(i);
    if (m && m !== 'deviation') return m;
    if (budgetOf.has(i)) return 'budget';
    if (actualOf.has(i)) return m === undefined ? 'outcome' : m;
    if (nettos.some((b) => b.net === i)) return m ?? 'outcome';
    return m;
  };
  const relEvidence = (d: DeviationPair) =>
    d.relation
      ? `${header(d.dev)} = ${header(d.actual)} − ${header(d.budget)} (eller omvänt) stämmer på ${rowsText(d.relation.holds, d.relation.evaluated)}.`
      : '';

  // Netto parts: the part columns take no role of their own.
  const partMeasure = new Map<number, number>();
  for (const b of nettos) {
    partMeasure.set(b.revenue, b.net);
    partMeasure.set(b.cost, b.net);
  }

  // Outcomes.
  const outcomes = all.filter((i) => free(i) && measure(i) === 'outcome');
  const { main: outMain, parts: outParts } = splitByPart(outcomes, cols);
  const annualPrior = outMain.filter(
    (i) =>
      cols[i]!.info.scope === 'annual' &&
      (cols[i]!.info.prior ||
        outMain.some(
          (o) =>
            o !== i &&
            cols[o]!.info.year !== undefined &&
            cols[i]!.info.year !== undefined &&
            cols[i]!.info.year! < cols[o]!.info.year!,
        )) &&
      !actualOf.has(i),
  );
  let current: number | undefined;
  // The outcome a deviation compares is this year's: the figures say so.
  const periodDevActual = deviations
    .map((d) => d.actual)
    .find((a) => outMain.includes(a) && !annualPrior.includes(a) && !cols[a]!.info.prior);
  const candidates = outMain.filter((i) => !annualPrior.includes(i));
  if (periodDevActual !== undefined) current = periodDevActual;
  else {
    const rest = candidates.filter((i) => !cols[i]!.info.prior);
    const noYear = rest.filter((i) => cols[i]!.info.year === undefined);
    if (noYear.length === 1 && rest.length > 1) current = noYear[0];
    else current = [...rest].sort((a, b) => timeKey(cols[b]!.info) - timeKey(cols[a]!.info) || a - b)[0];
    // Three columns all "Utfall" (years lost): the first is this year's.
    if (
      current !== undefined &&
      rest.length > 1 &&
      rest.every((i) => timeKey(cols[i]!.info) === timeKey(cols[current!]!.info))
    )
      current = rest[0];
  }
  for (const i of annualPrior)
    decisions[i] = {
      role: 'outcome_prior_year_annual',
      source: 'header',
      evidence: `Rubriken ${header(i)}: helårsutfall för ett tidigare år.`,
    };
  if (current !== undefined) {
    const d = actualOf.get(current);
    decisions[current] = d
      ? { role: 'outcome', source: 'data', evidence: `Utfallet i avvikelsen: ${relEvidence(d)}` }
      : {
          role: 'outcome',
          source: 'header',
          evidence: `Rubriken ${header(current)}${cols[current]!.info.year ? ', det senaste året' : ''}.`,
        };
    const cy = cols[current]!.info.year;
    const others = candidates.filter((i) => i !== current);
    const prior =
      others.find((i) => cols[i]!.info.prior) ??
      [...others]
        .filter((i) => cy === undefined || cols[i]!.info.year === undefined || cols[i]!.info.year === cy - 1)
        .sort((a, b) => timeKey(cols[b]!.info) - timeKey(cols[a]!.info) || a - b)[0];
    if (prior !== undefined)
      decisions[prior] = {
        role: 'outcome_prior_year',
        source: 'header',
        evidence: `Rubriken ${header(prior)}: samma period föregående år.`,
      };
    for (const i of others)
      if (!decisions[i])
        decisions[i] = {
          role: 'other',
          measure: 'outcome',
          source: 'header',
          evidence: `Rubriken ${header(i)}: utfall för ett annat år.`,
        };
  }
  for (const i of outParts) setPart(i, 'outcome');

  // Forecast: one column; a forecast column whose values have the budget's opposite sign holds deviations.
  const forecasts = all.filter((i) => free(i) && measure(i) === 'forecast');
  const { main: fcMain, parts: fcParts } = splitByPart(forecasts, cols);
  const fc = [...fcMain].sort(
    (a, b) =>
      timeKey(cols[b]!.info) - timeKey(cols[a]!.info) ||
      (actualOf.has(b) ? 1 : 0) - (actualOf.has(a) ? 1 : 0),
  )[0];
  for (const i of fcMain)
    if (i !== fc)
      decisions[i] = {
        role: 'other',
        measure: 'forecast',
        source: 'header',
        evidence: `Rubriken ${header(i)}: en annan prognos.`,
      };
  for (const i of fcParts) setPart(i, 'forecast');

  // Budgets.
  const budgets = all.filter((i) => free(i) && measure(i) === 'budget');
  const { main: bMain, parts: bParts } = splitByPart(budgets, cols);
  for (const i of bParts) setPart(i, cols[i]!.info.scope === 'period' ? 'budget_period' : 'budget_annual');
  const live: number[] = [];
  const outcomeYear = current !== undefined ? cols[current]!.info.year : undefined;
  for (const i of bMain) {
    const info = cols[i]!.info;
    if (info.buildUp && !budgetOf.has(i))
      decisions[i] = {
        role: 'other',
        measure: 'budget_annual',
        source: 'header',
        evidence: `Rubriken ${header(i)}: en del av budgeten (ombudgetering eller överföring).`,
      };
    else if (
      outcomeYear !== undefined &&
      info.year !== undefined &&
      info.year < outcomeYear &&
      !budgetOf.has(i)
    )
      decisions[i] = {
        role: 'other',
        measure: 'budget_annual',
        source: 'header',
        evidence: `Rubriken ${header(i)}: ett tidigare års budget.`,
      };
    else live.push(i);
  }
  const totals = live.filter((i) => cols[i]!.info.totalBudget);
  const pool =
    totals.length > 0
      ? [...totals, ...live.filter((i) => !cols[i]!.info.totalBudget && budgetOf.has(i))]
      : live;
  for (const i of live)
    if (!pool.includes(i))
      decisions[i] = {
        role: 'other',
        measure: 'budget_annual',
        source: 'header',
        evidence: `Rubriken ${header(i)}: en del av budgeten; totalbudgeten räknas.`,
      };
  const forecastUses = new Set(deviations.filter((d) => d.actual === fc).map((d) => d.budget));
  const outcomeUses = new Set(deviations.filter((d) => d.actual === current).map((d) => d.budget));
  const period: number[] = [];
  const annual: number[] = [];
  const scopeWhy = new Map<number, string>();
  for (const i of pool) {
    const info = cols[i]!.info;
    if (info.scope === 'period') period.push(i);
    // A TOTAL budget (investments) is the whole year's.
    else if (info.scope === 'annual' || info.totalBudget) annual.push(i);
  }
  const unscoped = pool.filter((i) => !period.includes(i) && !annual.includes(i));
  if (unscoped.length > 0) {
    // Which budget is the period's when the headers do not say: what the deviations compare, then size.
    for (const i of unscoped) {
      if (forecastUses.has(i) && !outcomeUses.has(i)) {
        annual.push(i);
        scopeWhy.set(i, 'jämförs med prognosen');
      } else if (outcomeUses.has(i) && !forecastUses.has(i) && pool.length > 1) {
        period.push(i);
        scopeWhy.set(i, 'jämförs med utfallet');
      }
    }
    const rest = unscoped.filter((i) => !period.includes(i) && !annual.includes(i));
    const sized = rest.length === 2 ? smallerBudget(cols, rest[0]!, rest[1]!, figureRows) : undefined;
    if (sized) {
      period.push(sized.smaller);
      annual.push(sized.larger);
      scopeWhy.set(
        sized.smaller,
        `mindre än ${header(sized.larger)} på ${rowsText(sized.holds, sized.evaluated)}`,
      );
      scopeWhy.set(sized.larger, `större än ${header(sized.smaller)}`);
    } else
      for (const i of rest) {
        const info = cols[i]!.info;
        const hasForecast = fc !== undefined;
        const periodSibling = pool.find((o) => o !== i && cols[o]!.info.month !== undefined);
        if (pool.length === 1) (hasForecast || current === undefined ? annual : period).push(i);
        else if (periodSibling !== undefined && info.month === undefined) annual.push(i);
        else if (info.year === undefined && pool.some((o) => o !== i && cols[o]!.info.year !== undefined))
          period.push(i);
        else if (info.year !== undefined && pool.some((o) => o !== i && cols[o]!.info.year === undefined))
          annual.push(i);
        else if (annual.length === 0 && (hasForecast || current === undefined) && period.length > 0)
          annual.push(i);
        else if (period.length === 0 && current !== undefined && info.year === undefined) period.push(i);
        else annual.push(i);
      }
  }
  const pick = (list: number[], role: ColumnRole) => {
    const sorted = [...list].sort(
      (a, b) =>
        Number(!!cols[b]!.info.totalBudget) - Number(!!cols[a]!.info.totalBudget) ||
        Number(budgetOf.has(b)) - Number(budgetOf.has(a)) ||
        timeKey(cols[b]!.info) - timeKey(cols[a]!.info) ||
        b - a,
    );
    sorted.forEach((i, k) => {
      const why = scopeWhy.get(i);
      const d = budgetOf.get(i);
      if (k === 0)
        decisions[i] = d
          ? {
              role,
              source: 'data',
              evidence: `Budgeten i avvikelsen: ${relEvidence(d)}${why ? ` Den ${why}.` : ''}`,
            }
          : {
              role,
              source: why ? 'data' : 'header',
              evidence: `Rubriken ${header(i)}${why ? `; ${why}` : ''}.`,
            };
      else
        decisions[i] = {
          role: 'other',
          measure: role,
          source: 'header',
          evidence: `Rubriken ${header(i)}: ännu en budget; ${header(sorted[0]!)} räknas.`,
        };
    });
  };
  pick(period, 'budget_period');
  pick(annual, 'budget_annual');

  // The forecast, now that the annual budget is known: a "forecast" with the budget's opposite sign holds deviations.
  const ba = cols.findIndex((_, i) => decisions[i]?.role === 'budget_annual');
  if (fc !== undefined && !decisions[fc]) {
    const opposite = ba >= 0 ? oppositeSigns(cols[fc]!, cols[ba]!, figureRows) : undefined;
    const hasAnnualDev = deviations.some((d) => cols[d.dev]!.info.scope === 'annual' || d.actual === fc);
    if (
      opposite &&
      !hasAnnualDev &&
      opposite.opposite >= THRESHOLDS.forecastOppositeSignShare * opposite.both &&
      opposite.both >= 3
    ) {
      decisions[fc] = {
        role: 'deviation_annual',
        source: 'data',
        evidence: `Rubriken ${header(fc)} säger prognos, men värdena har motsatt tecken mot ${header(ba)} på ${rowsText(opposite.opposite, opposite.both)}: kolumnen innehåller prognosens avvikelse, inte ett prognosbelopp.`,
      };
    } else {
      const d = actualOf.get(fc);
      decisions[fc] = d
        ? { role: 'forecast', source: 'data', evidence: `Prognosen i avvikelsen: ${relEvidence(d)}` }
        : { role: 'forecast', source: 'header', evidence: `Rubriken ${header(fc)}.` };
    }
  }

  // Deviations found by the arithmetic: period or annual by what they compare, then by the header.
  const forecastCol = cols.findIndex((_, i) => decisions[i]?.role === 'forecast');
  for (const d of deviations) {
    if (decisions[d.dev]) continue;
    const scope = cols[d.dev]!.info.scope;
    let role: ColumnRole =
      d.actual === forecastCol || scope === 'annual' ? 'deviation_annual' : 'deviation_period';
    const taken = (r: ColumnRole) => decisions.some((x) => x?.role === r);
    if (taken(role)) role = role === 'deviation_period' ? 'deviation_annual' : 'deviation_period';
    decisions[d.dev] = taken(role)
      ? { role: 'other', measure: 'deviation_period', source: 'data', evidence: relEvidence(d) }
      : { role, source: 'data', evidence: relEvidence(d) };
  }
  // Deviation headers the arithmetic could not confirm.
  const devs = all.filter((i) => free(i) && measureOf(i) === 'deviation');
  const { main: devMain, parts: devParts } = splitByPart(devs, cols);
  for (const i of devParts)
    setPart(i, cols[i]!.info.scope === 'annual' ? 'deviation_annual' : 'deviation_period');
  const has = (role: ColumnRole) => decisions.some((d) => d?.role === role);
  const confirmedYear = deviations.map((d) => cols[d.dev]!.info.year).find((y) => y !== undefined);
  for (const i of devMain) {
    const info = cols[i]!.info;
    // A prior year's deviation beside this year's ("Avvikelse 2017" next to "Avvikelse") is not this report's.
    const priorYear =
      info.prior ||
      (info.year !== undefined &&
        ((outcomeYear !== undefined && info.year < outcomeYear) ||
          (deviations.length > 0 && (confirmedYear === undefined || info.year < confirmedYear)) ||
          devMain.some((o) => o !== i && cols[o]!.info.year === undefined)));
    if (priorYear) {
      decisions[i] = {
        role: 'other',
        measure: 'deviation_period',
        source: 'header',
        evidence: `Rubriken ${header(i)}: ett tidigare års avvikelse.`,
      };
      continue;
    }
    let role: ColumnRole | undefined;
    if (info.scope === 'annual') role = has('deviation_annual') ? undefined : 'deviation_annual';
    else if (info.scope === 'period') role = has('deviation_period') ? undefined : 'deviation_period';
    else {
      const canPeriod = has('outcome') && (has('budget_period') || has('budget_annual'));
      const canAnnual = has('forecast') && has('budget_annual');
      if (!has('deviation_period') && (canPeriod || !canAnnual)) role = 'deviation_period';
      else if (!has('deviation_annual')) role = 'deviation_annual';
    }
    decisions[i] = role
      ? {
          role,
          source: 'header',
          evidence: `Rubriken ${header(i)}; värdena kan inte räknas fram ur tabellens andra kolumner.`,
        }
      : {
          role: 'other',
          measure: 'deviation_period',
          source: 'header',
          evidence: `Rubriken ${header(i)}: ännu en avvikelse.`,
        };
  }

  function setPart(i: number, m: ColumnRole) {
    const net = partMeasure.get(i);
    const b = nettos.find((x) => x.revenue === i || x.cost === i);
    decisions[i] = {
      role: 'other',
      measure:
        net !== undefined && decisions[net]?.role && decisions[net]!.role !== 'other'
          ? decisions[net]!.role
          : m,
      part: cols[i]!.info.part!,
      source: b ? 'data' : 'header',
      evidence: b?.relation
        ? `En del av nettot ${header(b.net)}: ${b.form === 'sum' ? `${header(b.net)} = ${header(b.revenue)} + ${header(b.cost)}` : `${header(b.net)} = ${header(b.cost)} − ${header(b.revenue)}`} stämmer på ${rowsText(b.relation.holds, b.relation.evaluated)}.`
        : `Rubriken ${header(i)}: ${cols[i]!.info.part === 'revenue' ? 'intäkterna' : 'kostnaderna'} av ett belopp, som räknas som helhet i nettokolumnen.`,
    };
  }
  // Parts of measures whose netto was decided only now (the part's measure follows the net column's role).
  for (const b of nettos)
    for (const i of [b.revenue, b.cost]) if (!decisions[i]) setPart(i, decisions[b.net]?.role ?? 'outcome');
  // Part columns of a measure without a netto column: neither part stands for the whole.
  for (const i of all)
    if (!decisions[i] && (cols[i]!.info.part === 'revenue' || cols[i]!.info.part === 'cost'))
      setPart(
        i,
        measureOf(i) === 'budget' ? 'budget_annual' : measureOf(i) === 'forecast' ? 'forecast' : 'outcome',
      );
}

/** Which of two budgets is at most the other in size on most rows: the period budget is the smaller. */
function smallerBudget(
  cols: readonly ColumnData[],
  a: number,
  b: number,
  rows: readonly number[],
): { smaller: number; larger: number; holds: number; evaluated: number } | undefined {
  let aSmaller = 0;
  let bSmaller = 0;
  let evaluated = 0;
  for (const p of rows) {
    const x = cols[a]!.value[p]!;
    const y = cols[b]!.value[p]!;
    if (Number.isNaN(x) || Number.isNaN(y) || (x === 0 && y === 0)) continue;
    evaluated++;
    if (Math.abs(x) <= Math.abs(y)) aSmaller++;
    if (Math.abs(y) <= Math.abs(x)) bSmaller++;
  }
  if (evaluated < 2) return undefined;
  const need = THRESHOLDS.periodBudgetSmallerShare * evaluated;
  if (aSmaller >= need && bSmaller < need) return { smaller: a, larger: b, holds: aSmaller, evaluated };
  if (bSmaller >= need && aSmaller < need) return { smaller: b, larger: a, holds: bSmaller, evaluated };
  return undefined;
}

/** Rows where a forecast and the annual budget are both non-zero, and of those the rows where their signs differ. */
function oppositeSigns(
  f: ColumnData,
  b: ColumnData,
  rows: readonly number[],
): { both: number; opposite: number } {
  let both = 0;
  let opposite = 0;
  for (const p of rows) {
    const x = f.value[p]!;
    const y = b.value[p]!;
    if (Number.isNaN(x) || Number.isNaN(y) || x === 0 || y === 0) continue;
    both++;
    if (Math.sign(x) !== Math.sign(y)) opposite++;
  }
  return { both, opposite };
}
