/**
 * The plain-data picture of one worksheet that every core function works on.
 * Coordinates are 0-based and absolute (row 0, col 0 is A1), so a finding can
 * name its cell without knowing where the used range started.
 *
 * A grid is sparse: it holds the rows that have cells, and in each row only
 * the cells that exist. A sheet with a table in A1:H30 and one stray value in
 * XFD1048576 costs 31 rows, not a million times sixteen thousand cells.
 */

export type CellValue = number | string | boolean | null;

export interface Cell {
  /** What the cell shows: a number, text, a boolean, or null when empty. Error values are text such as "#REF!". */
  v: CellValue;
  /** The formula in Excel's invariant (English, comma-separated) syntax, with the leading "=". */
  f?: string;
  /** Number format code, e.g. "#,##0" or "0.0"; absent means General. */
  fmt?: string;
  /** True when the value is an Excel error (#REF!, #DIV/0!, #N/A, #VALUE!, #NAME?, ...). */
  err?: boolean;
}

export interface GridRow {
  /** Absolute 0-based row index. */
  readonly index: number;
  /** Absolute 0-based column of each cell, ascending. */
  readonly cols: readonly number[];
  readonly cells: readonly Cell[];
}

export interface Grid {
  readonly sheet: string;
  /** The rows that hold at least one cell, ascending by index. */
  readonly rows: readonly GridRow[];
}

export const EMPTY_CELL: Readonly<Cell> = Object.freeze({ v: null });

/** Row lookup by absolute index, built once per grid (grids are never mutated after building). */
const rowIndexCache = new WeakMap<Grid, Map<number, GridRow>>();

export function rowAt(grid: Grid, row: number): GridRow | undefined {
  let index = rowIndexCache.get(grid);
  if (!index) {
    index = new Map();
    for (const r of grid.rows) index.set(r.index, r);
    rowIndexCache.set(grid, index);
  }
  return index.get(row);
}

