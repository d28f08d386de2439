import { z } from 'zod';
import { Settings, DEFAULT_SETTINGS } from './schemas';
import type { CellState, CommandName, JournalEntry, WrittenContent } from './plan';
import { slideFormula } from './refs';

/**
 * What Budgetkoll keeps inside the workbook: settings and the undo journal,
 * as text cells in column A of the very hidden sheet Budgetkoll_data,
 * because that travels with the .xlsx through Excel (Windows, Mac, web),
 * ExcelJS, LibreOffice and the command line's package editor alike, unlike
 * document settings or custom XML parts.
 *
 * Layout (format budgetkoll/2), all in column A:
 *   A1:A8   the header: settings and the journal's index (where each entry's
 *           rows are, its length and checksum), JSON cut into cells
 *   A9…     the entries, each a run of rows, JSON cut into cells
 *
 * Every cell starts with a fixed prefix, so no cell can ever be taken for a
 * formula, a number or a date, and no cut splits a surrogate pair. Column A
 * has no empty cell above the last entry's rows (unused rows hold FILLER),
 * so a transport that keeps only the non-empty cells of column A, in order
 * (the command line's package editor, some .xlsx writers), keeps every row
 * where it was. The
 * header carries a CRC-32 of itself and of every entry; whatever fails its
 * check is reported as unreadable, never replaced by an empty store.
 * Readers that need only the settings read the header; an entry is read only
 * when it is undone. A command writes its entry into rows no live entry
 * uses, then rewrites A1:A8 in one range assignment: that is the commit.
 * Pure: the gateways (src/excel, src/xlsx) read and write the cells.
 */
export const STORE_SHEET = 'Budgetkoll_data';
export const STORE_FORMAT = 'budgetkoll/2';
/** Prefix of every data cell. */
export const CELL_PREFIX = 'BK|';
/** A cell that holds no JSON: the header's unused rows and the rows of entries that went. */
export const FILLER = CELL_PREFIX;
/** Prefix of the header's first cell: "BK2|<crc32>|<rows>|". */
export const HEADER_PREFIX = 'BK2|';
/** Characters of JSON per cell; Excel caps a cell at 32 767. */
export const STORE_CHUNK = 30000;
/** Rows of column A kept for the header; entries start below them. */
export const HEADER_ROWS = 8;
/** How many commands "Ångra senaste" can step back through. */
export const JOURNAL_DEPTH = 10;
/**
 * Largest total length of the journal's entries (characters of JSON). Every
 * before-state of a huge command is journalled; the oldest entries go first.
 */
export const STORE_MAX_BYTES = 4 * 1024 * 1024;

