/**
 * Which rows are sums of which (DOMAIN.md §6), decided by the figures.
 *
 * Rows are walked top to bottom keeping the "open" rows: those no sum has
 * taken yet, each with its level (0 for items, one more than its deepest
 * child for a sum). A row is tried as a sum of the open rows just above it,
 * one candidate per level: the run of items since the last sum or group
 * header ("Summa <grupp>"), the run of level-1 sums ("Summa <område>"), and
 * so on, also across group headers (a grand total). Running subtotals of a
 * resultaträkning fall out of the same rule: "Resultat före finansiella
 * poster" is the previous subtotal (level 1) plus the items since (level 0).
 * Each candidate is scored in every amount column with prefix sums, so a row
 * costs O(levels × columns) and a table is linear in its rows.
 *
 * Where a sum cell is a SUM or + formula over cells of its own column, the
 * formula's rows are the truth (cached values or not). Sum words decide only
 * where the figures cannot: a strong word ("Summa", "Totalt") makes a row a
 * sum even when nothing adds up (then the sum is wrong and the checks say
 * so); a weak one ("Netto", "Resultat") needs figures that fit. Sums printed
 * above their items (a total first, 004_04; "Kommunstyrelsen" above its
 * "-Tillväxtenheten" rows) are found by a forward scan.
 */
import { sumPrecedents } from '../formulaRefs';
import { THRESHOLDS } from '../thresholds';
import { K } from './cells';
import type { ColumnData, TableData } from './data';
import type { RowTraits } from './rows';

export interface SumNode {
  /** Row position of the sum. */
  row: number;
  /** Row positions it adds up, in order. */
  children: number[];
  /** −1 where a child is subtracted (costs − revenues shown positive); absent: all added. */
  minus?: Set<number>;
  /** What decided it. */
  source: 'figures' | 'formula' | 'label';
  /** Printed above its children. */
  above: boolean;
  /** Columns where the figures fit, of those evaluated; exact fits. */
  fits: number;
  evaluated: number;
  exact: number;
}

export interface PartLink {
  row: number;
  parent: number;
  /** The parts add up to the parent (its components); otherwise a partial varav (≤ parent). */
  exhaustive: boolean;
}

export interface Hierarchy {
  nodes: SumNode[];
  /** Sum node by row position. */
  nodeAt: Map<number, SumNode>;
  parts: PartLink[];
  /** Parent sum (or part parent) of each row position, −1 at the top. */
  parent: Int32Array;
  level: Int8Array;
}

const MAX_LEVEL = 8;
const EPS = THRESHOLDS.epsilon;

/** Growable prefix sums over the open rows, per amount column. */
class Prefix {
  sum: Float64Array[];
  num: Float64Array[];
  tol: Float64Array[];
  cnt: Int32Array[];
  rev: Float64Array[];
  length = 0;
  private cap: number;

  constructor(private readonly cols: number) {
    this.cap = 64;
    const mk = <T>(f: (n: number) => T) => Array.from({ length: cols }, () => f(this.cap + 1));
    this.sum = mk((n) => new Float64Array(n));
    this.num = mk((n) => new Float64Array(n));
    this.tol = mk((n) => new Float64Array(n));
    this.cnt = mk((n) => new Int32Array(n));
    this.rev = mk((n) => new Float64Array(n));
  }

