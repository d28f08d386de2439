/**
 * Sheet → Grid. A normal sheet (used range inside A1:AX1000) costs exactly one
 * context.sync(): name, used range, cell data, sheet list and the store are
 * queued together. Larger sheets are finished in row bands of at most
 * CHUNK_CELLS cells, one sync each, so no request nears the 5 MB limit.
 */
import type { Cell, CellValue, Grid } from '../core/grid';
import { GridBuilder, rangeA1 } from '../core/grid';
import { STORE_SHEET, type StoredData } from '../core/store';
import {
  CHUNK_CELLS,
  READ_WINDOW,
  READ_WINDOW_ADDRESS,
  area,
  followUpChunks,
  intersect,
  type Rect,
} from './regions';
import { runExcel } from './runtime';
import { runWithStore } from './store';

export interface SheetRead {
  grid: Grid;
  /** Visible sheets in workbook order, without the store sheet. */
  sheetNames: string[];
  activeSheet: string;
  store: StoredData;
}

/** Properties a cell read loads; nothing else is ever requested for cell data. */
export const CELL_DATA_PROPS = 'values,formulas,numberFormat,valueTypes';
const USED_PROPS = 'rowIndex,columnIndex,rowCount,columnCount';

type Matrix = readonly (readonly unknown[])[];

function toCell(value: unknown, formula: unknown, format: unknown, type: unknown): Cell {
  const cell: Cell = { v: value === '' || value === undefined ? null : (value as CellValue) };
  if (type === 'Error') {
    cell.err = true;
    cell.v = String(value);
  }
  if (typeof formula === 'string' && formula.startsWith('=')) cell.f = formula;
  if (typeof format === 'string' && format !== '' && format !== 'General') cell.fmt = format;
  return cell;
}

/** Converts one block of range data into a Grid anchored at its absolute position. */
export function toGrid(
  sheet: string,
  rowIndex: number,
  columnIndex: number,
  values: Matrix,
  formulas: Matrix,
  numberFormat: Matrix,
  valueTypes: Matrix,
): Grid {
  const builder = new GridBuilder(sheet);
  placeBlock(builder, rowIndex, columnIndex, values, formulas, numberFormat, valueTypes);
  return builder.build();
}

/** Adds a block of range data to `builder`; empty unformatted cells are not stored. */
export function placeBlock(
  builder: GridBuilder,
  rowIndex: number,
  columnIndex: number,
  values: Matrix,
  formulas: Matrix,
  numberFormat: Matrix,
  valueTypes: Matrix,
): void {
  for (let r = 0; r < values.length; r++) {
    const vals = values[r]!;
    for (let c = 0; c < vals.length; c++) {
      builder.set(
        rowIndex + r,
        columnIndex + c,
        toCell(vals[c], formulas[r]?.[c], numberFormat[r]?.[c], valueTypes[r]?.[c]),
      );
    }
  }
}

interface QueuedSheet {
  name: string | undefined;
  sheet: Excel.Worksheet;
  used: Excel.Range;
  window: Excel.Range;
}

/** Queues (a)–(c) for one worksheet: its name, used range and the used part of the window. */
function queueSheet(sheet: Excel.Worksheet, name: string | undefined): QueuedSheet {
  if (!name) sheet.load('name');
  // getUsedRange, not ...OrNullObject: it gives A1 for an empty sheet, and Office.js
  // cannot chain getIntersectionOrNullObject off a null object.
  const used = sheet.getUsedRange(false);
  used.load(USED_PROPS);
  const window = used.getIntersectionOrNullObject(READ_WINDOW_ADDRESS);
  window.load(CELL_DATA_PROPS);
  return { name, sheet, used, window };
}

function loadedCellData(range: Excel.Range): [Matrix, Matrix, Matrix, Matrix] {
  return [range.values, range.formulas, range.numberFormat, range.valueTypes];
}

/**
 * After the first sync: builds the grid from the window and reads whatever lies
 * outside it in bands, one sync per band.
 */