const CellStateSchema = z.object({
  row: z.number().int(),
  col: z.number().int(),
  formula: z.string().nullable(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  numberFormat: z.string(),
  fill: z.string().nullable(),
  italic: z.boolean(),
});

const CommandSchema = z.enum(['computeDeviations', 'convertTextNumbers', 'highlight', 'createReport']);

const SheetUndoSchema = z.object({
  created: z.string(),
  fingerprint: z.string(),
  replaced: z
    .object({ backup: z.string(), visibility: z.enum(['Visible', 'Hidden']), position: z.number().int() })
    .optional(),
  activeBefore: z.string().optional(),
});

const JournalEntrySchema = z.object({
  id: z.string(),
  command: CommandSchema,
  description: z.string(),
  createdAt: z.string(),
  sheet: z.string(),
  inserts: z.array(z.object({ col: z.number().int(), top: z.number().int(), bottom: z.number().int() })),
  before: z.array(CellStateSchema),
  after: z
    .array(
      z.object({
        row: z.number().int(),
        col: z.number().int(),
        formula: z.string().optional(),
        value: z.union([z.number(), z.string(), z.null()]).optional(),
      }),
    )
    .optional(),
});

/**
 * An entry as the store writes it: before-states and written contents as
 * runs down a column. A run is one cell's content repeated, where a formula
 * repeats as Excel copies it down (=B5-C5, =B6-C6 … are one run, compared
 * through refs.ts slideFormula), so a command over 100 000 rows journals a
 * few runs per column instead of 100 bytes a cell; the journal travels in
 * the same requests as the command's writes.
 *   before: [col, top, count, formula, value, numberFormat, fill, italic (0/1)]
 *   after:  [col, top, count, "f" | "v", formula or value]
 * Formulas and values are those of the run's first cell.
 */
const CompactEntrySchema = z.object({
  id: z.string(),
  command: CommandSchema,
  description: z.string(),
  createdAt: z.string(),
  sheet: z.string(),
  inserts: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
  before: z.array(
    z.tuple([
      z.number().int(),
      z.number().int(),
      z.number().int().min(1),
      z.string().nullable(),
      z.union([z.number(), z.string(), z.boolean(), z.null()]),
      z.string(),
      z.string().nullable(),
      z.union([z.literal(0), z.literal(1)]),
    ]),
  ),
  after: z
    .array(
      z.tuple([
        z.number().int(),
        z.number().int(),
        z.number().int().min(1),
        z.enum(['f', 'v']),
        z.union([z.number(), z.string(), z.null()]),
      ]),
    )
    .optional(),
  sheets: z.array(SheetUndoSchema).optional(),
});

/** Whether the formula `next`, `offset` rows below, is `first` as Excel copies it down (null: no formula). */
function continuesRun(first: string | null, next: string | null, offset: number): boolean {
  return first === null || next === null ? first === next : slideFormula(first, offset, 0) === next;
}

/**
 * Cuts cells into runs down a column of equal content (`same` decides, given
 * the run's first cell, the candidate and how far below it is).
 */
function runsOf<T extends { row: number; col: number }>(
  cells: readonly T[],
  same: (first: T, next: T, offset: number) => boolean,
): { first: T; count: number }[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { first: T; count: number }[] = [];
  for (const c of sorted) {
    const run = runs[runs.length - 1];
    if (
      run &&
      run.first.col === c.col &&
      run.first.row + run.count === c.row &&
      same(run.first, c, run.count)
    )
      run.count++;
    else runs.push({ first: c, count: 1 });
  }
  return runs;
}

export function encodeEntry(entry: JournalEntry): string {
  const before = runsOf(
    entry.before,
    (a, b, offset) =>
      a.value === b.value &&
      a.numberFormat === b.numberFormat &&
      a.fill === b.fill &&
      a.italic === b.italic &&
      continuesRun(a.formula, b.formula, offset),
  ).map(({ first: b, count }) => [
    b.col,
    b.row,
    count,
    b.formula,
    b.value,
    b.numberFormat,
    b.fill,
    b.italic ? 1 : 0,
  ]);
  const after = entry.after
    ? runsOf(entry.after, (a, b, offset) =>
        a.formula !== undefined
          ? b.formula !== undefined && continuesRun(a.formula, b.formula, offset)
          : b.formula === undefined && (a.value ?? null) === (b.value ?? null),
      ).map(({ first: a, count }) =>
        a.formula !== undefined
          ? [a.col, a.row, count, 'f', a.formula]
          : [a.col, a.row, count, 'v', a.value ?? null],
      )
    : undefined;
  return JSON.stringify({
    id: entry.id,
    command: entry.command,
    description: entry.description,
    createdAt: entry.createdAt,
    sheet: entry.sheet,
    inserts: entry.inserts.map((i) => [i.col, i.top, i.bottom]),
    before,
    ...(after ? { after } : {}),
    ...(entry.sheets ? { sheets: entry.sheets } : {}),
  });
}

function decodeEntry(json: unknown): JournalEntry | undefined {
  const parsed = CompactEntrySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const before: CellState[] = [];
  for (const [col, top, count, formula, value, numberFormat, fill, italic] of e.before) {
    for (let k = 0; k < count; k++) {
      before.push({
        row: top + k,
        col,
        formula: formula === null || k === 0 ? formula : slideFormula(formula, k, 0),
        value,
        numberFormat,
        fill,
        italic: italic === 1,
      });
    }
  }
  const after: WrittenContent[] = [];
  for (const [col, top, count, kind, content] of e.after ?? []) {
    for (let k = 0; k < count; k++) {
      after.push(
        kind === 'f'
          ? { row: top + k, col, formula: k === 0 ? String(content) : slideFormula(String(content), k, 0) }
          : { row: top + k, col, value: content },
      );
    }
  }
  return {
    id: e.id,
    command: e.command,
    description: e.description,
    createdAt: e.createdAt,
    sheet: e.sheet,
    inserts: e.inserts.map(([col, top, bottom]) => ({ col, top, bottom })),
    before,
    ...(e.after ? { after } : {}),
    ...(e.sheets ? { sheets: e.sheets } : {}),
  };
}

/** What the header tells about an entry: enough for "Ångra senaste: …" without reading the entry. */
export interface JournalSummary {
  id: string;
  command: CommandName;
  description: string;
  createdAt: string;
  sheet: string;
}

/** Where a record's cells are in column A (0-based first row, number of rows), its JSON's length and CRC-32. */
export interface RecordPlace {
  row: number;
  rows: number;
  length: number;
  crc: string;
}

/** The rectangle of the cells an entry's command wrote, so Ångra can check them while it reads the entry. */
export interface WrittenArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type EntryPlace = JournalSummary & RecordPlace & { written?: WrittenArea };

const PlaceSchema = z.object({
  row: z.number().int().min(8),
  rows: z.number().int().min(1),
  length: z.number().int().min(0),
  crc: z.string(),
});

const HeaderSchema = z.object({
  format: z.literal(STORE_FORMAT),
  settings: Settings,
  journal: z.array(
    PlaceSchema.extend({
      written: z
        .object({ top: z.number(), left: z.number(), bottom: z.number(), right: z.number() })
        .optional(),
      id: z.string(),
      command: CommandSchema,
      description: z.string(),
      createdAt: z.string(),
      sheet: z.string(),
    }),
  ),
});
export type StoreHeader = z.infer<typeof HeaderSchema>;

/**
 * What a read tells about the store: the settings and the journal, oldest
 * first. An entry's content (before-states) is present only where it was
 * read; `problem` says, in Swedish, why the store could not be read (and
 * every command that writes refuses then).
 */
export interface StoredData {
  format: string;
  settings: Settings;
  journal: (JournalSummary & Partial<Pick<JournalEntry, 'inserts' | 'before' | 'after'>>)[];
  problem?: string;
}

export function emptyStore(): StoredData {
  return { format: STORE_FORMAT, settings: { ...DEFAULT_SETTINGS }, journal: [] };
}

export function emptyHeader(settings: Settings = DEFAULT_SETTINGS): StoreHeader {
  return { format: STORE_FORMAT, settings, journal: [] };
}

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of the text's UTF-16 code units, low byte first, as 8 hex digits. */
export function crc32(text: string): string {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    crc = CRC_TABLE[(crc ^ (u & 0xff)) & 0xff]! ^ (crc >>> 8);
    crc = CRC_TABLE[(crc ^ (u >>> 8)) & 0xff]! ^ (crc >>> 8);
  }
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/** Cuts text into pieces of at most `size` code units, never between the two halves of a surrogate pair. */
export function cutText(text: string, size: number = STORE_CHUNK): string[] {
  const pieces: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(text.slice(i, end));
    i = end;
  }
  return pieces.length ? pieces : [''];
}

