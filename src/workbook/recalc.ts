/**
 * Formula recalculation for the in-memory workbook.
 *
 * Formulas are evaluated by fast-formula-parser, in dependency order: the
 * references of every formula are found with core/refs.ts (the same
 * scanner the simulated host uses to shift references on insert/delete),
 * the formula cells are sorted topologically, and each one is evaluated once
 * after everything it reads. Doing the ordering ourselves, rather than
 * recursing from inside the parser's `onCell` hook, keeps long chains of
 * running totals off the call stack and avoids re-entering the parser.
 *
 * Circular references: like Excel with iterative calculation switched off,
 * every cell that takes part in a cycle gets the value 0 (Excel shows 0 and
 * a warning); cells that merely read a cycle are computed from those zeros.
 *
 * Not tracked as dependencies: references built at run time (INDIRECT,
 * OFFSET with computed arguments) and defined names; such formulas are still
 * evaluated, only their ordering is not guaranteed.
 */

import { append } from '../core/grid';
import { MAX_COL, MAX_ROW, scanRefs, type FormulaRef } from '../core/refs';
import { reportFunctions, type FunctionArg } from './functions';
import {
  cellKey,
  findSheet,
  parseCellKey,
  type CellData,
  type SheetModel,
  type WorkbookModel,
} from './model';

/* eslint-disable @typescript-eslint/no-require-imports */
// fast-formula-parser ships CommonJS without type declarations; the shape we use is typed below.
const FormulaParser = require('fast-formula-parser') as FormulaParserModule;
/* eslint-enable @typescript-eslint/no-require-imports */

interface ParserCellRef {
  sheet: string;
  row: number;
  col: number;
}
interface ParserRangeRef {
  sheet: string;
  from: { row: number; col: number };
  to: { row: number; col: number };
}
interface ParserInstance {
  parse(
    formula: string,
    position: { sheet: string; row: number; col: number },
    allowReturnArray?: boolean,
  ): unknown;
}
interface FormulaErrorInstance {
  readonly error: string;
}
interface FormulaParserModule {
  new (config: {
    functions?: Record<string, (...args: FunctionArg[]) => unknown>;
    onCell: (ref: ParserCellRef) => unknown;
    onRange: (ref: ParserRangeRef) => unknown[][];
  }): ParserInstance;
  FormulaError: new (code: string) => FormulaErrorInstance;
  SSF: { format(fmt: string, value: unknown): string };
}

export const MAX_ROWS = MAX_ROW + 1;
export const MAX_COLUMNS = MAX_COL + 1;

/** fast-formula-parser's bundled SheetJS number formatter, shared with the host's `Range.text`. */
export const SSF = FormulaParser.SSF;

const ERROR_VALUES = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A'] as const;
export type ErrorValue = (typeof ERROR_VALUES)[number];

export function isErrorValue(text: unknown): text is ErrorValue {
  return typeof text === 'string' && (ERROR_VALUES as readonly string[]).includes(text);
}

// ---------------------------------------------------------------------------
// Reference scanning: the one scanner in core/refs.ts, cached per formula text
// ---------------------------------------------------------------------------

export type { FormulaRef, RefEnd } from '../core/refs';

/**
 * The references of a formula (see core/refs.ts scanRefs). Successive
 * recalculations scan the same formulas, so results are cached and shared:
 * callers must not mutate them.
 */
export function scanReferences(formula: string): FormulaRef[] {
  const cached = scanCache.get(formula);
  if (cached) return cached;
  const refs = scanRefs(formula);
  if (scanCache.size >= SCAN_CACHE_LIMIT) scanCache.clear();
  scanCache.set(formula, refs);
  return refs;
}

const SCAN_CACHE_LIMIT = 100_000;
const scanCache = new Map<string, FormulaRef[]>();

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

interface FormulaNode {
  sheet: SheetModel;
  row: number;
  col: number;
  cell: CellData;
}

/** Formula cells of one sheet sorted by row, then column, for range lookups. */
interface SheetIndex {
  nodes: FormulaNode[];
}

function nodeId(sheet: SheetModel, row: number, col: number): string {
  return `${sheet.name}\u0000${row},${col}`;
}