  private grow(): void {
    this.cap *= 2;
    const g = <A extends Float64Array | Int32Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(this.cap + 1);
      b.set(a);
      return b;
    };
    this.sum = this.sum.map(g);
    this.num = this.num.map(g);
    this.tol = this.tol.map(g);
    this.cnt = this.cnt.map(g);
    this.rev = this.rev.map(g);
  }

  /** Adds row `pos` of the amount columns (nothing for a group header marker). */
  push(amount: readonly ColumnData[], pos: number, marker: boolean, revenue: boolean): void {
    if (this.length >= this.cap) this.grow();
    const i = this.length;
    for (let c = 0; c < this.cols; c++) {
      const col = amount[c]!;
      const x = marker ? NaN : col.value[pos]!;
      const present = !Number.isNaN(x);
      const v = present ? x : 0;
      this.sum[c]![i + 1] = this.sum[c]![i]! + v;
      // Excel's SUM skips text: a text number counts in a typed total, not in a formula's result.
      this.num[c]![i + 1] = this.num[c]![i]! + (present && col.kind[pos] !== K.TEXTNUM ? v : 0);
      this.tol[c]![i + 1] = this.tol[c]![i]! + (present ? col.prec[pos]! / 2 : 0);
      this.cnt[c]![i + 1] = this.cnt[c]![i]! + (present ? 1 : 0);
      this.rev[c]![i + 1] = this.rev[c]![i]! + (revenue ? v : 0);
    }
    this.length++;
  }

  truncate(length: number): void {
    this.length = length;
  }
}

interface OpenEntry {
  pos: number;
  level: number;
  marker: boolean;
}

/**
 * For each open entry i and level ℓ: where the run of entries with level ≤ ℓ
 * that ends at i starts, without crossing group headers (run) and across
 * them (runX). Kept in flat arrays so a row costs no allocation.
 */
class Runs {
  run = new Int32Array(64 * (MAX_LEVEL + 1));
  runX = new Int32Array(64 * (MAX_LEVEL + 1));

  set(i: number, level: number, marker: boolean): void {
    const w = MAX_LEVEL + 1;
    if ((i + 1) * w > this.run.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.run = grow(this.run);
      this.runX = grow(this.runX);
    }
    for (let l = 0; l <= MAX_LEVEL; l++) {
      this.run[i * w + l] = marker || level > l ? i + 1 : i > 0 ? this.run[(i - 1) * w + l]! : 0;
      this.runX[i * w + l] = !marker && level > l ? i + 1 : i > 0 ? this.runX[(i - 1) * w + l]! : 0;
    }
  }

  start(i: number, l: number, crossing: boolean): number {
    return (crossing ? this.runX : this.run)[i * (MAX_LEVEL + 1) + l]!;
  }
}

interface Fit {
  fits: number;
  evaluated: number;
  exact: number;
  nonZeroFits: number;
  signed: boolean;
}

