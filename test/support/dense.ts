/**
 * Tests edit sheets cell by cell; the core's grids are sparse and immutable.
 * A dense sheet is the editable picture (rows from row 0, cells from column
 * A), turned into a grid whenever a command reads it.
 */
import { gridBounds, gridFromCells, cellAt, type Cell, type Grid } from '../../src/core/grid';

export type DenseCells = Cell[][];

export function fromDense(sheet: string, cells: readonly (readonly (Cell | undefined)[])[]): Grid {
  return gridFromCells(sheet, cells);
}

/** The grid as dense rows from A1 to its last cell; missing cells are { v: null }. */
export function toDense(grid: Grid): DenseCells {
  const b = gridBounds(grid);
  if (!b) return [];
  const out: DenseCells = [];
  for (let r = 0; r <= b.bottom; r++) {
    const row: Cell[] = [];
    for (let c = 0; c <= b.right; c++) row.push(cellAt(grid, r, c));
    out.push(row);
  }
  return out;
}

/** A sheet the test edits in place; `grid` is built from the current cells on every read. */
export class DenseSheet {
  constructor(
    readonly sheet: string,
    readonly cells: DenseCells,
  ) {}

  static of(grid: Grid): DenseSheet {
    return new DenseSheet(grid.sheet, toDense(grid));
  }

  get grid(): Grid {
    return fromDense(this.sheet, this.cells);
  }

  set(row: number, col: number, cell: Cell): void {
    while (this.cells.length <= row) this.cells.push([]);
    const r = this.cells[row]!;
    while (r.length < col) r.push({ v: null });
    r[col] = cell;
  }
}
