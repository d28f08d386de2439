/**
 * The store (settings + undo journal) in column A of the very hidden sheet
 * STORE_SHEET, in the layout core/store.ts defines: the header in A1:A8, the
 * journal's entries below. Reads are queued into the caller's first sync and
 * fetch only the header, which holds the settings and the journal's index; an
 * entry is read only by the command that undoes it. Writes go through
 * StoreChange: records first, then the header in one assignment (the commit),
 * then clean-up.
 */
import { append } from '../core/grid';
import type { Settings } from '../core/schemas';
import type { JournalEntry } from '../core/plan';
import {
  STORE_CHUNK,
  STORE_SHEET,
  emptyStore,
  planAppend,
  planFresh,
  planRemove,
  planSettings,
  readEntry,
  readHeader,
  readLegacy,
  storedDataOf,
  type RowsWrite,
  type EntryPlace,
  type StoreChange,
  type StoreHeader,
  type StoredData,
} from '../core/store';
import { GatewayError } from './errors';
import {
  COMMAND_BUDGET,
  COMMAND_OVERHEAD,
  PAYLOAD_BUDGET,
  jsonBytes,
  packOps,
  syncGroups,
  type QueuedOp,
} from './payload';
import { getExcel, runExcel } from './runtime';

export interface StoreState {
  /** Whether STORE_SHEET exists; a write creates it (very hidden) otherwise. */
  exists: boolean;
  /** The header, when the store is in the current format. */
  header?: StoreHeader;
  /** A budgetkoll/1 store: migrated by the next write. */
  legacy?: { settings: Settings; journal: JournalEntry[]; rows: number };
  /** Why the store cannot be read (Swedish); every write refuses then. */
  problem?: string;
  /** The store sheet is protected (known only when read for a write). */
  sheetProtected?: boolean;
  /** The workbook's structure is protected (known only when the store is missing and read for a write). */
  structureProtected?: boolean;
  /** Settings and the journal's summaries, for the app. */
  data: StoredData;
}

export interface QueuedStore {
  /**
   * Call after the caller's first sync: when a probe found the store sheet,
   * queues reading its header, so that the caller's next sync carries it
   * (true then: that sync has STORE_HEAD_BYTES less room).
   */
  prepare(): boolean;
  /**
   * The store after the caller's first sync; a long header, a budgetkoll/1
   * store, or a probe that found the sheet with no sync since `prepare` take
   * follow-up syncs.
   */
  load(): Promise<StoreState>;
}

/** Cells of column A read in the caller's first sync: the header is one cell unless the settings are huge. */
export const STORE_HEAD_ROWS = 2;
/** Response bytes of one store cell at worst (a full chunk, quotes escaped). */
export const STORE_ROW_BYTES = 2 * STORE_CHUNK + 16;
/** Response bytes the store may add to the caller's first sync (after a probe: to its next). */
export const STORE_HEAD_BYTES = STORE_HEAD_ROWS * STORE_ROW_BYTES;

/**
 * Office.js cannot chain a call off a null object: getItemOrNullObject(STORE_SHEET)
 * followed by a range read fails the whole batch when the sheet is missing.
 * So the store is read with getItem in the caller's first sync unless it is
 * known to be missing, or nothing is known and the caller is a reader that
 * syncs again anyway: those probe with getItemOrNullObject, and when the
 * probe finds the sheet, its header rides along with the caller's next sync
 * (QueuedStore.prepare). What was learned is remembered
 * per runtime (one task pane = one workbook): true = missing, false = there.
 */
const knownMissing = new WeakMap<object, boolean>();

function rememberMissing(missing: boolean): void {
  knownMissing.set(getExcel(), missing);
}

/**
 * The syncs a batch's context has made, so the store knows whether what it
 * queued was sent: a sync that failed (a response Excel refused as too
 * large, say, which the reader then reads again in halves) took the store's
 * loads down with it.
 */
type SyncCount = () => { ok: number; failed: number };

/** Counts the context's syncs from now on (the gateway's own wrapper, as the bench's host does). */
function countSyncs(context: Excel.RequestContext): SyncCount {
  const count = { ok: 0, failed: 0 };
  const sync = context.sync.bind(context);
  context.sync = (async <T>(passThrough?: T) => {
    try {
      const result = await sync(passThrough);
      count.ok++;
      return result;
    } catch (e) {
      count.failed++;
      throw e;
    }
  }) as typeof context.sync;
  return () => ({ ...count });
}

