import { cellAt, gridBounds } from '../../src/core/grid';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createSheet, getCellData, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { XlsxReadError, modelToGrid, readXlsx, writeXlsx, SheetNotFoundError } from '../../src/xlsx';
import { STORE_SHEET } from '../../src/core/store';

function buildModel(): WorkbookModel {
  const report = createSheet('Verksamhetsrapport');
  setCellData(report, 0, 0, { value: 'Socialnämnden – Bilaga 2 Verksamhetsrapport', bold: true });
  setCellData(report, 3, 0, { value: 'Verksamhet (tkr)', fill: '#DDEBF7', bold: true });
  setCellData(report, 3, 1, { value: 'Utfall perioden', fill: '#DDEBF7', bold: true });
  setCellData(report, 4, 0, { value: 'Familjerätt' });
  setCellData(report, 4, 1, { value: -154, numberFormat: '#,##0' });
  setCellData(report, 5, 0, { value: 'Flyktingmottagning', italic: true, fontColor: '#C00000' });
  setCellData(report, 5, 1, { value: '-1 257' }); // a number stored as text must stay text
  setCellData(report, 6, 0, { value: 'SUMMA', bold: true });
  setCellData(report, 6, 1, { formula: '=SUM(B5:B6)', value: -154, numberFormat: '#,##0' });
  setCellData(report, 7, 1, { formula: '=B7/0', value: '#DIV/0!', error: true });
  setCellData(report, 8, 1, { value: '#REF!', error: true });
  setCellData(report, 9, 1, { value: true });
  setCellData(report, 10, 1, { value: 14.25, numberFormat: '0.0' });
  setCellData(report, 11, 1, { value: '=inte en formel' });
  report.columnWidths = new Map([
    [0, 34],
    [1, 14.5],
  ]);
  const hidden = createSheet('Gömd', 'Hidden');
  setCellData(hidden, 0, 0, { value: 'dold' });
  const store = createSheet(STORE_SHEET, 'VeryHidden');
  setCellData(store, 0, 0, { value: '{"format":"budgetkoll/1"}' });
  return { sheets: [report, hidden, store], activeSheet: 'Verksamhetsrapport' };
}

describe('writeXlsx → readXlsx round trip', () => {
  let back: WorkbookModel;
  beforeAll(async () => {
    back = await readXlsx(await writeXlsx(buildModel()));
  });

  it('keeps sheets, their order, visibility and the active sheet', () => {
    expect(back.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Verksamhetsrapport', 'Visible'],
      ['Gömd', 'Hidden'],
      [STORE_SHEET, 'VeryHidden'],
    ]);
    expect(back.activeSheet).toBe('Verksamhetsrapport');
  });

  it('keeps values, text numbers, booleans and formulas with their cached results', () => {
    const s = back.sheets[0]!;
    expect(getCellData(s, 4, 1)).toEqual({ value: -154, numberFormat: '#,##0' });
    expect(getCellData(s, 5, 1)).toEqual({ value: '-1 257' });
    expect(getCellData(s, 6, 1)).toMatchObject({
      formula: '=SUM(B5:B6)',
      value: -154,
      numberFormat: '#,##0',
    });
    expect(getCellData(s, 9, 1)?.value).toBe(true);
    expect(getCellData(s, 10, 1)).toEqual({ value: 14.25, numberFormat: '0.0' });
    expect(getCellData(s, 11, 1)).toEqual({ value: '=inte en formel' });
  });

  it('reads error values as errors, cached or constant', () => {
    const s = back.sheets[0]!;
    expect(getCellData(s, 7, 1)).toEqual({ formula: '=B7/0', value: '#DIV/0!', error: true });
    expect(getCellData(s, 8, 1)).toEqual({ value: '#REF!', error: true });
  });

  it('keeps fills, bold, italic, font colour and column widths', () => {
    const s = back.sheets[0]!;
    expect(getCellData(s, 3, 1)).toEqual({ value: 'Utfall perioden', fill: '#DDEBF7', bold: true });
    expect(getCellData(s, 5, 0)).toEqual({ value: 'Flyktingmottagning', italic: true, fontColor: '#C00000' });
    expect(s.columnWidths?.get(0)).toBe(34);
    expect(s.columnWidths?.get(1)).toBe(14.5);
  });

  it('keeps the very hidden store sheet with its JSON', () => {
    const store = back.sheets.find((s) => s.name === STORE_SHEET)!;
    expect(getCellData(store, 0, 0)?.value).toBe('{"format":"budgetkoll/1"}');
  });

  it('asks Excel and LibreOffice to recalculate on open', async () => {
    const zip = await JSZip.loadAsync(await writeXlsx(buildModel()));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    expect(workbookXml).toMatch(/<sheet [^>]*name="Budgetkoll_data"[^>]*state="veryHidden"/);
  });

  it('never makes a hidden sheet the active tab', async () => {
    const model = buildModel();
    model.activeSheet = STORE_SHEET;
    const again = await readXlsx(await writeXlsx(model));
    expect(again.activeSheet).toBe('Verksamhetsrapport');
  });
});

