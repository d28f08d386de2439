/**
 * "Validera summor" for one table: every sum and its formula, every varav
 * row, every deviation and netto, recomputed from the model's structure and
 * judged by one rounding rule (common.ts).
 */
import { a1, append, cellInRow } from '../grid';
import { CODES, finding, fmt } from '../findings';
import { sumPrecedents } from '../formulaRefs';
import { shownFormula } from '../formulaDisplay';
import { deviationDirection, type DeviationDef, type TableReading } from '../model';
import { K } from '../read/cells';
import type { ColumnData } from '../read/data';
import type { SumNode } from '../read/hierarchy';
import type { Finding } from '../schemas';
import { compact } from '../text';
import { THRESHOLDS } from '../thresholds';
import { EPS, cellOf, figurePositions, judge, labelOf, roundingRoom, rowList } from './common';

/** What a finding list needs to tell the text numbers' consequences from other faults. */
export interface SumCheckResult {
  findings: Finding[];
  /** Sum cells (A1) whose total misses a text number of their children, by the text number's cell. */
  textNumberSums: Map<string, string[]>;
  /** Error cells whose error comes from one of their children (A1 → the child's A1). */
  errorCauses: Map<string, string>;
}

function rowsOf(t: TableReading, positions: readonly number[]): number[] {
  return positions.map((p) => t.data.rows[p]! + 1);
}

/** A SUM formula's precedents are the truth about what it adds (DOMAIN.md §6). */
function formulaFindings(t: TableReading, node: SumNode, col: ColumnData): Finding[] | undefined {
  const raw = col.formula[node.row];
  if (!raw) return undefined;
  const refs = sumPrecedents(raw);
  // Written out only for a message (most sums have none).
  const shown = () => shownFormula(raw, t.formulaLanguage);
  if (!refs || refs.some((r) => r.col !== col.col)) return undefined;
  const sheet = t.grid.sheet;
  const where = cellOf(t, node.row, col);
  const out: Finding[] = [];
  const first = t.data.rows[0]!;
  const counts = new Map<number, number>();
  for (const r of refs) counts.set(r.row, (counts.get(r.row) ?? 0) + 1);
  for (const [row, n] of counts) {
    const pos = row - first;
    const inTable = pos >= 0 && pos < t.data.n;
    const name = inTable ? labelOf(t, pos) : `rad ${row + 1}`;
    if (n > 1)
      out.push(
        finding(
          'error',
          CODES.SUM_FORMULA_DOUBLE_COUNT,
          sheet,
          where,
          `Formeln ${shown()} räknar ${name} ${n} gånger. Ta bort dubbletten ur formeln.`,
          {
            related: [a1(row, col.col)],
          },
        ),
      );
    if (
      inTable &&
      t.kinds[pos] === 'varav' &&
      !t.hierarchy.parts.some((l) => l.row === pos && l.exhaustive && l.parent === node.row)
    )
      out.push(
        finding(
          'error',
          CODES.SUM_FORMULA_INCLUDES_VARAV,
          sheet,
          where,
          `Formeln ${shown()} räknar med varav-raden ${name}, som redan ingår i raden ovanför. Ta bort ${a1(row, col.col)} ur summan.`,
          { related: [a1(row, col.col)] },
        ),
      );
  }
  // A child counts as covered when the formula adds it, or all of its own parts (a total over items, not subtotals).
  const covered = (pos: number, depth = 0): boolean => {
    if (counts.has(t.data.rows[pos]!)) return true;
    const kids = t.hierarchy.nodeAt.get(pos)?.children;
    return !!kids && kids.length > 0 && depth < 8 && kids.every((k) => covered(k, depth + 1));
  };
  for (const m of node.children.filter((c) => !covered(c)))
    out.push(
      finding(
        'error',
        CODES.SUM_FORMULA_MISSES_ROW,
        sheet,
        where,
        `Formeln ${shown()} i ${labelOf(t, node.row)} saknar ${labelOf(t, m)} (${cellOf(t, m, col)}), som hör till samma grupp. Utöka formelns område så att raden kommer med.`,
        { related: [cellOf(t, m, col)] },
      ),
    );
  return out;
}

/**
 * The same formula defect in every column of a sum row (a SUM that includes
 * a varav row, in Utfall, Budget and Prognos alike) is one finding for the
 * row: the first column's, naming the others.
 */
