import { GENERATED_MARK_NAME, decodeMark } from '../../src/core/report';
import { applyReport, readReportWorkbook } from '../../src/excel/reports';
import { setRuntime } from '../../src/excel/runtime';
import { undoLast } from '../../src/excel/undo';
import { createSimulatedExcel, type SimulatedHost } from '../../src/host';
import { findSheet, getCellData, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { workbookWith } from '../host/helpers';
import { reportPlan, snapshotOf } from './reportFixture';

let sim: SimulatedHost;
function install(wb: WorkbookModel, options: Parameters<typeof createSimulatedExcel>[1] = {}): SimulatedHost {
  sim = createSimulatedExcel(wb, options);
  setRuntime({ Excel: sim.Excel, Office: sim.Office });
  return sim;
}
afterEach(() => setRuntime(undefined));

function source(): WorkbookModel {
  return workbookWith({
    Resultatrapport: [
      ['Verksamhet', 'Utfall'],
      ['Gemensamt', 100],
    ],
    Anteckningar: [['=Resultatrapport!B2']],
  });
}

describe('applyReport through the simulated host', () => {
  it('creates the report sheet with its cells, formats, widths, frozen rows, print setup, chart and mark in two syncs', async () => {
    const wb = source();
    install(wb);
    sim.stats.reset();
    const result = await applyReport([reportPlan({ action: 'add', name: 'Verksamhetsrapport' })], {
      description: 'Skapa verksamhetsrapport',
    });
    expect(result.sheets).toEqual(['Verksamhetsrapport']);
    expect(sim.stats.syncCount).toBeLessThanOrEqual(3);
    const ws = findSheet(wb, 'Verksamhetsrapport')!;
    expect(wb.activeSheet).toBe('Verksamhetsrapport');
    // Labels starting with - and = stay text.
    expect(getCellData(ws, 4, 0)).toMatchObject({ value: '-Äldreomsorg' });
    expect(getCellData(ws, 4, 0)!.formula).toBeUndefined();
    expect(getCellData(ws, 5, 0)).toMatchObject({ value: '=Stöd' });
    expect(getCellData(ws, 5, 0)!.formula).toBeUndefined();
    expect(getCellData(ws, 6, 3)).toMatchObject({
      formula: '=SUM(D4:D6)',
      value: 0,
      numberFormat: '#,##0',
      bold: true,
    });
    expect(getCellData(ws, 6, 0)!.style).toMatchObject({ borderTop: 'Thin' });
    expect(getCellData(ws, 2, 1)!.style).toMatchObject({ borderBottom: 'Thin', wrapText: true });
    expect(ws.columnWidths!.get(0)).toBeCloseTo(36, 0);
    expect(ws.rowHeights!.get(2)).toBe(30);
    expect(ws.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    expect(ws.freeze).toEqual({ rows: 3, columns: 0 });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: [0, 2],
      rowBreaks: [8],
    });
    const chart = ws.charts![0]!;
    expect(chart).toMatchObject({
      type: 'BarClustered',
      title: 'Avvikelse per verksamhet',
      legendVisible: false,
      categoriesReversed: true,
      categoryAxisPosition: 'Maximum',
    });
    expect(chart.series[0]).toEqual({
      name: 'Avvikelse',
      values: { sheet: 'Verksamhetsrapport', top: 3, left: 3, bottom: 5, right: 3 },
      categories: { sheet: 'Verksamhetsrapport', top: 3, left: 0, bottom: 5, right: 0 },
    });
    expect(decodeMark(ws.names!.get(GENERATED_MARK_NAME))?.kind).toBe('verksamhetsrapport');
    const read = await readReportWorkbook();
    expect(read.sheets.map((s) => [s.name, decodeMark(s.mark)?.kind])).toEqual([
      ['Resultatrapport', undefined],
      ['Anteckningar', undefined],
      ['Verksamhetsrapport', 'verksamhetsrapport'],
    ]);
  });

  it('replaces its own earlier report in place, keeps the old one very hidden, and Ångra restores the workbook exactly', async () => {
    const wb = source();
    install(wb);
    await applyReport([reportPlan({ action: 'add', name: 'Verksamhetsrapport' })], {
      description: 'Skapa verksamhetsrapport',
    });
    // The user moves the report first and refers to it from their own sheet.
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Verksamhetsrapport').position = 0;
      context.workbook.worksheets.getItem('Anteckningar').getRange('B1').formulas = [
        ['=Verksamhetsrapport!B7*2'],
      ];
      await context.sync();
    });
    const before = snapshotOf(wb);
    const second = reportPlan({ action: 'replace', name: 'Verksamhetsrapport', edited: false }, [
      ['Gemensamt', 200, 120],
    ]);
    await applyReport([second], { description: 'Skapa verksamhetsrapport' });
    expect(wb.sheets[0]!.name).toBe('Verksamhetsrapport');
    expect(getCellData(findSheet(wb, 'Verksamhetsrapport')!, 4, 1)).toMatchObject({
      formula: '=SUM(B4:B4)',
      value: 200,
    });
    const backups = wb.sheets.filter((s) => s.name.startsWith('Budgetkoll_ångra_'));
    expect(backups.map((s) => s.visibility)).toEqual(['VeryHidden']);
    expect(snapshotOf(wb)).not.toEqual(before);
    expect(await undoLast()).toEqual({ restored: 1, description: 'Skapa verksamhetsrapport' });
    expect(snapshotOf(wb)).toEqual(before);
    expect(getCellData(findSheet(wb, 'Anteckningar')!, 0, 1)).toMatchObject({
      formula: '=Verksamhetsrapport!B7*2',
      value: 1280,
    });
  });

  it('asks before replacing a generated sheet the user edited, and never touches a user sheet of the same name', async () => {
    const wb = source();
    install(wb);
    await applyReport([reportPlan({ action: 'add', name: 'Verksamhetsrapport' })], {
      description: 'Skapa verksamhetsrapport',
    });
    setCellData(findSheet(wb, 'Verksamhetsrapport')!, 10, 0, { value: 'Min kommentar' });
    const again = reportPlan({ action: 'replace', name: 'Verksamhetsrapport', edited: true });
    await expect(applyReport([again], { description: 'Skapa verksamhetsrapport' })).rejects.toMatchObject({
      code: 'REPORT_EDITED',
    });
    expect(wb.sheets.some((s) => s.name.startsWith('Budgetkoll_ångra_'))).toBe(false);
    await applyReport([again], { description: 'Skapa verksamhetsrapport', replaceEdited: true });
    // The edited version is kept as the backup Ångra brings back.
    const backup = wb.sheets.find((s) => s.name.startsWith('Budgetkoll_ångra_'))!;
    expect(getCellData(backup, 10, 0)).toMatchObject({ value: 'Min kommentar' });
    // A plan to add a sheet whose name a user sheet took meanwhile is refused.
    await expect(
      applyReport([reportPlan({ action: 'add', name: 'Resultatrapport' })], { description: 'x' }),
    ).rejects.toMatchObject({ code: 'SHEET_CHANGED' });
    // Replacing a sheet without Budgetkoll's mark is refused.
    await expect(
      applyReport([reportPlan({ action: 'replace', name: 'Anteckningar', edited: false })], {
        description: 'x',
      }),
    ).rejects.toMatchObject({ code: 'SHEET_CHANGED' });
    expect(getCellData(findSheet(wb, 'Anteckningar')!, 0, 0)!.formula).toBe('=Resultatrapport!B2');
  });

  it('catches an edit made after the core read the sheet; the mapping sheet is replaced without asking', async () => {
    const wb = source();
    install(wb);
    const mapping = {
      ...reportPlan({ action: 'add', name: 'Rapportrader' }),
      kind: 'rapportrader' as const,
      activate: false,
    };
    mapping.mark = { ...mapping.mark, kind: 'rapportrader' };
    await applyReport([mapping, reportPlan({ action: 'add', name: 'Verksamhetsrapport' })], {
      description: 'Skapa verksamhetsrapport',
    });
    setCellData(findSheet(wb, 'Verksamhetsrapport')!, 12, 0, { value: 'Skrivet efter läsningen' });
    setCellData(findSheet(wb, 'Rapportrader')!, 4, 0, { value: 'Min rapportrad' });
    const again = [
      { ...mapping, target: { action: 'replace' as const, name: 'Rapportrader', edited: false } },
      reportPlan({ action: 'replace', name: 'Verksamhetsrapport', edited: false }),
    ];
    await expect(applyReport(again, { description: 'x' })).rejects.toMatchObject({
      code: 'REPORT_EDITED',
      userMessage: expect.stringMatching(/^Bladet ”Verksamhetsrapport” har ändrats/),
    });
    await applyReport([again[0]!], { description: 'x' });
    expect(getCellData(findSheet(wb, 'Rapportrader')!, 4, 0)).toMatchObject({ value: '-Äldreomsorg' });
  });

  it('refuses Ångra when the user edited the generated sheet since', async () => {
    const wb = source();
    install(wb);
    await applyReport([reportPlan({ action: 'add', name: 'Verksamhetsrapport' })], {
      description: 'Skapa verksamhetsrapport',
    });
    await sim.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Verksamhetsrapport').getRange('B4').values = [[999]];
      await context.sync();
    });
    await expect(undoLast()).rejects.toMatchObject({ code: 'SHEET_CHANGED' });
    expect(findSheet(wb, 'Verksamhetsrapport')).toBeDefined();
  });

  it('writes a large mapping sheet in several requests within the budget, and Ångra removes it', async () => {
    const wb = source();
    install(wb, { payloadLimitBytes: 300 * 1024 });
    const rows: [string, number, number][] = Array.from({ length: 3000 }, (_, i) => [
      `Konto ${4000 + i} ansvar ${i % 37}`,
      i,
      i * 2,
    ]);
    const before = snapshotOf(wb);
    sim.stats.reset();
    await applyReport([reportPlan({ action: 'add', name: 'Rapportrader' }, rows)], {
      description: 'Skapa verksamhetsrapport',
      budget: 32 * 1024,
    });
    expect(sim.stats.syncCount).toBeGreaterThan(3);
    expect(Math.max(...sim.stats.syncs.map((s) => s.requestBytes))).toBeLessThan(300 * 1024);
    expect(getCellData(findSheet(wb, 'Rapportrader')!, 3002, 3)).toMatchObject({ value: 2999 });
    await undoLast();
    expect(snapshotOf(wb)).toEqual(before);
  });

  it('leaves the workbook as it was when a write fails halfway (Excel keeps what ran before)', async () => {
    const wb = source();
    install(wb, { supportedSets: { SharedRuntime: '1.1', ExcelApi: '1.8' } });
    const before = snapshotOf(wb);
    await expect(
      applyReport([reportPlan({ action: 'add', name: 'Verksamhetsrapport' })], { description: 'x' }),
    ).rejects.toBeDefined();
    expect(snapshotOf(wb)).toEqual(before);
  });
});
