import { createSimulatedExcel, installSimulatedHost } from '../../src/host';
import { createWorkbook } from '../../src/workbook/model';

type Sim = ReturnType<typeof createSimulatedExcel>;

describe('simulated Office namespace', () => {
  it('is ready as Excel on the web', async () => {
    const { Office } = createSimulatedExcel(createWorkbook());
    const callback = jest.fn();
    await expect(Office.onReady(callback)).resolves.toEqual({ host: 'Excel', platform: 'OfficeOnline' });
    expect(callback).toHaveBeenCalledWith({ host: 'Excel', platform: 'OfficeOnline' });
    expect(Office.HostType.Excel).toBe('Excel');
  });

  it('reports requirement sets up to the configured versions', () => {
    const { Office } = createSimulatedExcel(createWorkbook());
    const req = Office.context.requirements;
    expect(req.isSetSupported('ExcelApi', '1.14')).toBe(true);
    expect(req.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(req.isSetSupported('ExcelApi', '1.15')).toBe(false);
    expect(req.isSetSupported('SharedRuntime', '1.1')).toBe(true);
    expect(req.isSetSupported('SharedRuntime', 1.2)).toBe(false);
    expect(req.isSetSupported('DialogApi', '1.1')).toBe(false);
    const old = createSimulatedExcel(createWorkbook(), { supportedSets: { ExcelApi: '1.7' } });
    expect(old.Office.context.requirements.isSetSupported('ExcelApi', '1.8')).toBe(false);
    expect(old.Office.context.requirements.isSetSupported('SharedRuntime', '1.1')).toBe(false);
  });

  it('invokes an associated ribbon action and resolves when it calls completed()', async () => {
    const sim = createSimulatedExcel(createWorkbook(['Blad1']));
    const seen: string[] = [];
    sim.Office.actions.associate('checkStructure', (event) => {
      seen.push(event.source.id);
      void sim.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [['kontrollerad']];
        await context.sync();
      }).then(() => event.completed());
    });
    expect(sim.state.actions.has('checkStructure')).toBe(true);
    await sim.invokeAction('checkStructure');
    expect(seen).toEqual(['checkStructure']);
    expect(sim.workbook.sheets[0]!.cells.get('0,0')?.value).toBe('kontrollerad');
    await expect(sim.invokeAction('missing')).rejects.toThrow(/missing/);
  });

  it('rejects invokeAction when the handler throws', async () => {
    const sim = createSimulatedExcel(createWorkbook());
    sim.Office.actions.associate('boom', () => {
      throw new Error('trasig');
    });
    await expect(sim.invokeAction('boom')).rejects.toThrow('trasig');
  });

  it('shows and hides the task pane through the callbacks', async () => {
    const onShowTaskpane = jest.fn();
    const onHideTaskpane = jest.fn();
    const sim = createSimulatedExcel(createWorkbook(), { onShowTaskpane, onHideTaskpane });
    await sim.Office.addin.hide();
    expect(sim.state.taskpaneVisible).toBe(false);
    await sim.Office.addin.showAsTaskpane();
    expect(onHideTaskpane).toHaveBeenCalledTimes(1);
    expect(onShowTaskpane).toHaveBeenCalledTimes(1);
    expect(sim.state.taskpaneVisible).toBe(true);
  });

  it('installs Excel and Office on a window, keeping existing Office members', async () => {
    const existingOffice = { extensionLifeCycle: 'kept', HostType: { Excel: 'old' } };
    const win: Record<string, unknown> = { Office: existingOffice };
    const wb = createWorkbook(['Blad1']);
    installSimulatedHost(win, wb);
    const office = win.Office as Sim['Office'] & { extensionLifeCycle: string };
    expect(office).toBe(existingOffice);
    expect(office.extensionLifeCycle).toBe('kept');
    expect(office.HostType.Excel).toBe('Excel');
    await expect(office.onReady()).resolves.toMatchObject({ host: 'Excel' });
    const excel = win.Excel as Sim['Excel'];
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('B2').values = [[5]];
      await context.sync();
    });
    expect(wb.sheets[0]!.cells.get('1,1')?.value).toBe(5);
    expect(excel.InsertShiftDirection.right).toBe('Right');
    expect(excel.SheetVisibility.veryHidden).toBe('VeryHidden');
  });

  it('lets the workbench select cells and activate sheets directly', async () => {
    const sim = createSimulatedExcel(createWorkbook(['Blad1', 'Data']));
    sim.select('Data', 'b2:c4');
    expect(sim.selection).toEqual({ sheet: 'Data', address: 'Data!B2:C4' });
    await sim.Excel.run(async (context) => {
      const r = context.workbook.getSelectedRange().load('address');
      await context.sync();
      expect(r.address).toBe('Data!B2:C4');
    });
    sim.activateSheet('Blad1');
    expect(sim.workbook.activeSheet).toBe('Blad1');
    expect(() => sim.activateSheet('Nope')).toThrow(expect.objectContaining({ code: 'ItemNotFound' }));
  });

  it('shadows an Office namespace whose members cannot be replaced, keeping its other members', async () => {
    const frozen = Object.freeze({
      extensionLifeCycle: 'kept',
      onReady: () => Promise.resolve({ host: null }),
    });
    const win: Record<string, unknown> = { Office: frozen };
    installSimulatedHost(win, createWorkbook(['Blad1']));
    const office = win.Office as Sim['Office'] & { extensionLifeCycle: string };
    expect(office).not.toBe(frozen);
    expect(office.extensionLifeCycle).toBe('kept');
    await expect(office.onReady()).resolves.toEqual({ host: 'Excel', platform: 'OfficeOnline' });
  });
});
