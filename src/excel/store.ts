/**
 * The store (settings + undo journal) as JSON chunks in column A of the very
 * hidden sheet STORE_SHEET. Reads and writes are queued into the caller's
 * batch so a command and its journal entry land in the same sync.
 */
import type { Settings } from '../core/schemas';
import { STORE_CHUNK, STORE_SHEET, decodeStore, encodeStore, type StoredData } from '../core/store';
import {
  COMMAND_OVERHEAD,
  ChunkFailure,
  PAYLOAD_BUDGET,
  jsonBytes,
  packOps,
  syncGroups,
  type QueuedOp,
} from './payload';
import { getExcel, runExcel } from './runtime';

export interface StoreState {
  /** Whether STORE_SHEET exists; queueWriteStore creates it otherwise. */
  exists: boolean;
  /** Rows of column A in use, so a shorter store can clear what it no longer needs. */
  rows: number;
  data: StoredData;
}

export interface QueuedStore {
  /**
   * Valid after the context.sync() that followed queueReadStore, when the
   * store fit into the rows read in that sync (throws otherwise: use load).
   */
  result(): StoreState;
  /** The store after the first sync, reading the rows beyond STORE_HEAD_ROWS in follow-up syncs. */
  load(): Promise<StoreState>;
}

/** Store rows read in the caller's first sync: settings and an ordinary journal fit. */
export const STORE_HEAD_ROWS = 8;
/** Response bytes of one store row at worst (a full chunk, every character escaped). */
export const STORE_ROW_BYTES = 2 * STORE_CHUNK + 16;
/** Response bytes the store may add to the caller's first sync. */
export const STORE_HEAD_BYTES = STORE_HEAD_ROWS * STORE_ROW_BYTES;

/**
 * Office.js cannot chain a call off a null object: getItemOrNullObject(STORE_SHEET)
 * followed by a range read fails the whole batch when the sheet is missing.
 * So the store is read optimistically with getItem, in the caller's batch, and
 * only a workbook known to lack the store is probed with getItemOrNullObject.
 * What was learned is remembered per runtime (one task pane = one workbook).
 */
const knownMissing = new WeakMap<object, boolean>();

function storeMissing(): boolean {
  return knownMissing.get(getExcel()) === true;
}

function rememberMissing(missing: boolean): void {
  knownMissing.set(getExcel(), missing);
}

/** Thrown inside a probing batch when the store turned out to exist after all. */
class StoreAppeared extends Error {}

export function queueReadStore(
  context: Excel.RequestContext,
  mode: 'read' | 'probe' = storeMissing() ? 'probe' : 'read',
): QueuedStore {
  const sheets = context.workbook.worksheets;
  if (mode === 'probe') {
    const probe = sheets.getItemOrNullObject(STORE_SHEET);
    const result = (): StoreState => {
      if (!probe.isNullObject) throw new StoreAppeared('store sheet exists');
      return { exists: false, rows: 0, data: decodeStore([]) };
    };
    return { result, load: () => Promise.resolve(result()) };
  }
  const sheet = sheets.getItem(STORE_SHEET);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,rowCount');
  // A large store would make a large response: the first rows now, the rest in load().
  const head = sheet.getRange(`A1:A${STORE_HEAD_ROWS}`);
  head.load('values');
  let rest: unknown[][] | undefined;
  const rows = (): number => (used.isNullObject ? 0 : used.rowIndex + used.rowCount);
  const queued: QueuedStore = {
    result(): StoreState {
      const n = rows();
      if (n === 0) return { exists: true, rows: 0, data: decodeStore([]) };
      if (n > STORE_HEAD_ROWS && !rest) throw new Error('store larger than its head: call load()');
      // Column A only; Excel may hand back a number if a chunk ever looked like one.
      const chunks = [...head.values, ...(rest ?? [])]
        .slice(0, n)
        .map((r) => (r[0] === null || r[0] === undefined ? '' : String(r[0])));
      return { exists: true, rows: n, data: decodeStore(chunks) };
    },
    async load(): Promise<StoreState> {
      const n = rows();
      if (n > STORE_HEAD_ROWS && !rest) {
        const values: unknown[][] = [];
        const per = Math.max(1, Math.floor(PAYLOAD_BUDGET / STORE_ROW_BYTES));
        for (let top = STORE_HEAD_ROWS + 1; top <= n; top += per) {
          const range = sheet.getRange(`A${top}:A${Math.min(n, top + per - 1)}`);
          range.load('values');
          await context.sync();
          values.push(...range.values);
        }
        rest = values;
      }
      return queued.result();
    },
  };
  return queued;
}

function causeCode(e: unknown): string | undefined {
  const cause = (e as { cause?: unknown }).cause;
  return cause && typeof cause === 'object' && 'code' in cause
    ? String((cause as { code: unknown }).code)
    : undefined;
}

/**
 * Runs a batch that reads the store. If the optimistic read finds no store
 * sheet the batch is rerun with a probe (a failed read-only batch changes
 * nothing); if a probe finds the sheet after all, it is rerun with a read.
 */
export async function runWithStore<T>(
  batch: (context: Excel.RequestContext, store: QueuedStore) => Promise<T>,
  sheet?: string,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const mode = storeMissing() ? 'probe' : 'read';
    try {
      return await runExcel((context) => batch(context, queueReadStore(context, mode)), sheet);
    } catch (e) {
      if (attempt >= 2) throw e;
      const cause = (e as { cause?: unknown }).cause;
      if (mode === 'read' && causeCode(e) === 'ItemNotFound') rememberMissing(true);
      else if (mode === 'probe' && cause instanceof StoreAppeared) rememberMissing(false);
      else throw e;
    }
  }
}

