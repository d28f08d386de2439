import type { Grid } from '../grid';
import { amountColumns, sumFit } from '../hierarchy';
import { operand } from '../relations';
import type { TableColumn, TableModel, TableRow } from '../schemas';

/**
 * Sum rows without a sum word ("Äldreomsorg totalt" is ambiguous as a word,
 * "Socialnämnden" is not one at all) are recognised by their figures: a row
 * that equals the run of at least two items directly above it in every amount
 * column with figures (two or more, not all zero) is a subtotal; the last such
 * row that sums everything above is the total.
 */
export function promoteNumericSums(grid: Grid, table: TableModel): TableModel {
  const rows = table.rows.map((r) => ({ ...r }));
  const cols = amountColumns(table);
  const hasTotal = rows.some((r) => r.kind === 'total');
  let lastFigure = -1;
  rows.forEach((r, i) => {
    if (r.kind === 'item' || r.kind === 'subtotal' || r.kind === 'total') lastFigure = i;
  });
  /** Rows not yet inside a sum: the parts of a grand total. */
  const open: TableRow[] = [];
  let run: TableRow[] = [];
  // Running sums of the current run, so a long flat table is checked in linear time.
  let runSum = cols.map(() => 0);
  const resetRun = () => {
    run = [];
    runSum = cols.map(() => 0);
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.kind === 'group_header' || row.kind === 'subtotal' || row.kind === 'total') {
      resetRun();
      if (row.kind === 'subtotal') open.push(row);
      continue;
    }
    if (row.kind !== 'item') continue;
    const isLast = i === lastFigure;
    const hinted = SUFFIX_SUM.test(row.label.trim());
    const closes =
      run.length >= 2 && quickMatch(grid, row, cols, runSum) && fitsSum(grid, table, row, run, hinted);
    const grand =
      !closes && isLast && !hasTotal && open.length >= 2 && fitsSum(grid, table, row, open, false);
    if (!closes && !grand) {
      open.push(row);
      run.push(row);
      cols.forEach((c, k) => (runSum[k]! += operand(grid, row.index, c.index)?.value ?? 0));
      continue;
    }
    if (closes) {
      const inRun = new Set(run.map((r) => r.index));
      for (let k = open.length - 1; k >= 0; k--) if (inRun.has(open[k]!.index)) open.splice(k, 1);
    }
    row.kind = isLast && !hasTotal ? 'total' : 'subtotal';
    open.push(row);
    resetRun();
  }
  return { ...table, rows };
}

/** Cheap pre-check: some amount column of the row is within a few units of the run's sum. */
function quickMatch(grid: Grid, row: TableRow, cols: TableColumn[], runSum: number[]): boolean {
  return cols.some((c, k) => {
    const o = operand(grid, row.index, c.index);
    return (
      o !== undefined &&
      Math.abs(o.value) > 1e-9 &&
      Math.abs(o.value - runSum[k]!) <= Math.max(1, Math.abs(o.value) * 1e-3)
    );
  });
}

/** "Äldreomsorg totalt", "Summa": a sum word at the end is a hint, so one fitting column is enough. */
const SUFFIX_SUM = /\b(totalt|summa|total|sammanlagt)\s*:?$/i;

function fitsSum(
  grid: Grid,
  table: TableModel,
  sum: TableRow,
  children: TableRow[],
  hinted: boolean,
): boolean {
  const fit = sumFit(grid, table, sum, children);
  if (fit.evaluated < 2) return false;
  if (hinted) return fit.nonZeroFits >= 1 && fit.fits * 2 >= fit.evaluated;
  return fit.fits === fit.evaluated && fit.nonZeroFits >= 2;
}
