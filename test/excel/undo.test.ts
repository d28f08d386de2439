import { STORE_SHEET, emptyStore, encodeStoreWith, readHeader } from '../../src/core/store';
import { a1 } from '../../src/core/grid';
import type { JournalEntry } from '../../src/core/plan';
import { cellsOf as highlightTargets } from '../../src/excel/highlight';
import { putFromState } from '../../src/excel/cellWrites';
import { setRuntime } from '../../src/excel/runtime';
import { originalFills, undoLast } from '../../src/excel/undo';
import { MockExcel, type MockSheet, type Op } from './mockExcel';

afterEach(() => setRuntime(undefined));

/** A store sheet as the gateway leaves it: the header in A1:A8, the entries below it in column A. */
function storeSheet(journal: JournalEntry[]): MockSheet {
  const column = encodeStoreWith(emptyStore().settings, journal);
  const cells: Record<string, { v: string }> = {};
  column.forEach((v, r) => {
    if (v !== '') cells[a1(r, 0)] = { v };
  });
  return { name: STORE_SHEET, visibility: 'VeryHidden', cells };
}

const entry: JournalEntry = {
  id: 'j1',
  command: 'computeDeviations',
  description: 'Avvikelser beräknade',
  createdAt: '2026-11-22T05:00:00.000Z',
  sheet: 'Drift',
  inserts: [
    { col: 4, top: 1, bottom: 3 },
    { col: 6, top: 1, bottom: 3 },
  ],
  before: [
    { row: 2, col: 3, formula: null, value: 90, numberFormat: 'General', fill: '#FFEB9C', italic: false },
    { row: 3, col: 3, formula: '=50+10', value: 60, numberFormat: '0.0', fill: null, italic: true },
    { row: 4, col: 3, formula: null, value: '1 234', numberFormat: 'General', fill: null, italic: false },
  ],
};

describe('undoLast against office-addin-mock', () => {
  it('reads the header, then the entry, then restores before-states, deletes inserts last-first and writes the shorter journal', async () => {
    const mock = new MockExcel([{ name: 'Drift' }, storeSheet([entry])]);
    setRuntime({ Excel: mock.Excel, Office: mock.Office });
    const result = await undoLast();
    expect(result).toEqual({ restored: 3, description: 'Avvikelser beräknade' });
    expect(mock.syncs).toBe(3);
    expect(mock.writes().filter((o) => o.batch < 2)).toEqual([]);
    // The entry's own rows are read only now, in the second sync; the first read only the header.
    expect(
      mock.loads
        .filter((l) => l.target.startsWith(STORE_SHEET) && l.props === 'values')
        .map((l) => [l.batch, l.target]),
    ).toEqual([
      [0, `${STORE_SHEET}!A1:A2`],
      [1, `${STORE_SHEET}!A9`],
    ]);
    const batch = mock.opsIn(2);
    const index = (pred: (o: Op) => boolean) => batch.findIndex(pred);
    // D3:D5 form one run per channel where they agree.
    expect(batch).toContainEqual(
      expect.objectContaining({ target: 'Drift!D3:D4', name: 'formulas', value: [[90], ['=50+10']] }),
    );
    expect(batch).toContainEqual(
      expect.objectContaining({ target: 'Drift!D5', name: 'values', value: [["'1 234"]] }),
    );
    expect(batch).toContainEqual(
      expect.objectContaining({
        target: 'Drift!D3:D5',
        name: 'numberFormat',
        value: [['General'], ['0.0'], ['General']],
      }),
    );
    expect(batch).toContainEqual(
      expect.objectContaining({ target: 'Drift!D3.format.fill', name: 'color', value: '#FFEB9C' }),
    );
    expect(batch).toContainEqual(
      expect.objectContaining({ target: 'Drift!D4:D5.format.fill', name: 'clear' }),
    );
    const deleteSecond = index((o) => o.name === 'delete' && o.target === 'Drift!G2:G4');
    const deleteFirst = index((o) => o.name === 'delete' && o.target === 'Drift!E2:E4');
    const lastRestore = Math.max(
      ...batch.map((o, i) => (o.target.startsWith('Drift!') && o.kind === 'set' ? i : -1)),
    );
    expect(deleteSecond).toBeGreaterThan(lastRestore);
    expect(deleteFirst).toBeGreaterThan(deleteSecond);
    expect(batch[deleteFirst]!.value).toBe('Left');
    // The shortened journal's header, then the entry's rows emptied.
    const storeWrite = batch.findIndex(
      (o) => o.target.startsWith(`${STORE_SHEET}!A1`) && o.name === 'values',
    );
    const header = readHeader((batch[storeWrite]!.value as string[][]).map((r) => r[0]));
    expect(header.kind === 'header' && header.header.journal).toEqual([]);
    expect(batch.findIndex((o) => o.target === `${STORE_SHEET}!A9` && o.name === 'clear')).toBeGreaterThan(
      storeWrite,
    );
    expect(storeWrite).toBeGreaterThan(lastRestore);
  });

  it('returns undefined and writes nothing when the journal is empty', async () => {
    const mock = new MockExcel([{ name: 'Drift' }, storeSheet([])]);
    setRuntime({ Excel: mock.Excel, Office: mock.Office });
    expect(await undoLast()).toBeUndefined();
    expect(mock.syncs).toBe(1);
    expect(mock.writes()).toEqual([]);
  });

  it('refuses, keeping the journal, when the sheet is gone', async () => {
    const mock = new MockExcel([{ name: 'Annat' }, storeSheet([entry])]);
    setRuntime({ Excel: mock.Excel, Office: mock.Office });
    await expect(undoLast()).rejects.toMatchObject({ code: 'SHEET_NOT_FOUND' });
    expect(mock.writes()).toEqual([]);
  });
});

describe('restore helpers', () => {
  it('writes text back so that Excel keeps it text', () => {
    const base = { row: 0, col: 0, formula: null, fill: null, italic: false };
    expect(putFromState({ ...base, value: '1 234', numberFormat: 'General' }).content).toEqual({
      channel: 'values',
      value: "'1 234",
    });
    expect(putFromState({ ...base, value: '=x', numberFormat: '@' }).content).toEqual({
      channel: 'values',
      value: '=x',
    });
    expect(putFromState({ ...base, value: '#N/A', numberFormat: 'General' }).content).toEqual({
      channel: 'formulas',
      value: '#N/A',
    });
    expect(putFromState({ ...base, value: null, numberFormat: 'General' }).content).toEqual({
      channel: 'formulas',
      value: '',
    });
  });

  it('finds the fill a cell had before it was first highlighted', () => {
    const h = (id: string, fill: string | null): JournalEntry => ({
      ...entry,
      id,
      command: 'highlight',
      inserts: [],
      before: [{ row: 1, col: 1, formula: null, value: null, numberFormat: 'General', fill, italic: false }],
    });
    expect(originalFills([h('a', null), h('b', '#FFC7CE')]).get('drift!1,1')!.fill).toBeNull();
    expect(originalFills([h('a', null), h('b', '#00FF00')]).get('drift!1,1')!.fill).toBe('#00FF00');
  });

  it('expands highlight addresses and rejects nonsense', () => {
    expect(highlightTargets(["'Blad 1'!B2:C3", 'B2'])).toEqual([
      { row: 1, col: 1 },
      { row: 1, col: 2 },
      { row: 2, col: 1 },
      { row: 2, col: 2 },
    ]);
    expect(() => highlightTargets(['inte en cell'])).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    );
  });
});
