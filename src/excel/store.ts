/**
 * The store (settings + undo journal) as JSON chunks in column A of the very
 * hidden sheet STORE_SHEET. Reads and writes are queued into the caller's
 * batch so a command and its journal entry land in the same sync.
 */
import type { Settings } from '../core/schemas';
import { STORE_SHEET, decodeStore, encodeStore, type StoredData } from '../core/store';
import { getExcel, runExcel } from './runtime';

export interface StoreState {
  /** Whether STORE_SHEET exists; queueWriteStore creates it otherwise. */
  exists: boolean;
  /** Rows of column A in use, so a shorter store can clear what it no longer needs. */
  rows: number;
  data: StoredData;
}

export interface QueuedStore {
  /** Valid after the context.sync() that followed queueReadStore. */
  result(): StoreState;
}

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
    return {
      result(): StoreState {
        if (!probe.isNullObject) throw new StoreAppeared('store sheet exists');
        return { exists: false, rows: 0, data: decodeStore([]) };
      },
    };
  }
  const used = sheets.getItem(STORE_SHEET).getUsedRangeOrNullObject(true);
  used.load('values,rowIndex,rowCount');
  return {
    result(): StoreState {
      if (used.isNullObject) return { exists: true, rows: 0, data: decodeStore([]) };
      // Column A only; Excel may hand back a number if a chunk ever looked like one.
      const chunks = used.values.map((r) => (r[0] === null || r[0] === undefined ? '' : String(r[0])));
      return { exists: true, rows: used.rowIndex + used.rowCount, data: decodeStore(chunks) };
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

export async function readStore(): Promise<StoredData> {
  return runWithStore(async (context, store) => {
    await context.sync();
    return store.result().data;
  });
}

/** Two syncs: the store's current shape decides whether the sheet must be created. */
export async function saveSettings(settings: Settings): Promise<void> {
  await runWithStore(async (context, store) => {
    await context.sync();
    const current = store.result();
    queueWriteStore(context, { ...current.data, settings }, current);
    await context.sync();
  });
}
