import { a1, cellAt, type Grid } from './grid';
import { CODES, finding, fmt, sortFindings, type FindingCode } from './findings';
import { sumPrecedents } from './formulaRefs';
import { amountColumns, inferHierarchy, varavParents, type SumNode } from './hierarchy';
import {
  conventionDirection,
  deviationDefs,
  deviationFlipped,
  deviationRows,
  isFigureRow,
  isNotAvailable,
  operand,
  type Direction,
} from './relations';
import type { Finding, Settings, TableColumn, TableModel, TableRow } from './schemas';
import { DEFAULT_SETTINGS } from './schemas';
import { detectTables } from './structure/detect';
import { structureFindings } from './structure/findings';
import type { SheetAnalysis } from './validateStructure';
import { crossTableFindings } from './crossTable';
import { ratioFindings } from './ratios';

const EPS = 1e-9;

function rowList(rows: TableRow[]): string {
  if (rows.length === 0) return 'inga rader';
  const nums = rows.map((r) => r.index + 1);
  const contiguous = nums.every((n, i) => i === 0 || n === nums[i - 1]! + 1);
  if (contiguous && nums.length > 2) return `rad ${nums[0]}–${nums[nums.length - 1]}`;
  return `rad ${nums.join(', ')}`;
}

function labelOf(r: TableRow): string {
  return r.label ? `”${r.label}”` : `rad ${r.row}`;
}

/** One recomputed relation: exact, rounding (information) or a real error (DOMAIN.md §8). */
interface Relation {
  sheet: string;
  where: string;
  expected: number;
  actual: number;
  tolerance: number;
  related: string[];
  rounding: { code: FindingCode; message: (diff: number) => string };
  mismatch: { code: FindingCode; message: (diff: number) => string };
}

function judge(r: Relation): Finding | undefined {
  const diff = r.actual - r.expected;
  if (Math.abs(diff) <= EPS) return undefined;
  const extra = {
    expected: r.expected,
    actual: r.actual,
    difference: diff,
    tolerance: r.tolerance,
    related: r.related,
  };
  return Math.abs(diff) <= r.tolerance + EPS
    ? finding('info', r.rounding.code, r.sheet, r.where, r.rounding.message(diff), extra)
    : finding('error', r.mismatch.code, r.sheet, r.where, r.mismatch.message(diff), extra);
}

/** Formula checks: a SUM formula's precedents are the truth about what it adds (DOMAIN.md §6). */
function formulaFindings(
  grid: Grid,
  table: TableModel,
  node: SumNode,
  col: TableColumn,
  childrenOf: Map<number, TableRow[]>,
): Finding[] | undefined {
  const cell = cellAt(grid, node.row.index, col.index);
  if (!cell.f) return undefined;
  const refs = sumPrecedents(cell.f);
  if (!refs || refs.some((r) => r.col !== col.index)) return undefined;
  const where = a1(node.row.index, col.index);
  const out: Finding[] = [];
  const counts = new Map<number, number>();
  for (const r of refs) counts.set(r.row, (counts.get(r.row) ?? 0) + 1);
  const byIndex = new Map(table.rows.map((r) => [r.index, r]));
  for (const [row, n] of counts) {
    const tr = byIndex.get(row);
    if (n > 1)
      out.push(
        finding(
          'error',
          CODES.SUM_FORMULA_DOUBLE_COUNT,
          grid.sheet,
          where,
          `Formeln ${cell.f} räknar ${tr ? labelOf(tr) : `rad ${row + 1}`} ${n} gånger. Ta bort dubbletten ur formeln.`,
          { related: [a1(row, col.index)] },
        ),
      );
    if (tr?.kind === 'varav')
      out.push(
        finding(
          'error',
          CODES.SUM_FORMULA_INCLUDES_VARAV,
          grid.sheet,
          where,
          `Formeln ${cell.f} räknar med varav-raden ${labelOf(tr)}, som redan ingår i raden ovanför. Ta bort ${a1(row, col.index)} ur summan.`,
          { related: [a1(row, col.index)] },
        ),
      );
  }
  // A child counts as covered when the formula adds it, or all of its own parts (a total over items, not subtotals).
  const covered = (row: TableRow, depth = 0): boolean => {
    if (counts.has(row.index)) return true;
    const kids = childrenOf.get(row.index);
    return !!kids && kids.length > 0 && depth < 8 && kids.every((k) => covered(k, depth + 1));
  };
  const missing = node.children.filter((ch) => !covered(ch));
  if (missing.length > 0) {
    for (const m of missing) {
      out.push(
        finding(
          'error',
          CODES.SUM_FORMULA_MISSES_ROW,
          grid.sheet,
          where,
          `Formeln ${cell.f} i ${labelOf(node.row)} saknar ${labelOf(m)} (${a1(m.index, col.index)}), som hör till samma grupp. Utöka formelns område så att raden kommer med.`,
          { related: [a1(m.index, col.index)] },
        ),
      );
    }
  }
  return out;
}

