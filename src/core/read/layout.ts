/**
 * Where the tables of a sheet are: their header rows, label and code
 * columns, and the run of rows that belongs to each. Works on the sparse grid
 * row by row, so its cost follows the cells that exist, not the sheet's size.
 *
 * A table is a header (rows of text over the figure columns) followed by
 * figure rows (a label and figures to its right), group headers, footnotes
 * and at most one blank row at a time. Header words are not required: a
 * table whose headers carry no Utfall/Budget word is still a table.
 */
import { rowAt, type Grid, type GridRow } from '../grid';
import { cellText } from '../text';
import { compact } from '../text';
import { THRESHOLDS } from '../thresholds';
import { isValueKind, K, readCell, type Kind } from './cells';

/** One stored row as the layout sees it. */
export interface RowSketch {
  index: number;
  /** Columns and texts of the text cells (and of whole years, which read as header text in a header row). */
  textCols: number[];
  texts: string[];
  /** Columns holding figures (numbers, text numbers, "..", dashes, formulas, errors). */
  valueCols: number[];
  /** Of valueCols: the ones holding a whole year 1990–2100. */
  yearCols: number[];
}

export interface TableRegion {
  /** Absolute rows of the header, top to bottom (one to three). */
  headerRows: number[];
  /** First and last absolute row of the table body. */
  firstRow: number;
  lastRow: number;
  labelCol: number;
  codeCol?: number;
  /** Rightmost column of the table. */
  right: number;
  /** Texts of the rows just above the header (title, unit, "Rapportperiod: …"), top to bottom. */
  above: string[];
}

const CODE_LIKE = /^(\d{2,8}(\s*[-–]\s*\d{2,8})?|\d+x+|[a-z]{0,3}\d{2,8}[a-z]?)$/i;

function isYear(v: number): boolean {
  return Number.isInteger(v) && v >= 1990 && v <= 2100;
}

const scratch = {
  kind: K.EMPTY as Kind,
  value: NaN,
  formatDecimals: undefined as number | undefined,
  percent: false,
};

export function sketchRow(row: GridRow): RowSketch {
  const s: RowSketch = { index: row.index, textCols: [], texts: [], valueCols: [], yearCols: [] };
  const { cols, cells } = row;
  for (let k = 0; k < cols.length; k++) {
    const cell = cells[k]!;
    if (typeof cell.v === 'number' && !cell.err) {
      // The common case, without a parse.
      s.valueCols.push(cols[k]!);
      if (isYear(cell.v)) s.yearCols.push(cols[k]!);
      continue;
    }
    const r = readCell(cell, scratch);
    if (r.kind === K.TEXT || r.kind === K.BOOL) {
      s.textCols.push(cols[k]!);
      s.texts.push(cellText(cell.v));
    } else if (isValueKind(r.kind)) {
      s.valueCols.push(cols[k]!);
      if (r.kind === K.NUM && isYear(r.value)) s.yearCols.push(cols[k]!);
      else if (r.kind === K.TEXTNUM && typeof cell.v === 'string' && /^\s*(19|20)\d{2}\s*$/.test(cell.v))
        s.yearCols.push(cols[k]!);
    }
  }
  return s;
}

/** A row with no figures (whole years aside): a header, title, group header or footnote. */
function isTextOnly(s: RowSketch): boolean {
  return s.valueCols.length === s.yearCols.length && (s.textCols.length > 0 || s.yearCols.length > 0);
}

/** Header cells of a row: its texts and, in a row with no other figures, its whole years. */
function headerCells(s: RowSketch): { col: number; text: string }[] {
  const out: { col: number; text: string }[] = s.textCols.map((col, k) => ({ col, text: s.texts[k]! }));
  if (isTextOnly(s)) for (const col of s.yearCols) out.push({ col, text: '' });
  return out.sort((a, b) => a.col - b.col);
}

/** A figure row: some figure stands right of some text, or the row holds figures and nothing else. */
function isFigureRow(s: RowSketch): boolean {
  if (s.valueCols.length === 0) return false;
  // A row of whole years only ("2023 | 2024") heads the columns below it.
  if (isTextOnly(s)) return false;
  return true;
}

/**
 * The label column of a body: the column with the most text (codes aside)
 * left of the figures; a code column is a column of codes left of it.
 */
