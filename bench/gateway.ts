import { performance } from 'node:perf_hooks';
import { GridBuilder, forEachCell, type Grid } from '../src/core/grid';
import { computeDeviations } from '../src/core';
import { DEFAULT_SETTINGS } from '../src/core/schemas';
import { applyPlan, readSheet, setRuntime } from '../src/excel';
import { createSimulatedExcel } from '../src/host';
import { createWorkbook, setCellData } from '../src/workbook/model';

function modelFrom(grid: Grid) {
  const wb = createWorkbook([grid.sheet]);
  forEachCell(grid, (r, col, c) => {
    if (c.v === null && !c.f) return;
    setCellData(wb.sheets[0]!, r, col, {
      value: c.v,
      ...(c.f ? { formula: c.f } : {}),
      ...(c.fmt ? { numberFormat: c.fmt } : {}),
    });
  });
  return wb;
}

/** Syncs and payload per request for reading and writing large sheets through the real gateway and the simulated host. */
export async function benchGateway(make: (groups: number, items: number) => Grid): Promise<void> {
  console.log('\nGateway on the simulated host (Excel on the web limit: 5 MB per request)');
  for (const [groups, items] of [
    [5, 10],
    [50, 40],
    [200, 50],
  ] as const) {
    // Clear deviations and forecasts so the write plan is realistic.
    const b = new GridBuilder('Verksamhetsrapport');
    forEachCell(make(groups, items), (r, c, cell) => {
      if (r < 4 || (c !== 4 && c !== 5 && c !== 7)) b.set(r, c, cell);
    });
    const grid = b.build();
    const host = createSimulatedExcel(modelFrom(grid));
    setRuntime({ Excel: host.Excel, Office: host.Office });
    host.stats.reset();
    let t0 = performance.now();
    const read = await readSheet(grid.sheet);
    const readMs = performance.now() - t0;
    const readSyncs = host.stats.syncs.slice();
    const plan = computeDeviations(read.grid, DEFAULT_SETTINGS).plan;
    host.stats.reset();
    t0 = performance.now();
    await applyPlan(plan, read.grid, { command: 'computeDeviations', description: 'Beräkna avvikelser' });
    const writeMs = performance.now() - t0;
    const writeSyncs = host.stats.syncs.slice();
    const maxKb = (s: { requestBytes: number; responseBytes: number }[]) =>
      (Math.max(...s.map((x) => Math.max(x.requestBytes, x.responseBytes))) / 1024).toFixed(0);
    console.log(
      `${String(grid.rows.length).padStart(6)} rows: read ${readSyncs.length} sync(s), largest ${maxKb(readSyncs)} KB, ${readMs.toFixed(0)} ms` +
        ` | write ${plan.writes.length} cells in ${writeSyncs.length} syncs, largest ${maxKb(writeSyncs)} KB, ${writeMs.toFixed(0)} ms (host recalculation included)`,
    );
  }
  setRuntime(undefined);
}
