/**
 * "Ångra senaste" and "Ta bort markeringar": both replay before-states from
 * the journal in one write batch, together with the shortened journal
 * (several batches within the payload budget for very large entries, the
 * journal last).
 */
import { append, rangeA1 } from '../core/grid';
import type { CellState, JournalEntry, WrittenContent } from '../core/plan';
import type { EntryPlace } from '../core/store';
import { formulaOf } from './cellData';
import { cellPutOps, restoreOps, type CellPut } from './cellWrites';
import { GatewayError } from './errors';
import { HIGHLIGHT_FILL } from './highlight';
import { CHUNK_CELLS, area, bands, boundingRect, columnRuns, type Rect } from './regions';
import { packOps, syncGroups, type QueuedOp } from './payload';
import {
  assertWritable,
  readEntries,
  removeChange,
  runWithStore,
  storeChangeOps,
  type StoreState,
} from './store';
import { assertUnprotected } from './writeGuards';
import { undoReportOps } from './reports';
import { CHECK_BYTES_PER_CELL } from './snapshotCheck';

/** A cell's content as Excel reports it (`values` and `formulas`), compared with what the command wrote. */
function holds(value: unknown, formula: unknown, w: WrittenContent): boolean {
  const f = formulaOf(formula, value);
  if (w.formula !== undefined) return f !== undefined && f.toUpperCase() === w.formula.toUpperCase();
  if (f !== undefined) return false;
  const written = typeof w.value === 'string' && w.value.startsWith("'") ? w.value.slice(1) : w.value;
  if (written === null || written === undefined) return value === '' || value === null;
  return value === written || String(value) === String(written);
}

/** The newest entries the store names, with their content: read from their columns, or already in a budgetkoll/1 store. */
async function entriesOf(
  context: Excel.RequestContext,
  state: StoreState,
  pick: (places: readonly { id: string; command: string }[]) => string[],
): Promise<JournalEntry[]> {
  if (state.legacy) {
    const ids = new Set(pick(state.legacy.journal));
    return state.legacy.journal.filter((e) => ids.has(e.id));
  }
  const journal = state.header?.journal ?? [];
  const ids = new Set(pick(journal));
  const places: EntryPlace[] = journal.filter((e) => ids.has(e.id));
  const read = await readEntries(context, places);
  return read.map((e) => {
    if ('problem' in e) throw new GatewayError('STORE_UNREADABLE', e.problem);
    return e;
  });
}

/** Reads, in bands within the budget, of the cells an entry wrote; queued before the entry itself is read. */
function queueWrittenReads(
  ws: Excel.Worksheet,
  rect: Rect | undefined,
): { rect: Rect; range: Excel.Range }[] {
  if (!rect) return [];
  return bands(rect, CHUNK_CELLS).map((band) => {
    const range = ws.getRange(rangeA1(band.top, band.left, band.bottom, band.right));
    range.load('values,formulas');
    return { rect: band, range };
  });
}

/**
 * Refuses to undo when the cells the command wrote no longer hold what it
 * wrote: a row or column inserted since, or the user's own edits, would
 * otherwise be overwritten or deleted.
 */
function assertStillWritten(entry: JournalEntry, reads: readonly { rect: Rect; range: Excel.Range }[]): void {
  const changed: string[] = [];
  for (const w of entry.after ?? []) {
    const read = reads.find(
      (r) => w.row >= r.rect.top && w.row <= r.rect.bottom && w.col >= r.rect.left && w.col <= r.rect.right,
    );
    const r = read ? w.row - read.rect.top : -1;
    const c = read ? w.col - read.rect.left : -1;
    if (!read || !holds(read.range.values[r]?.[c], read.range.formulas[r]?.[c], w))
      changed.push(rangeA1(w.row, w.col, w.row, w.col));
  }
  if (changed.length > 0)
    throw new GatewayError(
      'SHEET_CHANGED',
      `Cellerna som ”${entry.description}” skrev har ändrats sedan dess (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ' …' : ''}). ` +
        'Ångra skulle då skriva över eller ta bort ditt eget arbete, så inget har ändrats. Ångra dina senare ändringar först eller rätta för hand.',
    );
}

function hasSheet(items: readonly Excel.Worksheet[], name: string): boolean {
  const lower = name.toLowerCase();
  return items.some((s) => s.name.toLowerCase() === lower);
}

/**
 * Gives back the newest journal entry's cells in three syncs: the journal's
 * header; the entry together with the cells it wrote (to check that they
 * still hold what it wrote) and the sheet's protection; the restore with the
 * shortened journal.
 */
