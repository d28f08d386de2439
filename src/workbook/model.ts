/**
 * An in-memory workbook: what the .xlsx adapter reads and writes, what the
 * simulated Excel host serves to the add-in, and what the workbench draws.
 * It holds data only; formula results are filled in by `recalculate`.
 */

import { cloneChart, type CellStyle, type ChartModel } from './sheetLayout';

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface CellData {
  /** Constant value, or the last computed result of `formula`. Error results are strings like "#REF!". */
  value: number | string | boolean | null;
  /** Formula with leading "=" in invariant (English) syntax. */
  formula?: string;
  /** True when `value` is an error value. */
  error?: boolean;
  numberFormat?: string;
  /** Fill colour as "#RRGGBB"; absent = no fill. */
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font colour as "#RRGGBB"; absent = automatic. */
  fontColor?: string;
  /** Borders, alignment, wrap, indent and font size (report tabs). */
  style?: CellStyle;
  /**
   * Text entered with Excel's apostrophe prefix ('=Summa, '0123): the cell shows and reads as text
   * and Excel remembers the prefix as part of the cell's format.
   */
  quotePrefix?: boolean;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** An Excel table (Insert > Table): a named rectangle whose first row holds the headers. */
export interface TableModel extends Rect {
  name: string;
}

/** The worksheet's AutoFilter (Data > Filter): its range, and whether criteria hide rows. */
export interface AutoFilterModel extends Rect {
  filtered: boolean;
}

export interface SheetModel {
  name: string;
  visibility: SheetVisibility;
  /** Key: "row,col" (0-based). Only non-empty cells are stored. */
  cells: Map<string, CellData>;
  /** Column widths in Excel character units, by 0-based column. */
  columnWidths?: Map<number, number>;
  /** How the sheet prints, when Budgetkoll set it (the sample workbook, generated report tabs). */
  pageSetup?: PageSetup;
  /** Rows and columns frozen at the top and left (View > Freeze Panes). */
  freeze?: { rows: number; columns: number };
  /** Row heights in points, by 0-based row. */
  rowHeights?: Map<number, number>;
  /** Defined names scoped to this sheet: name → formula ("=Blad1!$A$1", "=\"text\""). */
  names?: Map<string, string>;
  /** Chart objects on the sheet. */
  charts?: ChartModel[];
  /** Excel tables on the sheet. */
  tables?: TableModel[];
  /** Merged areas (Merge & Center); the top-left cell holds the content. */
  merges?: Rect[];
  autoFilter?: AutoFilterModel;
  /** Review > Protect Sheet: cells cannot be changed. */
  protected?: boolean;
}

/** Print settings: paper, orientation, fit to pages, and header rows repeated on every page. */
export interface PageSetup {
  paper: 'A4';
  orientation: 'landscape' | 'portrait';
  /** Pages wide the sheet is scaled to fit; 0 = as many as it takes. */
  fitToWidth: number;
  /** Pages tall; 0 = as many as it takes. */
  fitToHeight: number;
  /** 0-based first and last row repeated at the top of every page. */
  printTitleRows?: [number, number];
  /** What prints (0-based, inclusive); absent = the used range. */
  printArea?: { top: number; left: number; bottom: number; right: number };
  centerHorizontally?: boolean;
  /** 0-based rows a printed page starts with (Page Layout > Breaks). */
  rowBreaks?: number[];
}

export interface WorkbookModel {
  sheets: SheetModel[];
  /** Name of the active sheet. */
  activeSheet: string;
  /** Review > Protect Workbook: sheets cannot be added, deleted, renamed, hidden or shown. */
  structureProtected?: boolean;
}

export function cellKey(row: number, col: number): string {
  return `${row},${col}`;
}

export function parseCellKey(key: string): { row: number; col: number } {
  const [r, c] = key.split(',');
  return { row: Number(r), col: Number(c) };
}

export function createSheet(name: string, visibility: SheetVisibility = 'Visible'): SheetModel {
  return { name, visibility, cells: new Map() };
}

export function createWorkbook(names: string[] = ['Blad1']): WorkbookModel {
  return { sheets: names.map((n) => createSheet(n)), activeSheet: names[0] ?? 'Blad1' };
}

export function findSheet(wb: WorkbookModel, name: string): SheetModel | undefined {
  const lower = name.toLowerCase();
  return wb.sheets.find((s) => s.name.toLowerCase() === lower);
}

export function getCellData(sheet: SheetModel, row: number, col: number): CellData | undefined {
  return sheet.cells.get(cellKey(row, col));
}

function isEmptyCell(c: CellData): boolean {
  return (
    (c.value === null || c.value === '') &&
    c.formula === undefined &&
    c.numberFormat === undefined &&
    c.fill === undefined &&
    !c.bold &&
    !c.italic &&
    c.fontColor === undefined &&
    c.style === undefined &&
    !c.quotePrefix
  );
}

/** Sets (merges) cell data; removes the cell when nothing remains. */
export function setCellData(sheet: SheetModel, row: number, col: number, data: Partial<CellData>): void {
  const key = cellKey(row, col);
  const prev = sheet.cells.get(key) ?? { value: null };
  const next: CellData = { ...prev, ...data };
  for (const k of Object.keys(next) as (keyof CellData)[]) if (next[k] === undefined) delete next[k];
  if (isEmptyCell(next)) sheet.cells.delete(key);
  else sheet.cells.set(key, next);
}

/** The bounding box of non-empty cells, or undefined for an empty sheet. */
export function usedBounds(
  sheet: SheetModel,
  valuesOnly = false,
): { top: number; left: number; bottom: number; right: number } | undefined {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [key, c] of sheet.cells) {
    if (valuesOnly && c.formula === undefined && (c.value === null || c.value === '')) continue;
    const { row, col } = parseCellKey(key);
    if (row < top) top = row;
    if (row > bottom) bottom = row;
    if (col < left) left = col;
    if (col > right) right = col;
  }
  return bottom < 0 ? undefined : { top, left, bottom, right };
}