export function inferHierarchy(
  data: TableData,
  traits: readonly RowTraits[],
  amount: readonly ColumnData[],
): Hierarchy {
  const n = data.n;
  const k = amount.length;
  const parent = new Int32Array(n).fill(-1);
  const level = new Int8Array(n);
  const nodes: SumNode[] = [];
  const nodeAt = new Map<number, SumNode>();
  const parts = partRuns(data, traits, amount);
  const isPart = new Uint8Array(n);
  for (const l of parts.links) {
    isPart[l.row] = 1;
    parent[l.row] = l.parent;
  }
  for (const node of parts.nodes) {
    nodes.push(node);
    nodeAt.set(node.row, node);
    level[node.row] = 1;
  }
  // Unlabelled group sums printed above their items: only searched in tables small enough for a window scan.
  const aboveChildren = new Uint8Array(n);
  if (n <= THRESHOLDS.sumAboveSearchMaxRows && k >= 2)
    for (const node of unlabelledSumsAbove(data, traits, amount, isPart, nodeAt)) {
      nodes.push(node);
      nodeAt.set(node.row, node);
      level[node.row] = 1;
      for (const c of node.children) {
        aboveChildren[c] = 1;
        parent[c] = node.row;
      }
    }

  const prefix = new Prefix(k);
  const open: OpenEntry[] = [];
  const pending: { pos: number; at: number }[] = [];

  const runs = new Runs();
  const push = (pos: number, lvl: number, marker: boolean) => {
    runs.set(open.length, lvl, marker);
    open.push({ pos, level: lvl, marker });
    prefix.push(amount, pos, marker, !marker && traits[pos]!.revenue);
  };
  const truncate = (len: number) => {
    open.length = len;
    prefix.truncate(len);
  };

  /** How well the open entries [start, end) add up to the row at `pos`. */
  const fitOf = (pos: number, start: number, end: number, signedAllowed: boolean): Fit => {
    const out: Fit = { fits: 0, evaluated: 0, exact: 0, nonZeroFits: 0, signed: false };
    let signedFits = 0;
    let signedExact = 0;
    let signedNonZero = 0;
    for (let c = 0; c < k; c++) {
      const col = amount[c]!;
      const s = col.value[pos]!;
      if (Number.isNaN(s)) continue;
      const cnt = prefix.cnt[c]![end]! - prefix.cnt[c]![start]!;
      if (cnt === 0) continue;
      out.evaluated++;
      const all = prefix.sum[c]![end]! - prefix.sum[c]![start]!;
      const num = prefix.num[c]![end]! - prefix.num[c]![start]!;
      const tol = col.prec[pos]! / 2 + (prefix.tol[c]![end]! - prefix.tol[c]![start]!) + EPS;
      const d = Math.min(Math.abs(s - all), Math.abs(s - num));
      if (d <= tol) {
        out.fits++;
        if (d <= EPS * Math.max(1, Math.abs(s))) out.exact++;
        if (Math.abs(s) > EPS) out.nonZeroFits++;
      }
      if (signedAllowed) {
        // Deviations already turn revenues around (utfall − budget for them): their sums stay plain.
        const rev = col.info.measure === 'deviation' ? 0 : prefix.rev[c]![end]! - prefix.rev[c]![start]!;
        if (rev === 0 && d <= tol) {
          signedFits++;
          if (d <= EPS * Math.max(1, Math.abs(s))) signedExact++;
          if (Math.abs(s) > EPS) signedNonZero++;
        } else if (rev !== 0) {
          const sd = Math.abs(s - (all - 2 * rev));
          if (sd <= tol) {
            signedFits++;
            if (sd <= EPS * Math.max(1, Math.abs(s))) signedExact++;
            if (Math.abs(s) > EPS) signedNonZero++;
          }
        }
      }
    }
    if (signedFits > out.fits) {
      out.fits = signedFits;
      out.exact = signedExact;
      out.nonZeroFits = signedNonZero;
      out.signed = true;
    }
    return out;
  };

  const childrenOf = (start: number, end: number): number[] => {
    const ch: number[] = [];
    for (let i = start; i < end; i++) if (!open[i]!.marker) ch.push(open[i]!.pos);
    return ch;
  };

  const close = (pos: number, start: number, fit: Fit, source: SumNode['source'], above: boolean) => {
    const children = childrenOf(start, open.length);
    let lvl = 1;
    for (let i = start; i < open.length; i++) if (!open[i]!.marker) lvl = Math.max(lvl, open[i]!.level + 1);
    const node: SumNode = {
      row: pos,
      children,
      source,
      above,
      fits: fit.fits,
      evaluated: fit.evaluated,
      exact: fit.exact,
    };
    if (fit.signed) node.minus = new Set(children.filter((c) => traits[c]!.revenue));
    nodes.push(node);
    nodeAt.set(pos, node);
    for (const c of children) parent[c] = pos;
    level[pos] = Math.min(lvl, MAX_LEVEL);
    truncate(start);
    return node;
  };

  /** The candidate starts for a sum closing the open entries: one per level, without and across group headers. */
  const startBuf: number[] = [];
  const candidates = (floorAt: number): number[] => {
    const li = open.length - 1;
    startBuf.length = 0;
    if (li < 0) return startBuf;
    const add = (x: number) => {
      if (x < open.length && !startBuf.includes(x)) startBuf.push(x);
    };
    for (let l = 0; l <= MAX_LEVEL; l++) {
      add(Math.max(runs.start(li, l, false), floorAt));
      add(Math.max(runs.start(li, l, true), floorAt));
    }
    add(Math.min(floorAt, open.length));
    return startBuf.sort((x, y) => y - x);
  };

  /**
   * Cheap test before a candidate is scored for a row without a sum word: in
   * the first amount column the row has a figure, the candidate must add up
   * to it exactly (such a row becomes a sum only on exact figures).
   */
  const exactInFirst = (pos: number, start: number, end: number): boolean => {
    for (let c = 0; c < k; c++) {
      const s = amount[c]!.value[pos]!;
      if (Number.isNaN(s) || s === 0) continue;
      if (prefix.cnt[c]![end]! - prefix.cnt[c]![start]! === 0) continue;
      const all = prefix.sum[c]![end]! - prefix.sum[c]![start]!;
      const num = prefix.num[c]![end]! - prefix.num[c]![start]!;
      const e = EPS * Math.max(1, Math.abs(s));
      return Math.abs(s - all) <= e || Math.abs(s - num) <= e;
    }
    return false;
  };

  const better = (a: Fit, b: Fit | undefined): boolean => {
    if (!b) return true;
    const ra = a.evaluated ? a.fits / a.evaluated : 0;
    const rb = b.evaluated ? b.fits / b.evaluated : 0;
    if (ra !== rb) return ra > rb;
    return a.nonZeroFits > b.nonZeroFits;
  };

  /** Rebuilds the open list from index `at` with `entries` (used when a row returns to its place). */
  const reopen = (at: number, entries: { pos: number; level: number; marker: boolean }[]) => {
    const rest = open.slice(at).map((e) => ({ pos: e.pos, level: e.level, marker: e.marker }));
    truncate(at);
    for (const e of [...entries, ...rest]) push(e.pos, e.level, e.marker);
  };

  /**
   * Resolves the latest sum printed above its items with the open rows after
   * it: the shortest run that fits best. When nothing below adds up to it, it
   * is a sum whose parts are not printed (004_03 "Summa externa intäkter") and
   * goes back to its place as an ordinary row.
   */
  const resolvePending = (): void => {
    const pend = pending.pop();
    if (!pend) return;
    const start = pend.at;
    let bestEnd = -1;
    let best: Fit | undefined;
    for (let end = start + 1; end <= open.length && end - start <= THRESHOLDS.sumAboveWindow; end++) {
      if (open[end - 1]!.marker) continue;
      const f = fitOf(pend.pos, start, end, false);
      if (f.evaluated > 0 && f.fits > (best?.fits ?? 0)) {
        best = f;
        bestEnd = end;
        if (f.fits === f.evaluated) break;
      }
    }
    if (!best || bestEnd < 0 || best.fits * 2 < best.evaluated || best.nonZeroFits === 0) {
      reopen(start, [{ pos: pend.pos, level: 0, marker: false }]);
      return;
    }
    const taken = open.slice(start, bestEnd);
    const node: SumNode = {
      row: pend.pos,
      children: taken.filter((e) => !e.marker).map((e) => e.pos),
      source: 'figures',
      above: true,
      fits: best.fits,
      evaluated: best.evaluated,
      exact: best.exact,
    };
    let lvl = 1;
    for (const e of taken) if (!e.marker) lvl = Math.max(lvl, e.level + 1);
    nodes.push(node);
    nodeAt.set(pend.pos, node);
    for (const c of node.children) parent[c] = pend.pos;
    level[pend.pos] = Math.min(lvl, MAX_LEVEL);
    const after = open.slice(bestEnd).map((e) => ({ pos: e.pos, level: e.level, marker: e.marker }));
    truncate(start);
    push(pend.pos, level[pend.pos]!, false);
    for (const e of after) push(e.pos, e.level, e.marker);
  };

  const floor = () => (pending.length ? pending[pending.length - 1]!.at : 0);

  for (let p = 0; p < n; p++) {
    const t = traits[p]!;
    if (t.base === 'header' || t.base === 'blank' || t.base === 'footnote') continue;
    if (t.base === 'group_header') {
      push(p, MAX_LEVEL, true);
      continue;
    }
    if (isPart[p] || aboveChildren[p]) continue;
    if (nodeAt.has(p)) {
      // A sum of its parts or of the rows below it, found before the walk: it enters as a level-1 row.
      push(p, level[p]!, false);
      continue;
    }
    const fl = floor();
    let starts = open.length > fl ? candidates(fl) : [];
    // A row without a sum word can only be a sum on exact figures: drop candidates that fail at once.
    if (t.sum === 'none')
      starts = starts.filter((s) => open.length - s >= 2 && exactInFirst(p, s, open.length));
    if (starts.length === 0 && pending.length > 0 && t.sum !== 'none') {
      // A sum word right after a sum printed above: that one has nothing below it.
      resolvePending();
      p--;
      continue;
    }
    let best: Fit | undefined;
    let bestStart = -1;
    for (const s of starts) {
      const f = fitOf(p, s, open.length, true);
      if (f.evaluated === 0) continue;
      if (better(f, best)) {
        best = f;
        bestStart = s;
      }
    }
    if (!best && open.length > fl && amount.some((c) => c.kind[p] === K.FORMULA)) {
      // No figures to judge by (formulas without cached results): the formula's rows are the truth.
      const byFormula = formulaChildren(data, amount, p);
      if (byFormula) {
        const members = new Set(byFormula);
        let start = open.length;
        while (start > fl && (open[start - 1]!.marker || members.has(open[start - 1]!.pos))) start--;
        while (start < open.length && open[start]!.marker) start++;
        if (start < open.length) {
          const node = close(
            p,
            start,
            { fits: 0, evaluated: 0, exact: 0, nonZeroFits: 0, signed: false },
            'formula',
            false,
          );
          // The formula's own figure rows, also those not open any more (a double count is the checks' business).
          node.children = byFormula.filter((c) => traits[c]!.base === 'figure');
          push(p, level[p]!, false);
          continue;
        }
      }
    }
    const childCount = bestStart >= 0 ? childrenOf(bestStart, open.length).length : 0;
    if (t.sum === 'none') {
      // No sum word: the figures must add up in every column, exactly in two (rounding room alone proves little).
      const minCols = 2;
      if (
        k >= 2 &&
        best &&
        childCount >= 2 &&
        best.fits === best.evaluated &&
        best.nonZeroFits >= minCols &&
        best.exact >= minCols
      ) {
        close(p, bestStart, best, 'figures', false);
        push(p, level[p]!, false);
      } else push(p, 0, false);
      continue;
    }
    const fitsEnough = best && best.fits > 0 && best.fits * 2 >= best.evaluated && best.nonZeroFits > 0;
    if (fitsEnough) {
      close(p, bestStart, best!, 'figures', false);
      push(p, level[p]!, false);
      continue;
    }
    // Nothing above fits. A sum printed above its items that is still open ends here: resolve it, try again.
    if (pending.length > 0) {
      resolvePending();
      p--;
      continue;
    }
    const itemsRun = open.length > 0 ? Math.max(runs.start(open.length - 1, 0, false), fl) : open.length;
    const start = t.grand || itemsRun >= open.length ? fl : itemsRun;
    const plainItems = childrenOf(start, open.length).filter((c) => traits[c]!.sum === 'none').length;
    if (t.sum === 'strong' && plainItems >= 1) {
      // A sum word and nothing that adds up: the sum is wrong. It sums its group, or (a total) everything.
      const fit = best && bestStart === start ? best : fitOf(p, start, open.length, false);
      close(p, start, fit, 'label', false);
      push(p, level[p]!, false);
      continue;
    }
    // Nothing above it adds up: perhaps a sum printed above its items, resolved when they end.
    pending.push({ pos: p, at: open.length });
  }
  while (pending.length > 0) resolvePending();
  nodes.sort((a, b) => a.row - b.row);
  return { nodes, nodeAt, parts: parts.links, parent, level };
}

