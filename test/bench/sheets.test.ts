/**
 * The benchmark's generated sheets must be what a municipality's workbook is,
 * to the cell: exact row counts, the three sum levels, cached values a
 * spreadsheet engine agrees with, the same content as Grid, WorkbookModel and
 * .xlsx, and planted text numbers and missing forecasts that the commands find.
 */
import * as ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ledgerSheet,
  benchWorkbook,
  volumesSheet,
  rangePayloadJson,
  workbookXlsx,
  LEDGER_COL,
  LEDGER_HEADER,
  VOLUMES_HEADER,
  HEADER_ROW,
  PERIOD_LINE,
} from '../../bench/sheets';
import { a1, cellAt, forEachCell, gridBounds, GridBuilder, type Cell, type Grid } from '../../src/core/grid';
import { analyzeSheet, computeDeviations, DEFAULT_SETTINGS, validateSums } from '../../src/core';
import { parseSwedishNumber } from '../../src/core/numbers';
import { cloneWorkbook, type WorkbookModel } from '../../src/workbook/model';
import { recalculate } from '../../src/workbook/recalc';
import { modelToGrid } from '../../src/xlsx';
import { describeWithCalc, recalculateWithCalc } from '../support/libreoffice';

/** Every stored cell as "A1 value|formula|format|error", for comparing two grids exactly. */
function cellList(grid: Grid): string[] {
  const out: string[] = [];
  forEachCell(grid, (r, c, cell) =>
    out.push(
      `${a1(r, c)} ${JSON.stringify(cell.v)}|${cell.f ?? ''}|${cell.fmt ?? ''}|${cell.err ? 'err' : ''}`,
    ),
  );
  return out;
}

/**
 * A sheet of an .xlsx file as a grid, read with ExcelJS directly. Cached
 * formula results come from `cell.model`: `cell.value` drops a result of 0
 * (exceljs#2943), and so does src/xlsx/read.ts, which this test is not about.
 */
async function xlsxGrid(bytes: Uint8Array, sheet: string): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const b = new GridBuilder(sheet);
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const model = cell.model as { formula?: string; result?: unknown; value?: unknown };
      const raw = model.formula !== undefined ? model.result : model.value;
      const error = typeof raw === 'object' && raw !== null && 'error' in raw;
      const c: Cell = { v: error ? String((raw as { error: string }).error) : ((raw ?? null) as Cell['v']) };
      if (model.formula !== undefined) c.f = `=${model.formula}`;
      if (cell.numFmt && cell.numFmt !== 'General') c.fmt = cell.numFmt;
      if (error) c.err = true;
      b.set(Number(row.number) - 1, Number(cell.col) - 1, c);
    }),
  );
  return b.build();
}

/** Cells whose value or error flag differ between a model and its recalculated copy. */
function recalcDifferences(model: WorkbookModel): string[] {
  const copy = cloneWorkbook(model);
  recalculate(copy);
  const diffs: string[] = [];
  model.sheets.forEach((sheet, i) => {
    for (const [key, data] of sheet.cells) {
      const after = copy.sheets[i]!.cells.get(key);
      if (after?.value !== data.value || Boolean(after?.error) !== Boolean(data.error)) {
        diffs.push(`${sheet.name}!${key}: ${JSON.stringify(data.value)} → ${JSON.stringify(after?.value)}`);
      }
    }
  });
  return diffs;
}

