/**
 * "Ångra senaste" and "Ta bort markeringar": both replay before-states from
 * the journal in one write batch, together with the shortened journal
 * (several batches within the payload budget for very large entries, the
 * journal last).
 */
import { rangeA1 } from '../core/grid';
import type { CellState, JournalEntry, WrittenContent } from '../core/plan';
import { popJournal } from '../core/store';
import { cellPutOps, restoreOps, type CellPut } from './cellWrites';
import { GatewayError } from './errors';
import { HIGHLIGHT_FILL } from './highlight';
import { CHUNK_CELLS, area, bands, boundingRect, columnRuns, type Rect } from './regions';
import { ChunkFailure, packOps, syncGroups, type QueuedOp } from './payload';
import { clearStaging, runWithStore, storeWriteOps } from './store';

/** Runs `ops` in as many syncs as the payload budget needs; empties the staging column if a staged store failed. */
async function syncStoreAfter(
  context: Excel.RequestContext,
  ops: readonly QueuedOp[],
  storeOps: readonly QueuedOp[],
): Promise<void> {
  try {
    await syncGroups(context, packOps(ops));
  } catch (e) {
    const failure = e instanceof ChunkFailure ? e.failure : e;
    if (storeOps.length > 1) await clearStaging(context);
    throw failure;
  }
}

/** A cell's content as Excel reports it through `formulas`, compared with what the command wrote. */
function holds(current: unknown, w: WrittenContent): boolean {
  if (w.formula !== undefined)
    return typeof current === 'string' && current.toUpperCase() === w.formula.toUpperCase();
  const value = typeof w.value === 'string' ? w.value.replace(/^'/, '') : w.value;
  if (value === null || value === undefined) return current === '' || current === null;
  return current === value || String(current) === String(value);
}

/**
 * Refuses to undo when the cells the command wrote no longer hold what it
 * wrote: a row or column inserted since, or the user's own edits, would
 * otherwise be overwritten or deleted. Reads in bands within the budget.
 */
async function assertStillWritten(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  entry: JournalEntry,
): Promise<void> {
  const after = entry.after ?? [];
  const rect = boundingRect(after);
  if (!rect) return;
  const changed: string[] = [];
  for (const band of bands(rect, CHUNK_CELLS)) {
    const range = ws.getRange(rangeA1(band.top, band.left, band.bottom, band.right));
    range.load('formulas');
    await context.sync();
    for (const w of after) {
      if (w.row < band.top || w.row > band.bottom) continue;
      const current = range.formulas[w.row - band.top]?.[w.col - band.left];
      if (!holds(current, w)) changed.push(rangeA1(w.row, w.col, w.row, w.col));
    }
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

export async function undoLast(): Promise<{ restored: number; description: string } | undefined> {
  return runWithStore(async (context, store) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const current = await store.load();
    const { data, entry } = popJournal(current.data);
    if (!entry) return undefined;
    if (!hasSheet(sheets.items, entry.sheet)) {
      throw new GatewayError(
        'SHEET_NOT_FOUND',
        `Bladet ”${entry.sheet}” som den senaste ändringen gjordes i finns inte längre. Inget har ångrats.`,
      );
    }
    await assertStillWritten(context, sheets.getItem(entry.sheet), entry);
    // One sync for ordinary entries; large ones are cut into requests within the payload budget,
    // with the shortened journal last.
    const storeOps = storeWriteOps(context, data, current);
    await syncStoreAfter(context, [...restoreOps(sheets.getItem(entry.sheet), entry), ...storeOps], storeOps);
    return { restored: entry.before.length, description: entry.description };
  });
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
 * Three syncs: journal, current fills, writes.
 */
export async function clearHighlights(): Promise<number> {
  return runWithStore(async (context, store) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const current = await store.load();
    const highlights = current.data.journal.filter((e) => e.command === 'highlight');
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
      return { ws, cells, parts };
    });
    await context.sync();

    let restored = 0;
    const putOps: QueuedOp[] = [];
    for (const { ws, cells, parts } of reads) {
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
      putOps.push(...cellPutOps(ws, puts));
      restored += puts.length;
    }
    const storeOps = storeWriteOps(
      context,
      { ...current.data, journal: current.data.journal.filter((e) => e.command !== 'highlight') },
      current,
    );
    await syncStoreAfter(context, [...putOps, ...storeOps], storeOps);
    return restored;
  });
}
