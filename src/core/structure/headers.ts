import { compact } from '../text';
import type { ColumnPart } from '../schemas';

/**
 * What a header says about its column, before the table context decides the
 * role (DOMAIN.md §4). Matching runs on the compact form, so "Avvik.",
 * "Budgeta vvikelse" and "Årsprognos 2024" all reduce to plain keywords.
 */
export type Measure = 'outcome' | 'budget' | 'forecast' | 'deviation' | 'nonAmount';

export interface HeaderInfo {
  text: string;
  measure?: Measure;
  scope?: 'period' | 'annual';
  year?: number;
  month?: number;
  part?: ColumnPart;
  /** "fg år", "föregående år", "fjol". */
  prior?: boolean;
  /** A bare period label such as "2023" or "jan-jun 2023": an outcome in a time series. */
  bareTime?: boolean;
  /** Budget build-up columns of investment tables (ursprunglig, överförd, omdisponering). */
  buildUp?: boolean;
  /** "TOTAL BUDGET": the budget that counts among several. */
  totalBudget?: boolean;
  /** Deviation direction spelled out in the header ("Avvik budget - utfall"). */
  statedDirection?: 'budget_minus_outcome' | 'outcome_minus_budget';
  /** Note numbers, codes, targets, percentages, years: never amounts. */
  nonAmountReason?: 'note' | 'code' | 'target' | 'percent' | 'year' | 'plan';
}

const MONTHS: [RegExp, number][] = [
  [/^jan/, 1],
  [/^feb/, 2],
  [/^mar/, 3],
  [/^apr/, 4],
  [/^maj/, 5],
  [/^jun/, 6],
  [/^jul/, 7],
  [/^aug/, 8],
  [/^sep/, 9],
  [/^okt/, 10],
  [/^nov/, 11],
  [/^dec/, 12],
];

export function monthFromWord(word: string): number | undefined {
  const w = compact(word);
  if (w.length < 3) return undefined;
  for (const [re, m] of MONTHS) if (re.test(w)) return m;
  return undefined;
}

