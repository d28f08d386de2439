/** The store's cell format (src/core/store.ts): safe cells, checksums, and never an empty store in place of a broken one. */
import fc from 'fast-check';
import type { JournalEntry } from '../../src/core/plan';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import {
  CELL_PREFIX,
  HEADER_PREFIX,
  JOURNAL_DEPTH,
  cutText,
  decodeStore,
  encodeStoreColumns,
  planAppend,
  planFresh,
  planSettings,
  readEntry,
  readHeader,
  type StoreHeader,
} from '../../src/core/store';

function entry(id: string, description = `Beräkna avvikelser ${id}`): JournalEntry {
  return {
    id,
    command: 'computeDeviations',
    description,
    createdAt: '2026-11-22T05:00:00.000Z',
    sheet: 'Drift',
    inserts: [],
    before: [
      { row: 1, col: 2, formula: '=-A1', value: '+4 6', numberFormat: '@', fill: null, italic: false },
    ],
    after: [{ row: 1, col: 2, formula: '=B2-C2' }],
  };
}

function headerOf(cells: readonly unknown[]): StoreHeader {
  const h = readHeader(cells);
  if (h.kind !== 'header') throw new Error(`expected a header, got ${h.kind}`);
  return h.header;
}

describe('cells safe by construction', () => {
  it('starts every cell with the prefix, whatever the JSON holds', () => {
    const settings = { ...DEFAULT_SETTINGS, period: '=2024-08' };
    const columns = encodeStoreColumns({
      settings,
      journal: [entry('a', "=SUMMA('x')"), entry('b', '-varav'), entry('c', "'text")],
    });
    const cells = columns.flat();
    expect(cells.length).toBeGreaterThan(3);
    for (const cell of cells)
      expect(cell.startsWith(HEADER_PREFIX) || cell.startsWith(CELL_PREFIX)).toBe(true);
    expect(cells[0]!.startsWith(HEADER_PREFIX)).toBe(true);
  });

  it('cuts text without ever splitting a surrogate pair, and joins back to the text', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', 'å', '"', '=', '\\', '😀', '𝄞', '🇸🇪'),
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 200 }), fc.integer({ min: 2, max: 9 }), (units, size) => {
        const text = units.join('');
        const pieces = cutText(text, size);
        expect(pieces.join('')).toBe(text);
        for (const p of pieces) {
          expect(p.length).toBeLessThanOrEqual(size);
          if (p.length === 0) continue;
          const last = p.charCodeAt(p.length - 1);
          const first = p.charCodeAt(0);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
          expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
        }
      }),
      { seed: 1234, numRuns: 300 },
    );
  });
});

