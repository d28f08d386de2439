import type { Grid } from '../grid';
import { columnByRole, isFigureRow, operand } from '../relations';
import type { TableModel } from '../schemas';

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

/** Applies what the data decide to the roles; the structure findings report each change once. */
export function reconcileRoles(grid: Grid, table: TableModel): TableModel {
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
