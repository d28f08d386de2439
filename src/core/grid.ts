/**
 * The plain-data picture of one worksheet that every core function works on.
 * Coordinates are 0-based and absolute (row 0, col 0 is A1), so a finding can
 * name its cell without knowing where the used range started.
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

export interface Grid {
  sheet: string;
  /** Absolute index of the first row in `cells`. */
  top: number;
  /** Absolute index of the first column in `cells`. */
  left: number;
  cells: Cell[][];
}

export const EMPTY_CELL: Readonly<Cell> = Object.freeze({ v: null });

export function cellAt(grid: Grid, row: number, col: number): Cell {
  const r = grid.cells[row - grid.top];
  if (!r) return EMPTY_CELL;
  return r[col - grid.left] ?? EMPTY_CELL;
}

export function rowCount(grid: Grid): number {
  return grid.top + grid.cells.length;
}

export function colCount(grid: Grid): number {
  let max = 0;
  for (const r of grid.cells) max = Math.max(max, r.length);
  return grid.left + max;
}

export function isBlank(cell: Cell): boolean {
  return cell.f === undefined && (cell.v === null || (typeof cell.v === 'string' && cell.v.trim() === ''));
}

/** Builds a grid from plain rows of values (tests, sample workbook). Strings starting with "=" become formulas. */
export function gridFromRows(sheet: string, rows: CellValue[][], top = 0, left = 0): Grid {
  return {
    sheet,
    top,
    left,
    cells: rows.map((r) =>
      r.map((v): Cell => (typeof v === 'string' && v.startsWith('=') ? { v: null, f: v } : { v })),
    ),
  };
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
