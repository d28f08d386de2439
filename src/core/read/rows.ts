/**
 * What each row's label and shape suggest (DOMAIN.md §6): a sum word, a
 * varav or child marker, a group header, a footnote. Suggestions only: the
 * hierarchy (hierarchy.ts) decides which rows are sums by their figures.
 */
import { compact, normalizeSpaces, stripFootnoteMarkers } from '../text';
import {
  BLOCK_SUM_LABEL,
  COST_LABEL,
  DASH_CHILD,
  FOOTNOTE_START,
  GENDER_SPLIT,
  GRAND_TOTAL_LABEL,
  GRAND_TOTAL_ORG,
  REVENUE_LABEL,
  ROW_UNITS,
  STOCK_UNITS,
  FLOW_LABEL,
  RATE_LABEL,
  SUM_LABEL,
  VARAV_LABEL,
  VARAV_MARKER,
} from '../vocabulary';
import { hasFigures, type ColumnData, type TableData } from './data';

export type RowBase = 'figure' | 'group_header' | 'footnote' | 'blank' | 'header';
export type SumWord = 'none' | 'weak' | 'strong';
export type PartStyle = 'none' | 'varav' | 'dash' | 'gender';

export interface RowTraits {
  base: RowBase;
  sum: SumWord;
  /** "Intäkter", "Summa kostnader": one half of a result statement. */
  block: boolean;
  /** The label names the whole table's total. */
  grand: boolean;
  part: PartStyle;
  /** A value-less "Varav" row: the rows below it are parts of the row above it. */
  varavMarker: boolean;
  revenue: boolean;
  cost: boolean;
  /** Volume unit read from the label. */
  unit?: string;
}

export function sumWord(label: string): SumWord {
  const l = normalizeSpaces(stripFootnoteMarkers(label)).replace(/^[\s\-–—•*]+/, '');
  if (l === '') return 'none';
  if (SUM_LABEL.strong.test(l)) return 'strong';
  // "Äldreomsorg totalt" is a sum, "Antal brukare totalt" a count: a sum word at the end needs figures that fit.
  if (SUM_LABEL.weak.test(l)) return 'weak';
  return 'none';
}

export function isBlockLabel(label: string): boolean {
  return BLOCK_SUM_LABEL.test(compact(stripFootnoteMarkers(label)));
}

export function isGrandTotalLabel(label: string): boolean {
  const c = compact(stripFootnoteMarkers(label));
  if (GRAND_TOTAL_LABEL.test(c)) return true;
  return /^(totalt|summa|total)/.test(c) && GRAND_TOTAL_ORG.some((w) => c.includes(w));
}

export function isRevenueLabel(label: string): boolean {
  const c = compact(label);
  return REVENUE_LABEL.test(c) && !COST_LABEL.test(c);
}

export function isCostLabel(label: string): boolean {
  const c = compact(label);
  return COST_LABEL.test(c) && !REVENUE_LABEL.test(c);
}

export function rowUnit(label: string): string | undefined {
  const l = label.toLowerCase();
  for (const u of ROW_UNITS) if (u.pattern.test(l)) return u.unit;
  return undefined;
}

/** Stock measures are levels, not flows: a forecast keeps the current level (DOMAIN.md §9). */
export function isStockUnit(unit: string | undefined): boolean {
  return unit !== undefined && STOCK_UNITS.has(unit);
}

/**
 * Flow measures accumulate over the year (hours, days, insatser, visits) and
 * are extrapolated; levels (places, households, persons) and rates ("timmar
 * per månad", averages) are not.
 */
export function isFlowMeasure(row: { label: string; unit?: string }): boolean {
  if (RATE_LABEL.test(row.label)) return false;
  if (row.unit === 'timmar' || row.unit === 'dygn') return true;
  return FLOW_LABEL.test(row.label) && !isStockUnit(row.unit);
}

const NUMBERED = /^\d{1,2}\.\s/;

/** What a figure row's label says, independent of the row: computed once per distinct label. */
interface LabelReading {
  sum: SumWord;
  block: boolean;
  grand: boolean;
  part: PartStyle;
  revenue: boolean;
  cost: boolean;
  unit: string | undefined;
  numbered: boolean;
}

/** Cheap tests on the lower-case label that decide whether the exact (regular-expression) tests can match at all. */
const SUM_HINTS = [
  'summa',
  's:a',
  's.a',
  'total',
  'sammanlagt',
  'resultat',
  'netto',
  'res ',
  'res.',
  'verksamhetens',
];
const UNIT_HINTS = [
  'tim',
  'plats',
  'hushåll',
  'hushall',
  'årsantal',
  'arsantal',
  'dygn',
  '%',
  'andel',
  'procent',
  'placering',
  'antal',
  'brukare',
  'personer',
  'insats',
  'kunder',
];
const REVENUE_HINTS = [
  'intäkt',
  'intakt',
  'bidrag',
  'avgift',
  'ersättning',
  'ersattning',
  'försäljning',
  'forsaljning',
];

