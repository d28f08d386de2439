/**
 * WritePlan → sheet, with a journal entry for "Ångra senaste".
 *
 * Sync 1 re-reads the snapshot's area and what the target cells hold now;
 * nothing is written unless the sheet still matches the snapshot the plan was
 * computed from. Sync 2 does the inserts, the writes and the journal entry
 * together. Sheets larger than the read window add one sync per band before
 * sync 2, exactly as readSheet does. Plans too large for one request (see
 * payload.ts) read their before-states in more syncs and write in several:
 * inserts in the first write sync, the journal entry in the last, and a
 * failure in any of them is rolled back from the captured before-states.
 */
import type { Grid } from '../core/grid';
import { cellInRow, forEachCell, gridBounds, rangeA1, rowAt } from '../core/grid';
import {
  isEmptyPlan,
  shiftedColumn,
  type CellState,
  type CellWrite,
  type ColumnInsert,
  type CommandName,
  type JournalEntry,
  type WritePlan,
} from '../core/plan';
import { pushJournal } from '../core/store';
import { cellPutOps, insertDeleteOps, putFromWrite, restoreOps } from './cellWrites';
import { GatewayError, sheetChanged, toGatewayError } from './errors';
import {
  CHUNK_CELLS,
  bands,
  READ_WINDOW,
  area,
  boundingRect,
  columnRuns,
  followUpChunks,
  intersect,
  type Rect,
} from './regions';
import {
  BEFORE_STATE_BYTES_PER_CELL,
  COMMAND_OVERHEAD,
  ChunkFailure,
  PAYLOAD_BUDGET,
  packOps,
  syncGroups,
  type QueuedOp,
} from './payload';
import { STORE_HEAD_BYTES, clearStaging, runWithStore, storeWriteOps } from './store';

export interface ApplyMeta {
  command: CommandName;
  /** Swedish one-liner shown next to "Ångra senaste". */
  description: string;
}

export interface ApplyOptions {
  /**
   * Compare the sheet with `snapshot` before writing (default true). Highlights
   * only colour cells the user is looking at and skip it.
   */
  verifySnapshot?: boolean;
  maxCells?: number;
}

export interface ApplyResult {
  /** Cells written. */
  written: number;
  journalId?: string;
}

const MAX_ROW = 1048575;
const MAX_COL = 16383;
const HEX = /^#[0-9A-Fa-f]{6}$/;

/** Later writes to the same cell override earlier ones field by field. */
export function mergeWrites(writes: readonly CellWrite[]): CellWrite[] {
  const byCell = new Map<string, CellWrite>();
  for (const w of writes) {
    const key = `${w.row},${w.col}`;
    const prev = byCell.get(key);
    const next: CellWrite = { ...prev, row: w.row, col: w.col };
    if (w.formula !== undefined) {
      next.formula = w.formula;
      delete next.value;
    }
    if (w.value !== undefined) {
      next.value = w.value;
      delete next.formula;
    }
    if (w.numberFormat !== undefined) next.numberFormat = w.numberFormat;
    if (w.fill !== undefined) next.fill = w.fill;
    if (w.italic !== undefined) next.italic = w.italic;
    byCell.set(key, next);
  }
  return [...byCell.values()];
}

export function validatePlan(plan: WritePlan): void {
  const bad = (why: string) =>
    new GatewayError('INVALID_PLAN', `Budgetkoll skapade en ogiltig ändring (${why}). Inget har ändrats.`);
  for (const ins of plan.inserts) {
    if (!(
      ins.col >= 0 &&
      ins.col <= MAX_COL &&
      ins.top >= 0 &&
      ins.top <= ins.bottom &&
      ins.bottom <= MAX_ROW
    )) {
      throw bad(`infogning ${JSON.stringify(ins)}`);
    }
  }
  for (const w of plan.writes) {
    if (!(
      Number.isInteger(w.row) &&
      Number.isInteger(w.col) &&
      w.row >= 0 &&
      w.row <= MAX_ROW &&
      w.col >= 0 &&
      w.col <= MAX_COL
    )) {
      throw bad(`cell ${w.row},${w.col}`);
    }
    if (w.formula !== undefined && !w.formula.startsWith('=')) throw bad(`formel ${w.formula}`);
    if (w.formula !== undefined && w.value !== undefined)
      throw bad(`både formel och värde i ${w.row},${w.col}`);
    if (typeof w.fill === 'string' && !HEX.test(w.fill)) throw bad(`färg ${w.fill}`);
  }
}