export async function undoLast(): Promise<{ restored: number; description: string } | undefined> {
  return runWithStore(
    async (context, store) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const state = await store.load();
      assertWritable(state);
      const journal = state.header?.journal;
      const legacy = state.legacy?.journal;
      const place = journal?.[journal.length - 1];
      const legacyEntry = legacy?.[legacy.length - 1];
      const summary = place ?? legacyEntry;
      if (!summary) return undefined;
      if (!hasSheet(sheets.items, summary.sheet)) {
        throw new GatewayError(
          'SHEET_NOT_FOUND',
          `Bladet ”${summary.sheet}” som den senaste ändringen gjordes i finns inte längre. Inget har ångrats.`,
        );
      }
      const ws = sheets.getItem(summary.sheet);
      ws.protection.load('protected');
      const written = place ? place.written : legacyEntry && boundingRect(legacyEntry.after ?? []);
      const reads = queueWrittenReads(ws, written);
      let entry: JournalEntry;
      if (place) {
        const checked = reads.reduce((n, r) => n + area(r.rect), 0);
        const [read] = await readEntries(context, [place], checked * CHECK_BYTES_PER_CELL * 2);
        if (!read || 'problem' in read) throw new GatewayError('STORE_UNREADABLE', read?.problem ?? '');
        entry = read;
      } else {
        await context.sync();
        entry = legacyEntry!;
      }
      const storeChange = () => storeChangeOps(context, state, removeChange(state, new Set([entry.id])));
      if (entry.command === 'createReport') {
        // A report's sheets go and the ones it replaced come back; no cells are restored.
        const ops = await undoReportOps(context, entry);
        await syncGroups(context, packOps([...ops, ...storeChange()]));
        return { restored: entry.sheets?.length ?? 0, description: entry.description };
      }
      assertUnprotected(entry.sheet, ws.protection.protected);
      assertStillWritten(entry, reads);
      // One sync for ordinary entries; large ones are cut into requests within the payload budget,
      // with the shortened journal's header last.
      const storeOps = storeChangeOps(context, state, removeChange(state, new Set([entry.id])));
      await syncGroups(context, packOps([...restoreOps(ws, entry), ...storeOps]));
      return { restored: entry.before.length, description: entry.description };
    },
    { forWrite: true },
  );
}

/**
 * The fill each highlighted cell had before any highlight: the newest
 * before-fill that is not the highlight colour itself (a cell highlighted
 * twice has the highlight as its second before-state).
 */
export function originalFills(
  entries: readonly JournalEntry[],
): Map<string, { sheet: string; state: CellState; fill: string | null }> {
  const out = new Map<string, { sheet: string; state: CellState; fill: string | null }>();
  for (const entry of [...entries].reverse()) {
    for (const s of entry.before) {
      const key = `${entry.sheet.toLowerCase()}!${s.row},${s.col}`;
      const isHighlight = s.fill?.toUpperCase() === HIGHLIGHT_FILL;
      const prev = out.get(key);
      if (!prev) out.set(key, { sheet: entry.sheet, state: s, fill: isHighlight ? null : s.fill });
      else if (prev.state.fill?.toUpperCase() === HIGHLIGHT_FILL && !isHighlight)
        out.set(key, { sheet: entry.sheet, state: s, fill: s.fill });
    }
  }
  return out;
}

function fillRects(cells: readonly { row: number; col: number }[]): Rect[] {
  const box = boundingRect(cells);
  if (!box) return [];
  if (area(box) <= CHUNK_CELLS) return [box];
  return columnRuns(cells, () => '').map((run) => ({
    top: run.top,
    left: run.col,
    bottom: run.top + run.items.length - 1,
    right: run.col,
  }));
}

/**
 * Gives highlighted cells their old fill back where they still show the
 * highlight (a fill the user chose since is kept) and drops the highlight
 * entries from the journal. Returns the number of cells restored.
 * Four syncs: journal, the highlight entries, current fills, writes.
 */
export async function clearHighlights(): Promise<number> {
  return runWithStore(
    async (context, store) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const state = await store.load();
      assertWritable(state);
      const highlights = await entriesOf(context, state, (journal) =>
        journal.filter((e) => e.command === 'highlight').map((e) => e.id),
      );
      if (highlights.length === 0) return 0;

      const fills = originalFills(highlights.filter((e) => hasSheet(sheets.items, e.sheet)));
      const bySheet = new Map<string, { row: number; col: number; fill: string | null }[]>();
      for (const f of fills.values()) {
        const list = bySheet.get(f.sheet) ?? [];
        list.push({ row: f.state.row, col: f.state.col, fill: f.fill });
        bySheet.set(f.sheet, list);
      }
      const reads = [...bySheet].map(([sheet, cells]) => {
        const ws = sheets.getItem(sheet);
        const parts = fillRects(cells).map((rect) => ({
          rect,
          props: ws
            .getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right))
            .getCellProperties({ format: { fill: { color: true, pattern: true } } }),
        }));
        ws.protection.load('protected');
        return { ws, sheet, cells, parts };
      });
      await context.sync();

      let restored = 0;
      const putOps: QueuedOp[] = [];
      for (const { ws, sheet, cells, parts } of reads) {
        assertUnprotected(sheet, ws.protection.protected);
        const puts: CellPut[] = [];
        for (const c of cells) {
          const part = parts.find(
            (p) =>
              c.row >= p.rect.top && c.row <= p.rect.bottom && c.col >= p.rect.left && c.col <= p.rect.right,
          );
          const fill = part?.props.value[c.row - part.rect.top]?.[c.col - part.rect.left]?.format?.fill;
          const showsHighlight = fill?.pattern !== 'None' && fill?.color?.toUpperCase() === HIGHLIGHT_FILL;
          if (showsHighlight) puts.push({ row: c.row, col: c.col, fill: c.fill });
        }
        append(putOps, cellPutOps(ws, puts));
        restored += puts.length;
      }
      const storeOps = storeChangeOps(
        context,
        state,
        removeChange(state, new Set(highlights.map((e) => e.id))),
      );
      await syncGroups(context, packOps([...putOps, ...storeOps]));
      return restored;
    },
    { forWrite: true },
  );
}