describe('modelToGrid', () => {
  it('gives absolute coordinates, formulas, formats and errors', async () => {
    const model = await readXlsx(await writeXlsx(buildModel()));
    const grid = modelToGrid(model, 'verksamhetsrapport');
    expect(grid.sheet).toBe('Verksamhetsrapport');
    expect(gridBounds(grid)).toMatchObject({ top: 0, left: 0, bottom: 11 });
    expect(cellAt(grid, 6, 1)).toEqual({ v: -154, f: '=SUM(B5:B6)', fmt: '#,##0' });
    expect(cellAt(grid, 7, 1)).toEqual({ v: '#DIV/0!', f: '=B7/0', err: true });
    expect(cellAt(grid, 5, 1)).toEqual({ v: '-1 257' });
    expect(cellAt(grid, 2, 0)).toEqual({ v: null });
  });

  it('starts the grid at the first used cell', () => {
    const sheet = createSheet('Blad1');
    setCellData(sheet, 4, 2, { value: 1 });
    setCellData(sheet, 6, 3, { value: 'x', numberFormat: 'General' });
    const grid = modelToGrid({ sheets: [sheet], activeSheet: 'Blad1' }, 'Blad1');
    expect(gridBounds(grid)).toEqual({ top: 4, left: 2, bottom: 6, right: 3 });
    expect(cellAt(grid, 6, 3)).toEqual({ v: 'x' });
  });

  it('throws SheetNotFoundError for an unknown sheet', () => {
    expect(() => modelToGrid(buildModel(), 'Finns inte')).toThrow(SheetNotFoundError);
  });
});

describe('readXlsx on files written by others', () => {
  async function load(build: (ws: ExcelJS.Worksheet) => void): Promise<WorkbookModel> {
    const wb = new ExcelJS.Workbook();
    build(wb.addWorksheet('Blad 1'));
    return readXlsx(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  }

  it('resolves shared formulas into real formulas for every follower', async () => {
    const model = await load((ws) => {
      ws.getCell('A1').value = 1;
      ws.getCell('A2').value = 2;
      ws.getCell('A3').value = 3;
      ws.getCell('B1').value = {
        formula: 'A1*2+$A$1',
        result: 3,
        shareType: 'shared',
        ref: 'B1:B3',
      } as ExcelJS.CellValue;
      ws.getCell('B2').value = { sharedFormula: 'B1', result: 5 } as ExcelJS.CellValue;
      ws.getCell('B3').value = { sharedFormula: 'B1', result: 7 } as ExcelJS.CellValue;
    });
    const s = model.sheets[0]!;
    expect(getCellData(s, 0, 1)).toEqual({ formula: '=A1*2+$A$1', value: 3 });
    expect(getCellData(s, 1, 1)).toEqual({ formula: '=A2*2+$A$1', value: 5 });
    expect(getCellData(s, 2, 1)).toEqual({ formula: '=A3*2+$A$1', value: 7 });
  });

  it('turns rich text and hyperlinks into plain text and dates into serial numbers', async () => {
    const model = await load((ws) => {
      ws.getCell('A1').value = {
        richText: [{ text: 'Utfall ' }, { text: 'perioden', font: { bold: true } }],
      };
      ws.getCell('A2').value = { text: 'Rapporten', hyperlink: 'https://example.se' };
      ws.getCell('A3').value = new Date(Date.UTC(2024, 7, 31));
      ws.getCell('A3').numFmt = 'yyyy-mm-dd';
    });
    const s = model.sheets[0]!;
    expect(getCellData(s, 0, 0)?.value).toBe('Utfall perioden');
    expect(getCellData(s, 1, 0)?.value).toBe('Rapporten');
    expect(getCellData(s, 2, 0)).toEqual({ value: 45535, numberFormat: 'yyyy-mm-dd' });
  });

  it('keeps the value of a merged range in its first cell only', async () => {
    const model = await load((ws) => {
      ws.mergeCells('A1:C1');
      ws.getCell('A1').value = 'Bilaga 2 Verksamhetsrapport';
    });
    const s = model.sheets[0]!;
    expect(getCellData(s, 0, 0)?.value).toBe('Bilaga 2 Verksamhetsrapport');
    expect(getCellData(s, 0, 1)).toBeUndefined();
    expect(getCellData(s, 0, 2)).toBeUndefined();
  });
});

describe('readXlsx on files that are no workbooks', () => {
  const reasonOf = async (bytes: Uint8Array) => {
    try {
      await readXlsx(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(XlsxReadError);
      return (e as XlsxReadError).reason;
    }
    throw new Error('readXlsx accepted the input');
  };

  it('rejects an empty file', async () => {
    expect(await reasonOf(new Uint8Array())).toBe('empty');
  });

  it('rejects text', async () => {
    expect(await reasonOf(new TextEncoder().encode('Verksamhet;Utfall\nFamiljerätt;-154\n'))).toBe('not_zip');
  });

  it('recognizes the old .xls format', async () => {
    expect(await reasonOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe(
      'legacy_xls',
    );
  });

  it('rejects a truncated .xlsx as corrupt', async () => {
    const bytes = await writeXlsx(buildModel());
    expect(await reasonOf(bytes.slice(0, Math.floor(bytes.length / 2)))).toBe('corrupt');
  });

  it('gives a Swedish message', async () => {
    await expect(readXlsx(new TextEncoder().encode('hej'))).rejects.toThrow(
      'Filen är ingen Excel-arbetsbok (.xlsx).',
    );
  });
});
