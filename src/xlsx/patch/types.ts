/** What a command asks the package editor to change, and why it may refuse. */

/** One cell as a command leaves it, in coordinates after the sheet's inserts. */
export interface CellEdit {
  row: number;
  col: number;
  /** Formula with "=" in invariant syntax. */
  formula?: string;
  /**
   * The formula's result as Excel computes it, stored as its cached value;
   * absent: no cached value (Excel and LibreOffice calculate it on open).
   */
  result?: number;
  /** Only the cached result of the cell's existing formula changes (it reads cells a command wrote). */
  resultOnly?: boolean;
  /** Constant (null clears the content). Strings are text as given, never parsed. */
  value?: number | string | boolean | null;
  /** `value` is an error literal such as "#N/A". */
  error?: boolean;
  numberFormat?: string;
  /** "#RRGGBB", null for no fill, undefined to leave. */
  fill?: string | null;
  italic?: boolean;
}

/** Cells inserted with shift right at `col`, rows top..bottom (0-based, inclusive). */
export interface InsertEdit {
  col: number;
  top: number;
  bottom: number;
}

export interface SheetEdits {
  sheet: string;
  /** Applied first, in order, each in the coordinates the previous left (as WritePlan.inserts). */
  inserts: InsertEdit[];
  cells: CellEdit[];
}

export interface PackageEdits {
  /** Applied in order; a sheet may appear once. */
  sheets: SheetEdits[];
  /**
   * The text chunks of column A of Budgetkoll's very hidden store sheet, as
   * the command left them; undefined leaves the store as it is.
   */
  store?: readonly string[];
}

export type XlsxPatchReason =
  | 'not_xlsx'
  | 'sheet_missing'
  | 'protected_sheet'
  | 'protected_workbook'
  | 'merge_conflict'
  | 'table_conflict'
  | 'array_conflict'
  | 'filter_conflict'
  | 'invalid_edit';

/** The editor refused; nothing was written. The message is Swedish and names sheet and cells. */
export class XlsxPatchError extends Error {
  readonly reason: XlsxPatchReason;

  constructor(reason: XlsxPatchReason, message: string) {
    super(message);
    this.name = 'XlsxPatchError';
    this.reason = reason;
  }
}

export function isXlsxPatchError(e: unknown): e is XlsxPatchError {
  return e instanceof XlsxPatchError;
}