/**
 * Queues writing `data`: creates the sheet when `current.exists` is false,
 * keeps it very hidden, writes the chunks as text into A1:A{n} and clears the
 * rows a previous, longer store used.
 */
export function queueWriteStore(
  context: Excel.RequestContext,
  data: StoredData,
  current: Pick<StoreState, 'exists' | 'rows'>,
): void {
  const sheets = context.workbook.worksheets;
  const sheet = current.exists ? sheets.getItem(STORE_SHEET) : sheets.add(STORE_SHEET);
  // Should this batch fail, the next read's ItemNotFound puts this right again.
  if (!current.exists) rememberMissing(false);
  sheet.visibility = 'VeryHidden';
  const chunks = encodeStore(data);
  const target = sheet.getRange(`A1:A${chunks.length}`);
  // Text format first, so no chunk is ever parsed as a number, date or formula.
  target.numberFormat = chunks.map(() => ['@']);
  target.values = chunks.map((c) => [c]);
  if (current.rows > chunks.length)
    sheet.getRange(`A${chunks.length + 1}:A${current.rows}`).clear('Contents');
}

/** Column the store is staged in when it is too large for one request; see storeWriteOps. */
const STAGING_COLUMN = 'B';

/** The store sheet, created (very hidden) when `current.exists` is false. */
function storeSheet(context: Excel.RequestContext, exists: boolean): Excel.Worksheet {
  const sheets = context.workbook.worksheets;
  const sheet = exists ? sheets.getItem(STORE_SHEET) : sheets.add(STORE_SHEET);
  if (!exists) rememberMissing(false);
  sheet.visibility = 'VeryHidden';
  return sheet;
}

/**
 * Writing `data` as ops for syncGroups. A store that fits into `budget` is
 * one op (queueWriteStore). A larger one is staged: its chunks go into column
 * B over as many requests as needed, while column A still holds the old store
 * for every reader; the last op deletes A1:A{n} with shift left, which moves
 * the staged column into A in one small command. So the new store (and the
 * journal entry in it) appears in the last sync or not at all.
 */
export function storeWriteOps(
  context: Excel.RequestContext,
  data: StoredData,
  current: Pick<StoreState, 'exists' | 'rows'>,
  budget: number = PAYLOAD_BUDGET,
): QueuedOp[] {
  const chunks = encodeStore(data);
  const chunkBytes = chunks.map((c) => jsonBytes(c) + 10);
  const total = chunkBytes.reduce((a, b) => a + b, COMMAND_OVERHEAD * 3);
  if (total <= budget) return [{ bytes: total, queue: () => queueWriteStore(context, data, current) }];

  let exists = current.exists;
  const sheet = (): Excel.Worksheet => {
    const s = storeSheet(context, exists);
    exists = true;
    return s;
  };
  const ops: QueuedOp[] = [];
  if (current.exists && current.rows > 0) {
    // Leftovers of an interrupted staging.
    ops.push({
      bytes: COMMAND_OVERHEAD,
      queue: () => sheet().getRange(`${STAGING_COLUMN}:${STAGING_COLUMN}`).clear('All'),
    });
  }
  const perOp = Math.max(1, Math.floor(budget / 4));
  for (let first = 0; first < chunks.length;) {
    let last = first;
    let bytes = COMMAND_OVERHEAD * 2 + chunkBytes[first]!;
    while (last + 1 < chunks.length && bytes + chunkBytes[last + 1]! <= perOp) bytes += chunkBytes[++last]!;
    const from = first;
    const to = last;
    ops.push({
      bytes,
      queue: () => {
        const target = sheet().getRange(`${STAGING_COLUMN}${from + 1}:${STAGING_COLUMN}${to + 1}`);
        target.numberFormat = chunks.slice(from, to + 1).map(() => ['@']);
        target.values = chunks.slice(from, to + 1).map((c) => [c]);
      },
    });
    first = last + 1;
  }
  const rows = Math.max(current.rows, chunks.length);
  ops.push({ bytes: COMMAND_OVERHEAD, queue: () => sheet().getRange(`A1:A${rows}`).delete('Left') });
  return ops;
}

/** Best effort after a failed staged write: empties the staging column again. */
export async function clearStaging(context: Excel.RequestContext): Promise<void> {
  try {
    context.workbook.worksheets
      .getItem(STORE_SHEET)
      .getRange(`${STAGING_COLUMN}:${STAGING_COLUMN}`)
      .clear('All');
    await context.sync();
  } catch {
    // The old store in column A is intact; staging leftovers are cleared by the next staged write.
  }
}

export async function readStore(): Promise<StoredData> {
  return runWithStore(async (context, store) => {
    await context.sync();
    return (await store.load()).data;
  });
}

/** Two syncs: the store's current shape decides whether the sheet must be created. */
export async function saveSettings(settings: Settings): Promise<void> {
  await runWithStore(async (context, store) => {
    await context.sync();
    const current = await store.load();
    const ops = storeWriteOps(context, { ...current.data, settings }, current);
    try {
      await syncGroups(context, packOps(ops));
    } catch (e) {
      if (ops.length > 1) await clearStaging(context);
      throw e instanceof ChunkFailure ? e.failure : e;
    }
  });
}
