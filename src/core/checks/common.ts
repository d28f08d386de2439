/**
 * What every check shares: one rounding rule, one judge of exact / rounding /
 * error, and the Swedish ways of naming rows and cells in messages.
 */
import { a1 } from '../grid';
import { finding, type FindingCode } from '../findings';
import type { TableReading } from '../model';
import type { Finding } from '../schemas';
import { THRESHOLDS } from '../thresholds';
import type { ColumnData } from '../read/data';

export const EPS = THRESHOLDS.epsilon;

/**
 * The rounding room of a relation (DOMAIN.md §8): with each printed value
 * rounded to its precision u, the largest rounding discrepancy is half a unit
 * of each value involved (u_total/2 + Σ u_i/2).
 */
export function roundingRoom(precisions: Iterable<number>): number {
  let room = 0;
  for (const u of precisions) room += u / 2;
  return room;
}

/** "rad 6–11" or "rad 6, 8, 12" for 1-based row numbers. */
export function rowList(rows: readonly number[]): string {
  if (rows.length === 0) return 'inga rader';
  const contiguous = rows.length > 2 && rows.every((n, i) => i === 0 || n === rows[i - 1]! + 1);
  if (contiguous) return `rad ${rows[0]}–${rows[rows.length - 1]}`;
  if (rows.length > 12) return `rad ${rows.slice(0, 10).join(', ')} … (${rows.length} rader)`;
  return `rad ${rows.join(', ')}`;
}

/** A row as messages name it: its label in quotes, or "rad N". */
export function labelOf(t: TableReading, pos: number): string {
  const label = t.data.labels[pos]!;
  return label ? `”${label}”` : `rad ${t.data.rows[pos]! + 1}`;
}

export function cellOf(t: TableReading, pos: number, col: ColumnData): string {
  return a1(t.data.rows[pos]!, col.col);
}

/** One recomputed relation: exact, rounding (information) or a real error. */
export interface Relation {
  sheet: string;
  where: string;
  expected: number;
  actual: number;
  tolerance: number;
  related: string[];
  rounding: { code: FindingCode; message: (diff: number) => string };
  mismatch: { code: FindingCode; message: (diff: number) => string };
  causedBy?: string;
}

export function judge(r: Relation): Finding | undefined {
  const diff = r.actual - r.expected;
  if (Math.abs(diff) <= EPS * Math.max(1, Math.abs(r.expected))) return undefined;
  const extra: Partial<Finding> = {
    expected: r.expected,
    actual: r.actual,
    difference: diff,
    tolerance: r.tolerance,
    related: r.related,
  };
  if (r.causedBy) extra.causedBy = r.causedBy;
  return Math.abs(diff) <= r.tolerance + EPS
    ? finding('info', r.rounding.code, r.sheet, r.where, r.rounding.message(diff), extra)
    : finding('error', r.mismatch.code, r.sheet, r.where, r.mismatch.message(diff), extra);
}

/** Positions of the rows that hold figures of the table's own (items, sums, varav rows). */
export function figurePositions(t: TableReading): number[] {
  const out: number[] = [];
  for (let p = 0; p < t.data.n; p++) {
    const k = t.kinds[p]!;
    if (k === 'item' || k === 'subtotal' || k === 'total' || k === 'varav') out.push(p);
  }
  return out;
}