function foldAcrossColumns(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const row = f.cell.replace(/^[A-Z]+/, '');
    const target = (f.related?.[0] ?? '').replace(/^[A-Z]+/, '');
    const key = `${f.code}|${row}|${target}`;
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  const out: Finding[] = [];
  for (const list of byKey.values()) {
    const first = list[0]!;
    if (list.length === 1) {
      out.push(first);
      continue;
    }
    const others = list.slice(1).map((f) => f.cell);
    out.push({
      ...first,
      message: `${first.message} Samma fel finns i ${others.join(', ')}.`,
      related: [...(first.related ?? []), ...others, ...list.slice(1).flatMap((f) => f.related ?? [])],
    });
  }
  return out;
}

/**
 * A sum row's deviation that is the difference of the row's own sums, while
 * an item below holds a number stored as text or an error value in the
 * deviation or its operands: the deviations do not add up because of that
 * cell (SUM leaves the text out of the sums, the item's own difference reads
 * it). The cell's finding names the sum row; no second error is raised.
 */
function deviationOfOwnSums(
  t: TableReading,
  def: DeviationDef | undefined,
  node: SumNode,
  p: number,
  tol: number,
  result: SumCheckResult,
): boolean {
  if (!def) return false;
  const a = def.actual.value[p]!;
  const b = def.budget.value[p]!;
  const s = def.dev.value[p]!;
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(s)) return false;
  const own = deviationDirection(t, def, p) === 1 ? a - b : b - a;
  const room = tol + roundingRoom([def.actual.prec[p]!, def.budget.prec[p]!]);
  if (Math.abs(s - own) > room + EPS) return false;
  const cols = [def.actual, def.budget, def.dev];
  let cause: string | undefined;
  let errorBelow = false;
  for (const c of node.children)
    for (const col of cols) {
      const k = col.kind[c];
      if (k === K.TEXTNUM && col !== def.dev && cause === undefined) cause = cellOf(t, c, col);
      else if (k === K.ERROR || k === K.TEXTNUM) errorBelow = true;
    }
  if (cause !== undefined) {
    const list = result.textNumberSums.get(cause) ?? [];
    list.push(cellOf(t, p, def.dev));
    result.textNumberSums.set(cause, list);
    return true;
  }
  // An error value below is reported where it is.
  return errorBelow;
}

