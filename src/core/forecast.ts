/**
 * Full-year forecast proposals (DOMAIN.md §9). The forecast is the
 * economist's judgment: the tool proposes a formula per line, marks it as a
 * proposal, and never replaces a figure the user typed unless asked to.
 */
import { a1, isBlank, type Cell, type Grid } from './grid';
import { inferHierarchy, sumFit } from './hierarchy';
import { CODES, finding } from './findings';
import { numericValue } from './numbers';
import type { CellWrite } from './plan';
import { isFlowMeasure } from './structure/rows';
import type { ColumnRole, Finding, ForecastMethod, Settings, TableModel, TableRow } from './schemas';

/** Proposed forecast cells are marked so the user sees what to review. */
export const PROPOSAL_FILL = '#FFF2CC';

/** `level` keeps the current level: stock measures such as årsplatser are not scaled. */
export type RowMethod = ForecastMethod | 'level';

/** A1 references of one row's input cells (post-insert coordinates). */
export interface ForecastRefs {
  outcome: string;
  budgetPeriod?: string;
  budgetAnnual?: string;
  priorPeriod?: string;
  priorAnnual?: string;
}

/** The forecast formula for one row, or undefined when the method lacks an input. */
export function forecastFormula(method: RowMethod, refs: ForecastRefs, months?: number): string | undefined {
  switch (method) {
    case 'level':
      return `=${refs.outcome}`;
    case 'linear':
      return months === undefined ? undefined : `=${refs.outcome}*12/${months}`;
    case 'utfall_plus_budget':
      return refs.budgetPeriod && refs.budgetAnnual
        ? `=${refs.outcome}+(${refs.budgetAnnual}-${refs.budgetPeriod})`
        : undefined;
    case 'prior_year_profile':
      return refs.priorPeriod && refs.priorAnnual
        ? `=${refs.outcome}*(${refs.priorAnnual}/${refs.priorPeriod})`
        : undefined;
  }
}

/** Months elapsed: the period set in the task pane wins over the one read from the sheet. */
export function monthsElapsed(table: TableModel, settings: Settings): number | undefined {
  if (settings.period) return Number(settings.period.slice(5, 7));
  return table.period?.monthsElapsed;
}

/**
 * What each subtotal and total sums (DOMAIN.md §6). Where the figures of the
 * other columns decide it (the hierarchy "Validera summor" infers, kept only
 * when it fits every column), that is the answer. Otherwise the structure
 * does: a subtotal sums the items directly above it since the previous sum;
 * a sum with no items above it sums the sums still open (Summa Intäkter =
 * Summa externa + Summa interna), or, with fewer than two open, stands alone
 * like an item (its parts are not printed, 004_03). The total sums
 * everything still open (Resultat = Intäkter + Kostnader). varav rows are
 * never summed. Rows without an entry are leaves. Följetal have no sums.
 */
export function sumChildren(table: TableModel, grid?: Grid): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (table.signConvention === 'volumes') return out;
  let open: { index: number; sum: boolean }[] = [];
  for (const row of table.rows) {
    if (row.kind === 'item') open.push({ index: row.index, sum: false });
    if (row.kind !== 'subtotal' && row.kind !== 'total') continue;
    let children: number[];
    if (row.kind === 'total') {
      children = open.map((o) => o.index);
      open = [];
    } else {
      const lastSum = open.map((o) => o.sum).lastIndexOf(true);
      const items = open.slice(lastSum + 1);
      if (items.length > 0) {
        children = items.map((o) => o.index);
        open = open.slice(0, lastSum + 1);
      } else if (open.length >= 2) {
        children = open.map((o) => o.index);
        open = [];
      } else children = [];
    }
    if (children.length > 0) out.set(row.index, children);
    open.push({ index: row.index, sum: true });
  }
  if (!grid) return out;
  for (const node of inferHierarchy(grid, table)) {
    const fit = sumFit(grid, table, node.row, node.children);
    if (fit.evaluated > 0 && fit.fits === fit.evaluated)
      out.set(
        node.row.index,
        node.children.map((r) => r.index),
      );
  }
  return out;
}