/**
 * The rows a sum formula adds up, when the row's amount cells are SUM or +
 * formulas over cells of their own column that agree on the rows: positions
 * in the table, in order. Undefined when the row holds no such formula.
 */
function formulaChildren(data: TableData, amount: readonly ColumnData[], p: number): number[] | undefined {
  let agreed: number[] | undefined;
  let votes = 0;
  const first = data.rows[0]!;
  for (const col of amount) {
    const f = col.formula[p];
    if (!f) continue;
    const refs = sumPrecedents(f);
    if (!refs || refs.length === 0 || refs.some((r) => r.col !== col.col)) continue;
    const rows = refs.map((r) => r.row - first).filter((x) => x >= 0 && x < data.n && x !== p);
    if (rows.length !== refs.length) continue;
    const key = rows.join(',');
    if (agreed && agreed.join(',') === key) votes++;
    else if (!agreed) {
      agreed = rows;
      votes = 1;
    }
  }
  return agreed && votes >= 1 ? agreed : undefined;
}

/**
 * Part rows (DOMAIN.md §6): rows marked "varav", "K:/M:" splits, rows after
 * a value-less "Varav" row, and dash-marked child rows, attached to the
 * figure row above them. Parts that add up to their parent make it their sum
 * (exhaustive: "Kommunstyrelsen" = its "-Tillväxtenheten …" rows; a "Netto"
 * and its "varav kostnader / varav intäkter"); others are partial varav rows,
 * at most their parent. Dash-marked rows under a group header are ordinary
 * items of the group (002_04).
 */