/** Year and last month of a period written in a header or title ("2024-08", "Jan-Mars", "jan–jun 2023"). */
export function readPeriodText(text: string): { year?: number; month?: number; range?: boolean } {
  const out: { year?: number; month?: number; range?: boolean } = {};
  const ym = /\b((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-\d{2})?\b/.exec(text);
  if (ym) return { year: Number(ym[1]), month: Number(ym[2]) };
  const y = /\b((?:19|20)\d{2})\b/.exec(text);
  if (y) out.year = Number(y[1]);
  const range = /\b([a-zåäö]{3,9})\.?\s*[-–—]\s*([a-zåäö]{3,9})\b/i.exec(text);
  if (range) {
    const a = monthFromWord(range[1]!);
    const b = monthFromWord(range[2]!);
    if (a !== undefined && b !== undefined) {
      out.month = b;
      out.range = true;
      return out;
    }
  }
  return out;
}

function has(c: string, ...words: string[]): boolean {
  return words.some((w) => c.includes(w));
}

/** Classifies one header text (for a two-row header: "upper / lower"). */
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

  if (/^(not|noter?|fotnot)$/.test(c)) return { ...info, measure: 'nonAmount', nonAmountReason: 'note' };
  if (
    /^(kod|ansvar|ansvarskod|kst|kostnadsstalle|konto|avd|avdelning|vht|verksamhetskod|projektnr|nr)$/.test(c)
  )
    return { ...info, measure: 'nonAmount', nonAmountReason: 'code' };
  if (has(c, 'maluppfyllelse') || /^mal\d*/.test(c))
    return { ...info, measure: 'nonAmount', nonAmountReason: 'target' };
  if (has(c, 'slutar', 'klartar', 'startar'))
    return { ...info, measure: 'nonAmount', nonAmountReason: 'year' };
  if (/%$/.test(c) || has(c, 'procent', 'andel'))
    return { ...info, measure: 'nonAmount', nonAmountReason: 'percent' };

  if (has(c, 'intakt')) info.part = 'revenue';
  else if (has(c, 'kostnad')) info.part = 'cost';
  else if (has(c, 'netto')) info.part = 'net';
  if (has(c, 'fgar', 'foregaendear', 'fjol', 'forraar')) info.prior = true;

  const annual = has(
    c,
    'helar',
    'arsbudget',
    'arsprognos',
    'kfbudget',
    'namndbudget',
    'budgetar',
    'helarsprognos',
  );
  const periodic =
    has(c, 'period', 'ack', 'hittills', 'ytd', 'tertial', 'delar') ||
    period.range === true ||
    period.month !== undefined;

  if (has(cl, 'avvik', 'avv', 'differens', 'diff') || has(c, 'avvikelse', 'budgetavvik', 'prognosavvik')) {
    info.measure = 'deviation';
    if (has(c, 'prognos', 'helar', 'arsprognos')) info.scope = 'annual';
    else if (periodic || has(c, 'budgetavvik')) info.scope = 'period';
    const bu = /budget\W*[-–−]\W*(utfall|prognos|forbrukning)/.exec(
      text
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
    );
    const ub = /(utfall|prognos|forbrukning)\W*[-–−]\W*budget/.exec(
      text
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
    );
    if (bu) info.statedDirection = 'budget_minus_outcome';
    else if (ub) info.statedDirection = 'outcome_minus_budget';
    return info;
  }
  // The lower cell of a two-row header names the measure; the upper one gives the scope.
  const isBudgetWord = (t: string) => has(t, 'budget') || /(^|kf|investerings)ram(\d|$)/.test(t);
  const measureText = has(cl, 'utfall', 'forbrukning', 'prognos', 'bokslut') || isBudgetWord(cl) ? cl : c;
  if (has(measureText, 'prognos')) {
    info.measure = 'forecast';
    info.scope = 'annual';
    return info;
  }
  if (isBudgetWord(measureText)) {
    info.measure = 'budget';
    if (has(c, 'ursprunglig', 'overford', 'overforing', 'omdisp', 'tillfran', 'tillagg', 'foregar', 'fgar'))
      info.buildUp = true;
    if (/^total/.test(c) || has(c, 'totalbudget', 'totalinvesteringsbudget')) info.totalBudget = true;
    if (annual || has(c, 'investeringsram')) info.scope = 'annual';
    else if (
      periodic &&
      !(period.year !== undefined && period.month === undefined && !has(c, 'period', 'ack'))
    )
      info.scope = 'period';
    return info;
  }
  if (has(measureText, 'utfall', 'forbrukning', 'bokfort', 'redovisat', 'bokslut')) {
    info.measure = 'outcome';
    if (has(c, 'helar', 'bokslut')) info.scope = 'annual';
    else if (periodic) info.scope = 'period';
    return info;
  }
  if (/^plan\d*$/.test(c)) return { ...info, measure: 'nonAmount', nonAmountReason: 'plan' };
  // "2023", "jan-jun 2023", "2024-08": a bare period is an outcome column of a time series.
  if (period.year !== undefined && /^([a-z]{3,9}[a-z]{3,9})?(19|20)\d{2}(0[1-9]|1[0-2])?(\d{2})?$/.test(c)) {
    info.measure = 'outcome';
    info.bareTime = true;
    return info;
  }
  return info;
}

/** How strongly a row reads as a header row: the number of cells that name a measure or a period. */
export function headerScore(texts: string[]): number {
  let n = 0;
  for (const t of texts) {
    if (!t) continue;
    const info = classifyHeader(t);
    if (info.measure && info.measure !== 'nonAmount') n++;
    else if (info.nonAmountReason === 'note' || info.nonAmountReason === 'target') n += 0.5;
  }
  return n;
}

/** Words that make an upper or lower header cell read as part of a header block. */
export function isSubHeaderWord(text: string): boolean {
  const c = compact(text);
  return /^(intakter?|kostnader?|netto|belopp|totalt?|summa|helar|period|perioden|ackumulerat|ack|budget|utfall|prognos|avvik(else)?|not)$/.test(
    c,
  );
}
