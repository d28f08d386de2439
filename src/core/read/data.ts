/**
 * A table's cells as column arrays, read from the sparse grid once: every
 * later step (roles, sums, checks, plans) works on these arrays by row
 * position and never parses a cell again.
 */
import { cellInRow, EMPTY_CELL, rowAt, type Cell, type Grid, type GridRow } from '../grid';
import { cellText } from '../text';
import { K, formatInfo, isValueKind, precisionOf, readCell, type CellReading } from './cells';
import { classifyHeader, type HeaderInfo } from './headers';
import type { RowSketch, SheetLayout, TableRegion } from './layout';

export interface ColumnData {
  /** Absolute column. */
  col: number;
  header: string;
  info: HeaderInfo;
  /** Cell kind per row position (cells.ts K). */
  kind: Uint8Array;
  /** The number per row position; NaN where the cell holds none. */
  value: Float64Array;
  /** Shown precision per row position; 0 where there is no number. */
  prec: Float64Array;
  /** The formula per row position, where the cell holds one. */
  formula: (string | undefined)[];
  /** Numbers shown as percentages (format or text) in this column. */
  percentCells: number;
  /** Cells holding a number. */
  numberCells: number;
  /** Cells holding a whole year 1990–2100. */
  yearCells: number;
}

export interface TableData {
  region: TableRegion;
  /** Rows of the body. */
  n: number;
  /** Absolute row of each position. */
  rows: Int32Array;
  /** The grid row at each position (undefined for a blank row), for direct cell access. */
  gridRows: (GridRow | undefined)[];
  labels: string[];
  /** Codes from the code column, when the table has one. */
  codes: (string | undefined)[];
  /** Label cells holding something other than text (a number where a label belongs). */
  labelCells: (Cell | undefined)[];
  /** Positions of rows that repeat the header (a page break in a pasted PDF table). */
  headerRepeats: Set<number>;
  /** The header text of the label column. */
  labelHeader: string;
  cols: ColumnData[];
}

/**
 * Joins a header block into one text per column; an upper cell spans
 * rightwards over the empty cells after it, as a merged cell reads.
 */
export function joinHeaders(
  block: readonly RowSketch[],
  labelCol: number,
  right: number,
  cellTextAt: (row: number, col: number) => string,
): Map<number, string> {
  const out = new Map<number, string>();
  block.forEach((row, bi) => {
    const isLast = bi === block.length - 1;
    let carry = '';
    for (let c = labelCol + 1; c <= right; c++) {
      const t = cellTextAt(row.index, c);
      let piece = t;
      if (!isLast) {
        if (t !== '') carry = t;
        else piece = carry;
      }
      const prev = out.get(c) ?? '';
      if (piece !== '' && !prev.split(' / ').includes(piece)) out.set(c, prev ? `${prev} / ${piece}` : piece);
    }
    const label = cellTextAt(row.index, labelCol);
    if (label) out.set(labelCol, out.get(labelCol) ? `${out.get(labelCol)} ${label}` : label);
  });
  return out;
}

/** The most common number of decimals among a column's unformatted non-zero numbers. */
function usualDecimals(value: Float64Array, formatted: Uint8Array): number {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (let p = 0; p < value.length; p++) {
    const v = value[p]!;
    if (Number.isNaN(v) || v === 0 || formatted[p]) continue;
    let d = 0;
    if (!Number.isInteger(v)) {
      const a = Math.abs(v);
      let scale = 1;
      for (d = 1; d < 6; d++) {
        scale *= 10;
        const x = a * scale;
        if (Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, x)) break;
      }
    }
    counts[d]!++;
  }
  let best = 0;
  for (let d = 1; d < counts.length; d++) if (counts[d]! > counts[best]!) best = d;
  return best;
}

