/**
 * What a header says about its column (DOMAIN.md §4), before the figures
 * have their say. Matching runs on the compact form of the text, so "Avvik.",
 * "Budgeta vvikelse", "Kost-nader" and "Årsprognos 2024" reduce to plain keys.
 */
import type { ColumnPart } from '../schemas';
import { compact, normalizeSpaces } from '../text';
import {
  BUILD_UP_STEMS,
  FULL_MONTHS,
  MEASURE_STEMS,
  MONTHS,
  NON_AMOUNT_HEADERS,
  OTHER_ENTITY_STEMS,
  PART_STEMS,
  PLAN_WHOLE,
  PRIOR_STEMS,
  SCOPE_STEMS,
} from '../vocabulary';

export type Measure = 'outcome' | 'budget' | 'forecast' | 'deviation';

export interface HeaderInfo {
  text: string;
  /** The measure the header names, when it names one. */
  measure?: Measure;
  /** A weaker reading some headers also allow ("Resultat": a deviation, or the outcome). */
  alternative?: Measure;
  scope?: 'period' | 'annual';
  year?: number;
  month?: number;
  /** A month range ("jan–aug", "Jan-Mars"). */
  range?: boolean;
  part?: ColumnPart;
  /** "fg år", "föregående år", "fjol". */
  prior?: boolean;
  /** A bare period label such as "2023" or "jan-jun 2023": a column of a time series. */
  bareTime?: boolean;
  /** Budget build-up columns of investment tables (ursprunglig, överförd, omdisponering). */
  buildUp?: boolean;
  /** "TOTAL BUDGET": the budget that counts among several. */
  totalBudget?: boolean;
  /** Deviation direction spelled out in the header ("Avvik budget - utfall"). */
  statedDirection?: 'budget_minus_outcome' | 'outcome_minus_budget';
  /** Never amounts: note numbers, codes, targets, percentages, years. */
  nonAmountReason?: 'note' | 'code' | 'target' | 'percent' | 'year';
  /** Another entity's figures ("Koncern", "Bolag"), or a plan year: never this report's roles. */
  outside?: 'entity' | 'plan';
}

export function monthFromWord(word: string): number | undefined {
  const w = compact(word);
  if (w.length < 3) return undefined;
  const k = MONTHS.findIndex((m) => w.startsWith(m));
  return k >= 0 ? k + 1 : undefined;
}

