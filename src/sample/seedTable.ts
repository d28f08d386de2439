/**
 * Seed tables (test/fixtures/seed-tables/*.json, copied for the sample into
 * ./data) laid out the way a report table looks once pasted into a sheet:
 * title row, unit row, blank row, header row(s), then the rows.
 */
import type { CellValue, Grid } from '../core/grid';
import { a1, gridFromRows } from '../core/grid';
import type { CellData, SheetModel } from '../workbook/model';
import { setCellData } from '../workbook/model';

export type SeedValue = number | string | null;

export interface SeedRow {
  label: string;
  kind: string;
  values: SeedValue[];
}

/** The JSON format of test/fixtures/seed-tables (see its README.md). */
export interface SeedTable {
  seed?: string;
  title: string;
  unit: string;
  sign_convention: string;
  columns: string[];
  roles?: string[][];
  rows: SeedRow[];
  notes?: string;
}

export interface TableToRowsOptions {
  /** Write the title in the first row. Default true. */
  includeTitle?: boolean;
  /** Title text; default the table's title. */
  title?: string;
  /** true: a unit line such as "Belopp i tkr"; a string: that line (e.g. "Rapportperiod: 2024-08-31"); false: none. Default true. */
  unitRow?: boolean | string;
  /** 0-based row of the first written row. Default 0. */
  startRow?: number;
  /** 0-based column of the label column. Default 0. */
  startCol?: number;
  /** Write numbers as Swedish number text ("-412 059", "14,2"), as pasted from a PDF or another system. Default false. */
  valuesAsText?: boolean;
  /** Thousands separator for valuesAsText. Default a space. */
  thousandsSeparator?: string;
  /** First header cell. Default: read from the table's notes ("Verksamhet (tkr)", the sign legend ...), else the money unit, else empty. */
  labelHeader?: string;
  /** Split "upper / lower" column names into two header rows. Default true. */
  splitHeaders?: boolean;
}

export interface TableLayout {
  /** Cell values; rows[i][j] belongs at (top + i, left + j). */
  rows: CellValue[][];
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** 0-based rows; undefined when not written. */
  titleRow?: number;
  unitRow?: number;
  /** 0-based header rows (two for a split "upper / lower" header). */
  headerRows: number[];
  labelColumn: number;
  /** 0-based column of each entry of `table.columns`. */
  columns: number[];
  /** 0-based row of each entry of `table.rows`. */
  dataRows: number[];
  /** Number format per entry of `table.columns` ("#,##0", "#,##0.0", "0" ...). */
  numberFormats: string[];
  /** A1 address of value `col` of row `row` (indices into the JSON); col -1 is the label. */
  address(row: number, col: number): string;
}

const MONEY_UNITS = new Set(['tkr', 'mnkr', 'kr']);

function labelHeaderFromNotes(table: SeedTable): string | undefined {
  const notes = table.notes ?? '';
  const patterns = [
    /sign legend, not a label header:\s*"([^"]+)"/i,
    /Label header\s*"([^"]+)"/i,
    /Unit from header cell\s*"([^"]+)"/i,
  ];
  for (const re of patterns) {
    const m = re.exec(notes);
    if (m) return m[1];
  }
  return undefined;
}

function unitText(unit: string): string {
  if (MONEY_UNITS.has(unit)) return `Belopp i ${unit}`;
  if (unit === '%') return 'Andel i procent';
  return 'Volymer';
}

