/**
 * The arithmetic that holds between a table's columns, the way an economist
 * checks a table before trusting its headers: a deviation column equals
 * a − b (or b − a) of two other columns within rounding on most rows; a netto
 * column equals intäkter + kostnader (or kostnader − intäkter). Scored on an
 * even sample of rows, so a long table costs no more than a short one.
 */
import { THRESHOLDS } from '../thresholds';
import type { ColumnData } from './data';

export interface Relation {
  /** "difference": z = ±(x − y) per row; "sum": z = x + y. Indices into the columns given. */
  type: 'difference' | 'sum';
  z: number;
  x: number;
  y: number;
  /** Rows where all three hold numbers. */
  evaluated: number;
  /** Of those, rows where the relation holds within rounding. */
  holds: number;
  /** Of those, rows that tell something (the operands differ and are not zero). */
  informative: number;
  /** Informative rows where z = x − y, and where z = y − x (difference only). */
  plus: number;
  minus: number;
  /** Median absolute value of z, x and y on the evaluated rows. */
  magnitude: { z: number; x: number; y: number };
}

function sampleRows(rows: readonly number[], max: number): number[] {
  if (rows.length <= max) return [...rows];
  const out: number[] = [];
  const step = rows.length / max;
  for (let i = 0; i < max; i++) out.push(rows[Math.floor(i * step)]!);
  return out;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Whether the relation holds on enough of the rows that tell something. */
export function relationHolds(r: Relation): boolean {
  return (
    r.informative >= Math.min(THRESHOLDS.relationMinInformativeRows, Math.max(1, r.evaluated)) &&
    r.holds >= THRESHOLDS.relationHoldShare * r.evaluated
  );
}

/**
 * Every difference and sum relation among the columns that holds on the
 * table's figure rows (`rows`: positions). Each unordered triple is tried
 * with each of its columns as the result.
 */
export function findRelations(cols: readonly ColumnData[], rows: readonly number[]): Relation[] {
  const sample = sampleRows(rows, THRESHOLDS.relationSampleRows);
  const k = cols.length;
  const out: Relation[] = [];
  if (k < 3 || sample.length === 0) return out;
  const v = cols.map((c) => sample.map((p) => c.value[p]!));
  const u = cols.map((c) => sample.map((p) => c.prec[p]!));
  const tryRelation = (type: Relation['type'], z: number, x: number, y: number) => {
    let evaluated = 0;
    let holds = 0;
    let informative = 0;
    let plus = 0;
    let minus = 0;
    for (let i = 0; i < sample.length; i++) {
      const a = v[x]![i]!;
      const b = v[y]![i]!;
      const d = v[z]![i]!;
      if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(d)) continue;
      evaluated++;
      const tol = (u[x]![i]! + u[y]![i]! + u[z]![i]!) / 2 + THRESHOLDS.epsilon;
      if (type === 'difference') {
        const p = Math.abs(d - (a - b)) <= tol;
        const m = Math.abs(d + (a - b)) <= tol;
        if (!p && !m) continue;
        holds++;
        if (Math.abs(a - b) > tol && a !== 0 && b !== 0) {
          informative++;
          if (p) plus++;
          if (m) minus++;
        }
      } else {
        if (Math.abs(d - (a + b)) > tol) continue;
        holds++;
        if (a !== 0 && b !== 0 && Math.abs(a) > tol && Math.abs(b) > tol) informative++;
      }
    }
    const r: Relation = {
      type,
      z,
      x,
      y,
      evaluated,
      holds,
      informative,
      plus,
      minus,
      magnitude: { z: 0, x: 0, y: 0 },
    };
    if (evaluated === 0 || !relationHolds(r)) return;
    const mags = [z, x, y].map((c) => {
      const m: number[] = [];
      for (let i = 0; i < sample.length; i++) {
        const a = v[x]![i]!;
        const b = v[y]![i]!;
        const d = v[z]![i]!;
        if (!Number.isNaN(a) && !Number.isNaN(b) && !Number.isNaN(d)) m.push(Math.abs(v[c]![i]!));
      }
      return median(m);
    });
    r.magnitude = { z: mags[0]!, x: mags[1]!, y: mags[2]! };
    out.push(r);
  };
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++)
      for (let c = b + 1; c < k; c++) {
        tryRelation('difference', a, b, c);
        tryRelation('difference', b, a, c);
        tryRelation('difference', c, a, b);
        tryRelation('sum', a, b, c);
        tryRelation('sum', b, a, c);
        tryRelation('sum', c, a, b);
      }
  return out;
}