/** Reads column A rows [from, to) in syncs within the payload budget. */
async function readColumnA(context: Excel.RequestContext, from: number, to: number): Promise<unknown[]> {
  const sheet = context.workbook.worksheets.getItem(STORE_SHEET);
  const per = Math.max(1, Math.floor(PAYLOAD_BUDGET / STORE_ROW_BYTES));
  const values: unknown[] = [];
  for (let top = from; top < to; top += per) {
    const range = sheet.getRange(`A${top + 1}:A${Math.min(to, top + per)}`);
    range.load('values');
    await context.sync();
    for (const row of range.values) values.push(row[0]);
  }
  return values;
}

/**
 * Queues reading the store into the caller's batch. With `forWrite`, also
 * what decides whether a write may go ahead: the store sheet's protection,
 * or, when there is no store sheet yet, the workbook structure's.
 */
export function queueReadStore(
  context: Excel.RequestContext,
  mode: 'read' | 'probe' = knownMissing.get(getExcel()) === true ? 'probe' : 'read',
  options: { forWrite?: boolean; syncs?: SyncCount } = {},
): QueuedStore {
  if (mode === 'read') return queueRead(context, options);
  const probe = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
  const structure = options.forWrite ? context.workbook.protection : undefined;
  structure?.load('protected');
  let read: QueuedStore | undefined;
  let preparedAt: { ok: number; failed: number } | undefined;
  let loaded: Promise<StoreState> | undefined;
  const load = async (): Promise<StoreState> => {
    if (probe.isNullObject) {
      rememberMissing(true);
      return {
        exists: false,
        data: emptyStore(),
        ...(structure ? { structureProtected: structure.protected } : {}),
      };
    }
    rememberMissing(false);
    const now = options.syncs?.();
    if (!read || !preparedAt || !now || now.failed > preparedAt.failed) {
      // Not queued, or queued into a sync that failed: queue the header now and fetch it.
      read = queueRead(context, options);
      await context.sync();
    } else if (now.ok === preparedAt.ok) await context.sync();
    return read.load();
  };
  return {
    prepare() {
      if (read || probe.isNullObject) return false;
      rememberMissing(false);
      read = queueRead(context, options);
      preparedAt = options.syncs?.();
      return true;
    },
    load: () => (loaded ??= load()),
  };
}

/** Reads the header of a store sheet that is there (getItem: the batch fails if it went). */
function queueRead(context: Excel.RequestContext, options: { forWrite?: boolean }): QueuedStore {
  const sheets = context.workbook.worksheets;
  const sheet = sheets.getItem(STORE_SHEET);
  const head = sheet.getRange(`A1:A${STORE_HEAD_ROWS}`);
  head.load('values');
  const protection = options.forWrite ? sheet.protection : undefined;
  protection?.load('protected');
  // How far the sheet reaches: a budgetkoll/1 store is all of column A.
  const columnA = sheet.getUsedRangeOrNullObject(true);
  columnA.load('rowIndex,rowCount');
  return {
    prepare: () => false,
    async load(): Promise<StoreState> {
      const base = { exists: true, ...(protection ? { sheetProtected: protection.protected } : {}) };
      const lastRow = columnA.isNullObject ? 0 : columnA.rowIndex + columnA.rowCount;
      let cells: unknown[] = head.values.map((r) => r[0]);
      let read = readHeader(cells);
      if (read.kind === 'more') {
        cells = [...cells, ...(await readColumnA(context, cells.length, read.rows))];
        read = readHeader(cells);
      }
      switch (read.kind) {
        case 'empty':
          return { ...base, data: emptyStore() };
        case 'header':
          return { ...base, header: read.header, data: storedDataOf(read.header) };
        case 'legacy': {
          const all = [...cells, ...(await readColumnA(context, cells.length, lastRow))];
          const legacy = readLegacy(all);
          if ('problem' in legacy)
            return { ...base, problem: legacy.problem, data: { ...emptyStore(), problem: legacy.problem } };
          return {
            ...base,
            legacy: { ...legacy, rows: lastRow },
            data: { format: 'budgetkoll/1', settings: legacy.settings, journal: legacy.journal },
          };
        }
        default: {
          const problem = read.kind === 'unreadable' ? read.problem : 'Budgetkolls lagring är ofullständig.';
          return { ...base, problem, data: { ...emptyStore(), problem } };
        }
      }
    },
  };
}

function causeCode(e: unknown): string | undefined {
  const cause = (e as { cause?: unknown }).cause;
  return cause && typeof cause === 'object' && 'code' in cause
    ? String((cause as { code: unknown }).code)
    : undefined;
}

