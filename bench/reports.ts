/**
 * Report tabs at size: `npx tsx bench/reports.ts [rows …]` builds the
 * verksamhetsrapport (through the Rapportrader mapping) and the följetal
 * from the generated ledger and följetal sheets (bench/sheets.ts, fixed
 * seed), then writes them into the workbook's .xlsx with the package editor.
 * Prints one JSON line per size: medians of 3 runs in ms, the plans' cell
 * counts, the file sizes and the heap in use after the run (after a full
 * collection with `node --expose-gc --import tsx bench/reports.ts`).
 */
import { performance } from 'node:perf_hooks';
import { readSheet } from '../src/core/read';
import { DEFAULT_SETTINGS } from '../src/core/schemas';
import { buildReports, writeReports } from '../src/xlsx/report';
import { benchWorkbook, workbookXlsx } from './sheets';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Heap in use, after a full collection when node runs with --expose-gc (else it includes garbage). */
function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return Math.round(process.memoryUsage().heapUsed / 1048576);
}

async function measure(rows: number): Promise<Record<string, unknown>> {
  const book = benchWorkbook({ ledgerRows: rows, volumeRows: 120 });
  const original = await workbookXlsx(book.model);
  const read: number[] = [];
  const build: number[] = [];
  const write: number[] = [];
  let cells = 0;
  let bytes = 0;
  for (let run = 0; run < 3; run++) {
    // Fresh grids each run: readSheet caches its reading per grid.
    const fresh = benchWorkbook({ ledgerRows: rows, volumeRows: 120 });
    const sheets = fresh.grids.map((grid) => ({ name: grid.sheet, grid }));
    let t = performance.now();
    for (const s of sheets) readSheet(s.grid, DEFAULT_SETTINGS);
    read.push(performance.now() - t);
    t = performance.now();
    const results = buildReports(sheets, 'alla', DEFAULT_SETTINGS);
    build.push(performance.now() - t);
    cells = results.flatMap((r) => r.sheets).reduce((n, p) => n + p.cells.length, 0);
    t = performance.now();
    bytes = (await writeReports(original, results)).length;
    write.push(performance.now() - t);
  }
  return {
    ledgerRows: rows,
    readMs: Math.round(median(read)),
    buildMs: Math.round(median(build)),
    writeXlsxMs: Math.round(median(write)),
    planCells: cells,
    inputBytes: original.length,
    outputBytes: bytes,
    heapMB: heapAfterGc(),
  };
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const rows of sizes.length ? sizes : [2_000, 20_000, 100_000])
    process.stdout.write(`${JSON.stringify(await measure(rows))}\n`);
}

void main();
