/**
 * Before-states: what the cells a command writes hold before it writes,
 * read in the write's first sync (values, formulas, number format, and fill
 * and italic through getCellProperties), so the journal can give every cell
 * back exactly and a write that changes nothing is skipped.
 */
import type { Cell } from '../core/grid';
import { rangeA1 } from '../core/grid';
import type { CellState, CellWrite } from '../core/plan';
import { formulaOf, isErrorValue, sameNumberFormat, toCell } from './cellData';
import { BEFORE_STATE_BYTES_PER_CELL, PAYLOAD_BUDGET } from './payload';
import { area, bands, boundingRect, columnRuns, type Rect } from './regions';

export interface BeforeRead {
  rect: Rect;
  range: Excel.Range;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
}

/** Cells whose before-state one request may read. */
export const BEFORE_CELLS = Math.floor(PAYLOAD_BUDGET / BEFORE_STATE_BYTES_PER_CELL);

const CELL_PROPS_OPTIONS: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true }, font: { italic: true } },
};

/**
 * The rectangles to read what the target cells hold now: one rectangle
 * around all of them, or one per column run when that rectangle would be
 * mostly cells nobody writes (and a needlessly large response); cut into
 * bands so that no rectangle's response exceeds the payload budget.
 */
export function beforeRects(
  cells: readonly { row: number; col: number }[],
  maxCells: number,
  budgetCells: number = BEFORE_CELLS,
): Rect[] {
  const box = boundingRect(cells);
  if (!box) return [];
  const rects =
    area(box) <= maxCells
      ? [box]
      : columnRuns(cells, () => '').map((run) => ({
          top: run.top,
          left: run.col,
          bottom: run.top + run.items.length - 1,
          right: run.col,
        }));
  return rects.flatMap((r) => bands(r, budgetCells));
}

export function queueBeforeRead(ws: Excel.Worksheet, rect: Rect): BeforeRead {
  const range = ws.getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right));
  range.load('values,formulas,numberFormat');
  return { rect, range, props: range.getCellProperties(CELL_PROPS_OPTIONS) };
}

/** Finds the read that covers a cell; reads are few and sorted, so this stays cheap per cell. */
function readAt(reads: readonly BeforeRead[], row: number, col: number): BeforeRead | undefined {
  for (const read of reads) {
    const { rect } = read;
    if (row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right) return read;
  }
  return undefined;
}

export interface CurrentCell {
  state: Omit<CellState, 'row' | 'col'>;
  /** The cell as the grid would hold it, to compare with the snapshot. */
  cell: Cell;
}

/** What a cell holds now, from the reads that cover it. */
export function currentAt(reads: readonly BeforeRead[], row: number, col: number): CurrentCell | undefined {
  const read = readAt(reads, row, col);
  if (!read) return undefined;
  const r = row - read.rect.top;
  const c = col - read.rect.left;
  const f = read.range.formulas[r]?.[c];
  const v = read.range.values[r]?.[c];
  const fmt = read.range.numberFormat[r]?.[c];
  const props = read.props.value[r]?.[c];
  const pattern = props?.format?.fill?.pattern;
  const color = props?.format?.fill?.color;
  const formula = formulaOf(f, v) ?? null;
  return {
    state: {
      formula,
      value: v === '' || v === undefined ? null : (v as CellState['value']),
      numberFormat: typeof fmt === 'string' ? fmt : 'General',
      fill: pattern === 'None' || !color ? null : color.toUpperCase(),
      italic: props?.format?.font?.italic === true,
    },
    cell: toCell(v, f, fmt),
  };
}

/** True when the cell already holds everything the write would set (number formats compared normalised). */
export function writeIsNoOp(w: CellWrite, s: Omit<CellState, 'row' | 'col'>): boolean {
  if (w.formula !== undefined && w.formula !== s.formula) return false;
  if (w.value !== undefined) {
    if (s.formula !== null) return false;
    const value = w.value ?? null;
    // An error literal written as text is text, not the error the cell may show.
    if (value !== s.value || (typeof value === 'string' && isErrorValue(s.value) !== isErrorValue(value)))
      return false;
  }
  if (w.numberFormat !== undefined && !sameNumberFormat(w.numberFormat, s.numberFormat)) return false;
  if (w.fill !== undefined && (w.fill?.toUpperCase() ?? null) !== s.fill) return false;
  if (w.italic !== undefined && w.italic !== s.italic) return false;
  return true;
}
