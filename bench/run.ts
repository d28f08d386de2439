/**
 * npm run bench: speed and memory figures for the core and the gateway on
 * large generated budget sheets. Prints figures; asserts nothing (timed
 * tests are flaky, figures are for reading and comparing across commits).
 */
import { performance } from 'node:perf_hooks';
import { gridFromCells, type Cell, type Grid } from '../src/core/grid';
import { analyzeSheet, validateSums } from '../src/core';
import { benchGateway } from './gateway';
import { benchDeviations } from './deviations';
import { benchXlsxPatch } from './xlsxPatch';

export function bigBudgetGrid(groups: number, itemsPerGroup: number): Grid {
  const rows: Cell[][] = [];
  const header = [
    'Verksamhet (tkr)',
    'Utfall perioden 2023',
    'Utfall perioden',
    'Budget perioden',
    'Avvikelse perioden',
    'Prognos helår',
    'Budget helår',
    'Avvikelse helår',
  ];
  rows.push([{ v: 'Socialnämnden – Verksamhetsrapport' }]);
  rows.push([{ v: 'Rapportperiod: 2024-08-31' }]);
  rows.push([]);
  rows.push(header.map((v) => ({ v })));
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const totals = new Array<number>(7).fill(0);
  for (let g = 0; g < groups; g++) {
    rows.push([{ v: `Verksamhetsområde ${g + 1}` }]);
    const sub = new Array<number>(7).fill(0);
    for (let i = 0; i < itemsPerGroup; i++) {
      const prior = -Math.round(rnd() * 50000);
      const outcome = -Math.round(rnd() * 50000);
      const bp = -Math.round(rnd() * 50000);
      const forecast = Math.round(outcome * 1.5);
      const ba = Math.round(bp * 1.5);
      const vals = [prior, outcome, bp, outcome - bp, forecast, ba, forecast - ba];
      vals.forEach((v, k) => (sub[k]! += v));
      rows.push([{ v: `Post ${g + 1}.${i + 1}` }, ...vals.map((v) => ({ v, fmt: '#,##0' }))]);
    }
    sub.forEach((v, k) => (totals[k]! += v));
    rows.push([{ v: `Summa verksamhetsområde ${g + 1}` }, ...sub.map((v) => ({ v, fmt: '#,##0' }))]);
  }
  rows.push([{ v: 'SUMMA' }, ...totals.map((v) => ({ v, fmt: '#,##0' }))]);
  return gridFromCells('Verksamhetsrapport', rows);
}

function measure<T>(label: string, fn: () => T, repeat = 3): T {
  let result: T | undefined;
  const times: number[] = [];
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  const heapAfter = process.memoryUsage().heapUsed;
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(48)} median ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(8)} ms   heap +${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB`,
  );
  return result!;
}

async function main() {
  console.log(`Node ${process.version}, ${new Date().toISOString()}`);
  for (const [groups, items] of [
    [5, 10],
    [20, 25],
    [50, 40],
    [100, 50],
  ] as const) {
    const grid = bigBudgetGrid(groups, items);
    const cells = grid.rows.length * 8;
    console.log(`\nSheet with ${grid.rows.length} rows × 8 columns (${cells} cells)`);
    const a = measure('analyzeSheet (structure)', () => analyzeSheet(grid));
    console.log(
      `  tables ${a.tables.length}, rows ${a.tables[0]?.rows.length ?? 0}, findings ${a.findings.length}`,
    );
    const s = measure('validateSums (sums, deviations)', () => validateSums([grid]));
    const f = s[0]!.findings;
    console.log(
      `  findings: ${f.filter((x) => x.severity === 'error').length} errors, ${f.filter((x) => x.severity === 'info').length} info`,
    );
    await benchDeviations(grid, measure);
  }
  await benchGateway(bigBudgetGrid);
  await benchXlsxPatch();
}

void main();