/** The cells of a record: its JSON cut into pieces, each behind CELL_PREFIX. */
export function recordCells(json: string, size: number = STORE_CHUNK): string[] {
  return cutText(json, size).map((piece) => CELL_PREFIX + piece);
}

function cellText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The header's cells for column A: the first names the checksum and the number of cells. */
export function headerCells(header: StoreHeader, size: number = STORE_CHUNK): string[] {
  const json = JSON.stringify(header);
  const pieces = cutText(json, size);
  const crc = crc32(json);
  return pieces.map((piece, i) =>
    i === 0 ? `${HEADER_PREFIX}${crc}|${pieces.length}|${piece}` : CELL_PREFIX + piece,
  );
}

const UNREADABLE =
  'Budgetkolls sparade inställningar och ångra-historik i den här arbetsboken (det dolda bladet Budgetkoll_data) går inte att läsa';

function unreadable(detail: string): string {
  return `${UNREADABLE}: ${detail}. Budgetkoll ändrar därför ingenting i arbetsboken, så att inget skrivs över. Öppna en tidigare version av filen eller be den som ansvarar för Budgetkoll om hjälp.`;
}

export type HeaderRead =
  /** No store yet (or one whose first write never completed). */
  | { kind: 'empty' }
  | { kind: 'header'; header: StoreHeader }
  /** More header cells are needed than were read: read A1:A{rows}. */
  | { kind: 'more'; rows: number }
  /** Format budgetkoll/1: one JSON text cut into column A; read all of column A. */
  | { kind: 'legacy' }
  | { kind: 'unreadable'; problem: string };

