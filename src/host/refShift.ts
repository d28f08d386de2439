/**
 * Inserting and deleting cells with a shift, the way Excel does it: cells in
 * the affected band move, and every formula in the workbook that points at
 * moved cells on that sheet is rewritten by the one reference engine
 * (core/refs.ts shiftFormula: ranges grow and shrink, references pushed off
 * the sheet or deleted become #REF!, references that straddle the band keep
 * their address).
 */

import { dropSheet, shiftFormula, type ShiftEdit } from '../core/refs';
import {
  cellKey,
  findSheet,
  parseCellKey,
  setCellData,
  type CellData,
  type Rect,
  type SheetModel,
  type WorkbookModel,
} from '../workbook/model';
import { MAX_COLUMNS, MAX_ROWS } from '../workbook/recalc';
import { ErrorCodes, HostError } from './errors';

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
  shiftSheetObjects(sheet, edit);
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

/** Whether `r` lies wholly inside the band of the edit (its rows for a sideways shift, its columns else). */
function insideBand(r: Rect, edit: ShiftEdit): boolean {
  return edit.axis === 'columns'
    ? r.top >= edit.rect.top && r.bottom <= edit.rect.bottom
    : r.left >= edit.rect.left && r.right <= edit.rect.right;
}

/** The cells the edit moves or removes: the band, from the edit's start to the sheet's edge. */
function movingRegion(edit: ShiftEdit): Rect {
  const { rect } = edit;
  return edit.axis === 'columns'
    ? { top: rect.top, bottom: rect.bottom, left: rect.left, right: MAX_COLUMNS - 1 }
    : { top: rect.top, bottom: MAX_ROWS - 1, left: rect.left, right: rect.right };
}

function intersects(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/**
 * Refuses an insert or delete the way Excel does, before anything moves: it
 * may not move part of an Excel table, a filtered range or a merged area
 * (cells of it inside the band, others outside), nor push a non-empty cell
 * off the sheet.
 */
export function checkShift(sheet: SheetModel, edit: ShiftEdit, location: string): void {
  const region = movingRegion(edit);
  for (const table of sheet.tables ?? []) {
    if (intersects(table, region) && !insideBand(table, edit)) {
      throw new HostError(
        ErrorCodes.insertDeleteConflict,
        `This operation is not allowed. The operation is attempting to shift cells in the table '${table.name}' on your worksheet.`,
        location,
      );
    }
  }
  for (const merge of sheet.merges ?? []) {
    if (intersects(merge, region) && !insideBand(merge, edit)) {
      throw new HostError(ErrorCodes.mergedRangeConflict, "We can't do that to a merged cell.", location);
    }
  }
  const filter = sheet.autoFilter;
  if (filter && intersects(filter, region)) {
    if (filter.filtered) throw new HostError(ErrorCodes.filteredRangeConflict, undefined, location);
    if (!insideBand(filter, edit)) throw new HostError(ErrorCodes.insertDeleteConflict, undefined, location);
  }
  if (edit.mode !== 'insert') return;
  const horizontal = edit.axis === 'columns';
  const count = horizontal ? edit.rect.right - edit.rect.left + 1 : edit.rect.bottom - edit.rect.top + 1;
  const limit = (horizontal ? MAX_COLUMNS : MAX_ROWS) - count;
  for (const [key, cell] of sheet.cells) {
    if (cell.formula === undefined && (cell.value === null || cell.value === '')) continue;
    const { row, col } = parseCellKey(key);
    const inBand = horizontal
      ? row >= edit.rect.top && row <= edit.rect.bottom
      : col >= edit.rect.left && col <= edit.rect.right;
    if (inBand && (horizontal ? col : row) >= limit) {
      throw new HostError(ErrorCodes.nonBlankCellOffSheet, undefined, location);
    }
  }
}

/** Where a table, merge or filter inside the band goes: moved, widened, narrowed, or gone (undefined). */
function moveRect(r: Rect, edit: ShiftEdit): Rect | undefined {
  if (!insideBand(r, edit)) return r;
  const horizontal = edit.axis === 'columns';
  const start = horizontal ? edit.rect.left : edit.rect.top;
  const count = horizontal ? edit.rect.right - edit.rect.left + 1 : edit.rect.bottom - edit.rect.top + 1;
  const lo = horizontal ? r.left : r.top;
  const hi = horizontal ? r.right : r.bottom;
  let nlo: number;
  let nhi: number;
  if (edit.mode === 'insert') {
    nlo = lo >= start ? lo + count : lo;
    nhi = hi >= start ? hi + count : hi;
  } else {
    const end = start + count - 1;
    if (lo >= start && hi <= end) return undefined;
    nlo = lo < start ? lo : lo <= end ? start : lo - count;
    nhi = hi < start ? hi : hi <= end ? start - 1 : hi - count;
  }
  return horizontal ? { ...r, left: nlo, right: nhi } : { ...r, top: nlo, bottom: nhi };
}

/** Moves the sheet's tables, merged areas and filter with the cells (checkShift has ruled out splits). */
export function shiftSheetObjects(sheet: SheetModel, edit: ShiftEdit): void {
  if (sheet.tables) {
    sheet.tables = sheet.tables.flatMap((t) => {
      const moved = moveRect(t, edit);
      return moved ? [{ ...t, ...moved }] : [];
    });
  }
  if (sheet.merges) {
    sheet.merges = sheet.merges.flatMap((m) => {
      const moved = moveRect(m, edit);
      return moved && (moved.left !== moved.right || moved.top !== moved.bottom) ? [moved] : [];
    });
  }
  if (sheet.autoFilter) {
    const moved = moveRect(sheet.autoFilter, edit);
    if (moved) sheet.autoFilter = { ...sheet.autoFilter, ...moved };
    else delete sheet.autoFilter;
  }
}

/**
 * Inserted cells take the formatting of the cell to their left (or above),
 * as Excel's default "Format Same As Left" does: a column inserted right of
 * a yellow, italic forecast column starts out yellow and italic.
 */
export function inheritFormats(sheet: SheetModel, edit: ShiftEdit): void {
  if (edit.mode !== 'insert') return;
  const { rect } = edit;
  const horizontal = edit.axis === 'columns';
  const source = horizontal ? rect.left - 1 : rect.top - 1;
  if (source < 0) return;
  const formats: [number, CellData][] = [];
  for (const [key, cell] of sheet.cells) {
    const { row, col } = parseCellKey(key);
    if (
      horizontal
        ? col !== source || row < rect.top || row > rect.bottom
        : row !== source || col < rect.left || col > rect.right
    )
      continue;
    if (cell.numberFormat === undefined && !cell.fill && !cell.bold && !cell.italic && !cell.fontColor)
      continue;
    formats.push([horizontal ? row : col, cell]);
  }
  for (const [at, cell] of formats) {
    const format = {
      numberFormat: cell.numberFormat,
      fill: cell.fill,
      bold: cell.bold,
      italic: cell.italic,
      fontColor: cell.fontColor,
    };
    if (horizontal) for (let c = rect.left; c <= rect.right; c++) setCellData(sheet, at, c, format);
    else for (let r = rect.top; r <= rect.bottom; r++) setCellData(sheet, r, at, format);
  }
}
