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
