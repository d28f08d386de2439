/**
 * Circular references, as Excel's error checking reports them: formulas on a
 * sheet that depend on themselves, directly (=B11+1 in B11) or through other
 * formulas (E6 =F6+…, F6 =E6−…). Excel cannot compute such cells, so the
 * value they show is no result: each is an error naming the other cells of
 * its circle, and the sums and deviations that merely repeat it are folded
 * under it.
 *
 * The dependency graph has one node per formula cell and one edge per
 * reference to another formula cell of the same sheet; its strongly
 * connected components (Tarjan's algorithm, iterative) are the circles.
 * Linear in formulas and references; ranges are resolved against the
 * formula cells only, with a budget on edges so a sheet of whole-column
 * references cannot make it quadratic (past the budget nothing is claimed).
 */
import { a1, type Grid } from '../grid';
import { CODES, finding } from '../findings';
import { shownFormula } from '../formulaDisplay';
import { refRect, scanRefs } from '../refs';
import type { Finding } from '../schemas';
import { THRESHOLDS } from '../thresholds';

/** A row's formula cells: their columns ascending and node ids. */
interface FormulaRow {
  row: number;
  cols: number[];
  ids: number[];
}

export interface CircularResult {
  findings: Finding[];
  /** Every cell (A1) on a circle. */
  cells: Set<string>;
  /** Rows (0-based) that hold a cell on a circle, with that cell. */
  rows: Map<number, string>;
}

const NONE: CircularResult = { findings: [], cells: new Set(), rows: new Map() };

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function circularFindings(grid: Grid, language: 'sv' | 'en' = 'sv'): CircularResult {
  const rows: FormulaRow[] = [];
  const nodeRow: number[] = [];
  const nodeCol: number[] = [];
  const formulas: string[] = [];
  for (const r of grid.rows) {
    let fr: FormulaRow | undefined;
    for (let k = 0; k < r.cols.length; k++) {
      const f = r.cells[k]!.f;
      if (f === undefined) continue;
      if (!fr) rows.push((fr = { row: r.index, cols: [], ids: [] }));
      fr.cols.push(r.cols[k]!);
      fr.ids.push(formulas.length);
      nodeRow.push(r.index);
      nodeCol.push(r.cols[k]!);
      formulas.push(f);
    }
  }
  const n = formulas.length;
  if (n === 0) return NONE;
  const rowIndex = rows.map((r) => r.row);
  const sheet = grid.sheet.toLowerCase();

  // Edges in compressed rows: start[i]..start[i+1] in `to`.
  const start = new Int32Array(n + 1);
  let to = new Int32Array(Math.max(16, n * 2));
  let m = 0;
  const budget = THRESHOLDS.circularEdgeBudget;
  const add = (id: number) => {
    if (m === to.length) {
      const next = new Int32Array(to.length * 2);
      next.set(to);
      to = next;
    }
    to[m++] = id;
  };
  for (let i = 0; i < n; i++) {
    start[i] = m;
    const f = formulas[i]!;
    for (const ref of scanRefs(f)) {
      if (ref.external || (ref.sheet !== undefined && ref.sheet.toLowerCase() !== sheet)) continue;
      const rect = refRect(ref);
      for (let ri = lowerBound(rowIndex, rect.top); ri < rows.length && rows[ri]!.row <= rect.bottom; ri++) {
        const fr = rows[ri]!;
        for (let k = lowerBound(fr.cols, rect.left); k < fr.cols.length && fr.cols[k]! <= rect.right; k++) {
          add(fr.ids[k]!);
          if (m > budget) return NONE;
        }
      }
    }
  }
  start[n] = m;

  // Tarjan's strongly connected components, without recursion.
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callNode.push(root);
    callEdge.push(start[root]!);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const v = callNode[callNode.length - 1]!;
      const e = callEdge[callEdge.length - 1]!;
      if (e < start[v + 1]!) {
        callEdge[callEdge.length - 1] = e + 1;
        const w = to[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(start[w]!);
        } else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] !== index[v]) continue;
      const comp: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) components.push(comp);
      else {
        // A single cell is a circle only when it refers to itself.
        for (let k = start[v]!; k < start[v + 1]!; k++)
          if (to[k] === v) {
            components.push(comp);
            break;
          }
      }
    }
  }
  if (components.length === 0) return NONE;

  const result: CircularResult = { findings: [], cells: new Set(), rows: new Map() };
  for (const comp of components) {
    comp.sort((x, y) => nodeRow[x]! - nodeRow[y]! || nodeCol[x]! - nodeCol[y]!);
    const names = comp.map((id) => a1(nodeRow[id]!, nodeCol[id]!));
    comp.forEach((id, k) => {
      const where = names[k]!;
      result.cells.add(where);
      if (!result.rows.has(nodeRow[id]!)) result.rows.set(nodeRow[id]!, where);
      const shown = shownFormula(formulas[id]!, language);
      const others = names.filter((x) => x !== where);
      const list = others.slice(0, 4).join(', ') + (others.length > 4 ? ' …' : '');
      const message =
        others.length === 0
          ? `${where} räknar med sig själv (${shown}): en cirkelreferens, som Excel inte kan räkna ut, så värdet cellen visar är inget resultat. Ta bort ${where} ur formeln.`
          : `${where} (${shown}) och ${list} räknar med varandra: en cirkelreferens, som Excel inte kan räkna ut, så värdena cellerna visar är inga resultat. Ändra formlerna så att ingen av dem räknar med den andra.`;
      result.findings.push(
        finding(
          'error',
          CODES.CIRCULAR_REFERENCE,
          grid.sheet,
          where,
          message,
          others.length ? { related: others } : {},
        ),
      );
    });
  }
  return result;
}