/** Reads the header from the first cells of column A (as many as were read). */
export function readHeader(columnA: readonly unknown[]): HeaderRead {
  const first = columnA[0];
  if (first === undefined || first === null || first === '') return { kind: 'empty' };
  const a1 = cellText(first);
  if (a1 === undefined) return { kind: 'unreadable', problem: unreadable('cell A1 innehåller inte text') };
  if (a1.startsWith('{')) return { kind: 'legacy' };
  if (!a1.startsWith(HEADER_PREFIX))
    return { kind: 'unreadable', problem: unreadable('cell A1 har ändrats') };
  const bar1 = a1.indexOf('|', HEADER_PREFIX.length);
  const bar2 = bar1 < 0 ? -1 : a1.indexOf('|', bar1 + 1);
  const rows = bar2 < 0 ? NaN : Number(a1.slice(bar1 + 1, bar2));
  if (!Number.isInteger(rows) || rows < 1)
    return { kind: 'unreadable', problem: unreadable('cell A1 har ändrats') };
  if (columnA.length < rows) return { kind: 'more', rows };
  const crc = a1.slice(HEADER_PREFIX.length, bar1);
  let json = a1.slice(bar2 + 1);
  for (let i = 1; i < rows; i++) {
    const cell = cellText(columnA[i]);
    if (cell === undefined || !cell.startsWith(CELL_PREFIX))
      return { kind: 'unreadable', problem: unreadable(`cell A${i + 1} har ändrats`) };
    json += cell.slice(CELL_PREFIX.length);
  }
  if (crc32(json) !== crc) return { kind: 'unreadable', problem: unreadable('kontrollsumman stämmer inte') };
  try {
    const parsed = HeaderSchema.safeParse(JSON.parse(json));
    if (!parsed.success)
      return { kind: 'unreadable', problem: unreadable('innehållet har ett okänt format') };
    return { kind: 'header', header: parsed.data };
  } catch {
    return { kind: 'unreadable', problem: unreadable('innehållet är inte giltig JSON') };
  }
}

/** An entry from its column's cells, checked against the header's length and checksum. */
export function readEntry(cells: readonly unknown[], place: EntryPlace): JournalEntry | { problem: string } {
  let json = '';
  for (let i = 0; i < place.rows; i++) {
    const cell = cellText(cells[i]);
    if (cell === undefined || !cell.startsWith(CELL_PREFIX))
      return { problem: unreadable(`ångra-steget ”${place.description}” är ofullständigt`) };
    json += cell.slice(CELL_PREFIX.length);
  }
  if (json.length !== place.length || crc32(json) !== place.crc)
    return { problem: unreadable(`ångra-steget ”${place.description}” har ändrats`) };
  try {
    const entry = decodeEntry(JSON.parse(json));
    if (!entry || entry.id !== place.id)
      return { problem: unreadable(`ångra-steget ”${place.description}” har ett okänt format`) };
    return entry;
  } catch {
    return { problem: unreadable(`ångra-steget ”${place.description}” är inte giltig JSON`) };
  }
}

