/** The store's cell format (src/core/store.ts): safe cells, checksums, and never an empty store in place of a broken one. */
import fc from 'fast-check';
import type { JournalEntry } from '../../src/core/plan';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import {
  CELL_PREFIX,
  FILLER,
  HEADER_PREFIX,
  JOURNAL_DEPTH,
  cutText,
  decodeStore,
  HEADER_ROWS,
  encodeStoreWith,
  planAppend,
  planFresh,
  planRemove,
  planSettings,
  readEntry,
  readHeader,
  type StoreChange,
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

/** Column A after a change, as the gateway applies it. */
function applied(column: readonly string[], change: StoreChange, committed = true): string[] {
  const out = [...column];
  const put = (w: { row: number; cells: string[] }) => w.cells.forEach((c, i) => (out[w.row + i] = c));
  change.records.forEach(put);
  const rest = committed ? change : change.abandon;
  if (committed) change.header.forEach((c, i) => (out[i] = c));
  rest.after.forEach(put);
  if (rest.clear) for (let r = rest.clear.fromRow; r <= rest.clear.toRow; r++) out[r] = '';
  while (out.length && !out[out.length - 1]) out.pop();
  return out;
}

/**
 * Column A holds the store `header` names, every entry readable, with no
 * empty cell above the last entry: keeping only its non-empty cells, in
 * order, changes nothing.
 */
function expectSound(column: readonly string[], header: StoreHeader): void {
  const end = header.journal.reduce((n, p) => Math.max(n, p.row + p.rows), HEADER_ROWS);
  for (let r = 0; r < end; r++) expect(column[r]).toBeTruthy();
  const compacted = column.filter((c) => !!c);
  expect(headerOf(compacted)).toEqual(header);
  for (const p of header.journal) expect(readEntry(rowsOf(compacted, p), p)).toMatchObject({ id: p.id });
}

/** An entry's rows of column A, as the header places them. */
function rowsOf(column: readonly string[], place: { row: number; rows: number }): string[] {
  return column.slice(place.row, place.row + place.rows);
}

function headerOf(cells: readonly unknown[]): StoreHeader {
  const h = readHeader(cells);
  if (h.kind !== 'header') throw new Error(`expected a header, got ${h.kind}`);
  return h.header;
}

describe('cells safe by construction', () => {
  it('starts every cell with the prefix, whatever the JSON holds', () => {
    const settings = { ...DEFAULT_SETTINGS, period: '=2024-08' };
    const column = encodeStoreWith(settings, [
      entry('a', "=SUMMA('x')"),
      entry('b', '-varav'),
      entry('c', "'text"),
    ]);
    const cells = column.filter((c) => c !== '');
    expect(cells.length).toBeGreaterThan(3);
    for (const cell of cells)
      expect(cell.startsWith(HEADER_PREFIX) || cell.startsWith(CELL_PREFIX)).toBe(true);
    expect(cells[0]!.startsWith(HEADER_PREFIX)).toBe(true);
    // Only column A, and no empty cell in it: the command line's package editor
    // carries the non-empty cells of column A alone, in order.
    expect(column.slice(1, HEADER_ROWS)).toEqual(Array<string>(HEADER_ROWS - 1).fill(FILLER));
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
    const column = encodeStoreWith(DEFAULT_SETTINGS, [entry('a'), entry('b')]);
    const header = headerOf(column);
    expect(header.journal.map((e) => [e.id, e.row, e.rows])).toEqual([
      ['a', HEADER_ROWS, 1],
      ['b', HEADER_ROWS + 1, 1],
    ]);
    expect(readEntry(rowsOf(column, header.journal[1]!), header.journal[1]!)).toEqual(entry('b'));
  });

  it('reports a changed header or entry as unreadable, in Swedish, instead of reading it as empty', () => {
    const column = encodeStoreWith(DEFAULT_SETTINGS, [entry('a')]);
    const header = headerOf(column);
    const tampered = [column[0]!.replace('"overwriteForecasts":false', '"overwriteForecasts":true ')];
    const read = readHeader(tampered);
    expect(read).toMatchObject({ kind: 'unreadable' });
    expect(read.kind === 'unreadable' && read.problem).toMatch(
      /går inte att läsa: kontrollsumman stämmer inte\. Budgetkoll ändrar därför ingenting/,
    );
    const cell = column[header.journal[0]!.row]!;
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
  it('appends an entry in free rows without touching the others', () => {
    let header = planFresh(DEFAULT_SETTINGS, []).next;
    const first = planAppend(header, entry('a'));
    header = first.next;
    const second = planAppend(header, entry('b'));
    expect(second.records.map((r) => r.row)).toEqual([HEADER_ROWS + 1]);
    expect(second.header).toHaveLength(HEADER_ROWS);
    expect(second.after).toEqual([]);
    expect(second.next.journal.map((e) => e.id)).toEqual(['a', 'b']);
    // The header still names the first entry where it was.
    expect(second.next.journal[0]).toEqual(header.journal[0]);
  });

  it('keeps JOURNAL_DEPTH entries, reusing the oldest rows only after they were dropped', () => {
    const fresh = planFresh(DEFAULT_SETTINGS, []);
    let column = applied([], fresh);
    let header = fresh.next;
    const rows: number[] = [];
    for (let i = 0; i < JOURNAL_DEPTH + 4; i++) {
      // Entries of different sizes, so the rows freed do not always fit.
      const e = entry(`e${i}`);
      for (let k = 0; k < (i % 3) * 1500; k++)
        e.before.push({
          row: k,
          col: 9,
          formula: null,
          value: k,
          numberFormat: 'General',
          fill: null,
          italic: false,
        });
      const change = planAppend(header, e);
      const write = change.records[0]!;
      rows.push(write.row);
      // Never written into rows the old header still names.
      for (const p of header.journal)
        expect(write.row + write.cells.length <= p.row || p.row + p.rows <= write.row).toBe(true);
      // A write that fails before the commit leaves the store as it was.
      expectSound(applied(column, change, false), header);
      column = applied(column, change);
      header = change.next;
      expectSound(column, header);
    }
    expect(header.journal).toHaveLength(JOURNAL_DEPTH);
    // Rows are reused: the store does not grow by an entry per command.
    const total = header.journal.reduce((n, p) => n + p.rows, 0);
    expect(Math.max(...rows)).toBeLessThan(HEADER_ROWS + 2 * total);
  });

  it('keeps column A without gaps when entries in the middle or at the end go, and reuses their rows', () => {
    const fresh = planFresh(DEFAULT_SETTINGS, []);
    let column = applied([], fresh);
    let header = fresh.next;
    const step = (change: StoreChange) => {
      expectSound(applied(column, change, false), header);
      column = applied(column, change);
      header = change.next;
      expectSound(column, header);
    };
    for (const id of ['a', 'b', 'c', 'd']) step(planAppend(header, entry(id)));
    // "Rensa markeringar" takes b and c out of the middle: FILLER there.
    step(planRemove(header, new Set(['b', 'c'])));
    expect(column[HEADER_ROWS + 1]).toBe(FILLER);
    // Ångra takes the newest: every row below the last entry left is emptied.
    step(planRemove(header, new Set(['d'])));
    expect(column).toHaveLength(HEADER_ROWS + 1);
    // A new entry goes into the first free rows.
    const e = planAppend(header, entry('e'));
    expect(e.records[0]!.row).toBe(HEADER_ROWS + 1);
    step(e);
    step(planRemove(header, new Set(['a', 'e'])));
    expect(column).toHaveLength(HEADER_ROWS);
  });

  it('writes new settings in the header only', () => {
    const header = planAppend(planFresh(DEFAULT_SETTINGS, []).next, entry('a')).next;
    const change = planSettings(header, { ...DEFAULT_SETTINGS, period: '2024-08' });
    expect(change.records).toEqual([]);
    expect(headerOf(change.header).settings.period).toBe('2024-08');
    expect(headerOf(change.header).journal).toEqual(header.journal);
  });

  it('migrates a budgetkoll/1 store: entries below its rows, the header over its first rows, the rest emptied after', () => {
    const change = planFresh(DEFAULT_SETTINGS, [entry('old')], 140);
    expect(change.records.map((r) => r.row)).toEqual([140]);
    expect(change.header).toHaveLength(HEADER_ROWS);
    expect(change.after).toEqual([
      { row: HEADER_ROWS, cells: Array<string>(140 - HEADER_ROWS).fill(FILLER) },
    ]);
    const v1 = Array.from({ length: 140 }, (_, i) => (i === 0 ? '{"format":"budgetkoll/1",' : 'x'));
    expectSound(applied(v1, change), change.next);
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
    const column = encodeStoreWith(DEFAULT_SETTINGS, [big]);
    const header = headerOf(column);
    expect(header.journal[0]!.length).toBeLessThan(2000);
    const back = readEntry(rowsOf(column, header.journal[0]!), header.journal[0]!);
    // Compared as JSON text: Jest's deep equality is slow on 60 000 objects.
    const byCell = <T extends { row: number; col: number }>(xs: readonly T[]) =>
      JSON.stringify([...xs].sort((a, b) => a.col - b.col || a.row - b.row));
    expect('before' in back && byCell(back.before)).toBe(byCell(before));
    expect('after' in back && byCell(back.after!)).toBe(byCell(after));
  });
});
