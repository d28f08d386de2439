/** Range and its format objects in the simulated Excel API. */

import {
  cellKey,
  getCellData,
  parseCellKey,
  setCellData,
  type CellData,
  type SheetModel,
} from '../workbook/model';
import { MAX_COLUMNS, MAX_ROWS } from '../workbook/recalc';
import {
  checkReadable,
  forEachCell,
  formatAddress,
  matrix,
  intersect,
  isInGrid,
  parseLocalAddress,
  splitSheet,
  type RangeTarget,
  type Rect,
} from './address';
import {
  cellFormula,
  cellNumberFormat,
  cellText,
  cellValue,
  cellValueType,
  contentFromInput,
  macNumberFormat,
  normalizeColor,
} from './cells';
import { ClientObject, queueResult, type ClientResult, type Execution, type RequestContext } from './context';
import { ErrorCodes, HostError, invalidArgument } from './errors';
import { RangeFormat } from './format';
import { applyShift, checkShift, inheritFormats } from './refShift';
import { assertUnprotected } from './protection';
import { sheetOf, Worksheet } from './workbook';
import { RangeAreas, TableCollection, areasOfCells, tablesIn } from './sheetObjects';

type Resolver = (exec: Execution) => RangeTarget | null;

const RANGE_PROPERTIES = [
  'address',
  'addressLocal',
  'rowIndex',
  'columnIndex',
  'rowCount',
  'columnCount',
  'cellCount',
  'values',
  'formulas',
  'numberFormat',
  'valueTypes',
  'text',
  'isEntireRow',
  'isEntireColumn',
] as const;

/** Input for a range setter: a 2D array of the range's size, or one value for every cell (as Excel allows). */
function inputAt<T>(input: T | T[][], t: Rect, location: string): (row: number, col: number) => T {
  if (!Array.isArray(input)) return () => input;
  const rows = t.bottom - t.top + 1;
  const cols = t.right - t.left + 1;
  const sameShape =
    input.length === rows && input.every((line) => Array.isArray(line) && line.length === cols);
  if (!sameShape) {
    throw invalidArgument(
      location,
      "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
    );
  }
  return (row, col) => input[row - t.top]![col - t.left]!;
}

/** One loaded property of a range, as Excel reports it. */
function readRangeProperty(exec: Execution, t: RangeTarget, property: string, path: string): unknown {
  const sheet = sheetOf(exec, t.sheet, path);
  const cell = (r: number, c: number): CellData | undefined => getCellData(sheet, r, c);
  switch (property) {
    case 'address':
    case 'addressLocal':
      return formatAddress({ ...t, sheet: sheet.name });
    case 'rowIndex':
      return t.top;
    case 'columnIndex':
      return t.left;
    case 'rowCount':
      return t.bottom - t.top + 1;
    case 'columnCount':
      return t.right - t.left + 1;
    case 'cellCount':
      return (t.bottom - t.top + 1) * (t.right - t.left + 1);
    case 'isEntireRow':
      return t.left === 0 && t.right === MAX_COLUMNS - 1;
    case 'isEntireColumn':
      return t.top === 0 && t.bottom === MAX_ROWS - 1;
  }
  checkReadable(t, path);
  exec.ensureCalculated();
  switch (property) {
    case 'values':
      return matrix(t, (r, c) => cellValue(cell(r, c)));
    case 'formulas':
      return matrix(t, (r, c) => cellFormula(cell(r, c)));
    case 'numberFormat':
      if (exec.host.options.platform === 'Mac')
        return matrix(t, (r, c) => macNumberFormat(cellNumberFormat(cell(r, c))));
      return matrix(t, (r, c) => cellNumberFormat(cell(r, c)));
    case 'valueTypes':
      return matrix(t, (r, c) => cellValueType(cell(r, c)));
    case 'text':
      return matrix(t, (r, c) => cellText(cell(r, c), exec.host.culture));
  }
  throw invalidArgument(path, `Unknown property '${property}'.`);
}

export class Range extends ClientObject {
  readonly format: RangeFormat;

  constructor(context: RequestContext, path: string, resolver: Resolver, nullable = false) {
    super(context, path, resolver, nullable);
    this.format = new RangeFormat(this);
  }

