import { a1, type Grid } from './grid';
import { CODES, finding, fmt } from './findings';
import { inferHierarchy } from './hierarchy';
import { isFigureRow, operand } from './relations';
import type { ColumnRole, Finding, TableModel, TableRow } from './schemas';
import { compact } from './text';

export interface PlacedTable {
  grid: Grid;
  table: TableModel;
}

const COMPARED: ColumnRole[] = [
  'outcome',
  'outcome_prior_year',
  'budget_period',
  'budget_annual',
  'forecast',
  'deviation_period',
  'deviation_annual',
];

function isDeviation(role: ColumnRole): boolean {
  return role === 'deviation_period' || role === 'deviation_annual';
}

interface Pairing {
  a: PlacedTable;
  b: PlacedTable;
  ra: TableRow;
  rb: TableRow;
  /** −1 when one table shows costs negative and the other positive (001_03 vs 001_04). */
  flip: 1 | -1;
}

function columnFor(t: TableModel, role: ColumnRole) {
  return t.columns.find((c) => c.role === role && !c.nonAmount);
}

function flipOf(a: TableModel, b: TableModel): 1 | -1 {
  const conv = new Set([a.signConvention, b.signConvention]);
  return conv.has('costs_negative') && conv.has('costs_positive') ? -1 : 1;
}

function exactMatches(p: Omit<Pairing, 'flip'>, flip: 1 | -1): number {
  let n = 0;
  let substantial = false;
  for (const role of COMPARED) {
    const ca = columnFor(p.a.table, role);
    const cb = columnFor(p.b.table, role);
    if (!ca || !cb) continue;
    const va = operand(p.a.grid, p.ra.index, ca.index);
    const vb = operand(p.b.grid, p.rb.index, cb.index);
    if (!va || !vb || va.value === 0) continue;
    const s = isDeviation(role) ? 1 : flip;
    if (Math.abs(va.value - s * vb.value) < 1e-9) {
      n++;
      if (Math.abs(va.value) >= 100 * va.precision) substantial = true;
    }
  }
  return substantial ? n : 0;
}

function isResultTable(t: TableModel): boolean {
  const total = t.rows.find((r) => r.kind === 'total');
  return (
    !!total &&
    /^(resultat|nettokostnad)/.test(compact(total.label)) &&
    t.rows.some((r) => r.kind === 'subtotal')
  );
}

function isActivityReport(t: TableModel): boolean {
  return /verksamhet/.test(compact(`${t.sheet} ${t.title ?? ''}`)) && !isResultTable(t);
}

/**
 * Relations between tables of one workbook (DOMAIN.md §3, §10): the
 * Verksamhetsrapport's SUMMA equals the Resultatrapport's Resultat, and a
 * row repeated in another table (recognised by agreeing exactly in at least
 * two columns) agrees in the others.
 */
export function crossTableFindings(tables: PlacedTable[]): Finding[] {
  const pairs: Pairing[] = [];
  for (let i = 0; i < tables.length; i++)
    for (let j = i + 1; j < tables.length; j++) {
      const a = tables[i]!;
      const b = tables[j]!;
      const flip = flipOf(a.table, b.table);
      const forced =
        (isResultTable(a.table) && isActivityReport(b.table)) ||
        (isResultTable(b.table) && isActivityReport(a.table));
      const totA = a.table.rows.find((r) => r.kind === 'total');
      const totB = b.table.rows.find((r) => r.kind === 'total');
      if (forced && totA && totB) {
        pairs.push({ a, b, ra: totA, rb: totB, flip });
        continue;
      }
      for (const ra of a.table.rows.filter(isFigureRow))
        for (const rb of b.table.rows.filter(isFigureRow))
          if (exactMatches({ a, b, ra, rb }, flip) >= 2) pairs.push({ a, b, ra, rb, flip });
    }

  // A total printed from rounded parts can be off by its parts' rounding (DOMAIN.md §8), so the
  // uncertainty of a sum row is its own half unit plus that of everything it adds up.
  const children = new Map<PlacedTable, Map<number, TableRow[]>>();
  for (const t of tables)
    children.set(t, new Map(inferHierarchy(t.grid, t.table).map((n) => [n.row.index, n.children])));
  const uncertainty = (t: PlacedTable, row: TableRow, col: number, depth = 0): number => {
    const own = operand(t.grid, row.index, col);
    const half = (own?.precision ?? 0) / 2;
    const kids = children.get(t)?.get(row.index);
    if (!kids || depth > 8) return half;
    return half + kids.reduce((acc, k) => acc + uncertainty(t, k, col, depth + 1), 0);
  };

  const out: Finding[] = [];
  for (const p of pairs) {
    for (const role of COMPARED) {
      const ca = columnFor(p.a.table, role);
      const cb = columnFor(p.b.table, role);
      if (!ca || !cb) continue;
      const va = operand(p.a.grid, p.ra.index, ca.index);
      const vb = operand(p.b.grid, p.rb.index, cb.index);
      if (!va || !vb) continue;
      const s = isDeviation(role) ? 1 : p.flip;
      const other = s * vb.value;
      const diff = va.value - other;
      if (Math.abs(diff) < 1e-9) continue;
      const tol = uncertainty(p.a, p.ra, ca.index) + uncertainty(p.b, p.rb, cb.index);
      const where = a1(p.ra.index, ca.index);
      const there = `${p.b.grid.sheet}!${a1(p.rb.index, cb.index)}`;
      const what = `”${p.ra.label}” i ”${ca.header}” (${fmt(va.value, va.precision)}) och ”${p.rb.label}” i ${there} (${fmt(vb.value, vb.precision)}${s === -1 ? ', med omvänt tecken' : ''})`;
      if (Math.abs(diff) <= tol + 1e-9)
        out.push(
          finding(
            'info',
            CODES.CROSS_TABLE_ROUNDING,
            p.a.grid.sheet,
            where,
            `Avrundning mellan tabeller: ${what} skiljer sig med ${fmt(diff, va.precision)}, inom avrundning.`,
            { expected: other, actual: va.value, difference: diff, tolerance: tol, related: [there] },
          ),
        );
      else
        out.push(
          finding(
            'error',
            CODES.CROSS_TABLE_MISMATCH,
            p.a.grid.sheet,
            where,
            `Tabellerna stämmer inte med varandra: ${what} avser samma sak men skiljer sig med ${fmt(diff, va.precision)}. Rätta den ena så att rapporten hänger ihop.`,
            { expected: other, actual: va.value, difference: diff, tolerance: tol, related: [there] },
          ),
        );
    }
  }
  return out;
}
