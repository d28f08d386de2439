/**
 * Plans too large for one Excel request: every request and response stays
 * within the payload budget, a failure in a later write request is rolled
 * back, and the journal keeps below its byte cap.
 */
import { HostError, Range, createSimulatedExcel, type SimulatedHost } from '../../src/host';
import { GatewayError } from '../../src/excel/errors';
import {
  FILLER,
  HEADER_ROWS,
  JOURNAL_DEPTH,
  STORE_SHEET,
  emptyHeader,
  planAppend,
  readEntry,
  readHeader,
  type StoreHeader,
} from '../../src/core/store';
import type { CellState, JournalEntry, WritePlan } from '../../src/core/plan';
import {
  cloneWorkbook,
  createWorkbook,
  findSheet,
  parseCellKey,
  setCellData,
  type CellData,
  type WorkbookModel,
} from '../../src/workbook/model';
import { applyPlan, beforeRects, groupRects } from '../../src/excel/applyPlan';
import { PAYLOAD_BUDGET, READ_BUDGET, packOps } from '../../src/excel/payload';
import { readSheet } from '../../src/excel/readSheet';
import { intersect, packRows, subtractRects, type Rect } from '../../src/excel/regions';
import { readStore, saveSettings } from '../../src/excel/store';
import { setRuntime } from '../../src/excel/runtime';
import { undoLast } from '../../src/excel/undo';

const ROWS = 10000;
const FIRST = 4;
const SHEET = 'Stor';

/** Labels in A, numbers in B:C, a few existing notes, fills and formats in D:F. */
function bigWorkbook(): WorkbookModel {
  const wb = createWorkbook([SHEET]);
  const s = findSheet(wb, SHEET)!;
  setCellData(s, 0, 0, { value: 'Socialnämnden', bold: true });
  ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse', 'Andel', 'Summa'].forEach((h, c) =>
    setCellData(s, 3, c, { value: h }),
  );
  for (let i = 0; i < ROWS; i++) {
    const r = FIRST + i;
    setCellData(s, r, 0, { value: `Post ${i + 1}` });
    setCellData(s, r, 1, { value: (i * 37) % 1000, numberFormat: '#,##0' });
    setCellData(s, r, 2, { value: (i * 53) % 900 });
    // Before-states worth restoring: text, numbers, formulas, fills, italics and formats.
    if (i % 7 === 0) setCellData(s, r, 3, { value: `not ${i}`, italic: true });
    if (i % 11 === 0) setCellData(s, r, 4, { value: i, fill: '#DDEBF7', numberFormat: '0.0' });
    if (i % 13 === 0) setCellData(s, r, 5, { value: null, formula: `=B${r + 1}*2` });
  }
  return wb;
}

/** 10 000 rows × 3 formulas, a fill on every third row; with `notes`, a long text per row in G too. */
function bigPlan(notes = false): WritePlan {
  const writes: WritePlan['writes'] = [];
  for (let i = 0; i < ROWS; i++) {
    const r = FIRST + i;
    const fill = i % 3 === 0 ? { fill: '#FFC7CE' } : {};
    writes.push({ row: r, col: 3, formula: `=B${r + 1}-C${r + 1}`, numberFormat: '#,##0', ...fill });
    writes.push({ row: r, col: 4, formula: `=IF(C${r + 1}=0,0,B${r + 1}/C${r + 1})`, ...fill });
    writes.push({ row: r, col: 5, formula: `=B${r + 1}+C${r + 1}`, ...fill });
    if (notes)
      writes.push({ row: r, col: 6, value: `Kommentar ${i}: ${'avvikelsen förklaras av '.repeat(12)}` });
  }
  return { sheet: SHEET, inserts: [], writes };
}

function cellsOf(wb: WorkbookModel, sheet: string): Record<string, CellData> {
  return Object.fromEntries([...findSheet(wb, sheet)!.cells].sort(([a], [b]) => a.localeCompare(b)));
}

/** The journal's entries as the store sheet holds them, read with the store's own checks. */
function storedEntries(wb: WorkbookModel): JournalEntry[] {
  const column: unknown[] = [];
  for (const [key, cell] of findSheet(wb, STORE_SHEET)?.cells ?? []) {
    const { row, col } = parseCellKey(key);
    if (col !== 0) throw new Error(`store cell outside column A: ${key}`);
    column[row] = cell.value;
  }
  const head = readHeader(column);
  if (head.kind === 'empty') return [];
  if (head.kind !== 'header') throw new Error(head.kind);
  return head.header.journal.map((place) => {
    const e = readEntry(column.slice(place.row, place.row + place.rows), place);
    if ('problem' in e) throw new Error(e.problem);
    return e;
  });
}

