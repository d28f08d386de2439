/**
 * A sheet plan: what a report command wants a whole worksheet to be, as
 * plain data. The write plan (../plan.ts) edits cells of an existing sheet;
 * a report needs a new sheet (or the replacement of the one Budgetkoll made
 * before) with formats, column widths, frozen rows, print setup and a chart.
 * The core builds it from the table model; the gateways only apply it:
 * src/excel (Office.js, ExcelApi ≤ 1.14), src/host (the simulated host) and
 * src/xlsx/patch (the command line's package editor).
 *
 * Coordinates are 0-based and absolute on the planned sheet (row 0, col 0 is
 * A1), like the grid's. Ranges are inclusive.
 *
 * Stability: engineer B's gateway builds on these types. Change them only in
 * a commit of their own that says so.
 */
import type { Finding } from '../schemas';

/** The reports Budgetkoll generates, and the mapping sheet the verksamhetsrapport aggregates through. */
export type ReportKind = 'verksamhetsrapport' | 'foljetal' | 'rapportrader';

/** An inclusive block of cells on the planned sheet. */
export interface CellBlock {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One cell's content. Exactly one of `formula` and `value` is set.
 * Formulas are in Excel's invariant syntax (English function names, commas),
 * with the leading "=", referring to other sheets by their final names.
 * Strings in `value` are always text, even when they start with =, +, - or @
 * (the gateway writes them so Excel keeps them text: a leading apostrophe in
 * Office.js, a shared string in the .xlsx).
 */
export interface PlanCell {
  row: number;
  col: number;
  formula?: string;
  value?: number | string;
}

export type BorderWeight = 'thin' | 'medium';

/** Formatting of a block. Absent fields are left at Excel's defaults (General, not bold, no border). */
export interface CellFormat {
  /** Excel number format code in invariant syntax: "#,##0" (Swedish Excel shows "1 234"), "0.0 %", "@". */
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points; absent: the workbook's default (11). */
  fontSize?: number;
  /** "#RRGGBB". */
  fontColor?: string;
  /** "#RRGGBB" solid fill. */
  fill?: string;
  /** Borders on the block's outer edges (a top border on SUMMA, a bottom border under the header). */
  borderTop?: BorderWeight;
  borderBottom?: BorderWeight;
  horizontalAlignment?: 'left' | 'center' | 'right';
  verticalAlignment?: 'top' | 'center' | 'bottom';
  wrapText?: boolean;
  /** Indent level of the text (group members under a group header). */
  indent?: number;
}

/** A format laid on a block; later entries win where blocks overlap. */
export interface BlockFormat {
  block: CellBlock;
  format: CellFormat;
}

export interface ColumnWidth {
  col: number;
  /**
   * Width in Excel's character units (the .xlsx <col width>, what Excel's
   * column-width dialog shows). Office.js takes points: see charsToPoints.
   */
  chars: number;
}

/** A row whose height the report sets (the draft text's wrapped paragraphs). */
export interface RowHeight {
  row: number;
  /** Points. */
  points: number;
}

/** Print setup (Office.js pageLayout, ExcelApi 1.9; the .xlsx pageSetup/printOptions and print titles). */
export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  paperSize: 'A4';
  /** Fit to this many pages wide; `fitToPagesTall` 0 means as many pages tall as needed. */
  fitToPagesWide: number;
  fitToPagesTall: number;
  /** Rows repeated at the top of every printed page (the title and header rows). */
  titleRows?: { first: number; last: number };
  /** What prints; the chart's helper data to its right stays out. */
  printArea: CellBlock;
  centerHorizontally?: boolean;
  /**
   * Rows (0-based) a printed page starts with: the chart on a page of its
   * own instead of cut in two (Office.js horizontalPageBreaks.add, ExcelApi
   * 1.9; the .xlsx <rowBreaks>).
   */
  rowBreaks?: number[];
}

/**
 * A real Excel chart bound to cells of the planned sheet, so it updates with
 * them. `categories` and `values` are one column each and of equal height.
 * Office.js: sheet.charts.add('BarClustered', values) with seriesBy columns,
 * then series(0).setXAxisValues(categories) and setValues(values) (1.7),
 * title, legend off, setPosition(topLeft, bottomRight).
 */
