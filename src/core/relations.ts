import { cellAt, cellInRow, type Grid } from './grid';
import { numericValue, shownPrecision, valueDecimals } from './numbers';
import type { ColumnRole, TableColumn, TableModel, TableRow } from './schemas';

/** +1: deviation = actual − budget; −1: deviation = budget − actual. */
export type Direction = 1 | -1;

export interface DeviationDef {
  deviation: TableColumn;
  /** Utfall for the period deviation, Prognos for the annual one. */
  actual: TableColumn;
  budget: TableColumn;
}

export function columnByRole(table: TableModel, role: ColumnRole): TableColumn | undefined {
  return table.columns.find((c) => c.role === role);
}

/** Which columns each deviation column compares (a year-end table has only one budget). */
export function deviationDefs(table: TableModel): DeviationDef[] {
  const out: DeviationDef[] = [];
  const outcome = columnByRole(table, 'outcome');
  const forecast = columnByRole(table, 'forecast');
  const bp = columnByRole(table, 'budget_period');
  const ba = columnByRole(table, 'budget_annual');
  const dp = columnByRole(table, 'deviation_period');
  const da = columnByRole(table, 'deviation_annual');
  if (dp && outcome && (bp ?? ba)) out.push({ deviation: dp, actual: outcome, budget: (bp ?? ba)! });
  if (da && (forecast ?? (bp ? undefined : outcome)) && (ba ?? bp))
    out.push({ deviation: da, actual: (forecast ?? outcome)!, budget: (ba ?? bp)! });
  return out;
}

/** The direction the table's sign convention prescribes for a row (DOMAIN.md §5). */
export function conventionDirection(table: TableModel, row: TableRow): Direction {
  if (table.signConvention === 'costs_positive' && !row.revenue) return -1;
  return 1;
}

export function isFigureRow(row: TableRow): boolean {
  return row.kind === 'item' || row.kind === 'subtotal' || row.kind === 'total' || row.kind === 'varav';
}

export interface Operand {
  value: number;
  precision: number;
}

/** A cell as a number with its shown precision; undefined when empty, "..", text or error. */
export function operand(grid: Grid, row: number, col: number): Operand | undefined {
  const cell = cellAt(grid, row, col);
  if (cell.err) return undefined;
  const value = numericValue(cell.v);
  if (value === undefined) return undefined;
  if (cell.fmt !== undefined || typeof cell.v === 'string')
    return { value, precision: shownPrecision(value, cell.fmt) };
  // General format: a "0" or "12" in a one-decimal mnkr column was printed "0,0" and "12,0".
  const decimals = Math.max(valueDecimals(value), usualDecimals(grid, col));
  return { value, precision: 10 ** -decimals };
}

const decimalsCache = new WeakMap<Grid, Map<number, number>>();

/** The most common number of decimals among a column's unformatted numbers (a stray decimal does not count). */
function usualDecimals(grid: Grid, col: number): number {
  let byCol = decimalsCache.get(grid);
  if (!byCol) decimalsCache.set(grid, (byCol = new Map()));
  const known = byCol.get(col);
  if (known !== undefined) return known;
  const counts = new Map<number, number>();
  for (const row of grid.rows) {
    const cell = cellInRow(row, col);
    if (!cell || typeof cell.v !== 'number' || cell.fmt !== undefined || cell.v === 0) continue;
    const d = valueDecimals(cell.v);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, n] of counts) if (n > bestCount || (n === bestCount && d < best)) [best, bestCount] = [d, n];
  byCol.set(col, best);
  return best;
}

export function isNotAvailable(grid: Grid, row: number, col: number): boolean {
  const v = cellAt(grid, row, col).v;
  return typeof v === 'string' && /^(\.\.|…|\.\.\.)$/.test(v.trim());
}

export interface DirectionVotes {
  convention: number;
  opposite: number;
}

/**
 * Counts rows whose deviation fits the convention's direction and rows that
 * fit only the opposite one. Rows where actual and budget are within rounding
 * of each other cannot tell the directions apart and are skipped.
 */
export function directionVotes(grid: Grid, table: TableModel, def: DeviationDef): DirectionVotes {
  const votes = { convention: 0, opposite: 0 };
  for (const { row, actual, budget, deviation, tolerance } of deviationRows(grid, table, def)) {
    const diff = actual.value - budget.value;
    if (Math.abs(diff) <= 2 * tolerance) continue;
    const dir = conventionDirection(table, row);
    if (Math.abs(deviation.value - dir * diff) <= tolerance) votes.convention++;
    else if (Math.abs(deviation.value + dir * diff) <= tolerance) votes.opposite++;
  }
  return votes;
}

/** The figure rows where a deviation and both its operands hold numbers, with the rounding room of the three. */
export function* deviationRows(
  grid: Grid,
  table: TableModel,
  def: DeviationDef,
): Generator<{ row: TableRow; actual: Operand; budget: Operand; deviation: Operand; tolerance: number }> {
  for (const row of table.rows) {
    if (!isFigureRow(row)) continue;
    const actual = operand(grid, row.index, def.actual.index);
    const budget = operand(grid, row.index, def.budget.index);
    const deviation = operand(grid, row.index, def.deviation.index);
    if (!actual || !budget || !deviation) continue;
    const tolerance = (actual.precision + budget.precision + deviation.precision) / 2;
    yield { row, actual, budget, deviation, tolerance };
  }
}

/**
 * Whether a deviation column runs against the table's convention
 * (DOMAIN.md §5): decided by its values when they decide it, else by a
 * direction its header spells out ("Avvikelse budget − utfall"). Both the
 * check and the writer follow it, so a column is never turned around.
 */
export function deviationFlipped(
  grid: Grid,
  table: TableModel,
  def: DeviationDef,
  statedSign?: Direction,
): boolean {
  const votes = directionVotes(grid, table, def);
  if (votes.opposite >= 2 && votes.opposite > 2 * votes.convention) return true;
  if (votes.convention > 0) return false;
  if (statedSign === undefined) return false;
  const conventionSign = table.signConvention === 'costs_positive' ? -1 : 1;
  return statedSign !== conventionSign;
}