async function finishSheet(context: Excel.RequestContext, q: QueuedSheet, maxCells: number): Promise<Grid> {
  const name = q.name ?? q.sheet.name;
  const used: Rect = {
    top: q.used.rowIndex,
    left: q.used.columnIndex,
    bottom: q.used.rowIndex + q.used.rowCount - 1,
    right: q.used.columnIndex + q.used.columnCount - 1,
  };
  const builder = new GridBuilder(name);
  const inWindow = intersect(used, READ_WINDOW);
  if (inWindow && !q.window.isNullObject)
    placeBlock(builder, inWindow.top, inWindow.left, ...loadedCellData(q.window));
  for (const chunk of followUpChunks(used, maxCells)) {
    const range = q.sheet.getRange(rangeA1(chunk.top, chunk.left, chunk.bottom, chunk.right));
    range.load(CELL_DATA_PROPS);
    await context.sync();
    placeBlock(builder, chunk.top, chunk.left, ...loadedCellData(range));
  }
  return builder.build();
}

function visibleSheetNames(items: readonly Excel.Worksheet[]): string[] {
  return items.filter((s) => s.visibility === 'Visible' && s.name !== STORE_SHEET).map((s) => s.name);
}

/** Reads the active sheet, or `sheetName`, with the sheet list and the stored settings and journal. */
export async function readSheet(sheetName?: string, options: { maxCells?: number } = {}): Promise<SheetRead> {
  return runWithStore(async (context, store) => {
    const sheets = context.workbook.worksheets;
    const active = sheets.getActiveWorksheet();
    active.load('name');
    // getItem, not getItemOrNullObject: a missing sheet fails the batch with ItemNotFound,
    // which runExcel reports as SHEET_NOT_FOUND, and nothing is chained off a null object.
    const target = sheetName === undefined ? active : sheets.getItem(sheetName);
    const queued = queueSheet(target, sheetName);
    sheets.load('items/name,items/visibility');
    await context.sync();

    const grid = await finishSheet(context, queued, options.maxCells ?? CHUNK_CELLS);
    return {
      grid,
      sheetNames: visibleSheetNames(sheets.items),
      activeSheet: active.name,
      store: (await store.load()).data,
    };
  }, sheetName);
}

/**
 * Reads several sheets for cross-sheet checks. A first cheap sync learns each
 * used range's size; the sheets' windows are then read together in as few
 * syncs as keep each response within CHUNK_CELLS cells (Excel on the web
 * refuses responses over 5 MB), plus bands for sheets larger than the window.
 */
export async function readSheets(
  names: readonly string[],
  options: { maxCells?: number } = {},
): Promise<Grid[]> {
  if (names.length === 0) return [];
  const maxCells = options.maxCells ?? CHUNK_CELLS;
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    const sizes = names.map((n) => {
      const used = sheets.getItem(n).getUsedRange(false);
      used.load(USED_PROPS);
      return used;
    });
    await context.sync();
    const windowCells = sizes.map((u) => {
      const rect: Rect = {
        top: u.rowIndex,
        left: u.columnIndex,
        bottom: u.rowIndex + u.rowCount - 1,
        right: u.columnIndex + u.columnCount - 1,
      };
      const inWindow = intersect(rect, READ_WINDOW);
      return inWindow ? area(inWindow) : 0;
    });
    const groups: number[][] = [];
    let current: number[] = [];
    let cells = 0;
    names.forEach((_, i) => {
      if (current.length > 0 && cells + windowCells[i]! > maxCells) {
        groups.push(current);
        current = [];
        cells = 0;
      }
      current.push(i);
      cells += windowCells[i]!;
    });
    if (current.length > 0) groups.push(current);

    const grids: Grid[] = new Array(names.length);
    for (const group of groups) {
      const queued = group.map((i) => ({ i, q: queueSheet(sheets.getItem(names[i]!), names[i]) }));
      await context.sync();
      for (const { i, q } of queued) grids[i] = await finishSheet(context, q, maxCells);
    }
    return grids;
  }, names.join('”, ”'));
}