/** The cell at (col) of a row; binary search, with a direct hit when the row is contiguous. */
export function cellInRow(row: GridRow, col: number): Cell | undefined {
  const { cols, cells } = row;
  const n = cols.length;
  if (n === 0) return undefined;
  const first = cols[0]!;
  if (cols[n - 1]! - first === n - 1) {
    const k = col - first;
    return k >= 0 && k < n ? cells[k] : undefined;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cols[mid]!;
    if (c === col) return cells[mid];
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

export function cellAt(grid: Grid, row: number, col: number): Cell {
  const r = rowAt(grid, row);
  return (r && cellInRow(r, col)) ?? EMPTY_CELL;
}

/** Calls `fn` for every stored cell, row by row, left to right. */
export function forEachCell(grid: Grid, fn: (row: number, col: number, cell: Cell) => void): void {
  for (const r of grid.rows) {
    const { cols, cells, index } = r;
    for (let k = 0; k < cols.length; k++) fn(index, cols[k]!, cells[k]!);
  }
}

export interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The smallest rectangle around the stored cells, or undefined for an empty grid. */
export function gridBounds(grid: Grid): Bounds | undefined {
  if (grid.rows.length === 0) return undefined;
  let left = Infinity;
  let right = -Infinity;
  for (const r of grid.rows) {
    if (r.cols.length === 0) continue;
    left = Math.min(left, r.cols[0]!);
    right = Math.max(right, r.cols[r.cols.length - 1]!);
  }
  if (left === Infinity) return undefined;
  return { top: grid.rows[0]!.index, left, bottom: grid.rows[grid.rows.length - 1]!.index, right };
}

export function cellCount(grid: Grid): number {
  let n = 0;
  for (const r of grid.rows) n += r.cols.length;
  return n;
}

export function isBlank(cell: Cell): boolean {
  return cell.f === undefined && (cell.v === null || (typeof cell.v === 'string' && cell.v.trim() === ''));
}

/** A cell worth storing: it has a value, a formula, an error or a number format. */
export function hasContent(cell: Cell): boolean {
  return cell.v !== null || cell.f !== undefined || cell.fmt !== undefined || cell.err === true;
}

/**
 * Collects cells in any order and builds a sparse grid. Cells arriving row by
 * row, left to right (the usual case) are appended without sorting.
 */
export class GridBuilder {
  private readonly byRow = new Map<number, { cols: number[]; cells: Cell[]; sorted: boolean }>();
  private lastRow = -1;
  private rowsSorted = true;

  constructor(readonly sheet: string) {}

  /** Stores a cell; empty cells without a format are dropped. A later cell at the same place replaces it. */
  set(row: number, col: number, cell: Cell): this {
    if (!hasContent(cell)) return this;
    let r = this.byRow.get(row);
    if (!r) {
      r = { cols: [], cells: [], sorted: true };
      this.byRow.set(row, r);
      if (row < this.lastRow) this.rowsSorted = false;
      this.lastRow = row;
    }
    const n = r.cols.length;
    if (n > 0 && col <= r.cols[n - 1]!) r.sorted = false;
    r.cols.push(col);
    r.cells.push(cell);
    return this;
  }

  build(): Grid {
    const indices = [...this.byRow.keys()];
    if (!this.rowsSorted) indices.sort((a, b) => a - b);
    const rows: GridRow[] = [];
    for (const index of indices) {
      const r = this.byRow.get(index)!;
      if (r.sorted) {
        rows.push({ index, cols: r.cols, cells: r.cells });
        continue;
      }
      // Sort by column; a later write to the same column wins.
      const order = r.cols.map((c, k) => k).sort((a, b) => r.cols[a]! - r.cols[b]! || a - b);
      const cols: number[] = [];
      const cells: Cell[] = [];
      for (const k of order) {
        const c = r.cols[k]!;
        if (cols.length > 0 && cols[cols.length - 1] === c) cells[cells.length - 1] = r.cells[k]!;
        else {
          cols.push(c);
          cells.push(r.cells[k]!);
        }
      }
      rows.push({ index, cols, cells });
    }
    return { sheet: this.sheet, rows };
  }
}

export function emptyGrid(sheet: string): Grid {
  return { sheet, rows: [] };
}

/** Builds a grid from plain rows of values (tests, sample workbook). Strings starting with "=" become formulas. */
export function gridFromRows(sheet: string, rows: CellValue[][], top = 0, left = 0): Grid {
  const b = new GridBuilder(sheet);
  rows.forEach((r, i) =>
    r.forEach((v, j) =>
      b.set(top + i, left + j, typeof v === 'string' && v.startsWith('=') ? { v: null, f: v } : { v }),
    ),
  );
  return b.build();
}

/** Builds a grid from rows of cells (null or undefined for no cell). */
export function gridFromCells(
  sheet: string,
  rows: readonly (readonly (Cell | null | undefined)[])[],
  top = 0,
  left = 0,
): Grid {
  const b = new GridBuilder(sheet);
  rows.forEach((r, i) =>
    r.forEach((cell, j) => {
      if (cell) b.set(top + i, left + j, cell);
    }),
  );
  return b.build();
}

/** A copy of the grid with some cells replaced (tests and what-if checks; the original is untouched). */
export function withCells(grid: Grid, changes: readonly { row: number; col: number; cell: Cell }[]): Grid {
  const b = new GridBuilder(grid.sheet);
  const changed = new Map<string, Cell>();
  for (const c of changes) changed.set(`${c.row},${c.col}`, c.cell);
  forEachCell(grid, (row, col, cell) => {
    const key = `${row},${col}`;
    const next = changed.get(key);
    if (next) changed.delete(key);
    b.set(row, col, next ?? cell);
  });
  for (const c of changes) if (changed.has(`${c.row},${c.col}`)) b.set(c.row, c.col, c.cell);
  return b.build();
}

export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "C7" for row 6, col 2. */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  const start = a1(top, left);
  const end = a1(bottom, right);
  return start === end ? start : `${start}:${end}`;
}

export interface CellRef {
  row: number;
  col: number;
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function parseA1(ref: string): CellRef | undefined {
  const m = CELL_RE.exec(ref.trim());
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

/** Parses "B5:C9", "B5" and a sheet-qualified "'Blad 1'!B5:C9" (the sheet part is dropped). */
export function parseRange(ref: string): RangeRef | undefined {
  const bang = ref.lastIndexOf('!');
  const local = bang >= 0 ? ref.slice(bang + 1) : ref;
  const [a, b] = local.split(':');
  const start = a ? parseA1(a) : undefined;
  const end = b ? parseA1(b) : start;
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/** Quotes a sheet name for use in a formula or address when Excel requires it. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Appends `items` to `target` one by one: `push(...items)` overflows the stack for a hundred thousand items. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}
