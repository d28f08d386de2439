import { cellAt, gridBounds, type Cell, type Grid } from '../grid';
import { parseSwedishNumber } from '../numbers';
import { cellText } from '../text';

export type CellKind = 'empty' | 'num' | 'textnum' | 'na' | 'dash' | 'text' | 'error' | 'formula';

export function cellKind(cell: Cell): CellKind {
  if (cell.err) return 'error';
  const v = cell.v;
  if (typeof v === 'number') return 'num';
  if (v === null || v === '') return cell.f ? 'formula' : 'empty';
  if (typeof v === 'boolean') return 'text';
  const p = parseSwedishNumber(v);
  switch (p.kind) {
    case 'number':
      return 'textnum';
    case 'not_available':
      return 'na';
    case 'dash':
      return 'dash';
    case 'empty':
      return 'empty';
    default:
      return 'text';
  }
}

/** Cells that hold a figure (or stand for one: "..", "–", a formula whose result is unknown). */
export function isValueKind(k: CellKind): boolean {
  return k === 'num' || k === 'textnum' || k === 'na' || k === 'dash' || k === 'formula' || k === 'error';
}

export function isYearValue(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= 2100;
}

export interface RowView {
  index: number;
  texts: string[];
  kinds: CellKind[];
  blank: boolean;
}

/** One pass over the grid: the text and kind of every cell, by absolute column. */
export function viewRows(grid: Grid, width: number): RowView[] {
  const rows: RowView[] = [];
  const height = (gridBounds(grid)?.bottom ?? -1) + 1;
  for (let r = 0; r < height; r++) {
    const texts: string[] = [];
    const kinds: CellKind[] = [];
    let blank = true;
    for (let c = 0; c < width; c++) {
      const cell = cellAt(grid, r, c);
      const k = cellKind(cell);
      kinds.push(k);
      texts.push(k === 'empty' || k === 'formula' ? '' : cellText(cell.v));
      if (k !== 'empty') blank = false;
    }
    rows.push({ index: r, texts, kinds, blank });
  }
  return rows;
}