/**
 * Runs a batch that reads the store. If a read finds no store sheet (there
 * is none yet, or the user deleted it), the batch is rerun with a probe; a
 * failed read-only batch changes nothing.
 */
export async function runWithStore<T>(
  batch: (context: Excel.RequestContext, store: QueuedStore) => Promise<T>,
  options: {
    sheet?: string;
    forWrite?: boolean;
    /**
     * How to read a store nothing is known of yet: readers whose next sync
     * can carry the header probe (no failed batch when it is missing);
     * others read optimistically.
     */
    unknown?: 'read' | 'probe';
  } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const known = knownMissing.get(getExcel());
    const mode = known === true || (known === undefined && options.unknown === 'probe') ? 'probe' : 'read';
    try {
      return await runExcel((context) => {
        const syncs = countSyncs(context);
        return batch(context, queueReadStore(context, mode, { forWrite: options.forWrite, syncs }));
      }, options.sheet);
    } catch (e) {
      if (attempt >= 1 || mode !== 'read' || causeCode(e) !== 'ItemNotFound') throw e;
      rememberMissing(true);
    }
  }
}

/** Refuses a write the store cannot take, with a Swedish message; nothing has been changed then. */
export function assertWritable(state: StoreState): void {
  if (state.problem) throw new GatewayError('STORE_UNREADABLE', state.problem);
  if (state.sheetProtected) {
    throw new GatewayError(
      'SHEET_PROTECTED',
      'Budgetkolls dolda blad Budgetkoll_data är skyddat, så inställningar och ångra-historik kan inte sparas. Ta bort skyddet och försök igen. Inget har ändrats.',
    );
  }
  if (!state.exists && state.structureProtected) {
    throw new GatewayError(
      'WORKBOOK_PROTECTED',
      'Arbetsbokens struktur är skyddad (Granska → Skydda arbetsbok), så Budgetkoll kan inte lägga till sitt dolda blad för inställningar och ångra-historik. Ta bort skyddet och försök igen. Inget har ändrats.',
    );
  }
}

/** The change that adds `entry` to the store as it is (migrating a budgetkoll/1 store on the way). */
export function appendChange(state: StoreState, entry: JournalEntry): StoreChange {
  if (state.legacy)
    return planFresh(state.legacy.settings, [...state.legacy.journal, entry], state.legacy.rows);
  if (!state.header) return planFresh(state.data.settings, [entry]);
  return planAppend(state.header, entry);
}

export function settingsChange(state: StoreState, settings: Settings): StoreChange {
  if (state.legacy) return planFresh(settings, state.legacy.journal, state.legacy.rows);
  if (!state.header) return planFresh(settings, []);
  return planSettings(state.header, settings);
}

/** The change that removes entries; a budgetkoll/1 store is migrated without them. */
export function removeChange(state: StoreState, ids: ReadonlySet<string>): StoreChange {
  if (state.legacy)
    return planFresh(
      state.legacy.settings,
      state.legacy.journal.filter((e) => !ids.has(e.id)),
      state.legacy.rows,
    );
  if (!state.header) return planFresh(state.data.settings, []);
  return planRemove(state.header, ids);
}

/**
 * The store change as ops for syncGroups, in order: create the sheet (very
 * hidden; its visibility is set only then: on Windows and Mac, setting
 * Worksheet.visibility clears Excel's undo stack), write the new entries'
 * rows, the header in one assignment of A1:A8 (the commit), then FILLER
 * into the rows of entries that went and empty rows below the last entry.
 */
export function storeChangeOps(
  context: Excel.RequestContext,
  state: StoreState,
  change: StoreChange,
): QueuedOp[] {
  let sheet: Excel.Worksheet | undefined;
  const target = (): Excel.Worksheet => {
    if (sheet) return sheet;
    sheet = state.exists
      ? context.workbook.worksheets.getItem(STORE_SHEET)
      : context.workbook.worksheets.add(STORE_SHEET);
    if (!state.exists) sheet.visibility = 'VeryHidden';
    return sheet;
  };
  const ops: QueuedOp[] = [];
  if (!state.exists) ops.push({ bytes: COMMAND_OVERHEAD * 2, queue: () => void target() });
  for (const record of change.records) append(ops, rowsWriteOps(target, record));
  const header = change.header.map((c) => [c]);
  ops.push({
    bytes: COMMAND_OVERHEAD + jsonBytes(header),
    queue: () => void (target().getRange(rowsAddress(0, header.length - 1)).values = header),
  });
  for (const filler of change.after) append(ops, rowsWriteOps(target, filler));
  const clear = change.clear;
  if (clear) {
    ops.push({
      bytes: COMMAND_OVERHEAD,
      queue: () => target().getRange(rowsAddress(clear.fromRow, clear.toRow)).clear('Contents'),
    });
  }
  if (!state.exists) ops.push({ bytes: 0, queue: () => rememberMissing(false) });
  return ops;
}