function buildIndex(wb: WorkbookModel): {
  byId: Map<string, FormulaNode>;
  bySheet: Map<SheetModel, SheetIndex>;
} {
  const byId = new Map<string, FormulaNode>();
  const bySheet = new Map<SheetModel, SheetIndex>();
  for (const sheet of wb.sheets) {
    const nodes: FormulaNode[] = [];
    for (const [key, cell] of sheet.cells) {
      if (cell.formula === undefined) continue;
      const { row, col } = parseCellKey(key);
      const node = { sheet, row, col, cell };
      nodes.push(node);
      byId.set(nodeId(sheet, row, col), node);
    }
    nodes.sort((x, y) => x.row - y.row || x.col - y.col);
    bySheet.set(sheet, { nodes });
  }
  return { byId, bySheet };
}

function firstAtOrAfterRow(nodes: FormulaNode[], row: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid]!.row < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function dependencies(
  wb: WorkbookModel,
  node: FormulaNode,
  index: ReturnType<typeof buildIndex>,
): FormulaNode[] {
  const deps: FormulaNode[] = [];
  for (const ref of scanReferences(node.cell.formula!)) {
    if (ref.external) continue;
    const sheet = ref.sheet === undefined ? node.sheet : findSheet(wb, ref.sheet);
    if (!sheet) continue;
    if (ref.kind === 'cell') {
      const dep = index.byId.get(nodeId(sheet, ref.a.row, ref.a.col));
      if (dep) deps.push(dep);
      continue;
    }
    const top = Math.min(ref.a.row, ref.b.row);
    const bottom = Math.max(ref.a.row, ref.b.row);
    const left = Math.min(ref.a.col, ref.b.col);
    const right = Math.max(ref.a.col, ref.b.col);
    const nodes = index.bySheet.get(sheet)?.nodes ?? [];
    for (let k = firstAtOrAfterRow(nodes, top); k < nodes.length && nodes[k]!.row <= bottom; k++) {
      const n = nodes[k]!;
      if (n.col >= left && n.col <= right) deps.push(n);
    }
  }
  return deps;
}

/**
 * Orders formula cells so that each comes after the formula cells it reads
 * (Tarjan's strongly connected components, iteratively). Returns the order
 * and the set of cells that sit on a cycle.
 */
function orderNodes(
  wb: WorkbookModel,
  index: ReturnType<typeof buildIndex>,
): { order: FormulaNode[]; cyclic: Set<FormulaNode> } {
  const nodes = [...index.byId.values()];
  const depsOf = new Map<FormulaNode, FormulaNode[]>();
  for (const n of nodes) depsOf.set(n, dependencies(wb, n, index));

  const indexOf = new Map<FormulaNode, number>();
  const low = new Map<FormulaNode, number>();
  const onStack = new Set<FormulaNode>();
  const stack: FormulaNode[] = [];
  const order: FormulaNode[] = [];
  const cyclic = new Set<FormulaNode>();
  let counter = 0;

  for (const root of nodes) {
    if (indexOf.has(root)) continue;
    const work: Array<{ node: FormulaNode; next: number }> = [{ node: root, next: 0 }];
    indexOf.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const deps = depsOf.get(frame.node)!;
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        if (!indexOf.has(dep)) {
          indexOf.set(dep, counter);
          low.set(dep, counter++);
          stack.push(dep);
          onStack.add(dep);
          work.push({ node: dep, next: 0 });
        } else if (onStack.has(dep)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, indexOf.get(dep)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const component: FormulaNode[] = [];
        let member: FormulaNode;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && deps.includes(frame.node);
        if (component.length > 1 || selfLoop) for (const m of component) cyclic.add(m);
        // Components complete in dependency-first order.
        append(order, component);
      }
    }
  }
  return { order, cyclic };
}

/**
 * One parser for the whole module: building a fast-formula-parser instance
 * costs milliseconds (it constructs its grammar), and evaluation is
 * synchronous, so its hooks read the workbook being calculated from here.
 */
let current: { wb: WorkbookModel; extents: Map<SheetModel, [number, number]> } | undefined;
let sharedParser: ParserInstance | undefined;

function valueFor(cell: CellData | undefined): unknown {
  if (!cell) return null;
  if (cell.error && typeof cell.value === 'string') return new FormulaParser.FormulaError(cell.value);
  return cell.value === '' ? null : cell.value;
}

/** 1-based last used row and column, computed once per calculation (values change, extents do not). */
function extentOf(sheet: SheetModel): [number, number] {
  let extent = current!.extents.get(sheet);
  if (!extent) {
    extent = [0, 0];
    for (const key of sheet.cells.keys()) {
      const { row, col } = parseCellKey(key);
      if (row + 1 > extent[0]) extent[0] = row + 1;
      if (col + 1 > extent[1]) extent[1] = col + 1;
    }
    current!.extents.set(sheet, extent);
  }
  return extent;
}