/**
 * The pre-insert column of the cell that sits at (row, col) after `inserts`,
 * or undefined when that cell was inserted (it had no before-state).
 */
export function preInsertColumn(
  col: number,
  row: number,
  inserts: readonly ColumnInsert[],
): number | undefined {
  let c = col;
  for (let i = inserts.length - 1; i >= 0; i--) {
    const ins = inserts[i]!;
    if (row < ins.top || row > ins.bottom) continue;
    if (c === ins.col) return undefined;
    if (c > ins.col) c -= 1;
  }
  return c;
}

export function gridRect(grid: Grid): Rect | undefined {
  return gridBounds(grid);
}

function sameValue(expected: unknown, actual: unknown): boolean {
  const e = expected === null || expected === undefined ? '' : expected;
  const a = actual === null || actual === undefined ? '' : actual;
  return e === a;
}

/**
 * Whether a block read from the sheet still matches the snapshot. Formula
 * cells are compared by formula only: their results move with every
 * recalculation (TODAY(), other sheets) without the table having changed.
 */
export function blockMatches(
  snapshot: Grid,
  rect: Rect,
  values: readonly (readonly unknown[])[],
  formulas: readonly (readonly unknown[])[],
): boolean {
  for (let r = rect.top; r <= rect.bottom; r++) {
    const snapRow = rowAt(snapshot, r);
    for (let c = rect.left; c <= rect.right; c++) {
      const cell = snapRow ? cellInRow(snapRow, c) : undefined;
      const f = formulas[r - rect.top]?.[c - rect.left];
      const isFormula = typeof f === 'string' && f.startsWith('=');
      if (cell?.f !== undefined) {
        if (f !== cell.f) return false;
      } else {
        if (isFormula) return false;
        if (!sameValue(cell?.v, values[r - rect.top]?.[c - rect.left])) return false;
      }
    }
  }
  return true;
}

interface BeforeRead {
  rect: Rect;
  range: Excel.Range;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
}

/** Cells whose before-state one request may read. */
const BEFORE_CELLS = Math.floor(PAYLOAD_BUDGET / BEFORE_STATE_BYTES_PER_CELL);
/** Response bytes per cell of the snapshot check (values and formulas). */
const CHECK_BYTES_PER_CELL = 30;

const CELL_PROPS_OPTIONS: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true }, font: { italic: true } },
};

/**
 * The rectangles to read what the target cells hold now: one rectangle
 * around all of them, or one per column run when that rectangle would be
 * mostly cells nobody writes (and a needlessly large response); cut into
 * bands so that no rectangle's response exceeds the payload budget.
 */
export function beforeRects(
  cells: readonly { row: number; col: number }[],
  maxCells: number,
  budgetCells: number = BEFORE_CELLS,
): Rect[] {
  const box = boundingRect(cells);
  if (!box) return [];
  const rects =
    area(box) <= maxCells
      ? [box]
      : columnRuns(cells, () => '').map((run) => ({
          top: run.top,
          left: run.col,
          bottom: run.top + run.items.length - 1,
          right: run.col,
        }));
  return rects.flatMap((r) => bands(r, budgetCells));
}

/**
 * Groups items, in order, into requests of at most `budget` (by `weight`);
 * the first request takes `first`, and stays empty when even the first item
 * does not fit into it.
 */
