/**
 * Did the sheet change since the plan was computed? The gateway re-reads,
 * in the write's first sync, the cells the plan depends on (plan.dependsOn,
 * or the whole snapshot when the plan does not say) and compares them with
 * the snapshot. Formula cells are compared by formula: their results move
 * with every recalculation (TODAY(), other sheets) without the table having
 * changed.
 */
import type { Cell, Grid } from '../core/grid';
import { cellInRow, gridBounds, rangeA1, rowAt } from '../core/grid';
import { isDateFormat, serialToDateText } from '../workbook/dates';
import { formulaOf } from './cellData';
import { area, bands, type Rect } from './regions';

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

/** Whether a block read from the sheet (its `formulas`) still matches the snapshot. */
export function blockMatches(snapshot: Grid, rect: Rect, formulas: readonly (readonly unknown[])[]): boolean {
  for (let r = rect.top; r <= rect.bottom; r++) {
    const snapRow = rowAt(snapshot, r);
    const forms = formulas[r - rect.top];
    for (let c = rect.left; c <= rect.right; c++) {
      const cell = snapRow ? cellInRow(snapRow, c) : undefined;
      const f = forms?.[c - rect.left];
      if (!sameContent(cell, undefined, f)) return false;
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

/** The check rectangles in bands whose responses stay within `budgetBytes` each. */
export function checkBands(
  rects: readonly Rect[],
  budgetBytes: number,
  bytesPerCell = CHECK_BYTES_PER_CELL,
): Rect[] {
  const cells = Math.max(1, Math.floor(budgetBytes / bytesPerCell));
  return rects.flatMap((r) => bands(r, cells));
}