function parserFor(wb: WorkbookModel): ParserInstance {
  current = { wb, extents: new Map() };
  sharedParser ??= new FormulaParser({
    functions: reportFunctions((code) => new FormulaParser.FormulaError(code) as unknown as Error),
    onCell: (ref) => {
      const sheet = findSheet(current!.wb, ref.sheet);
      if (!sheet) return new FormulaParser.FormulaError('#REF!');
      return valueFor(sheet.cells.get(cellKey(ref.row - 1, ref.col - 1)));
    },
    onRange: (ref) => {
      const sheet = findSheet(current!.wb, ref.sheet);
      if (!sheet) throw new FormulaParser.FormulaError('#REF!');
      // Whole-column references reach row 1048576; stop at the last used row.
      const [lastRow, lastCol] = extentOf(sheet);
      const toRow = Math.min(ref.to.row, Math.max(lastRow, ref.from.row));
      const toCol = Math.min(ref.to.col, Math.max(lastCol, ref.from.col));
      const rows: unknown[][] = [];
      for (let r = ref.from.row; r <= toRow; r++) {
        const line: unknown[] = [];
        for (let c = ref.from.col; c <= toCol; c++)
          line.push(valueFor(sheet.cells.get(cellKey(r - 1, c - 1))));
        rows.push(line);
      }
      return rows;
    },
  });
  return sharedParser;
}

export interface FormulaResult {
  value: number | string | boolean;
  error: boolean;
}

function toResult(raw: unknown): FormulaResult {
  if (raw instanceof FormulaParser.FormulaError) {
    const code = (raw as FormulaErrorInstance).error;
    return { value: isErrorValue(code) ? code : '#VALUE!', error: true };
  }
  if (Array.isArray(raw)) return toResult(Array.isArray(raw[0]) ? raw[0][0] : raw[0]);
  if (raw === null || raw === undefined) return { value: 0, error: false };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { value: '#NUM!', error: true };
    // Excel keeps 15 significant digits; this also hides binary noise such as 0.1+0.2.
    return { value: Number(raw.toPrecision(15)), error: false };
  }
  if (typeof raw === 'string' || typeof raw === 'boolean') return { value: raw, error: false };
  return { value: '#VALUE!', error: true };
}

function evaluateWith(
  parser: ParserInstance,
  sheetName: string,
  row: number,
  col: number,
  formula: string,
): FormulaResult {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  if (text.trim() === '') return { value: 0, error: false };
  try {
    return toResult(parser.parse(text, { sheet: sheetName, row: row + 1, col: col + 1 }));
  } catch (e) {
    // fast-formula-parser throws #ERROR! for unknown functions and syntax it cannot read;
    // Excel shows #NAME? for unknown names, and #REF! for formulas with a deleted reference.
    if (e instanceof FormulaParser.FormulaError) {
      const code = (e as FormulaErrorInstance).error;
      if (isErrorValue(code)) return { value: code, error: true };
    }
    return { value: formula.includes('#REF!') ? '#REF!' : '#NAME?', error: true };
  }
}

/**
 * Evaluates one formula as if it were in `sheetName` at (row, col), 0-based,
 * against the workbook's current values (it does not recalculate the inputs).
 */
export function evaluateFormula(
  wb: WorkbookModel,
  sheetName: string,
  row: number,
  col: number,
  formula: string,
): FormulaResult {
  return evaluateWith(parserFor(wb), sheetName, row, col, formula);
}

/** Recomputes every formula cell of the workbook and stores results (and error flags) in `CellData.value`. */
export function recalculate(wb: WorkbookModel): void {
  const index = buildIndex(wb);
  if (index.byId.size === 0) return;
  const { order, cyclic } = orderNodes(wb, index);
  const parser = parserFor(wb);
  for (const n of cyclic) setResult(n.cell, { value: 0, error: false });
  for (const n of order) {
    if (cyclic.has(n)) continue;
    setResult(n.cell, evaluateWith(parser, n.sheet.name, n.row, n.col, n.cell.formula!));
  }
}

function setResult(cell: CellData, result: FormulaResult): void {
  cell.value = result.value;
  if (result.error) cell.error = true;
  else delete cell.error;
}