// Format budgetkoll/1: the whole store as one JSON text cut into column A.
const LegacySchema = z.object({
  format: z.literal('budgetkoll/1').default('budgetkoll/1'),
  settings: Settings.default(DEFAULT_SETTINGS),
  journal: z.array(JournalEntrySchema).default([]),
});

/** A budgetkoll/1 store from all of column A. */
export function readLegacy(
  columnA: readonly unknown[],
): { settings: Settings; journal: JournalEntry[] } | { problem: string } {
  let text = '';
  for (const c of columnA) {
    if (c === null || c === undefined || c === '') continue;
    if (typeof c !== 'string') return { problem: unreadable('en cell innehåller inte text') };
    text += c;
  }
  try {
    const parsed = LegacySchema.safeParse(JSON.parse(text));
    if (!parsed.success) return { problem: unreadable('innehållet har ett okänt format') };
    return { settings: parsed.data.settings, journal: parsed.data.journal };
  } catch {
    return { problem: unreadable('innehållet är inte giltig JSON') };
  }
}

// ---------------------------------------------------------------------------
// Changes
// ---------------------------------------------------------------------------

/** Cells to put into column A from `row` (0-based) down. */
export interface RowsWrite {
  row: number;
  cells: string[];
}

/** Rows of column A to empty, `fromRow` to `toRow` inclusive (0-based). */
export interface RowsClear {
  fromRow: number;
  toRow: number;
}

/**
 * One change to the store, in the order it must be applied: write the new
 * entries into rows no live entry uses, then the header in ONE assignment
 * of A1:A8 (the commit: before it, readers see the old store; after it, the
 * new one), then put FILLER into the rows no entry uses any more (`after`)
 * and empty those below the last entry (`clear`).
 */
export interface StoreChange {
  records: RowsWrite[];
  /** A1:A8: the header's cells, padded with FILLER. */
  header: string[];
  after: RowsWrite[];
  clear?: RowsClear;
  /**
   * What to do when the commit never happened (a write failed): the same for
   * the new entries' rows, so the store is left as it was, or nearly (FILLER
   * where an entry went into rows between live ones).
   */
  abandon: { after: RowsWrite[]; clear?: RowsClear };
  next: StoreHeader;
  /** Entries dropped to keep the journal within JOURNAL_DEPTH and STORE_MAX_BYTES (oldest first). */
  dropped: JournalSummary[];
}

function summaryOf(e: JournalSummary): JournalSummary {
  return { id: e.id, command: e.command, description: e.description, createdAt: e.createdAt, sheet: e.sheet };
}

/** The end (0-based row after the last) of the rows the entries use. */
function endOf(places: readonly RecordPlace[]): number {
  return places.reduce((n, p) => Math.max(n, p.row + p.rows), HEADER_ROWS);
}

/** Rows no entry uses: FILLER above `end`, emptied from `end` down. */
function release(freed: readonly RowsClear[], end: number): { after: RowsWrite[]; clear?: RowsClear } {
  const after: RowsWrite[] = [];
  let clearTo = -1;
  for (const f of freed) {
    const last = Math.min(f.toRow, end - 1);
    if (f.fromRow <= last)
      after.push({ row: f.fromRow, cells: Array<string>(last - f.fromRow + 1).fill(FILLER) });
    if (f.toRow >= end) clearTo = Math.max(clearTo, f.toRow);
  }
  return clearTo >= end ? { after, clear: { fromRow: end, toRow: clearTo } } : { after };
}

/**
 * The change that commits `next`, given the new entries' writes, the rows
 * (0-based, inclusive) that no entry uses any more and where the rows in
 * use ended before (`oldEnd`).
 */
