/**
 * What real Excel does that a kind simulation would not, each as documented
 * by Microsoft or reported on the office-js tracker. The gateway's tests
 * (test/excel/hardening.test.ts) meet these behaviours through the host.
 */
import { createSimulatedExcel, type SimulatedHost } from '../../src/host';
import { findSheet, getCellData, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { workbookWith } from './helpers';

function host(wb: WorkbookModel, options: Parameters<typeof createSimulatedExcel>[1] = {}): SimulatedHost {
  return createSimulatedExcel(wb, options);
}

async function failure(run: Promise<unknown>): Promise<{ code?: string }> {
  try {
    await run;
  } catch (e) {
    return e as { code?: string };
  }
  throw new Error('expected the batch to fail');
}

describe('a failed batch keeps what ran before the failing command (Excel, not all-or-nothing)', () => {
  it('keeps the first write when the second command of the batch fails', async () => {
    const wb = workbookWith({ Blad1: [[1, 2]] });
    const { Excel } = host(wb);
    const err = await failure(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Blad1');
        sheet.getRange('A1').values = [[10]];
        sheet.getRange('B1:C1').values = [[1]]; // wrong shape: InvalidArgument
        sheet.getRange('A2').values = [[30]];
        await context.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
    const s = findSheet(wb, 'Blad1')!;
    expect(getCellData(s, 0, 0)?.value).toBe(10);
    expect(getCellData(s, 1, 0)).toBeUndefined();
  });
});

describe('quote-prefixed text (office-js issue 6687: formulas drops the apostrophe)', () => {
  it('reads back "\'=Summa" as =Summa from both values and formulas, as text', async () => {
    const wb = workbookWith({ Blad1: [] });
    const { Excel } = host(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('A1:B1').values = [["'=Summa", "'-varav"]];
      const r = sheet.getRange('A1:B1').load('values,formulas,valueTypes,text');
      await context.sync();
      expect(r.values).toEqual([['=Summa', '-varav']]);
      expect(r.formulas).toEqual([['=Summa', '-varav']]);
      expect(r.valueTypes).toEqual([['String', 'String']]);
      expect(r.text).toEqual([['=Summa', '-varav']]);
    });
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)).toEqual({ value: '=Summa', quotePrefix: true });
  });

  it('forgets the prefix when the cell gets new content', async () => {
    const wb = workbookWith({ Blad1: [] });
    setCellData(findSheet(wb, 'Blad1')!, 0, 0, { value: '0100', quotePrefix: true });
    await host(wb).Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [[5]];
      await context.sync();
    });
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)).toEqual({ value: 5 });
  });
});

describe('typed dates become date serials', () => {
  it('reads 2024-08-31 as 45535 with a date format, shown as the date', async () => {
    const wb = workbookWith({ Blad1: [] });
    setCellData(findSheet(wb, 'Blad1')!, 0, 3, { value: null, numberFormat: '@' });
    setCellData(findSheet(wb, 'Blad1')!, 0, 4, { value: null, numberFormat: 'd mmm yyyy' });
    await host(wb).Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('A1:E1').values = [
        ['2024-08-31', '2024-08-31 14:30', '2024-02-30', '2024-08-31', '2024-08-31'],
      ];
      const r = sheet.getRange('A1:E1').load('values,numberFormat,valueTypes,text');
      await context.sync();
      expect(r.values).toEqual([[45535, 45535 + 14.5 / 24, '2024-02-30', '2024-08-31', 45535]]);
      expect(r.numberFormat).toEqual([['yyyy-mm-dd', 'yyyy-mm-dd h:mm', 'General', '@', 'd mmm yyyy']]);
      expect(r.valueTypes[0]![0]).toBe('Double');
      expect(r.text[0]![0]).toBe('2024-08-31');
    });
  });
});