function sumFindings(grid: Grid, table: TableModel, nodes: SumNode[]): Finding[] {
  const out: Finding[] = [];
  const cols = amountColumns(table);
  const childrenOf = new Map(nodes.map((n) => [n.row.index, n.children]));
  for (const node of nodes) {
    const formulaCols = cols.filter((c) => cellAt(grid, node.row.index, c.index).f);
    for (const col of cols) {
      const formulaResult = formulaFindings(grid, table, node, col, childrenOf);
      if (formulaResult && formulaResult.length > 0) {
        out.push(...formulaResult);
        continue;
      }
      const cellS = operand(grid, node.row.index, col.index);
      const emptySum =
        !cellS &&
        cellAt(grid, node.row.index, col.index).v === null &&
        !cellAt(grid, node.row.index, col.index).f;
      if (!cellS && !emptySum) continue;
      // An empty total over items that do not add up to zero is a missing figure.
      const s = cellS ?? { value: 0, precision: 0 };
      let expected = 0;
      let tol = s.precision / 2;
      let any = false;
      for (const ch of node.children) {
        if (isNotAvailable(grid, ch.index, col.index)) continue;
        const o = operand(grid, ch.index, col.index);
        if (!o) continue;
        any = true;
        expected += o.value;
        tol += o.precision / 2;
      }
      if (!any) continue;
      const where = a1(node.row.index, col.index);
      const related = node.children.map((ch) => a1(ch.index, col.index));
      const parts = `${labelOf(node.row)} i ”${col.header}” ska vara summan av ${rowList(node.children)}`;
      if (emptySum) {
        if (Math.abs(expected) > tol + EPS)
          out.push(
            finding(
              'error',
              CODES.SUM_MISMATCH,
              grid.sheet,
              where,
              `Summan saknas: ${parts}: ${fmt(expected)}, men cellen är tom. Fyll i summan (gärna som SUMMA-formel).`,
              { expected, difference: -expected, tolerance: tol, related },
            ),
          );
      } else {
        const shown = (n: number) => fmt(n, s.precision);
        const f = judge({
          sheet: grid.sheet,
          where,
          expected,
          actual: s.value,
          tolerance: tol,
          related,
          rounding: {
            code: CODES.SUM_ROUNDING,
            message: (diff) =>
              `Avrundning: ${parts}: ${shown(expected)}, cellen visar ${shown(s.value)} (skillnad ${shown(diff)}, inom avrundningsmarginalen ±${fmt(tol, s.precision / 10)}).`,
          },
          mismatch: {
            code: CODES.SUM_MISMATCH,
            message: (diff) =>
              `Summan stämmer inte: ${parts}: ${shown(expected)}, men cellen visar ${shown(s.value)} (skillnad ${shown(diff)}, mer än avrundning kan förklara: ±${fmt(tol, s.precision / 10)}). Kontrollera raderna och summan.`,
          },
        });
        if (f) out.push(f);
      }
      if (
        !cellAt(grid, node.row.index, col.index).f &&
        formulaCols.length > 0 &&
        formulaCols.length >= cols.length / 2
      ) {
        out.push(
          finding(
            'warning',
            CODES.TOTAL_NOT_FORMULA,
            grid.sheet,
            where,
            `${labelOf(node.row)} är en inskriven siffra i ”${col.header}” medan raden i övrigt är formler. Skriv en SUMMA-formel så att summan följer med när raderna ändras.`,
          ),
        );
      }
    }
  }
  return out;
}

