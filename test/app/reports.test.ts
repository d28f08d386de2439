/**
 * Skapa verksamhetsrapport and Skapa följetal through the app store, the real
 * core and the Office.js gateway on the simulated host, on the sample workbook.
 */
import { coreApi } from '../../src/app/coreApi';
import { excelGateway } from '../../src/app/excelGateway';
import { createAppStore, type AppStore } from '../../src/app/store';
import { setRuntime } from '../../src/excel/runtime';
import { createSimulatedExcel, type SimulatedHost } from '../../src/host';
import { buildSampleWorkbook } from '../../src/sample';
import { findSheet, getCellData, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { snapshotOf } from '../excel/reportFixture';

let sim: SimulatedHost;
let wb: WorkbookModel;
let store: AppStore;

beforeEach(() => {
  wb = buildSampleWorkbook();
  sim = createSimulatedExcel(wb);
  setRuntime({ Excel: sim.Excel, Office: sim.Office });
  store = createAppStore({
    gateway: () => excelGateway(),
    core: () => coreApi,
    yieldToUi: () => Promise.resolve(),
  });
});
afterEach(() => setRuntime(undefined));

const created = () => wb.sheets.filter((s) => s.visibility === 'Visible').map((s) => s.name);

describe('the report commands in the app', () => {
  it('creates the verksamhetsrapport with its chart and the draft text, and Ångra takes it back exactly', async () => {
    const before = snapshotOf(wb);
    const sheetsBefore = created();
    await store.createReport('verksamhetsrapport');
    const state = store.getState();
    expect(state.status).toBe('ready');
    const added = created().filter((n) => !sheetsBefore.includes(n));
    expect(added.length).toBeGreaterThanOrEqual(1);
    expect(state.report?.sheets).toEqual(expect.arrayContaining(added));
    const reportSheet = findSheet(wb, state.report!.sheets[state.report!.sheets.length - 1]!)!;
    expect(reportSheet.charts?.length).toBe(1);
    expect(wb.activeSheet).toBe(reportSheet.name);
    const draft = [state.report!.draft!.heading, ...state.report!.draft!.paragraphs]
      .join(' ')
      .replace(/[\u00a0\u202f]/g, ' ');
    for (const figure of ['−412,1', '−426,3', '14,2 mnkr', '3,3 %', '13,1 mnkr', '2,0 %'])
      expect(draft).toContain(figure);
    expect(state.journalHead).toContain('Skapa verksamhetsrapport');
    expect(state.message?.text).toContain(`”${reportSheet.name}”`);

    await store.undoLast();
    expect(store.getState().status).toBe('ready');
    expect(store.getState().report).toBeUndefined();
    expect(snapshotOf(wb)).toEqual(before);
  });

  it('creates the följetal sheet; again it replaces its own sheet instead of adding another', async () => {
    await store.createReport('foljetal');
    const first = store.getState().report!.sheets;
    const count = wb.sheets.length;
    const content = snapshotOf({ activeSheet: '', sheets: [findSheet(wb, first[0]!)!] });
    await store.createReport('foljetal');
    expect(store.getState().report!.sheets).toEqual(first);
    // The earlier one is kept very hidden for Ångra; no visible sheet is added.
    expect(wb.sheets.filter((s) => s.visibility === 'Visible').length).toBe(
      wb.sheets.slice(0, count).filter((s) => s.visibility === 'Visible').length,
    );
    expect(snapshotOf({ activeSheet: '', sheets: [findSheet(wb, first[0]!)!] })).toEqual(content);
  });

  it('asks before replacing a report the user edited: Avbryt leaves everything, Ersätt replaces it', async () => {
    await store.createReport('verksamhetsrapport');
    const name = store.getState().report!.sheets.at(-1)!;
    setCellData(findSheet(wb, name)!, 60, 0, { value: 'Min egen kommentar' });
    const edited = snapshotOf(wb);
    await store.createReport('verksamhetsrapport');
    expect(store.getState().pendingReport?.sheets).toEqual([name]);
    expect(store.getState().pendingReport?.question).toContain('har ändrats sedan Budgetkoll skapade det');
    await store.answerReplace(false);
    expect(store.getState().pendingReport).toBeUndefined();
    expect(snapshotOf(wb)).toEqual(edited);

    await store.createReport('verksamhetsrapport');
    await store.answerReplace(true);
    expect(getCellData(findSheet(wb, name)!, 60, 0)).toBeUndefined();
    // Ångra brings the edited version back.
    await store.undoLast();
    expect(getCellData(findSheet(wb, name)!, 60, 0)).toMatchObject({ value: 'Min egen kommentar' });
    expect(snapshotOf(wb)).toEqual(edited);
  });

  it('never touches a user sheet that has the report name: the report takes a free name', async () => {
    await sim.Excel.run(async (context) => {
      const own = context.workbook.worksheets.add('Följetal (2)');
      own.getRange('A1').values = [['Mitt eget blad']];
      await context.sync();
    });
    const own = snapshotOf({ activeSheet: '', sheets: [findSheet(wb, 'Följetal (2)')!] });
    await store.createReport('foljetal');
    const name = store.getState().report!.sheets[0]!;
    expect(name).not.toBe('Följetal (2)');
    expect(snapshotOf({ activeSheet: '', sheets: [findSheet(wb, 'Följetal (2)')!] })).toEqual(own);
  });
});