  protected scalarProperties(): readonly string[] {
    return RANGE_PROPERTIES;
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'worksheet') return this.worksheet;
    return undefined;
  }

  /** @internal */
  target(exec: Execution): RangeTarget {
    return this.require<RangeTarget>(exec);
  }

  /** @internal */
  sheetModel(exec: Execution): SheetModel {
    return sheetOf(exec, this.target(exec).sheet, this.path);
  }

  /** @internal The sheet, for a command that changes it: a protected sheet refuses (stricter than Excel's unlocked cells). */
  editableSheet(exec: Execution): SheetModel {
    const sheet = this.sheetModel(exec);
    assertUnprotected(sheet, this.path);
    return sheet;
  }

  /** @internal One property of any rectangle, as a loaded Range would report it (RangeAreas items). */
  static readFor(exec: Execution, target: RangeTarget, property: string): unknown {
    return readRangeProperty(exec, target, property, 'RangeAreas.areas');
  }

  /** @internal Fills loaded values (collection loads). */
  fill(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }

  protected readProperty(exec: Execution, target: unknown, property: string): unknown {
    return readRangeProperty(exec, target as RangeTarget, property, this.path);
  }

  get address(): string {
    return this.get('address');
  }
  get addressLocal(): string {
    return this.get('addressLocal');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
  get isEntireRow(): boolean {
    return this.get('isEntireRow');
  }
  get isEntireColumn(): boolean {
    return this.get('isEntireColumn');
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get text(): string[][] {
    return this.get('text');
  }

  get values(): unknown[][] {
    return this.get('values');
  }
  set values(input: unknown) {
    this.set('values', input, (exec) => this.writeContents(exec, input, 'values'));
  }

  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  set formulas(input: unknown) {
    this.set('formulas', input, (exec) => this.writeContents(exec, input, 'formulas'));
  }

  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(input: unknown) {
    this.set('numberFormat', input, (exec) => {
      const t = this.target(exec);
      const sheet = this.editableSheet(exec);
      const at = inputAt(input, t, this.path);
      forEachCell(t, (r, c) => {
        const fmt = at(r, c);
        if (fmt === null || fmt === undefined) return;
        if (typeof fmt !== 'string') throw invalidArgument(this.path, 'A number format must be a string.');
        setCellData(sheet, r, c, { numberFormat: fmt === 'General' ? undefined : fmt });
      });
      exec.markDirty();
    });
  }

  private writeContents(exec: Execution, input: unknown, property: string): void {
    const t = this.target(exec);
    const sheet = this.editableSheet(exec);
    const at = inputAt(input, t, `${this.path}.${property}`);
    forEachCell(t, (r, c) => {
      const content = contentFromInput(at(r, c), getCellData(sheet, r, c), `${this.path}.${property}`);
      if (content) setCellData(sheet, r, c, content);
    });
    exec.markDirty();
  }

  get worksheet(): Worksheet {
    return new Worksheet(this.context, `${this.path}.worksheet`, (exec) => this.target(exec).sheet);
  }

  private derived(
    path: string,
    rect: (t: RangeTarget, exec: Execution) => Rect | null,
    nullable = false,
  ): Range {
    return new Range(
      this.context,
      `${this.path}.${path}`,
      (exec) => {
        const t = this.target(exec);
        const r = rect(t, exec);
        if (r === null) return null;
        if (!isInGrid(r))
          throw invalidArgument(`${this.path}.${path}`, 'The resulting range is outside the worksheet.');
        return { sheet: t.sheet, ...r };
      },
      nullable,
    );
  }

  /** A cell relative to this range's top-left; it may lie outside the range, as in Excel. */
  getCell(row: number, column: number): Range {
    return this.derived(`getCell(${row},${column})`, (t) => ({
      top: t.top + row,
      left: t.left + column,
      bottom: t.top + row,
      right: t.left + column,
    }));
  }

  getRow(row: number): Range {
    return this.derived(`getRow(${row})`, (t) => {
      if (row < 0 || t.top + row > t.bottom) throw invalidArgument(this.path, 'Row index outside the range.');
      return { ...t, top: t.top + row, bottom: t.top + row };
    });
  }

  getColumn(column: number): Range {
    return this.derived(`getColumn(${column})`, (t) => {
      if (column < 0 || t.left + column > t.right)
        throw invalidArgument(this.path, 'Column index outside the range.');
      return { ...t, left: t.left + column, right: t.left + column };
    });
  }

  getEntireRow(): Range {
    return this.derived('getEntireRow()', (t) => ({
      top: t.top,
      bottom: t.bottom,
      left: 0,
      right: MAX_COLUMNS - 1,
    }));
  }

  getEntireColumn(): Range {
    return this.derived('getEntireColumn()', (t) => ({
      top: 0,
      bottom: MAX_ROWS - 1,
      left: t.left,
      right: t.right,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (t) => ({
      top: t.top,
      left: t.left,
      bottom: t.bottom + deltaRows,
      right: t.right + deltaColumns,
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, (t) => ({
      top: t.top + rowOffset,
      left: t.left + columnOffset,
      bottom: t.bottom + rowOffset,
      right: t.right + columnOffset,
    }));
  }

  private otherRect(exec: Execution, t: RangeTarget, other: Range | string): RangeTarget {
    if (typeof other !== 'string') return other.target(exec);
    const { sheet, local } = splitSheet(other);
    const rect = parseLocalAddress(local);
    if (!rect) throw invalidArgument(this.path, `Invalid address '${other}'.`);
    return { sheet: sheet ?? t.sheet, ...rect };
  }

  getIntersectionOrNullObject(other: Range | string): Range {
    return this.derived(
      'getIntersectionOrNullObject()',
      (t, exec) => {
        const o = this.otherRect(exec, t, other);
        if (o.sheet.toLowerCase() !== t.sheet.toLowerCase()) return null;
        return intersect(t, o) ?? null;
      },
      true,
    );
  }

  getIntersection(other: Range | string): Range {
    return this.derived('getIntersection()', (t, exec) => {
      const o = this.otherRect(exec, t, other);
      const r = o.sheet.toLowerCase() === t.sheet.toLowerCase() ? intersect(t, o) : undefined;
      if (!r) throw invalidArgument(this.path, 'The ranges do not intersect.');
      return r;
    });
  }

  getBoundingRect(other: Range | string): Range {
    return this.derived('getBoundingRect()', (t, exec) => {
      const o = this.otherRect(exec, t, other);
      if (o.sheet.toLowerCase() !== t.sheet.toLowerCase()) {
        throw invalidArgument(this.path, 'The ranges are on different worksheets.');
      }
      return {
        top: Math.min(t.top, o.top),
        left: Math.min(t.left, o.left),
        bottom: Math.max(t.bottom, o.bottom),
        right: Math.max(t.right, o.right),
      };
    });
  }

  /**
   * Inserts blank cells here, moving existing cells right or down; returns the inserted range.
   * Like Excel, the inserted cells take the formatting of the cells left of (or above) them,
   * and the insert fails when it would split an Excel table, a filter or a merged area, or
   * push a non-empty cell off the sheet.
   */
  insert(shift: 'Right' | 'Down' | string): Range {
    this.queueWrite({ op: 'insert', shift }, (exec) => {
      if (shift !== 'Right' && shift !== 'Down')
        throw invalidArgument(this.path, `Invalid shift '${shift}'.`);
      const t = this.target(exec);
      const sheet = this.editableSheet(exec);
      const edit = {
        sheet: t.sheet,
        mode: 'insert',
        axis: shift === 'Right' ? 'columns' : 'rows',
        rect: t,
      } as const;
      checkShift(sheet, edit, this.path);
      applyShift(exec.wb, edit);
      inheritFormats(sheet, edit);
      exec.markDirty();
    });
    return new Range(this.context, `${this.path}.insert(${shift})`, (exec) => this.target(exec));
  }

  delete(shift: 'Left' | 'Up' | string): void {
    this.queueWrite({ op: 'delete', shift }, (exec) => {
      if (shift !== 'Left' && shift !== 'Up') throw invalidArgument(this.path, `Invalid shift '${shift}'.`);
      const t = this.target(exec);
      const sheet = this.editableSheet(exec);
      const edit = {
        sheet: t.sheet,
        mode: 'delete',
        axis: shift === 'Left' ? 'columns' : 'rows',
        rect: t,
      } as const;
      checkShift(sheet, edit, this.path);
      applyShift(exec.wb, edit);
      exec.markDirty();
    });
  }

  /** Clears contents, formats or both ('All', the default). */
  clear(
    applyTo:
      'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks' | 'ResetContents' | string = 'All',
  ): void {
    this.queueWrite({ op: 'clear', applyTo }, (exec) => {
      const known = ['All', 'Formats', 'Contents', 'Hyperlinks', 'RemoveHyperlinks', 'ResetContents'];
      if (!known.includes(applyTo)) throw invalidArgument(this.path, `Invalid applyTo '${applyTo}'.`);
      const t = this.target(exec);
      const sheet = this.editableSheet(exec);
      const contents = applyTo === 'All' || applyTo === 'Contents' || applyTo === 'ResetContents';
      const formats = applyTo === 'All' || applyTo === 'Formats';
      for (const key of [...sheet.cells.keys()]) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        if (r < t.top || r > t.bottom || c < t.left || c > t.right) continue;
        if (contents) setCellData(sheet, r, c, { value: null, formula: undefined, error: undefined });
        if (formats) {
          setCellData(sheet, r, c, {
            numberFormat: undefined,
            fill: undefined,
            bold: undefined,
            italic: undefined,
            fontColor: undefined,
            quotePrefix: undefined,
          });
        }
      }
      exec.markDirty();
    });
  }

  /** Selects the range (activating its sheet); the host records it in state.selection. */
  select(): void {
    this.queueWrite({ op: 'select' }, (exec) => {
      const t = this.target(exec);
      const sheet = this.sheetModel(exec);
      if (sheet.visibility !== 'Visible') {
        throw new HostError(
          ErrorCodes.invalidOperation,
          'A range on a hidden worksheet cannot be selected.',
          this.path,
        );
      }
      exec.wb.activeSheet = sheet.name;
      const selection = { sheet: sheet.name, address: formatAddress({ ...t, sheet: sheet.name }) };
      exec.selection = selection;
      exec.changed = true;
      exec.effects.push(() => exec.host.options.onSelect?.(selection));
    });
  }

  /**
   * The cells of this range that hold constants or formulas, as areas (ExcelApi 1.9). Fails with
   * ItemNotFound when there are none, as Excel does; getSpecialCellsOrNullObject gives a null object.
   */
  getSpecialCells(cellType: string, cellValueType?: string): RangeAreas {
    return this.specialCells(cellType, cellValueType, false);
  }

  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): RangeAreas {
    return this.specialCells(cellType, cellValueType, true);
  }

  private specialCells(cellType: string, cellValueType: string | undefined, nullable: boolean): RangeAreas {
    const path = `${this.path}.getSpecialCells${nullable ? 'OrNullObject' : ''}(${cellType})`;
    return new RangeAreas(
      this.context,
      path,
      (exec) => {
        if (cellType !== 'Constants' && cellType !== 'Formulas')
          throw new HostError(
            ErrorCodes.notImplemented,
            `The host has no special cells of type ${cellType}.`,
            path,
          );
        if (cellValueType !== undefined && cellValueType !== 'All')
          throw new HostError(
            ErrorCodes.notImplemented,
            `The host cannot filter special cells by ${cellValueType}.`,
            path,
          );
        const t = this.target(exec);
        const sheet = this.sheetModel(exec);
        exec.ensureCalculated();
        const cells: { row: number; col: number }[] = [];
        for (const [key, cell] of sheet.cells) {
          const isFormula = cell.formula !== undefined;
          const hasConstant =
            !isFormula && cell.value !== null && (cell.value !== '' || cell.quotePrefix === true);
          if (cellType === 'Formulas' ? !isFormula : !hasConstant) continue;
          const { row, col } = parseCellKey(key);
          if (row >= t.top && row <= t.bottom && col >= t.left && col <= t.right) cells.push({ row, col });
        }
        if (cells.length === 0) {
          if (nullable) return null;
          throw new HostError(ErrorCodes.itemNotFound, 'No cells were found.', path);
        }
        cells.sort((a, b) => a.row - b.row || a.col - b.col);
        return { sheet: t.sheet, rects: areasOfCells(cells) };
      },
      nullable,
    );
  }

  /** The merged areas that touch this range, whole (ExcelApi 1.13); a null object when there are none. */
  getMergedAreasOrNullObject(): RangeAreas {
    const path = `${this.path}.getMergedAreasOrNullObject()`;
    return new RangeAreas(
      this.context,
      path,
      (exec) => {
        const t = this.target(exec);
        const merges = (this.sheetModel(exec).merges ?? []).filter((m) => intersect(m, t));
        return merges.length ? { sheet: t.sheet, rects: merges.map((m) => ({ ...m })) } : null;
      },
      true,
    );
  }

  /** Merge & Center: one merged area (or one per row with `across`); like Excel, only the top-left value stays. */
  merge(across = false): void {
    this.queueWrite({ op: 'merge', across }, (exec) => {
      const t = this.target(exec);
      const sheet = this.editableSheet(exec);
      const areas = across
        ? Array.from({ length: t.bottom - t.top + 1 }, (_, i) => ({
            ...t,
            top: t.top + i,
            bottom: t.top + i,
          }))
        : [{ top: t.top, left: t.left, bottom: t.bottom, right: t.right }];
      const merges = (sheet.merges ?? []).filter((m) => !intersect(m, t));
      for (const a of areas) {
        if (a.left === a.right && a.top === a.bottom) continue;
        merges.push(a);
        forEachCell(a, (r, c) => {
          if (r !== a.top || c !== a.left)
            setCellData(sheet, r, c, { value: null, formula: undefined, error: undefined });
        });
      }
      sheet.merges = merges;
      exec.markDirty();
    });
  }

  unmerge(): void {
    this.queueWrite({ op: 'unmerge' }, (exec) => {
      const t = this.target(exec);
      const sheet = this.editableSheet(exec);
      sheet.merges = (sheet.merges ?? []).filter((m) => !intersect(m, t));
      exec.changed = true;
    });
  }

  /** The Excel tables that overlap this range (ExcelApi 1.9); with fullyContained, those inside it. */
  getTables(fullyContained = false): TableCollection {
    let rect: Rect | undefined;
    return new TableCollection(
      this.context,
      `${this.path}.getTables(${fullyContained})`,
      (exec) => {
        const t = this.target(exec);
        rect = t;
        return t.sheet;
      },
      (_exec, tables) => tablesIn(rect!, fullyContained)(_exec, tables),
    );
  }

  getCellProperties(loadOptions: CellPropertiesLoadOptions): ClientResult<CellProperties[][]> {
    return queueResult(this.context, { path: this.path, op: 'getCellProperties', loadOptions }, (exec) => {
      const t = this.target(exec);
      checkReadable(t, this.path);
      const sheet = this.sheetModel(exec);
      return matrix(t, (r, c) => cellProperties(sheet, r, c, loadOptions));
    });
  }

  setCellProperties(values: SettableCellProperties[][]): void {
    this.queueWrite({ op: 'setCellProperties', values }, (exec) => {
      const t = this.target(exec);
      const sheet = this.editableSheet(exec);
      const at = inputAt<SettableCellProperties>(values, t, `${this.path}.setCellProperties`);
      forEachCell(t, (r, c) => {
        const props = at(r, c);
        if (!props) return;
        const fill = props.format?.fill;
        const font = props.format?.font;
        const update: Partial<CellData> = {};
        if (fill?.color !== undefined) update.fill = normalizeColor(fill.color, this.path);
        if (fill?.pattern === 'None') update.fill = undefined;
        if (font?.bold !== undefined) update.bold = font.bold || undefined;
        if (font?.italic !== undefined) update.italic = font.italic || undefined;
        if (font?.color !== undefined) update.fontColor = normalizeColor(font.color, this.path);
        setCellData(sheet, r, c, update);
      });
      exec.changed = true;
    });
  }
}

export interface CellPropertiesLoadOptions {
  address?: boolean;
  addressLocal?: boolean;
  format?: {
    fill?: { color?: boolean; pattern?: boolean };
    font?: { bold?: boolean; italic?: boolean; color?: boolean };
  };
}

export interface CellProperties {
  address?: string;
  addressLocal?: string;
  format?: {
    fill?: { color?: string; pattern?: 'None' | 'Solid' };
    font?: { bold?: boolean; italic?: boolean; color?: string };
  };
}

export interface SettableCellProperties {
  format?: {
    fill?: { color?: string; pattern?: 'None' | 'Solid' };
    font?: { bold?: boolean; italic?: boolean; color?: string };
  };
}

/** One cell's properties as Excel reports them: no fill reads as white with pattern 'None'. */
function cellProperties(
  sheet: SheetModel,
  row: number,
  col: number,
  opts: CellPropertiesLoadOptions,
): CellProperties {
  const cell = sheet.cells.get(cellKey(row, col));
  const out: CellProperties = {};
  if (opts.address)
    out.address = formatAddress({ sheet: sheet.name, top: row, left: col, bottom: row, right: col });
  if (opts.addressLocal)
    out.addressLocal = formatAddress({ sheet: sheet.name, top: row, left: col, bottom: row, right: col });
  const fillOpts = opts.format?.fill;
  const fontOpts = opts.format?.font;
  if (fillOpts || fontOpts) {
    out.format = {};
    if (fillOpts) {
      out.format.fill = {};
      if (fillOpts.color) out.format.fill.color = cell?.fill ?? '#FFFFFF';
      // Reported whenever fill is requested, so callers can tell "no fill" from a white fill.
      out.format.fill.pattern = cell?.fill ? 'Solid' : 'None';
    }
    if (fontOpts) {
      out.format.font = {};
      if (fontOpts.bold) out.format.font.bold = cell?.bold ?? false;
      if (fontOpts.italic) out.format.font.italic = cell?.italic ?? false;
      if (fontOpts.color) out.format.font.color = cell?.fontColor ?? '#000000';
    }
  }
  return out;
}
