/**
 * What the workbench draws for a sheet, computed without the DOM: the
 * visible extent, column widths in pixels and the text and look of a cell.
 */
import { cellText } from '../host/cells';
import { cellKey, usedBounds, type CellData, type SheetModel, type WorkbookModel } from '../workbook/model';
import { columnLetter } from '../core/grid';
import { swedishFormula } from '../app/formulaDisplay';

export const MIN_ROWS = 30;
export const MIN_COLS = 10;
const DEFAULT_WIDTH_CHARS = 8.43;

export interface Extent {
  rows: number;
  cols: number;
}

/** Used range plus a margin, never smaller than a screenful. */
export function extentOf(sheet: SheetModel): Extent {
  const b = usedBounds(sheet);
  return {
    rows: Math.max(MIN_ROWS, (b?.bottom ?? 0) + 6),
    cols: Math.max(MIN_COLS, (b?.right ?? 0) + 3),
  };
}

/** Excel's character-unit width in pixels (Calibri 11: about 7 px per character plus padding). */
export function columnWidthPx(sheet: SheetModel, col: number): number {
  const chars = sheet.columnWidths?.get(col) ?? DEFAULT_WIDTH_CHARS;
  return Math.max(24, Math.round(chars * 7 + 5));
}

export function visibleSheets(wb: WorkbookModel): SheetModel[] {
  return wb.sheets.filter((s) => s.visibility !== 'VeryHidden');
}

export interface CellView {
  text: string;
  align: 'left' | 'right' | 'center';
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  /** CSS borders of a report cell's top and bottom edges. */
  borderTop?: string;
  borderBottom?: string;
  fontSize?: number;
  indent?: number;
  wrap?: boolean;
}

const BORDER_CSS = { Thin: '1px solid #323130', Medium: '2px solid #323130' } as const;
const ALIGN = { Left: 'left', Center: 'center', Right: 'right' } as const;

export function cellView(cell: CellData | undefined): CellView {
  if (!cell) return { text: '', align: 'left' };
  const text = cellText(cell, 'sv-SE');
  const align =
    typeof cell.value === 'number'
      ? 'right'
      : typeof cell.value === 'boolean' || cell.error
        ? 'center'
        : 'left';
  const st = cell.style;
  return {
    text,
    align: st?.horizontalAlignment ? ALIGN[st.horizontalAlignment] : align,
    fill: cell.fill,
    bold: cell.bold,
    italic: cell.italic,
    color: cell.fontColor,
    ...(st?.borderTop ? { borderTop: BORDER_CSS[st.borderTop] } : {}),
    ...(st?.borderBottom ? { borderBottom: BORDER_CSS[st.borderBottom] } : {}),
    ...(st?.fontSize ? { fontSize: st.fontSize } : {}),
    ...(st?.indentLevel ? { indent: st.indentLevel } : {}),
    ...(st?.wrapText ? { wrap: true } : {}),
  };
}

export function getCell(sheet: SheetModel, row: number, col: number): CellData | undefined {
  return sheet.cells.get(cellKey(row, col));
}

/**
 * What the formula bar shows: the formula as Swedish Excel shows it
 * (`=SUMMA(B8:B11)`, `;` between arguments), else the constant as typed.
 */
export function formulaBarText(cell: CellData | undefined): string {
  if (!cell) return '';
  if (cell.formula) return swedishFormula(cell.formula);
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (typeof v === 'boolean') return v ? 'SANT' : 'FALSKT';
  return v;
}

export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** The top-left cell of an address such as "C7" or "C7:D9" (0-based), or undefined. */
export function anchorOf(addr: string): { row: number; col: number } | undefined {
  const local = addr.includes('!') ? addr.slice(addr.lastIndexOf('!') + 1) : addr;
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(local);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