function commit(
  next: StoreHeader,
  records: RowsWrite[],
  freed: readonly RowsClear[],
  dropped: JournalSummary[],
  oldEnd: number,
): StoreChange {
  const cells = headerCells(next);
  if (cells.length > HEADER_ROWS) {
    throw new Error(
      'Budgetkolls inställningar är för stora för att sparas i arbetsboken. Ta bort några sparade kolumnroller och försök igen.',
    );
  }
  const header = [...cells, ...Array<string>(HEADER_ROWS - cells.length).fill(FILLER)];
  const abandon = release(
    records.map((r) => ({ fromRow: r.row, toRow: r.row + r.cells.length - 1 })),
    oldEnd,
  );
  return { records, header, ...release(freed, endOf(next.journal)), abandon, next, dropped };
}

function copyHeader(h: StoreHeader): StoreHeader {
  return { ...h, journal: [...h.journal] };
}

/** The first row from `from` on where `rows` rows are free of every live entry (first fit). */
function freeRows(live: readonly RecordPlace[], rows: number, from: number): number {
  let cursor = Math.max(HEADER_ROWS, from);
  for (const p of [...live].sort((a, b) => a.row - b.row)) {
    if (p.row + p.rows <= cursor) continue;
    if (p.row - cursor >= rows) return cursor;
    cursor = Math.max(cursor, p.row + p.rows);
  }
  return cursor;
}

function rowsOf(places: readonly RecordPlace[]): RowsClear[] {
  return places.map((p) => ({ fromRow: p.row, toRow: p.row + p.rows - 1 }));
}

function writtenArea(entry: JournalEntry): WrittenArea | undefined {
  const after = entry.after ?? [];
  if (after.length === 0) return undefined;
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const w of after) {
    if (w.row < top) top = w.row;
    if (w.row > bottom) bottom = w.row;
    if (w.col < left) left = w.col;
    if (w.col > right) right = w.col;
  }
  return { top, left, bottom, right };
}

/** Places an entry into free rows (from `from` on) of a header being built. */
function placeEntry(
  live: readonly RecordPlace[],
  entry: JournalEntry,
  from = HEADER_ROWS,
): { place: EntryPlace; write: RowsWrite } {
  const json = encodeEntry(entry);
  const cells = recordCells(json);
  const row = freeRows(live, cells.length, from);
  const written = writtenArea(entry);
  return {
    place: {
      ...summaryOf(entry),
      row,
      rows: cells.length,
      length: json.length,
      crc: crc32(json),
      ...(written ? { written } : {}),
    },
    write: { row, cells },
  };
}

/** How many of the oldest entries go to keep JOURNAL_DEPTH entries within `maxBytes` (the newest always stays). */
function dropCount(lengths: readonly number[], maxBytes: number): number {
  let drop = Math.max(0, lengths.length - JOURNAL_DEPTH);
  let total = lengths.slice(drop).reduce((n, l) => n + l, 0);
  while (drop < lengths.length - 1 && total > maxBytes) total -= lengths[drop++]!;
  return drop;
}

/**
 * Appends `entry` in rows no live entry uses, keeping the last JOURNAL_DEPTH
 * entries and dropping the oldest until the entries' total length is at most
 * `maxBytes`. The new entry is always kept, even alone above the cap.
 */
export function planAppend(
  header: StoreHeader | undefined,
  entry: JournalEntry,
  maxBytes = STORE_MAX_BYTES,
): StoreChange {
  const next = copyHeader(header ?? emptyHeader());
  // The new entry may not overwrite any entry the old header names, the ones about to go included.
  const { place, write } = placeEntry(next.journal, entry);
  const journal = [...next.journal, place];
  const drop = dropCount(
    journal.map((e) => e.length),
    maxBytes,
  );
  const dropped = journal.slice(0, drop);
  next.journal = journal.slice(drop);
  return commit(next, [write], rowsOf(dropped), dropped.map(summaryOf), endOf(journal.slice(0, -1)));
}

