import { STORE_SHEET, readEntry, readHeader, type StoreHeader } from '../../src/core/store';
import { parseRange } from '../../src/core/grid';
import type { JournalEntry } from '../../src/core/plan';
import { emptyGrid, gridFromCells, gridFromRows, type Grid } from '../../src/core/grid';
import type { WritePlan } from '../../src/core/plan';
import {
  applyPlan,
  blockMatches,
  mergeWrites,
  preInsertColumn,
  writeIsNoOp,
} from '../../src/excel/applyPlan';
import { GatewayError } from '../../src/excel/errors';
import { READ_BUDGET } from '../../src/excel/payload';
import { readSheet } from '../../src/excel/readSheet';
import { setRuntime } from '../../src/excel/runtime';
import { MockExcel, type MockSheet, type Op } from './mockExcel';

function install(sheets: MockSheet[]): MockExcel {
  const mock = new MockExcel(sheets);
  setRuntime({ Excel: mock.Excel, Office: mock.Office });
  return mock;
}

afterEach(() => setRuntime(undefined));

function drift(): MockSheet {
  return {
    name: 'Drift',
    cells: {
      B2: { v: 'Verksamhet' },
      C2: { v: 'Utfall' },
      D2: { v: 'Budget' },
      E2: { v: 'Not' },
      B3: { v: 'Hemtjänst' },
      C3: { v: 100, fmt: '#,##0' },
      D3: { v: 90, fill: '#FFEB9C' },
      E3: { v: 'x', italic: true },
      B4: { v: 'Boende' },
      C4: { v: 50 },
      D4: { v: 60, f: '=50+10' },
    },
  };
}

/** The store as written to the store sheet in `ops`: its header and its entries. */
function writtenStore(ops: Op[]): { header: StoreHeader; journal: JournalEntry[] } {
  const column: unknown[] = [];
  for (const o of ops) {
    if (!o.target.startsWith(`${STORE_SHEET}!`) || o.name !== 'values') continue;
    const r = parseRange(o.target)!;
    expect(r.left).toBe(0);
    const values = o.value as unknown[][];
    values.forEach((row, i) => (column[r.top + i] = row[0]));
  }
  const head = readHeader(column);
  if (head.kind !== 'header') throw new Error(`no header: ${head.kind}`);
  const journal = head.header.journal.map((place) => {
    const entry = readEntry(column.slice(place.row, place.row + place.rows), place);
    if ('problem' in entry) throw new Error(entry.problem);
    return entry;
  });
  return { header: head.header, journal };
}

const plan: WritePlan = {
  sheet: 'Drift',
  inserts: [{ col: 4, top: 1, bottom: 3 }],
  writes: [
    { row: 1, col: 4, value: 'Avvikelse', italic: true },
    { row: 2, col: 4, formula: '=C3-D3', numberFormat: '#,##0' },
    { row: 3, col: 4, formula: '=C4-D4', numberFormat: '#,##0' },
    { row: 2, col: 3, value: 95, fill: null },
    { row: 2, col: 5, value: '-fel' },
  ],
};