describe('ledgerSheet', () => {
  it.each([8, 9, 10, 11, 12, 37, 38, 39, 250, 1000, 4321])(
    'has exactly %i rows, the grand total last',
    (rows) => {
      const { grid, manifest } = ledgerSheet({ rows });
      expect(grid.rows[grid.rows.length - 1]!.index).toBe(rows - 1);
      expect(manifest.totalRow).toBe(rows - 1);
      expect(cellAt(grid, rows - 1, LEDGER_COL.label).v).toBe('Summa socialnämnden');
      const sumRows = manifest.groupSums.length + manifest.areaSums.length + 1;
      expect(manifest.items + sumRows + HEADER_ROW + 1).toBe(rows);
    },
  );

  it('refuses a sheet too small for an item, its group, its area and the total', () => {
    expect(() => ledgerSheet({ rows: 7 })).toThrow(RangeError);
  });

  it('starts with a title, the report period and the header', () => {
    const { grid } = ledgerSheet({ rows: 200 });
    expect(String(cellAt(grid, 0, 0).v)).toMatch(/^Socialnämnden – driftredovisning/);
    expect(cellAt(grid, 1, 0).v).toBe(PERIOD_LINE);
    expect(grid.rows.find((r) => r.index === 2)).toBeUndefined();
    expect(LEDGER_HEADER.map((_, c) => cellAt(grid, HEADER_ROW, c).v)).toEqual([...LEDGER_HEADER]);
  });

  it('nests items → Summa <verksamhet> (SUM) → Summa <område> (+) → the total (+)', () => {
    const { grid, manifest } = ledgerSheet({ rows: 3000 });
    const D = LEDGER_COL.outcome;
    let first = manifest.firstDataRow;
    const areaSet = new Set(manifest.areaSums);
    const groupsOfArea: number[] = [];
    const areas: number[] = [];
    for (let r = manifest.firstDataRow; r < manifest.totalRow; r++) {
      const label = String(cellAt(grid, r, LEDGER_COL.label).v);
      if (manifest.groupSums.includes(r)) {
        expect(label).toMatch(/^Summa .+, ansvar \d{4}$/);
        expect(cellAt(grid, r, D).f).toBe(`=SUM(${a1(first, D)}:${a1(r - 1, D)})`);
        expect(cellAt(grid, r, LEDGER_COL.code).v).toBeNull();
        groupsOfArea.push(r);
        first = r + 1;
      } else if (areaSet.has(r)) {
        expect(label).toMatch(/^Summa .+, område \d+$/);
        expect(cellAt(grid, r, D).f).toBe(`=${groupsOfArea.map((g) => a1(g, D)).join('+')}`);
        groupsOfArea.length = 0;
        areas.push(r);
        first = r + 1;
      } else {
        expect(String(cellAt(grid, r, LEDGER_COL.code).v)).toMatch(/^\d{4}-\d{3}-\d{4}$/);
        expect(cellAt(grid, r, D).f).toBeUndefined();
      }
      expect(cellAt(grid, r, LEDGER_COL.deviationPeriod).f).toBe(
        `=${a1(r, D)}-${a1(r, LEDGER_COL.budgetPeriod)}`,
      );
      expect(cellAt(grid, r, LEDGER_COL.deviationAnnual).f).toBe(
        `=${a1(r, LEDGER_COL.forecast)}-${a1(r, LEDGER_COL.budgetAnnual)}`,
      );
    }
    expect(cellAt(grid, manifest.totalRow, D).f).toBe(`=${areas.map((r) => a1(r, D)).join('+')}`);
    expect(manifest.areaSums.length).toBeGreaterThan(1);
    expect(manifest.formulas.sum).toBe(manifest.groupSums.length * 5);
  });

  it('keeps costs negative and revenues positive, amounts formatted #,##0', () => {
    const { grid, manifest } = ledgerSheet({ rows: 2000, textNumbers: 0, missingForecasts: 0 });
    let costs = 0;
    let revenues = 0;
    forEachCell(grid, (r, c, cell) => {
      if (r <= HEADER_ROW || c < LEDGER_COL.outcomePrior) return;
      expect(cell.fmt).toBe('#,##0');
      if (c !== LEDGER_COL.outcome || cell.f) return;
      const konto = Number(String(cellAt(grid, r, LEDGER_COL.code).v).slice(-4));
      if (konto >= 4000) {
        expect(cell.v).toBeLessThan(0);
        costs++;
      } else {
        expect(cell.v).toBeGreaterThan(0);
        revenues++;
      }
    });
    expect(costs + revenues).toBe(manifest.items);
    expect(revenues).toBeGreaterThan(0);
    expect(cellAt(grid, manifest.totalRow, LEDGER_COL.outcome).v).toBeLessThan(0);
  });

  it('holds the cached value every formula has after recalculation, text numbers and missing forecasts included', () => {
    const reported = benchWorkbook({ ledgerRows: 3000, textNumbers: 90, missingForecasts: 40 });
    expect(reported.ledger.manifest.valueErrors.length).toBeGreaterThan(0);
    expect(recalcDifferences(reported.model)).toEqual([]);
    expect(
      recalcDifferences(benchWorkbook({ ledgerRows: 3000, stage: 'exported', textNumbers: 60 }).model),
    ).toEqual([]);
  });

  it('reports exactly the cells that hold numbers as text, and what they mean', () => {
    const { grid, manifest } = ledgerSheet({ rows: 5000, textNumbers: 30 });
    expect(manifest.textNumbers).toHaveLength(30);
    const found: string[] = [];
    forEachCell(grid, (r, c, cell) => {
      if (r > HEADER_ROW && c >= LEDGER_COL.outcomePrior && typeof cell.v === 'string' && !cell.err)
        found.push(a1(r, c));
    });
    expect(found.sort()).toEqual(manifest.textNumbers.map((t) => t.cell).sort());
    for (const t of manifest.textNumbers) {
      expect(cellAt(grid, t.row, t.col).v).toBe(t.text);
      expect(parseSwedishNumber(t.text)).toMatchObject({ kind: 'number', value: t.value });
    }
    // Space, no-break space and Unicode minus all occur.
    const texts = manifest.textNumbers.map((t) => t.text).join('');
    expect(texts).toMatch(/\u00a0/);
    expect(texts).toMatch(/\u2212/);
  });

  it('reports exactly the item forecasts left empty', () => {
    const { grid, manifest } = ledgerSheet({ rows: 5000, missingForecasts: 25 });
    expect(manifest.missingForecasts).toHaveLength(25);
    const sums = new Set([...manifest.groupSums, ...manifest.areaSums, manifest.totalRow]);
    const empty: string[] = [];
    for (let r = manifest.firstDataRow; r <= manifest.totalRow; r++) {
      if (!sums.has(r) && cellAt(grid, r, LEDGER_COL.forecast).v === null)
        empty.push(a1(r, LEDGER_COL.forecast));
    }
    expect(empty).toEqual(manifest.missingForecasts);
  });

  it('as exported from the ledger: no deviations and no item forecasts, the sum formulas in place', () => {
    const { grid, manifest } = ledgerSheet({ rows: 1000, stage: 'exported' });
    expect(manifest.missingForecasts).toEqual([]);
    forEachCell(grid, (r, c) => {
      if (r > HEADER_ROW) expect([LEDGER_COL.deviationPeriod, LEDGER_COL.deviationAnnual]).not.toContain(c);
    });
    const g = manifest.groupSums[0]!;
    expect(cellAt(grid, g, LEDGER_COL.forecast)).toMatchObject({
      v: 0,
      f: expect.stringMatching(/^=SUM\(G/),
    });
    expect(cellAt(grid, manifest.firstDataRow, LEDGER_COL.forecast).v).toBeNull();
  });

  it('is the same sheet for the same seed, another for another seed', () => {
    expect(cellList(ledgerSheet({ rows: 700 }).grid)).toEqual(cellList(ledgerSheet({ rows: 700 }).grid));
    expect(cellList(ledgerSheet({ rows: 700, seed: 7 }).grid)).not.toEqual(
      cellList(ledgerSheet({ rows: 700 }).grid),
    );
  });
});

describe('what the commands find on a generated sheet', () => {
  const { grid, manifest } = ledgerSheet({ rows: 3000, textNumbers: 12, missingForecasts: 9 });

  it('the structure check reports each planted text number, at its cell', () => {
    const cells = analyzeSheet(grid, DEFAULT_SETTINGS)
      .findings.filter((f) => f.code === 'TEXT_NUMBER')
      .map((f) => f.cell);
    expect(cells.sort()).toEqual(manifest.textNumbers.map((t) => t.cell).sort());
  });

  it('Validera summor on a 3 000-row three-level ledger: the planted text numbers are its only errors, every sum read as one', () => {
    const [sheet] = validateSums([grid], DEFAULT_SETTINGS);
    const errors = sheet!.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.code).filter((c) => c !== 'TEXT_NUMBER' && c !== 'ERROR_VALUE')).toEqual([]);
    expect(
      errors
        .filter((f) => f.code === 'TEXT_NUMBER')
        .map((f) => f.cell)
        .sort(),
    ).toEqual(manifest.textNumbers.map((t) => t.cell).sort());
    // A #VALUE! that a text number causes is named as its consequence.
    for (const f of errors.filter((x) => x.code === 'ERROR_VALUE')) {
      expect(manifest.valueErrors).toContain(f.cell);
      expect(f.causedBy).toBeDefined();
    }
    const rows = sheet!.tables[0]!.rows;
    const sums = rows.filter((r) => r.kind === 'subtotal' || r.kind === 'total').map((r) => r.row - 1);
    expect(sums.sort((a, b) => a - b)).toEqual(
      [...manifest.groupSums, ...manifest.areaSums, manifest.totalRow].sort((a, b) => a - b),
    );
  });

  it('Beräkna avvikelser proposes a forecast in each empty forecast cell and writes nothing else', () => {
    const writes = computeDeviations(grid, DEFAULT_SETTINGS).plan.writes.map((w) => a1(w.row, w.col));
    expect(writes.sort()).toEqual([...manifest.missingForecasts].sort());
  });
});