/** Removes the entries `ids` (the newest for Ångra, the highlights for "Rensa markeringar"). */
export function planRemove(header: StoreHeader, ids: ReadonlySet<string>): StoreChange {
  const next = copyHeader(header);
  const removed = next.journal.filter((e) => ids.has(e.id));
  next.journal = next.journal.filter((e) => !ids.has(e.id));
  return commit(next, [], rowsOf(removed), [], endOf(header.journal));
}

/** New settings; the journal stays as it is. */
export function planSettings(header: StoreHeader | undefined, settings: Settings): StoreChange {
  const next = copyHeader(header ?? emptyHeader());
  next.settings = settings;
  return commit(next, [], [], [], endOf(next.journal));
}

/**
 * A whole store written from scratch: for a workbook whose store is in the
 * budgetkoll/1 format (one JSON text in A1:A{legacyRows}: the entries go
 * below it, the header's assignment overwrites its first rows and the rest
 * becomes FILLER after the commit) or whose first write never completed. The
 * journal is kept within JOURNAL_DEPTH and `maxBytes` like planAppend does.
 */
export function planFresh(
  settings: Settings,
  journal: readonly JournalEntry[],
  legacyRows = 0,
  maxBytes = STORE_MAX_BYTES,
): StoreChange {
  const drop = dropCount(
    journal.map((e) => encodeEntry(e).length),
    maxBytes,
  );
  const next = emptyHeader(settings);
  const records: RowsWrite[] = [];
  for (const entry of journal.slice(drop)) {
    const { place, write } = placeEntry(next.journal, entry, legacyRows);
    next.journal.push(place);
    records.push(write);
  }
  const freed = legacyRows > HEADER_ROWS ? [{ fromRow: HEADER_ROWS, toRow: legacyRows - 1 }] : [];
  return commit(
    next,
    records,
    freed,
    journal.slice(0, drop).map(summaryOf),
    Math.max(HEADER_ROWS, legacyRows),
  );
}

// ---------------------------------------------------------------------------
// Whole stores in one piece (the command line, tests)
// ---------------------------------------------------------------------------

/** Column A of a store holding these settings and entries, as the gateway would leave it in an empty sheet: no empty cell. */
export function encodeStoreWith(settings: Settings, journal: readonly JournalEntry[] = []): string[] {
  const change = planFresh(settings, journal);
  const column = [...change.header];
  for (const w of change.records) w.cells.forEach((c, i) => (column[w.row + i] = c));
  for (let i = 0; i < column.length; i++) column[i] ??= FILLER;
  return column;
}

/** Column A of a store holding these settings and no journal (the command line, tests). */
export function encodeStore(data: { settings: Settings }): string[] {
  return encodeStoreWith(data.settings);
}

/**
 * The settings and the journal's summaries from column A (the command line
 * reads no journal). An unreadable store gives the default settings with its
 * `problem`; a budgetkoll/1 store is read as it is.
 */
export function decodeStore(columnA: readonly unknown[]): StoredData {
  const head = readHeader(columnA);
  switch (head.kind) {
    case 'empty':
      return emptyStore();
    case 'header':
      return {
        format: STORE_FORMAT,
        settings: head.header.settings,
        journal: head.header.journal.map(summaryOf),
      };
    case 'legacy': {
      const legacy = readLegacy(columnA);
      if ('problem' in legacy) return { ...emptyStore(), problem: legacy.problem };
      return { format: 'budgetkoll/1', settings: legacy.settings, journal: legacy.journal };
    }
    case 'more':
      return { ...emptyStore(), problem: unreadable('kolumn A är ofullständig') };
    case 'unreadable':
      return { ...emptyStore(), problem: head.problem };
  }
}

/** The store view of a header: settings and the journal's summaries. */
export function storedDataOf(header: StoreHeader): StoredData {
  return { format: STORE_FORMAT, settings: header.settings, journal: header.journal.map(summaryOf) };
}
