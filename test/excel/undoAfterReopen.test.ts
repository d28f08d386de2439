/**
 * "Ångra senaste" must work after the workbook was saved and opened again:
 * the journal travels inside the .xlsx (very hidden sheet), not in memory.
 */
import { computeDeviations } from '../../src/core';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { STORE_SHEET } from '../../src/core/store';
import { applyPlan } from '../../src/excel/applyPlan';
import { readSheet } from '../../src/excel/readSheet';
import { setRuntime } from '../../src/excel/runtime';
import { undoLast } from '../../src/excel/undo';
import { createSimulatedExcel } from '../../src/host';
import { buildSampleWorkbook } from '../../src/sample';
import { findSheet, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { recalculate } from '../../src/workbook/recalc';
import { readXlsx, writeXlsx } from '../../src/xlsx';

const SHEET = 'Verksamhetsrapport';

/** A copy of the sheet's cells: like Excel, the host changes cells in place. */
function userCells(wb: WorkbookModel) {
  return [...findSheet(wb, SHEET)!.cells]
    .map(([k, v]) => [k, { ...v }] as const)
    .sort(([a], [b]) => a.localeCompare(b));
}

afterEach(() => setRuntime(undefined));

it('restores the cells exactly from a workbook saved and reopened after the command', async () => {
  const original = buildSampleWorkbook();
  const sheet = findSheet(original, SHEET)!;
  for (let r = 4; r <= 19; r++) setCellData(sheet, r, 4, { value: null, formula: undefined });
  setCellData(sheet, 5, 5, { value: null });
  recalculate(original);
  // Save and reopen once first, so "before" is what a reopened file holds.
  const opened = await readXlsx(await writeXlsx(original));
  const before = userCells(opened);

  const first = createSimulatedExcel(opened);
  setRuntime({ Excel: first.Excel, Office: first.Office });
  const read = await readSheet(SHEET);
  const result = computeDeviations(read.grid, DEFAULT_SETTINGS);
  const applied = await applyPlan(result.plan, read.grid, {
    command: 'computeDeviations',
    description: 'Beräkna avvikelser',
  });
  expect(applied.written).toBeGreaterThan(15);

  // Save, close, open in a new session: nothing in memory survives.
  const reopened = await readXlsx(await writeXlsx(opened));
  expect(findSheet(reopened, STORE_SHEET)?.visibility).toBe('VeryHidden');
  expect(userCells(reopened)).not.toEqual(before);
  const second = createSimulatedExcel(reopened);
  setRuntime({ Excel: second.Excel, Office: second.Office });
  const undone = await undoLast();
  expect(undone?.description).toBe('Beräkna avvikelser');
  expect(userCells(reopened)).toEqual(before);
  // The journal is empty again: a second "Ångra" has nothing to undo.
  expect(await undoLast()).toBeUndefined();
});
