/**
 * Reading an .xlsx file: straight into sparse grids for the checks (the
 * command line's `validera`), or into the in-memory workbook model for what
 * edits and shows a workbook (the simulated host, `berakna`, the workbench).
 * One streaming reader serves both (readPackage.ts unzips within limits,
 * readParts.ts parses), so both see the same values: cached formula results
 * as stored (0 included), dates as serial numbers, text as text.
 *
 * No file system here; callers hand over the bytes.
 */
import { GridBuilder, type Cell, type Grid } from '../core/grid';
import { formatSwedish } from '../core/numbers';
import type { CellData, SheetModel, SheetVisibility, WorkbookModel } from '../workbook/model';
import { cellKey, parseCellKey } from '../workbook/model';
import { READ_MESSAGES, XlsxReadError, checkXlsxSignature } from './errors';
import { READ_LIMITS, XlsxPackage, type ReadLimits } from './readPackage';
import {
  forEachMergeFollower,
  readSharedStrings,
  readStyles,
  readWorkbookInfo,
  readWorksheet,
  type CellSink,
  type CellStyle,
  type MergeRange,
  type SheetEntry,
  type SheetState,
} from './readParts';

export { dateToSerial } from './readParts';
export { READ_LIMITS, type ReadLimits } from './readPackage';

type Bytes = ArrayBuffer | Uint8Array;

export interface ReadOptions {
  limits?: ReadLimits;
  /** The file's name, so a text file called .csv is called a CSV file. */
  fileName?: string;
}

export interface SheetInfo {
  name: string;
  visibility: SheetVisibility;
}

export interface GridWorkbook {
  /** Every worksheet in tab order. */
  sheets: SheetInfo[];
  activeSheet: string;
  /** The grids of the sheets that were asked for, by sheet name as the workbook spells it. */
  grids: Map<string, Grid>;
}

function toUint8(data: Bytes): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function visibility(state: SheetState): SheetVisibility {
  if (state === 'veryHidden') return 'VeryHidden';
  if (state === 'hidden') return 'Hidden';
  return 'Visible';
}

/** Counts stored cells over a whole read and stops it past the limit. */
class CellBudget {
  private used = 0;

  constructor(private readonly max: number) {}

  take(): void {
    if (++this.used > this.max) {
      const n = formatSwedish(this.max);
      throw new XlsxReadError(
        'too_large',
        `Arbetsboken har fler än ${n} ifyllda eller formaterade celler; Budgetkoll läser högst ${n}. ` +
          'Dela upp arbetsboken eller ta bort tomma formaterade områden och försök igen.',
      );
    }
  }
}

class GridSink implements CellSink {
  private readonly builder: GridBuilder;
  private ranges: readonly MergeRange[] = [];

  constructor(
    private readonly sheet: string,
    private readonly styles: readonly CellStyle[],
    private readonly budget: CellBudget,
  ) {
    this.builder = new GridBuilder(sheet);
  }

  cell(
    row: number,
    col: number,
    value: number | string | boolean | null,
    error: boolean,
    formula: string | undefined,
    style: number,
  ): void {
    const fmt = this.styles[style]?.numberFormat;
    const v = value === '' && formula === undefined ? null : value;
    if (v === null && formula === undefined && fmt === undefined) return;
    const cell: Cell = { v };
    if (formula !== undefined) cell.f = formula;
    if (fmt !== undefined) cell.fmt = fmt;
    if (error) cell.err = true;
    this.budget.take();
    this.builder.set(row, col, cell);
  }

  merges(ranges: readonly MergeRange[]): void {
    this.ranges = ranges;
  }

  build(): Grid {
    const grid = this.builder.build();
    if (this.ranges.length === 0) return grid;
    const followers = new Set<string>();
    forEachMergeFollower(this.ranges, grid.rows, (row, col) => followers.add(`${row},${col}`));
    if (followers.size === 0) return grid;
    // Excel shows a merged range's value in its first cell only; the others keep their format.
    const b = new GridBuilder(this.sheet);
    for (const r of grid.rows) {
      for (let k = 0; k < r.cols.length; k++) {
        const c = r.cols[k]!;
        const cell = r.cells[k]!;
        b.set(
          r.index,
          c,
          followers.has(`${r.index},${c}`) ? (cell.fmt ? { v: null, fmt: cell.fmt } : { v: null }) : cell,
        );
      }
    }
    return b.build();
  }
}

class ModelSink implements CellSink {
  constructor(
    private readonly sheet: SheetModel,
    private readonly styles: readonly CellStyle[],
    private readonly budget: CellBudget,
  ) {}