function decimalsOf(v: number): number {
  const s = String(v);
  if (s.includes('e')) return 0;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function columnDecimals(table: SeedTable, j: number): number {
  let d = 0;
  for (const r of table.rows) {
    const v = r.values[j];
    if (typeof v === 'number') d = Math.max(d, decimalsOf(v));
  }
  return Math.min(d, 2);
}

/**
 * The number format of a column: thousands grouped for amounts and volumes
 * alike (Swedish Excel shows `#,##0` as `170 225`), plain for percentages.
 */
export function numberFormatFor(unit: string, decimals: number): string {
  const frac = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  return unit === '%' ? `0${frac}` : `#,##0${frac}`;
}

/** Swedish number text as printed in reports: "-412 059", "14,2". */
export function swedishNumberText(v: number, decimals: number, thousands = ' '): string {
  const fixed = Math.abs(v).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const sign = v < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (frac ? `,${frac}` : '');
}

/** Lays a seed table out as a pasted report table; pure data, see writeTableToSheet for a sheet with formats. */
export function tableToRows(table: SeedTable, options: TableToRowsOptions = {}): TableLayout {
  const top = options.startRow ?? 0;
  const left = options.startCol ?? 0;
  const width = table.columns.length + 1;
  const rows: CellValue[][] = [];
  const blankRow = (): CellValue[] => Array.from({ length: width }, () => null);
  const push = (cells: CellValue[]): number => {
    rows.push(cells);
    return top + rows.length - 1;
  };

  let titleRow: number | undefined;
  let unitRow: number | undefined;
  if (options.includeTitle ?? true) {
    const r = blankRow();
    r[0] = options.title ?? table.title;
    titleRow = push(r);
  }
  const unitOption = options.unitRow ?? true;
  if (unitOption !== false) {
    const r = blankRow();
    r[0] = typeof unitOption === 'string' ? unitOption : unitText(table.unit);
    unitRow = push(r);
  }
  if (titleRow !== undefined || unitRow !== undefined) push(blankRow());

  const labelHeader =
    options.labelHeader ?? labelHeaderFromNotes(table) ?? (MONEY_UNITS.has(table.unit) ? table.unit : '');
  const split = (options.splitHeaders ?? true) && table.columns.some((c) => c.includes(' / '));
  const headerRows: number[] = [];
  if (split) {
    const upper = blankRow();
    const lower = blankRow();
    let previous: string | undefined;
    table.columns.forEach((c, j) => {
      const cut = c.indexOf(' / ');
      const up = cut >= 0 ? c.slice(0, cut) : '';
      const low = cut >= 0 ? c.slice(cut + 3) : c;
      // A merged group header keeps its text in the first cell only.
      if (up !== previous) upper[j + 1] = up || null;
      previous = up;
      lower[j + 1] = low;
    });
    lower[0] = labelHeader || null;
    headerRows.push(push(upper), push(lower));
  } else {
    const header = blankRow();
    header[0] = labelHeader || null;
    table.columns.forEach((c, j) => (header[j + 1] = c));
    headerRows.push(push(header));
  }

  const decimals = table.columns.map((_, j) => columnDecimals(table, j));
  const dataRows = table.rows.map((row) => {
    const r = blankRow();
    r[0] = row.label;
    table.columns.forEach((_, j) => {
      const v = row.values[j] ?? null;
      r[j + 1] =
        typeof v === 'number' && options.valuesAsText
          ? swedishNumberText(v, decimals[j]!, options.thousandsSeparator)
          : v;
    });
    return push(r);
  });

  const columns = table.columns.map((_, j) => left + 1 + j);
  return {
    rows,
    top,
    left,
    bottom: top + rows.length - 1,
    right: left + width - 1,
    titleRow,
    unitRow,
    headerRows,
    labelColumn: left,
    columns,
    dataRows,
    numberFormats: decimals.map((d) => numberFormatFor(table.unit, d)),
    address: (row, col) => a1(dataRows[row]!, col < 0 ? left : columns[col]!),
  };
}

/** The layout as a Grid (no formats), for tests that feed core functions directly. */
export function tableToGrid(
  table: SeedTable,
  sheet: string,
  options: TableToRowsOptions = {},
): { grid: Grid; layout: TableLayout } {
  const layout = tableToRows(table, options);
  // gridFromRows would read a leading "=" as a formula; report labels never start with one, values are no strings of that kind.
  return { grid: gridFromRows(sheet, layout.rows, layout.top, layout.left), layout };
}

export interface WriteTableOptions extends TableToRowsOptions {
  /**
   * Write subtotal and total rows as live formulas over their items, with the
   * published figures as cached results: a subtotal sums the items since the
   * previous subtotal, a total adds the subtotals (or sums all items when
   * there are none). Only for tables whose totals follow their items.
   */
  liveTotals?: boolean;
}

const HEADER_FILL = '#DDEBF7';

/** A live total: its formula and the result the formula gives over the values written above it. */
interface LiveTotal {
  formula: string;
  value: number;
}

/** What SUM gives over rows `from`–`to` of column `j`: numbers add, text (`..`) and blanks do not. */
function sumOfRows(values: readonly (SeedValue | undefined)[], from: number, to: number): number {
  let sum = 0;
  for (let k = from; k <= to; k++) {
    const v = values[k];
    if (typeof v === 'number') sum += v;
  }
  return sum;
}

/**
 * The formula of a subtotal or total cell and its result. The result is what
 * the formula computes from the cells it refers to (the published figure
 * where the report added exactly, the exact sum of the rounded items where it
 * rounded), so the file's cached value, the command line (which reads cached
 * values) and Excel or the workbench (which recalculate) all see one number.
 */
function liveTotal(
  table: SeedTable,
  layout: TableLayout,
  column: readonly (SeedValue | undefined)[],
  i: number,
  j: number,
): LiveTotal | undefined {
  const kind = table.rows[i]!.kind;
  const col = layout.columns[j]!;
  const ref = (row: number) => a1(layout.dataRows[row]!, col);
  if (kind === 'subtotal') {
    let first = i;
    while (first > 0 && table.rows[first - 1]!.kind === 'item') first -= 1;
    if (first === i) return undefined;
    return { formula: `=SUM(${ref(first)}:${ref(i - 1)})`, value: sumOfRows(column, first, i - 1) };
  }
  if (kind === 'total') {
    const subtotals = table.rows.slice(0, i).flatMap((r, k) => (r.kind === 'subtotal' ? [k] : []));
    if (subtotals.length) {
      let value = 0;
      for (const k of subtotals) value += typeof column[k] === 'number' ? (column[k] as number) : 0;
      return { formula: `=${subtotals.map(ref).join('+')}`, value };
    }
    const items = table.rows.slice(0, i).flatMap((r, k) => (r.kind === 'item' ? [k] : []));
    if (!items.length) return undefined;
    const from = items[0]!;
    const to = items[items.length - 1]!;
    return { formula: `=SUM(${ref(from)}:${ref(to)})`, value: sumOfRows(column, from, to) };
  }
  return undefined;
}

/** Writes a seed table into a sheet with number formats, bold headers and totals; returns where everything landed. */
export function writeTableToSheet(
  sheet: SheetModel,
  table: SeedTable,
  options: WriteTableOptions = {},
): TableLayout {
  const layout = tableToRows(table, options);
  layout.rows.forEach((cells, i) => {
    cells.forEach((v, j) => {
      if (v !== null) setCellData(sheet, layout.top + i, layout.left + j, { value: v });
    });
  });
  if (layout.titleRow !== undefined) setCellData(sheet, layout.titleRow, layout.left, { bold: true });
  for (const r of layout.headerRows) {
    for (let c = layout.left; c <= layout.right; c++)
      setCellData(sheet, r, c, { bold: true, fill: HEADER_FILL });
  }
  // Per column, the values as the sheet holds them: live totals replace their row's figure top down,
  // so a total over subtotals adds what those subtotals compute.
  const columns = table.columns.map((_, j) => table.rows.map((r) => r.values[j] ?? null));
  table.rows.forEach((row, i) => {
    const r = layout.dataRows[i]!;
    const strong = row.kind === 'subtotal' || row.kind === 'total' || row.kind === 'group_header';
    if (strong) setCellData(sheet, r, layout.left, { bold: true });
    if (row.kind === 'footnote') setCellData(sheet, r, layout.left, { italic: true });
    layout.columns.forEach((c, j) => {
      const v = row.values[j] ?? null;
      const patch: Partial<CellData> = {};
      if (typeof v === 'number' && !options.valuesAsText) patch.numberFormat = layout.numberFormats[j];
      if (strong && row.kind !== 'group_header') patch.bold = true;
      const total = options.liveTotals ? liveTotal(table, layout, columns[j]!, i, j) : undefined;
      if (total) {
        patch.formula = total.formula;
        patch.value = total.value;
        patch.numberFormat = layout.numberFormats[j];
        columns[j]![i] = total.value;
      }
      if (Object.keys(patch).length) setCellData(sheet, r, c, patch);
    });
  });
  sheet.columnWidths = columnWidths(sheet.columnWidths, table, layout);
  return layout;
}

/**
 * Widths that show every header and label whole: the label column as wide as
 * its longest label or header (up to 60 characters), each value column as
 * wide as its header, at least 12.
 */
function columnWidths(
  existing: Map<number, number> | undefined,
  table: SeedTable,
  layout: TableLayout,
): Map<number, number> {
  const widths = existing ?? new Map<number, number>();
  const textAt = (row: number, col: number) => {
    const v = layout.rows[row - layout.top]?.[col - layout.left];
    return typeof v === 'string' ? v.length : 0;
  };
  let label = 12;
  for (const r of table.rows) label = Math.max(label, r.label.length);
  for (const h of layout.headerRows) label = Math.max(label, textAt(h, layout.left));
  widths.set(layout.left, Math.min(label + 2, 60));
  for (const c of layout.columns) {
    let width = 12;
    for (const h of layout.headerRows) width = Math.max(width, textAt(h, c) + 2);
    widths.set(c, width);
  }
  return widths;
}
