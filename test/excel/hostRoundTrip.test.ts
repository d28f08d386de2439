/**
 * The gateway against the simulated Excel host (src/host): real batching,
 * load-before-read, inserts that move cells and formulas. Commands must leave
 * the workbook exactly as it was after "Ångra senaste".
 */
import { HostError, Range, RangeFont, createSimulatedExcel, type SimulatedHost } from '../../src/host';
import { GatewayError } from '../../src/excel/errors';
import { STORE_SHEET } from '../../src/core/store';
import type { WritePlan } from '../../src/core/plan';
import {
  cloneWorkbook,
  createWorkbook,
  findSheet,
  getCellData,
  setCellData,
  type CellData,
  type WorkbookModel,
} from '../../src/workbook/model';
import { applyPlan } from '../../src/excel/applyPlan';
import { readSheet } from '../../src/excel/readSheet';
import { readStore, saveSettings } from '../../src/excel/store';
import { setRuntime } from '../../src/excel/runtime';
import { clearHighlights, undoLast } from '../../src/excel/undo';
import { HIGHLIGHT_FILL, highlightCells } from '../../src/excel/highlight';
import { selectCell } from '../../src/excel/navigate';
import { cellAt, parseA1 } from '../../src/core/grid';

function at(wb: WorkbookModel, sheet: string, address: string): CellData | undefined {
  const p = parseA1(address)!;
  return getCellData(findSheet(wb, sheet)!, p.row, p.col);
}

function put(wb: WorkbookModel, sheet: string, address: string, data: Partial<CellData>): void {
  const p = parseA1(address)!;
  setCellData(findSheet(wb, sheet)!, p.row, p.col, data);
}

function budgetWorkbook(): WorkbookModel {
  const wb = createWorkbook(['Drift', 'Invest']);
  put(wb, 'Drift', 'B2', { value: 'Verksamhet', bold: true });
  put(wb, 'Drift', 'C2', { value: 'Utfall' });
  put(wb, 'Drift', 'D2', { value: 'Budget' });
  put(wb, 'Drift', 'E2', { value: 'Not' });
  put(wb, 'Drift', 'B3', { value: 'Hemtjänst' });
  put(wb, 'Drift', 'C3', { value: 100, numberFormat: '#,##0' });
  put(wb, 'Drift', 'D3', { value: 90, fill: '#FFEB9C' });
  put(wb, 'Drift', 'E3', { value: 'x', italic: true });
  put(wb, 'Drift', 'B4', { value: 'Boende' });
  // Numbers stored as text, as Excel holds them when typed with an apostrophe.
  put(wb, 'Drift', 'C4', { value: '1 234', quotePrefix: true });
  put(wb, 'Drift', 'D4', { value: null, formula: '=50+10' });
  put(wb, 'Drift', 'F4', { value: null, formula: '=E3&"!"' });
  put(wb, 'Drift', 'C5', { value: '=inte en formel', numberFormat: '@' });
  put(wb, 'Drift', 'C6', { value: '2024', quotePrefix: true });
  return wb;
}

/** Every cell of a sheet, for exact comparison. */
function cellsOf(wb: WorkbookModel, sheet: string): Record<string, CellData> {
  return Object.fromEntries([...findSheet(wb, sheet)!.cells].sort(([a], [b]) => a.localeCompare(b)));
}

let sim: SimulatedHost;
afterEach(() => setRuntime(undefined));

function install(wb: WorkbookModel): SimulatedHost {
  sim = createSimulatedExcel(wb);
  setRuntime({ Excel: sim.Excel, Office: sim.Office });
  return sim;
}

const plan: WritePlan = {
  sheet: 'Drift',
  inserts: [{ col: 4, top: 1, bottom: 3 }],
  writes: [
    { row: 1, col: 4, value: 'Avvikelse', italic: true, fill: '#DDEBF7' },
    { row: 2, col: 4, formula: '=C3-D3', numberFormat: '#,##0' },
    { row: 3, col: 4, formula: '=D4-D3', numberFormat: '#,##0' },
    { row: 2, col: 3, value: 95, fill: null },
    { row: 3, col: 2, value: 1234, numberFormat: '#,##0' },
    { row: 2, col: 5, value: '-fel' },
    { row: 4, col: 2, value: '=ny text' },
  ],
};

