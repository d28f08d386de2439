/**
 * Rectangle arithmetic for reading and writing in few, bounded requests.
 * Pure: no Office.js here, so it is tested directly.
 */
import type { RangeRef } from '../core/grid';

export type Rect = RangeRef;

/**
 * Cells per request for reads whose size cannot be measured beforehand
 * (before-states, Ångra's check). Values, formulas, number formats and the
 * fill/italic properties of 20 000 cells stay well below the payload budget.
 */
export const CHUNK_CELLS = 20000;

/** Above this many cells in the used range, the gateway first asks Excel where the data is (getSpecialCells). */
export const AREA_QUERY_CELLS = 1_000_000;

export function area(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

export function intersect(a: Rect, b: Rect): Rect | undefined {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top <= r.bottom && r.left <= r.right ? r : undefined;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom &&
    inner.left >= outer.left &&
    inner.right <= outer.right
  );
}

/** The parts of `rects` outside every hole: at most four rectangles for each cut. */
export function subtractRects(rects: readonly Rect[], holes: readonly Rect[]): Rect[] {
  let out = [...rects];
  for (const hole of holes) {
    const next: Rect[] = [];
    for (const r of out) {
      const cut = intersect(r, hole);
      if (!cut) {
        next.push(r);
        continue;
      }
      if (r.top < cut.top) next.push({ ...r, bottom: cut.top - 1 });
      if (cut.left > r.left)
        next.push({ top: cut.top, left: r.left, bottom: cut.bottom, right: cut.left - 1 });
      if (cut.right < r.right)
        next.push({ top: cut.top, left: cut.right + 1, bottom: cut.bottom, right: r.right });
      if (r.bottom > cut.bottom) next.push({ ...r, top: cut.bottom + 1 });
    }
    out = next;
  }
  return out;
}

/** A rectangle to read and what each of its rows is expected to weigh in the response. */
export interface RowWeighed {
  rect: Rect;
  rowBytes: (row: number) => number;
}

/** A piece of a source: its rectangle and expected bytes. */
export interface Piece<S> {
  source: S;
  rect: Rect;
  bytes: number;
}

/**
 * Packs the rows of `sources`, in order, into groups whose expected weight
 * stays within `budget` (the first group within `first`), cutting a
 * rectangle into bands of rows where a group fills up, so every group but
 * the last is filled to within one row of its budget. Every piece costs
 * `overhead` bytes besides its rows. A row heavier than a whole group is
 * cut into column pieces of its own.
 */
export function packRows<S extends RowWeighed>(
  sources: readonly S[],
  budget: number,
  first = budget,
  overhead = 0,
): Piece<S>[][] {
  const groups: Piece<S>[][] = [];
  let group: Piece<S>[] = [];
  let total = 0;
  let cap = first;
  const close = () => {
    if (group.length > 0 || groups.length === 0) groups.push(group);
    group = [];
    total = 0;
    cap = budget;
  };
  for (const source of sources) {
    const { rect } = source;
    let top = rect.top;
    let bytes = overhead;
    const cut = (bottom: number) => {
      if (bottom >= top) {
        group.push({ source, rect: { ...rect, top, bottom }, bytes });
        total += bytes;
      }
      bytes = overhead;
    };
    for (let row = rect.top; row <= rect.bottom; row++) {
      const w = source.rowBytes(row);
      if (w > budget) {
        cut(row - 1);
        const width = rect.right - rect.left + 1;
        const cols = Math.max(1, Math.floor((width * budget) / w));
        for (let left = rect.left; left <= rect.right; left += cols) {
          const right = Math.min(rect.right, left + cols - 1);
          const part = (w * (right - left + 1)) / width + overhead;
          if (total + part > cap) close();
          group.push({ source, rect: { top: row, left, bottom: row, right }, bytes: part });
          total += part;
        }
        top = row + 1;
        continue;
      }
      if (total + bytes + w > cap) {
        cut(row - 1);
        close();
        top = row;
      }
      bytes += w;
    }
    cut(rect.bottom);
  }
  if (group.length > 0 || groups.length === 0) groups.push(group);
  return groups;
}

