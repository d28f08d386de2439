/**
 * Beräkna avvikelser end to end through the real gateway on the simulated
 * host, for generated workbooks: run then "Ångra senaste" gives back the
 * identical cells, and running twice gives the same workbook as running once.
 */
import fc from 'fast-check';
import { computeDeviations } from '../../src/core';
import { DEFAULT_SETTINGS, type ForecastMethod } from '../../src/core/schemas';
import { STORE_SHEET } from '../../src/core/store';
import { applyPlan } from '../../src/excel/applyPlan';
import { readSheet } from '../../src/excel/readSheet';
import { setRuntime } from '../../src/excel/runtime';
import { undoLast } from '../../src/excel/undo';
import { createSimulatedExcel } from '../../src/host';
import {
  cloneWorkbook,
  createWorkbook,
  findSheet,
  setCellData,
  type WorkbookModel,
} from '../../src/workbook/model';
import { recalculate } from '../../src/workbook/recalc';

interface Item {
  outcome: number;
  budget: number;
  annual: number;
  forecast: number | null;
  fill: boolean;
}

interface Spec {
  costsNegative: boolean;
  withDeviation: boolean;
  withForecast: boolean;
  sumFormulas: boolean;
  method: ForecastMethod;
  items: Item[];
}

const LABELS = [
  'Äldreomsorg',
  'Hemtjänst',
  'LSS',
  'IFO',
  'Ekonomiskt bistånd',
  'Familjerätt',
  'Förvaltning',
  'Nämnd',
];

const specArb: fc.Arbitrary<Spec> = fc.record({
  costsNegative: fc.boolean(),
  withDeviation: fc.boolean(),
  withForecast: fc.boolean(),
  sumFormulas: fc.boolean(),
  method: fc.constantFrom<ForecastMethod>('utfall_plus_budget', 'linear'),
  items: fc.array(
    fc.record({
      outcome: fc.integer({ min: 10, max: 90_000 }),
      budget: fc.integer({ min: 10, max: 90_000 }),
      annual: fc.integer({ min: 100, max: 150_000 }),
      forecast: fc.option(fc.integer({ min: 10, max: 150_000 }), { freq: 2 }),
      fill: fc.boolean(),
    }),
    { minLength: 2, maxLength: LABELS.length },
  ),
});

function build(spec: Spec): WorkbookModel {
  const wb = createWorkbook(['Drift']);
  const s = findSheet(wb, 'Drift')!;
  const sign = spec.costsNegative ? -1 : 1;
  const header = ['Verksamhet (tkr)', 'Utfall perioden', 'Budget perioden'];
  if (spec.withDeviation) header.push('Avvikelse perioden');
  if (spec.withForecast) header.push('Prognos helår');
  header.push('Budget helår');
  setCellData(s, 0, 0, { value: 'Socialnämnden', bold: true });
  setCellData(s, 1, 0, { value: 'Rapportperiod: 2024-08-31' });
  header.forEach((h, c) => setCellData(s, 3, c, { value: h, bold: true }));
  const col = (name: string) => header.indexOf(name);
  spec.items.forEach((it, i) => {
    const r = 4 + i;
    setCellData(s, r, 0, { value: LABELS[i]! });
    setCellData(s, r, col('Utfall perioden'), {
      value: sign * it.outcome,
      numberFormat: '#,##0',
      ...(it.fill ? { fill: '#DDEBF7' } : {}),
    });
    setCellData(s, r, col('Budget perioden'), { value: sign * it.budget, numberFormat: '#,##0' });
    setCellData(s, r, col('Budget helår'), { value: sign * it.annual, numberFormat: '#,##0' });
    if (spec.withForecast && it.forecast !== null)
      setCellData(s, r, col('Prognos helår'), { value: sign * it.forecast });
    if (spec.withDeviation)
      setCellData(s, r, col('Avvikelse perioden'), { value: 0, ...(it.fill ? { italic: true } : {}) });
  });
  const total = 4 + spec.items.length;
  setCellData(s, total, 0, { value: 'Summa' });
  for (const name of ['Utfall perioden', 'Budget perioden', 'Budget helår']) {
    const c = col(name);
    const letter = String.fromCharCode(65 + c);
    const sum = spec.items.reduce(
      (a, it) =>
        a +
        sign * (name === 'Utfall perioden' ? it.outcome : name === 'Budget perioden' ? it.budget : it.annual),
      0,
    );
    setCellData(
      s,
      total,
      c,
      spec.sumFormulas ? { value: sum, formula: `=SUM(${letter}5:${letter}${total})` } : { value: sum },
    );
  }
  setCellData(s, total + 2, 0, { value: '-varav kommentar: text som börjar med minus' });
  recalculate(wb);
  return wb;
}

/** The user's sheets as plain data, for exact comparison (the store sheet is Budgetkoll's own). */
function userCells(wb: WorkbookModel) {
  return wb.sheets
    .filter((s) => s.name !== STORE_SHEET)
    .map((s) => ({ name: s.name, cells: [...s.cells].sort(([a], [b]) => a.localeCompare(b)) }));
}

function allCells(wb: WorkbookModel) {
  return wb.sheets.map((s) => ({
    name: s.name,
    visibility: s.visibility,
    cells: [...s.cells].sort(([a], [b]) => a.localeCompare(b)),
  }));
}

async function runCommand(spec: Spec): Promise<number> {
  const read = await readSheet('Drift');
  const result = computeDeviations(read.grid, { ...DEFAULT_SETTINGS, forecastMethod: spec.method });
  const applied = await applyPlan(result.plan, read.grid, {
    command: 'computeDeviations',
    description: 'Beräkna avvikelser',
  });
  return applied.written;
}

afterEach(() => setRuntime(undefined));

describe('Beräkna avvikelser through the gateway, on generated workbooks', () => {
  it('run then Ångra gives back the identical cells', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const wb = build(spec);
        const before = userCells(cloneWorkbook(wb));
        const host = createSimulatedExcel(wb);
        setRuntime({ Excel: host.Excel, Office: host.Office });
        const written = await runCommand(spec);
        expect(written).toBeGreaterThan(0);
        expect(userCells(wb)).not.toEqual(before);
        const undone = await undoLast();
        expect(undone?.description).toBe('Beräkna avvikelser');
        expect(userCells(wb)).toEqual(before);
      }),
      { numRuns: 25, seed: 20241201 },
    );
  });

  it('run twice equals run once, including what Budgetkoll stores in the workbook', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const wb = build(spec);
        const host = createSimulatedExcel(wb);
        setRuntime({ Excel: host.Excel, Office: host.Office });
        await runCommand(spec);
        const once = allCells(cloneWorkbook(wb));
        const second = await runCommand(spec);
        expect(second).toBe(0);
        expect(allCells(wb)).toEqual(once);
      }),
      { numRuns: 25, seed: 20241202 },
    );
  });
});