/** `=SUM(F5:F9)` for a contiguous run of rows, `=F10+F23` otherwise. */
export function sumFormula(children: number[], col: number): string {
  const sorted = [...children].sort((a, b) => a - b);
  const contiguous = sorted.every((r, i) => i === 0 || r === sorted[i - 1]! + 1);
  if (sorted.length === 1) return `=${a1(sorted[0]!, col)}`;
  if (contiguous) return `=SUM(${a1(sorted[0]!, col)}:${a1(sorted[sorted.length - 1]!, col)})`;
  return `=${sorted.map((r) => a1(r, col)).join('+')}`;
}

export interface ForecastInput {
  /** The sheet as it is now (before the plan): its figures decide what the sums add up. */
  grid: Grid;
  table: TableModel;
  settings: Settings;
  /** Post-insert column of each role the table has (existing or inserted). */
  col: Partial<Record<ColumnRole, number>>;
  /** The cell as it is now (empty for an inserted column). */
  cell: (row: number, role: ColumnRole) => Cell;
  numberFormat: string;
}

export interface ForecastPlan {
  writes: CellWrite[];
  findings: Finding[];
  proposed: number;
  kept: number;
}

const NOT_AVAILABLE = /^(\.\.|…|\.\.\.)$/;
const DASH = /^[-\u2212\u2013\u2014]$/;

/**
 * A cell reference as a formula operand. A lone dash means "nothing to
 * report", zero (DOMAIN.md §7); as text it would make the formula #VALUE!,
 * so it is read through N().
 */
export function operandRef(cell: Cell, ref: string): string {
  return !cell.f && typeof cell.v === 'string' && DASH.test(cell.v.trim()) ? `N(${ref})` : ref;
}

function isNA(cell: Cell): boolean {
  return !cell.f && typeof cell.v === 'string' && NOT_AVAILABLE.test(cell.v.trim());
}

function sameContent(cell: Cell, w: { formula?: string; value?: CellWrite['value'] }): boolean {
  if (w.formula !== undefined) return cell.f === w.formula;
  return !cell.f && typeof cell.v === 'string' && typeof w.value === 'string' && cell.v.trim() === w.value;
}

function methodFor(table: TableModel, row: TableRow, settings: Settings): RowMethod {
  if (table.signConvention === 'volumes') {
    if (!isFlowMeasure(row)) return 'level';
    return settings.forecastMethod === 'prior_year_profile' ? 'prior_year_profile' : 'linear';
  }
  return settings.forecastMethod;
}