function partRuns(
  data: TableData,
  traits: readonly RowTraits[],
  amount: readonly ColumnData[],
): { links: PartLink[]; nodes: SumNode[] } {
  const links: PartLink[] = [];
  const nodes: SumNode[] = [];
  let parentPos = -1;
  let afterMarker = false;
  let p = 0;
  while (p < data.n) {
    const t = traits[p]!;
    if (t.base === 'group_header') {
      if (!t.varavMarker) parentPos = -1;
      afterMarker = t.varavMarker && parentPos >= 0;
      p++;
      continue;
    }
    if (t.base !== 'figure') {
      p++;
      continue;
    }
    const marked = t.part !== 'none' || afterMarker;
    if (!marked) {
      parentPos = p;
      p++;
      continue;
    }
    if (parentPos < 0) {
      // A part with nothing above it to be part of: a varav row stays a varav row; dash rows are the group's items.
      if (t.part === 'varav') links.push({ row: p, parent: -1, exhaustive: false });
      afterMarker = false;
      p++;
      continue;
    }
    // A run of parts under parentPos.
    // After a "Varav" row, dash-marked rows are still one dash run; plain rows run until their sum is reached.
    const style = afterMarker && t.part === 'none' ? 'marker' : t.part;
    const run: number[] = [];
    let q = p;
    while (q < data.n) {
      const u = traits[q]!;
      if (u.base === 'header' || u.base === 'blank') {
        q++;
        continue;
      }
      if (u.base !== 'figure') break;
      const same = style === 'marker' ? u.sum === 'none' && u.part !== 'varav' : u.part === style;
      if (!same) break;
      run.push(q);
      q++;
    }
    const fitLen = partsOf(amount, parentPos, run, style);
    if (fitLen > 0) {
      const children = run.slice(0, fitLen);
      for (const c of children) links.push({ row: c, parent: parentPos, exhaustive: true });
      const f = sumFitOf(amount, parentPos, children);
      nodes.push({
        row: parentPos,
        children,
        source: 'figures',
        above: true,
        fits: f.fits,
        evaluated: f.evaluated,
        exact: f.exact,
      });
      if (style === 'marker') {
        // Rows after the parts are the table's own again.
        afterMarker = false;
        p = run[fitLen - 1]! + 1;
        continue;
      }
    } else if (style === 'marker') {
      // "Varav" followed by rows that do not add up: the first is a partial varav, the rest are items.
      if (run.length > 0) links.push({ row: run[0]!, parent: parentPos, exhaustive: false });
      afterMarker = false;
      p = (run[0] ?? p) + 1;
      continue;
    } else if (style !== 'dash') for (const c of run) links.push({ row: c, parent: parentPos, exhaustive: false });
    // Dash-marked rows that do not add up to the row above are no breakdown of it: a label that starts
    // with "-" ("-Insatser enligt LSS") is the table's own item; only "varav" makes a partial part.
    afterMarker = false;
    p = q;
  }
  return { links, nodes };
}