describe('gateway against the simulated Excel host', () => {
  it('readSheet → applyPlan → undoLast restores every cell exactly and removes inserted cells', async () => {
    const wb = budgetWorkbook();
    install(wb);
    // After install: the host has computed formula results.
    const original = cloneWorkbook(wb);

    const read = await readSheet();
    expect(read.sheetNames).toEqual(['Drift', 'Invest']);
    expect(cellAt(read.grid, 3, 2)).toEqual({ v: '1 234' });
    // The first read in a workbook without a store: the sheet's extent with the sheet list and a
    // probe for the store, then its data.
    expect(sim.stats.syncCount).toBe(2);

    sim.stats.reset();
    const result = await applyPlan(plan, read.grid, {
      command: 'computeDeviations',
      description: 'Avvikelser beräknade',
    });
    expect(sim.stats.syncCount).toBe(2);
    expect(result.written).toBe(7);
    // Text stays text, also in a text-formatted cell (no apostrophe left behind).
    expect(at(wb, 'Drift', 'C5')).toEqual({ value: '=ny text', numberFormat: '@' });

    // The inserts moved E2:E4 (and the formula in F4) one column right.
    expect(at(wb, 'Drift', 'E2')).toMatchObject({ value: 'Avvikelse', italic: true, fill: '#DDEBF7' });
    expect(at(wb, 'Drift', 'E3')).toMatchObject({ formula: '=C3-D3', value: 5, numberFormat: '#,##0' });
    expect(at(wb, 'Drift', 'E4')).toMatchObject({ formula: '=D4-D3', value: -35 });
    expect(at(wb, 'Drift', 'F2')).toMatchObject({ value: 'Not' });
    expect(at(wb, 'Drift', 'F3')).toMatchObject({ value: '-fel', italic: true });
    expect(at(wb, 'Drift', 'G4')).toMatchObject({ formula: '=F3&"!"' });
    expect(at(wb, 'Drift', 'D3')).toEqual({ value: 95 });
    expect(at(wb, 'Drift', 'C4')).toEqual({ value: 1234, numberFormat: '#,##0' });
    // The store sheet was created very hidden, with one journal entry.
    expect(findSheet(wb, STORE_SHEET)?.visibility).toBe('VeryHidden');
    expect((await readStore()).journal).toHaveLength(1);

    sim.stats.reset();
    const undone = await undoLast();
    expect(undone).toEqual({ restored: 4, description: 'Avvikelser beräknade' });
    // Journal; check that the cells still hold what the command wrote; restore.
    expect(sim.stats.syncCount).toBe(3);
    expect(cellsOf(wb, 'Drift')).toEqual(cellsOf(original, 'Drift'));
    expect(cellsOf(wb, 'Invest')).toEqual(cellsOf(original, 'Invest'));
    expect(wb.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Drift', 'Visible'],
      ['Invest', 'Visible'],
      [STORE_SHEET, 'VeryHidden'],
    ]);
    expect((await readStore()).journal).toEqual([]);
    expect(await undoLast()).toBeUndefined();
  });

  it('aborts with SHEET_CHANGED and leaves the workbook as it was when the user edited meanwhile', async () => {
    const wb = budgetWorkbook();
    install(wb);
    const read = await readSheet();
    put(wb, 'Drift', 'C3', { value: 101 });
    const edited = cloneWorkbook(wb);
    await expect(
      applyPlan(plan, read.grid, { command: 'computeDeviations', description: 'x' }),
    ).rejects.toMatchObject({ code: 'SHEET_CHANGED' });
    expect(wb.sheets.map((s) => s.name)).toEqual(['Drift', 'Invest']);
    expect(cellsOf(wb, 'Drift')).toEqual(cellsOf(edited, 'Drift'));
  });

  it('running the same plan twice journals once and changes nothing the second time', async () => {
    const wb = budgetWorkbook();
    install(wb);
    const fix: WritePlan = {
      sheet: 'Drift',
      inserts: [],
      writes: [
        { row: 3, col: 2, value: 1234, numberFormat: '#,##0' },
        { row: 5, col: 2, value: 2024 },
      ],
    };
    const first = await readSheet();
    expect(
      (await applyPlan(fix, first.grid, { command: 'convertTextNumbers', description: 'Text till tal' }))
        .written,
    ).toBe(2);
    expect(at(wb, 'Drift', 'C6')).toEqual({ value: 2024 });
    const afterFirst = cloneWorkbook(wb);
    const second = await readSheet();
    expect(
      await applyPlan(fix, second.grid, { command: 'convertTextNumbers', description: 'Text till tal' }),
    ).toEqual({ written: 0 });
    expect(cellsOf(wb, 'Drift')).toEqual(cellsOf(afterFirst, 'Drift'));
    expect(cellsOf(wb, STORE_SHEET)).toEqual(cellsOf(afterFirst, STORE_SHEET));
    // Undo gives back the text "1 234", not a number.
    await undoLast();
    expect(at(wb, 'Drift', 'C4')).toEqual({ value: '1 234', quotePrefix: true });
    expect(at(wb, 'Drift', 'C6')).toEqual({ value: '2024', quotePrefix: true });
  });

  it('highlights cells and clears them back to their own fills', async () => {
    const wb = budgetWorkbook();
    const original = cloneWorkbook(wb);
    install(wb);
    await highlightCells('Drift', ['D3', 'B4:C4']);
    expect(at(wb, 'Drift', 'D3')?.fill).toBe(HIGHLIGHT_FILL);
    expect(at(wb, 'Drift', 'C4')?.fill).toBe(HIGHLIGHT_FILL);
    // Highlighting again changes nothing and adds no journal entry.
    expect(await highlightCells('Drift', ['D3'])).toEqual({ written: 0 });
    await highlightCells('Drift', ['D3', 'E3']);
    expect((await readStore()).journal).toHaveLength(2);
    // A fill the user chose since is kept.
    put(wb, 'Drift', 'B4', { fill: '#00FF00' });

    expect(await clearHighlights()).toBe(3);
    expect(at(wb, 'Drift', 'D3')?.fill).toBe('#FFEB9C');
    expect(at(wb, 'Drift', 'E3')).toEqual(at(original, 'Drift', 'E3'));
    expect(at(wb, 'Drift', 'C4')).toEqual(at(original, 'Drift', 'C4'));
    expect(at(wb, 'Drift', 'B4')?.fill).toBe('#00FF00');
    expect((await readStore()).journal).toEqual([]);
  });

  it('saves settings into the store and keeps the journal', async () => {
    const wb = budgetWorkbook();
    install(wb);
    await highlightCells('Drift', ['B2']);
    const store = await readStore();
    await saveSettings({ ...store.settings, overwriteForecasts: true, period: '2024-08' });
    const after = await readStore();
    expect(after.settings).toMatchObject({ overwriteForecasts: true, period: '2024-08' });
    expect(after.journal).toHaveLength(1);
  });

  it('selects a cell on another sheet in one sync', async () => {
    const wb = budgetWorkbook();
    install(wb);
    sim.stats.reset();
    await selectCell('Invest', 'B7');
    expect(sim.stats.syncCount).toBe(1);
    expect(sim.selection).toEqual({ sheet: 'Invest', address: expect.stringMatching(/B7$/) });
    await expect(selectCell('Saknas', 'A1')).rejects.toMatchObject({ code: 'SHEET_NOT_FOUND' });
  });
});

