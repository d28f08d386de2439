import type { Grid } from '../grid';
import {
  columnByRole,
  conventionDirection,
  deviationDefs,
  deviationRows,
  isFigureRow,
  operand,
} from '../relations';
import { classifyHeader } from './headers';
import type { ColumnRole, TableModel } from '../schemas';

/**
 * A header can lie about its content (DOMAIN.md §4): 003's "Årsprognos 2024"
 * holds the forecast deviation. A forecast amount is of the same order as the
 * annual budget; a column whose values are mostly a small fraction of it, with
 * signs that differ from the budget's, is a deviation.
 */
export function forecastHoldsDeviation(grid: Grid, table: TableModel): boolean {
  const forecast = columnByRole(table, 'forecast');
  const budget = columnByRole(table, 'budget_annual');
  if (!forecast || !budget || columnByRole(table, 'deviation_annual')) return false;
  let small = 0;
  let n = 0;
  for (const row of table.rows) {
    if (!isFigureRow(row)) continue;
    const f = operand(grid, row.index, forecast.index);
    const b = operand(grid, row.index, budget.index);
    if (!f || !b || Math.abs(b.value) < 1e-9) continue;
    n++;
    const ratio = f.value / b.value;
    if (ratio < 0.3) small++;
  }
  return n >= 3 && small / n >= 0.8;
}

/** Rows whose deviation fits `role`'s definition (in either direction: the sign is judged elsewhere). */
function deviationFit(grid: Grid, table: TableModel, devIndex: number, role: ColumnRole): number {
  const trial: TableModel = {
    ...table,
    columns: table.columns.map((c) =>
      c.index === devIndex ? { ...c, role } : c.role === role ? { ...c, role: 'other' as const } : c,
    ),
  };
  const def = deviationDefs(trial).find((d) => d.deviation.index === devIndex);
  if (!def) return -1;
  let fits = 0;
  for (const { row, actual, budget, deviation, tolerance } of deviationRows(grid, table, def)) {
    const diff = conventionDirection(table, row) * (actual.value - budget.value);
    if (Math.abs(deviation.value - diff) <= tolerance || Math.abs(deviation.value + diff) <= tolerance)
      fits++;
  }
  return fits;
}

/**
 * A deviation header without "period"/"helår" ("Avvikelse", "Avvik") compares
 * whichever pair its values fit: utfall − budget or prognos − budget.
 */
function unscopedDeviations(grid: Grid, table: TableModel): TableModel {
  let out = table;
  for (const col of table.columns) {
    if (col.roleSource !== 'header' || (col.role !== 'deviation_period' && col.role !== 'deviation_annual'))
      continue;
    if (classifyHeader(col.header).scope !== undefined) continue;
    const other: ColumnRole = col.role === 'deviation_period' ? 'deviation_annual' : 'deviation_period';
    if (out.columns.some((c) => c.role === other)) continue;
    const now = deviationFit(grid, out, col.index, col.role);
    const alt = deviationFit(grid, out, col.index, other);
    if (alt > now && alt >= 2)
      out = {
        ...out,
        columns: out.columns.map((c) =>
          c.index === col.index ? { ...c, role: other, roleSource: 'data' } : c,
        ),
      };
  }
  return out;
}

/** Applies what the data decide to the roles; the structure findings report each change once. */
export function reconcileRoles(grid: Grid, input: TableModel): TableModel {
  const table = unscopedDeviations(grid, input);
  if (!forecastHoldsDeviation(grid, table)) return table;
  return {
    ...table,
    columns: table.columns.map((c) =>
      c.role === 'forecast' && c.roleSource !== 'user'
        ? { ...c, role: 'deviation_annual', roleSource: 'data' }
        : c,
    ),
  };
}