function varavFindings(grid: Grid, table: TableModel): Finding[] {
  if (table.unit === '%') return [];
  const out: Finding[] = [];
  for (const { varav, parent } of varavParents(table)) {
    if (!/varav|därav|darav/i.test(varav.label)) continue;
    for (const col of amountColumns(table)) {
      if (col.role === 'deviation_period' || col.role === 'deviation_annual') continue;
      const v = operand(grid, varav.index, col.index);
      const p = operand(grid, parent.index, col.index);
      if (!v || !p) continue;
      const tol = (v.precision + p.precision) / 2;
      if (Math.abs(v.value) > Math.abs(p.value) + tol + EPS)
        out.push(
          finding(
            'error',
            CODES.VARAV_EXCEEDS_PARENT,
            grid.sheet,
            a1(varav.index, col.index),
            `Varav-raden ${labelOf(varav)} (${fmt(v.value, v.precision)}) är större än raden den ingår i, ${labelOf(parent)} (${fmt(p.value, p.precision)}), i ”${col.header}”. En varav-rad kan inte vara större än sin helhet.`,
            { expected: p.value, actual: v.value, related: [a1(parent.index, col.index)] },
          ),
        );
    }
  }
  return out;
}

/** The direction the values of a deviation column follow, when they clearly contradict the convention. */

function deviationFindings(grid: Grid, table: TableModel, nodes: SumNode[]): Finding[] {
  const out: Finding[] = [];
  const children = new Map(nodes.map((n) => [n.row.index, n.children]));
  for (const def of deviationDefs(table)) {
    const flip = deviationFlipped(grid, table, def);
    /**
     * Rounding room of a row's deviation: half a unit of each of the three
     * cells; on a sum row whose cells are formulas over rounded parts, the
     * room of its parts adds up (DOMAIN.md §8), since Σ(a − b − d) of the
     * parts is what the sums carry.
     */
    const room = (row: TableRow, depth = 0): number => {
      const cells = [def.actual, def.budget, def.deviation].map((c) => operand(grid, row.index, c.index));
      const own = cells.reduce((acc, o) => acc + (o?.precision ?? 0) / 2, 0);
      const kids = children.get(row.index);
      const computed = [def.actual, def.budget, def.deviation].some(
        (c) => cellAt(grid, row.index, c.index).f,
      );
      if (!kids || !computed || depth > 8) return own;
      return own + kids.reduce((acc, k) => acc + room(k, depth + 1), 0);
    };
    for (const { row, actual: a, budget: b, deviation: d } of deviationRows(grid, table, def)) {
      const dir: Direction = (
        flip ? -conventionDirection(table, row) : conventionDirection(table, row)
      ) as Direction;
      const expected = dir * (a.value - b.value);
      const where = a1(row.index, def.deviation.index);
      const formulaText =
        dir === 1
          ? `”${def.actual.header}” − ”${def.budget.header}”`
          : `”${def.budget.header}” − ”${def.actual.header}”`;
      const tol = room(row);
      const shown = (n: number) => fmt(n, d.precision);
      const f = judge({
        sheet: grid.sheet,
        where,
        expected,
        actual: d.value,
        tolerance: tol,
        related: [a1(row.index, def.actual.index), a1(row.index, def.budget.index)],
        rounding: {
          code: CODES.DEVIATION_ROUNDING,
          message: (diff) =>
            `Avrundning: avvikelsen för ${labelOf(row)} ska vara ${formulaText} = ${shown(expected)}, cellen visar ${shown(d.value)} (skillnad ${shown(diff)}, inom ±${fmt(tol, d.precision / 10)}).`,
        },
        mismatch: {
          code: CODES.DEVIATION_MISMATCH,
          message: (diff) =>
            `Avvikelsen stämmer inte för ${labelOf(row)}: ${formulaText} = ${shown(expected)}, men cellen visar ${shown(d.value)} (skillnad ${shown(diff)}, mer än avrundning: ±${fmt(tol, d.precision / 10)}).${table.signConvention === 'costs_positive' && !row.revenue ? ' Om raden är en intäkt är avvikelsen utfall − budget.' : ''}`,
        },
      });
      if (f) out.push(f);
    }
  }
  return out;
}

