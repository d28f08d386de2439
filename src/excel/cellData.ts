/**
 * How the gateway reads a cell from what Office.js returns. One place, used
 * by every read: the sheet read, the snapshot check, before-states and Ångra.
 *
 * - A cell is a formula only when its `formulas` entry starts with "=" and
 *   differs from its `values` entry: for text typed with an apostrophe
 *   ('=Summa) Excel returns "=Summa" from both (office-js issue 6687).
 * - Error values are told from `values` ("#DIV/0!"), so `valueTypes` is not
 *   loaded (it would cost a quarter of every read).
 * - A number under a date format is the date Excel shows, as ISO text
 *   ("2024-08-31"): the serial 45535 would hide a report period.
 * - Number formats are compared normalised: Excel for Mac and the web do not
 *   hand back exactly what was written (office-js issues 4310, 2824).
 */
import type { Cell, CellValue } from '../core/grid';
import { isDateFormat, serialToDateText } from '../workbook/dates';

/** The properties every cell read loads; nothing else is requested for cell data. */
export const CELL_DATA_PROPS = 'values,formulas,numberFormat';

const ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BUSY!',
  '#BLOCKED!',
  '#CONNECT!',
  '#UNKNOWN!',
  '#PYTHON!',
  '#TIMEOUT!',
]);

/** Whether a value read from `values` is an Excel error value. */
export function isErrorValue(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.charCodeAt(0) === 35 && ERRORS.has(value);
}

/** The formula of a cell from its `formulas` and `values` entries, or undefined for a constant. */
export function formulaOf(formula: unknown, value: unknown): string | undefined {
  return typeof formula === 'string' &&
    formula.length > 1 &&
    formula.charCodeAt(0) === 61 &&
    formula !== value
    ? formula
    : undefined;
}

/** A grid cell from one cell's values, formulas and numberFormat entries. */
export function toCell(value: unknown, formula: unknown, format: unknown): Cell {
  let v: CellValue = value === '' || value === undefined ? null : (value as CellValue);
  const cell: Cell = { v };
  if (isErrorValue(value)) cell.err = true;
  const f = formulaOf(formula, value);
  if (f !== undefined) cell.f = f;
  if (typeof format === 'string' && format !== '' && format !== 'General') {
    cell.fmt = format;
    if (typeof v === 'number' && isDateFormat(format)) {
      v = serialToDateText(v, format) ?? v;
      cell.v = v;
    }
  }
  return cell;
}

/**
 * A number format as Excel means it, so that what came back can be compared
 * with what was written: case of codes outside quotes, "General" and "",
 * "hh" and "h" (Mac), redundant escapes of literal characters.
 */
export function normalizeNumberFormat(format: string | null | undefined): string {
  if (format === null || format === undefined || format === '' || format.toLowerCase() === 'general')
    return 'general';
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') {
      const close = format.indexOf('"', i + 1);
      const end = close < 0 ? format.length : close;
      out += format.slice(i, end + 1);
      i = end;
      continue;
    }
    if (ch === '\\' && i + 1 < format.length) {
      const next = format[i + 1]!;
      // "\-", "\ ", "\/" show the character itself, as the unescaped character does.
      out +=
        next === '-' || next === ' ' || next === '/' || next === '(' || next === ')' || next === ':'
          ? next
          : `\\${next}`;
      i++;
      continue;
    }
    const lower = ch.toLowerCase();
    // Excel for Mac reports "hh" as "h" (office-js issue 4310).
    if (lower === 'h' && out.endsWith('h')) continue;
    out += lower;
  }
  return out;
}

export function sameNumberFormat(a: string | null | undefined, b: string | null | undefined): boolean {
  return a === b || normalizeNumberFormat(a) === normalizeNumberFormat(b);
}