function sumFitOf(
  amount: readonly ColumnData[],
  parent: number,
  children: readonly number[],
): { fits: number; evaluated: number; exact: number; nonZero: number } {
  const out = { fits: 0, evaluated: 0, exact: 0, nonZero: 0 };
  for (const col of amount) {
    const s = col.value[parent]!;
    if (Number.isNaN(s)) continue;
    let sum = 0;
    let tol = col.prec[parent]! / 2 + EPS;
    let any = false;
    for (const c of children) {
      const v = col.value[c]!;
      if (Number.isNaN(v)) continue;
      any = true;
      sum += v;
      tol += col.prec[c]! / 2;
    }
    if (!any) continue;
    out.evaluated++;
    const d = Math.abs(s - sum);
    if (d <= tol) {
      out.fits++;
      if (d <= EPS * Math.max(1, Math.abs(s))) out.exact++;
      if (Math.abs(s) > EPS) out.nonZero++;
    }
  }
  return out;
}

/** Fits of a set of parts against their parent, column by column (incremental, for prefixes). */
class PartSums {
  private readonly sums: number[];
  private readonly tols: number[];
  private readonly seen: number[];
  constructor(
    private readonly amount: readonly ColumnData[],
    private readonly parent: number,
  ) {
    this.sums = amount.map(() => 0);
    this.tols = amount.map((col) => col.prec[parent]! / 2 + EPS);
    this.seen = amount.map(() => 0);
  }