function labelColumns(body: RowSketch[]): { label: number; code?: number } {
  const text = new Map<number, number>();
  const codes = new Map<number, number>();
  let figureRows = 0;
  for (const s of body) {
    if (!isFigureRow(s)) continue;
    figureRows++;
    // A label has figures to its right; a code column ("5110", as text or number) may stand left of it.
    const lastValue = s.valueCols.length ? s.valueCols[s.valueCols.length - 1]! : -1;
    s.textCols.forEach((c, k) => {
      if (c >= lastValue) return;
      if (CODE_LIKE.test(s.texts[k]!.trim())) codes.set(c, (codes.get(c) ?? 0) + 1);
      else text.set(c, (text.get(c) ?? 0) + 1);
    });
    if (s.textCols.length > 0) {
      const firstText = s.textCols[0]!;
      for (const c of s.valueCols) if (c < firstText) codes.set(c, (codes.get(c) ?? 0) + 1);
    }
  }
  let label = -1;
  let best = 0;
  for (const [c, n] of text) if (n > best || (n === best && c < label)) [label, best] = [c, n];
  if (label < 0) {
    // No text left of the figures at all: the first column of the body.
    label = Infinity;
    for (const s of body) label = Math.min(label, s.textCols[0] ?? Infinity, s.valueCols[0] ?? Infinity);
    return { label };
  }
  let code: number | undefined;
  for (const [c, n] of codes)
    if (c < label && n * 2 >= figureRows && (code === undefined || c > code)) code = c;
  return code === undefined ? { label } : { label, code };
}

/** The header signature of a row: its texts right of the label column, as keys. */
function signature(s: RowSketch, labelCol: number): string {
  return headerCells(s)
    .filter((h) => h.col > labelCol)
    .map((h) => `${h.col}:${compact(h.text)}`)
    .join('|');
}

/** Text cells right of the label column: what makes a text row a header row. */
function hasTextRightOf(s: RowSketch, labelCol: number): boolean {
  return headerCells(s).some((h) => h.col > labelCol);
}

/** What a row holds, in bits: text, figures (whole years aside), whole years. */
const HAS_TEXT = 1;
const HAS_VALUE = 2;
const HAS_YEAR = 4;

function rowFlags(row: GridRow): { flags: number; lastValue: number } {
  let flags = 0;
  let lastValue = -1;
  const { cols, cells } = row;
  for (let k = 0; k < cols.length; k++) {
    const cell = cells[k]!;
    const v = cell.v;
    if (typeof v === 'number' && !cell.err) {
      if (isYear(v)) flags |= HAS_YEAR;
      else flags |= HAS_VALUE;
      lastValue = cols[k]!;
      continue;
    }
    const r = readCell(cell, scratch);
    if (r.kind === K.TEXT || r.kind === K.BOOL) flags |= HAS_TEXT;
    else if (isValueKind(r.kind)) {
      lastValue = cols[k]!;
      if (r.kind === K.TEXTNUM && typeof v === 'string' && /^\s*(19|20)\d{2}\s*$/.test(v)) flags |= HAS_YEAR;
      else flags |= HAS_VALUE;
    }
  }
  return { flags, lastValue };
}

/**
 * The rows of a sheet as the layout sees them: a few bits per row for all of
 * them, and the full sketch (texts and columns) only for the rows a decision
 * needs — headers, titles, the rows the label column is read from.
 */
export class SheetLayout {
  /** Non-blank rows in order: absolute index, flags, last figure column. */
  readonly index: number[] = [];
  readonly flags: number[] = [];
  readonly lastValue: number[] = [];
  private readonly at = new Map<number, number>();
  private readonly sketches = new Map<number, RowSketch>();

  constructor(private readonly grid: Grid) {
    for (const row of grid.rows) {
      const f = rowFlags(row);
      if (f.flags === 0) continue;
      this.at.set(row.index, this.index.length);
      this.index.push(row.index);
      this.flags.push(f.flags);
      this.lastValue.push(f.lastValue);
    }
  }

  /** The sketch of an absolute row, or undefined for a blank one. */
  sketch(row: number): RowSketch | undefined {
    if (!this.at.has(row)) return undefined;
    let s = this.sketches.get(row);
    if (!s) {
      s = sketchRow(rowAt(this.grid, row)!);
      this.sketches.set(row, s);
    }
    return s;
  }

  /** A row with no figures (whole years aside) but text or years: a header, title, group header or footnote. */
  textOnlyAt(i: number): boolean {
    const f = this.flags[i]!;
    return (f & HAS_VALUE) === 0 && (f & (HAS_TEXT | HAS_YEAR)) !== 0;
  }

  figureAt(i: number): boolean {
    return (this.flags[i]! & HAS_VALUE) !== 0;
  }

  isTextOnlyRow(row: number): boolean {
    const i = this.at.get(row);
    return i !== undefined && this.textOnlyAt(i);
  }
}

/**
 * Finds the tables of a sheet. Each table is found from its first figure row
 * by looking up for its header and down for its end.
 */
export function findTables(grid: Grid): { regions: TableRegion[]; layout: SheetLayout } {
  const layout = new SheetLayout(grid);
  const regions: TableRegion[] = [];
  let floor = -1; // rows up to here belong to earlier tables
  let i = 0;
  const n = layout.index.length;
  while (i < n) {
    if (layout.index[i]! <= floor || !layout.figureAt(i)) {
      i++;
      continue;
    }
    const found = regionFrom(layout, i, floor);
    if (found.region) {
      regions.push(found.region);
      floor = found.region.lastRow;
    }
    // Without a header the run of figure rows is no table; either way go on after it.
    i = Math.max(i + 1, found.next);
  }
  return { regions, layout };
}