describe('applyPlan against office-addin-mock', () => {
  it('checks and reads before-states in one sync, writes inserts, cells and the journal in a second', async () => {
    const mock = install([drift()]);
    const { grid } = await readSheet();
    const base = mock.syncs;
    const result = await applyPlan(plan, grid, {
      command: 'computeDeviations',
      description: 'Avvikelser beräknade',
    });
    expect(mock.syncs - base).toBe(2);
    expect(result.written).toBe(5);
    expect(result.journalId).toBeTruthy();

    // Nothing is written in the reading batch.
    expect(mock.opsIn(base).filter((o) => o.kind === 'set' || o.name !== 'select')).toEqual([]);
    const batch = mock.opsIn(base + 1);
    const sets = batch.filter((o) => o.kind === 'set');
    // The insert comes first, over the rows of the plan.
    expect(batch[0]).toMatchObject({ target: 'Drift!E2:E4', kind: 'call', name: 'insert', value: 'Right' });
    // One formulas assignment for the contiguous run E3:E4, in invariant syntax.
    expect(sets).toContainEqual(
      expect.objectContaining({ target: 'Drift!E3:E4', name: 'formulas', value: [['=C3-D3'], ['=C4-D4']] }),
    );
    // The inserted header cell E2 is set to General rather than inheriting D2's format.
    expect(sets).toContainEqual(
      expect.objectContaining({
        target: 'Drift!E2:E4',
        name: 'numberFormat',
        value: [['General'], ['#,##0'], ['#,##0']],
      }),
    );
    expect(sets.some((o) => o.name === 'formulasLocal' || o.name === 'valuesLocal')).toBe(false);
    // Text via values, protected against being read as a formula.
    expect(sets).toContainEqual(
      expect.objectContaining({ target: 'Drift!E2', name: 'values', value: [['Avvikelse']] }),
    );
    expect(sets).toContainEqual(
      expect.objectContaining({ target: 'Drift!F3', name: 'values', value: [["'-fel"]] }),
    );
    expect(sets).toContainEqual(
      expect.objectContaining({ target: 'Drift!D3', name: 'formulas', value: [[95]] }),
    );
    expect(sets).toContainEqual(
      expect.objectContaining({ target: 'Drift!E2.format.font', name: 'italic', value: true }),
    );
    expect(batch).toContainEqual(
      expect.objectContaining({ target: 'Drift!D3.format.fill', kind: 'call', name: 'clear' }),
    );

    // Before-states: one getCellProperties on the pre-insert rectangle of the existing targets (D3, E3).
    expect(mock.cellPropertyRequests).toHaveLength(1);
    expect(mock.cellPropertyRequests[0]).toMatchObject({
      batch: base,
      target: 'Drift!D3:E3',
      options: { format: { fill: { color: true, pattern: true }, font: { italic: true } } },
    });

    // The sheet's protection and the workbook's (the store sheet does not exist yet) are known before writing.
    expect(mock.loads).toContainEqual(
      expect.objectContaining({ batch: base, target: 'Drift.protection', props: 'protected' }),
    );
    expect(mock.loads).toContainEqual(
      expect.objectContaining({ batch: base, target: 'workbook.protection', props: 'protected' }),
    );
    // The inserted cells get their own formatting instead of their left neighbour's.
    expect(sets).toContainEqual(
      expect.objectContaining({ target: 'Drift!E3:E4.format.font', name: 'italic', value: false }),
    );
    expect(batch).toContainEqual(
      expect.objectContaining({ target: 'Drift!E2:E4.format.fill', name: 'clear' }),
    );

    // The journal entry travels in the same batch; the store sheet is created very hidden.
    expect(batch).toContainEqual(
      expect.objectContaining({ target: 'worksheets', name: 'add', value: STORE_SHEET }),
    );
    expect(batch).toContainEqual(
      expect.objectContaining({ target: STORE_SHEET, name: 'visibility', value: 'VeryHidden' }),
    );
    // Entry first (column B), header last (A1): the header is the commit.
    const storeSets = batch.filter((o) => o.target.startsWith(`${STORE_SHEET}!`) && o.name === 'values');
    expect(storeSets.map((o) => o.target)).toEqual([`${STORE_SHEET}!A9`, `${STORE_SHEET}!A1:A8`]);
    const store = writtenStore(batch);
    expect(store.journal).toHaveLength(1);
    const entry = store.journal[0]!;
    expect(entry).toMatchObject({
      id: result.journalId,
      command: 'computeDeviations',
      sheet: 'Drift',
      inserts: plan.inserts,
    });
    // Post-insert coordinates; the inserted cells E2:E4 have no before-state.
    expect(entry.before).toEqual([
      { row: 2, col: 3, formula: null, value: 90, numberFormat: 'General', fill: '#FFEB9C', italic: false },
      { row: 2, col: 5, formula: null, value: 'x', numberFormat: 'General', fill: null, italic: true },
    ]);
  });

  it('aborts with SHEET_CHANGED and writes nothing when the sheet differs from the snapshot', async () => {
    const sheet = drift();
    const mock = install([sheet]);
    const { grid } = await readSheet();
    sheet.cells!.C4 = { v: 51 };
    const base = mock.syncs;
    const err = await applyPlan(plan, grid, { command: 'computeDeviations', description: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('SHEET_CHANGED');
    expect((err as GatewayError).userMessage).toBe(
      'Bladet ”Drift” ändrades medan Budgetkoll arbetade. Inget har ändrats – kör kommandot igen.',
    );
    expect(mock.syncs - base).toBe(1);
    expect(mock.writes()).toEqual([]);
  });

  it('checks the cells a before-state read covers by that read, not twice, and still sees an edit between targets', async () => {
    // E2 and E4 are written; the before-state read covers E2:E4, E3 included.
    const gapped: WritePlan = {
      sheet: 'Drift',
      inserts: [],
      writes: [
        { row: 1, col: 4, value: 'Not' },
        { row: 3, col: 4, value: 'y' },
      ],
    };
    for (const edit of [false, true]) {
      const sheet = drift();
      const mock = install([sheet]);
      const { grid } = await readSheet();
      const base = mock.syncs;
      if (edit) sheet.cells!.E3 = { v: 'ändrad', italic: true };
      const outcome = await applyPlan(gapped, grid, { command: 'convertTextNumbers', description: 'x' }).then(
        () => 'written',
        (e: unknown) => (e as GatewayError).code,
      );
      expect(outcome).toBe(edit ? 'SHEET_CHANGED' : 'written');
      const loads = mock.loads.filter((l) => l.batch === base && l.target.startsWith('Drift!'));
      expect(loads.filter((l) => l.props === 'values,formulas,numberFormat').map((l) => l.target)).toEqual([
        'Drift!E2:E4',
      ]);
      // The check reads the rest of the table: B2:E4 without column E.
      expect(loads.filter((l) => l.props === 'formulas').map((l) => l.target)).toEqual(['Drift!B2:D4']);
    }
  });

  it('refuses a protected sheet in Swedish, naming it, before writing anything', async () => {
    const sheet = { ...drift(), protected: true };
    const mock = install([sheet]);
    const { grid } = await readSheet();
    const err = await applyPlan(plan, grid, { command: 'computeDeviations', description: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'SHEET_PROTECTED' });
    expect((err as GatewayError).userMessage).toMatch(/^Bladet ”Drift” är skyddat.*Inget har ändrats\.$/);
    expect(mock.writes()).toEqual([]);
  });

  it('notices a formula replaced by its value', async () => {
    const sheet = drift();
    const mock = install([sheet]);
    const { grid } = await readSheet();
    sheet.cells!.D4 = { v: 60 };
    await expect(
      applyPlan(plan, grid, { command: 'computeDeviations', description: 'x' }),
    ).rejects.toMatchObject({ code: 'SHEET_CHANGED' });
    expect(mock.writes()).toEqual([]);
  });

  it('touches nothing for an empty plan', async () => {
    const mock = install([drift()]);
    const result = await applyPlan({ sheet: 'Drift', inserts: [], writes: [] }, emptyGrid('Drift'), {
      command: 'convertTextNumbers',
      description: 'x',
    });
    expect(result).toEqual({ written: 0 });
    expect(mock.runs).toBe(0);
    expect(mock.syncs).toBe(0);
  });

  it('writes nothing and adds no journal entry when every cell already holds what the plan writes', async () => {
    const mock = install([drift()]);
    const { grid } = await readSheet();
    const base = mock.syncs;
    const same: WritePlan = {
      sheet: 'Drift',
      inserts: [],
      writes: [
        { row: 2, col: 2, value: 100, numberFormat: '#,##0' },
        { row: 3, col: 3, formula: '=50+10' },
      ],
    };
    const result = await applyPlan(same, grid, { command: 'convertTextNumbers', description: 'x' });
    expect(result).toEqual({ written: 0 });
    expect(mock.syncs - base).toBe(1);
    expect(mock.writes()).toEqual([]);
  });

  it('compares a large snapshot in bands within the budget before writing', async () => {
    const big: MockSheet = {
      name: 'Stor',
      used: { top: 0, left: 0, bottom: 2999, right: 59 },
      cellAt: (r, c) => ({ v: r + c }),
    };
    const mock = install([big]);
    // (no store sheet: readSheet learns that, so applyPlan probes instead of failing)
    const { grid } = await readSheet();
    const base = mock.syncs;
    await applyPlan({ sheet: 'Stor', inserts: [], writes: [{ row: 2999, col: 59, value: 1 }] }, grid, {
      command: 'convertTextNumbers',
      description: 'x',
    });
    // The check loads formulas only (for a constant they are its value); the cell
    // written is compared by its before-state read, which loads its values too.
    const compareLoads = mock.loads.filter((l) => l.batch >= base && l.props.split(',').includes('formulas'));
    expect(compareLoads.reduce((n, l) => n + l.cells!, 0)).toBe(180000);
    expect(compareLoads.filter((l) => l.props === 'formulas').reduce((n, l) => n + l.cells!, 0)).toBe(179999);
    // Sized by what the snapshot holds: each sync's response within READ_BUDGET.
    const perBatch = new Map<number, number>();
    for (const l of compareLoads) {
      const r = parseRange(l.target.slice(l.target.indexOf('!') + 1))!;
      const rows = Array.from({ length: r.bottom - r.top + 1 }, (_, i) =>
        Array.from({ length: r.right - r.left + 1 }, (_, j) => r.top + i + r.left + j),
      );
      const bytes = JSON.stringify(rows).length * (l.props === 'formulas' ? 1 : 3);
      perBatch.set(l.batch, (perBatch.get(l.batch) ?? 0) + bytes);
    }
    for (const bytes of perBatch.values()) expect(bytes).toBeLessThanOrEqual(READ_BUDGET);
    // The checks' syncs, then one write sync.
    expect(mock.syncs - base).toBe(perBatch.size + 1);
  });

  it('rejects an invalid plan before touching Excel', async () => {
    const mock = install([drift()]);
    await expect(
      applyPlan(
        { sheet: 'Drift', inserts: [], writes: [{ row: 0, col: 0, formula: 'SUM(A1)' }] },
        emptyGrid('Drift'),
        { command: 'computeDeviations', description: 'x' },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_PLAN' });
    expect(mock.runs).toBe(0);
  });

  it('reports a missing sheet as SHEET_NOT_FOUND', async () => {
    install([drift()]);
    const snapshot: Grid = gridFromRows('Borta', [[1]]);
    const err = await applyPlan(
      { sheet: 'Borta', inserts: [], writes: [{ row: 0, col: 0, value: 2 }] },
      snapshot,
      {
        command: 'computeDeviations',
        description: 'x',
      },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'SHEET_NOT_FOUND',
      userMessage: 'Bladet ”Borta” finns inte i arbetsboken.',
    });
  });
});

describe('applyPlan helpers', () => {
  it('maps post-insert columns back to pre-insert columns', () => {
    const inserts = [
      { col: 4, top: 1, bottom: 3 },
      { col: 6, top: 0, bottom: 9 },
    ];
    expect(preInsertColumn(3, 2, inserts)).toBe(3);
    expect(preInsertColumn(4, 2, inserts)).toBeUndefined();
    expect(preInsertColumn(5, 2, inserts)).toBe(4);
    expect(preInsertColumn(6, 2, inserts)).toBeUndefined();
    expect(preInsertColumn(7, 2, inserts)).toBe(5);
    // Row 5 only saw the second insert.
    expect(preInsertColumn(5, 5, inserts)).toBe(5);
    expect(preInsertColumn(7, 5, inserts)).toBe(6);
  });

  it('merges repeated writes to one cell field by field', () => {
    expect(
      mergeWrites([
        { row: 1, col: 1, value: 1, fill: '#FF0000' },
        { row: 1, col: 1, formula: '=A1' },
      ]),
    ).toEqual([{ row: 1, col: 1, formula: '=A1', fill: '#FF0000' }]);
  });

  it('compares formula cells by formula and constants by value, from formulas alone', () => {
    const snap: Grid = gridFromCells('S', [
      [
        { v: 1, f: '=NOW()' },
        { v: 'a' },
        { v: null },
        { v: '=Summa' },
        { v: '2024-08-31', fmt: 'yyyy-mm-dd' },
      ],
    ]);
    const rect = { top: 0, left: 0, bottom: 0, right: 4 };
    expect(blockMatches(snap, rect, [['=NOW()', 'a', '', '=Summa', 45535]])).toBe(true);
    expect(blockMatches(snap, rect, [['=NOW()', 'b', '', '=Summa', 45535]])).toBe(false);
    expect(blockMatches(snap, rect, [['=NOW()', 'a', '=2+3', '=Summa', 45535]])).toBe(false);
    expect(blockMatches(snap, rect, [['=NOW()', 'a', '', '=SUMMA(A1)', 45535]])).toBe(false);
    expect(blockMatches(snap, rect, [['=NOW()', 'a', '', '=Summa', 45536]])).toBe(false);
  });

  it('sees a write as a no-op only when every field it sets already matches', () => {
    const s = { formula: null, value: 5, numberFormat: 'General', fill: '#FFC7CE', italic: false };
    expect(writeIsNoOp({ row: 0, col: 0, fill: '#ffc7ce' }, s)).toBe(true);
    expect(writeIsNoOp({ row: 0, col: 0, value: 5, italic: true }, s)).toBe(false);
    expect(writeIsNoOp({ row: 0, col: 0, formula: '=5' }, s)).toBe(false);
  });
});
