/**
 * Inserting and deleting cells with a shift, the way Excel does it: cells in
 * the affected band move, and every formula in the workbook that points at
 * moved cells on that sheet is rewritten (same-sheet and cross-sheet
 * references alike). A range that spans the insertion point grows; a range
 * that loses some of its cells shrinks; a reference whose cells are all
 * deleted becomes #REF!.
 *
 * A reference is only adjusted when it lies wholly inside the band of rows
 * (for a horizontal shift) or columns (for a vertical shift) that moves;
 * Excel likewise leaves references that straddle the band alone.
 */

import { columnLetter } from '../core/grid';
import { cellKey, findSheet, parseCellKey, type CellData, type WorkbookModel } from '../workbook/model';
import { MAX_COLUMNS, MAX_ROWS, scanReferences, type FormulaRef, type RefEnd } from '../workbook/recalc';
import type { Rect } from './address';

export interface ShiftEdit {
  /** The sheet whose cells move. */
  sheet: string;
  mode: 'insert' | 'delete';
  /** 'columns': cells move right/left within the rows of the band; 'rows': cells move down/up. */
  axis: 'columns' | 'rows';
  /** The inserted or deleted block. */
  rect: Rect;
}

type Span = { lo: number; hi: number };

function shiftSpan(span: Span, mode: 'insert' | 'delete', start: number, count: number): Span | undefined {
  const { lo, hi } = span;
  if (mode === 'insert') return { lo: lo >= start ? lo + count : lo, hi: hi >= start ? hi + count : hi };
  const end = start + count - 1;
  if (lo >= start && hi <= end) return undefined;
  return {
    lo: lo < start ? lo : lo <= end ? start : lo - count,
    hi: hi < start ? hi : hi <= end ? start - 1 : hi - count,
  };
}

function writeEnd(e: RefEnd, part: 'cell' | 'col' | 'row'): string {
  const col = `${e.colAbs ? '$' : ''}${columnLetter(e.col)}`;
  const row = `${e.rowAbs ? '$' : ''}${e.row + 1}`;
  return part === 'cell' ? col + row : part === 'col' ? col : row;
}

function writeRef(ref: FormulaRef, a: RefEnd, b: RefEnd): string {
  switch (ref.kind) {
    case 'cell':
      return writeEnd(a, 'cell');
    case 'range':
      return `${writeEnd(a, 'cell')}:${writeEnd(b, 'cell')}`;
    case 'cols':
      return `${writeEnd(a, 'col')}:${writeEnd(b, 'col')}`;
    case 'rows':
      return `${writeEnd(a, 'row')}:${writeEnd(b, 'row')}`;
  }
}

/** The adjusted text of one reference (without its sheet prefix), or "#REF!". Undefined = unchanged. */
function shiftRef(ref: FormulaRef, edit: ShiftEdit): string | undefined {
  const { rect, axis, mode } = edit;
  const horizontal = axis === 'columns';
  // Whole rows never move sideways and whole columns never move up or down.
  if ((horizontal && ref.kind === 'rows') || (!horizontal && ref.kind === 'cols')) return undefined;
  const a = { ...ref.a };
  const b = { ...ref.b };
  const rowsLo = Math.min(a.row, b.row);
  const rowsHi = Math.max(a.row, b.row);
  const colsLo = Math.min(a.col, b.col);
  const colsHi = Math.max(a.col, b.col);
  const [bandLo, bandHi] = horizontal ? [rect.top, rect.bottom] : [rect.left, rect.right];
  const [crossLo, crossHi] = horizontal ? [rowsLo, rowsHi] : [colsLo, colsHi];
  if (crossLo < bandLo || crossHi > bandHi) return undefined;
  const start = horizontal ? rect.left : rect.top;
  const count = horizontal ? rect.right - rect.left + 1 : rect.bottom - rect.top + 1;
  const span = horizontal ? { lo: colsLo, hi: colsHi } : { lo: rowsLo, hi: rowsHi };
  const moved = shiftSpan(span, mode, start, count);
  if (!moved) return '#REF!';
  if (moved.lo === span.lo && moved.hi === span.hi) return undefined;
  const limit = horizontal ? MAX_COLUMNS : MAX_ROWS;
  if (moved.hi >= limit) return '#REF!';
  // Keep each end's orientation: the end that was the low one stays low.
  const key = horizontal ? 'col' : 'row';
  const aIsLo = a[key] <= b[key];
  a[key] = aIsLo ? moved.lo : moved.hi;
  b[key] = aIsLo ? moved.hi : moved.lo;
  return writeRef(ref, a, b);
}

/** Rewrites the references in `formula` (which lives on `formulaSheet`) for an insert or delete. */
export function shiftFormula(formula: string, formulaSheet: string, edit: ShiftEdit): string {
  const target = edit.sheet.toLowerCase();
  let out = '';
  let last = 0;
  for (const ref of scanReferences(formula)) {
    const refSheet = (ref.sheet ?? formulaSheet).toLowerCase();
    if (refSheet !== target) continue;
    const replacement = shiftRef(ref, edit);
    if (replacement === undefined) continue;
    out += formula.slice(last, ref.refStart) + replacement;
    last = ref.end;
  }
  return last === 0 ? formula : out + formula.slice(last);
}

/** Replaces every reference to `deletedSheet` with Excel's "#REF!" (as Excel does when a sheet is deleted). */
export function dropSheetReferences(formula: string, deletedSheet: string): string {
  const target = deletedSheet.toLowerCase();
  let out = '';
  let last = 0;
  for (const ref of scanReferences(formula)) {
    if (ref.sheet === undefined || ref.sheet.toLowerCase() !== target) continue;
    out += formula.slice(last, ref.start) + '#REF!';
    last = ref.end;
  }
  return last === 0 ? formula : out + formula.slice(last);
}

/** Applies an insert or delete to the workbook: rewrites formulas, then moves the cells. */
export function applyShift(wb: WorkbookModel, edit: ShiftEdit): void {
  for (const sheet of wb.sheets) {
    for (const cell of sheet.cells.values()) {
      if (cell.formula !== undefined) cell.formula = shiftFormula(cell.formula, sheet.name, edit);
    }
  }
  const sheet = findSheet(wb, edit.sheet);
  if (!sheet) return;
  const { rect, axis, mode } = edit;
  const horizontal = axis === 'columns';
  const count = horizontal ? rect.right - rect.left + 1 : rect.bottom - rect.top + 1;
  const start = horizontal ? rect.left : rect.top;
  const next = new Map<string, CellData>();
  for (const [key, cell] of sheet.cells) {
    const { row, col } = parseCellKey(key);
    const inBand = horizontal ? row >= rect.top && row <= rect.bottom : col >= rect.left && col <= rect.right;
    const pos = horizontal ? col : row;
    if (!inBand || pos < start) {
      next.set(key, cell);
      continue;
    }
    let moved: number;
    if (mode === 'insert') moved = pos + count;
    else if (pos < start + count) continue;
    else moved = pos - count;
    if (moved >= (horizontal ? MAX_COLUMNS : MAX_ROWS)) continue;
    next.set(horizontal ? cellKey(row, moved) : cellKey(moved, col), cell);
  }
  sheet.cells = next;
  if (horizontal && rect.top === 0 && rect.bottom === MAX_ROWS - 1 && sheet.columnWidths) {
    const widths = new Map<number, number>();
    for (const [col, w] of sheet.columnWidths) {
      if (col < start) widths.set(col, w);
      else if (mode === 'insert') widths.set(col + count, w);
      else if (col >= start + count) widths.set(col - count, w);
    }
    sheet.columnWidths = widths;
  }
}
