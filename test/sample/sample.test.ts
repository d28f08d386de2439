/**
 * The sample workbook (`budgetkoll exempel`, the workbench's start): what the
 * file holds is what every reader of it sees.
 */
import * as ExcelJS from 'exceljs';
import { buildSampleWorkbook } from '../../src/sample';
import { validateSums } from '../../src/core';
import { cloneWorkbook, parseCellKey } from '../../src/workbook/model';
import { recalculate } from '../../src/workbook/recalc';
import { modelToGrid, readXlsx, writeXlsx } from '../../src/xlsx';

describe('the sample workbook', () => {
  it('stores every formula with the result it computes, so the command line and the pane agree', async () => {
    const model = buildSampleWorkbook();
    const recalculated = cloneWorkbook(model);
    recalculate(recalculated);
    let formulas = 0;
    for (const sheet of model.sheets) {
      const after = recalculated.sheets.find((s) => s.name === sheet.name)!;
      for (const [key, cell] of sheet.cells) {
        if (cell.formula === undefined) continue;
        formulas++;
        expect({ key, value: cell.value }).toEqual({ key, value: after.cells.get(key)?.value });
      }
    }
    // Intäkter, Kostnader, Resultat and SUMMA in every column of the two money sheets.
    expect(formulas).toBe(28);
    // The command line reads the file's cached results; the pane's host recalculates on open.
    const file = await readXlsx(await writeXlsx(model));
    const cli = validateSums(file.sheets.map((s) => modelToGrid(file, s.name)));
    const pane = validateSums(recalculated.sheets.map((s) => modelToGrid(recalculated, s.name)));
    expect(cli).toEqual(pane);
  });

  it('groups thousands on every sheet, Följetal included', () => {
    const model = buildSampleWorkbook();
    for (const sheet of model.sheets) {
      const formats = new Set(
        [...sheet.cells.values()].flatMap((c) => (c.numberFormat ? [c.numberFormat] : [])),
      );
      expect([sheet.name, [...formats].every((f) => f.startsWith('#,##0'))]).toEqual([sheet.name, true]);
    }
    const foljetal = model.sheets.find((s) => s.name === 'Följetal')!;
    const hours = [...foljetal.cells].find(([, c]) => c.value === 98803)!;
    expect(hours[1].numberFormat).toBe('#,##0');
  });

  it('prints on A4 landscape, one page wide, its header rows repeated; the file says so', async () => {
    const bytes = await writeXlsx(buildSampleWorkbook());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) {
      expect([ws.name, ws.pageSetup]).toEqual([
        ws.name,
        expect.objectContaining({
          paperSize: 9,
          orientation: 'landscape',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: '4:4',
        }),
      ]);
    }
  });

  it('makes its columns as wide as their headers, so no header is cut', () => {
    const model = buildSampleWorkbook();
    for (const sheet of model.sheets) {
      for (const [key, cell] of sheet.cells) {
        const { row, col } = parseCellKey(key);
        if (row !== 3 || typeof cell.value !== 'string') continue;
        expect([sheet.name, cell.value, (sheet.columnWidths?.get(col) ?? 0) >= cell.value.length]).toEqual([
          sheet.name,
          cell.value,
          true,
        ]);
      }
    }
  });
});
