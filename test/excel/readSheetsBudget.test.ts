import { cellAt } from '../../src/core/grid';
/** Validera summor reads every sheet: a workbook of several full sheets must stay under Excel on the web's 5 MB. */
import { readSheets } from '../../src/excel/readSheet';
import { setRuntime } from '../../src/excel/runtime';
import { createSimulatedExcel } from '../../src/host';
import { createWorkbook, findSheet, setCellData } from '../../src/workbook/model';

afterEach(() => setRuntime(undefined));

it('reads five sheets of 1000 × 20 formatted figures in syncs that each stay under the limit', async () => {
  const names = ['Drift', 'Personal', 'Volymer', 'Investeringar', 'Resultat'];
  const wb = createWorkbook(names);
  for (const n of names) {
    const s = findSheet(wb, n)!;
    for (let r = 0; r < 1000; r++)
      for (let c = 0; c < 20; c++)
        setCellData(s, r, c, { value: -(r * 100 + c) - 0.5, numberFormat: '#,##0;[Red]-#,##0' });
  }
  const host = createSimulatedExcel(wb);
  setRuntime({ Excel: host.Excel, Office: host.Office });
  host.stats.reset();
  const grids = await readSheets(names);
  expect(grids.map((g) => g.rows.length)).toEqual([1000, 1000, 1000, 1000, 1000]);
  expect(cellAt(grids[4]!, 999, 19)).toEqual({ v: -99919.5, fmt: '#,##0;[Red]-#,##0' });
  // The sheets' sizes, then their data by bytes: the first block planned with an estimate per cell,
  // the rest with what it measured.
  expect(host.stats.syncs.length).toBeGreaterThanOrEqual(2);
  for (const s of host.stats.syncs) expect(s.responseBytes).toBeLessThan(5 * 1024 * 1024);
});
