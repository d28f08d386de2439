/**
 * Forecast proposals (DOMAIN.md §9) on the real seed tables: the linear
 * method reproduces 000_07's published "Prognos 2024" for flow volumes, stock
 * volumes keep their level, utfall + återstående budget is computed per row,
 * and a forecast the user typed is kept.
 */
import { computeDeviations } from '../../src/core';
import { forecastFormula, sumFormula } from '../../src/core/plan/forecast';
import { cellAt, gridFromRows, type Grid } from '../../src/core/grid';
import { forEachCell } from '../../src/core/grid';
import type { WritePlan } from '../../src/core/plan';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/schemas';
import { detectTables } from '../../src/core';
import { recalculate } from '../../src/workbook/recalc';
import { createWorkbook, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { modelToGrid } from '../../src/xlsx';
import { applyThroughGateway } from '../support/gatewayApply';
import { loadSeedTable, placeSeedTable, type Placement, type SeedTable } from '../support/seedTables';

function gridToModel(grid: Grid): WorkbookModel {
  const wb = createWorkbook([grid.sheet]);
  const sheet = wb.sheets[0]!;
  forEachCell(grid, (ri, ci, c) => {
    if (c.v === null && c.f === undefined) return;
    setCellData(sheet, ri, ci, {
      value: c.v,
      ...(c.f !== undefined ? { formula: c.f } : {}),
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

function placed(prefix: string, clear: string[]): { seed: SeedTable; p: Placement } {
  const seed = loadSeedTable(prefix);
  const p = placeSeedTable(seed);
  const cols = seed.columns.map((c, i) => (clear.includes(c) ? i : -1)).filter((i) => i >= 0);
  expect(cols).toHaveLength(clear.length);
  for (const ri of p.rowIndex) for (const i of cols) p.cells[ri]![p.colIndex[i]!] = { v: null };
  return { seed, p };
}

const num = (grid: Grid, row: number, col: number): number => {
  const v = cellAt(grid, row, col).v;
  if (typeof v !== 'number') throw new Error(`no number at ${row},${col}: ${String(v)}`);
  return v;
};

describe('följetal 000_07: linear for flows, current level for stocks', () => {
  const { seed, p } = placed('000_07', ['Prognos 2024', 'Avvik. helår']);
  const settings: Settings = { ...DEFAULT_SETTINGS, forecastMethod: 'linear' };
  const result = computeDeviations(p.grid, settings);
  let after: Grid;
  beforeAll(async () => {
    after = await applyAndRecalc(p.grid, result.plan);
  });
  const [cOutcome, cForecast, cBudgetAnnual, cDevAnnual] = [1, 4, 5, 6].map((i) => p.colIndex[i]!) as [
    number,
    number,
    number,
    number,
  ];
  const rows = seed.rows.map((r, k) => ({ ...r, index: p.rowIndex[k]! })).filter((r) => r.kind === 'item');
  const flows = rows.filter((r) => /timmar|öppenvårdsinsatser/i.test(r.label));
  const stocks = rows.filter((r) => /årsplats|hushåll|årsantal/i.test(r.label));

  it('finds the flow and stock rows', () => {
    expect(flows.map((r) => r.label.slice(0, 20))).toEqual([
      'Hemtjänst, timmar ¹',
      'Personlig assistans/',
      'Boendestöd, timmar ²',
      'Öppenvårdsinsatser, ',
      'Boendestöd, timmar',
      'Öppenvårdsinsatser, ',
    ]);
    expect(stocks.length).toBe(11);
  });

  it('proposes Utfall 2024-08 × 12/8 for flows, reproducing the published Prognos 2024 within rounding', () => {
    for (const r of flows) {
      expect(cellAt(after, r.index, cForecast).f).toBe(`=C${r.index + 1}*12/8`);
      const published = r.values[4] as number;
      expect(Math.abs(num(after, r.index, cForecast) - published)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the current level for rows without a flow unit, as the published report does', () => {
    const levels = rows.filter((r) => !flows.includes(r) && !stocks.includes(r));
    expect(levels.map((r) => r.label)).toEqual(['Boende/behandlingshem', 'Kontaktperson/kontaktfamilj ³']);
    for (const r of levels) {
      expect(cellAt(after, r.index, cForecast).f).toBe(`=C${r.index + 1}`);
      expect(num(after, r.index, cForecast)).toBe(r.values[4]);
    }
  });

  it('keeps the current level for årsplatser, hushåll and årsantal', () => {
    for (const r of stocks) {
      expect(cellAt(after, r.index, cForecast).f).toBe(`=C${r.index + 1}`);
      expect(num(after, r.index, cForecast)).toBe(num(after, r.index, cOutcome));
    }
  });

  it('the annual deviation follows the proposed forecast', () => {
    for (const r of flows) {
      const published = r.values[6] as number;
      expect(cellAt(after, r.index, cDevAnnual).f).toBe(`=F${r.index + 1}-G${r.index + 1}`);
      expect(Math.abs(num(after, r.index, cDevAnnual) - published)).toBeLessThanOrEqual(1);
      expect(num(after, r.index, cDevAnnual)).toBeCloseTo(
        num(after, r.index, cForecast) - num(after, r.index, cBudgetAnnual),
        9,
      );
    }
  });

  it('marks proposals and counts them; group headers and footnotes get none', () => {
    expect(result.summary.forecastsProposed).toBe(rows.length);
    const fw = result.plan.writes.filter((w) => w.col === cForecast);
    expect(fw.every((w) => w.fill === '#FFF2CC' && w.italic === true)).toBe(true);
    const other = new Set(seed.rows.map((r, k) => (r.kind !== 'item' ? p.rowIndex[k]! : -1)));
    expect(fw.filter((w) => other.has(w.row))).toEqual([]);
  });
});

describe('verksamhetsrapport 000_06: utfall + återstående budget', () => {
  const { seed, p } = placed('000_06', ['Prognos helår', 'Avvik. helår']);
  const result = computeDeviations(p.grid);
  let after: Grid;
  beforeAll(async () => {
    after = await applyAndRecalc(p.grid, result.plan);
  });
  const [cO, cBP, cF, cBA] = [1, 2, 4, 5].map((i) => p.colIndex[i]!) as [number, number, number, number];

  it('proposes Outcome + (Budget helår − Budget perioden) on every item row', () => {
    seed.rows.forEach((row, k) => {
      if (row.kind !== 'item') return;
      const r = p.rowIndex[k]!;
      const [, outcome, bp, , , ba] = row.values as number[];
      expect(cellAt(after, r, cF).f).toBe(`=C${r + 1}+(G${r + 1}-D${r + 1})`);
      expect(num(after, r, cF)).toBe(outcome! + (ba! - bp!));
      expect(num(after, r, cF)).toBe(num(after, r, cO) + num(after, r, cBA) - num(after, r, cBP));
    });
  });

  it('sums the proposals on SUMMA', () => {
    const k = seed.rows.findIndex((r) => r.label === 'SUMMA');
    const r = p.rowIndex[k]!;
    expect(cellAt(after, r, cF).f).toBe(`=SUM(F${p.rowIndex[0]! + 1}:F${r})`);
    const expected = seed.rows
      .slice(0, k)
      .reduce((s, x) => s + (x.values[1] as number) + ((x.values[5] as number) - (x.values[2] as number)), 0);
    expect(num(after, r, cF)).toBe(expected);
    // Within rounding of the total's own outcome + remaining budget: −412 059 + (−639 043 + 426 280).
    expect(Math.abs(expected - (-412059 + (-639043 + 426280)))).toBeLessThanOrEqual(16);
  });

  it('reports what it did', () => {
    expect(result.summary).toMatchObject({
      tables: 1,
      forecastsProposed: 16,
      userForecastsKept: 0,
      insertedColumns: [],
    });
  });
});

describe('typed forecasts', () => {
  it('are kept and counted unless overwriteForecasts', () => {
    const seed = loadSeedTable('000_06');
    const p = placeSeedTable(seed);
    const cF = p.colIndex[4]!;
    const r0 = p.rowIndex[0]!;
    // One cell emptied: only that one is proposed.
    p.cells[r0]![cF] = { v: null };
    const kept = computeDeviations(p.grid);
    expect(kept.summary.userForecastsKept).toBe(15);
    expect(kept.summary.forecastsProposed).toBe(1);
    expect(kept.plan.writes.filter((w) => w.col === cF).map((w) => [w.row, w.formula])).toEqual([
      [r0, `=C${r0 + 1}+(G${r0 + 1}-D${r0 + 1})`],
    ]);

    const over = computeDeviations(p.grid, { ...DEFAULT_SETTINGS, overwriteForecasts: true });
    expect(over.summary.userForecastsKept).toBe(0);
    expect(over.summary.forecastsProposed).toBe(16);
    expect(over.plan.writes.filter((w) => w.col === cF)).toHaveLength(16);
  });
});

describe('resultatrapport 000_05: subtotals and the total as sums', () => {
  const { seed, p } = placed('000_05', ['Prognos helår']);
  const result = computeDeviations(p.grid);
  let after: Grid;
  beforeAll(async () => {
    after = await applyAndRecalc(p.grid, result.plan);
  });
  const cF = p.colIndex[4]!;
  const at = (label: string) => p.rowIndex[seed.rows.findIndex((r) => r.label === label)]!;

  it('Intäkter and Kostnader sum their items, Resultat = Intäkter + Kostnader', () => {
    expect(cellAt(after, at('Intäkter'), cF).f).toBe(
      `=SUM(F${at('Externa intäkter') + 1}:F${at('Kapitaltjänstintäkter') + 1})`,
    );
    expect(cellAt(after, at('Kostnader'), cF).f).toBe(
      `=SUM(F${at('Personalkostnader') + 1}:F${at('Prel. interna fakturor') + 1})`,
    );
    expect(cellAt(after, at('Resultat'), cF).f).toBe(`=F${at('Intäkter') + 1}+F${at('Kostnader') + 1}`);
    expect(num(after, at('Resultat'), cF)).toBe(
      num(after, at('Intäkter'), cF) + num(after, at('Kostnader'), cF),
    );
  });

  it('leaves a row without any figures empty', () => {
    // Kapitaltjänstintäkter has only a prior-year figure.
    expect(cellAt(after, at('Kapitaltjänstintäkter'), cF).v).toBeNull();
  });
});

describe('sum structure', () => {
  it('004_03: sums of sums and varav rows never summed', () => {
    const seed = loadSeedTable('004_03');
    const p = placeSeedTable(seed);
    const t = detectTables(p.grid)[0]!;
    // The model's sum tree, as 0-based rows: one tree for checks and forecasts alike.
    const children = new Map(t.rows.filter((r) => r.sumOf).map((r) => [r.index, r.sumOf!.map((n) => n - 1)]));
    const at = (label: string) => p.rowIndex[seed.rows.findIndex((r) => r.label === label)]!;
    expect(children.get(at('Summa externa intäkter'))).toBeUndefined();
    expect(children.get(at('Summa Intäkter'))).toEqual([
      at('Summa externa intäkter'),
      at('Summa interna intäkter'),
    ]);
    expect(children.get(at('Nettokostnad'))).toEqual([at('Summa Intäkter'), at('Summa Kostnader')]);
    expect(sumFormula(children.get(at('Summa Kostnader'))!, 5)).toBe(
      `=SUM(F${at('Personalkostnader inkl po') + 1}:F${at('Avskrivningar o internränta') + 1})`,
    );
  });

  it('formula shapes', () => {
    expect(
      forecastFormula('utfall_plus_budget', { outcome: 'C5', budgetPeriod: 'D5', budgetAnnual: 'G5' }),
    ).toBe('=C5+(G5-D5)');
    expect(forecastFormula('linear', { outcome: 'C5' }, 8)).toBe('=C5*12/8');
    expect(forecastFormula('linear', { outcome: 'C5' })).toBeUndefined();
    expect(forecastFormula('level', { outcome: 'C5' })).toBe('=C5');
    expect(
      forecastFormula('prior_year_profile', { outcome: 'C5', priorPeriod: 'B5', priorAnnual: 'H5' }),
    ).toBe('=C5*(H5/B5)');
  });
});

describe('linear method without a report period', () => {
  const { p } = placed('000_06', ['Prognos helår']);

  it('warns in Swedish and proposes nothing', () => {
    const r = computeDeviations(p.grid, { ...DEFAULT_SETTINGS, forecastMethod: 'linear' });
    const w = r.findings.filter((f) => f.code === 'UNKNOWN_PERIOD');
    expect(w).toHaveLength(1);
    expect(w[0]!.severity).toBe('warning');
    expect(w[0]!.message).toMatch(/rapportperioden/i);
    expect(r.plan.writes.filter((x) => x.col === p.colIndex[4]! && x.formula?.includes('*12/'))).toEqual([]);
  });

  it('uses the period set in the task pane', () => {
    const r = computeDeviations(p.grid, { ...DEFAULT_SETTINGS, forecastMethod: 'linear', period: '2024-08' });
    const r0 = p.rowIndex[0]!;
    expect(r.plan.writes.find((x) => x.row === r0 && x.col === p.colIndex[4]!)?.formula).toBe(
      `=C${r0 + 1}*12/8`,
    );
    expect(r.findings.filter((f) => f.code === 'UNKNOWN_PERIOD')).toEqual([]);
  });
});

describe('prior-year profile', () => {
  const rows = [
    ['Verksamhetsrapport augusti 2024', null, null, null, null, null, null, null, null],
    [
      'Verksamhet',
      'Utfall helår 2023',
      'Utfall perioden 2023',
      'Utfall perioden 2024',
      'Budget perioden',
      'Avvikelse perioden',
      'Prognos helår',
      'Budget helår',
      'Avvikelse helår',
    ],
    ['Äldreomsorg', -1500, -1000, -1100, -1050, null, null, -1600, null],
    ['Familjerätt', 0, 0, -40, -50, null, null, -75, null],
    ['Summa', -1500, -1000, -1140, -1100, null, null, -1675, null],
  ];
  const grid = gridFromRows('Blad1', rows);

  it('scales the outcome by last year’s profile, falling back where the prior year is zero', async () => {
    const t = detectTables(grid)[0]!;
    expect(t.columns.find((c) => c.index === 1)?.role).toBe('outcome_prior_year_annual');
    const r = computeDeviations(grid, { ...DEFAULT_SETTINGS, forecastMethod: 'prior_year_profile' });
    const after = await applyAndRecalc(grid, r.plan);
    expect(r.plan.inserts).toEqual([]);
    expect(cellAt(after, 2, 6).f).toBe('=D3*(B3/C3)');
    expect(num(after, 2, 6)).toBeCloseTo(-1650, 9);
    expect(cellAt(after, 3, 6).f).toBe('=D4+(H4-E4)');
    expect(num(after, 3, 6)).toBe(-65);
    expect(cellAt(after, 4, 6).f).toBe('=SUM(G3:G4)');
    expect(cellAt(after, 2, 8).f).toBe('=G3-H3');
    const info = r.findings.filter((f) => f.severity === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]!.related).toEqual(['G4']);
  });
});