function mentions(lower: string, hints: readonly string[]): boolean {
  for (const h of hints) if (lower.includes(h)) return true;
  return false;
}

/** Any word any of the label tests looks for: a label without one (most ledger accounts) is read at once. */
const ANY_HINT = new RegExp(
  [...SUM_HINTS, ...UNIT_HINTS, ...REVENUE_HINTS, 'kostn', 'varav', 'därav', 'darav']
    .map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);
const PLAIN: LabelReading = {
  sum: 'none',
  block: false,
  grand: false,
  part: 'none',
  revenue: false,
  cost: false,
  unit: undefined,
  numbered: false,
};

function readLabel(label: string): LabelReading {
  const lower = label.toLowerCase();
  const lead = lower.trimStart().charAt(0);
  if (
    !ANY_HINT.test(lower) &&
    !(lead >= '0' && lead <= '9') &&
    lead !== '-' &&
    lead !== '–' &&
    lead !== '—' &&
    lead !== '•' &&
    !/^\s*[km]\s*:/.test(lower)
  )
    return PLAIN;
  const first = lower.trimStart().charAt(0);
  let sum = mentions(lower, SUM_HINTS) ? sumWord(label) : 'none';
  const costWord = lower.includes('kostn');
  const revenueWord = mentions(lower, REVENUE_HINTS);
  const block = (costWord || revenueWord) && isBlockLabel(label);
  // "Intäkter", "Kostnader": the halves of a result statement sum their items when the figures fit.
  if (block && sum === 'none') sum = 'weak';
  let part: PartStyle = 'none';
  const marked = first === '-' || first === '–' || first === '—' || first === '•';
  if ((marked || first === 'v' || first === 'd') && VARAV_LABEL.test(label)) part = 'varav';
  else if ((first === 'k' || first === 'm') && GENDER_SPLIT.test(label)) part = 'gender';
  else if (marked && DASH_CHILD.test(label)) part = 'dash';
  if (part !== 'none') sum = 'none';
  return {
    sum,
    block,
    grand: sum !== 'none' && isGrandTotalLabel(label),
    part,
    revenue: revenueWord && isRevenueLabel(label),
    cost: costWord && isCostLabel(label),
    unit: mentions(lower, UNIT_HINTS) ? rowUnit(label) : undefined,
    numbered: first >= '0' && first <= '9' && NUMBERED.test(label),
  };
}

/** The traits of every row of a table, from labels and which rows hold figures. */
export function rowTraits(data: TableData, amountCols: readonly ColumnData[]): RowTraits[] {
  const n = data.n;
  const figure = new Uint8Array(n);
  let lastFigure = -1;
  for (let p = 0; p < n; p++) {
    if (data.headerRepeats.has(p)) continue;
    if (hasFigures(data, p, amountCols.length ? amountCols : data.cols)) {
      figure[p] = 1;
      lastFigure = p;
    }
  }
  // Ledgers repeat their account names in every group: each distinct label is read once.
  const labels = new Map<string, LabelReading>();
  const out: RowTraits[] = new Array<RowTraits>(n);
  let numberedSeen = false;
  for (let p = 0; p < n; p++) {
    const label = data.labels[p]!.trim();
    const t: RowTraits = {
      base: 'figure',
      sum: 'none',
      block: false,
      grand: false,
      part: 'none',
      varavMarker: false,
      revenue: false,
      cost: false,
    };
    out[p] = t;
    if (data.headerRepeats.has(p)) {
      t.base = 'header';
      continue;
    }
    if (!figure[p]) {
      if (label === '') t.base = 'blank';
      else if (FOOTNOTE_START.test(label) && (p > lastFigure || !/[a-zåäö]/i.test(label.slice(0, 1))))
        t.base = 'footnote';
      else if (p > lastFigure && NUMBERED.test(label) && numberedSeen) {
        // After the last figures, a numbered indicator without values is still an item ("9. Övriga …").
        continue;
      } else {
        t.base = 'group_header';
        t.varavMarker = VARAV_MARKER.test(compact(label));
      }
      continue;
    }
    if (label === '') continue;
    let r = labels.get(label);
    if (!r) {
      r = readLabel(label);
      if (labels.size < 50000) labels.set(label, r);
    }
    if (r.numbered) numberedSeen = true;
    t.sum = r.sum;
    t.block = r.block;
    t.grand = r.grand;
    t.part = r.part;
    t.revenue = r.revenue;
    t.cost = r.cost;
    if (r.unit) t.unit = r.unit;
  }
  return out;
}
