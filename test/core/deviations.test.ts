/**
 * computeDeviations on the real seed tables: with the published deviations
 * cleared, the formulas it writes must reproduce them (within the rounding of
 * the printed figures, DOMAIN.md §8), in the sign convention of each table.
 */
import { computeDeviations } from '../../src/core';
import { cellAt, gridFromRows, type Cell, type Grid } from '../../src/core/grid';
import { forEachCell } from '../../src/core/grid';
import { toDense } from '../support/dense';
import type { WritePlan } from '../../src/core/plan';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/schemas';
import { recalculate } from '../../src/workbook/recalc';
import { createWorkbook, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { modelToGrid } from '../../src/xlsx';
import { applyThroughGateway } from '../support/gatewayApply';
import {
  loadSeedTable,
  loadSeedTables,
  placeSeedTable,
  type Placement,
  type SeedTable,
} from '../support/seedTables';

function gridToModel(grid: Grid): WorkbookModel {
  const wb = createWorkbook([grid.sheet]);
  const sheet = wb.sheets[0]!;
  forEachCell(grid, (ri, ci, c) => {
    if (c.v === null && c.f === undefined) return;
    setCellData(sheet, ri, ci, {
      value: c.v,
      ...(c.f !== undefined ? { formula: c.f } : {}),
      ...(c.fmt ? { numberFormat: c.fmt } : {}),
    });
  });
  return wb;
}

/** Applies the plan through the gateway on the simulated host (the one plan applier) and recalculates. */
async function applyAndRecalc(grid: Grid, plan: WritePlan): Promise<Grid> {
  const wb = gridToModel(grid);
  await applyThroughGateway(wb, plan, grid);
  recalculate(wb);
  return modelToGrid(wb, grid.sheet);
}

/** Seed columns whose (first) role is a deviation; 003's "Årsprognos" deviation stays, it is the contradiction case. */
function deviationColumns(seed: SeedTable): number[] {
  return seed.columns
    .map((_, i) => i)
    .filter(
      (i) => seed.roles?.[i]?.[0]?.startsWith('deviation') && !(seed.file.startsWith('003_01') && i === 4),
    );
}

function clearColumns(p: Placement, seed: SeedTable, cols: number[]): void {
  for (const ri of p.rowIndex) for (const i of cols) p.cells[ri]![p.colIndex[i]!] = { v: null };
  void seed;
}

function numberOf(cell: Cell): number | undefined {
  return typeof cell.v === 'number' ? cell.v : undefined;
}

const CASES: [string, string, number][] = [
  ['000_05', 'costs_negative', 1],
  ['000_06', 'costs_negative', 1],
  ['000_07', 'volumes', 1],
  ['001_04', 'costs_positive', 0.15],
  ['001_10', 'costs_positive', 0.15],
  ['003_01', 'costs_positive', 1],
  ['004_03', 'costs_negative', 1],
];

describe.each(CASES)('seed table %s (%s)', (prefix, _convention, tolerance) => {
  const seed = loadSeedTable(prefix);
  const placed = placeSeedTable(seed);
  const cols = deviationColumns(seed);
  clearColumns(placed, seed, cols);
  const result = computeDeviations(placed.grid, DEFAULT_SETTINGS);
  let after: Grid;
  beforeAll(async () => {
    after = await applyAndRecalc(placed.grid, result.plan);
  });

  it('inserts nothing into a table that has its deviation columns', () => {
    expect(result.plan.inserts).toEqual([]);
    expect(result.summary.tables).toBe(1);
  });

  it('reproduces every published deviation within rounding', () => {
    let compared = 0;
    const off: string[] = [];
    seed.rows.forEach((row, k) => {
      for (const i of cols) {
        const published = row.values[i];
        const cell = cellAt(after, placed.rowIndex[k]!, placed.colIndex[i]!);
        if (published === null || published === undefined) {
          // Nothing to compare (a row with no outcome and no budget, a group header): left empty.
          if (cell.v !== null && cell.v !== 0)
            off.push(`${row.label} [${seed.columns[i]}]: ${String(cell.v)}`);
          continue;
        }
        compared++;
        if (typeof published === 'string') {
          if (cell.v !== published)
            off.push(`${row.label} [${seed.columns[i]}]: ${String(cell.v)} ≠ ${published}`);
          continue;
        }
        const got = numberOf(cell);
        if (got === undefined || Math.abs(got - published) > tolerance + 1e-9)
          off.push(`${row.label} [${seed.columns[i]}]: ${String(cell.v)} ≠ ${published}`);
      }
    });
    expect(off).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });

  it('writes formulas, never constants, into the deviation cells of figure rows', () => {
    const devCols = new Set(cols.map((i) => placed.colIndex[i]!));
    const writes = result.plan.writes.filter((w) => devCols.has(w.col));
    expect(writes.length).toBe(result.summary.deviationCells);
    for (const w of writes) {
      if (w.value !== undefined) expect(w.value).toBe('..');
      else expect(w.formula).toMatch(/^=[A-Z]+\d+-[A-Z]+\d+$/);
    }
  });

  it('is idempotent: a second run on the result plans nothing', () => {
    const again = computeDeviations(after, DEFAULT_SETTINGS);
    expect(again.plan.inserts).toEqual([]);
    expect(again.plan.writes).toEqual([]);
  });
});

describe('formula text per sign convention', () => {
  const rowOf = (placed: Placement, seed: SeedTable, label: string) =>
    placed.rowIndex[seed.rows.findIndex((r) => r.label.startsWith(label))]! + 1;

  it('costs negative (000_06): actual − budget, period and annual', () => {
    const seed = loadSeedTable('000_06');
    const placed = placeSeedTable(seed);
    clearColumns(placed, seed, deviationColumns(seed));
    const { plan } = computeDeviations(placed.grid);
    const r = rowOf(placed, seed, 'Nämnd- och styrelseverksamh.');
    const at = (col: number) => plan.writes.find((w) => w.row === r - 1 && w.col === col);
    expect(at(4)?.formula).toBe(`=C${r}-D${r}`);
    expect(at(7)?.formula).toBe(`=F${r}-G${r}`);
    expect(at(4)?.numberFormat).toBe('#,##0');
    const total = rowOf(placed, seed, 'SUMMA');
    expect(plan.writes.find((w) => w.row === total - 1 && w.col === 4)?.formula).toBe(`=C${total}-D${total}`);
  });

  it('costs positive (001_04): budget − actual on cost rows, in one-decimal format', () => {
    const seed = loadSeedTable('001_04');
    const placed = placeSeedTable(seed);
    clearColumns(placed, seed, deviationColumns(seed));
    const { plan } = computeDeviations(placed.grid);
    const r = rowOf(placed, seed, 'Heldygnsvård');
    const at = (col: number) => plan.writes.find((w) => w.row === r - 1 && w.col === col);
    expect(at(3)?.formula).toBe(`=C${r}-B${r}`);
    expect(at(6)?.formula).toBe(`=F${r}-E${r}`);
    expect(at(3)?.numberFormat).toBe('0.0');
    // "inkl. verksamhetsbidrag" is a cost line, not a revenue line.
    const o = rowOf(placed, seed, 'Övrig öppenvård');
    expect(plan.writes.find((w) => w.row === o - 1 && w.col === 3)?.formula).toBe(`=C${o}-B${o}`);
  });

  it('costs positive: revenue rows are actual − budget', () => {
    const grid = gridFromRows('Blad1', [
      ['Budgetuppföljning', null, null, null],
      ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse'],
      ['Hemtjänst kostnader', 500, 520, null],
      ['Boende kostnader', 300, 280, null],
      ['Statsbidrag intäkter', 60, 50, null],
      ['Summa', 740, 750, null],
    ]);
    const { plan } = computeDeviations(grid, {
      ...DEFAULT_SETTINGS,
      signOverrides: [{ sheet: 'Blad1', convention: 'costs_positive' }],
    });
    const f = (row: number) => plan.writes.find((w) => w.row === row && w.col === 3)?.formula;
    expect(f(2)).toBe('=C3-B3');
    expect(f(4)).toBe('=B5-C5');
    expect(f(5)).toBe('=C6-B6');
  });

  it('volumes (000_07): actual − budget; ".." stays ".." instead of a formula', () => {
    const seed = loadSeedTable('000_07');
    const placed = placeSeedTable(seed);
    clearColumns(placed, seed, deviationColumns(seed));
    const k = seed.rows.findIndex((r) => r.label.startsWith('Kontaktperson'));
    placed.cells[placed.rowIndex[k]!]![placed.colIndex[1]!] = { v: '..' };
    const { plan } = computeDeviations(placed.grid);
    const r = placed.rowIndex[k]!;
    expect(plan.writes.find((w) => w.row === r && w.col === 4)).toMatchObject({ value: '..' });
    const h = placed.rowIndex[1]! + 1;
    expect(plan.writes.find((w) => w.row === h - 1 && w.col === 4)?.formula).toBe(`=C${h}-D${h}`);
    // Group headers and footnotes stay empty.
    const group = placed.rowIndex[0]!;
    expect(plan.writes.filter((w) => w.row === group)).toEqual([]);
  });

  it('a lone dash is zero: read through N() so the formula does not turn #VALUE!', async () => {
    const grid = gridFromRows('Blad1', [
      ['Verksamhet', 'Utfall perioden', 'Budget perioden', 'Avvikelse perioden'],
      ['Hemtjänst', -500, -520, null],
      ['Flyktingmottagning', -40, '–', null],
      ['Summa', -540, -520, null],
    ]);
    const { plan } = computeDeviations(grid);
    expect(plan.writes.find((w) => w.row === 2 && w.col === 3)?.formula).toBe('=B3-N(C3)');
    const after = await applyAndRecalc(grid, plan);
    expect(cellAt(after, 2, 3).v).toBe(-40);
    expect(computeDeviations(after).plan.writes).toEqual([]);
  });

  it('sign convention unknown: actual − budget', () => {
    const grid = gridFromRows('Blad1', [
      ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse'],
      ['A', 0, 0, null],
      ['B', 5, 0, null],
    ]);
    const { plan } = computeDeviations(grid, {
      ...DEFAULT_SETTINGS,
      signOverrides: [{ sheet: 'Blad1', convention: 'unknown' }],
    });
    expect(plan.writes.find((w) => w.row === 2 && w.col === 3)?.formula).toBe('=B3-C3');
  });
});

describe('header contradicting its values (003_01 "Årsprognos 2024")', () => {
  const seed = loadSeedTable('003_01');
  const placed = placeSeedTable(seed);
  const result = computeDeviations(placed.grid);

  it('reports the contradiction and leaves the column alone', () => {
    const f = result.findings.filter((x) => x.code === 'HEADER_CONTRADICTS_VALUES');
    expect(f).toHaveLength(1);
    expect(f[0]!.cell).toBe('F4');
    expect(result.plan.writes.filter((w) => w.col === 5)).toEqual([]);
    // No new columns either while the user has to decide what the column holds.
    expect(result.plan.inserts).toEqual([]);
  });

  it('still fills the period deviation, budget − actual (costs positive)', () => {
    expect(result.plan.writes.find((w) => w.row === 4 && w.col === 4)?.formula).toBe('=C5-D5');
  });
});

describe('inserting the standard columns', () => {
  const rows = [
    ['Verksamhetsrapport', null, null, null],
    ['Belopp i tkr', null, null, null],
    [null, null, null, null],
    ['Verksamhet', 'Utfall perioden', 'Budget perioden', 'Budget helår'],
    ['Äldreomsorg', -1000, -1100, -1650],
    ['Individ- och familjeomsorg', -600, -550, -825],
    ['Stöd och service', -400, -420, -630],
    ['Summa', -2000, -2070, -3105],
  ];

  const settings: Settings = DEFAULT_SETTINGS;
  const grid = gridFromRows('Blad1', rows);
  const result = computeDeviations(grid, settings);
  let after: Grid;
  beforeAll(async () => {
    after = await applyAndRecalc(grid, result.plan);
  });

  it('inserts Avvikelse perioden, Prognos helår and Avvikelse helår at the standard positions', () => {
    expect(result.summary.insertedColumns).toEqual([
      'Avvikelse perioden',
      'Prognos helår',
      'Avvikelse helår',
    ]);
    expect(result.plan.inserts).toEqual([
      { col: 3, top: 3, bottom: 7 },
      { col: 4, top: 3, bottom: 7 },
      { col: 6, top: 3, bottom: 7 },
    ]);
    const headers = [1, 2, 3, 4, 5, 6].map((c) => cellAt(after, 3, c).v);
    expect(headers).toEqual([
      'Utfall perioden',
      'Budget perioden',
      'Avvikelse perioden',
      'Prognos helår',
      'Budget helår',
      'Avvikelse helår',
    ]);
    // Title rows above the table are not shifted.
    expect(cellAt(after, 0, 0).v).toBe('Verksamhetsrapport');
  });

  it('writes formulas in post-insert coordinates', () => {
    const f = (row: number, col: number) => cellAt(after, row, col).f;
    expect(f(4, 3)).toBe('=B5-C5');
    expect(f(4, 4)).toBe('=B5+(F5-C5)');
    expect(f(4, 6)).toBe('=E5-F5');
    expect(f(7, 4)).toBe('=SUM(E5:E7)');
    expect(f(7, 3)).toBe('=B8-C8');
  });

  it('computes the values', () => {
    const v = (row: number, col: number) => cellAt(after, row, col).v;
    expect(v(4, 3)).toBe(100);
    expect(v(4, 4)).toBe(-1000 + (-1650 + 1100));
    expect(v(4, 6)).toBe(-1550 - -1650);
    expect(v(7, 4)).toBe(-1550 - 875 - 610);
    expect(result.summary.forecastsProposed).toBe(4);
  });

  it('marks the proposed forecasts', () => {
    const w = result.plan.writes.find((x) => x.row === 4 && x.col === 4)!;
    expect(w.fill).toBe('#FFF2CC');
    expect(w.italic).toBe(true);
  });

  it('runs twice = runs once', () => {
    const again = computeDeviations(after, settings);
    expect(again.plan).toEqual({ sheet: 'Blad1', inserts: [], writes: [] });
  });

  it('uses the volume names on a följetal', async () => {
    const vol = gridFromRows('Följetal', [
      ['Bilaga 3 Följetal', null, null, null],
      [null, null, null, null],
      ['Avvik (+) fler än budget (-) färre än budget', 'Utfall 2024-08', 'Budget 2024-08', 'Budget 2024'],
      ['Hemtjänst, timmar', 800, 760, 1140],
      ['Gruppbostad, antal årsplatser', 90, 97, 97],
    ]);
    const r = computeDeviations(vol);
    expect(r.summary.insertedColumns).toEqual(['Avvik. period', 'Prognos 2024', 'Avvik. helår']);
    const out = await applyAndRecalc(vol, r.plan);
    expect(cellAt(out, 3, 4).f).toBe('=B4*12/8');
    expect(cellAt(out, 3, 4).v).toBe(1200);
    expect(cellAt(out, 4, 4).f).toBe('=B5');
    expect(cellAt(out, 3, 6).v).toBe(60);
    expect(computeDeviations(out).plan.writes).toEqual([]);
  });
});

describe('every seed table, as published', () => {
  const seeds = loadSeedTables();

  it.each(seeds.map((s) => [s.file, s] as const))(
    '%s: rewritten deviations keep their published values; run twice = run once',
    async (_f, seed) => {
      const placedSeed = placeSeedTable(seed);
      const result = computeDeviations(placedSeed.grid);
      const after = await applyAndRecalc(placedSeed.grid, result.plan);
      const tolerance = seed.unit === 'mnkr' ? 0.15 : 1;
      const off: string[] = [];
      for (const w of result.plan.writes) {
        const before = cellAt(placedSeed.grid, w.row, w.col).v;
        const now = cellAt(after, w.row, w.col).v;
        if (typeof before !== 'number' || result.plan.inserts.length > 0) continue;
        if (typeof now !== 'number' || Math.abs(now - before) > tolerance + 1e-9)
          off.push(`${w.row},${w.col} ${w.formula}: ${String(now)} ≠ ${before}`);
      }
      expect(off).toEqual([]);
      expect(computeDeviations(after).plan).toEqual({
        sheet: placedSeed.grid.sheet,
        inserts: [],
        writes: [],
      });
    },
  );

  it('asks for no report period where every forecast is typed (000_08)', () => {
    const r = computeDeviations(placeSeedTable(loadSeedTable('000_08')).grid);
    expect(r.findings).toEqual([]);
    expect(r.summary.userForecastsKept).toBe(4);
  });

  it('adds no columns to compare with a budget column nobody filled in (001_25)', () => {
    const r = computeDeviations(placeSeedTable(loadSeedTable('001_25')).grid);
    expect(r.plan.inserts).toEqual([]);
  });
});

describe('a header that states the opposite of its values', () => {
  const grid = gridFromRows('Blad1', [
    ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse budget-utfall'],
    ['Hemtjänst', -500, -520, 20],
    ['Boende', -300, -280, -20],
    ['Ekonomiskt bistånd', -100, -150, 50],
    ['Summa', -900, -950, 50],
  ]);
  const result = computeDeviations(grid);

  it('is reported once and the column is not written', () => {
    expect(result.findings.map((f) => [f.code, f.cell])).toEqual([['HEADER_CONTRADICTS_VALUES', 'D1']]);
    expect(result.plan.writes.filter((w) => w.col === 3)).toEqual([]);
  });
});

describe('two tables on one sheet, both missing columns', () => {
  const grid = gridFromRows('Blad1', [
    ['Verksamhetsrapport', null, null, null],
    ['Verksamhet', 'Utfall perioden', 'Budget perioden', 'Budget helår'],
    ['Äldreomsorg', -1000, -1100, -1650],
    ['Individ- och familjeomsorg', -600, -550, -825],
    ['Summa', -1600, -1650, -2475],
    [null, null, null, null],
    [null, null, null, null],
    ['Resultatrapport', null, null, null],
    ['Kostnadsslag', 'Utfall perioden', 'Budget perioden', 'Avvikelse perioden', 'Budget helår'],
    ['Intäkter', 200, 180, null, 270],
    ['Kostnader', -1800, -1830, null, -2745],
    ['Resultat', -1600, -1650, null, -2475],
  ] as (string | number | null)[][]);
  const result = computeDeviations(grid);
  let after: Grid;
  beforeAll(async () => {
    after = await applyAndRecalc(grid, result.plan);
  });

  it('inserts per table, each over its own rows', () => {
    expect(result.summary.tables).toBe(2);
    expect(result.plan.inserts).toEqual([
      { col: 3, top: 1, bottom: 4 },
      { col: 4, top: 1, bottom: 4 },
      { col: 6, top: 1, bottom: 4 },
      { col: 4, top: 8, bottom: 11 },
      { col: 6, top: 8, bottom: 11 },
    ]);
    expect(
      toDense(after)[8]!
        .slice(1, 7)
        .map((c) => c.v),
    ).toEqual([
      'Utfall perioden',
      'Budget perioden',
      'Avvikelse perioden',
      'Prognos helår',
      'Budget helår',
      'Avvikelse helår',
    ]);
  });

  it('writes the second table in its own post-insert coordinates', () => {
    expect(cellAt(after, 9, 3).f).toBe('=B10-C10');
    expect(cellAt(after, 9, 4).f).toBe('=B10+(F10-C10)');
    expect(cellAt(after, 11, 4).f).toBe('=SUM(E10:E11)');
    expect(cellAt(after, 11, 6).v).toBe(-2425 - -2475);
    expect(computeDeviations(after).plan.writes).toEqual([]);
  });
});