describe('checksums, verified on read', () => {
  it('reads back what was written', () => {
    const columns = encodeStoreColumns({ settings: DEFAULT_SETTINGS, journal: [entry('a'), entry('b')] });
    const header = headerOf(columns[0]!);
    expect(header.journal.map((e) => [e.id, e.col])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(readEntry(columns[2]!, header.journal[1]!)).toEqual(entry('b'));
  });

  it('reports a changed header or entry as unreadable, in Swedish, instead of reading it as empty', () => {
    const columns = encodeStoreColumns({ settings: DEFAULT_SETTINGS, journal: [entry('a')] });
    const header = headerOf(columns[0]!);
    const tampered = [columns[0]![0]!.replace('"overwriteForecasts":false', '"overwriteForecasts":true ')];
    const read = readHeader(tampered);
    expect(read).toMatchObject({ kind: 'unreadable' });
    expect(read.kind === 'unreadable' && read.problem).toMatch(
      /går inte att läsa: kontrollsumman stämmer inte\. Budgetkoll ändrar därför ingenting/,
    );
    const cell = columns[1]![0]!;
    const changed = readEntry([cell.replace('+4 6', '+4 7')], header.journal[0]!);
    expect(changed).toEqual({
      problem: expect.stringContaining('ångra-steget ”Beräkna avvikelser a” har ändrats'),
    });
    expect(readEntry([cell.slice(CELL_PREFIX.length)], header.journal[0]!)).toEqual({
      problem: expect.stringContaining('är ofullständigt'),
    });
    // A cell Excel turned into a number or a formula result is not text: unreadable, not empty.
    expect(readHeader([42])).toMatchObject({ kind: 'unreadable' });
  });

  it('lets the command line tell a broken store from none: defaults plus a problem', () => {
    expect(decodeStore([]).problem).toBeUndefined();
    const broken = decodeStore(['BK2|00000000|1|{}']);
    expect(broken.settings).toEqual(DEFAULT_SETTINGS);
    expect(broken.problem).toMatch(/Budgetkoll_data/);
  });

  it('reads a budgetkoll/1 store (one JSON text cut into column A) as it is', () => {
    const v1 = JSON.stringify({
      format: 'budgetkoll/1',
      settings: { ...DEFAULT_SETTINGS, overwriteForecasts: true },
      journal: [entry('old')],
    });
    const data = decodeStore([v1.slice(0, 40), v1.slice(40)]);
    expect(data.problem).toBeUndefined();
    expect(data.settings.overwriteForecasts).toBe(true);
    expect(data.journal.map((e) => e.id)).toEqual(['old']);
    expect(decodeStore(['{"format":"budgetkoll/1",', '=broken']).problem).toMatch(/inte giltig JSON/);
  });
});

describe('changes: records first, the header last in one assignment', () => {
  it('appends an entry in a free column without touching the others', () => {
    let header = planFresh(DEFAULT_SETTINGS, []).next;
    const first = planAppend(header, entry('a'));
    header = first.next;
    const second = planAppend(header, entry('b'));
    expect(second.records.map((r) => r.col)).toEqual([2]);
    expect(second.before).toEqual([]);
    expect(second.after).toEqual([]);
    expect(second.next.journal.map((e) => e.id)).toEqual(['a', 'b']);
    // The header still names the first entry where it was.
    expect(second.next.journal[0]).toEqual(header.journal[0]);
  });

  it('keeps JOURNAL_DEPTH entries, reusing the oldest column only after it was dropped', () => {
    let header = planFresh(DEFAULT_SETTINGS, []).next;
    const cols: number[] = [];
    for (let i = 0; i < JOURNAL_DEPTH + 2; i++) {
      const change = planAppend(header, entry(`e${i}`));
      cols.push(change.records[0]!.col);
      // Never written into a column the old header still names.
      expect(header.journal.map((e) => e.col)).not.toContain(change.records[0]!.col);
      header = change.next;
    }
    expect(header.journal).toHaveLength(JOURNAL_DEPTH);
    expect(new Set(cols).size).toBeLessThanOrEqual(JOURNAL_DEPTH + 1);
  });

  it('writes new settings in the header only', () => {
    const header = planAppend(planFresh(DEFAULT_SETTINGS, []).next, entry('a')).next;
    const change = planSettings(header, { ...DEFAULT_SETTINGS, period: '2024-08' });
    expect(change.records).toEqual([]);
    expect(headerOf(change.header).settings.period).toBe('2024-08');
    expect(headerOf(change.header).journal).toEqual(header.journal);
  });

  it('migrates a budgetkoll/1 store by blanking its old rows in the same header assignment', () => {
    const change = planFresh(DEFAULT_SETTINGS, [entry('old')], 140);
    expect(change.headerRows).toBe(140);
    expect(change.header).toHaveLength(1);
    expect(change.records.map((r) => r.col)).toEqual([1]);
  });
});

describe('entries as runs down a column', () => {
  it('journals 20 000 empty cells and copied formulas in a few runs, and gives every cell back', () => {
    const before = [];
    const after = [];
    for (let r = 4; r < 20_004; r++) {
      before.push({
        row: r,
        col: 4,
        formula: null,
        value: null,
        numberFormat: 'General',
        fill: null,
        italic: false,
      });
      before.push({
        row: r,
        col: 5,
        formula: `=C${r + 1}*2`,
        value: 3,
        numberFormat: '#,##0',
        fill: null,
        italic: false,
      });
      after.push({ row: r, col: 4, formula: `=C${r + 1}-D${r + 1}` });
    }
    // A cell that breaks the runs: a user's own forecast.
    before[2001] = { ...before[2001]!, value: 7, formula: null };
    const big: JournalEntry = { ...entry('big'), before, after };
    const columns = encodeStoreColumns({ settings: DEFAULT_SETTINGS, journal: [big] });
    const header = headerOf(columns[0]!);
    expect(header.journal[0]!.length).toBeLessThan(2000);
    const back = readEntry(columns[1]!, header.journal[0]!);
    // Compared as JSON text: Jest's deep equality is slow on 60 000 objects.
    const byCell = <T extends { row: number; col: number }>(xs: readonly T[]) =>
      JSON.stringify([...xs].sort((a, b) => a.col - b.col || a.row - b.row));
    expect('before' in back && byCell(back.before)).toBe(byCell(before));
    expect('after' in back && byCell(back.after!)).toBe(byCell(after));
  });
});