export interface ChartSpec {
  /** Horizontal bars, one per category. */
  type: 'barClustered';
  /** Swedish title shown above the plot area. */
  title: string;
  /** The series' name (shown in tooltips; no legend is drawn). */
  seriesName: string;
  categories: CellBlock;
  values: CellBlock;
  /**
   * Excel draws a bar chart's first category at the bottom; true reverses
   * the category axis (categoryAxis.reversePlotOrder, 1.7) so the first row
   * of the (sorted) range is the top bar.
   */
  categoriesTopDown: boolean;
  /** Number format of the value axis and data labels. */
  valueNumberFormat: string;
  dataLabels: boolean;
  /** The chart's frame: its top-left cell and the cell its bottom-right corner ends in. */
  anchor: { from: { row: number; col: number }; to: { row: number; col: number } };
}

/**
 * The mark that tells a sheet Budgetkoll generated from a user's own: a
 * sheet-scoped defined name GENERATED_MARK_NAME whose value is the text
 * `="<encodeMark(...)>"` (Office.js worksheet.names.add, ExcelApi 1.4; the
 * .xlsx <definedName localSheetId>). The fingerprint is of the contents the
 * sheet was generated with (mark.ts sheetFingerprint), so a later run can
 * tell whether the user edited it since.
 */
export interface GeneratedMark {
  kind: ReportKind;
  /** sheetFingerprint of the planned cells. */
  fingerprint: string;
}

export const GENERATED_MARK_NAME = 'Budgetkoll_genererat';

/**
 * Where the planned sheet goes, decided by the core (placement.ts) from the
 * sheets the workbook holds:
 * - `add`: a new sheet named `name` (a free name; a user's own sheet of the
 *   wanted name is never touched, the report gets "Verksamhetsrapport (2)").
 * - `replace`: the sheet `name` was generated by Budgetkoll before and is
 *   replaced in place (same tab position). `edited` is true when its
 *   contents no longer match its mark: the task pane asks first, the command
 *   line refuses without --ersatt-andrad.
 */
export type SheetTarget =
  { action: 'add'; name: string } | { action: 'replace'; name: string; edited: boolean };

export interface SheetPlan {
  kind: ReportKind;
  target: SheetTarget;
  /** The content, row by row, left to right. */
  cells: PlanCell[];
  /** Formats in order; later ones win. */
  formats: BlockFormat[];
  columnWidths: ColumnWidth[];
  rowHeights: RowHeight[];
  /** Blocks merged into one cell (the title and the draft text's paragraphs across the table's width). */
  merges: CellBlock[];
  /** Rows frozen at the top (the title and header rows); 0 for none. */
  freezeRows: number;
  print: PrintSetup;
  charts: ChartSpec[];
  mark: GeneratedMark;
  /** Activate the sheet after creating it (the report; not the mapping sheet). */
  activate: boolean;
}

/** The draft text under the report and in the task pane (with a copy button). */
export interface DraftText {
  heading: string;
  paragraphs: string[];
}

/** A sheet as the report commands see the workbook: every sheet, in tab order. */
export interface WorkbookSheet {
  name: string;
  /** Its cells (values, formulas, formats). The source, the mapping sheet and any earlier report are read from these. */
  grid: import('../grid').Grid;
  /** The raw value of its GENERATED_MARK_NAME name, when it has one ("verksamhetsrapport|…"). */
  mark?: string;
}

export interface ReportOptions {
  /** The sheet to read the source table from (--blad); absent: the best fitting table in the workbook. */
  sourceSheet?: string;
}

/**
 * What a report command returns. `sheets` are applied in order (the mapping
 * sheet before the report whose formulas refer to it), in one journal
 * entry. Empty `sheets` with an error finding: nothing can be built, the
 * findings say why in Swedish.
 */
export interface ReportResult {
  kind: 'verksamhetsrapport' | 'foljetal';
  sheets: SheetPlan[];
  findings: Finding[];
  /** The verksamhetsrapport's draft text; absent for följetal. */
  draft?: DraftText;
  /** The sheet and table range the report was built from ("Resultatrapport!A4:H22"). */
  source?: string;
}

/** Excel's character width to points, for Office.js columnWidth (Calibri 11: 7 px per character plus 5 px padding, 0.75 pt per px). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
