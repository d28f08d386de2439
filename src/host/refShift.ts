/**
 * Inserting and deleting cells with a shift, the way Excel does it: cells in
 * the affected band move, and every formula in the workbook that points at
 * moved cells on that sheet is rewritten by the one reference engine
 * (core/refs.ts shiftFormula: ranges grow and shrink, references pushed off
 * the sheet or deleted become #REF!, references that straddle the band keep
 * their address).
 */

import { dropSheet, shiftFormula, type ShiftEdit } from '../core/refs';
import { cellKey, findSheet, parseCellKey, type CellData, type WorkbookModel } from '../workbook/model';
import { MAX_COLUMNS, MAX_ROWS } from '../workbook/recalc';

export { shiftFormula, type ShiftEdit };

/** Replaces every reference to `deletedSheet` with Excel's "#REF!" (as Excel does when a sheet is deleted). */
export function dropSheetReferences(formula: string, deletedSheet: string): string {
  return dropSheet(formula, deletedSheet);
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
