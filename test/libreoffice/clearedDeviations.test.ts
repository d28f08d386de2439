/**
 * Issue 7's Beräkna measure, on every table the repository holds (the seed
 * tables and the six tables from other municipalities): clear every
 * deviation column whose operands the table has, run computeDeviations,
 * apply the plan through the gateway on the simulated host, let LibreOffice
 * Calc recalculate the file, and compare each cleared cell with the value
 * the municipality published, within the rounding its figures allow.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { computeDeviations } from '../../src/core';
import { forEachCell, type Grid } from '../../src/core/grid';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { createWorkbook, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { writeXlsx } from '../../src/xlsx';
import { applyThroughGateway } from '../support/gatewayApply';
import { describeWithCalc, recalculateWithCalc } from '../support/libreoffice';
import {
  loadSeedTables,
  MORE_DIR,
  placeSeedTable,
  type Placement,
  type SeedTable,
} from '../support/seedTables';

const DEVIATIONS = new Set(['deviation_period', 'deviation_annual']);

interface Case {
  sheet: string;
  table: SeedTable;
  placement: Placement;
  /** The cleared columns (indexes into table.columns). */
  cleared: number[];
  more: boolean;
}

/** Decimals a published number shows. */
function decimals(v: number): number {
  const s = String(v);
  return s.includes('.') ? s.split('.')[1]!.length : 0;
}

/**
 * A deviation column can be recomputed when every role the fixture accepts
 * for it is a deviation and the table has its operands: a column that can
 * only be an outcome (or forecast) and one that can only be a budget.
 */
function recomputable(t: SeedTable, i: number): boolean {
  const roles = t.roles ?? [];
  const only = (c: number, allowed: (r: string) => boolean) =>
    (roles[c]?.length ?? 0) > 0 && roles[c]!.every(allowed);
  if (!only(i, (r) => DEVIATIONS.has(r))) return false;
  const cols = t.columns.map((_, c) => c).filter((c) => c !== i);
  const actual = cols.some((c) => only(c, (r) => r === 'outcome' || r === 'forecast'));
  const budget = cols.some((c) => only(c, (r) => r === 'budget_period' || r === 'budget_annual'));
  return actual && budget;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const [tables, more] of [
    [loadSeedTables(MORE_DIR), true],
    [loadSeedTables(), false],
  ] as const) {
    for (const table of tables) {
      const cleared = table.columns.map((_, i) => i).filter((i) => recomputable(table, i));
      if (cleared.length === 0) continue;
      const sheet = `T${out.length + 1}`;
      const placement = placeSeedTable(table, { sheet });
      for (const ri of placement.rowIndex)
        for (const i of cleared) placement.cells[ri]![placement.colIndex[i]!] = { v: null };
      out.push({ sheet, table, placement, cleared, more });
    }
  }
  return out;
}

function addGrid(wb: WorkbookModel, grid: Grid): void {
  const sheet = wb.sheets.find((s) => s.name === grid.sheet)!;
  forEachCell(grid, (ri, ci, cell) => {
    if (cell.v === null && cell.f === undefined) return;
    setCellData(sheet, ri, ci, { value: cell.v });
  });
}

describeWithCalc('Beräkna on cleared deviation columns, recalculated by LibreOffice', () => {
  const all = cases();
  const tally = { more: { cells: 0, right: 0 }, seeds: { cells: 0, right: 0 } };
  const wrong: string[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetkoll-cleared-'));
    const model = createWorkbook(all.map((c) => c.sheet));
    for (const c of all) {
      addGrid(model, c.placement.grid);
      const result = computeDeviations(c.placement.grid, DEFAULT_SETTINGS);
      await applyThroughGateway(model, result.plan, c.placement.grid);
    }
    writeFileSync(join(dir, 'in.xlsx'), await writeXlsx(model));
    recalculateWithCalc(dir);
    const calc = new ExcelJS.Workbook();
    await calc.xlsx.load(readFileSync(join(dir, 'out', 'in.xlsx')) as unknown as ExcelJS.Buffer);
    for (const c of all) {
      const ws = calc.getWorksheet(c.sheet)!;
      // Beräkna inserts no column here (every deviation column is there), so the columns stay where they were.
      c.table.rows.forEach((row, k) => {
        for (const i of c.cleared) {
          const published = row.values[i];
          if (typeof published !== 'number') continue;
          const cell = ws.getCell(c.placement.rowIndex[k]! + 1, c.placement.colIndex[i]! + 1);
          const got =
            typeof cell.value === 'object' && cell.value && 'formula' in cell.value
              ? cell.result
              : cell.value;
          const u = 10 ** -Math.max(...row.values.map((v) => (typeof v === 'number' ? decimals(v) : 0)));
          // Three published figures, each rounded to its precision: a − b can differ from the printed deviation by 1.5 u.
          const ok = typeof got === 'number' && Math.abs(got - published) <= 1.5 * u + 1e-9;
          const t = c.more ? tally.more : tally.seeds;
          t.cells++;
          if (ok) t.right++;
          else
            wrong.push(`${c.table.file} ${row.label} [${c.table.columns[i]}]: ${String(got)} ≠ ${published}`);
        }
      });
    }
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('recomputes at least 98 % of the cleared cells of the other municipalities’ tables to the published value', () => {
    expect(tally.more.cells).toBeGreaterThanOrEqual(20);
    expect(wrong.filter((w) => !/^\d{3}_/.test(w))).toEqual([]);
    expect(tally.more.right / tally.more.cells).toBeGreaterThanOrEqual(0.98);
  });

  it('recomputes at least 98 % of the cleared cells of the seed tables to the published value', () => {
    expect(tally.seeds.cells).toBeGreaterThanOrEqual(150);
    expect(tally.seeds.right / tally.seeds.cells).toBeGreaterThanOrEqual(0.98);
  });
});
