import * as ExcelJS from 'exceljs';
import type { CellData, SheetModel, SheetVisibility, WorkbookModel } from '../workbook/model';
import { cellKey } from '../workbook/model';
import { parseA1 } from '../core/grid';
import { XlsxReadError, checkXlsxSignature } from './errors';
import { slideFormula } from './formulaRefs';

type Bytes = ArrayBuffer | Uint8Array;

/** Days between Excel's epoch and 1970-01-01 in the 1900 and 1904 date systems. */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;
const MS_PER_DAY = 86_400_000;

function toUint8(data: Bytes): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export function dateToSerial(date: Date, date1904 = false): number {
  const serial = date.getTime() / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
  // Dates come back from ExcelJS with millisecond noise; a second is far finer than any report needs.
  return Math.round(serial * 86400) / 86400;
}

function argbToHex(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9A-Fa-f]{6,8}$/.test(argb)) return undefined;
  return `#${argb.slice(-6).toUpperCase()}`;
}

function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) {
    const parts = (value as ExcelJS.CellRichTextValue).richText;
    return parts.map((p) => p.text).join('');
  }
  return value === null || value === undefined ? '' : String(value);
}

type Scalar = { value: CellData['value']; error?: true };

function scalar(value: unknown, date1904: boolean): Scalar {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { value };
  if (value instanceof Date) return { value: dateToSerial(value, date1904) };
  if (typeof value === 'object') {
    if ('error' in value) return { value: String((value as ExcelJS.CellErrorValue).error), error: true };
    if ('richText' in value) return { value: plainText(value) };
    if ('text' in value && 'hyperlink' in value)
      return { value: plainText((value as ExcelJS.CellHyperlinkValue).text) };
  }
  return { value: String(value) };
}

function formulaOf(cell: ExcelJS.Cell, ws: ExcelJS.Worksheet): string | undefined {
  const v = cell.value as Partial<ExcelJS.CellFormulaValue & ExcelJS.CellSharedFormulaValue> | null;
  if (!v || typeof v !== 'object') return undefined;
  if (typeof v.formula === 'string' && v.formula !== '' && !('sharedFormula' in v && v.sharedFormula)) {
    return v.formula;
  }
  if (typeof v.sharedFormula === 'string') {
    // A shared-formula follower names its master; the master's formula is
    // written for the master's cell and slides by the offset, like a copy.
    const master = ws.getCell(v.sharedFormula);
    const mv = master.value as Partial<ExcelJS.CellFormulaValue> | null;
    const masterFormula =
      mv && typeof mv === 'object' && typeof mv.formula === 'string' ? mv.formula : undefined;
    const from = parseA1(v.sharedFormula);
    if (!masterFormula || !from) return undefined;
    return slideFormula(masterFormula, Number(cell.row) - 1 - from.row, Number(cell.col) - 1 - from.col);
  }
  return undefined;
}

function readCell(cell: ExcelJS.Cell, ws: ExcelJS.Worksheet, date1904: boolean): CellData | undefined {
  const data: CellData = { value: null };
  const isMergeFollower = cell.type === ExcelJS.ValueType.Merge || (cell.isMerged && cell.master !== cell);
  if (!isMergeFollower) {
    if (cell.type === ExcelJS.ValueType.Formula) {
      const formula = formulaOf(cell, ws);
      const v = cell.value as Partial<ExcelJS.CellFormulaValue>;
      const result = scalar(v.result, date1904);
      if (formula !== undefined) data.formula = formula.startsWith('=') ? formula : `=${formula}`;
      data.value = result.value;
      if (result.error) data.error = true;
    } else {
      const s = scalar(cell.value, date1904);
      data.value = s.value;
      if (s.error) data.error = true;
    }
  }
  const numFmt = cell.numFmt;
  if (numFmt && numFmt !== 'General') data.numberFormat = numFmt;
  const fill = cell.fill;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const hex = argbToHex(fill.fgColor?.argb);
    if (hex) data.fill = hex;
  }
  const font = cell.font;
  if (font?.bold) data.bold = true;
  if (font?.italic) data.italic = true;
  const color = argbToHex(font?.color?.argb);
  if (color && color !== '#000000') data.fontColor = color;
  const hasValue = data.formula !== undefined || (data.value !== null && data.value !== '');
  const hasFormat =
    data.numberFormat !== undefined || data.fill !== undefined || data.bold || data.italic || data.fontColor;
  return hasValue || hasFormat ? data : undefined;
}

function visibility(state: ExcelJS.WorksheetState | undefined): SheetVisibility {
  if (state === 'veryHidden') return 'VeryHidden';
  if (state === 'hidden') return 'Hidden';
  return 'Visible';
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean): SheetModel {
  const sheet: SheetModel = { name: ws.name, visibility: visibility(ws.state), cells: new Map() };
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const data = readCell(cell, ws, date1904);
      if (data) sheet.cells.set(cellKey(Number(cell.row) - 1, Number(cell.col) - 1), data);
    });
  });
  const widths = new Map<number, number>();
  for (const column of ws.columns ?? []) {
    const n = column?.number;
    if (typeof n === 'number' && n >= 1 && typeof column.width === 'number') widths.set(n - 1, column.width);
  }
  if (widths.size) sheet.columnWidths = widths;
  return sheet;
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS hands the data to JSZip, which takes a Uint8Array in Node and the browser alike.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new XlsxReadError(
      'corrupt',
      'Filen kunde inte läsas som Excel-arbetsbok; den verkar vara skadad.',
      {
        cause: e,
      },
    );
  }
  return wb;
}

/** Reads an .xlsx file into the in-memory workbook model. Throws XlsxReadError for anything that is not a readable .xlsx. */
export async function readXlsx(data: Bytes): Promise<WorkbookModel> {
  const bytes = toUint8(data);
  checkXlsxSignature(bytes);
  const wb = await loadWorkbook(bytes);
  const worksheets = wb.worksheets;
  if (worksheets.length === 0) {
    throw new XlsxReadError(
      'not_xlsx',
      'Filen är ingen Excel-arbetsbok (.xlsx): den innehåller inga kalkylblad.',
    );
  }
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  let sheets: SheetModel[];
  try {
    sheets = worksheets.map((ws) => readSheet(ws, date1904));
  } catch (e) {
    throw new XlsxReadError('corrupt', 'Arbetsbokens innehåll kunde inte tolkas; filen verkar vara skadad.', {
      cause: e,
    });
  }
  const activeIndex = wb.views?.[0]?.activeTab ?? 0;
  const active = sheets[activeIndex] ?? sheets.find((s) => s.visibility === 'Visible') ?? sheets[0]!;
  return { sheets, activeSheet: active.name };
}