  cell(
    row: number,
    col: number,
    value: number | string | boolean | null,
    error: boolean,
    formula: string | undefined,
    style: number,
  ): void {
    const s = this.styles[style];
    const hasValue = formula !== undefined || (value !== null && value !== '');
    const hasFormat = s !== undefined && (s.numberFormat || s.fill || s.bold || s.italic || s.fontColor);
    if (!hasValue && !hasFormat) return;
    const data: CellData = { value };
    if (formula !== undefined) data.formula = formula;
    if (error) data.error = true;
    if (s?.numberFormat) data.numberFormat = s.numberFormat;
    if (s?.fill) data.fill = s.fill;
    if (s?.bold) data.bold = true;
    if (s?.italic) data.italic = true;
    if (s?.fontColor) data.fontColor = s.fontColor;
    this.budget.take();
    this.sheet.cells.set(cellKey(row, col), data);
  }

  merges(ranges: readonly MergeRange[]): void {
    if (ranges.length === 0) return;
    const rows = new Map<number, number[]>();
    for (const key of this.sheet.cells.keys()) {
      const { row, col } = parseCellKey(key);
      let cols = rows.get(row);
      if (!cols) rows.set(row, (cols = []));
      cols.push(col);
    }
    const sorted = [...rows].map(([index, cols]) => ({ index, cols })).sort((a, b) => a.index - b.index);
    forEachMergeFollower(ranges, sorted, (row, col) => {
      const key = cellKey(row, col);
      const data = this.sheet.cells.get(key)!;
      delete data.formula;
      delete data.error;
      data.value = null;
      if (!data.numberFormat && !data.fill && !data.bold && !data.italic && !data.fontColor)
        this.sheet.cells.delete(key);
    });
  }

  widths(widths: Map<number, number>): void {
    this.sheet.columnWidths = new Map(widths);
  }

  protection(): void {
    this.sheet.protected = true;
  }
}

interface OpenedWorkbook {
  pkg: XlsxPackage;
  sheets: SheetEntry[];
  activeSheet: string;
  date1904: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
  structureProtected: boolean;
}

async function openWorkbook(data: Bytes, options: ReadOptions): Promise<OpenedWorkbook> {
  const bytes = toUint8(data);
  checkXlsxSignature(bytes, options.fileName);
  const pkg = await XlsxPackage.open(bytes, options.limits ?? READ_LIMITS);
  const main = await pkg.workbookPart();
  const info = await readWorkbookInfo(pkg, main);
  if (info.sheets.length === 0) throw new XlsxReadError('not_xlsx', READ_MESSAGES.noSheets);
  const active =
    info.sheets.find((s) => s.name === info.activeSheet) ??
    info.sheets.find((s) => s.state === 'visible') ??
    info.sheets[0]!;
  return { pkg, ...info, activeSheet: active.name };
}

/**
 * Reads the sheets `select` picks (from the list of every worksheet) into
 * sparse grids; the others are not parsed at all.
 */
export async function readXlsxGrids(
  data: Bytes,
  select: (sheets: readonly SheetInfo[]) => readonly string[],
  options: ReadOptions = {},
): Promise<GridWorkbook> {
  const wb = await openWorkbook(data, options);
  const sheets = wb.sheets.map((s) => ({ name: s.name, visibility: visibility(s.state) }));
  const wanted = new Set(select(sheets));
  const grids = new Map<string, Grid>();
  const chosen = wb.sheets.filter((s) => wanted.has(s.name));
  if (chosen.length) {
    const [strings, styles] = [
      await readSharedStrings(wb.pkg, wb.sharedStringsPart),
      await readStyles(wb.pkg, wb.stylesPart),
    ];
    const budget = new CellBudget(wb.pkg.limits.maxCells);
    for (const s of chosen) {
      const sink = new GridSink(s.name, styles, budget);
      await readWorksheet(wb.pkg, s.part, sink, { sharedStrings: strings, date1904: wb.date1904 });
      grids.set(s.name, sink.build());
    }
  }
  return { sheets, activeSheet: wb.activeSheet, grids };
}

/** Reads an .xlsx file into the in-memory workbook model. Throws XlsxReadError for anything that is not a readable .xlsx. */
export async function readXlsx(data: Bytes, options: ReadOptions = {}): Promise<WorkbookModel> {
  const wb = await openWorkbook(data, options);
  const strings = await readSharedStrings(wb.pkg, wb.sharedStringsPart);
  const styles = await readStyles(wb.pkg, wb.stylesPart);
  const budget = new CellBudget(wb.pkg.limits.maxCells);
  const sheets: SheetModel[] = [];
  for (const s of wb.sheets) {
    const sheet: SheetModel = { name: s.name, visibility: visibility(s.state), cells: new Map() };
    await readWorksheet(wb.pkg, s.part, new ModelSink(sheet, styles, budget), {
      sharedStrings: strings,
      date1904: wb.date1904,
    });
    sheets.push(sheet);
  }
  const model: WorkbookModel = { sheets, activeSheet: wb.activeSheet };
  if (wb.structureProtected) model.structureProtected = true;
  return model;
}
