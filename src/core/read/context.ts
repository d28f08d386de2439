/**
 * Unit, report period and sign convention of a table (DOMAIN.md §5, §8, §9),
 * each with the evidence that decided it.
 */
import type { SignConvention, Unit } from '../schemas';
import { compact } from '../text';
import { THRESHOLDS } from '../thresholds';
import {
  INDICATOR_CONTEXT,
  MONEY_UNITS,
  REVENUE_TITLE,
  COST_OR_RESULT_TITLE,
  VOLUME_CONTEXT,
  VOLUME_LEGEND,
} from '../vocabulary';
import type { ColumnData, TableData } from './data';
import type { Hierarchy } from './hierarchy';
import type { ColumnDecision, NettoBlock } from './roles';
import type { RowTraits } from './rows';

export interface Decided<T> {
  value: T;
  evidence: string;
}

function moneyUnitIn(text: string): Unit | undefined {
  const t = text.toLowerCase();
  for (const u of MONEY_UNITS) if (u.pattern.test(t)) return u.unit;
  return undefined;
}

const UNIT_WORD: Record<string, string> = { tkr: 'tkr', mnkr: 'mnkr', kr: 'kr' };

/** The table's unit: stated in a title, unit row or header; else read from labels, then from the figures. */
export function decideUnit(
  data: TableData,
  traits: readonly RowTraits[],
  amount: readonly ColumnData[],
): Decided<Unit> {
  const above = data.region.above;
  const sources = [data.labelHeader, ...above.slice().reverse(), ...data.cols.map((c) => c.header)];
  for (const t of sources) {
    const u = moneyUnitIn(t);
    if (u) return { value: u, evidence: `Texten ”${t.trim()}” anger ${UNIT_WORD[u]}.` };
  }
  const context = compact([...above, data.labelHeader].join(' '));
  const items = traits.filter((t) => t.base === 'figure' && t.sum === 'none' && t.part === 'none');
  const withUnit = items.map((t) => t.unit).filter((u): u is string => u !== undefined);
  if (items.length > 0 && withUnit.length >= Math.ceil(items.length / 2)) {
    const kinds = new Set(withUnit);
    const only = [...kinds][0]!;
    const value: Unit =
      kinds.size > 1 ? 'mixed' : only === 'timmar' ? 'timmar' : only === '%' ? '%' : 'antal';
    return { value, evidence: `Radernas etiketter anger enheter (${[...kinds].join(', ')}).` };
  }
  if (VOLUME_CONTEXT.test(context))
    return { value: 'antal', evidence: 'Rubriken över tabellen anger volymer eller nyckeltal.' };
  if (INDICATOR_CONTEXT.test(context))
    return { value: 'mixed', evidence: 'Rubriken över tabellen anger indikatorer.' };
  const headers = data.cols.map((c) => c.header);
  if (headers.length > 0 && headers.every((h) => h === '' || /%|andel|procent/i.test(h)))
    return { value: '%', evidence: 'Kolumnrubrikerna anger procent.' };
  let percent = 0;
  let whole = 0;
  let fractional = 0;
  let max = 0;
  for (const col of amount)
    for (let p = 0; p < data.n; p++) {
      const v = col.value[p]!;
      if (Number.isNaN(v) || traits[p]!.base !== 'figure') continue;
      if (Math.abs(v) > max) max = Math.abs(v);
      if (Number.isInteger(v)) whole++;
      else fractional++;
    }
  for (const col of data.cols) percent += col.percentCells;
  if (percent > whole + fractional) return { value: '%', evidence: 'Värdena är procent.' };
  if (whole + fractional === 0)
    return { value: 'unknown', evidence: 'Tabellen har inga belopp att läsa enheten ur.' };
  const share = fractional / (whole + fractional);
  if (share > THRESHOLDS.mnkrDecimalShare && max < THRESHOLDS.mnkrMaxMagnitude)
    return {
      value: 'mnkr',
      evidence: `Ingen enhet anges; beloppen har decimaler och är högst ${Math.round(max)}, som miljoner kronor i en kommuns redovisning.`,
    };
  return { value: 'tkr', evidence: 'Ingen enhet anges; beloppen är hela tal, som tusentals kronor.' };
}

const MEASURE_ROLES = new Set([
  'outcome',
  'outcome_prior_year',
  'budget_period',
  'budget_annual',
  'forecast',
]);

/**
 * Sign convention (DOMAIN.md §5) from the values: a netto block's
 * arithmetic, then the cost rows, then the totals, then the bulk of the items.
 * Whether the deviation columns follow it is checked separately, so a header
 * that contradicts its values is reported once rather than deciding it.
 */