function sumFindings(t: TableReading, result: SumCheckResult): void {
  const sheet = t.grid.sheet;
  const devDefs = new Map(t.deviations.map((d) => [d.dev, d] as const));
  for (const node of t.hierarchy.nodes) {
    const formulaCols = t.amount.filter((c) => c.formula[node.row]);
    const defects: Finding[] = [];
    for (const col of t.amount) {
      const formulas = formulaFindings(t, node, col);
      if (formulas && formulas.length > 0) {
        append(defects, formulas);
        continue;
      }
      const p = node.row;
      const kind = col.kind[p]!;
      const where = cellOf(t, p, col);
      const s = col.value[p]!;
      const empty = kind === K.EMPTY;
      if (kind === K.ERROR) {
        // An error in a sum: name the child it comes from, if one is an error or text.
        const child = node.children.find((c) => col.kind[c] === K.ERROR || col.kind[c] === K.TEXTNUM);
        if (child !== undefined) result.errorCauses.set(where, cellOf(t, child, col));
        continue;
      }
      if (Number.isNaN(s) && !empty) continue;
      let all = 0;
      let excel = 0;
      let any = false;
      const textChildren: number[] = [];
      const precisions: number[] = [empty ? 0 : col.prec[p]!];
      for (const c of node.children) {
        const v = col.value[c]!;
        if (Number.isNaN(v)) continue;
        any = true;
        // Deviations already turn revenues around: a difference of amounts is a plain sum of deviations.
        const sign = node.minus?.has(c) && col.info.measure !== 'deviation' ? -1 : 1;
        all += sign * v;
        if (col.kind[c] === K.TEXTNUM) textChildren.push(c);
        else excel += sign * v;
        precisions.push(col.prec[c]!);
      }
      if (!any) continue;
      const tol = roundingRoom(precisions);
      const tnf = !col.formula[p] && formulaCols.length > 0 && formulaCols.length * 2 >= t.amount.length;
      // Exact sums are the common case: nothing to build for them.
      if (!empty && !tnf && Math.abs(s - all) <= EPS * Math.max(1, Math.abs(all))) continue;
      const related = node.children.map((c) => cellOf(t, c, col));
      const parts = `${labelOf(t, p)} i ”${col.header}” ska vara ${node.minus ? 'skillnaden' : 'summan'} av ${rowList(rowsOf(t, node.children))}`;
      if (empty) {
        if (Math.abs(all) > tol + EPS)
          result.findings.push(
            finding(
              'error',
              CODES.SUM_MISMATCH,
              sheet,
              where,
              `Summan saknas: ${parts}: ${fmt(all)}, men cellen är tom. Fyll i summan (gärna som SUMMA-formel).`,
              {
                expected: all,
                difference: -all,
                tolerance: tol,
                related,
              },
            ),
          );
        continue;
      }
      // A total that misses only the amounts stored as text is the text numbers' fault, reported at them.
      if (textChildren.length > 0 && Math.abs(s - excel) <= tol + EPS && Math.abs(s - all) > tol + EPS) {
        for (const c of textChildren) {
          const key = cellOf(t, c, col);
          const list = result.textNumberSums.get(key) ?? [];
          list.push(where);
          result.textNumberSums.set(key, list);
        }
        continue;
      }
      if (deviationOfOwnSums(t, devDefs.get(col), node, p, tol, result)) continue;
      const u = col.prec[p]!;
      const shown = (n: number) => fmt(n, u);
      const f = judge({
        sheet,
        where,
        expected: all,
        actual: s,
        tolerance: tol,
        related,
        rounding: {
          code: CODES.SUM_ROUNDING,
          message: (diff) =>
            `Avrundning: ${parts}: ${shown(all)}, cellen visar ${shown(s)} (skillnad ${shown(diff)}, inom avrundningsmarginalen ±${fmt(tol, u / 10)}).`,
        },
        mismatch: {
          code: CODES.SUM_MISMATCH,
          message: (diff) =>
            `Summan stämmer inte: ${parts}: ${shown(all)}, men cellen visar ${shown(s)} (skillnad ${shown(diff)}, mer än avrundning kan förklara: ±${fmt(tol, u / 10)}). Kontrollera raderna och summan.`,
        },
      });
      if (f) result.findings.push(f);
      if (tnf)
        result.findings.push(
          finding(
            'warning',
            CODES.TOTAL_NOT_FORMULA,
            sheet,
            where,
            `${labelOf(t, p)} är en inskriven siffra i ”${col.header}” medan raden i övrigt är formler. Skriv en SUMMA-formel så att summan följer med när raderna ändras.`,
          ),
        );
    }
    append(result.findings, foldAcrossColumns(defects));
  }
}

/** Partial varav rows are at most their whole (DOMAIN.md §6); exhaustive parts are checked as a sum. */
function varavFindings(t: TableReading): Finding[] {
  if (t.model.unit === '%' || t.model.unit === 'mixed') return [];
  const out: Finding[] = [];
  const devCols = new Set(t.deviations.map((d) => d.dev));
  for (const link of t.hierarchy.parts) {
    if (link.exhaustive || link.parent < 0) continue;
    if (!/varav|darav/.test(compact(t.data.labels[link.row]!))) continue;
    for (const col of t.amount) {
      if (devCols.has(col) || col.info.measure === 'deviation') continue;
      const v = col.value[link.row]!;
      const pv = col.value[link.parent]!;
      if (Number.isNaN(v) || Number.isNaN(pv)) continue;
      const tol = roundingRoom([col.prec[link.row]!, col.prec[link.parent]!]);
      if (Math.abs(v) > Math.abs(pv) + tol + EPS)
        out.push(
          finding(
            'error',
            CODES.VARAV_EXCEEDS_PARENT,
            t.grid.sheet,
            cellOf(t, link.row, col),
            `Varav-raden ${labelOf(t, link.row)} (${fmt(v, col.prec[link.row])}) är större än raden den ingår i, ${labelOf(t, link.parent)} (${fmt(pv, col.prec[link.parent])}), i ”${col.header}”. En varav-rad kan inte vara större än sin helhet.`,
            { expected: pv, actual: v, related: [cellOf(t, link.parent, col)] },
          ),
        );
    }
  }
  return out;
}