describe('large sheets against the simulated host', () => {
  it('reads the store in a first read whose data block Excel refuses as too large', async () => {
    const wb = createWorkbook(['Text']);
    const sheet = findSheet(wb, 'Text')!;
    for (let r = 0; r < 400; r++)
      for (let c = 0; c < 10; c++) setCellData(sheet, r, c, { value: `${r}:${c} ${'x'.repeat(200)}` });
    install(wb);
    await saveSettings({ ...(await readStore()).settings, overwriteForecasts: true });
    // A new task pane on the same workbook knows nothing of its store; its responses may weigh 300 KB.
    sim = createSimulatedExcel(wb, { payloadLimitBytes: 300_000 });
    setRuntime({ Excel: sim.Excel, Office: sim.Office });
    sim.stats.reset();
    const read = await readSheet(undefined, { budget: 250_000 });
    expect(read.grid.rows).toHaveLength(400);
    expect(cellAt(read.grid, 399, 9).v).toMatch(/^399:9 x/);
    // The header that rode along with the refused block is read again, not taken from a failed batch.
    expect(read.store.settings.overwriteForecasts).toBe(true);
  });

  it('keeps every request far below 5 MB while reading 3000 × 60 cells', async () => {
    const wb = createWorkbook(['Stor']);
    const sheet = findSheet(wb, 'Stor')!;
    for (let r = 0; r < 3000; r++)
      for (let c = 0; c < 60; c++) setCellData(sheet, r, c, { value: r * 1000 + c + 0.25 });
    install(wb);
    const read = await readSheet();
    expect(read.grid.rows).toHaveLength(3000);
    expect(cellAt(read.grid, 2999, 59)).toEqual({ v: 2999 * 1000 + 59 + 0.25 });
    // extent with a probe for the store + 180 000 cells in blocks sized by bytes
    expect(sim.stats.syncCount).toBe(3);
    for (const s of sim.stats.syncs) expect(s.responseBytes).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('a write batch that Excel aborts halfway (real Excel keeps what ran before the failure)', () => {
  type Queueing = { queueWrite(json: object, apply: () => void): void };
  const boom = () => {
    throw new HostError('InvalidOperation' as never, 'boom');
  };

  function installPartial(wb: WorkbookModel): SimulatedHost {
    sim = createSimulatedExcel(wb, { atomicBatches: false });
    setRuntime({ Excel: sim.Excel, Office: sim.Office });
    return sim;
  }

  it('puts back inserts and writes when a late command fails', async () => {
    const wb = budgetWorkbook();
    installPartial(wb);
    const original = cloneWorkbook(wb);
    const read = await readSheet();
    const italic = Object.getOwnPropertyDescriptor(RangeFont.prototype, 'italic')!;
    let failed = false;
    Object.defineProperty(RangeFont.prototype, 'italic', {
      ...italic,
      // The plan's italic write fails; the rollback's italic writes go through.
      set(this: Queueing, value: boolean) {
        if (failed) return italic.set!.call(this, value);
        failed = true;
        this.queueWrite({ op: 'boom' }, boom);
      },
    });
    try {
      const err = await applyPlan(plan, read.grid, { command: 'computeDeviations', description: 'x' }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).userMessage).toMatch(/Bladet ”Drift” är återställt\.$/);
      expect(failed).toBe(true);
    } finally {
      Object.defineProperty(RangeFont.prototype, 'italic', italic);
    }
    expect(cellsOf(wb, 'Drift')).toEqual(cellsOf(original, 'Drift'));
    expect((await readStore()).journal).toEqual([]);
  });

  it('removes only the inserts that were made when the second insert fails', async () => {
    const wb = budgetWorkbook();
    installPartial(wb);
    const original = cloneWorkbook(wb);
    const read = await readSheet();
    const twoInserts: WritePlan = {
      sheet: 'Drift',
      inserts: [
        { col: 4, top: 1, bottom: 3 },
        { col: 2, top: 1, bottom: 3 },
      ],
      writes: [{ row: 1, col: 2, value: 'Ny' }],
    };
    const originalInsert = Range.prototype.insert;
    let calls = 0;
    Range.prototype.insert = function (this: Range, shift: string) {
      calls++;
      if (calls === 2) {
        (this as unknown as Queueing).queueWrite({ op: 'insert' }, boom);
        return this;
      }
      return originalInsert.call(this, shift);
    };
    try {
      await expect(
        applyPlan(twoInserts, read.grid, { command: 'computeDeviations', description: 'x' }),
      ).rejects.toBeInstanceOf(GatewayError);
    } finally {
      Range.prototype.insert = originalInsert;
    }
    expect(calls).toBe(2);
    expect(cellsOf(wb, 'Drift')).toEqual(cellsOf(original, 'Drift'));
  });
});
