/**
 * The package editor's only contact with formula references: every formula,
 * defined name, chart series and reference-like attribute goes through the
 * functions here, so moving to the project's single reference module is a
 * change in this file alone. Geometry of "insert cells, shift right" lives
 * here too, because it must agree with how formulas move.
 */
import { columnLetter } from '../../core/grid';
import { listFormulaRefs, mapFormulaRefs, shiftFormulaForInsert, slideFormula } from '../formulaRefs';

export const MAX_ROW = 1048575;
export const MAX_COL = 16383;

/** Cells inserted at `col` in rows top..bottom (0-based, inclusive) of `sheet`, shifting right. */
export interface SheetInsert {
  sheet: string;
  col: number;
  top: number;
  bottom: number;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * A formula (with or without its "=") after every insert of the workbook, in
 * order. `formulaSheet` is the sheet the formula lives on, "" for a
 * workbook-level name or a chart (their references always name a sheet).
 */
export function shiftFormula(formula: string, formulaSheet: string, inserts: readonly SheetInsert[]): string {
  let f = formula;
  const home = formulaSheet.toLowerCase();
  for (const ins of inserts) {
    // A formula on another sheet reaches the moved cells only through a sheet-qualified reference.
    if (ins.sheet.toLowerCase() !== home && f.indexOf('!') < 0) continue;
    f = shiftFormulaForInsert(f, formulaSheet, ins);
  }
  return f;
}

/** A shared formula's text as it reads in a cell (dRow, dCol) away from its master. */
export function slide(formula: string, dRow: number, dCol: number): string {
  return slideFormula(formula, dRow, dCol);
}

/** "B5", "B5:C9", "$B$5:$C$9", "B:C" or "5:9" as a rectangle; undefined for anything else. */
export function parseRef(text: string): Rect | undefined {
  const refs = listFormulaRefs(text.trim());
  if (refs.length !== 1 || refs[0]!.sheet !== undefined) return undefined;
  const { start, end = start } = refs[0]!;
  const top = start.row ?? 0;
  const bottom = end.row ?? (start.row === undefined ? MAX_ROW : start.row);
  const left = start.col ?? 0;
  const right = end.col ?? (start.col === undefined ? MAX_COL : start.col);
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

export function formatRef(r: Rect): string {
  const a = `${columnLetter(r.left)}${r.top + 1}`;
  const b = `${columnLetter(r.right)}${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/** The column a cell of `row` ends up in after the sheet's inserts, in order. */
export function columnAfter(
  row: number,
  col: number,
  inserts: readonly Omit<SheetInsert, 'sheet'>[],
): number {
  let c = col;
  for (const ins of inserts) if (row >= ins.top && row <= ins.bottom && c >= ins.col) c++;
  return c;
}

/**
 * The column a cell of `row` had before the inserts, for a cell that is at
 * `col` after them; undefined for a cell one of the inserts created.
 */
export function columnBefore(
  row: number,
  col: number,
  inserts: readonly Omit<SheetInsert, 'sheet'>[],
): number | undefined {
  let c = col;
  for (let i = inserts.length - 1; i >= 0; i--) {
    const ins = inserts[i]!;
    if (row < ins.top || row > ins.bottom) continue;
    if (c === ins.col) return undefined;
    if (c > ins.col) c--;
  }
  return c;
}

/**
 * What one insert does to a rectangle that must stay whole (a merge, a table,
 * an array formula, an autofilter): nothing, move right, grow by the inserted
 * column (the insert lands inside it, all its rows shifting), or split (some
 * of its rows shift and others do not), which Excel refuses.
 */
export type RectShift =
  { kind: 'same' } | { kind: 'moved'; rect: Rect } | { kind: 'grown'; rect: Rect } | { kind: 'split' };

export function shiftRect(r: Rect, ins: Omit<SheetInsert, 'sheet'>): RectShift {
  if (r.bottom < ins.top || r.top > ins.bottom || r.right < ins.col) return { kind: 'same' };
  if (r.top < ins.top || r.bottom > ins.bottom) return { kind: 'split' };
  const right = Math.min(MAX_COL, r.right + 1);
  if (r.left >= ins.col) return { kind: 'moved', rect: { ...r, left: Math.min(MAX_COL, r.left + 1), right } };
  return { kind: 'grown', rect: { ...r, right } };
}

/**
 * A cell range of a list (sqref: conditional formatting, data validation,
 * ignored errors) after one insert: the rows that shift move (or grow when
 * the insert lands inside), the others stay, so one range can become three.
 */
export function shiftArea(r: Rect, ins: Omit<SheetInsert, 'sheet'>): Rect[] {
  if (r.bottom < ins.top || r.top > ins.bottom || r.right < ins.col) return [r];
  const out: Rect[] = [];
  const midTop = Math.max(r.top, ins.top);
  const midBottom = Math.min(r.bottom, ins.bottom);
  if (r.top < midTop) out.push({ ...r, bottom: midTop - 1 });
  const mid = { ...r, top: midTop, bottom: midBottom };
  const moved = shiftRect(mid, ins);
  out.push(moved.kind === 'moved' || moved.kind === 'grown' ? moved.rect : mid);
  if (r.bottom > midBottom) out.push({ ...r, top: midBottom + 1 });
  return out;
}

/** A space-separated sqref after the inserts of its sheet; unchanged text when nothing moved. */
export function shiftSqref(sqref: string, inserts: readonly SheetInsert[]): string {
  if (inserts.length === 0) return sqref;
  const parts = sqref.trim().split(/\s+/);
  let changed = false;
  const out: string[] = [];
  for (const part of parts) {
    const rect = parseRef(part);
    if (!rect) {
      out.push(part);
      continue;
    }
    let rects = [rect];
    for (const ins of inserts) rects = rects.flatMap((r) => shiftArea(r, ins));
    if (rects.length === 1 && sameRect(rects[0]!, rect)) out.push(part);
    else {
      changed = true;
      out.push(...rects.map(formatRef));
    }
  }
  return changed ? out.join(' ') : sqref;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
}

/** Cells a formula reads, with the sheet when it names one. */
export interface ReadRange {
  sheet?: string;
  rect: Rect;
}

const ARITHMETIC = /^[\s\d.,+\-*/()]*$/;
const SHEET_PREFIX = /(?:'(?:[^']|'')+'|[^\s\d.,+\-*/()!'"][^\s,+\-*/()!'"]*)!0/g;

/**
 * The ranges read by a formula that is plain arithmetic (numbers, cell and
 * range references, + − × ÷, parentheses and SUM), whose result JavaScript
 * computes exactly as Excel does when every cell read holds a number or
 * nothing. Undefined for anything else (other functions, names, text,
 * comparisons, whole rows or columns).
 */
export function arithmeticReads(formula: string): ReadRange[] | undefined {
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  const reads: ReadRange[] = [];
  let whole = false;
  const residual = mapFormulaRefs(body, (ref) => {
    const { start, end = start } = ref;
    if (start.row === undefined || start.col === undefined || end.row === undefined || end.col === undefined)
      whole = true;
    else
      reads.push({
        ...(ref.sheet !== undefined ? { sheet: ref.sheet } : {}),
        rect: {
          top: Math.min(start.row, end.row),
          bottom: Math.max(start.row, end.row),
          left: Math.min(start.col, end.col),
          right: Math.max(start.col, end.col),
        },
      });
    return '0';
  });
  if (whole) return undefined;
  // mapFormulaRefs keeps a reference's sheet prefix in front of what replaces it.
  const bare = residual.replace(SHEET_PREFIX, '0').replace(/SUM\(/gi, '(');
  return ARITHMETIC.test(bare) ? reads : undefined;
}

/** Every range a formula or defined name refers to (whole rows and columns as full extents). */
export function readRanges(formula: string): ReadRange[] {
  return listFormulaRefs(formula).map((ref) => {
    const { start, end = start } = ref;
    const top = Math.min(start.row ?? 0, end.row ?? (start.row === undefined ? 0 : start.row));
    const bottom = start.row === undefined ? MAX_ROW : Math.max(start.row, end.row ?? start.row);
    const left = Math.min(start.col ?? 0, end.col ?? (start.col === undefined ? 0 : start.col));
    const right = start.col === undefined ? MAX_COL : Math.max(start.col, end.col ?? start.col);
    return { ...(ref.sheet !== undefined ? { sheet: ref.sheet } : {}), rect: { top, bottom, left, right } };
  });
}

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 46 ||
    code === 92 ||
    code > 127
  );
}

/** Whether a formula uses one of the defined names (lower case), outside string literals. */
export function mentionsName(formula: string, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  const lower = formula.toLowerCase();
  for (const name of names) {
    for (let i = lower.indexOf(name); i >= 0; i = lower.indexOf(name, i + 1)) {
      const before = i === 0 ? 0 : lower.charCodeAt(i - 1);
      const after = lower.charCodeAt(i + name.length);
      if ((i === 0 || !isNameChar(before)) && !isNameChar(after) && after !== 40 /* ( */) {
        // Inside a string literal when an odd number of quotes precede it.
        let quotes = 0;
        for (let k = lower.indexOf('"'); k >= 0 && k < i; k = lower.indexOf('"', k + 1)) quotes++;
        if (quotes % 2 === 0) return true;
      }
    }
  }
  return false;
}