export function readTableData(grid: Grid, region: TableRegion, layout: SheetLayout): TableData {
  const scratch: CellReading = { kind: K.EMPTY, value: NaN, formatDecimals: undefined, percent: false };
  const n = region.lastRow - region.firstRow + 1;
  const textAt = (row: number, col: number): string => {
    const r = rowAt(grid, row);
    const cell = r && cellInRow(r, col);
    if (!cell) return '';
    const k = readCell(cell).kind;
    if (k === K.TEXT) return cellText(cell.v);
    if (k === K.NUM && Number.isInteger(cell.v) && (cell.v as number) >= 1990 && (cell.v as number) <= 2100)
      return String(cell.v);
    if (k === K.TEXTNUM && typeof cell.v === 'string' && /^\s*(19|20)\d{2}\s*$/.test(cell.v))
      return cell.v.trim();
    return '';
  };
  const headerBlock = region.headerRows.map((r) => layout.sketch(r)!);
  const headers = joinHeaders(headerBlock, region.labelCol, region.right, textAt);
  const valueCols: number[] = [];
  for (let c = region.labelCol + 1; c <= region.right; c++) if (c !== region.codeCol) valueCols.push(c);
  const width = region.right - region.labelCol + 1;
  const colPos = new Int32Array(width).fill(-1);
  valueCols.forEach((c, k) => (colPos[c - region.labelCol] = k));

  const cols: ColumnData[] = valueCols.map((c) => ({
    col: c,
    header: headers.get(c) ?? '',
    info: classifyHeader(headers.get(c) ?? ''),
    kind: new Uint8Array(n),
    value: new Float64Array(n).fill(NaN),
    prec: new Float64Array(n),
    formula: new Array<string | undefined>(n),
    percentCells: 0,
    numberCells: 0,
    yearCells: 0,
  }));
  // Decimals each cell's number format shows (−128: General); one typed array per column.
  const formatDec = cols.map(() => new Int8Array(n).fill(-128));
  const formatted = cols.map(() => new Uint8Array(n));
  let lastFmt: string | undefined;
  let lastFmtInfo = formatInfo(undefined);
  const rows = new Int32Array(n);
  const gridRows: (GridRow | undefined)[] = new Array(n);
  const labels: string[] = new Array<string>(n).fill('');
  const codes: (string | undefined)[] = new Array<string | undefined>(n);
  const labelCells: TableData['labelCells'] = new Array(n);
  const headerRepeats = new Set<number>();
  const headerSet = new Set(region.headerRows);
  const lastHeaderTexts = headerBlock.length
    ? headerBlock[headerBlock.length - 1]!.texts.filter(
        (t, k) => headerBlock[headerBlock.length - 1]!.textCols[k]! > region.labelCol,
      ).join('|')
    : '';

  // The grid's rows are in order: walk them from the table's first row instead of looking each one up.
  let gi = firstRowAtOrAfter(grid, region.firstRow);
  for (let p = 0; p < n; p++) {
    const r = region.firstRow + p;
    rows[p] = r;
    while (gi < grid.rows.length && grid.rows[gi]!.index < r) gi++;
    const gr = gi < grid.rows.length && grid.rows[gi]!.index === r ? grid.rows[gi] : undefined;
    gridRows[p] = gr;
    if (!gr || headerSet.has(r)) continue;
    const { cols: gcols, cells } = gr;
    let labelText = '';
    let leftText = '';
    for (let k = 0; k < gcols.length; k++) {
      const c = gcols[k]!;
      if (c < region.labelCol) {
        const cell = cells[k]!;
        if (c === region.codeCol) {
          const t = cellText(cell.v);
          if (t) codes[p] = t;
        } else if (typeof cell.v === 'string' && cell.v.trim() !== '') leftText = cellText(cell.v);
        continue;
      }
      if (c > region.right) break;
      const cell = cells[k]!;
      if (c === region.labelCol) {
        const reading = readCell(cell, scratch);
        if (reading.kind === K.TEXT || reading.kind === K.BOOL) labelText = cellText(cell.v);
        else if (reading.kind !== K.EMPTY) labelCells[p] = cell;
        continue;
      }
      const pos = colPos[c - region.labelCol]!;
      if (pos < 0) continue;
      const col = cols[pos]!;
      if (typeof cell.v === 'number' && !cell.err && Number.isFinite(cell.v)) {
        // The common case, without a reading object: a number, its format read once per distinct format.
        const v = cell.v;
        if (cell.fmt !== lastFmt) {
          lastFmt = cell.fmt;
          lastFmtInfo = formatInfo(cell.fmt);
        }
        col.kind[p] = K.NUM;
        if (cell.f) col.formula[p] = cell.f;
        col.value[p] = v;
        col.numberCells++;
        if (lastFmtInfo.percent) col.percentCells++;
        if (Number.isInteger(v) && v >= 1990 && v <= 2100) col.yearCells++;
        if (lastFmtInfo.decimals !== undefined) {
          formatDec[pos]![p] = lastFmtInfo.decimals;
          formatted[pos]![p] = 1;
        }
        continue;
      }
      const reading = readCell(cell, scratch);
      col.kind[p] = reading.kind;
      if (cell.f) col.formula[p] = cell.f;
      if (!Number.isNaN(reading.value)) {
        col.value[p] = reading.value;
        col.numberCells++;
        if (reading.percent) col.percentCells++;
        if (
          reading.kind === K.NUM &&
          Number.isInteger(reading.value) &&
          reading.value >= 1990 &&
          reading.value <= 2100
        )
          col.yearCells++;
        if (reading.formatDecimals !== undefined) {
          formatDec[pos]![p] = reading.formatDecimals;
          formatted[pos]![p] = 1;
        }
      }
    }
    // Two label columns (Område | Nyckeltal): fall back to the text left of the figures.
    labels[p] = labelText || leftText;
    if (lastHeaderTexts) {
      const sk = layout.isTextOnlyRow(r) ? layout.sketch(r) : undefined;
      if (sk) {
        const t = sk.texts.filter((_, k) => sk.textCols[k]! > region.labelCol).join('|');
        if (t === lastHeaderTexts) headerRepeats.add(p);
      }
    }
  }
  cols.forEach((col, k) => {
    const usual = usualDecimals(col.value, formatted[k]!);
    for (let p = 0; p < n; p++) {
      const v = col.value[p]!;
      if (Number.isNaN(v)) continue;
      const fd = formatDec[k]![p]!;
      col.prec[p] = precisionOf(v, fd === -128 ? undefined : fd, usual);
    }
  });
  const data: TableData = {
    region,
    n,
    rows,
    gridRows,
    labels,
    codes,
    labelCells,
    headerRepeats,
    labelHeader: headers.get(region.labelCol) ?? '',
    cols,
  };
  return data;
}

/** Index in grid.rows of the first row at or after absolute row `row` (binary search). */
function firstRowAtOrAfter(grid: Grid, row: number): number {
  let lo = 0;
  let hi = grid.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (grid.rows[mid]!.index < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The cell at row position p and absolute column `col` of the table's own rows, without a lookup of the row. */
export function cellAtPos(data: TableData, p: number, col: number): Cell {
  const r = data.gridRows[p];
  return (r && cellInRow(r, col)) ?? EMPTY_CELL;
}

/** Whether position p of the table holds any figure in the given columns. */
export function hasFigures(data: TableData, p: number, cols: readonly ColumnData[] = data.cols): boolean {
  for (const c of cols) if (isValueKind(c.kind[p]!)) return true;
  return false;
}
