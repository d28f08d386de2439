import { GridBuilder, type Cell, type Grid } from '../core/grid';
import type { WorkbookModel } from '../workbook/model';
import { findSheet, parseCellKey } from '../workbook/model';

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
  const builder = new GridBuilder(sheet.name);
  for (const [key, data] of sheet.cells) {
    const { row, col } = parseCellKey(key);
    const cell: Cell = { v: data.value };
    if (data.formula !== undefined) cell.f = data.formula;
    if (data.numberFormat !== undefined && data.numberFormat !== 'General') cell.fmt = data.numberFormat;
    if (data.error) cell.err = true;
    builder.set(row, col, cell);
  }
  return builder.build();
}
