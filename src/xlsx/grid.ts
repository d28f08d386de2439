import type { Cell, Grid } from '../core/grid';
import type { WorkbookModel } from '../workbook/model';
import { findSheet, parseCellKey, usedBounds } from '../workbook/model';

export class SheetNotFoundError extends Error {
  readonly sheet: string;

  constructor(sheet: string) {
    super(`Bladet finns inte: ${sheet}`);
    this.name = 'SheetNotFoundError';
    this.sheet = sheet;
  }
}

/**
 * The grid of one sheet: every stored cell inside the used range (formatted
 * empty cells included, so coordinates match what Excel's used range gives
 * the add-in). Sheet names match case-insensitively, as in Excel.
 */
export function modelToGrid(model: WorkbookModel, sheetName: string): Grid {
  const sheet = findSheet(model, sheetName);
  if (!sheet) throw new SheetNotFoundError(sheetName);
  const bounds = usedBounds(sheet);
  if (!bounds) return { sheet: sheet.name, top: 0, left: 0, cells: [] };
  const height = bounds.bottom - bounds.top + 1;
  const width = bounds.right - bounds.left + 1;
  const cells: Cell[][] = Array.from({ length: height }, () =>
    Array.from({ length: width }, (): Cell => ({ v: null })),
  );
  for (const [key, data] of sheet.cells) {
    const { row, col } = parseCellKey(key);
    const cell: Cell = { v: data.value };
    if (data.formula !== undefined) cell.f = data.formula;
    if (data.numberFormat !== undefined && data.numberFormat !== 'General') cell.fmt = data.numberFormat;
    if (data.error) cell.err = true;
    cells[row - bounds.top]![col - bounds.left] = cell;
  }
  return { sheet: sheet.name, top: bounds.top, left: bounds.left, cells };
}