/** SANT cells in `col` on the rows a sum row adds up, down its tree (FALSKT counts as 0 either way). */
function truesBelow(t: TableReading, p: number, col: ColumnData, depth = 0): number {
  const kids = t.hierarchy.nodeAt.get(p)?.children;
  if (!kids || depth > 8) return 0;
  let n = 0;
  for (const k of kids) {
    if (col.kind[k] === K.BOOL) {
      const row = t.data.gridRows[k];
      if (row && cellInRow(row, col.col)?.v === true) n++;
    }
    n += truesBelow(t, k, col, depth + 1);
  }
  return n;
}

/**
 * Deviations: each row's deviation against its definition, in the direction
 * the table's values show. On a sum row whose cells are formulas over rounded
 * parts, the rounding room of its parts adds up (DOMAIN.md §8).
 */
function deviationFindings(t: TableReading): Finding[] {
  const out: Finding[] = [];
  const sheet = t.grid.sheet;
  for (const def of t.deviations) {
    const trio = [def.actual, def.budget, def.dev];
    const room = (p: number, depth = 0): number => {
      const own = roundingRoom(trio.map((c) => (Number.isNaN(c.value[p]!) ? 0 : c.prec[p]!)));
      const kids = t.hierarchy.nodeAt.get(p)?.children;
      if (!kids || depth > 8 || !trio.some((c) => c.formula[p])) return own;
      return own + kids.reduce((acc, k) => acc + room(k, depth + 1), 0);
    };
    for (const p of figurePositions(t)) {
      const a = def.actual.value[p]!;
      const b = def.budget.value[p]!;
      const d = def.dev.value[p]!;
      if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(d)) continue;
      const dir = deviationDirection(t, def, p);
      const expected = dir * (a - b);
      if (Math.abs(d - expected) <= EPS * Math.max(1, Math.abs(expected))) continue;
      const u = def.dev.prec[p]!;
      const shown = (n: number) => fmt(n, u);
      const formulaText =
        dir === 1
          ? `”${def.actual.header}” − ”${def.budget.header}”`
          : `”${def.budget.header}” − ”${def.actual.header}”`;
      const tol = room(p);
      // SANT below counts as 1 in the items' own differences and not at all in SUM: a sum row whose
      // deviation adds up the items' is off by exactly that, which the NOT_AN_AMOUNT warning at the SANT explains.
      if (t.hierarchy.nodeAt.has(p)) {
        const truths = dir * (truesBelow(t, p, def.actual) - truesBelow(t, p, def.budget));
        if (truths !== 0 && Math.abs(d - expected - truths) <= tol + EPS) continue;
      }
      const f = judge({
        sheet,
        where: cellOf(t, p, def.dev),
        expected,
        actual: d,
        tolerance: tol,
        related: [cellOf(t, p, def.actual), cellOf(t, p, def.budget)],
        rounding: {
          code: CODES.DEVIATION_ROUNDING,
          message: (diff) =>
            `Avrundning: avvikelsen för ${labelOf(t, p)} ska vara ${formulaText} = ${shown(expected)}, cellen visar ${shown(d)} (skillnad ${shown(diff)}, inom ±${fmt(tol, u / 10)}).`,
        },
        mismatch: {
          code: CODES.DEVIATION_MISMATCH,
          message: (diff) =>
            `Avvikelsen stämmer inte för ${labelOf(t, p)}: ${formulaText} = ${shown(expected)}, men cellen visar ${shown(d)} (skillnad ${shown(diff)}, mer än avrundning: ±${fmt(tol, u / 10)}).${t.signConvention === 'costs_positive' && !t.revenue[p] ? ' Om raden är en intäkt är avvikelsen utfall − budget.' : ''}`,
        },
      });
      if (f) out.push(f);
    }
  }
  return out;
}