export function groupByWeight<T>(
  items: readonly T[],
  weight: (item: T) => number,
  budget: number,
  first = budget,
): T[][] {
  const groups: T[][] = [];
  let cur: T[] = [];
  let total = 0;
  let cap = first;
  for (const item of items) {
    const w = weight(item);
    if (cur.length > 0 && total + w > cap) {
      groups.push(cur);
      cur = [];
      total = 0;
      cap = budget;
    } else if (cur.length === 0 && groups.length === 0 && w > cap) {
      groups.push([]);
      cap = budget;
    }
    cur.push(item);
    total += w;
  }
  if (cur.length > 0) groups.push(cur);
  return groups;
}

/** Groups rectangles into requests of at most `budgetCells` cells; the first takes `firstCells`. */
export function groupRects(rects: readonly Rect[], budgetCells: number, firstCells = budgetCells): Rect[][] {
  return groupByWeight(rects, area, budgetCells, firstCells);
}

function queueBeforeRead(ws: Excel.Worksheet, rect: Rect): BeforeRead {
  const range = ws.getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right));
  range.load('values,formulas,numberFormat');
  return { rect, range, props: range.getCellProperties(CELL_PROPS_OPTIONS) };
}

function stateAt(
  reads: readonly BeforeRead[],
  row: number,
  col: number,
): Omit<CellState, 'row' | 'col'> | undefined {
  for (const read of reads) {
    const { rect } = read;
    if (row < rect.top || row > rect.bottom || col < rect.left || col > rect.right) continue;
    const r = row - rect.top;
    const c = col - rect.left;
    const f = read.range.formulas[r]?.[c];
    const v = read.range.values[r]?.[c];
    const fmt = read.range.numberFormat[r]?.[c];
    const props = read.props.value[r]?.[c];
    const pattern = props?.format?.fill?.pattern;
    const color = props?.format?.fill?.color;
    return {
      formula: typeof f === 'string' && f.startsWith('=') ? f : null,
      value: v === '' || v === undefined ? null : (v as CellState['value']),
      numberFormat: typeof fmt === 'string' ? fmt : 'General',
      fill: pattern === 'None' || !color ? null : color.toUpperCase(),
      italic: props?.format?.font?.italic === true,
    };
  }
  return undefined;
}

/** True when the cell already holds everything the write would set. */
export function writeIsNoOp(w: CellWrite, s: Omit<CellState, 'row' | 'col'>): boolean {
  if (w.formula !== undefined && w.formula !== s.formula) return false;
  if (w.value !== undefined && (s.formula !== null || (w.value ?? null) !== s.value)) return false;
  if (w.numberFormat !== undefined && w.numberFormat !== s.numberFormat) return false;
  if (w.fill !== undefined && (w.fill?.toUpperCase() ?? null) !== s.fill) return false;
  if (w.italic !== undefined && w.italic !== s.italic) return false;
  return true;
}