  add(q: number): { evaluated: number; fits: number; exact: number; nonZero: number } {
    const out = { evaluated: 0, fits: 0, exact: 0, nonZero: 0 };
    this.amount.forEach((col, c) => {
      const v = col.value[q]!;
      if (!Number.isNaN(v)) {
        this.sums[c]! += v;
        this.tols[c]! += col.prec[q]! / 2;
        this.seen[c]!++;
      }
      const s = col.value[this.parent]!;
      if (Number.isNaN(s) || this.seen[c] === 0) return;
      out.evaluated++;
      const d = Math.abs(s - this.sums[c]!);
      if (d <= this.tols[c]!) {
        out.fits++;
        if (d <= EPS * Math.max(1, Math.abs(s))) out.exact++;
        if (Math.abs(s) > EPS) out.nonZero++;
      }
    });
    return out;
  }
}

/**
 * How many rows of `run` are the parent's parts (0: they are partial varav
 * rows, at most their parent, not its breakdown).
 * - Dash-marked rows ("-Tillväxtenheten") are the parent's breakdown by their
 *   layout: all of them, when they add up in at least half the columns (the
 *   others then hold an error the sum check reports).
 * - "varav" rows are partial unless they add up in every column, or (a
 *   netto's "varav kostnader / varav intäkter", with opposite signs) in half.
 * - After a value-less "Varav" row, the longest run of rows that adds up
 *   exactly; else the shortest that adds up in the most columns, at least
 *   half; the rows after it are the table's own again.
 */