let sim: SimulatedHost;
afterEach(() => setRuntime(undefined));

function install(wb: WorkbookModel, atomicBatches = true): SimulatedHost {
  sim = createSimulatedExcel(wb, { atomicBatches });
  setRuntime({ Excel: sim.Excel, Office: sim.Office });
  return sim;
}

function expectWithinBudget(host: SimulatedHost): void {
  for (const s of host.stats.syncs) {
    expect(s.requestBytes).toBeLessThan(PAYLOAD_BUDGET);
    expect(s.responseBytes).toBeLessThan(PAYLOAD_BUDGET);
  }
}

describe('a plan of 30 000 cells against the simulated host (5 MB limit)', () => {
  it('writes in several requests within the budget, and Ångra restores every cell', async () => {
    const wb = bigWorkbook();
    install(wb);
    const original = cloneWorkbook(wb);
    const read = await readSheet(SHEET);

    sim.stats.reset();
    const result = await applyPlan(bigPlan(), read.grid, {
      command: 'computeDeviations',
      description: 'Avvikelser beräknade',
    });
    expect(result.written).toBe(3 * ROWS);
    expect(sim.stats.syncCount).toBeGreaterThan(2);
    expectWithinBudget(sim);
    const s = findSheet(wb, SHEET)!;
    expect(s.cells.get(`${FIRST + 6},3`)).toMatchObject({ formula: '=B11-C11', numberFormat: '#,##0' });
    expect(s.cells.get(`${FIRST + 9},5`)).toMatchObject({ formula: '=B14+C14', fill: '#FFC7CE' });
    // The journal holds one complete entry, in a column of its own; the header names only it.
    expect((await readStore()).journal).toHaveLength(1);
    const journal = storedEntries(wb);
    expect(journal).toHaveLength(1);
    expect(journal[0]!.before).toHaveLength(3 * ROWS);

    sim.stats.reset();
    expect(await undoLast()).toEqual({ restored: 3 * ROWS, description: 'Avvikelser beräknade' });
    expectWithinBudget(sim);
    expect(cellsOf(wb, SHEET)).toEqual(cellsOf(original, SHEET));
    expect((await readStore()).journal).toEqual([]);
  }, 120_000);

  it.each([
    ['cell writes', true],
    ['the journal entry', false],
  ])(
    'rolls back what earlier requests wrote when the second write request (%s) fails',
    async (what, notes) => {
      const wb = bigWorkbook();
      install(wb, false);
      const original = cloneWorkbook(wb);
      const read = await readSheet(SHEET);
      await saveSettings({ ...(await readStore()).settings, period: '2024-08' });
      const storeBefore = cellsOf(wb, STORE_SHEET);

      type Queueing = { queueWrite(json: object, apply: () => void): void };
      const boom = () => {
        throw new HostError('InvalidOperation' as never, 'boom');
      };
      const descriptors = {
        formulas: Object.getOwnPropertyDescriptor(Range.prototype, 'formulas')!,
        values: Object.getOwnPropertyDescriptor(Range.prototype, 'values')!,
      };
      let firstWriteSync: number | undefined;
      let failedAt: number | undefined;
      let writtenBeforeFailure = false;
      let failedPath = '';
      for (const [name, d] of Object.entries(descriptors)) {
        Object.defineProperty(Range.prototype, name, {
          ...d,
          // A write of a later request fails: a cell write of the second request, or the journal's entry
          // (which comes after every cell write); everything else goes through.
          set(this: Range & Queueing, value: unknown) {
            const syncs = sim.stats.syncCount;
            firstWriteSync ??= syncs;
            const path = (this as unknown as { path: string }).path;
            const hit =
              what === 'the journal entry' ? path.includes(STORE_SHEET) : syncs === firstWriteSync + 1;
            if (failedAt === undefined && hit && syncs > firstWriteSync) {
              failedAt = syncs;
              failedPath = (this as unknown as { path: string }).path;
              writtenBeforeFailure = findSheet(wb, SHEET)!.cells.get(`${FIRST},3`)?.formula === '=B5-C5';
              this.queueWrite({ op: 'boom' }, boom);
              return;
            }
            d.set!.call(this, value);
          },
        });
      }
      sim.stats.reset();
      let err: unknown;
      try {
        // A small budget, so that the write takes several requests.
        err = await applyPlan(
          bigPlan(notes),
          read.grid,
          { command: 'computeDeviations', description: 'x' },
          { budget: 400_000 },
        ).catch((e: unknown) => e);
      } finally {
        for (const [name, d] of Object.entries(descriptors)) Object.defineProperty(Range.prototype, name, d);
      }
      expect(failedAt).toBeDefined();
      expect(writtenBeforeFailure).toBe(true);
      expect(failedPath.includes(STORE_SHEET)).toBe(what === 'the journal entry');
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).userMessage).toMatch(/Bladet ”Stor” är återställt\.$/);
      expectWithinBudget(sim);
      expect(cellsOf(wb, SHEET)).toEqual(cellsOf(original, SHEET));
      expect(cellsOf(wb, STORE_SHEET)).toEqual(storeBefore);
      expect((await readStore()).journal).toEqual([]);
    },
    120_000,
  );
});

