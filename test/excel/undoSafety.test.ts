/**
 * "Ångra senaste" must never land on cells that moved or were edited after
 * the command: it refuses with a Swedish message and changes nothing.
 */
import { computeDeviations } from '../../src/core';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { applyPlan } from '../../src/excel/applyPlan';
import { GatewayError } from '../../src/excel/errors';
import { readSheet } from '../../src/excel/readSheet';
import { setRuntime } from '../../src/excel/runtime';
import { undoLast } from '../../src/excel/undo';
import { createSimulatedExcel, type SimulatedHost } from '../../src/host';
import {
  cloneWorkbook,
  createWorkbook,
  findSheet,
  setCellData,
  type WorkbookModel,
} from '../../src/workbook/model';

function workbook(): WorkbookModel {
  const wb = createWorkbook(['Drift']);
  const s = findSheet(wb, 'Drift')!;
  const rows: (string | number)[][] = [
    ['Verksamhet', 'Utfall', 'Budget'],
    ['Äldreomsorg', -1100, -1000],
    ['IFO', -450, -500],
    ['Summa', -1550, -1500],
  ];
  rows.forEach((r, i) => r.forEach((v, c) => setCellData(s, i, c, { value: v })));
  return wb;
}

async function runDeviations(): Promise<void> {
  const read = await readSheet('Drift');
  const plan = computeDeviations(read.grid, DEFAULT_SETTINGS).plan;
  expect(plan.inserts.length).toBeGreaterThan(0);
  await applyPlan(plan, read.grid, { command: 'computeDeviations', description: 'Beräkna avvikelser' });
}

let host: SimulatedHost;
afterEach(() => setRuntime(undefined));

function install(wb: WorkbookModel) {
  host = createSimulatedExcel(wb);
  setRuntime({ Excel: host.Excel, Office: host.Office });
}

it('refuses when the user inserted a row after the command, and leaves everything as it is', async () => {
  const wb = workbook();
  install(wb);
  await runDeviations();
  // The user inserts a row above the table's second item and types into it.
  await host.Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem('Drift');
    ws.getRange('A3:Z3').insert('Down');
    ws.getRange('A3:C3').values = [['LSS', -10, -20]];
    await context.sync();
  });
  const before = cloneWorkbook(wb);
  const error = await undoLast().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).code).toBe('SHEET_CHANGED');
  expect((error as GatewayError).userMessage).toMatch(/har ändrats sedan dess .*inget har ändrats/);
  expect([...findSheet(wb, 'Drift')!.cells]).toEqual([...findSheet(before, 'Drift')!.cells]);
});

it('undoes normally when the cells still hold what the command wrote', async () => {
  const wb = workbook();
  const original = cloneWorkbook(wb);
  install(wb);
  await runDeviations();
  expect((await undoLast())?.description).toBe('Beräkna avvikelser');
  expect([...findSheet(wb, 'Drift')!.cells].sort()).toEqual([...findSheet(original, 'Drift')!.cells].sort());
});
