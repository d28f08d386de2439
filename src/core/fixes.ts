import { cellAt, parseA1, type Grid } from './grid';
import { parseSwedishNumber } from './numbers';
import type { WritePlan } from './plan';

/** "Konvertera till tal": numbers stored as text become numbers, keeping the cell's number format. */
export function textNumberFixPlan(grid: Grid, cells: string[]): WritePlan {
  const plan: WritePlan = { sheet: grid.sheet, inserts: [], writes: [] };
  for (const address of cells) {
    const ref = parseA1(address);
    if (!ref) continue;
    const cell = cellAt(grid, ref.row, ref.col);
    if (typeof cell.v !== 'string' || cell.f) continue;
    const p = parseSwedishNumber(cell.v);
    if (p.kind !== 'number') continue;
    const write: WritePlan['writes'][number] = {
      row: ref.row,
      col: ref.col,
      value: p.percent ? p.value / 100 : p.value,
    };
    // A cell formatted as text ("@") would turn the number back into text.
    if (cell.fmt === '@' || p.percent)
      write.numberFormat = p.percent ? (p.decimals ? `0.${'0'.repeat(p.decimals)}%` : '0%') : 'General';
    plan.writes.push(write);
  }
  return plan;
}
