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
    if (NUMBERED.test(label)) numberedSeen = true;
    t.sum = sumWord(label);
    t.block = isBlockLabel(label);
    // "Intäkter", "Kostnader": the halves of a result statement sum their items when the figures fit.
    if (t.block && t.sum === 'none') t.sum = 'weak';
    t.grand = t.sum !== 'none' && isGrandTotalLabel(label);
    if (VARAV_LABEL.test(label)) t.part = 'varav';
    else if (GENDER_SPLIT.test(label)) t.part = 'gender';
    else if (DASH_CHILD.test(label)) t.part = 'dash';
    if (t.part !== 'none') t.sum = 'none';
    t.revenue = isRevenueLabel(label);
    t.cost = isCostLabel(label);
    const unit = rowUnit(label);
    if (unit) t.unit = unit;
  }
  return out;
}
