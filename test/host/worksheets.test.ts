import { createSimulatedExcel } from '../../src/host';
import { findSheet, getCellData } from '../../src/workbook/model';
import { workbookWith } from './helpers';

describe('simulated Excel: worksheets', () => {
  it('lists sheets with items/name,items/visibility and counts them', async () => {
    const wb = workbookWith({ Blad1: [], Data: [], Dold: [] });
    findSheet(wb, 'Dold')!.visibility = 'VeryHidden';
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      const count = sheets.getCount();
      const visible = sheets.getCount(true);
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
        ['Blad1', 'Visible'],
        ['Data', 'Visible'],
        ['Dold', 'VeryHidden'],
      ]);
      expect(() => sheets.items[0]!.position).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(count.value).toBe(3);
      expect(visible.value).toBe(2);
    });
  });

  it('makes a sheet VeryHidden, which cannot be activated, and refuses to hide the last visible sheet', async () => {
    const wb = workbookWith({ Blad1: [], Inställningar: [] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const settings = context.workbook.worksheets.getItem('Inställningar');
      settings.visibility = 'VeryHidden';
      settings.load('visibility');
      await context.sync();
      expect(settings.visibility).toBe('VeryHidden');
    });
    expect(findSheet(wb, 'Inställningar')!.visibility).toBe('VeryHidden');

    const activate = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Inställningar').activate();
      await context.sync();
    });
    await expect(activate).rejects.toMatchObject({ code: 'InvalidOperation' });

    const hideLast = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').visibility = 'Hidden';
      await context.sync();
    });
    await expect(hideLast).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(findSheet(wb, 'Blad1')!.visibility).toBe('Visible');
  });

  it('moves the active sheet on when the active sheet is hidden', async () => {
    const wb = workbookWith({ Blad1: [], Blad2: [] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').visibility = 'Hidden';
      const active = context.workbook.worksheets.getActiveWorksheet().load('name');
      await context.sync();
      expect(active.name).toBe('Blad2');
    });
    expect(wb.activeSheet).toBe('Blad2');
  });

  it('adds sheets, refusing duplicates and invalid names', async () => {
    const wb = workbookWith({ Blad1: [] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const added = context.workbook.worksheets.add('Följetal').load('name, position, visibility');
      const unnamed = context.workbook.worksheets.add().load('name');
      added.getRange('A1').values = [['ok']];
      await context.sync();
      expect([added.name, added.position, added.visibility]).toEqual(['Följetal', 1, 'Visible']);
      expect(unnamed.name).toBe('Blad3');
    });
    expect(getCellData(findSheet(wb, 'Följetal')!, 0, 0)?.value).toBe('ok');
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add('följetal');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add('a/b');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('activates and deletes sheets; formulas pointing at a deleted sheet become #REF!', async () => {
    const wb = workbookWith({ Blad1: [['=Data!A1*2']], Data: [[21]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const data = context.workbook.worksheets.getItem('Data');
      data.activate();
      const value = context.workbook.worksheets.getItem('Blad1').getRange('A1').load('values');
      await context.sync();
      expect(wb.activeSheet).toBe('Data');
      expect(value.values).toEqual([[42]]);
      data.delete();
      const after = context.workbook.worksheets.getItem('Blad1').getRange('A1').load('values, formulas');
      await context.sync();
      expect(after.formulas).toEqual([['=#REF!*2']]);
      expect(after.values).toEqual([['#REF!']]);
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(['Blad1']);
    expect(wb.activeSheet).toBe('Blad1');
  });

  it('binds getActiveWorksheet to the sheet that was active when it was first used', async () => {
    const wb = workbookWith({ Blad1: [], Blad2: [] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const first = context.workbook.worksheets.getActiveWorksheet().load('name');
      await context.sync();
      context.workbook.worksheets.getItem('Blad2').activate();
      first.load('name');
      await context.sync();
      expect(first.name).toBe('Blad1');
    });
  });
});