describe('worksheet and workbook protection', () => {
  it('refuses every change to a protected sheet with AccessDenied and still reads it', async () => {
    const wb = workbookWith({ Drift: [['Utfall', 100]] });
    const { Excel } = host(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Drift');
      sheet.protection.protect();
      sheet.protection.load('protected');
      await context.sync();
      expect(sheet.protection.protected).toBe(true);
    });
    for (const change of [
      (s: Excel.Worksheet) => void (s.getRange('B1').values = [[1]]),
      (s: Excel.Worksheet) => void (s.getRange('B1').format.fill.color = '#FFFF00'),
      (s: Excel.Worksheet) => void s.getRange('B1').insert('Right'),
      (s: Excel.Worksheet) => void (s.getRange('B1').numberFormat = [['0.0']]),
    ]) {
      const err = await failure(
        Excel.run(async (context) => {
          change(context.workbook.worksheets.getItem('Drift') as unknown as Excel.Worksheet);
          await context.sync();
        }),
      );
      expect(err.code).toBe('AccessDenied');
    }
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Drift').getRange('A1:B1').load('values');
      await context.sync();
      expect(r.values).toEqual([['Utfall', 100]]);
    });
    expect(getCellData(findSheet(wb, 'Drift')!, 0, 1)).toEqual({ value: 100 });
  });

  it("refuses to add or hide sheets while the workbook's structure is protected", async () => {
    const wb = workbookWith({ Drift: [], Dold: [] });
    const { Excel } = host(wb);
    await Excel.run(async (context) => {
      context.workbook.protection.protect();
      context.workbook.protection.load('protected');
      await context.sync();
      expect(context.workbook.protection.protected).toBe(true);
    });
    const add = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.add('Budgetkoll_data');
        await context.sync();
      }),
    );
    expect(add.code).toBe('AccessDenied');
    const hide = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Dold').visibility = 'Hidden' as Excel.SheetVisibility;
        await context.sync();
      }),
    );
    expect(hide.code).toBe('AccessDenied');
    expect(wb.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Drift', 'Visible'],
      ['Dold', 'Visible'],
    ]);
  });
});

describe('inserting cells (Insert > Shift cells right)', () => {
  it('gives the inserted cells the formatting of the cells to their left', async () => {
    const wb = workbookWith({ Blad1: [] });
    const s = findSheet(wb, 'Blad1')!;
    setCellData(s, 1, 2, { value: 5, fill: '#FFF2CC', italic: true, numberFormat: '#,##0' });
    setCellData(s, 1, 3, { value: 'x' });
    await host(wb).Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('D1:D3').insert('Right');
      await context.sync();
    });
    expect(getCellData(s, 1, 3)).toEqual({
      value: null,
      fill: '#FFF2CC',
      italic: true,
      numberFormat: '#,##0',
    });
    expect(getCellData(s, 1, 4)).toEqual({ value: 'x' });
  });

  it('refuses to split an Excel table (InsertDeleteConflict) and moves one wholly inside the rows', async () => {
    const wb = workbookWith({ Blad1: [] });
    const { Excel } = host(wb);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').tables.add('C2:E10', true);
      await context.sync();
    });
    const err = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').getRange('B2:B5').insert('Right');
        await context.sync();
      }),
    );
    expect(err.code).toBe('InsertDeleteConflict');
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('D1:D12').insert('Right');
      const tables = sheet.getRange('A1:Z20').getTables(false).load('items/name');
      const range = sheet.tables.getItem('Tabell1').getRange().load('address');
      await context.sync();
      expect(tables.items.map((t) => t.name)).toEqual(['Tabell1']);
      expect(range.address).toBe('Blad1!C2:F10');
    });
  });

  it('refuses to split a merged area (MergedRangeConflict)', async () => {
    const wb = workbookWith({ Blad1: [['Rubrik']] });
    const { Excel } = host(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('B1:D2').merge();
      const merged = sheet.getRange('A1:Z9').getMergedAreasOrNullObject().load('address,areaCount');
      await context.sync();
      expect(merged.address).toBe('Blad1!B1:D2');
    });
    const err = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').getRange('A2:A5').insert('Right');
        await context.sync();
      }),
    );
    expect(err.code).toBe('MergedRangeConflict');
  });

  it('refuses an insert in a filtered range (FilteredRangeConflict)', async () => {
    const wb = workbookWith({
      Blad1: [
        ['Verksamhet', 'Utfall'],
        ['A', 1],
      ],
    });
    const { Excel } = host(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.autoFilter.apply('A1:B2', 0, { filterOn: 'Values', values: ['A'] });
      sheet.autoFilter.load('enabled,isDataFiltered');
      const range = sheet.autoFilter.getRangeOrNullObject().load('address');
      await context.sync();
      expect([sheet.autoFilter.enabled, sheet.autoFilter.isDataFiltered, range.address]).toEqual([
        true,
        true,
        'Blad1!A1:B2',
      ]);
    });
    const err = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').getRange('B1:B2').insert('Right');
        await context.sync();
      }),
    );
    expect(err.code).toBe('FilteredRangeConflict');
  });

  it('refuses to push a non-empty cell off the sheet (NonBlankCellOffSheet)', async () => {
    const wb = workbookWith({ Blad1: [] });
    setCellData(findSheet(wb, 'Blad1')!, 3, 16383, { value: 1 });
    const err = await failure(
      host(wb).Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').getRange('D1:D9').insert('Right');
        await context.sync();
      }),
    );
    expect(err.code).toBe('NonBlankCellOffSheet');
  });
});

