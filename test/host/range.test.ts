import { createSimulatedExcel } from '../../src/host';
import { findSheet, getCellData } from '../../src/workbook/model';
import { workbookWith } from './helpers';

describe('simulated Excel: ranges', () => {
  it('reports sheet-qualified addresses, quoting sheet names when Excel does', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [], 'Blad 1': [], Översikt: [] }));
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets;
      const a = ws
        .getItem('Blad1')
        .getRange('b2:d9')
        .load('address, rowIndex, columnIndex, rowCount, columnCount');
      const b = ws.getItem('Blad 1').getRange('A1').load('address');
      const c = ws.getItem('Översikt').getRangeByIndexes(2, 1, 3, 2).load('address');
      const d = ws.getItem('Blad1').getRange('C:D').load('address');
      await context.sync();
      expect(a.address).toBe('Blad1!B2:D9');
      expect([a.rowIndex, a.columnIndex, a.rowCount, a.columnCount]).toEqual([1, 1, 8, 3]);
      expect(b.address).toBe("'Blad 1'!A1");
      expect(c.address).toBe('Översikt!B3:C5');
      expect(d.address).toBe('Blad1!C:D');
    });
  });

  it('rejects an invalid address at sync', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [] }));
    const run = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A0:ZZZZ1').load('values');
      await context.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('navigates with getCell, getRow, getColumn, getResizedRange, getOffsetRange, intersection and bounding rect', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [] }));
    await Excel.run(async (context) => {
      const base = context.workbook.worksheets.getItem('Blad1').getRange('B2:D5');
      const results = [
        base.getCell(1, 2),
        base.getRow(3),
        base.getColumn(0),
        base.getResizedRange(2, -1),
        base.getOffsetRange(1, 1),
        base.getIntersectionOrNullObject('C1:C3'),
        base.getBoundingRect('F9'),
        base.getCell(10, 10),
      ].map((r) => r.load('address'));
      const none = base.getIntersectionOrNullObject('H1:H2');
      await context.sync();
      expect(results.map((r) => r.address)).toEqual([
        'Blad1!D3',
        'Blad1!B5:D5',
        'Blad1!B2:B5',
        'Blad1!B2:C7',
        'Blad1!C3:E6',
        'Blad1!C2:C3',
        'Blad1!B2:F9',
        'Blad1!L12',
      ]);
      expect(none.isNullObject).toBe(true);
    });
  });

  it('fails at sync when an offset leaves the sheet', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [] }));
    const run = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1').getOffsetRange(-1, 0).load('address');
      await context.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('returns the used range, A1 for an empty sheet, and a null object from the OrNullObject variant', async () => {
    const { Excel } = createSimulatedExcel(
      workbookWith({
        Blad1: [
          [null, null],
          [null, 5, null, 'x'],
        ],
        Tom: [],
      }),
    );
    await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem('Blad1').getUsedRange().load('address, values');
      const empty = context.workbook.worksheets.getItem('Tom').getUsedRange().load('address');
      const none = context.workbook.worksheets.getItem('Tom').getUsedRangeOrNullObject();
      await context.sync();
      expect(used.address).toBe('Blad1!B2:D2');
      expect(used.values).toEqual([[5, '', 'x']]);
      expect(empty.address).toBe('Tom!A1');
      expect(none.isNullObject).toBe(true);
    });
  });

  it('formats text by number format, in Swedish by default', async () => {
    const { Excel } = createSimulatedExcel(
      workbookWith({ Blad1: [[1234567.891, -3.5, 0.256, true, 'text', 12.5]] }),
    );
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('A1:C1').numberFormat = [['#,##0', '0.0', '0%']];
      const r = sheet.getRange('A1:F1').load('text, numberFormat');
      await context.sync();
      expect(r.text).toEqual([['1\u00a0234\u00a0568', '-3,5', '26%', 'SANT', 'text', '12,5']]);
      expect(r.numberFormat[0]).toEqual(['#,##0', '0.0', '0%', 'General', 'General', 'General']);
    });
    const en = createSimulatedExcel(workbookWith({ Blad1: [[1234.5]] }), { culture: 'en-US' });
    await en.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Blad1').getRange('A1');
      range.numberFormat = [['#,##0.00']];
      range.load('text');
      await context.sync();
      expect(range.text).toEqual([['1,234.50']]);
    });
  });

  it('round-trips cell properties and reports no fill as white with pattern None', async () => {
    const wb = workbookWith({ Blad1: [[1, 2]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Blad1').getRange('A1:B1');
      range.setCellProperties([
        [
          { format: { fill: { color: '#ffff00' }, font: { bold: true, color: 'red' } } },
          { format: { font: { italic: true } } },
        ],
      ]);
      const props = range.getCellProperties({
        address: true,
        format: { fill: { color: true }, font: { bold: true, italic: true, color: true } },
      });
      expect(() => props.value).toThrow(expect.objectContaining({ code: 'ValueNotLoaded' }));
      await context.sync();
      expect(props.value).toEqual([
        [
          {
            address: 'Blad1!A1',
            format: {
              fill: { color: '#FFFF00', pattern: 'Solid' },
              font: { bold: true, italic: false, color: '#FF0000' },
            },
          },
          {
            address: 'Blad1!B1',
            format: {
              fill: { color: '#FFFFFF', pattern: 'None' },
              font: { bold: false, italic: true, color: '#000000' },
            },
          },
        ],
      ]);
    });
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)).toMatchObject({
      value: 1,
      fill: '#FFFF00',
      bold: true,
      fontColor: '#FF0000',
    });
  });

  it('sets and clears fill and font through range.format, reporting mixed values as null', async () => {
    const wb = workbookWith({ Blad1: [[1, 2]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      const a1 = sheet.getRange('A1');
      a1.format.fill.color = '#C6EFCE';
      a1.format.font.bold = true;
      a1.format.font.italic = true;
      a1.format.font.color = '#006100';
      const both = sheet.getRange('A1:B1');
      both.format.fill.load('color');
      both.format.font.load('bold');
      const one = sheet.getRange('A1').load('format/fill/color, format/font/italic, format/font/color');
      await context.sync();
      expect(both.format.fill.color).toBeNull();
      expect(both.format.font.bold).toBeNull();
      expect(one.format.fill.color).toBe('#C6EFCE');
      expect(one.format.font.italic).toBe(true);
      expect(one.format.font.color).toBe('#006100');
      a1.format.fill.clear();
      one.format.fill.load('color, pattern');
      await context.sync();
      expect(one.format.fill.color).toBe('#FFFFFF');
      expect(one.format.fill.pattern).toBe('None');
    });
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)?.fill).toBeUndefined();
  });

  it('clears contents, formats or both', async () => {
    const wb = workbookWith({ Blad1: [[1, 2, 3]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('A1:C1').format.font.bold = true;
      await context.sync();
      sheet.getRange('A1').clear('Contents');
      sheet.getRange('B1').clear('Formats');
      sheet.getRange('C1').clear();
      await context.sync();
    });
    const sheet = findSheet(wb, 'Blad1')!;
    expect(getCellData(sheet, 0, 0)).toEqual({ value: null, bold: true });
    expect(getCellData(sheet, 0, 1)).toEqual({ value: 2 });
    expect(getCellData(sheet, 0, 2)).toBeUndefined();
  });

  it('inserts cells to the right, moving cells and fixing a SUM that references them', async () => {
    const wb = workbookWith({
      Blad1: [
        ['Konto', 'Jan', 'Feb', 'Summa'],
        ['Lön', 10, 20, '=SUM(B2:C2)'],
        ['Hyra', 5, 6, '=B3+C3'],
      ],
      Rapport: [['=Blad1!D2']],
    });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      // Insert a column of cells at C1:C3 (between Jan and Feb).
      const inserted = sheet.getRange('C1:C3').insert('Right').load('address');
      await context.sync();
      expect(inserted.address).toBe('Blad1!C1:C3');
      sheet.getRange('C2:C3').values = [[7], [1]];
      const out = sheet.getRange('A1:E3').load('values, formulas');
      const report = context.workbook.worksheets.getItem('Rapport').getRange('A1').load('values, formulas');
      await context.sync();
      expect(out.formulas).toEqual([
        ['Konto', 'Jan', '', 'Feb', 'Summa'],
        ['Lön', 10, 7, 20, '=SUM(B2:D2)'],
        ['Hyra', 5, 1, 6, '=B3+D3'],
      ]);
      expect(out.values[1]).toEqual(['Lön', 10, 7, 20, 37]);
      expect(out.values[2]).toEqual(['Hyra', 5, 1, 6, 11]);
      expect(report.formulas).toEqual([['=Blad1!E2']]);
      expect(report.values).toEqual([[37]]);
    });
  });

  it('inserts whole rows down and deletes cells up, like Excel', async () => {
    const wb = workbookWith({ Blad1: [[1], [2], [3], ['=SUM(A1:A3)']] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('2:2').insert('Down');
      sheet.getRange('A2').values = [[100]];
      const after = sheet.getRange('A1:A5').load('values, formulas');
      await context.sync();
      expect(after.formulas).toEqual([[1], [100], [2], [3], ['=SUM(A1:A4)']]);
      expect(after.values[4]).toEqual([106]);
      sheet.getRange('A3:A4').delete('Up');
      const deleted = sheet.getRange('A1:A3').load('values, formulas');
      await context.sync();
      expect(deleted.formulas).toEqual([[1], [100], ['=SUM(A1:A2)']]);
      expect(deleted.values[2]).toEqual([101]);
    });
  });

  it('turns references to deleted cells into #REF!', async () => {
    const wb = workbookWith({ Blad1: [[1, 2, '=A1+B1', '=B1*2']] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('B1').delete('Left');
      const out = sheet.getRange('A1:C1').load('values, formulas, valueTypes');
      await context.sync();
      expect(out.formulas).toEqual([[1, '=A1+#REF!', '=#REF!*2']]);
      expect(out.values).toEqual([[1, '#REF!', '#REF!']]);
      expect(out.valueTypes).toEqual([['Double', 'Error', 'Error']]);
    });
  });

  it('selects a range: state.selection, onSelect and getSelectedRange', async () => {
    const onSelect = jest.fn();
    const sim = createSimulatedExcel(workbookWith({ Blad1: [], Data: [] }), { onSelect });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('B2:C3').select();
      expect(sim.state.selection).toBeNull();
      await context.sync();
      const selected = context.workbook.getSelectedRange().load('address');
      const active = context.workbook.worksheets.getActiveWorksheet().load('name');
      await context.sync();
      expect(selected.address).toBe('Data!B2:C3');
      expect(active.name).toBe('Data');
    });
    expect(sim.state.selection).toEqual({ sheet: 'Data', address: 'Data!B2:C3' });
    expect(onSelect).toHaveBeenCalledWith({ sheet: 'Data', address: 'Data!B2:C3' });
  });

  it('gives the range worksheet as a navigation property', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ 'Blad 1': [] }));
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets
        .getItem('Blad 1')
        .getRange('A1')
        .worksheet.load('name, position');
      await context.sync();
      expect(ws.name).toBe('Blad 1');
      expect(ws.position).toBe(0);
    });
  });

  it('sets, autofits and reports column widths in points, null when columns differ', async () => {
    const wb = workbookWith({
      Blad1: [
        ['Verksamhet', 1],
        ['Äldreomsorg och hemtjänst', 2],
      ],
    });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      const b = sheet.getRange('B:B');
      b.format.columnWidth = 60;
      sheet.getRange('A1:A2').format.autofitColumns();
      const a = sheet.getRange('A1').load('format/columnWidth');
      const both = sheet.getRange('A1:B1').load('format/columnWidth');
      const c = sheet.getRange('C1:D1').load('format/columnWidth');
      b.format.load('columnWidth');
      await context.sync();
      expect(b.format.columnWidth).toBe(60);
      // 25 characters of text need a much wider column than the default 8.43 characters (64 pixels, 48 points).
      expect(a.format.columnWidth).toBeGreaterThan(130);
      expect(both.format.columnWidth).toBeNull();
      expect(c.format.columnWidth).toBe(48);
    });
    expect(findSheet(wb, 'Blad1')!.columnWidths?.get(0)).toBeCloseTo(26.3, 1);
  });

  it('offers application.calculationMode and suspendApiCalculationUntilNextSync', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1, '=A1*2']] }));
    await Excel.run(async (context) => {
      context.application.suspendApiCalculationUntilNextSync();
      context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [[5]];
      const app = context.workbook.application.load('calculationMode');
      const b1 = context.workbook.worksheets.getItem('Blad1').getRange('B1').load('values');
      await context.sync();
      expect(app.calculationMode).toBe('Automatic');
      expect(b1.values).toEqual([[10]]);
    });
  });

  it('inserts cells down in a column band only, leaving other columns and straddling ranges alone', async () => {
    const wb = workbookWith({
      Blad1: [
        [1, 10, '=SUM(A1:A2)', '=SUM(A1:B2)'],
        [2, 20, '=A2+B2', null],
      ],
    });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('A2').insert('Down');
      const out = sheet.getRange('A1:D3').load('formulas, values');
      await context.sync();
      expect(out.formulas).toEqual([
        [1, 10, '=SUM(A1:A3)', '=SUM(A1:B2)'],
        ['', 20, '=A3+B2', ''],
        [2, '', '', ''],
      ]);
      expect(out.values[1]).toEqual(['', 20, 22, '']);
    });
  });
});
