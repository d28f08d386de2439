/**
 * The draft text under the verksamhetsrapport, in the style of the reports'
 * "Periodens ekonomiska resultat och prognos för året": the total result
 * against the net budget for the period and the year (mnkr, one decimal, as
 * a share of the net budget), the revenue and cost sides where the workbook
 * has them, and the largest deviations by verksamhet. The economist edits
 * it; its figures are those of the report when it was made.
 */
import type { Unit } from '../schemas';
import { mnkr, percent, toMnkr } from './common';
import type { DraftText } from './sheetPlan';

export const DRAFT_HEADING = 'Periodens ekonomiska resultat och prognos för året';

/** A report line in the costs-negative view (a result: revenue positive, costs negative). */
export interface DraftLine {
  label: string;
  outcome: number;
  budgetPeriod: number;
  forecast: number;
  budgetAnnual: number;
}

export interface DraftSides {
  /** Intäkter and Kostnader, period outcome and budget, costs negative. */
  revenue: { outcome: number; budget: number };
  cost: { outcome: number; budget: number };
  unit: Unit;
}

export interface DraftInput {
  lines: readonly DraftLine[];
  total: DraftLine;
  unit: Unit;
  periodText: string;
  year?: number;
  hasForecast: boolean;
  hasBudgetPeriod: boolean;
  sides?: DraftSides;
}

const LARGEST = 3;

/**
 * The deviation as a share of the budget, of the deviation as the text
 * states it (rounded to 0,1 mnkr), so the two figures the reader sees agree:
 * +13,1 mnkr of 639,0 mnkr is 2,0 %, however the tkr behind it round.
 */
function share(dev: number, budget: number, unit: Unit): string | undefined {
  const b = toMnkr(budget, unit);
  if (b === 0) return undefined;
  return percent(Math.round(toMnkr(dev, unit) * 10) / 10 / Math.abs(b));
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]!}`;
}

export function draftText(input: DraftInput): DraftText {
  const { total, unit } = input;
  const m = (v: number, signed = false) => mnkr(toMnkr(v, unit), signed);
  const paragraphs: string[] = [];

  if (input.hasBudgetPeriod) {
    const dev = total.outcome - total.budgetPeriod;
    const s = share(dev, total.budgetPeriod, unit);
    const period = input.periodText ? `för ${input.periodText} ` : 'för perioden ';
    let p =
      `Det samlade utfallet ${period}uppgår till ${m(total.outcome)} jämfört med ${m(total.budgetPeriod)} ` +
      `i nettobudget för samma period, vilket motsvarar en avvikelse på ${m(dev, true)}` +
      (s ? ` (${s} av nettobudgeten).` : '.');
    if (input.sides) {
      const { revenue, cost } = input.sides;
      const mm = (v: number) => mnkr(Math.abs(toMnkr(v, input.sides!.unit)));
      const rDev = revenue.outcome - revenue.budget;
      // Costs are negative: an outcome above (less negative than) budget is a cost below budget.
      const cDev = cost.outcome - cost.budget;
      const rShare = share(rDev, revenue.budget, input.sides.unit);
      const cShare = share(cDev, cost.budget, input.sides.unit);
      p +=
        ` Intäkterna ${rDev >= 0 ? 'överstiger' : 'understiger'} budget med ${mm(rDev)}` +
        (rShare ? ` (${rShare} av budgeterade intäkter)` : '') +
        ` medan kostnaderna ${cDev >= 0 ? 'understiger' : 'överstiger'} budget med ${mm(cDev)}` +
        (cShare ? ` (${cShare} av budgeterade kostnader).` : '.');
    }
    paragraphs.push(p);
  }

  if (input.hasForecast) {
    const dev = total.forecast - total.budgetAnnual;
    const s = share(dev, total.budgetAnnual, unit);
    const year = input.year !== undefined ? `helåret ${input.year}` : 'helåret';
    paragraphs.push(
      `För ${year} bedöms utfallet bli ${m(total.forecast)} mot en nettobudget på ${m(total.budgetAnnual)}, ` +
        `vilket motsvarar ${dev >= 0 ? 'ett överskott' : 'ett underskott'} på ${m(dev, true)}` +
        (s ? ` (${s} av nämndens nettobudget).` : '.'),
    );
  }

  const annual = input.hasForecast;
  const devOf = (l: DraftLine) => (annual ? l.forecast - l.budgetAnnual : l.outcome - l.budgetPeriod);
  const ranked = input.lines.map((l) => ({ label: l.label, dev: devOf(l) }));
  const positive = ranked
    .filter((r) => Math.round(toMnkr(r.dev, unit) * 10) > 0)
    .sort((a, b) => b.dev - a.dev);
  const negative = ranked
    .filter((r) => Math.round(toMnkr(r.dev, unit) * 10) < 0)
    .sort((a, b) => a.dev - b.dev);
  const against = annual ? 'mot helårsbudget' : 'mot periodens budget';
  const name = (r: { label: string; dev: number }) => `${r.label} (${m(r.dev, true)})`;
  const parts: string[] = [];
  if (positive.length)
    parts.push(
      `De största positiva avvikelserna ${against} har ${list(positive.slice(0, LARGEST).map(name))}.`,
    );
  if (negative.length)
    parts.push(`De största negativa avvikelserna har ${list(negative.slice(0, LARGEST).map(name))}.`);
  if (parts.length) paragraphs.push(parts.join(' '));
  return { heading: DRAFT_HEADING, paragraphs };
}