function partsOf(
  amount: readonly ColumnData[],
  parent: number,
  run: readonly number[],
  style: string,
): number {
  if (run.length === 0 || amount.length === 0) return 0;
  const sums = new PartSums(amount, parent);
  if (style !== 'marker') {
    let f = { evaluated: 0, fits: 0, exact: 0, nonZero: 0 };
    for (const q of run) f = sums.add(q);
    if (f.evaluated === 0 || f.nonZero === 0) return 0;
    const half = f.fits * 2 >= f.evaluated;
    if (style === 'dash' && half) return run.length;
    if (f.fits === f.evaluated) return run.length;
    let pos = false;
    let neg = false;
    for (const q of run)
      for (const col of amount) {
        const v = col.value[q]!;
        if (v > 0) pos = true;
        else if (v < 0) neg = true;
      }
    return pos && neg && half ? run.length : 0;
  }
  // Rounding room grows with every row, so the run ends where the parts stop adding up exactly, if they ever did.
  let exactFound = 0;
  let best = 0;
  let bestFits = 0;
  for (let len = 1; len <= run.length; len++) {
    const f = sums.add(run[len - 1]!);
    const allExact = f.evaluated > 0 && f.exact === f.evaluated && f.nonZero > 0;
    if (allExact) exactFound = len;
    else if (exactFound > 0) break;
    if (f.nonZero > 0 && f.fits * 2 >= f.evaluated && f.fits > bestFits) {
      bestFits = f.fits;
      best = len;
    }
  }
  return exactFound > 0 ? exactFound : best;
}

/**
 * Group sums printed above their items without a sum word ("Äldreomsorg"
 * with its services below it): a row equal in every column (two or more not
 * zero) to the run of two or more rows right below it, before the next sum
 * word or group header. Quadratic in the window, so only for small tables.
 */
function unlabelledSumsAbove(
  data: TableData,
  traits: readonly RowTraits[],
  amount: readonly ColumnData[],
  isPart: Uint8Array,
  known: Map<number, SumNode>,
): SumNode[] {
  const out: SumNode[] = [];
  const eligible = (p: number) =>
    traits[p]!.base === 'figure' && traits[p]!.sum === 'none' && !isPart[p] && !known.has(p);
  let p = 0;
  while (p < data.n) {
    if (!eligible(p)) {
      p++;
      continue;
    }
    const sums = amount.map(() => 0);
    const tols = amount.map(() => 0);
    const seen = amount.map(() => 0);
    const children: number[] = [];
    let matched = -1;
    for (let q = p + 1; q < data.n && q - p <= THRESHOLDS.sumAboveWindow; q++) {
      const t = traits[q]!;
      if (t.base === 'blank' || t.base === 'header') continue;
      if (!eligible(q)) break;
      children.push(q);
      let evaluated = 0;
      let fits = 0;
      let exactNonZero = 0;
      amount.forEach((col, c) => {
        const v = col.value[q]!;
        if (!Number.isNaN(v)) {
          sums[c]! += v;
          tols[c]! += col.prec[q]! / 2;
          seen[c]!++;
        }
        const s = col.value[p]!;
        if (Number.isNaN(s) || seen[c] === 0) return;
        evaluated++;
        const d = Math.abs(s - sums[c]!);
        if (d <= tols[c]! + col.prec[p]! / 2 + EPS) {
          fits++;
          // Rounding room proves little without a sum word: two columns must add up exactly.
          if (Math.abs(s) > EPS && d <= EPS * Math.max(1, Math.abs(s))) exactNonZero++;
        }
      });
      if (children.length >= 2 && evaluated > 0 && fits === evaluated && exactNonZero >= 2) {
        matched = q;
        break;
      }
    }
    if (matched < 0) {
      p++;
      continue;
    }
    const f = sumFitOf(amount, p, children);
    out.push({
      row: p,
      children: [...children],
      source: 'figures',
      above: true,
      fits: f.fits,
      evaluated: f.evaluated,
      exact: f.exact,
    });
    p = matched + 1;
  }
  return out;
}
