/**
 * The deviation and forecast formulas computeDeviations writes must compute
 * the published figures in a real spreadsheet program, not only in our own
 * formula engine. The plan is applied through the gateway on the simulated
 * host and the file written with writeXlsx, LibreOffice
 * Calc recalculates and saves the file, and ExcelJS reads Calc's results back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithCalc, recalculateWithCalc } from '../support/libreoffice';
import * as ExcelJS from 'exceljs';
import { computeDeviations, type DeviationResult } from '../../src/core';
import { forEachCell, type Grid } from '../../src/core/grid';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { createWorkbook, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { writeXlsx } from '../../src/xlsx';
import { applyThroughGateway } from '../support/gatewayApply';
import { loadSeedTable, placeSeedTable, type Placement, type SeedTable } from '../support/seedTables';

interface Case {
  prefix: string;
  sheet: string;
  /** Seed columns cleared before the run (their published values are the expectation). */
  clear: string[];
  tolerance: number;
}

const CASES: Case[] = [
  {
    prefix: '000_06',
    sheet: 'Verksamhetsrapport',
    clear: ['Avvikelse perioden', 'Avvik. helår'],
    tolerance: 1,
  },
  {
    prefix: '001_04',
    sheet: 'Barn och unga',
    clear: ['Budget avvikelse', 'Prognos avvikelse'],
    tolerance: 0.15,
  },
  {
    prefix: '000_07',
    sheet: 'Följetal',
    clear: ['Avvik. period', 'Prognos 2024', 'Avvik. helår'],
    tolerance: 1,
  },
];

interface Placed {
  c: Case;
  seed: SeedTable;
  p: Placement;
  cols: number[];
  result: DeviationResult;
}

function place(c: Case): Placed {
  const seed = loadSeedTable(c.prefix);
  const p = placeSeedTable(seed, { sheet: c.sheet });
  const cols = c.clear.map((h) => seed.columns.indexOf(h));
  if (cols.includes(-1)) throw new Error(`${c.prefix}: column missing`);
  for (const ri of p.rowIndex) for (const i of cols) p.cells[ri]![p.colIndex[i]!] = { v: null };
  return { c, seed, p, cols, result: computeDeviations(p.grid, DEFAULT_SETTINGS) };
}

function addGrid(wb: WorkbookModel, grid: Grid): void {
  const sheet = wb.sheets.find((s) => s.name === grid.sheet)!;
  forEachCell(grid, (ri, ci, cell) => {
    if (cell.v === null && cell.f === undefined) return;
    setCellData(sheet, ri, ci, { value: cell.v });
  });
}

describeWithCalc('LibreOffice Calc recalculates the written formulas to the published figures', () => {
  const placed = CASES.map(place);
  let dir: string;
  let calc: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetkoll-dev-lo-'));
    const model = createWorkbook(CASES.map((c) => c.sheet));
    for (const x of placed) {
      addGrid(model, x.p.grid);
      await applyThroughGateway(model, x.result.plan, x.p.grid);
    }
    writeFileSync(join(dir, 'in.xlsx'), await writeXlsx(model));
    recalculateWithCalc(dir);
    calc = new ExcelJS.Workbook();
    await calc.xlsx.load(readFileSync(join(dir, 'out', 'in.xlsx')) as unknown as ExcelJS.Buffer);
  }, 150_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Calc's result of a formula cell, or the constant it holds. */
  const resultAt = (sheet: string, row: number, col: number): { formula?: string; value: unknown } => {
    const cell = calc.getWorksheet(sheet)!.getCell(row + 1, col + 1);
    const v = cell.value;
    // cell.result, not value.result: ExcelJS leaves a zero result out of the value object.
    if (v && typeof v === 'object' && 'formula' in v) return { formula: v.formula, value: cell.result };
    return { value: v };
  };

  it.each(placed.map((x) => [x.c.prefix, x] as const))(
    '%s: every published figure of the cleared columns within rounding',
    (_p, x) => {
      let compared = 0;
      let exact = 0;
      const off: string[] = [];
      x.seed.rows.forEach((row, k) => {
        for (const i of x.cols) {
          const published = row.values[i];
          const got = resultAt(x.c.sheet, x.p.rowIndex[k]!, x.p.colIndex[i]!);
          if (published === null || published === undefined) {
            if (got.value !== null && got.value !== undefined && got.value !== 0)
              off.push(`${row.label}: ${String(got.value)}`);
            continue;
          }
          // Stock volumes and judgment rows of the forecast are the economist's, not the method's (tested below).
          if (
            x.seed.columns[i]!.startsWith('Prognos') ||
            (x.c.prefix === '000_07' && x.seed.columns[i] === 'Avvik. helår')
          )
            continue;
          compared++;
          if (typeof published === 'string') {
            if (got.value !== published) off.push(`${row.label}: ${String(got.value)} ≠ ${published}`);
            continue;
          }
          expect(got.formula).toBeDefined();
          if (typeof got.value !== 'number' || Math.abs(got.value - published) > x.c.tolerance + 1e-9)
            off.push(`${row.label} [${x.seed.columns[i]}]: ${String(got.value)} ≠ ${published}`);
          else if (Math.abs(got.value - published) < 1e-9) exact++;
        }
      });
      expect(off).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(
        x.seed.rows.filter((r) => r.kind !== 'group_header' && r.kind !== 'footnote').length,
      );
      expect(exact).toBeGreaterThan(0);
    },
  );

  it('000_07: flow forecasts (× 12/8) and their annual deviations match the published ones, stocks keep their level', () => {
    const x = placed.find((p) => p.c.prefix === '000_07')!;
    const [cO, cF, cDA] = [1, 4, 6].map((i) => x.p.colIndex[i]!) as [number, number, number];
    let flows = 0;
    let stocks = 0;
    x.seed.rows.forEach((row, k) => {
      if (row.kind !== 'item') return;
      const r = x.p.rowIndex[k]!;
      const f = resultAt(x.c.sheet, r, cF);
      if (/timmar|öppenvårdsinsatser/i.test(row.label)) {
        flows++;
        expect(f.formula).toBe(`C${r + 1}*12/8`);
        expect(Math.abs((f.value as number) - (row.values[4] as number))).toBeLessThanOrEqual(1);
        expect(
          Math.abs((resultAt(x.c.sheet, r, cDA).value as number) - (row.values[6] as number)),
        ).toBeLessThanOrEqual(1);
      } else if (/årsplats|hushåll|årsantal/i.test(row.label)) {
        stocks++;
        expect(f.formula).toBe(`C${r + 1}`);
        expect(f.value).toBe(resultAt(x.c.sheet, r, cO).value);
      }
    });
    expect([flows, stocks]).toEqual([6, 11]);
  });

  it('000_06: the formulas Calc saw are the live ones, in the row’s own cells', () => {
    const x = placed.find((p) => p.c.prefix === '000_06')!;
    const r = x.p.rowIndex[0]! + 1;
    expect(resultAt(x.c.sheet, r - 1, 4).formula).toBe(`C${r}-D${r}`);
    expect(resultAt(x.c.sheet, r - 1, 7).formula).toBe(`F${r}-G${r}`);
  });
});
