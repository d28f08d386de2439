import {
  anchorOf,
  cellView,
  columnWidthPx,
  extentOf,
  formulaBarText,
  MIN_COLS,
  MIN_ROWS,
  visibleSheets,
} from '../../src/workbench/grid.logic';
import { createSheet, createWorkbook, setCellData } from '../../src/workbook/model';

describe('workbench grid logic', () => {
  it('shows at least a screenful and a margin past the used range', () => {
    const sheet = createSheet('A');
    expect(extentOf(sheet)).toEqual({ rows: MIN_ROWS, cols: MIN_COLS });
    setCellData(sheet, 99, 20, { value: 1 });
    expect(extentOf(sheet)).toEqual({ rows: 105, cols: 23 });
  });

  it('hides very hidden sheets (the Budgetkoll store) but keeps hidden ones out of nothing else', () => {
    const wb = createWorkbook(['Blad1', 'Budgetkoll_data']);
    wb.sheets[1]!.visibility = 'VeryHidden';
    expect(visibleSheets(wb).map((s) => s.name)).toEqual(['Blad1']);
  });

  it('converts Excel column widths to pixels', () => {
    const sheet = createSheet('A');
    sheet.columnWidths = new Map([[0, 40]]);
    expect(columnWidthPx(sheet, 0)).toBe(285);
    expect(columnWidthPx(sheet, 1)).toBe(64);
  });

  it('shows numbers right-aligned in their number format, text left, with fill and italics', () => {
    const v = cellView({ value: -412059, numberFormat: '#,##0', fill: '#FFF2CC', italic: true });
    expect(v.align).toBe('right');
    expect(v.text.replace(/\s/g, ' ')).toBe('-412 059');
    expect(v.fill).toBe('#FFF2CC');
    expect(v.italic).toBe(true);
    expect(cellView({ value: 'Intäkter' })).toEqual({
      text: 'Intäkter',
      align: 'left',
      fill: undefined,
      bold: undefined,
      italic: undefined,
      color: undefined,
    });
    expect(cellView(undefined).text).toBe('');
  });

  it('puts the formula as Swedish Excel shows it, or the constant in Swedish, in the formula bar', () => {
    expect(formulaBarText({ value: 5, formula: '=SUM(B5:B9)' })).toBe('=SUMMA(B5:B9)');
    expect(formulaBarText({ value: 5, formula: '=ROUND(B5*1.5,0)' })).toBe('=AVRUNDA(B5*1,5;0)');
    expect(formulaBarText({ value: 14.2 })).toBe('14,2');
    expect(formulaBarText({ value: true })).toBe('SANT');
    expect(formulaBarText(undefined)).toBe('');
  });

  it('reads the anchor cell of sheet-qualified addresses and ranges', () => {
    expect(anchorOf('C7')).toEqual({ row: 6, col: 2 });
    expect(anchorOf("'Blad 1'!AA10:AB12")).toEqual({ row: 9, col: 26 });
    expect(anchorOf('Verksamhetsrapport!$C$6')).toEqual({ row: 5, col: 2 });
    expect(anchorOf('nonsense')).toBeUndefined();
  });
});