export function decideSign(
  data: TableData,
  traits: readonly RowTraits[],
  cols: readonly ColumnData[],
  decisions: readonly ColumnDecision[],
  nettos: readonly NettoBlock[],
  hierarchy: Hierarchy,
  unit: Unit,
): Decided<SignConvention> {
  const legend = compact([...data.region.above, data.labelHeader].join(' '));
  if (unit === 'timmar' || unit === 'antal' || unit === 'mixed' || VOLUME_LEGEND.test(legend))
    return {
      value: 'volumes',
      evidence: 'Tabellen redovisar volymer: avvikelse = utfall − budget, fler eller färre än budget.',
    };
  if (unit === '%')
    return { value: 'unknown', evidence: 'Tabellen redovisar andelar; teckenkonventionen gäller inte.' };
  for (const b of nettos) {
    const cost = cols[b.cost]!;
    const rev = cols[b.revenue]!;
    const s = signs(cost, traits);
    const r = signs(rev, traits);
    if (b.form === 'cost_minus_revenue')
      return {
        value: 'costs_positive',
        evidence: `${q(cols[b.net]!.header)} = ${q(cost.header)} − ${q(rev.header)}: kostnader och intäkter visas positiva.`,
      };
    if (s.neg > s.pos)
      return {
        value: 'costs_negative',
        evidence: `${q(cols[b.net]!.header)} = ${q(rev.header)} + ${q(cost.header)} med negativa kostnader.`,
      };
    if (s.pos > s.neg && r.neg >= r.pos)
      return {
        value: 'costs_positive',
        evidence: `${q(cols[b.net]!.header)} = ${q(cost.header)} + ${q(rev.header)} med positiva kostnader och negativa intäkter.`,
      };
  }
  const measured = cols.filter((_, i) => MEASURE_ROLES.has(decisions[i]!.role));
  if (measured.length === 0)
    return {
      value: 'unknown',
      evidence: 'Tabellen har inga utfalls-, budget- eller prognoskolumner att läsa tecknen ur.',
    };
  const count = (pick: (p: number) => boolean) => {
    let pos = 0;
    let neg = 0;
    for (let p = 0; p < data.n; p++) {
      if (!pick(p)) continue;
      for (const c of measured) {
        const v = c.value[p]!;
        if (Number.isNaN(v) || v === 0) continue;
        if (v > 0) pos++;
        else neg++;
      }
    }
    return { pos, neg };
  };
  const decide = (s: { pos: number; neg: number }) =>
    s.neg > s.pos ? 'costs_negative' : s.pos > s.neg ? 'costs_positive' : undefined;
  const inPart = new Set(hierarchy.parts.map((l) => l.row));
  const costRows = count((p) => traits[p]!.base === 'figure' && traits[p]!.cost && !inPart.has(p));
  const byCost = decide(costRows);
  if (byCost)
    return {
      value: byCost,
      evidence: `Kostnadsraderna är ${byCost === 'costs_negative' ? 'negativa' : 'positiva'} (${byCost === 'costs_negative' ? costRows.neg : costRows.pos} av ${costRows.pos + costRows.neg} belopp).`,
    };
  const totals = new Set(hierarchy.nodes.filter((n) => hierarchy.parent[n.row] === -1).map((n) => n.row));
  const byTotal = decide(count((p) => totals.has(p)));
  const items = count(
    (p) => traits[p]!.base === 'figure' && !traits[p]!.revenue && !hierarchy.nodeAt.has(p) && !inPart.has(p),
  );
  const byItems = decide(items);
  const context = compact([...data.region.above, data.labelHeader].join(' '));
  const revenueTable = REVENUE_TITLE.test(context) && !COST_OR_RESULT_TITLE.test(context);
  const anyItem = traits.some((t, p) => t.base === 'figure' && !t.revenue && !hierarchy.nodeAt.has(p));
  if (revenueTable || (!anyItem && traits.some((t) => t.revenue)))
    return { value: 'unknown', evidence: 'Tabellen redovisar bara intäkter; kostnadernas tecken syns inte.' };
  if (byTotal)
    return {
      value: byTotal,
      evidence: `Summan är ${byTotal === 'costs_negative' ? 'negativ' : 'positiv'}: nettokostnader visas ${byTotal === 'costs_negative' ? 'negativa' : 'positiva'}.`,
    };
  if (byItems)
    return {
      value: byItems,
      evidence: `De flesta belopp är ${byItems === 'costs_negative' ? 'negativa' : 'positiva'} (${byItems === 'costs_negative' ? items.neg : items.pos} av ${items.pos + items.neg}): nettokostnader visas ${byItems === 'costs_negative' ? 'negativa' : 'positiva'}.`,
    };
  return { value: 'unknown', evidence: 'Beloppens tecken avgör inte konventionen.' };
}

function signs(col: ColumnData, traits: readonly RowTraits[]): { pos: number; neg: number } {
  let pos = 0;
  let neg = 0;
  for (let p = 0; p < col.value.length; p++) {
    const v = col.value[p]!;
    if (traits[p]!.base !== 'figure' || Number.isNaN(v) || v === 0) continue;
    if (v > 0) pos++;
    else neg++;
  }
  return { pos, neg };
}

const q = (s: string) => `”${s}”`;