function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID
    ? c.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export async function applyPlan(
  plan: WritePlan,
  snapshot: Grid,
  meta: ApplyMeta,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  if (isEmptyPlan(plan)) return { written: 0 };
  validatePlan(plan);
  const verify = options.verifySnapshot ?? true;
  const maxCells = options.maxCells ?? CHUNK_CELLS;
  if (verify && snapshot.sheet !== plan.sheet) {
    throw new GatewayError(
      'INVALID_PLAN',
      `Ändringen gäller bladet ”${plan.sheet}” men lästes från ”${snapshot.sheet}”. Inget har ändrats.`,
    );
  }
  const writes = mergeWrites(plan.writes);
  // Which cell each target was before the inserts; inserted cells have no before-state.
  const targets = writes
    .map((w) => ({ row: w.row, col: preInsertColumn(w.col, w.row, plan.inserts), postCol: w.col }))
    .filter((t): t is { row: number; col: number; postCol: number } => t.col !== undefined);

  return runWithStore(async (context, store) => {
    const ws = context.workbook.worksheets.getItem(plan.sheet);
    const extent = verify ? gridRect(snapshot) : undefined;
    const inWindow = extent && intersect(extent, READ_WINDOW);
    const check = inWindow
      ? ws.getRange(rangeA1(inWindow.top, inWindow.left, inWindow.bottom, inWindow.right))
      : undefined;
    check?.load('values,formulas');
    const checkCells = inWindow
      ? Math.ceil((area(inWindow) * CHECK_BYTES_PER_CELL) / BEFORE_STATE_BYTES_PER_CELL)
      : 0;
    // Before-states in the first sync as far as the budget allows; the rest, and the snapshot's
    // area outside the read window, packed into as few further syncs as the budget allows.
    const [firstReads = [], ...moreReads] = groupRects(
      beforeRects(targets, maxCells),
      BEFORE_CELLS,
      Math.max(0, BEFORE_CELLS - checkCells - Math.ceil(STORE_HEAD_BYTES / BEFORE_STATE_BYTES_PER_CELL)),
    );
    // One sync per band of the snapshot outside the read window, as readSheet does; the
    // remaining before-state reads ride along as far as the budget allows, then get syncs of their own.
    const checkWeight = (rect: Rect): number =>
      Math.ceil((area(rect) * CHECK_BYTES_PER_CELL) / BEFORE_STATE_BYTES_PER_CELL);
    const laterReads = (extent ? followUpChunks(extent, maxCells) : []).map((rect) => ({
      reads: [{ rect, check: true }],
      room: BEFORE_CELLS - checkWeight(rect),
    }));
    const pending = moreReads.flat();
    for (const group of laterReads) {
      while (pending.length > 0 && area(pending[0]!) <= group.room) {
        const rect = pending.shift()!;
        group.reads.push({ rect, check: false });
        group.room -= area(rect);
      }
    }
    for (const rects of groupRects(pending, BEFORE_CELLS))
      laterReads.push({ reads: rects.map((rect) => ({ rect, check: false })), room: 0 });
    const before: BeforeRead[] = firstReads.map((rect) => queueBeforeRead(ws, rect));
    await context.sync();

    if (check && inWindow && !blockMatches(snapshot, inWindow, check.values, check.formulas))
      throw sheetChanged(plan.sheet);
    for (const { reads: group } of laterReads) {
      const checks = group
        .filter((r) => r.check)
        .map(({ rect }) => {
          const range = ws.getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right));
          range.load('values,formulas');
          return { rect, range };
        });
      before.push(...group.filter((r) => !r.check).map(({ rect }) => queueBeforeRead(ws, rect)));
      await context.sync();
      for (const { rect, range } of checks) {
        if (!blockMatches(snapshot!, rect, range.values, range.formulas)) throw sheetChanged(plan.sheet);
      }
    }

    const beforeStates: CellState[] = [];
    const unchanged = new Set<string>();
    const writeAt = new Map(writes.map((w) => [`${w.row},${w.col}`, w]));
    for (const t of targets) {
      const s = stateAt(before, t.row, t.col);
      if (!s) continue;
      beforeStates.push({ row: t.row, col: t.postCol, ...s });
      const key = `${t.row},${t.postCol}`;
      if (plan.inserts.length === 0 && writeIsNoOp(writeAt.get(key)!, s)) unchanged.add(key);
    }
    // Running a command twice gives the same workbook as running it once: no writes, no journal entry.
    const effective = writes.filter((w) => !unchanged.has(`${w.row},${w.col}`));
    if (effective.length === 0 && plan.inserts.length === 0) return { written: 0 };
    const entry: JournalEntry = {
      id: newId(),
      command: meta.command,
      description: meta.description,
      createdAt: new Date().toISOString(),
      sheet: plan.sheet,
      inserts: plan.inserts.map((i) => ({ ...i })),
      before: beforeStates.filter((b) => !unchanged.has(`${b.row},${b.col}`)),
      after: effective
        .filter((w) => w.formula !== undefined || w.value !== undefined)
        .map((w) => ({
          row: w.row,
          col: w.col,
          ...(w.formula !== undefined ? { formula: w.formula } : { value: w.value ?? null }),
        })),
    };

    // Inserts first: they shift cells, so they all run in the first write request.
    const insertOps: QueuedOp[] = plan.inserts.map((ins) => ({
      bytes: COMMAND_OVERHEAD,
      queue: () => void ws.getRange(rangeA1(ins.top, ins.col, ins.bottom, ins.col)).insert('Right'),
    }));
    const formatBefore = new Map(beforeStates.map((b) => [`${b.row},${b.col}`, b.numberFormat]));
    const putOps = cellPutOps(
      ws,
      effective.map((w) => putFromWrite(w, w.numberFormat ?? formatBefore.get(`${w.row},${w.col}`))),
    );
    const current = await store.load();
    // The journal entry comes last, so "Ångra senaste" never sees a half-written command.
    const storeOps = storeWriteOps(context, pushJournal(current.data, entry), current);
    const groups = packOps([...insertOps, ...putOps, ...storeOps]);
    const staged = storeOps.length > 1;
    try {
      await syncGroups(context, groups);
    } catch (e) {
      const failed = e instanceof ChunkFailure ? e.index : 0;
      const failure = e instanceof ChunkFailure ? e.failure : e;
      if (staged) await clearStaging(context);
      // Excel keeps what a failed batch did before the failing command; put it back.
      throw await rollBack(context, ws, entry, verify ? snapshot : undefined, failure, failed > 0);
    }
    return { written: effective.length, journalId: entry.id };
  }, plan.sheet);
}