/** "A9" or "A9:A12" for 0-based rows of column A. */
function rowsAddress(from: number, to: number): string {
  return from === to ? `A${from + 1}` : `A${from + 1}:A${to + 1}`;
}

/** Assignments of a run of rows of column A, each within COMMAND_BUDGET. */
function rowsWriteOps(target: () => Excel.Worksheet, write: RowsWrite): QueuedOp[] {
  const ops: QueuedOp[] = [];
  let from = 0;
  while (from < write.cells.length) {
    let to = from;
    let bytes = COMMAND_OVERHEAD + jsonBytes(write.cells[from]);
    while (to + 1 < write.cells.length && bytes + jsonBytes(write.cells[to + 1]) <= COMMAND_BUDGET)
      bytes += jsonBytes(write.cells[++to]);
    const first = write.row + from;
    const cells = write.cells.slice(from, to + 1);
    ops.push({
      bytes,
      queue: () => {
        target().getRange(rowsAddress(first, first + cells.length - 1)).values = cells.map((c) => [c]);
      },
    });
    from = to + 1;
  }
  return ops;
}

/**
 * Best effort after a failed write, before the commit: gives the rows the
 * new entries were being written to back (emptied, or FILLER between live
 * entries), so a large entry's text does not stay in the file.
 */
export function queueAbandon(context: Excel.RequestContext, change: StoreChange): void {
  const sheet = context.workbook.worksheets.getItem(STORE_SHEET);
  for (const w of change.abandon.after)
    sheet.getRange(rowsAddress(w.row, w.row + w.cells.length - 1)).values = w.cells.map((c) => [c]);
  const clear = change.abandon.clear;
  if (clear) sheet.getRange(rowsAddress(clear.fromRow, clear.toRow)).clear('Contents');
}

/**
 * Reads entries' rows (several small ones per sync, a large one in bands),
 * each checked against the header. `reservedBytes` of the first sync's
 * response belong to reads the caller queued before.
 */
export async function readEntries(
  context: Excel.RequestContext,
  places: readonly EntryPlace[],
  reservedBytes = 0,
): Promise<(JournalEntry | { problem: string })[]> {
  const sheet = context.workbook.worksheets.getItem(STORE_SHEET);
  const perSync = Math.max(1, Math.floor(PAYLOAD_BUDGET / STORE_ROW_BYTES));
  const cells: unknown[][] = places.map(() => []);
  let queued: { index: number; range: Excel.Range }[] = [];
  // Rows already spoken for in the first sync.
  let rows = Math.min(perSync - 1, Math.ceil(reservedBytes / STORE_ROW_BYTES));
  const flush = async () => {
    if (queued.length === 0) return;
    await context.sync();
    for (const { index, range } of queued) for (const r of range.values) cells[index]!.push(r[0]);
    queued = [];
    rows = 0;
  };
  for (let i = 0; i < places.length; i++) {
    const place = places[i]!;
    for (let top = 0; top < place.rows;) {
      if (rows >= perSync) await flush();
      const take = Math.min(place.rows - top, perSync - rows);
      const first = place.row + top;
      const range = sheet.getRange(rowsAddress(first, first + take - 1));
      range.load('values');
      queued.push({ index: i, range });
      rows += take;
      top += take;
    }
  }
  await flush();
  return places.map((place, i) => readEntry(cells[i]!, place));
}

/** Settings and the journal's summaries. */
export async function readStore(): Promise<StoredData> {
  return runWithStore(async (context, store) => {
    await context.sync();
    return (await store.load()).data;
  });
}

/** Two syncs: the header, then the new header (a budgetkoll/1 store is migrated on the way). */
export async function saveSettings(settings: Settings): Promise<void> {
  await runWithStore(
    async (context, store) => {
      await context.sync();
      const state = await store.load();
      assertWritable(state);
      await syncGroups(context, packOps(storeChangeOps(context, state, settingsChange(state, settings))));
    },
    { forWrite: true },
  );
}
