/**
 * Pieces both reports share: period and unit texts, formula references to
 * the source, Swedish figures for the draft text, and a small builder that
 * collects a sheet plan's cells and formats.
 */
import { a1, columnLetter, quoteSheet } from '../grid';
import { MONTH_NAMES } from '../vocabulary';
import type { ReportPeriod, Unit } from '../schemas';
import type {
  PrintSetup,
  BlockFormat,
  CellBlock,
  CellFormat,
  ColumnWidth,
  PlanCell,
  RowHeight,
} from './sheetPlan';

export const AMOUNT_FORMAT = '#,##0';

/** "januari–augusti 2024"; "januari 2024" for one month; "" when the period is unknown. */
export function periodText(period: ReportPeriod | undefined): string {
  if (!period) return '';
  const months = period.month === 1 ? MONTH_NAMES[0]! : `januari–${MONTH_NAMES[period.month - 1]!}`;
  return period.year === undefined ? months : `${months} ${period.year}`;
}

/** "2024-08" for the följetal's headers; undefined without a year. */
export function periodCode(period: ReportPeriod | undefined, yearOffset = 0): string | undefined {
  if (!period || period.year === undefined) return undefined;
  return `${period.year + yearOffset}-${String(period.month).padStart(2, '0')}`;
}

/** The unit as the label header shows it: "tkr", "mnkr", "kr". */
export function unitText(unit: Unit): string | undefined {
  return unit === 'tkr' || unit === 'mnkr' || unit === 'kr' ? unit : undefined;
}

/** Divides an amount in `unit` to mnkr. */
export function toMnkr(value: number, unit: Unit): number {
  if (unit === 'kr') return value / 1e6;
  if (unit === 'mnkr') return value;
  return value / 1000;
}

/** A cell on another sheet, as a formula reference: 'Sheet name'!C5 (or $C$5). */
export function sheetRef(sheet: string, row: number, col: number, absolute = false): string {
  return `${quoteSheet(sheet)}!${absolute ? `$${columnLetter(col)}$${row + 1}` : a1(row, col)}`;
}

/** A column block on another sheet: 'Rapportrader'!$F$5:$F$2004. */
export function sheetColumnRange(
  sheet: string | undefined,
  col: number,
  top: number,
  bottom: number,
): string {
  const letter = columnLetter(col);
  const range = `$${letter}$${top + 1}:$${letter}$${bottom + 1}`;
  return sheet === undefined ? range : `${quoteSheet(sheet)}!${range}`;
}

/** A formula's string literal: quotes doubled. */
export function stringLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The nämnd a table's title names ("Socialnämnden – Bilaga 2 …" → "Socialnämnden"). */
export function namndOf(texts: readonly (string | undefined)[]): string | undefined {
  for (const t of texts) {
    if (!t) continue;
    const m = /([A-ZÅÄÖ][\p{L}-]*nämnd(?:en)?)/u.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

/** A figure in mnkr with one decimal, Swedish style: "14,2 mnkr", "−6,7 mnkr" (no-break spaces); `signed` adds "+" to a positive one. */
export function mnkr(value: number, signed = false): string {
  const rounded = Math.round(value * 10) / 10;
  const abs = Math.abs(rounded).toFixed(1).replace('.', ',');
  const [int, dec] = abs.split(',') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const sign = rounded < 0 ? '\u2212' : signed && rounded > 0 ? '+' : '';
  return `${sign}${grouped},${dec}\u00a0mnkr`;
}

/** A share with one decimal: "3,3 %". */
export function percent(share: number): string {
  const v = Math.round(Math.abs(share) * 1000) / 10;
  return `${v.toFixed(1).replace('.', ',')}\u00a0%`;
}

/** Collects a sheet's cells, formats, merges, widths and heights. */
export class PlanBuilder {
  readonly cells: PlanCell[] = [];
  readonly formats: BlockFormat[] = [];
  readonly merges: CellBlock[] = [];
  readonly columnWidths: ColumnWidth[] = [];
  readonly rowHeights: RowHeight[] = [];

  text(row: number, col: number, value: string): void {
    if (value !== '') this.cells.push({ row, col, value });
  }
  number(row: number, col: number, value: number): void {
    this.cells.push({ row, col, value });
  }
  formula(row: number, col: number, formula: string): void {
    this.cells.push({ row, col, formula });
  }
  format(top: number, left: number, bottom: number, right: number, format: CellFormat): void {
    if (bottom >= top && right >= left) this.formats.push({ block: { top, left, bottom, right }, format });
  }
  merge(top: number, left: number, bottom: number, right: number): void {
    this.merges.push({ top, left, bottom, right });
  }
  width(col: number, chars: number): void {
    this.columnWidths.push({ col, chars });
  }
  height(row: number, points: number): void {
    this.rowHeights.push({ row, points });
  }
  /** Cells in row-major order, as the gateways and fingerprints read them. */
  sortedCells(): PlanCell[] {
    return [...this.cells].sort((x, y) => x.row - y.row || x.col - y.col);
  }
}

/** Estimated points for a wrapped text in a merged block `chars` wide (Calibri 11: 15 pt a line). */
export function wrappedHeight(text: string, chars: number): number {
  const lines = Math.max(1, Math.ceil((text.length * 1.05) / Math.max(10, chars)));
  return lines * 15 + 3;
}

/**
 * How a report tab prints: A4 landscape, one page wide, its title and header
 * rows (0..headerRow) repeated on every page, centred, over rows 0..bottom.
 */
export function reportPrint(headerRow: number, bottom: number, right: number): PrintSetup {
  return {
    orientation: 'landscape',
    paperSize: 'A4',
    fitToPagesWide: 1,
    fitToPagesTall: 0,
    titleRows: { first: 0, last: headerRow },
    printArea: { top: 0, left: 0, bottom, right },
    centerHorizontally: true,
  };
}