describe('reads sized by what the snapshot holds', () => {
  it('packs the checks and before-states of a large command into syncs filled close to the budget', async () => {
    const wb = createWorkbook([SHEET]);
    const s = findSheet(wb, SHEET)!;
    for (let r = 0; r < 15_000; r++)
      for (let c = 0; c < 20; c++) setCellData(s, r, c, { value: `rad ${r} kolumn ${c} text` });
    const host = install(wb, false);
    const { grid } = await readSheet(SHEET);
    host.stats.reset();
    const writes = Array.from({ length: 15_000 }, (_, r) => ({ row: r, col: 19, value: r }));
    await applyPlan({ sheet: SHEET, inserts: [], writes }, grid, {
      command: 'convertTextNumbers',
      description: 'x',
    });
    // The read syncs (the write sync's response is a few bytes).
    const reads = host.stats.syncs.filter((x) => x.responseBytes > 1000).map((x) => x.responseBytes);
    const total = reads.reduce((n, b) => n + b, 0);
    expect(total).toBeGreaterThan(2 * READ_BUDGET);
    for (const b of reads) expect(b).toBeLessThanOrEqual(READ_BUDGET);
    // No more syncs than the bytes need: every sync but the last is filled close to the budget.
    expect(reads.length).toBe(Math.ceil(total / (READ_BUDGET * 0.95)));
  }, 30_000);
});

describe('request planning', () => {
  it('packs rows into groups filled to the budget, cutting rectangles where a group fills up', () => {
    const rects = [
      { rect: { top: 0, left: 0, bottom: 9, right: 1 }, rowBytes: () => 30 },
      { rect: { top: 5, left: 3, bottom: 7, right: 3 }, rowBytes: () => 50 },
    ];
    const groups = packRows(rects, 100, 60, 5);
    expect(groups.map((g) => g.map((p) => [p.rect.top, p.rect.bottom, p.rect.left, p.bytes]))).toEqual([
      [[0, 0, 0, 35]],
      [[1, 3, 0, 95]],
      [[4, 6, 0, 95]],
      [[7, 9, 0, 95]],
      [[5, 5, 3, 55]],
      [[6, 6, 3, 55]],
      [[7, 7, 3, 55]],
    ]);
    // A row heavier than a group goes in column pieces; a first group too small for any row stays empty.
    const wide = packRows([{ rect: { top: 0, left: 0, bottom: 0, right: 9 }, rowBytes: () => 250 }], 100, 10);
    expect(wide[0]).toEqual([]);
    expect(wide.flat().map((p) => [p.rect.left, p.rect.right])).toEqual([
      [0, 3],
      [4, 7],
      [8, 9],
    ]);
  });

  it('subtracts rectangles, leaving at most four pieces a cut', () => {
    const cells = (rs: readonly Rect[]) =>
      rs.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
    const table = { top: 0, left: 0, bottom: 99, right: 7 };
    const holes = [
      { top: 4, left: 4, bottom: 98, right: 4 },
      { top: 4, left: 5, bottom: 98, right: 5 },
      { top: 4, left: 7, bottom: 98, right: 7 },
    ];
    const rest = subtractRects([table], holes);
    expect(cells(rest)).toBe(800 - 3 * 95);
    for (const r of rest) for (const h of holes) expect(intersect(r, h)).toBeUndefined();
    expect(rest.length).toBeLessThanOrEqual(6);
    expect(subtractRects([table], [{ top: 200, left: 0, bottom: 300, right: 1 }])).toEqual([table]);
  });

  it('packs ops in order within the budget, an oversized op alone', () => {
    const op = (bytes: number) => ({ bytes, queue: () => undefined });
    const ops = [op(40), op(40), op(30), op(200), op(10)];
    expect(packOps(ops, 100).map((g) => g.map((o) => o.bytes))).toEqual([[40, 40], [30], [200], [10]]);
    expect(packOps([], 100)).toEqual([]);
  });

  it('bands before-state reads and groups them by cells, the first request smaller', () => {
    const cells = Array.from({ length: 1000 }, (_, i) => ({ row: i, col: 2 }));
    const rects = beforeRects(cells, 20000, 300);
    expect(rects.map((r) => [r.top, r.bottom])).toEqual([
      [0, 299],
      [300, 599],
      [600, 899],
      [900, 999],
    ]);
    expect(groupRects(rects, 600, 300).map((g) => g.length)).toEqual([1, 2, 1]);
    expect(groupRects(rects, 600, 100).map((g) => g.length)).toEqual([0, 2, 2]);
  });
});