/** Netto = intäkter + kostnader on every row of a part block (001_03, 004_04). */
function nettoFindings(grid: Grid, table: TableModel): Finding[] {
  const out: Finding[] = [];
  const measures = new Set(
    table.columns.filter((c) => c.part === 'revenue' || c.part === 'cost').map((c) => c.measure),
  );
  for (const measure of measures) {
    const rev = table.columns.find((c) => c.part === 'revenue' && c.measure === measure);
    const cost = table.columns.find((c) => c.part === 'cost' && c.measure === measure);
    const net = table.columns.find(
      (c) =>
        c.part === 'net' && c.role === measure && c.index > Math.max(rev?.index ?? -1, cost?.index ?? -1) - 3,
    );
    if (!rev || !cost || !net) continue;
    // Costs negative: netto = intäkter + kostnader; costs positive: netto = kostnader − intäkter.
    const sign = table.signConvention === 'costs_positive' ? -1 : 1;
    for (const row of table.rows) {
      if (!isFigureRow(row)) continue;
      const r = operand(grid, row.index, rev.index);
      const c = operand(grid, row.index, cost.index);
      const n = operand(grid, row.index, net.index);
      if (!r || !c || !n) continue;
      const expected = sign === 1 ? r.value + c.value : c.value - r.value;
      const f = judge({
        sheet: grid.sheet,
        where: a1(row.index, net.index),
        expected,
        actual: n.value,
        tolerance: (r.precision + c.precision + n.precision) / 2,
        related: [a1(row.index, rev.index), a1(row.index, cost.index)],
        rounding: {
          code: CODES.SUM_ROUNDING,
          message: () =>
            `Avrundning: netto för ${labelOf(row)} ska vara intäkter och kostnader sammanlagt, ${fmt(expected, n.precision)}; cellen visar ${fmt(n.value, n.precision)}.`,
        },
        mismatch: {
          code: CODES.SUM_MISMATCH,
          message: () =>
            `Netto stämmer inte för ${labelOf(row)}: intäkter ${fmt(r.value, r.precision)} och kostnader ${fmt(c.value, c.precision)} ger ${fmt(expected, n.precision)}, men cellen visar ${fmt(n.value, n.precision)}.`,
        },
      });
      if (f) out.push(f);
    }
  }
  return out;
}

export function tableSumFindings(grid: Grid, table: TableModel): Finding[] {
  const nodes = inferHierarchy(grid, table);
  return [
    ...sumFindings(grid, table, nodes),
    ...varavFindings(grid, table),
    ...deviationFindings(grid, table, nodes),
    ...nettoFindings(grid, table),
    ...ratioFindings(grid, table),
  ];
}

/**
 * "Validera summor": every sum, deviation and varav relation of every table,
 * plus the structure findings that break sums (text numbers, error values),
 * and the relations between tables of the workbook.
 */
export function validateSums(grids: Grid[], settings: Settings = DEFAULT_SETTINGS): SheetAnalysis[] {
  const analyses = grids.map((grid) => {
    const tables = detectTables(grid, settings);
    const findings = [...structureFindings(grid, tables).filter((f) => f.code !== 'NO_TABLE')];
    for (const t of tables) findings.push(...tableSumFindings(grid, t));
    return { sheet: grid.sheet, tables, findings, grid };
  });
  const cross = crossTableFindings(
    analyses.flatMap((a) => a.tables.map((table) => ({ grid: a.grid, table }))),
  );
  return analyses.map((a) => ({
    sheet: a.sheet,
    tables: a.tables,
    findings: sortFindings([...a.findings, ...cross.filter((f) => f.sheet === a.sheet)]),
  }));
}