describe('volumesSheet', () => {
  it('has group headers without values, items with units, ".." where a figure is missing, no formulas', () => {
    const { grid, manifest } = volumesSheet({ rows: 300 });
    expect(grid.rows[grid.rows.length - 1]!.index).toBe(299);
    expect(VOLUMES_HEADER.map((_, c) => cellAt(grid, HEADER_ROW, c).v)).toEqual([...VOLUMES_HEADER]);
    for (const r of manifest.groupHeaders) expect(grid.rows.find((x) => x.index === r)!.cols).toEqual([0]);
    const na: string[] = [];
    let items = 0;
    forEachCell(grid, (r, c, cell) => {
      expect(cell.f).toBeUndefined();
      if (r <= HEADER_ROW || manifest.groupHeaders.includes(r)) return;
      if (c === 0) {
        expect(String(cell.v)).toMatch(/timmar|årsplatser|hushåll|årsantal|personer/);
        items++;
      }
      if (cell.v === '..') na.push(a1(r, c));
    });
    expect(items).toBe(manifest.items);
    expect(na).toEqual(manifest.notAvailable);
    expect(na.length).toBeGreaterThan(0);
  });

  it('deviations are outcome − budget, a count', () => {
    const { grid } = volumesSheet({ rows: 60 });
    forEachCell(grid, (r, c, cell) => {
      if (r <= HEADER_ROW || typeof cellAt(grid, r, 2).v !== 'number') return;
      if (c === 4) expect(cell.v).toBe((cellAt(grid, r, 2).v as number) - (cellAt(grid, r, 3).v as number));
      if (c === 7) expect(cell.v).toBe((cellAt(grid, r, 5).v as number) - (cellAt(grid, r, 6).v as number));
    });
  });
});

