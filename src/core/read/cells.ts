/**
 * What each cell is, decided once per cell: a number, a number stored as
 * text, ".." (not available), a lone dash (nothing to report), text, an
 * error value, a formula whose result is unknown, or empty. The reader keeps
 * these as small integer codes in typed arrays, so later passes never parse a
 * cell again.
 */
import type { Cell } from '../grid';
import { formatDecimals, mayBeNumber, parseSwedishNumber, parsedValue, valueDecimals } from '../numbers';
import { THRESHOLDS } from '../thresholds';

export const K = {
  EMPTY: 0,
  NUM: 1,
  TEXTNUM: 2,
  NA: 3,
  DASH: 4,
  TEXT: 5,
  ERROR: 6,
  /** A formula whose result is not known (not yet calculated). */
  FORMULA: 7,
  BOOL: 8,
} as const;
export type Kind = (typeof K)[keyof typeof K];

/** Cells that hold or stand for a figure: they make a row a figure row. */
export function isValueKind(k: number): boolean {
  return k === K.NUM || k === K.TEXTNUM || k === K.NA || k === K.DASH || k === K.FORMULA || k === K.ERROR;
}

export interface CellReading {
  kind: Kind;
  /** The number (numbers, text numbers, a dash as 0); NaN otherwise. */
  value: number;
  /** Decimals shown by the cell's number format, or undefined when General. */
  formatDecimals: number | undefined;
  /** True when the cell's number format (or its text) shows a percentage. */
  percent: boolean;
}

const formatCache = new Map<string, { decimals: number | undefined; percent: boolean }>();

/** Decimals (of the stored value) and percent of a number format, parsed once per distinct format. */
export function formatInfo(fmt: string | undefined): { decimals: number | undefined; percent: boolean } {
  if (fmt === undefined) return NO_FORMAT;
  let info = formatCache.get(fmt);
  if (!info) {
    const percent = fmt.includes('%');
    const d = formatDecimals(fmt);
    // A percentage's value is a fraction: "0.0%" shows it to a thousandth.
    info = { decimals: d === undefined ? undefined : d + (percent ? 2 : 0), percent };
    if (formatCache.size < 10000) formatCache.set(fmt, info);
  }
  return info;
}
const NO_FORMAT = { decimals: undefined, percent: false };

const NA_TEXT = /^(\.\.|…|\.\.\.)$/;

export function isNotAvailableText(v: unknown): boolean {
  return typeof v === 'string' && v.length <= 5 && NA_TEXT.test(v.trim());
}

/**
 * Reads one cell. Pass `into` to reuse one object for a whole table (a
 * hundred thousand rows read without an allocation per cell).
 */
export function readCell(cell: Cell, into?: CellReading): CellReading {
  const f = cell.fmt === undefined ? NO_FORMAT : formatInfo(cell.fmt);
  const out: CellReading = into ?? { kind: K.EMPTY, value: NaN, formatDecimals: undefined, percent: false };
  out.kind = K.EMPTY;
  out.value = NaN;
  out.formatDecimals = f.decimals;
  out.percent = f.percent;
  if (cell.err) {
    out.kind = K.ERROR;
    return out;
  }
  const v = cell.v;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) {
      out.kind = K.NUM;
      out.value = v;
    } else out.kind = K.ERROR;
    return out;
  }
  if (typeof v === 'boolean') {
    out.kind = K.BOOL;
    return out;
  }
  if (v === null || v === '') {
    out.kind = cell.f ? K.FORMULA : K.EMPTY;
    return out;
  }
  if (!mayBeNumber(v)) {
    out.kind = v.trim() === '' ? K.EMPTY : K.TEXT;
    return out;
  }
  const p = parseSwedishNumber(v);
  switch (p.kind) {
    case 'number':
      out.kind = K.TEXTNUM;
      out.value = parsedValue(p);
      if (p.percent) out.percent = true;
      if (out.formatDecimals === undefined) out.formatDecimals = p.decimals + (p.percent ? 2 : 0);
      return out;
    case 'not_available':
      out.kind = K.NA;
      return out;
    case 'dash':
      out.kind = K.DASH;
      out.value = 0;
      return out;
    case 'empty':
      out.kind = K.EMPTY;
      return out;
    default:
      out.kind = K.TEXT;
      return out;
  }
}

/**
 * The precision u a figure was rounded to (1 for whole numbers, 0.1 for one
 * decimal, 0.001 for a one-decimal percentage). A fraction carries its own
 * digits (483,8 in a two-decimal column was rounded to a tenth), but never
 * more than its number format shows; a whole number ("12", "0") was printed
 * with as many decimals as its format, or its column, shows ("12,0").
 */
export function precisionOf(value: number, formatDec: number | undefined, usual: number): number {
  const decimals = Number.isInteger(value)
    ? (formatDec ?? usual)
    : Math.min(valueDecimals(value), formatDec ?? THRESHOLDS.maxDecimals);
  return 10 ** -Math.min(decimals, THRESHOLDS.maxDecimals);
}
