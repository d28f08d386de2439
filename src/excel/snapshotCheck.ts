/**
 * Did the sheet change since the plan was computed? The gateway re-reads,
 * in the write's first sync, the cells the plan depends on (plan.dependsOn,
 * or the whole snapshot when the plan does not say) and compares them with
 * the snapshot. Formula cells are compared by formula: their results move
 * with every recalculation (TODAY(), other sheets) without the table having
 * changed.
 */
import type { Cell, CellValue, Grid, GridRow } from '../core/grid';
import { cellInRow, gridBounds, rangeA1, rowAt } from '../core/grid';
import { isDateFormat, serialToDateText } from '../workbook/dates';
import { formulaOf } from './cellData';
import { area, type Rect } from './regions';

/**
 * Response bytes per cell of the check (formulas only) when the snapshot's
 * read measured nothing: numbers and short labels.
 */
export const CHECK_BYTES_PER_CELL = 16;

function sameValue(expected: unknown, actual: unknown): boolean {
  const e = expected === null || expected === undefined ? '' : expected;
  const a = actual === null || actual === undefined ? '' : actual;
  return e === a;
}

/**
 * Whether a cell read now holds what the snapshot's cell held. The check
 * loads only `formulas`, which for a constant is its value: a formula is
 * compared by its text, a constant by value. Text typed with an apostrophe
 * ('=Summa) reads back from `formulas` as "=Summa" (office-js 6687), which
 * the snapshot holds as that text: unchanged.
 */
export function sameContent(snap: Cell | undefined, value: unknown, formula: unknown = value): boolean {
  if (snap?.f !== undefined) return formula === snap.f;
  if (
    typeof formula === 'string' &&
    formula.length > 1 &&
    formula.charCodeAt(0) === 61 &&
    formula !== value
  ) {
    // "=…" is a formula now, unless it is the snapshot's text and `values` (when read) agrees.
    return snap?.v === formula && (value === undefined || formulaOf(formula, value) === undefined);
  }
  let v = value === undefined ? formula : value;
  // The snapshot holds a date as the text Excel shows; the sheet gives the serial.
  if (
    typeof v === 'number' &&
    snap?.fmt !== undefined &&
    typeof snap.v === 'string' &&
    isDateFormat(snap.fmt)
  )
    v = serialToDateText(v, snap.fmt) ?? v;
  return sameValue(snap?.v, v);
}

/** Whether a block read from the sheet (its `formulas`, and `values` where read) still matches the snapshot. */
export function blockMatches(
  snapshot: Grid,
  rect: Rect,
  formulas: readonly (readonly unknown[])[],
  values?: readonly (readonly unknown[])[],
): boolean {
  for (let r = rect.top; r <= rect.bottom; r++) {
    const snapRow = rowAt(snapshot, r);
    const forms = formulas[r - rect.top];
    const vals = values?.[r - rect.top];
    for (let c = rect.left; c <= rect.right; c++) {
      const cell = snapRow ? cellInRow(snapRow, c) : undefined;
      const f = forms?.[c - rect.left];
      if (!sameContent(cell, vals ? vals[c - rect.left] : undefined, f)) return false;
    }
  }
  return true;
}

/**
 * The rectangles that hold the snapshot: its bounds when they are mostly
 * filled, otherwise one rectangle per run of rows with the same column span
 * (a sparse grid with a stray cell far out costs that cell, not the space
 * between).
 */
export function snapshotRects(snapshot: Grid): Rect[] {
  const bounds = gridBounds(snapshot);
  if (!bounds) return [];
  let cells = 0;
  for (const row of snapshot.rows) cells += row.cols.length;
  if (area(bounds) <= Math.max(4 * cells, 1024)) return [bounds];
  const rects: Rect[] = [];
  let current: Rect | undefined;
  for (const row of snapshot.rows) {
    if (row.cols.length === 0) continue;
    const left = row.cols[0]!;
    const right = row.cols[row.cols.length - 1]!;
    if (current && current.bottom === row.index - 1 && current.left === left && current.right === right)
      current.bottom = row.index;
    else {
      current = { top: row.index, left, bottom: row.index, right };
      rects.push(current);
    }
  }
  return rects;
}

export interface CheckRead {
  rect: Rect;
  range: Excel.Range;
}

export function queueCheck(ws: Excel.Worksheet, rect: Rect): CheckRead {
  const range = ws.getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right));
  range.load('formulas');
  return { rect, range };
}

/** Bytes of a text as a JSON string in UTF-8, quotes and escapes included. */
export function jsonTextBytes(text: string): number {
  let n = text.length + 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 34 || c === 92) n++;
      else if (c < 0x20) n += 5;
    } else if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) n += 1;
    else n += 2;
  }
  return n;
}

/** Bytes of a cell value in a JSON matrix as Excel returns it: "" for an empty cell. */
function valueBytes(v: CellValue | undefined): number {
  if (v === null || v === undefined) return 2;
  if (typeof v === 'string') return jsonTextBytes(v);
  if (typeof v === 'number') return String(v).length;
  return v ? 4 : 5;
}

/** Calls `fn` for the snapshot's cells of a row between two columns. */
function cellsBetween(row: GridRow, left: number, right: number, fn: (cell: Cell) => void): void {
  const { cols, cells } = row;
  let lo = 0;
  let hi = cols.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cols[mid]! < left) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < cols.length && cols[k]! <= right; k++) fn(cells[k]!);
}

/**
 * What the check's response (`formulas`) of a row between two columns weighs
 * when the sheet still holds the snapshot: a formula's text, a constant's
 * value, "" for an empty cell.
 */
export function checkRowBytes(snapshot: Grid, row: number, left: number, right: number): number {
  // [ ], and per empty cell "" and its comma.
  let n = 2 + 3 * (right - left + 1);
  const r = rowAt(snapshot, row);
  if (r)
    cellsBetween(
      r,
      left,
      right,
      (c) => (n += (c.f !== undefined ? jsonTextBytes(c.f) : valueBytes(c.v)) - 2),
    );
  return n;
}

/**
 * What a before-state read (`values`, `formulas`, `numberFormat`) of a row
 * between two columns weighs when the sheet still holds the snapshot.
 */
export function beforeRowBytes(snapshot: Grid, row: number, left: number, right: number): number {
  // Three rows of [ ], and per empty cell "" in values and formulas, "General" in numberFormat, and their commas.
  let n = 6 + 16 * (right - left + 1);
  const r = rowAt(snapshot, row);
  if (r) {
    cellsBetween(r, left, right, (c) => {
      const v = valueBytes(c.v);
      n += v - 2 + (c.f !== undefined ? jsonTextBytes(c.f) : v) - 2;
      if (c.fmt !== undefined) n += jsonTextBytes(c.fmt) - 9;
    });
  }
  return n;
}