describe('cell-edit mode', () => {
  it('fails a batch while the user edits a cell, and delays it with delayForCellEdit', async () => {
    const wb = workbookWith({ Blad1: [[1]] });
    const sim = host(wb);
    sim.setCellEditMode(true);
    const err = await failure(
      sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [[2]];
        await context.sync();
      }),
    );
    expect(err.code).toBe('InvalidOperationInCellEditMode');
    let done = false;
    const delayed = sim.Excel.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [[3]];
      await context.sync();
      done = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)?.value).toBe(1);
    sim.setCellEditMode(false);
    await delayed;
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)?.value).toBe(3);
  });
});

describe('where the data is: getSpecialCells (ExcelApi 1.9)', () => {
  it('gives the areas of constants and of formulas, a stray cell far out as an area of its own', async () => {
    const wb = workbookWith({
      Blad1: [
        ['Rubrik', 'Utfall'],
        ['a', 1],
        ['b', '=B2*2'],
      ],
    });
    setCellData(findSheet(wb, 'Blad1')!, 1048575, 16383, { value: 'x' });
    await host(wb).Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem('Blad1').getUsedRange(true);
      const constants = used.getSpecialCellsOrNullObject('Constants').load('address,areaCount');
      const formulas = used.getSpecialCellsOrNullObject('Formulas');
      formulas.areas.load('items/rowIndex,columnIndex,rowCount,columnCount');
      const none = context.workbook.worksheets
        .getItem('Blad1')
        .getRange('D1:D5')
        .getSpecialCellsOrNullObject('Formulas');
      none.load('address');
      await context.sync();
      expect(constants.address).toBe('Blad1!A1:B2,Blad1!A3,Blad1!XFD1048576');
      expect(constants.areaCount).toBe(3);
      expect(formulas.areas.items.map((a) => [a.rowIndex, a.columnIndex, a.rowCount, a.columnCount])).toEqual(
        [[2, 1, 1, 1]],
      );
      expect(none.isNullObject).toBe(true);
    });
  });

  it('fails getSpecialCells with ItemNotFound when there are no such cells', async () => {
    const err = await failure(
      host(workbookWith({ Blad1: [[1]] })).Excel.run(async (context) => {
        context.workbook.worksheets
          .getItem('Blad1')
          .getRange('A1')
          .getSpecialCells('Formulas')
          .load('address');
        await context.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
  });
});

describe('number formats read back differently on Excel for Mac (office-js issue 4310)', () => {
  it('reports hh:mm as h:mm when the platform is Mac', async () => {
    const wb = workbookWith({ Blad1: [] });
    setCellData(findSheet(wb, 'Blad1')!, 0, 0, { value: 0.375, numberFormat: 'hh:mm' });
    const read = async (platform: 'Mac' | 'OfficeOnline') => {
      let out: unknown;
      const sim = host(wb, { platform });
      await sim.Excel.run(async (context) => {
        const r = context.workbook.worksheets.getItem('Blad1').getRange('A1').load('numberFormat');
        await context.sync();
        out = r.numberFormat[0]![0];
      });
      expect(sim.Office.context.platform).toBe(platform);
      return out;
    };
    expect(await read('Mac')).toBe('h:mm');
    expect(await read('OfficeOnline')).toBe('hh:mm');
  });
});
