/**
 * WritePlan → sheet, with a journal entry for "Ångra senaste".
 *
 * Sync 1 reads what the write depends on: the sheet's protection, whether
 * every insert can be made (writeGuards.ts), the cells the plan was computed
 * from (plan.dependsOn, or the whole snapshot) and the cells it writes, with
 * their before-states, and the store's header. Nothing is written unless the
 * sheet still matches the snapshot there. Sync 2 does the inserts, the
 * writes, the journal entry and, last, the store's header: the commit.
 * Plans too large for one request read and write in more syncs within the
 * payload budget; a failure in any of them is rolled back from the
 * before-states (Excel keeps what a failed batch did before it failed).
 */
import type { Grid } from '../core/grid';
import { GridBuilder, cellAt, gridBounds, rangeA1 } from '../core/grid';
import {
  isEmptyPlan,
  type CellState,
  type CellWrite,
  type ColumnInsert,
  type CommandName,
  type JournalEntry,
  type WritePlan,
} from '../core/plan';
import type { JournalSummary, StoreChange } from '../core/store';
import {
  currentAt,
  beforeRects,
  isUniform,
  queueBeforeRead,
  SMALL_BOX,
  queueCellProperties,
  writeIsNoOp,
  type BeforeRead,
} from './beforeStates';
import { CELL_DATA_PROPS } from './cellData';
import { cellPutOps, putFromWrite, type CellPut } from './cellWrites';
import { GatewayError, sheetChanged } from './errors';
import {
  CELL_PROPS_BYTES,
  COMMAND_OVERHEAD,
  ChunkFailure,
  PAYLOAD_BUDGET,
  READ_BUDGET,
  packOps,
  syncGroups,
  type QueuedOp,
} from './payload';
import { ESTIMATED_BYTES_PER_CELL, measuredBytesPerCell, placeBlock } from './readSheet';
import { CHUNK_CELLS, area, contains, packRows, subtractRects, type Rect, type RowWeighed } from './regions';
import { rollBack } from './rollback';
import {
  beforeRowBytes,
  blockMatches,
  checkRowBytes,
  queueCheck,
  snapshotRects,
  type CheckRead,
} from './snapshotCheck';
import {
  STORE_HEAD_BYTES,
  appendChange,
  assertWritable,
  queueAbandon,
  runWithStore,
  storeChangeOps,
} from './store';
import { queueWriteGuard } from './writeGuards';

export { beforeRects, writeIsNoOp } from './beforeStates';
export { blockMatches } from './snapshotCheck';
export { appliedInserts } from './rollback';

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
  /** Bytes per request and response (tests); default PAYLOAD_BUDGET. */
  budget?: number;
  /**
   * Read the sheet back in the last write sync and return it as ApplyResult.grid,
   * so the caller need not read it again (skipped when it would not fit that sync).
   */
  returnGrid?: boolean;
}