/** Plans the forecast column of one table; `col.forecast` and `col.outcome` must be set. */
export function planForecasts(input: ForecastInput): ForecastPlan {
  const { table, settings, col, cell } = input;
  const plan: ForecastPlan = { writes: [], findings: [], proposed: 0, kept: 0 };
  const fc = col.forecast;
  if (fc === undefined || col.outcome === undefined) return plan;
  const months = monthsElapsed(table, settings);
  const sums = sumChildren(table, input.grid);
  const noPeriod: TableRow[] = [];
  const profileFallback: TableRow[] = [];
  const ref = (row: number, role: ColumnRole) =>
    col[role] === undefined ? undefined : operandRef(cell(row, role), a1(row, col[role]!));

  /** Rows whose forecast cell will hold something: typed, kept or proposed. */
  const filled = new Set<number>();
  const writable = (row: TableRow) => {
    const existing = cell(row.index, 'forecast');
    if (!isBlank(existing)) filled.add(row.index);
    return isBlank(existing) || settings.overwriteForecasts;
  };
  const propose = (row: TableRow, w: { formula?: string; value?: string }) => {
    filled.add(row.index);
    if (sameContent(cell(row.index, 'forecast'), w)) return;
    plan.writes.push({
      row: row.index,
      col: fc,
      ...w,
      numberFormat: input.numberFormat,
      fill: PROPOSAL_FILL,
      italic: true,
    });
    plan.proposed++;
  };
  /** A typed forecast is kept; one the tool wrote before (same formula) is not the user's. */
  const keep = (row: TableRow, w?: { formula?: string; value?: string }) => {
    if (!w || !sameContent(cell(row.index, 'forecast'), w)) plan.kept++;
  };

  const sumRows: TableRow[] = [];
  for (const row of table.rows) {
    if (sums.has(row.index)) {
      sumRows.push(row);
      continue;
    }
    if (row.kind !== 'item' && row.kind !== 'varav' && row.kind !== 'subtotal' && row.kind !== 'total')
      continue;
    const canWrite = writable(row);

    let method = methodFor(table, row, settings);
    let fellBack = false;
    if (method === 'prior_year_profile') {
      const pa = numericValue(cell(row.index, 'outcome_prior_year_annual').v);
      const pp = numericValue(cell(row.index, 'outcome_prior_year').v);
      if (col.outcome_prior_year_annual === undefined || col.outcome_prior_year === undefined || !pa || !pp) {
        method = table.signConvention === 'volumes' ? 'linear' : 'utfall_plus_budget';
        fellBack = true;
      }
    }
    if (
      method === 'utfall_plus_budget' &&
      (col.budget_period === undefined || col.budget_annual === undefined)
    )
      method = 'linear';

    const inputs: ColumnRole[] =
      method === 'utfall_plus_budget'
        ? ['outcome', 'budget_period', 'budget_annual']
        : method === 'prior_year_profile'
          ? ['outcome', 'outcome_prior_year_annual', 'outcome_prior_year']
          : ['outcome'];
    const cells = inputs.map((r) => cell(row.index, r));
    let w: { formula?: string; value?: string } | undefined;
    if (cells.every((c) => isBlank(c))) w = undefined;
    else if (method === 'linear' && months === undefined) w = undefined;
    else if (cells.some(isNA)) w = { value: '..' };
    else {
      const refs: ForecastRefs = { outcome: ref(row.index, 'outcome')! };
      const bp = ref(row.index, 'budget_period');
      const ba = ref(row.index, 'budget_annual');
      const pp = ref(row.index, 'outcome_prior_year');
      const pa = ref(row.index, 'outcome_prior_year_annual');
      if (bp) refs.budgetPeriod = bp;
      if (ba) refs.budgetAnnual = ba;
      if (pp) refs.priorPeriod = pp;
      if (pa) refs.priorAnnual = pa;
      const formula = forecastFormula(method, refs, months);
      if (formula) w = { formula };
    }
    if (!canWrite) {
      keep(row, w);
      continue;
    }
    if (!w) {
      if (method === 'linear' && months === undefined && !cells.every((c) => isBlank(c))) noPeriod.push(row);
      continue;
    }
    if (fellBack) profileFallback.push(row);
    propose(row, w);
  }

  // Sums last, so they know which of their rows got a forecast; a sum over nothing stays empty.
  const hasForecast = (index: number, seen: Set<number>): boolean => {
    if (filled.has(index)) return true;
    const children = sums.get(index);
    if (!children || seen.has(index)) return false;
    seen.add(index);
    return children.some((c) => hasForecast(c, seen));
  };
  for (const row of sumRows) {
    const w = { formula: sumFormula(sums.get(row.index)!, fc) };
    if (!writable(row)) keep(row, w);
    else if (sums.get(row.index)!.some((c) => hasForecast(c, new Set([row.index])))) propose(row, w);
  }

  const header = a1(table.headerRows[table.headerRows.length - 1]! - 1, fc);
  if (noPeriod.length > 0)
    plan.findings.push(
      finding(
        'warning',
        CODES.UNKNOWN_PERIOD,
        input.grid.sheet,
        header,
        `Rapportperioden är okänd, så prognosen (utfall × 12 / antal månader) kan inte räknas för ${noPeriod.length} rad${noPeriod.length === 1 ? '' : 'er'}. Ange rapportperioden (t.ex. 2024-08) i Budgetkolls åtgärdsfönster och kör igen.`,
        { related: noPeriod.map((r) => a1(r.index, fc)) },
      ),
    );
  if (profileFallback.length > 0)
    plan.findings.push(
      finding(
        'info',
        CODES.MISSING_COLUMN,
        input.grid.sheet,
        header,
        `Föregående års utfall (perioden och helår) saknas eller är noll för ${profileFallback.length} rad${profileFallback.length === 1 ? '' : 'er'}; där föreslås prognosen i stället som ${table.signConvention === 'volumes' ? 'utfall × 12 / antal månader' : 'utfall + återstående budget'}.`,
        { related: profileFallback.map((r) => a1(r.index, fc)) },
      ),
    );
  return plan;
}
