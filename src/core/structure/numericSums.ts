import type { Grid } from '../grid';
import { sumFit } from '../hierarchy';
import type { TableModel, TableRow } from '../schemas';

/**
 * Sum rows without a sum word ("Äldreomsorg totalt" is ambiguous as a word,
 * "Socialnämnden" is not one at all) are recognised by their figures: a row
 * that equals the run of at least two items directly above it in every amount
 * column with figures (two or more, not all zero) is a subtotal; the last such
 * row that sums everything above is the total.
 */
export function promoteNumericSums(grid: Grid, table: TableModel): TableModel {
  const rows = table.rows.map((r) => ({ ...r }));
  let runStart = 0;
  const hasTotal = rows.some((r) => r.kind === 'total');
  /** Rows not yet inside a sum: the parts of a grand total. */
  const open: TableRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.kind === 'group_header' || row.kind === 'subtotal' || row.kind === 'total') {
      runStart = i + 1;
      if (row.kind === 'subtotal') open.push(row);
      continue;
    }
    if (row.kind !== 'item') continue;
    const run: TableRow[] = rows.slice(runStart, i).filter((r) => r.kind === 'item');
    const isLast = !rows
      .slice(i + 1)
      .some((r) => r.kind === 'item' || r.kind === 'subtotal' || r.kind === 'total');
    const closes = run.length >= 2 && fitsSum(grid, table, row, run, SUFFIX_SUM.test(row.label.trim()));
    const grand =
      !closes && isLast && !hasTotal && open.length >= 2 && fitsSum(grid, table, row, open, false);
    if (!closes && !grand) {
      open.push(row);
      continue;
    }
    if (closes) for (const r of run) open.splice(open.indexOf(r), 1);
    row.kind = isLast && !hasTotal ? 'total' : 'subtotal';
    open.push(row);
    runStart = i + 1;
  }
  return { ...table, rows };
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