describe('one content in three forms', () => {
  const book = benchWorkbook({ ledgerRows: 600, volumeRows: 80, textNumbers: 6 });

  it('the WorkbookModel holds the grids', () => {
    expect(book.model.sheets.map((s) => s.name)).toEqual(['Driftredovisning', 'Följetal']);
    book.grids.forEach((g) => expect(cellList(modelToGrid(book.model, g.sheet))).toEqual(cellList(g)));
  });

  it('the .xlsx file holds the grids', async () => {
    const bytes = await workbookXlsx(book.model);
    for (const g of book.grids) expect(cellList(await xlsxGrid(bytes, g.sheet))).toEqual(cellList(g));
  });

  it('the range payload is what Office.js returns for the used range', () => {
    const grid = book.grids[0]!;
    const payload = JSON.parse(rangePayloadJson(grid)) as Record<string, unknown[][]>;
    const b = gridBounds(grid)!;
    for (const key of ['values', 'formulas', 'numberFormat']) {
      expect(payload[key]).toHaveLength(b.bottom - b.top + 1);
      expect(payload[key]!.every((row) => row.length === b.right - b.left + 1)).toBe(true);
    }
    const g = book.ledger.manifest.groupSums[0]!;
    expect(payload.values![g]![3]).toBe(cellAt(grid, g, 3).v);
    expect(payload.formulas![g]![3]).toBe(cellAt(grid, g, 3).f);
    expect(payload.formulas![HEADER_ROW]![1]).toBe('Verksamhet');
    expect(payload.numberFormat![g]![3]).toBe('#,##0');
    expect(payload.values![2]).toEqual(new Array(9).fill(''));
    expect(payload.numberFormat![0]![0]).toBe('General');
  });
});

describeWithCalc('LibreOffice Calc agrees with every cached value of a generated ledger', () => {
  let dir: string;
  let book: ReturnType<typeof benchWorkbook>;
  let recalculated: Grid;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetkoll-bench-lo-'));
    book = benchWorkbook({ ledgerRows: 400, volumeRows: 40, textNumbers: 12, missingForecasts: 6 });
    writeFileSync(join(dir, 'in.xlsx'), await workbookXlsx(book.model));
    recalculated = await xlsxGrid(readFileSync(recalculateWithCalc(dir)), book.ledger.name);
  }, 150_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every formula cell, #VALUE! where a difference reads a text number', () => {
    const differences: string[] = [];
    let formulas = 0;
    forEachCell(book.ledger.grid, (r, c, cell) => {
      if (!cell.f) return;
      formulas++;
      const got = cellAt(recalculated, r, c);
      expect(got.f).toBe(cell.f);
      if (got.v !== cell.v || Boolean(got.err) !== Boolean(cell.err)) {
        differences.push(`${a1(r, c)}: ${JSON.stringify(cell.v)} vs Calc ${JSON.stringify(got.v)}`);
      }
    });
    expect(differences).toEqual([]);
    const f = book.ledger.manifest.formulas;
    expect(formulas).toBe(f.sum + f.add + f.difference);
    expect(book.ledger.manifest.valueErrors.length).toBeGreaterThan(0);
  });
});
