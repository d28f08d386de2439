/**
 * A small reference rewriter for A1 formulas. It is not a formula parser: it
 * finds the cell, range, column and row references of a formula (skipping
 * string literals, function names and defined names that only look like
 * references) and lets a caller move them. That is all the .xlsx gateway
 * needs, to resolve shared formulas and to keep formulas pointing at the same
 * cells when a plan inserts cells.
 */
import { columnIndex, columnLetter } from '../core/grid';

/** One end of a reference. `row`/`col` are 0-based; undefined for whole-row or whole-column refs. */
export interface RefPoint {
  row?: number;
  col?: number;
  rowAbs: boolean;
  colAbs: boolean;
}

export interface FormulaRef {
  /** Unquoted sheet name when the reference is sheet-qualified. */
  sheet?: string;
  start: RefPoint;
  /** Present for ranges (A1:B2, A:C, 1:3). */
  end?: RefPoint;
}

/** Excel's last column, XFD. */
const MAX_COL = 16383;
const MAX_ROW = 1048575;

const TOKEN_RE = new RegExp(
  [
    // String literal: consumed whole so references inside text stay untouched.
    '"(?:[^"]|"")*"',
    // Optional sheet prefix, then a cell/range, a column range or a row range.
    "((?:'(?:[^']|'')+'|[A-Za-z_\\u00C0-\\uFFFF][\\w.\\u00C0-\\uFFFF]*)!)?" +
      '(\\$?[A-Za-z]{1,3}\\$?\\d+(?::\\$?[A-Za-z]{1,3}\\$?\\d+)?|\\$?[A-Za-z]{1,3}:\\$?[A-Za-z]{1,3}|\\$?\\d+:\\$?\\d+)' +
      '(?![\\w(!.\\u00C0-\\uFFFF])',
  ].join('|'),
  'g',
);

