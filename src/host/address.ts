/** Addresses as the Excel API reads and writes them: "A1", "B2:D9", "A:C", "3:5", "'Blad 1'!A1". */

import { a1, columnIndex, columnLetter } from '../core/grid';
import { MAX_COLUMNS, MAX_ROWS } from '../workbook/recalc';
import { ErrorCodes, HostError } from './errors';

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface RangeTarget extends Rect {
  sheet: string;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function inGrid(r: Rect): boolean {
  return (
    r.top >= 0 &&
    r.left >= 0 &&
    r.bottom < MAX_ROWS &&
    r.right < MAX_COLUMNS &&
    r.top <= r.bottom &&
    r.left <= r.right
  );
}

/** Splits "'Blad 1'!A1:B2" into sheet and local address; sheet is undefined when not qualified. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address.trim() };
  let sheet = address.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1).trim() };
}

/** Parses a local address; undefined when it is not a valid A1 address inside the grid. */
export function parseLocalAddress(local: string): Rect | undefined {
  const parts = local.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return undefined;
  const [p, q = p] = parts as [string, string?];
  let rect: Rect | undefined;
  const c1 = CELL.exec(p);
  const c2 = CELL.exec(q);
  if (c1 && c2) {
    const r1 = Number(c1[2]) - 1;
    const r2 = Number(c2[2]) - 1;
    const k1 = columnIndex(c1[1]!);
    const k2 = columnIndex(c2[1]!);
    rect = {
      top: Math.min(r1, r2),
      bottom: Math.max(r1, r2),
      left: Math.min(k1, k2),
      right: Math.max(k1, k2),
    };
  } else if (parts.length === 2 && COL.test(p) && COL.test(q)) {
    const k1 = columnIndex(COL.exec(p)![1]!);
    const k2 = columnIndex(COL.exec(q)![1]!);
    rect = { top: 0, bottom: MAX_ROWS - 1, left: Math.min(k1, k2), right: Math.max(k1, k2) };
  } else if (parts.length === 2 && ROW.test(p) && ROW.test(q)) {
    const r1 = Number(ROW.exec(p)![1]) - 1;
    const r2 = Number(ROW.exec(q)![1]) - 1;
    rect = { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: 0, right: MAX_COLUMNS - 1 };
  }
  return rect && inGrid(rect) ? rect : undefined;
}

/** Excel quotes a sheet name in an address unless it is a plain word that cannot be read as a reference. */
export function sheetPrefix(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatLocalAddress(r: Rect): string {
  if (r.top === 0 && r.bottom === MAX_ROWS - 1) return `${columnLetter(r.left)}:${columnLetter(r.right)}`;
  if (r.left === 0 && r.right === MAX_COLUMNS - 1) return `${r.top + 1}:${r.bottom + 1}`;
  const start = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? start : `${start}:${a1(r.bottom, r.right)}`;
}

export function formatAddress(t: RangeTarget): string {
  return `${sheetPrefix(t.sheet)}!${formatLocalAddress(t)}`;
}

export function isInGrid(r: Rect): boolean {
  return inGrid(r);
}

export function intersect(a: Rect, b: Rect): Rect | undefined {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top <= r.bottom && r.left <= r.right ? r : undefined;
}

/** Validates a new sheet name by Excel's rules; returns a reason when invalid. */
export function invalidSheetNameReason(name: string): string | undefined {
  if (name.length === 0 || name.length > 31) return 'A sheet name must be 1 to 31 characters long.';
  if (/[\\/?*[\]:]/.test(name)) return 'A sheet name cannot contain \\ / ? * [ ] :';
  if (name.startsWith("'") || name.endsWith("'"))
    return 'A sheet name cannot begin or end with an apostrophe.';
  if (name.toLowerCase() === 'history') return "'History' is a reserved sheet name.";
  return undefined;
}

/** Cell counts above this are refused, as Excel refuses payloads it cannot return. */
const MAX_CELLS_PER_READ = 5_000_000;

export function forEachCell(t: Rect, fn: (row: number, col: number) => void): void {
  for (let r = t.top; r <= t.bottom; r++) for (let c = t.left; c <= t.right; c++) fn(r, c);
}

export function matrix<T>(t: Rect, fn: (row: number, col: number) => T): T[][] {
  const rows: T[][] = [];
  for (let r = t.top; r <= t.bottom; r++) {
    const line: T[] = [];
    for (let c = t.left; c <= t.right; c++) line.push(fn(r, c));
    rows.push(line);
  }
  return rows;
}

export function checkReadable(t: Rect, location: string): void {
  const cells = (t.bottom - t.top + 1) * (t.right - t.left + 1);
  if (cells > MAX_CELLS_PER_READ) {
    throw new HostError(
      ErrorCodes.invalidOperation,
      'The range is too large to read in one request.',
      location,
    );
  }
}
