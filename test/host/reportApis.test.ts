import { createSimulatedExcel } from '../../src/host';
import { findSheet, getCellData } from '../../src/workbook/model';
import { workbookWith } from './helpers';

describe('simulated Excel: the APIs a report tab uses, with Excel rules', () => {
  it('freezes rows, sets page layout and print titles, and reads them back', async () => {
    const wb = workbookWith({ Blad1: [[1]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Blad1');
      ws.freezePanes.freezeRows(4);
      ws.pageLayout.orientation = 'Landscape';
      ws.pageLayout.paperSize = 'A4';
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      ws.pageLayout.setPrintTitleRows('$1:$4');
      ws.pageLayout.setPrintArea('A1:H30');
      ws.pageLayout.centerHorizontally = true;
      await context.sync();
      const layout = ws.pageLayout.load('orientation, zoom, paperSize');
      await context.sync();
      expect(layout.orientation).toBe('Landscape');
      expect(layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    });
    const sheet = findSheet(wb, 'Blad1')!;
    expect(sheet.freeze).toEqual({ rows: 4, columns: 0 });
    expect(sheet.pageSetup).toEqual({
      paper: 'A4',
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: [0, 3],
      printArea: { top: 0, left: 0, bottom: 29, right: 7 },
      centerHorizontally: true,
    });
  });

  it('refuses print titles that are not whole rows, and a zoom that is both scale and fit', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1]] }));
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').pageLayout.setPrintTitleRows('A1:H4');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').pageLayout.zoom = { scale: 80, horizontalFitToPages: 1 };
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('fails pageLayout with ApiNotFound on a host below ExcelApi 1.9', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1]] }), {
      supportedSets: { SharedRuntime: '1.1', ExcelApi: '1.8' },
    });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').pageLayout.orientation = 'Landscape';
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('keeps sheet-scoped names: add, read value and formula, refuse duplicates and bad names', async () => {
    const wb = workbookWith({ Blad1: [[1]], Blad2: [[2]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Blad1');
      ws.names.add('Budgetkoll_genererat', '="budgetkoll|foljetal|0123456789abcdef"');
      await context.sync();
      const item = ws.names.getItemOrNullObject('budgetkoll_GENERERAT').load('value, formula, type');
      const other = context.workbook.worksheets
        .getItem('Blad2')
        .names.getItemOrNullObject('Budgetkoll_genererat');
      other.load('value');
      await context.sync();
      expect(item.isNullObject).toBe(false);
      expect(item.value).toBe('budgetkoll|foljetal|0123456789abcdef');
      expect(item.formula).toBe('="budgetkoll|foljetal|0123456789abcdef"');
      expect(item.type).toBe('String');
      expect(other.isNullObject).toBe(true);
    });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').names.add('BUDGETKOLL_genererat', '=1');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').names.add('A1', '=1');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('adds a bar chart bound to cells, titles and places it; a deleted data sheet leaves the series without data', async () => {
    const wb = workbookWith({
      Rapport: [
        ['a', 3],
        ['b', -2],
      ],
      Data: [[5], [6]],
    });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Rapport');
      const chart = ws.charts.add('BarClustered', ws.getRange('B1:B2'), 'Columns');
      chart.title.text = 'Avvikelse helår';
      chart.legend.visible = false;
      chart.axes.categoryAxis.reversePlotOrder = true;
      chart.axes.valueAxis.numberFormat = '#,##0';
      chart.dataLabels.showValue = true;
      const series = chart.series.getItemAt(0);
      series.setXAxisValues(ws.getRange('A1:A2'));
      series.name = 'Avvikelse';
      chart.setPosition('D2', 'K20');
      chart.load('name');
      await context.sync();
      expect(chart.name).toBe('Diagram 1');
      const all = ws.charts.load('items/name');
      await context.sync();
      expect(all.items.map((c) => c.name)).toEqual(['Diagram 1']);
    });
    const chart = findSheet(wb, 'Rapport')!.charts![0]!;
    expect(chart).toMatchObject({
      type: 'BarClustered',
      title: 'Avvikelse helår',
      legendVisible: false,
      categoriesReversed: true,
      from: { row: 1, col: 3 },
      to: { row: 19, col: 10 },
      series: [
        {
          name: 'Avvikelse',
          values: { sheet: 'Rapport', top: 0, left: 1, bottom: 1, right: 1 },
          categories: { sheet: 'Rapport', top: 0, left: 0, bottom: 1, right: 0 },
        },
      ],
    });
    await expect(
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Rapport');
        ws.charts.add('Pie', ws.getRange('B1:B2'));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Rapport');
        ws.charts.getItem('Diagram 1').series.getItemAt(0).setValues(ws.getRange('A1:B2'));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Rapport');
      ws.charts
        .getItem('Diagram 1')
        .series.getItemAt(0)
        .setValues(context.workbook.worksheets.getItem('Data').getRange('A1:A2'));
      await context.sync();
      context.workbook.worksheets.getItem('Data').delete();
      await context.sync();
    });
    expect(findSheet(wb, 'Rapport')!.charts![0]!.series[0]!.values).toBeNull();
  });

  it('renames a sheet: formulas, names and chart series on every sheet follow it', async () => {
    const wb = workbookWith({ Källa: [[7]], Rapport: [['=Källa!A1*2']] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const rapport = context.workbook.worksheets.getItem('Rapport');
      rapport.names.add('Ref', '=Källa!$A$1');
      const chart = rapport.charts.add(
        'ColumnClustered',
        context.workbook.worksheets.getItem('Källa').getRange('A1'),
      );
      chart.load('name');
      await context.sync();
      const src = context.workbook.worksheets.getItem('Källa');
      src.name = 'Budget 2024';
      await context.sync();
      src.getRange('A2').values = [[1]];
      await context.sync();
    });
    const rapport = findSheet(wb, 'Rapport')!;
    expect(getCellData(rapport, 0, 0)).toMatchObject({ formula: "='Budget 2024'!A1*2", value: 14 });
    expect(rapport.names!.get('Ref')).toBe("='Budget 2024'!$A$1");
    expect(rapport.charts![0]!.series[0]!.values!.sheet).toBe('Budget 2024');
    expect(getCellData(findSheet(wb, 'Budget 2024')!, 1, 0)).toMatchObject({ value: 1 });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Rapport').name = 'budget 2024';
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  });

  it('adds page breaks above rows and refuses one above the first row', async () => {
    const wb = workbookWith({ Blad1: [[1]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const breaks = context.workbook.worksheets.getItem('Blad1').horizontalPageBreaks;
      breaks.add('A30');
      breaks.add('C12:D14');
      await context.sync();
    });
    expect(findSheet(wb, 'Blad1')!.pageSetup!.rowBreaks).toEqual([11, 29]);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').horizontalPageBreaks.add('A1');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('moves a sheet to a tab position', async () => {
    const wb = workbookWith({ A: [[1]], B: [[1]], C: [[1]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('C').position = 0;
      await context.sync();
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(['C', 'A', 'B']);
  });

  it('sets top and bottom borders on the edge rows, alignment, wrap, indent, row height and font size', async () => {
    const wb = workbookWith({
      Blad1: [
        [1, 2],
        [3, 4],
      ],
    });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Blad1').getRange('A1:B2');
      const top = r.format.borders.getItem('EdgeTop');
      top.style = 'Continuous';
      top.weight = 'Medium';
      r.format.borders.getItem('EdgeBottom').style = 'Continuous';
      r.format.horizontalAlignment = 'Right';
      r.format.wrapText = true;
      r.format.indentLevel = 2;
      r.format.rowHeight = 30;
      r.format.font.size = 14;
      await context.sync();
      const back = r.format.borders.getItem('EdgeTop').load('style, weight');
      await context.sync();
      expect(back.style).toBe('Continuous');
      expect(back.weight).toBe('Medium');
    });
    const sheet = findSheet(wb, 'Blad1')!;
    expect(getCellData(sheet, 0, 1)!.style).toEqual({
      borderTop: 'Medium',
      horizontalAlignment: 'Right',
      wrapText: true,
      indentLevel: 2,
      fontSize: 14,
    });
    expect(getCellData(sheet, 1, 0)!.style).toMatchObject({ borderBottom: 'Thin' });
    expect(getCellData(sheet, 1, 0)!.style!.borderTop).toBeUndefined();
    expect(sheet.rowHeights!.get(1)).toBe(30);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').getRange('A1').format.borders.getItem('EdgeLeft').style =
          'Continuous';
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });
});
