/**
 * "Markera i bladet": colours the cells a finding concerns. Each highlight is
 * a journalled plan (command 'highlight'), so "Ångra senaste" and
 * clearHighlights can give every cell its old fill back.
 */
import { emptyGrid, parseRange } from '../core/grid';
import type { CellWrite } from '../core/plan';
import { applyPlan, type ApplyResult } from './applyPlan';
import { GatewayError } from './errors';

/** Excel's own "light red fill" for bad values. */
export const HIGHLIGHT_FILL = '#FFC7CE';
/** A finding never concerns more cells than this; more means a wrong address. */
export const MAX_HIGHLIGHT_CELLS = 10000;

/** Expands "C7", "B5:C9" and "'Blad 1'!B5" into distinct cells. */
export function cellsOf(addresses: readonly string[]): { row: number; col: number }[] {
  const seen = new Set<string>();
  const cells: { row: number; col: number }[] = [];
  for (const address of addresses) {
    const r = parseRange(address);
    if (!r) throw new GatewayError('INVALID_ADDRESS', `Budgetkoll förstod inte celladressen ”${address}”.`);
    if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > MAX_HIGHLIGHT_CELLS) {
      throw new GatewayError('TOO_LARGE', `Området ”${address}” är för stort för att markeras.`);
    }
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const key = `${row},${col}`;
        if (seen.has(key)) continue;
        seen.add(key);
        cells.push({ row, col });
      }
    }
    if (cells.length > MAX_HIGHLIGHT_CELLS)
      throw new GatewayError('TOO_LARGE', 'För många celler att markera på en gång.');
  }
  return cells;
}

export async function highlightCells(sheet: string, addresses: readonly string[]): Promise<ApplyResult> {
  const writes: CellWrite[] = cellsOf(addresses).map((c) => ({ ...c, fill: HIGHLIGHT_FILL }));
  const description =
    writes.length === 1
      ? `Markering av 1 cell i ”${sheet}”`
      : `Markering av ${writes.length} celler i ”${sheet}”`;
  return applyPlan(
    { sheet, inserts: [], writes },
    emptyGrid(sheet),
    { command: 'highlight', description },
    { verifySnapshot: false },
  );
}
