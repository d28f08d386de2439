/**
 * The .xlsx adapter's view of formula references: thin wrappers over the one
 * reference engine in core/refs.ts (scan, shift, slide), kept under the names
 * the adapter has always used.
 */
import {
  MAX_COL,
  MAX_ROW,
  refText,
  rewriteRefs,
  scanRefs,
  shiftFormula,
  slideFormula as slide,
  type FormulaRef as CoreRef,
  type RefEnd,
} from '../core/refs';

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

function toPoint(e: RefEnd, kind: CoreRef['kind']): RefPoint {
  if (kind === 'cols') return { col: e.col, colAbs: e.colAbs, rowAbs: false };
  if (kind === 'rows') return { row: e.row, rowAbs: e.rowAbs, colAbs: false };
  return { row: e.row, col: e.col, rowAbs: e.rowAbs, colAbs: e.colAbs };
}

function toRef(ref: CoreRef): FormulaRef {
  return {
    ...(ref.sheet !== undefined ? { sheet: ref.sheet } : {}),
    start: toPoint(ref.a, ref.kind),
    ...(ref.kind === 'cell' ? {} : { end: toPoint(ref.b, ref.kind) }),
  };
}

function toEnd(p: RefPoint, fallbackRow: number, fallbackCol: number): RefEnd {
  return { row: p.row ?? fallbackRow, col: p.col ?? fallbackCol, rowAbs: p.rowAbs, colAbs: p.colAbs };
}

function textOf(ref: FormulaRef): string {
  const { start, end } = ref;
  if (!end) return refText('cell', toEnd(start, 0, 0), toEnd(start, 0, 0));
  if (start.row === undefined) return refText('cols', toEnd(start, 0, 0), toEnd(end, MAX_ROW, 0));
  if (start.col === undefined) return refText('rows', toEnd(start, 0, 0), toEnd(end, 0, MAX_COL));
  return refText('range', toEnd(start, 0, 0), toEnd(end, 0, 0));
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
  return rewriteRefs(formula, (ref) => {
    if (ref.external) return undefined;
    const next = fn(toRef(ref));
    if (next === undefined) return undefined;
    return typeof next === 'string' ? next : textOf(next);
  });
}

/** Lists the references of a formula (tests, diagnostics). */
export function listFormulaRefs(formula: string): FormulaRef[] {
  return scanRefs(formula)
    .filter((r) => !r.external)
    .map(toRef);
}

/**
 * Moves the relative parts of every reference by (dRow, dCol), as Excel does
 * when a formula is copied; used to expand shared formulas.
 * A reference that would leave the sheet becomes #REF!.
 */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  return slide(formula, dRow, dCol);
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
 * were inserted with shift right on `shift.sheet` (core/refs.ts shiftFormula).
 */
export function shiftFormulaForInsert(formula: string, formulaSheet: string, shift: InsertShift): string {
  return shiftFormula(formula, formulaSheet, {
    sheet: shift.sheet,
    mode: 'insert',
    axis: 'columns',
    rect: { top: shift.top, bottom: shift.bottom, left: shift.col, right: shift.col },
  });
}
