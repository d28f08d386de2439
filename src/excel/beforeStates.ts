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
  /**
   * Fill and italic of every cell (getCellProperties), when known. Before
   * that, the range's own format: Excel reports a fill colour, pattern and
   * italic for the whole range, or null when its cells differ, so a uniform
   * column (the common case: an empty deviation column) costs a few bytes
   * instead of 85 a cell, and only mixed ranges are read cell by cell.
   */
  props?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
}

/** Cells whose before-state one request may read. */
export const BEFORE_CELLS = Math.floor(PAYLOAD_BUDGET / BEFORE_STATE_BYTES_PER_CELL);

const CELL_PROPS_OPTIONS: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true }, font: { italic: true } },
};

/**
 * Below this many cells, one rectangle around all targets is read, whatever
 * it covers, with its cells' fill and italic at once.
 */
export const SMALL_BOX = 2000;

/**
 * The rectangles to read what the target cells hold now: one rectangle
 * around all of them when that is small, otherwise one per column, from the
 * column's first target to its last (a column's cells usually share their
 * formatting, so Excel can report it for the whole range), or one per run
 * of targets when a column's span would be mostly cells nobody writes; cut
 * into bands so that no rectangle exceeds `budgetCells` (or `maxCells`).
 */
export function beforeRects(
  cells: readonly { row: number; col: number }[],
  maxCells: number,
  budgetCells: number = BEFORE_CELLS,
): Rect[] {
  const box = boundingRect(cells);
  if (!box) return [];
  if (area(box) <= Math.min(SMALL_BOX, maxCells)) return bands(box, budgetCells);
  const byColumn = new Map<number, { top: number; bottom: number; count: number }>();
  for (const c of cells) {
    const span = byColumn.get(c.col);
    if (!span) byColumn.set(c.col, { top: c.row, bottom: c.row, count: 1 });
    else {
      if (c.row < span.top) span.top = c.row;
      if (c.row > span.bottom) span.bottom = c.row;
      span.count++;
    }
  }
  const rects: Rect[] = [];
  const sparse: { row: number; col: number }[] = [];
  for (const [col, span] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    if (span.bottom - span.top + 1 <= 2 * span.count)
      rects.push({ top: span.top, left: col, bottom: span.bottom, right: col });
    else for (const c of cells) if (c.col === col) sparse.push(c);
  }
  for (const run of columnRuns(sparse, () => ''))
    rects.push({ top: run.top, left: run.col, bottom: run.top + run.items.length - 1, right: run.col });
  return rects.flatMap((r) => bands(r, budgetCells));
}

/**
 * Queues a before-state read. A small range (`cellProps`) takes its cells'
 * fill and italic right away (a few kilobytes); a large one asks Excel for
 * the range's own format first (see BeforeRead.props).
 */
export function queueBeforeRead(
  ws: Excel.Worksheet,
  rect: Rect,
  cellProps = area(rect) <= SMALL_BOX,
): BeforeRead {
  const range = ws.getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right));
  range.load('values,formulas,numberFormat');
  if (cellProps) return { rect, range, props: range.getCellProperties(CELL_PROPS_OPTIONS) };
  range.format.fill.load('color,pattern');
  range.format.font.load('italic');
  return { rect, range };
}

/** Whether the range's fill and italic are known for every cell: read per cell, or shared by all of them. */
export function isUniform(read: BeforeRead): boolean {
  if (read.props) return true;
  const { fill, font } = read.range.format;
  return fill.pattern !== null && (fill.pattern === 'None' || fill.color !== null) && font.italic !== null;
}

/** Queues the per-cell fill and italic of a mixed range. */
export function queueCellProperties(read: BeforeRead): void {
  read.props = read.range.getCellProperties(CELL_PROPS_OPTIONS);
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
  const props = read.props ? read.props.value[r]?.[c] : undefined;
  const pattern = read.props ? props?.format?.fill?.pattern : read.range.format.fill.pattern;
  const color = read.props ? props?.format?.fill?.color : read.range.format.fill.color;
  const italic = read.props ? props?.format?.font?.italic : read.range.format.font.italic;
  const formula = formulaOf(f, v) ?? null;
  return {
    state: {
      formula,
      value: v === '' || v === undefined ? null : (v as CellState['value']),
      numberFormat: typeof fmt === 'string' ? fmt : 'General',
      fill: pattern === 'None' || !color ? null : color.toUpperCase(),
      italic: italic === true,
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
