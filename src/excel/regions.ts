/**
 * Rectangle arithmetic for reading and writing in few, bounded requests.
 * Pure: no Office.js here, so it is tested directly.
 */
import type { RangeRef } from '../core/grid';

export type Rect = RangeRef;

/** The first read covers A1:AX1000 (50 × 1000 cells) of the used range in the same sync as everything else. */
export const READ_WINDOW: Rect = { top: 0, left: 0, bottom: 999, right: 49 };
export const READ_WINDOW_ADDRESS = 'A1:AX1000';
/**
 * Cells per follow-up request. Values, formulas, number formats and value
 * types of 20 000 cells stay well below Excel on the web's 5 MB per request.
 */
export const CHUNK_CELLS = 20000;

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

/** `rect` minus the window (which starts at A1): a band below it and a band to its right. */
export function outsideWindow(rect: Rect, window: Rect = READ_WINDOW): Rect[] {
  const out: Rect[] = [];
  const right = {
    top: rect.top,
    left: Math.max(rect.left, window.right + 1),
    bottom: Math.min(rect.bottom, window.bottom),
    right: rect.right,
  };
  const below = {
    top: Math.max(rect.top, window.bottom + 1),
    left: rect.left,
    bottom: rect.bottom,
    right: rect.right,
  };
  for (const r of [right, below]) if (r.top <= r.bottom && r.left <= r.right) out.push(r);
  return out;
}

/** Splits a rectangle into bands of whole rows holding at most `maxCells` cells each. */
export function bands(rect: Rect, maxCells: number = CHUNK_CELLS): Rect[] {
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

/** The chunks a rectangle is read in after the first request: everything outside the window, banded. */
export function followUpChunks(rect: Rect, maxCells: number = CHUNK_CELLS): Rect[] {
  return outsideWindow(rect).flatMap((r) => bands(r, maxCells));
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
