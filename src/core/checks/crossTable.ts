/**
 * Relations between the tables of one workbook (DOMAIN.md §3, §10): a line
 * that appears in two tables (the Verksamhetsrapport's SUMMA and the
 * Resultatrapport's Resultat, a department in a summary and in its own
 * table) must agree in every column both have. Two rows are the same line
 * when they agree exactly in at least two columns of the same role with
 * substantial values; the pairs are found through a hash of those values, so
 * large tables cost no quadratic search. Tables that show costs with
 * opposite signs (one costs negative, one positive) are compared sign-flipped.
 */
import { CODES, finding, fmt } from '../findings';
import type { TableReading } from '../model';
import type { ColumnData } from '../read/data';
import type { ColumnRole, Finding } from '../schemas';
import { THRESHOLDS } from '../thresholds';
import { EPS, cellOf } from './common';

const COMPARED: ColumnRole[] = [
  'outcome',
  'outcome_prior_year',
  'budget_period',
  'budget_annual',
  'forecast',
  'deviation_period',
  'deviation_annual',
];

const isDeviation = (role: ColumnRole) => role === 'deviation_period' || role === 'deviation_annual';

function flipOf(a: TableReading, b: TableReading): 1 | -1 {
  const conv = new Set([a.signConvention, b.signConvention]);
  return conv.has('costs_negative') && conv.has('costs_positive') ? -1 : 1;
}

function figureRows(t: TableReading): number[] {
  const out: number[] = [];
  for (let p = 0; p < t.data.n; p++) {
    const k = t.kinds[p]!;
    if (k === 'item' || k === 'subtotal' || k === 'total') out.push(p);
  }
  return out;
}

/** A sum printed from rounded parts can be off by its parts' rounding: its room is its own half unit plus its children's. */
function uncertainty(t: TableReading, pos: number, col: ColumnData, depth = 0): number {
  const half = Number.isNaN(col.value[pos]!) ? 0 : col.prec[pos]! / 2;
  const kids = t.hierarchy.nodeAt.get(pos)?.children;
  if (!kids || depth > 8) return half;
  return half + kids.reduce((acc, k) => acc + uncertainty(t, k, col, depth + 1), 0);
}

/** A value's key in the index: exact to a millionth, so a number, not a string, per row. */
const keyOf = (v: number) => Math.round(v * 1e6);

export function crossTableFindings(tables: readonly TableReading[]): Finding[] {
  const out: Finding[] = [];
  if (tables.length < 2) return out;
  const rowsOf = tables.map(figureRows);
  // Per table: role → column.
  const cols = tables.map(
    (t) =>
      new Map(
        COMPARED.map((r) => [r, t.byRole(r)] as const).filter((e): e is [ColumnRole, ColumnData] => !!e[1]),
      ),
  );
  const substantial = (col: ColumnData, p: number): boolean => {
    const v = col.value[p]!;
    return !Number.isNaN(v) && v !== 0 && Math.abs(v) >= THRESHOLDS.crossTableSubstantialUnits * col.prec[p]!;
  };
  // Per table and role: substantial value → rows.
  const index = tables.map((_, ti) => {
    const byRole = new Map<ColumnRole, Map<number, number[]>>();
    for (const [role, col] of cols[ti]!) {
      const map = new Map<number, number[]>();
      for (const p of rowsOf[ti]!) {
        if (!substantial(col, p)) continue;
        const k = keyOf(col.value[p]!);
        const list = map.get(k);
        if (list) list.push(p);
        else map.set(k, [p]);
      }
      byRole.set(role, map);
    }
    return byRole;
  });
  for (let i = 0; i < tables.length; i++)
    for (let j = i + 1; j < tables.length; j++) {
      const a = tables[i]!;
      const b = tables[j]!;
      const flip = flipOf(a, b);
      // Candidate pairs (p in a, q in b, keyed p × rows of b + q): rows that share an exact value in the same role.
      const width = b.data.n;
      const votes = new Map<number, number>();
      for (const [role, col] of cols[i]!) {
        const there = index[j]!.get(role);
        if (!there) continue;
        const s = isDeviation(role) ? 1 : flip;
        for (const p of rowsOf[i]!) {
          if (!substantial(col, p)) continue;
          const rows = there.get(keyOf(s * col.value[p]!));
          if (!rows) continue;
          for (const q of rows) {
            const k = p * width + q;
            votes.set(k, (votes.get(k) ?? 0) + 1);
          }
        }
      }
      for (const [k, n] of votes) {
        if (n < THRESHOLDS.crossTableMinExactColumns) continue;
        const p = Math.floor(k / width);
        const q = k - p * width;
        for (const [role, ca] of cols[i]!) {
          const cb = cols[j]!.get(role);
          if (!cb) continue;
          const va = ca.value[p]!;
          const vb = cb.value[q]!;
          if (Number.isNaN(va) || Number.isNaN(vb)) continue;
          const s = isDeviation(role) ? 1 : flip;
          const other = s * vb;
          const diff = va - other;
          if (Math.abs(diff) <= EPS * Math.max(1, Math.abs(va))) continue;
          const tol = uncertainty(a, p, ca) + uncertainty(b, q, cb);
          const where = cellOf(a, p, ca);
          const there = `${b.grid.sheet}!${cellOf(b, q, cb)}`;
          const what = `”${a.data.labels[p]}” i ”${ca.header}” (${fmt(va, ca.prec[p])}) och ”${b.data.labels[q]}” i ${there} (${fmt(vb, cb.prec[q])}${s === -1 ? ', med omvänt tecken' : ''})`;
          const extra = { expected: other, actual: va, difference: diff, tolerance: tol, related: [there] };
          out.push(
            Math.abs(diff) <= tol + EPS
              ? finding(
                  'info',
                  CODES.CROSS_TABLE_ROUNDING,
                  a.grid.sheet,
                  where,
                  `Avrundning mellan tabeller: ${what} skiljer sig med ${fmt(diff, ca.prec[p])}, inom avrundning.`,
                  extra,
                )
              : finding(
                  'error',
                  CODES.CROSS_TABLE_MISMATCH,
                  a.grid.sheet,
                  where,
                  `Tabellerna stämmer inte med varandra: ${what} avser samma sak men skiljer sig med ${fmt(diff, ca.prec[p])}. Rätta den ena så att rapporten hänger ihop.`,
                  extra,
                ),
          );
        }
      }
    }
  return out;
}