const PRECEDING_NAME_CHAR = /[\w.$'\]!\u00C0-\uFFFF]/;

const POINT_RE = /^(\$?)([A-Za-z]{0,3})(\$?)(\d*)$/;

function parsePoint(text: string): RefPoint | undefined {
  const m = POINT_RE.exec(text);
  if (!m) return undefined;
  const [, colDollar, letters, rowDollar, digits] = m;
  if (!letters && !digits) return undefined;
  const point: RefPoint = { rowAbs: false, colAbs: false };
  if (letters) {
    const col = columnIndex(letters);
    if (col > MAX_COL) return undefined;
    point.col = col;
    point.colAbs = colDollar === '$';
    if (digits) point.rowAbs = rowDollar === '$';
  } else {
    // A row-only point such as "$3": the first "$" belongs to the row.
    point.rowAbs = colDollar === '$' || rowDollar === '$';
  }
  if (digits) {
    const row = Number(digits) - 1;
    if (row < 0 || row > MAX_ROW) return undefined;
    point.row = row;
  }
  return point;
}

function formatPoint(p: RefPoint): string {
  const col = p.col === undefined ? '' : `${p.colAbs ? '$' : ''}${columnLetter(p.col)}`;
  const row = p.row === undefined ? '' : `${p.rowAbs ? '$' : ''}${p.row + 1}`;
  return col + row;
}

function unquoteSheet(prefix: string): string {
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/**
 * Calls `fn` for every reference in `formula`; what it returns replaces the
 * reference (a FormulaRef, or a literal string such as "#REF!"). Returning
 * undefined keeps the reference as written.
 */
export function mapFormulaRefs(
  formula: string,
  fn: (ref: FormulaRef) => FormulaRef | string | undefined,
): string {
  const replacer = (match: string, prefix: string | undefined, body: string | undefined, offset: number) => {
    if (body === undefined) return match; // a string literal
    // The tail of a longer name ("Sales2020Q1", "[1]Blad!A1"). Checked here rather than
    // with a lookbehind, which older WebKit (Office on Mac) cannot compile.
    if (offset > 0 && PRECEDING_NAME_CHAR.test(formula[offset - 1]!)) return match;
    const [a, b] = body.split(':');
    const start = a === undefined ? undefined : parsePoint(a);
    const end = b === undefined ? undefined : parsePoint(b);
    if (!start || (b !== undefined && !end)) return match;
    // "A:C" and "1:3" must be column-only or row-only on both ends.
    if (end && (start.row === undefined) !== (end.row === undefined)) return match;
    if (end && (start.col === undefined) !== (end.col === undefined)) return match;
    if (!end && (start.row === undefined || start.col === undefined)) return match;
    const ref: FormulaRef = {
      start,
      ...(end ? { end } : {}),
      ...(prefix ? { sheet: unquoteSheet(prefix) } : {}),
    };
    const next = fn(ref);
    if (next === undefined) return match;
    if (typeof next === 'string') return (prefix ?? '') + next;
    const text = next.end ? `${formatPoint(next.start)}:${formatPoint(next.end)}` : formatPoint(next.start);
    return (prefix ?? '') + text;
  };
  return formula.replace(TOKEN_RE, replacer);
}

/** Lists the references of a formula (tests, diagnostics). */
export function listFormulaRefs(formula: string): FormulaRef[] {
  const refs: FormulaRef[] = [];
  mapFormulaRefs(formula, (r) => {
    refs.push(r);
    return undefined;
  });
  return refs;
}

function slidePoint(p: RefPoint, dRow: number, dCol: number): RefPoint | undefined {
  const next = { ...p };
  if (next.row !== undefined && !next.rowAbs) next.row += dRow;
  if (next.col !== undefined && !next.colAbs) next.col += dCol;
  if (next.row !== undefined && (next.row < 0 || next.row > MAX_ROW)) return undefined;
  if (next.col !== undefined && (next.col < 0 || next.col > MAX_COL)) return undefined;
  return next;
}

/**
 * Moves the relative parts of every reference by (dRow, dCol), as Excel does
 * when a formula is copied; used to expand shared formulas.
 * A reference that would leave the sheet becomes #REF!.
 */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return mapFormulaRefs(formula, (ref) => {
    const start = slidePoint(ref.start, dRow, dCol);
    const end = ref.end ? slidePoint(ref.end, dRow, dCol) : undefined;
    if (!start || (ref.end && !end)) return '#REF!';
    return { ...ref, start, ...(end ? { end } : {}) };
  });
}

export interface InsertShift {
  /** Sheet whose cells move. */
  sheet: string;
  col: number;
  top: number;
  bottom: number;
}

/**
 * Rewrites the references of a formula living on `formulaSheet` after cells
 * were inserted with shift right on `shift.sheet`. Like Excel, a range is
 * adjusted only when all its rows moved; a range that straddles the inserted
 * rows keeps its address.
 */
export function shiftFormulaForInsert(formula: string, formulaSheet: string, shift: InsertShift): string {
  const target = shift.sheet.toLowerCase();
  return mapFormulaRefs(formula, (ref) => {
    const sheet = (ref.sheet ?? formulaSheet).toLowerCase();
    if (sheet !== target) return undefined;
    const { start, end } = ref;
    if (start.row === undefined || start.col === undefined) return undefined;
    const endRow = end?.row ?? start.row;
    if (Math.min(start.row, endRow) < shift.top || Math.max(start.row, endRow) > shift.bottom)
      return undefined;
    const move = (p: RefPoint): RefPoint =>
      p.col !== undefined && p.col >= shift.col ? { ...p, col: p.col + 1 } : p;
    const nextStart = move(start);
    const nextEnd = end ? move(end) : undefined;
    if (nextStart === start && nextEnd === end) return undefined;
    // Cells pushed past XFD leave the sheet: a reference that only pointed there is lost, as in Excel.
    if ((nextStart.col ?? 0) > MAX_COL) return '#REF!';
    if (nextEnd?.col !== undefined && nextEnd.col > MAX_COL) nextEnd.col = MAX_COL;
    return { ...ref, start: nextStart, ...(nextEnd ? { end: nextEnd } : {}) };
  });
}
