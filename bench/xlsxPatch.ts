/**
 * The package editor on large budget workbooks: the time and memory to write
 * berakna's changes (a deviation column inserted beside every row, a
 * deviation formula per row and column, forecast proposals on a third of the
 * rows) into the user's own file, and the same through the whole command
 * line path (gateway on the simulated host, then the editor) where it fits.
 */
import * as ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WritePlan } from '../src/core/plan';
import { GatewaySession } from '../src/cli/gatewaySession';
import { modelToGrid, patchXlsx, readXlsx, type CellEdit } from '../src/xlsx';

/** A budget sheet of `rows` rows: items in groups of 50 with SUM subtotals, as a ledger export gives it. */
async function budgetFile(rows: number, path: string): Promise<Uint8Array> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('Verksamhetsrapport');
  ws.addRow(['Socialnämnden – Verksamhetsrapport']).commit();
  ws.addRow(['Rapportperiod: 2024-08-31']).commit();
  ws.addRow([]).commit();
  ws.addRow([
    'Verksamhet (tkr)',
    'Utfall perioden',
    'Budget perioden',
    'Prognos helår',
    'Budget helår',
    'Avvik. helår',
  ]).commit();
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let r = 5; r <= rows + 4;) {
    const start = r;
    for (let i = 0; i < 50 && r <= rows + 4; i++, r++) {
      const o = -Math.round(rnd() * 50000);
      const b = -Math.round(rnd() * 50000);
      const row = ws.addRow([
        `Post ${r}`,
        o,
        b,
        i % 3 === 0 ? null : Math.round(o * 1.5),
        Math.round(b * 1.5),
        null,
      ]);
      for (let c = 2; c <= 6; c++) row.getCell(c).numFmt = '#,##0';
      row.commit();
    }
    ws.addRow([
      `Summa ${start}`,
      ...['B', 'C', 'D', 'E'].map((c) => ({ formula: `SUM(${c}${start}:${c}${r - 1})` })),
    ]).commit();
    r++;
  }
  ws.commit();
  await wb.commit();
  return new Uint8Array(readFileSync(path));
}

/** What berakna plans for that sheet: insert D, D = B − C, G = E − F, E proposed where empty. */
function plan(rows: number): WritePlan {
  const writes: WritePlan['writes'] = [{ row: 3, col: 3, value: 'Avvikelse perioden' }];
  for (let r = 4; r < rows + 4; r++) {
    const n = r + 1;
    writes.push({ row: r, col: 3, formula: `=B${n}-C${n}`, numberFormat: '#,##0' });
    if ((r - 4) % 3 === 0)
      writes.push({
        row: r,
        col: 4,
        formula: `=B${n}+(F${n}-C${n})`,
        numberFormat: '#,##0',
        fill: '#FFF2CC',
        italic: true,
      });
    writes.push({ row: r, col: 6, formula: `=E${n}-F${n}`, numberFormat: '#,##0' });
  }
  return { sheet: 'Verksamhetsrapport', inserts: [{ col: 3, top: 3, bottom: rows + 4 }], writes };
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export async function benchXlsxPatch(): Promise<void> {
  console.log('\nPackage editor (berakna writes into the user’s file)');
  const dir = mkdtempSync(join(tmpdir(), 'budgetkoll-bench-'));
  try {
    for (const rows of [10_000, 100_000]) {
      const bytes = await budgetFile(rows, join(dir, `${rows}.xlsx`));
      const p = plan(rows);
      const cells: CellEdit[] = p.writes.map((w) => ({ ...w }));
      const times: number[] = [];
      let peak = 0;
      let out = 0;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const result = await patchXlsx(bytes, {
          sheets: [{ sheet: p.sheet, inserts: p.inserts, cells }],
          store: ['{}'],
        });
        times.push(performance.now() - t0);
        peak = Math.max(peak, process.memoryUsage().rss);
        out = result.length;
      }
      times.sort((a, b) => a - b);
      console.log(
        `${String(rows).padStart(7)} rows, ${cells.length} cells, input ${mb(bytes.length)}: patchXlsx median ${times[1]!.toFixed(0)} ms, output ${mb(out)}, rss ${mb(peak)}`,
      );
      if (rows > 10_000) continue;
      // The command line's whole write path: gateway on the simulated host, then the editor.
      const t0 = performance.now();
      const model = await readXlsx(bytes);
      const t1 = performance.now();
      const session = new GatewaySession(model);
      await session.apply(p, modelToGrid(model, p.sheet), {
        command: 'computeDeviations',
        description: 'bench',
      });
      const t2 = performance.now();
      await session.write(bytes);
      const t3 = performance.now();
      console.log(
        `${String(rows).padStart(7)} rows through the gateway: read ${(t1 - t0).toFixed(0)} ms, apply on the host ${(t2 - t1).toFixed(0)} ms, recalculate + patch ${(t3 - t2).toFixed(0)} ms, rss ${mb(process.memoryUsage().rss)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run bench:xlsx` runs this file on its own (npm run bench measures issue 8's targets).
if (require.main === module) void benchXlsxPatch();