const YEAR_MONTH = /\b((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-\d{2})?\b/;
const YEAR = /\b((?:19|20)\d{2})\b/;
const MONTH_RANGE = /\b([a-zåäö]{3,9})\.?\s*[-–—]\s*([a-zåäö]{3,9})\b/i;

/** Year and last month of a period written in a header or title ("2024-08", "Jan-Mars", "jan–jun 2023", "aug 2024"). */
export function readPeriodText(text: string): { year?: number; month?: number; range?: boolean } {
  const ym = YEAR_MONTH.exec(text);
  if (ym) return { year: Number(ym[1]), month: Number(ym[2]) };
  const out: { year?: number; month?: number; range?: boolean } = {};
  const y = YEAR.exec(text);
  if (y) out.year = Number(y[1]);
  const range = MONTH_RANGE.exec(text);
  if (range) {
    const a = monthFromWord(range[1]!);
    const b = monthFromWord(range[2]!);
    if (a !== undefined && b !== undefined) {
      out.month = b;
      out.range = true;
      return out;
    }
  }
  // "aug 2024", "augusti 2024", "per mars": one month word beside a year or "per".
  const words = text.split(/[\s,.:;()/]+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const m = monthFromWord(w);
    if (m === undefined) continue;
    const next = words[i + 1] ?? '';
    const prev = (words[i - 1] ?? '').toLowerCase();
    if (FULL_MONTHS.test(w) || /^(19|20)\d{2}$/.test(next) || prev === 'per') {
      out.month = m;
      return out;
    }
  }
  return out;
}

function hasAny(c: string, stems: readonly string[]): boolean {
  for (const s of stems) if (c.includes(s)) return true;
  return false;
}

function directionIn(text: string): HeaderInfo['statedDirection'] {
  const t = normalizeSpaces(text);
  if (/budget\W*[-–−]\W*(utfall|prognos|forbrukning)/.test(t)) return 'budget_minus_outcome';
  if (/(utfall|prognos|forbrukning)\W*[-–−]\W*budget/.test(t)) return 'outcome_minus_budget';
  return undefined;
}

/** The measure a compact text names; "bare" for a lone "Netto"/"Nettokostnad" (an outcome unless an upper cell says otherwise). */
function namedMeasure(t: string): Measure | 'bare' | undefined {
  if (hasAny(t, MEASURE_STEMS.forecast)) return 'forecast';
  if (hasAny(t, MEASURE_STEMS.budget) || MEASURE_STEMS.budgetWord.test(t)) return 'budget';
  if (MEASURE_STEMS.outcomeWhole.test(t)) return 'bare';
  if (hasAny(t, MEASURE_STEMS.outcome)) return 'outcome';
  return undefined;
}

/** Classifies one header text (for a two- or three-row header: "upper / lower"). */
export function classifyHeader(text: string): HeaderInfo {
  const info: HeaderInfo = { text };
  const parts = text.split(' / ');
  const lower = parts[parts.length - 1] ?? text;
  const c = compact(text);
  const cl = compact(lower);
  if (c === '') return info;

  const period = readPeriodText(text);
  if (period.year !== undefined) info.year = period.year;
  if (period.month !== undefined) info.month = period.month;
  if (period.range) info.range = true;

  for (const rule of NON_AMOUNT_HEADERS) {
    if ((rule.whole && rule.whole.test(c)) || (rule.stems && hasAny(c, rule.stems))) {
      info.nonAmountReason = rule.reason;
      return info;
    }
  }
  if (hasAny(c, OTHER_ENTITY_STEMS)) info.outside = 'entity';

  if (hasAny(c, PART_STEMS.revenue)) info.part = 'revenue';
  else if (hasAny(c.replace(/nettokostnad/g, ''), PART_STEMS.cost)) info.part = 'cost';
  else if (hasAny(c, PART_STEMS.net)) info.part = 'net';
  if (hasAny(c, PRIOR_STEMS)) info.prior = true;

  const annual = hasAny(c, SCOPE_STEMS.annual);
  const periodic = hasAny(c, SCOPE_STEMS.period) || period.range === true || period.month !== undefined;

  if (
    hasAny(cl, MEASURE_STEMS.deviation) ||
    hasAny(c, ['avvikelse', 'budgetavvik', 'prognosavvik']) ||
    (MEASURE_STEMS.deviationWhole as readonly string[]).includes(cl.replace(/\d+$/, ''))
  ) {
    info.measure = 'deviation';
    if (/^resultat/.test(cl)) info.alternative = 'outcome';
    if (hasAny(c, ['prognos', 'helar', 'arsprognos'])) info.scope = 'annual';
    else if (periodic || c.includes('budgetavvik')) info.scope = 'period';
    const stated = directionIn(text);
    if (stated) info.statedDirection = stated;
    return info;
  }
  // The lower cell of a two-row header names the measure; the upper one gives the scope.
  const lowerNamed = namedMeasure(cl);
  const named =
    lowerNamed && !(lowerNamed === 'bare' && parts.length > 1) ? lowerNamed : (namedMeasure(c) ?? lowerNamed);
  if (named === 'forecast') {
    info.measure = 'forecast';
    info.scope = 'annual';
    return info;
  }
  if (named === 'budget') {
    info.measure = 'budget';
    if (hasAny(c, BUILD_UP_STEMS) || (info.prior && !/^total/.test(c))) info.buildUp = true;
    if (/^total/.test(c) || hasAny(c, ['totalbudget', 'totalinvesteringsbudget'])) info.totalBudget = true;
    if (annual || c.includes('investeringsram')) info.scope = 'annual';
    else if (
      periodic &&
      !(period.year !== undefined && period.month === undefined && !hasAny(c, ['period', 'ack']))
    )
      info.scope = 'period';
    return info;
  }
  if (named === 'outcome' || named === 'bare') {
    info.measure = 'outcome';
    if (hasAny(c, ['helar', 'bokslut'])) info.scope = 'annual';
    else if (periodic) info.scope = 'period';
    return info;
  }
  if (PLAN_WHOLE.test(c)) {
    info.outside = 'plan';
    return info;
  }
  // "2023", "jan-jun 2023", "2024-08": a bare period is a column of a time series.
  if (period.year !== undefined && /^([a-z]{3,9}[a-z]{3,9})?(19|20)\d{2}(0[1-9]|1[0-2])?(\d{2})?$/.test(c)) {
    info.measure = 'outcome';
    info.bareTime = true;
  }
  return info;
}

/** How strongly a row reads as a header: the number of cells that name a measure or a period. */
export function headerScore(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) {
    if (!t) continue;
    const info = classifyHeader(t);
    if (info.measure) n++;
    else if (info.nonAmountReason === 'note' || info.nonAmountReason === 'target') n += 0.5;
  }
  return n;
}
