import * as ExcelJS from 'exceljs';
import type { CellData, SheetModel, SheetVisibility, WorkbookModel } from '../workbook/model';
import { parseCellKey } from '../workbook/model';

const ERROR_VALUES = new Set(['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!']);

function errorValue(text: string): ExcelJS.CellErrorValue | undefined {
  return ERROR_VALUES.has(text) ? { error: text as ExcelJS.CellErrorValue['error'] } : undefined;
}

function state(v: SheetVisibility): ExcelJS.WorksheetState {
  if (v === 'VeryHidden') return 'veryHidden';
  if (v === 'Hidden') return 'hidden';
  return 'visible';
}

function hexToArgb(hex: string): string | undefined {
  const m = /^#?([0-9A-Fa-f]{6})$/.exec(hex);
  return m ? `FF${m[1]!.toUpperCase()}` : undefined;
}

function cellValue(data: CellData): ExcelJS.CellValue {
  const constant =
    data.error && typeof data.value === 'string' ? (errorValue(data.value) ?? data.value) : data.value;
  if (data.formula !== undefined) {
    const formula = data.formula.startsWith('=') ? data.formula.slice(1) : data.formula;
    const result = constant === null ? undefined : constant;
    return result === undefined ? { formula } : { formula, result };
  }
  return constant;
}

function writeSheet(wb: ExcelJS.Workbook, sheet: SheetModel): void {
  const ws = wb.addWorksheet(sheet.name, { state: state(sheet.visibility) });
  // Row by row, left to right: ExcelJS builds its row objects in order.
  const entries = [...sheet.cells].map(([key, data]) => ({ ...parseCellKey(key), data }));
  entries.sort((a, b) => a.row - b.row || a.col - b.col);
  for (const { row, col, data } of entries) {
    const cell = ws.getCell(row + 1, col + 1);
    cell.value = cellValue(data);
    if (data.numberFormat) cell.numFmt = data.numberFormat;
    const fill = data.fill ? hexToArgb(data.fill) : undefined;
    if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    const fontColor = data.fontColor ? hexToArgb(data.fontColor) : undefined;
    if (data.bold || data.italic || fontColor) {
      cell.font = {
        ...(data.bold ? { bold: true } : {}),
        ...(data.italic ? { italic: true } : {}),
        ...(fontColor ? { color: { argb: fontColor } } : {}),
      };
    }
  }
  for (const [col, width] of sheet.columnWidths ?? []) ws.getColumn(col + 1).width = width;
  if (sheet.pageSetup) {
    const p = sheet.pageSetup;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      ...(p.printTitleRows
        ? { printTitlesRow: `${p.printTitleRows[0] + 1}:${p.printTitleRows[1] + 1}` }
        : {}),
    };
  }
}

/**
 * Writes the model as an .xlsx file. Formulas keep their last results as
 * cached values, and the file asks Excel and LibreOffice to recalculate on
 * open, so a result the model could not compute is never shown stale.
 */
export async function writeXlsx(model: WorkbookModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Budgetkoll';
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of model.sheets) writeSheet(wb, sheet);
  // Excel refuses a workbook whose active tab is hidden, and one with no visible sheet at all.
  let active = model.sheets.findIndex((s) => s.name === model.activeSheet && s.visibility === 'Visible');
  if (active < 0) active = model.sheets.findIndex((s) => s.visibility === 'Visible');
  if (active < 0 && wb.worksheets[0]) {
    wb.worksheets[0].state = 'visible';
    active = 0;
  }
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: Math.max(active, 0),
      visibility: 'visible',
    },
  ];
  const out = (await wb.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return out instanceof Uint8Array
    ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
    : new Uint8Array(out);
}