/** Splits a rectangle into bands of whole rows holding at most `maxCells` cells each. */
export function bands(rect: Rect, maxCells: number = CHUNK_CELLS): Rect[] {
  maxCells = Math.max(1, Math.floor(maxCells));
  const width = rect.right - rect.left + 1;
  const out: Rect[] = [];
  if (width > maxCells) {
    for (let row = rect.top; row <= rect.bottom; row++) {
      for (let left = rect.left; left <= rect.right; left += maxCells) {
        out.push({ top: row, left, bottom: row, right: Math.min(rect.right, left + maxCells - 1) });
      }
    }
    return out;
  }
  const rows = Math.max(1, Math.floor(maxCells / width));
  for (let top = rect.top; top <= rect.bottom; top += rows) {
    out.push({ top, left: rect.left, bottom: Math.min(rect.bottom, top + rows - 1), right: rect.right });
  }
  return out;
}

/**
 * Rectangles that cover `areas` (the constants and formulas Excel reported)
 * without reading much empty space in between: areas are merged while the
 * merged rectangle has at most `slack` times their cells (plus a little), so
 * a table and its stray note far out stay two reads. Linear: each area is
 * tried against the few clusters that end near it.
 */
export function clusterAreas(areas: readonly Rect[], slack = 2): Rect[] {
  const sorted = [...areas].sort((a, b) => a.top - b.top || a.left - b.left);
  const clusters: { rect: Rect; cells: number }[] = [];
  const LOOKBACK = 8;
  for (const a of sorted) {
    const cells = area(a);
    let merged = false;
    for (let k = clusters.length - 1; k >= 0 && k >= clusters.length - LOOKBACK; k--) {
      const c = clusters[k]!;
      const union = {
        top: Math.min(c.rect.top, a.top),
        left: Math.min(c.rect.left, a.left),
        bottom: Math.max(c.rect.bottom, a.bottom),
        right: Math.max(c.rect.right, a.right),
      };
      if (area(union) <= (c.cells + cells) * slack + 256) {
        c.rect = union;
        c.cells += cells;
        merged = true;
        break;
      }
    }
    if (!merged) clusters.push({ rect: { ...a }, cells });
  }
  return clusters.map((c) => c.rect);
}

/** Splits rectangles into bands of at most `maxCells` cells each (whole rows where a row fits). */
export function bandsOf(rects: readonly Rect[], maxCells: number): Rect[] {
  return rects.flatMap((r) => bands(r, maxCells));
}

export function boundingRect(cells: readonly { row: number; col: number }[]): Rect | undefined {
  if (cells.length === 0) return undefined;
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const c of cells) {
    top = Math.min(top, c.row);
    left = Math.min(left, c.col);
    bottom = Math.max(bottom, c.row);
    right = Math.max(right, c.col);
  }
  return { top, left, bottom, right };
}

/** A run of vertically adjacent cells in one column sharing a key. */
export interface Run<T> {
  col: number;
  top: number;
  items: T[];
}

/**
 * Groups cells into column runs: same column, consecutive rows, equal `key`.
 * One run becomes one range assignment, so a column of 200 writes costs one
 * command instead of 200.
 */
export function columnRuns<T extends { row: number; col: number }>(
  cells: readonly T[],
  key: (c: T) => string,
): Run<T>[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: Run<T>[] = [];
  let cur: Run<T> | undefined;
  let curKey = '';
  for (const c of sorted) {
    const k = key(c);
    if (cur && c.col === cur.col && c.row === cur.top + cur.items.length && k === curKey) {
      cur.items.push(c);
    } else {
      cur = { col: c.col, top: c.row, items: [c] };
      curKey = k;
      runs.push(cur);
    }
  }
  return runs;
}