export interface ApplyResult {
  /** Cells written. */
  written: number;
  journalId?: string;
  /** Swedish notice when the oldest undo steps had to go to make room for this one. */
  notice?: string;
  /** With returnGrid: the sheet as it is after the write, within the snapshot's area (and the inserted cells). */
  grid?: Grid;
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

function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID
    ? c.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Share of the budget the checks and before-states are planned with: their
 * sizes are computed from the snapshot (what the sheet holds unless it
 * changed, and then the command stops), close to what Excel sends.
 */
const READ_MARGIN = 0.98;

/** A read of the write's first syncs: a check of what the plan depends on, or a before-state. */
interface Read extends RowWeighed {
  kind: 'check' | 'before';
  /** A before-state read that takes its cells' fill and italic at once. */
  cellProps?: boolean;
}

function droppedNotice(dropped: readonly JournalSummary[]): string | undefined {
  if (dropped.length === 0) return undefined;
  const names = dropped.map((d) => `”${d.description}”`).join(', ');
  return dropped.length === 1
    ? `Ångra-historiken är full: det äldsta steget, ${names}, kan inte längre ångras.`
    : `Ångra-historiken är full: de ${dropped.length} äldsta stegen (${names}) kan inte längre ångras.`;
}

/**
 * The puts that give inserted cells their own formatting: Excel copies the
 * left neighbour's, so a deviation column inserted right of a yellow, italic
 * forecast would look like a forecast proposal.
 */
function insertedCellPuts(inserts: readonly ColumnInsert[], writes: readonly CellWrite[]): CellPut[] {
  const written = new Map(writes.map((w) => [`${w.row},${w.col}`, w]));
  const puts: CellPut[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < inserts.length; i++) {
    const ins = inserts[i]!;
    for (let row = ins.top; row <= ins.bottom; row++) {
      // Where the inserted cell ends up after the later inserts.
      let col = ins.col;
      for (let j = i + 1; j < inserts.length; j++) {
        const later = inserts[j]!;
        if (row >= later.top && row <= later.bottom && col >= later.col) col++;
      }
      const key = `${row},${col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const w = written.get(key);
      puts.push({
        row,
        col,
        ...(w?.numberFormat === undefined ? { numberFormat: 'General' } : {}),
        ...(w?.fill === undefined ? { fill: null } : {}),
        ...(w?.italic === undefined ? { italic: false } : {}),
      });
    }
  }
  return puts;
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
  const budget = options.budget ?? PAYLOAD_BUDGET;
  if (verify && snapshot.sheet.toLowerCase() !== plan.sheet.toLowerCase()) {
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
  // What the reads weigh is known from the snapshot: the sheet still holds it, or the command stops.
  const readBudget = options.budget ?? READ_BUDGET;
  const checkArea = verify ? (plan.dependsOn ?? snapshotRects(snapshot)) : [];
  const boxes = beforeRects(targets, maxCells, Number.MAX_SAFE_INTEGER);
  // A before-state box inside the checked area is checked by its own read (values and formulas), not twice.
  const covered =
    boxes.length * checkArea.length <= 100_000
      ? boxes.filter((b) => checkArea.some((c) => contains(c, b)))
      : [];
  const reads: Read[] = [
    ...subtractRects(checkArea, covered).map((rect) => ({
      kind: 'check' as const,
      rect,
      rowBytes: (row: number) => checkRowBytes(snapshot, row, rect.left, rect.right),
    })),
    ...boxes.map((rect) => {
      const cellProps = area(rect) <= SMALL_BOX;
      const props = cellProps ? (rect.right - rect.left + 1) * CELL_PROPS_BYTES : 0;
      return {
        kind: 'before' as const,
        rect,
        cellProps,
        rowBytes: (row: number) => beforeRowBytes(snapshot, row, rect.left, rect.right) + props,
      };
    }),
  ];

  return runWithStore(
    async (context, store) => {
      const ws = context.workbook.worksheets.getItem(plan.sheet);
      const guard = queueWriteGuard(ws, plan.sheet, plan.inserts);
      // Checks first, then before-states, packed into as few syncs as the budget allows.
      const groups = packRows(
        reads,
        readBudget * READ_MARGIN,
        readBudget * READ_MARGIN - STORE_HEAD_BYTES,
        COMMAND_OVERHEAD,
      );
      const checks: CheckRead[] = [];
      const before: BeforeRead[] = [];
      for (let g = 0; g < Math.max(1, groups.length); g++) {
        for (const { source, rect } of groups[g] ?? []) {
          if (source.kind === 'check') checks.push(queueCheck(ws, rect));
          else before.push(queueBeforeRead(ws, rect, source.cellProps));
        }
        await context.sync();
        if (g === 0) {
          // Refuse before anything is written: a protected sheet, an insert Excel would refuse, a store that cannot be read.
          guard.check();
          const state = await store.load();
          assertWritable(state);
        }
      }
      for (const { rect, range } of checks) {
        if (!blockMatches(snapshot, rect, range.formulas)) throw sheetChanged(plan.sheet);
      }
      for (const { rect, range } of before) {
        if (
          covered.some((c) => contains(c, rect)) &&
          !blockMatches(snapshot, rect, range.formulas, range.values)
        )
          throw sheetChanged(plan.sheet);
      }
      // Large ranges whose cells differ in fill or italic: read those cell by cell, within the budget.
      const mixed = before.filter((b) => !isUniform(b));
      for (const part of groupByWeight(mixed, (b) => area(b.rect) * CELL_PROPS_BYTES, budget)) {
        for (const b of part) queueCellProperties(b);
        await context.sync();
      }

      const beforeStates: CellState[] = [];
      const unchanged = new Set<string>();
      const writeAt = new Map(writes.map((w) => [`${w.row},${w.col}`, w]));
      for (const t of targets) {
        const now = currentAt(before, t.row, t.col);
        if (!now) continue;
        // A cell the plan writes must still hold what the plan was computed from.
        if (verify) {
          const snap = cellAt(snapshot, t.row, t.col);
          if (
            (snap.f ?? null) !== (now.cell.f ?? null) ||
            (snap.f === undefined && (snap.v ?? null) !== (now.cell.v ?? null))
          )
            throw sheetChanged(plan.sheet);
        }
        beforeStates.push({ row: t.row, col: t.postCol, ...now.state });
        const key = `${t.row},${t.postCol}`;
        if (plan.inserts.length === 0 && writeIsNoOp(writeAt.get(key)!, now.state)) unchanged.add(key);
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
      const putOps = cellPutOps(ws, [
        ...insertedCellPuts(plan.inserts, effective),
        ...effective.map((w) => putFromWrite(w, w.numberFormat ?? formatBefore.get(`${w.row},${w.col}`))),
      ]);
      const state = await store.load();
      // The journal entry comes last, its header is the commit: "Ångra senaste" never sees a half-written command.
      const change = appendChange(state, entry);
      const storeOps = storeChangeOps(context, state, change);
      const writeGroups = packOps([...insertOps, ...putOps, ...storeOps], budget);
      const readBack = options.returnGrid
        ? readBackRects(snapshot, plan.inserts, budget, measuredBytesPerCell(snapshot))
        : undefined;
      let backReads: { rect: Rect; range: Excel.Range }[] = [];
      try {
        await syncGroups(context, writeGroups, () => {
          backReads = (readBack ?? []).map((rect) => {
            const range = ws.getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right));
            range.load(CELL_DATA_PROPS);
            return { rect, range };
          });
        });
      } catch (e) {
        const failed = e instanceof ChunkFailure ? e.index : 0;
        const failure = e instanceof ChunkFailure ? e.failure : e;
        const error = await rollBack(context, ws, entry, verify ? snapshot : undefined, failure, failed > 0);
        await abandonUncommitted(context, change);
        throw error;
      }
      const notice = droppedNotice(change.dropped);
      const result: ApplyResult = {
        written: effective.length,
        journalId: entry.id,
        ...(notice ? { notice } : {}),
      };
      if (readBack) {
        const builder = new GridBuilder(snapshot.sheet);
        for (const { rect, range } of backReads)
          placeBlock(builder, rect.top, rect.left, range.values, range.formulas, range.numberFormat);
        result.grid = builder.build();
      }
      return result;
    },
    { sheet: plan.sheet, forWrite: true },
  );
}

/**
 * Best effort after a failed write: gives back the rows the new journal
 * entry was being written to. The header never named them, so they are
 * unused either way.
 */
async function abandonUncommitted(context: Excel.RequestContext, change: StoreChange): Promise<void> {
  try {
    queueAbandon(context, change);
    await context.sync();
  } catch {
    // Nothing reads rows the header does not name.
  }
}

/**
 * The rectangles to read back after a write: the snapshot's area, widened by
 * the inserts; none when reading them would not fit the last write sync.
 */
function readBackRects(
  snapshot: Grid,
  inserts: readonly ColumnInsert[],
  budget: number,
  perCell = ESTIMATED_BYTES_PER_CELL,
): Rect[] | undefined {
  const bounds = gridBounds(snapshot);
  if (!bounds) return [];
  const rect = { ...bounds, right: Math.min(MAX_COL, bounds.right + inserts.length) };
  // The write sync's response is otherwise empty: the read-back may take all of it. Written cells
  // weigh more than the empty cells they were, hence the margin.
  if (area(rect) * perCell * 1.5 > budget) return undefined;
  return [rect];
}