/**
 * How many of the inserts a failed batch had applied, told from where the
 * snapshot's constants now sit. Writes are queued after all inserts, so
 * fewer than all inserts means no write happened either.
 */
export function appliedInserts(
  snapshot: Grid,
  inserts: readonly ColumnInsert[],
  current: { rect: Rect; values: readonly (readonly unknown[])[] },
): number {
  const { rect, values } = current;
  const valueAt = (row: number, col: number): unknown =>
    row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right
      ? values[row - rect.top]?.[col - rect.left]
      : undefined;
  for (let k = 0; k < inserts.length; k++) {
    const applied = inserts.slice(0, k);
    let matches = true;
    forEachCell(snapshot, (row, col, cell) => {
      if (!matches || cell.f !== undefined || cell.v === null) return;
      if (valueAt(row, shiftedColumn(col, row, applied)) !== cell.v) matches = false;
    });
    if (matches) return k;
  }
  return inserts.length;
}

async function rollBack(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  entry: JournalEntry,
  snapshot: Grid | undefined,
  failure: unknown,
  insertsDone: boolean,
): Promise<GatewayError> {
  const cause = toGatewayError(failure, entry.sheet);
  try {
    let applied = entry.inserts.length;
    // Inserts all run in the first write request; a later request failing means they all happened.
    const extent = snapshot && !insertsDone && entry.inserts.length > 0 ? gridRect(snapshot) : undefined;
    if (snapshot && extent) {
      const rect = { ...extent, right: extent.right + entry.inserts.length };
      const values: unknown[][] = [];
      for (const band of bands(rect)) {
        const range = ws.getRange(rangeA1(band.top, band.left, band.bottom, band.right));
        range.load('values');
        await context.sync();
        values.push(...range.values);
      }
      applied = appliedInserts(snapshot, entry.inserts, { rect, values });
    }
    // Restoring every before-state is right whichever request failed: cells not yet written get what they hold.
    const ops =
      applied === entry.inserts.length
        ? restoreOps(ws, entry)
        : insertDeleteOps(ws, { inserts: entry.inserts.slice(0, applied) });
    await syncGroups(context, packOps(ops));
    return new GatewayError(cause.code, `${cause.userMessage} Bladet ”${entry.sheet}” är återställt.`, {
      cause: failure,
    });
  } catch {
    return new GatewayError(
      'EXCEL_ERROR',
      `Excel avbröt ändringen och Budgetkoll kunde inte återställa bladet ”${entry.sheet}” helt. Kontrollera bladet eller stäng utan att spara.`,
      { cause: failure },
    );
  }
}