function regionFrom(
  layout: SheetLayout,
  start: number,
  floor: number,
): { region?: TableRegion; next: number } {
  const idx = layout.index;
  const n = idx.length;
  const first = idx[start]!;
  // Provisional body for the label column: the rows that follow without a long gap.
  const provisional: RowSketch[] = [];
  let end = start;
  for (let j = start; j < n; j++) {
    if (j > start && idx[j]! - idx[j - 1]! > THRESHOLDS.tableEndBlankRows) break;
    if (provisional.length < 60) provisional.push(layout.sketch(idx[j]!)!);
    end = j;
  }
  const { label: labelCol, code: codeCol } = labelColumns(provisional);

  // Up: group headers directly above the first figures belong to the body; then the header rows.
  let top = first;
  const headerRows: number[] = [];
  let gap = 0;
  for (let r = first - 1; r > floor; r--) {
    const s = layout.sketch(r);
    if (!s) {
      if (++gap > 1) break;
      continue;
    }
    if (!isTextOnly(s)) break;
    if (hasTextRightOf(s, labelCol)) {
      headerRows.push(r);
      break;
    }
    gap = 0;
    top = r;
  }
  if (headerRows.length === 0) {
    // No header above these figures: a later figure row can only find one below a text row.
    let next = start + 1;
    while (next <= end && !layout.textOnlyAt(next)) next++;
    return { next };
  }
  // More header rows above (two- and three-row headers): text rows over the figure columns, no blank between.
  for (let u = headerRows[0]! - 1; u > floor && headerRows.length < THRESHOLDS.headerRowsMax; u--) {
    const s = layout.sketch(u);
    if (!s || !isTextOnly(s) || !hasTextRightOf(s, labelCol)) break;
    headerRows.unshift(u);
  }
  const headerSig = signature(layout.sketch(headerRows[headerRows.length - 1]!)!, labelCol);

  // Down: figure rows, group headers, footnotes and single blank rows; a new header ends the table.
  let last = first;
  let lastFigure = first;
  let right = labelCol;
  let pending: number[] = [];
  let endedByHeader = false;
  const lastValue = layout.lastValue;
  if (lastValue[start]! > right) right = lastValue[start]!;
  let j = start + 1;
  for (; j < n; j++) {
    const r = idx[j]!;
    if (r - last > THRESHOLDS.tableEndBlankRows) break;
    if (layout.figureAt(j)) {
      last = lastFigure = r;
      pending = [];
      if (lastValue[j]! > right) right = lastValue[j]!;
      continue;
    }
    const s = layout.sketch(r)!;
    if (isTextOnly(s) && hasTextRightOf(s, labelCol)) {
      // The header again (a PDF page break) stays in the table; another header starts the next table.
      if (signature(s, labelCol) === headerSig) {
        last = r;
        continue;
      }
      if (nextIsFigure(layout, j)) {
        endedByHeader = true;
        break;
      }
    }
    pending.push(r);
    last = r;
    if (lastValue[j]! > right) right = lastValue[j]!;
  }
  if (endedByHeader && pending.length > 0) {
    // Label-only rows after a blank, just above the next header, are that table's title and unit.
    let keep = lastFigure;
    for (const p of pending) {
      if (p - keep > 1) break;
      keep = p;
    }
    last = keep;
  }
  for (const h of headerRows) for (const c of headerCells(layout.sketch(h)!)) right = Math.max(right, c.col);
  for (let k = start; k > 0 && idx[k - 1]! >= top; k--)
    if (lastValue[k - 1]! > right) right = lastValue[k - 1]!;
  const above: string[] = [];
  for (let u = headerRows[0]! - 1; u > floor && u >= headerRows[0]! - 5; u--) {
    const s = layout.sketch(u);
    if (!s) continue;
    if (!isTextOnly(s)) break;
    above.unshift(s.texts.join(' '));
  }
  const region: TableRegion = { headerRows, firstRow: top, lastRow: last, labelCol, right, above };
  if (codeCol !== undefined) region.codeCol = codeCol;
  let next = j;
  while (next < n && idx[next]! <= last) next++;
  return { region, next };
}

function nextIsFigure(layout: SheetLayout, j: number): boolean {
  const idx = layout.index;
  for (let k = j + 1; k < idx.length && k <= j + THRESHOLDS.headerRowsMax + 1; k++) {
    if (idx[k]! - idx[k - 1]! > THRESHOLDS.tableEndBlankRows) return false;
    if (layout.figureAt(k)) return true;
  }
  return false;
}
