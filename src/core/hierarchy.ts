import type { Grid } from './grid';
import { isNotAvailable, operand } from './relations';
import type { TableColumn, TableModel, TableRow } from './schemas';

/** What a subtotal or total sums (DOMAIN.md §6). */
export interface SumNode {
  row: TableRow;
  children: TableRow[];
}

export function amountColumns(table: TableModel): TableColumn[] {
  return table.columns.filter((c) => !c.nonAmount);
}

interface Fit {
  fits: number;
  evaluated: number;
  badness: number;
  /** Columns where the sum is not zero. */
  nonZero: number;
  /** Columns where the sum is not zero and the children add up to it. */
  nonZeroFits: number;
}

/** How well `children` add up to `sum` over the amount columns. */
export function sumFit(grid: Grid, table: TableModel, sum: TableRow, children: TableRow[]): Fit {
  const fit: Fit = { fits: 0, evaluated: 0, badness: 0, nonZero: 0, nonZeroFits: 0 };
  if (children.length === 0) return fit;
  for (const col of amountColumns(table)) {
    const s = operand(grid, sum.index, col.index);
    if (!s) continue;
    let total = 0;
    let tol = s.precision / 2;
    let any = false;
    for (const ch of children) {
      if (isNotAvailable(grid, ch.index, col.index)) continue;
      const o = operand(grid, ch.index, col.index);
      if (!o) continue;
      any = true;
      total += o.value;
      tol += o.precision / 2;
    }
    if (!any) continue;
    fit.evaluated++;
    if (Math.abs(s.value) > 1e-9) fit.nonZero++;
    const diff = Math.abs(s.value - total);
    if (diff <= tol + 1e-9) {
      fit.fits++;
      if (Math.abs(s.value) > 1e-9) fit.nonZeroFits++;
    }
    fit.badness += diff / Math.max(tol, 1e-9);
  }
  return fit;
}

function better(a: Fit, b: Fit): boolean {
  const ra = a.evaluated ? a.fits / a.evaluated : -1;
  const rb = b.evaluated ? b.fits / b.evaluated : -1;
  if (ra !== rb) return ra > rb;
  return a.badness < b.badness;
}

/**
 * Infers which rows each sum row adds up. Rows are walked top-down keeping
 * the rows nobody has summed yet; a sum row takes either the run of items
 * directly above it (since the last group header or sum) or everything still
 * open (Resultat = Intäkter + Kostnader; Summa over several groups), whichever
 * its figures fit. A total printed first (004_04) takes everything below.
 * varav rows are never summed.
 */
export function inferHierarchy(grid: Grid, table: TableModel): SumNode[] {
  const nodes: SumNode[] = [];
  const open: TableRow[] = [];
  let boundary = -1;
  const figureRows = table.rows.filter(
    (r) => r.kind === 'item' || r.kind === 'subtotal' || r.kind === 'total' || r.kind === 'group_header',
  );
  const firstFigure = figureRows.find((r) => r.kind !== 'group_header');
  const topTotal = firstFigure && firstFigure.kind === 'total' ? firstFigure : undefined;

  for (const row of figureRows) {
    if (row === topTotal) continue;
    if (row.kind === 'group_header') {
      boundary = row.index;
      continue;
    }
    if (row.kind === 'item') {
      open.push(row);
      continue;
    }
    const recentItems = open.filter((r) => r.index > boundary && r.kind === 'item');
    const recentAll = open.filter((r) => r.index > boundary);
    const candidates: TableRow[][] = [];
    for (const c of [recentItems, recentAll, [...open]]) {
      if (c.length > 0 && !candidates.some((x) => x.length === c.length)) candidates.push(c);
    }
    let chosen: TableRow[] = [];
    let best: Fit | undefined;
    for (const c of candidates) {
      const f = sumFit(grid, table, row, c);
      if (!best || better(f, best)) {
        best = f;
        chosen = c;
      }
    }
    if (best && best.evaluated > 0 && best.fits === 0) {
      // Nothing fits: a subtotal sums its own run, a total everything open.
      chosen = row.kind === 'total' ? [...open] : recentItems.length ? recentItems : recentAll;
    }
    nodes.push({ row, children: chosen });
    const taken = new Set(chosen.map((r) => r.index));
    for (let i = open.length - 1; i >= 0; i--) if (taken.has(open[i]!.index)) open.splice(i, 1);
    open.push(row);
    boundary = row.index;
  }
  if (topTotal) nodes.unshift({ row: topTotal, children: open.filter((r) => r !== topTotal) });
  return nodes.filter((n) => n.children.length > 0);
}

/** The row a varav row is part of: the nearest figure row above that is not itself a varav row. */
export function varavParents(table: TableModel): { varav: TableRow; parent: TableRow }[] {
  const out: { varav: TableRow; parent: TableRow }[] = [];
  let parent: TableRow | undefined;
  for (const r of table.rows) {
    if (r.kind === 'varav') {
      if (parent) out.push({ varav: r, parent });
    } else if (r.kind === 'item' || r.kind === 'subtotal' || r.kind === 'total') parent = r;
  }
  return out;
}