export function cloneSheet(s: SheetModel): SheetModel {
  const copy: SheetModel = {
    name: s.name,
    visibility: s.visibility,
    cells: new Map([...s.cells].map(([k, v]) => [k, { ...v }])),
  };
  if (s.columnWidths) copy.columnWidths = new Map(s.columnWidths);
  if (s.pageSetup)
    copy.pageSetup = {
      ...s.pageSetup,
      ...(s.pageSetup.printTitleRows
        ? { printTitleRows: [...s.pageSetup.printTitleRows] as [number, number] }
        : {}),
    };
  if (s.tables) copy.tables = s.tables.map((t) => ({ ...t }));
  if (s.merges) copy.merges = s.merges.map((m) => ({ ...m }));
  if (s.autoFilter) copy.autoFilter = { ...s.autoFilter };
  if (s.protected) copy.protected = true;
  Object.assign(copy, cloneLayout(s));
  return copy;
}

export function cloneWorkbook(wb: WorkbookModel): WorkbookModel {
  const copy: WorkbookModel = { activeSheet: wb.activeSheet, sheets: wb.sheets.map(cloneSheet) };
  if (wb.structureProtected) copy.structureProtected = true;
  return copy;
}

/** Copies of the layout parts a batch may change (frozen panes, row heights, names, charts). */
function cloneLayout(s: SheetModel): Partial<SheetModel> {
  const out: Partial<SheetModel> = {};
  if (s.pageSetup?.printArea || s.pageSetup?.rowBreaks) {
    out.pageSetup = { ...s.pageSetup };
    if (s.pageSetup.printArea) out.pageSetup.printArea = { ...s.pageSetup.printArea };
    if (s.pageSetup.rowBreaks) out.pageSetup.rowBreaks = [...s.pageSetup.rowBreaks];
  }
  if (s.freeze) out.freeze = { ...s.freeze };
  if (s.rowHeights) out.rowHeights = new Map(s.rowHeights);
  if (s.names) out.names = new Map(s.names);
  if (s.charts) out.charts = s.charts.map(cloneChart);
  return out;
}