describe('journal byte cap', () => {
  function entry(id: string, cells: number): JournalEntry {
    const before: CellState[] = Array.from({ length: cells }, (_, i) => ({
      row: i,
      col: 1,
      formula: null,
      value: i,
      numberFormat: 'General',
      fill: null,
      italic: false,
    }));
    return {
      id,
      command: 'computeDeviations',
      description: id,
      createdAt: '2026-11-22T05:00:00.000Z',
      sheet: 'Drift',
      inserts: [],
      before,
    };
  }
  const size = (h: StoreHeader) => h.journal.reduce((n, e) => n + e.length, 0);
  const append = (h: StoreHeader, e: JournalEntry, cap?: number) => planAppend(h, e, cap).next;

  it('drops the oldest entries until the journal fits, and says which went', () => {
    let header = emptyHeader();
    for (let i = 0; i < 5; i++) header = append(header, entry(`e${i}`, 100), 100_000);
    expect(header.journal.map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    const one = JSON.stringify(entry('e9', 100)).length;
    const cap = size(header) - 1;
    const change = planAppend(header, entry('e5', 100), cap);
    expect(size(change.next)).toBeLessThanOrEqual(cap);
    expect(change.next.journal.map((e) => e.id)).toEqual(['e2', 'e3', 'e4', 'e5']);
    expect(change.dropped.map((d) => d.id)).toEqual(['e0', 'e1']);
    // The dropped entries' rows hold FILLER after the commit (entries below them stay).
    expect(change.after).toEqual(
      header.journal.slice(0, 2).map((p) => ({ row: p.row, cells: Array<string>(p.rows).fill(FILLER) })),
    );
    expect(one).toBeLessThan(cap);
    // Exactly at the cap is kept.
    const exact = size(append(header, entry('e5', 100)));
    expect(append(header, entry('e5', 100), exact).journal).toHaveLength(6);
  });

  it('keeps a single entry above the cap alone and the depth limit still applies', () => {
    let header = emptyHeader();
    for (let i = 0; i < 3; i++) header = append(header, entry(`e${i}`, 10), 10_000);
    const huge = append(header, entry('big', 1000), 10_000);
    expect(huge.journal.map((e) => e.id)).toEqual(['big']);
    expect(huge.settings).toEqual(header.settings);
    let deep = emptyHeader();
    for (let i = 0; i < JOURNAL_DEPTH + 3; i++) deep = append(deep, entry(`d${i}`, 1));
    expect(deep.journal).toHaveLength(JOURNAL_DEPTH);
    expect(deep.journal[0]!.id).toBe('d3');
    // Rows are reused: never more rows than the entries' plus the one being written.
    const rows = deep.journal.reduce((n, e) => n + e.rows, 0);
    expect(Math.max(...deep.journal.map((e) => e.row + e.rows))).toBeLessThanOrEqual(
      HEADER_ROWS + rows + deep.journal[0]!.rows,
    );
  });
});