/** Netto = intäkter + kostnader (or kostnader − intäkter) on every row of a part block (001_03, 004_04, Tyresö). */
function nettoFindings(t: TableReading): Finding[] {
  const out: Finding[] = [];
  for (const b of t.nettos) {
    for (const p of figurePositions(t)) {
      const r = b.revenue.value[p]!;
      const c = b.cost.value[p]!;
      const n = b.net.value[p]!;
      if (Number.isNaN(r) || Number.isNaN(c) || Number.isNaN(n)) continue;
      const expected = b.form === 'sum' ? r + c : c - r;
      if (Math.abs(n - expected) <= EPS * Math.max(1, Math.abs(expected))) continue;
      const u = b.net.prec[p]!;
      const how = b.form === 'sum' ? 'intäkter och kostnader sammanlagt' : 'kostnader minus intäkter';
      const f = judge({
        sheet: t.grid.sheet,
        where: cellOf(t, p, b.net),
        expected,
        actual: n,
        tolerance: roundingRoom([b.revenue.prec[p]!, b.cost.prec[p]!, u]),
        related: [cellOf(t, p, b.revenue), cellOf(t, p, b.cost)],
        rounding: {
          code: CODES.SUM_ROUNDING,
          message: () =>
            `Avrundning: netto för ${labelOf(t, p)} ska vara ${how}, ${fmt(expected, u)}; cellen visar ${fmt(n, u)}.`,
        },
        mismatch: {
          code: CODES.SUM_MISMATCH,
          message: () =>
            `Netto stämmer inte för ${labelOf(t, p)}: intäkter ${fmt(r, b.revenue.prec[p])} och kostnader ${fmt(c, b.cost.prec[p])} ger ${fmt(expected, u)} (${how}), men cellen visar ${fmt(n, u)}.`,
        },
      });
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * Placements derived from days (följetal): "Antal placeringar" = dygn / days
 * in the period, the same divisor in every period column. A column whose
 * ratio breaks the pattern of the others is a real error (001_16, 2020).
 */
function ratioFindings(t: TableReading): Finding[] {
  if (t.signConvention !== 'volumes') return [];
  const labels = t.data.labels.map((l) => compact(l));
  const days = figurePositions(t).find((p) => /dygn/.test(labels[p]!) && !/per|snitt/.test(labels[p]!));
  if (days === undefined) return [];
  const out: Finding[] = [];
  for (const p of figurePositions(t)) {
    if (!/placering/.test(labels[p]!)) continue;
    const pairs = t.amount
      .map((c) => ({ c, d: c.value[days]!, v: c.value[p]! }))
      .filter((x) => !Number.isNaN(x.d) && !Number.isNaN(x.v) && x.v > 0 && x.d > 0);
    if (pairs.length < 3) continue;
    const ratios = pairs.map((x) => x.d / x.v).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    for (const x of pairs) {
      const expected = x.d / median;
      const tol = x.c.prec[p]! / 2 + expected * THRESHOLDS.ratioTolerance;
      const diff = x.v - expected;
      if (Math.abs(diff) > tol)
        out.push(
          finding(
            'error',
            CODES.RATIO_MISMATCH,
            t.grid.sheet,
            cellOf(t, p, x.c),
            `${labelOf(t, p)} i ”${x.c.header}” är ${fmt(x.v, x.c.prec[p])}, men ${fmt(x.d)} dygn delat med periodens cirka ${Math.round(median)} dagar (som i övriga kolumner) ger ${fmt(expected, x.c.prec[p])}. Någon av siffrorna är fel.`,
            { expected, actual: x.v, difference: diff, tolerance: tol, related: [cellOf(t, days, x.c)] },
          ),
        );
    }
  }
  return out;
}

/** A deviation showing #VALUE! because an operand on its row is a number stored as text: named as its cause. */
function deviationErrorCauses(t: TableReading, result: SumCheckResult): void {
  for (const def of t.deviations)
    for (let p = 0; p < t.data.n; p++) {
      if (def.dev.kind[p] !== K.ERROR) continue;
      const operand =
        def.actual.kind[p] === K.TEXTNUM
          ? def.actual
          : def.budget.kind[p] === K.TEXTNUM
            ? def.budget
            : undefined;
      if (operand) result.errorCauses.set(cellOf(t, p, def.dev), cellOf(t, p, operand));
    }
}

export function tableSumFindings(t: TableReading): SumCheckResult {
  const result: SumCheckResult = { findings: [], textNumberSums: new Map(), errorCauses: new Map() };
  deviationErrorCauses(t, result);
  sumFindings(t, result);
  for (const list of [varavFindings(t), deviationFindings(t), nettoFindings(t), ratioFindings(t)])
    append(result.findings, list);
  return result;
}
