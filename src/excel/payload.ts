/**
 * Request-size budgeting. Excel on the web refuses a request or a response
 * above 5 MB; everything the gateway sends and asks for is cut into syncs
 * that stay below PAYLOAD_BUDGET, so that every request and response keeps
 * under 4 MB even where an estimate is off by an eighth. Reads of cell data
 * are sized by what earlier reads measured (readSheet.ts). Pure: no
 * Office.js here.
 */

/** JSON bytes one sync may carry in its request or its response. */
export const PAYLOAD_BUDGET = 3.5 * 1024 * 1024;
/**
 * Response bytes a sync of cell data may carry. Data reads are sized by what
 * earlier blocks measured, with a 15 % margin (readSheet.ts), so they may
 * plan closer to 4 MB than estimates can; a response Excel refuses is read
 * again in halves.
 */
export const READ_BUDGET = 3.9 * 1024 * 1024;
/** Upper bound for one range command, so a long column run never fills a sync alone. */
export const COMMAND_BUDGET = 256 * 1024;
/** Per-command overhead: object path, operation, property name. */
export const COMMAND_OVERHEAD = 200;
/**
 * Response bytes per cell when reading a before-state, when nothing was
 * measured: values, formulas, number format and the fill/italic cell
 * properties (CELL_PROPS_BYTES of that).
 */
export const BEFORE_STATE_BYTES_PER_CELL = 180;
/** getCellProperties' fill colour, pattern and italic of one cell, as JSON. */
export const CELL_PROPS_BYTES = 85;

/** One queued Office.js command and its estimated request size. */
export interface QueuedOp {
  bytes: number;
  queue(): void;
}

/** JSON size of a value as it travels in a request (strings inside strings are escaped). */
export function jsonBytes(value: unknown): number {
  return JSON.stringify(value)?.length ?? 4;
}

/**
 * Packs ops, in order, into groups whose estimated bytes stay within
 * `budget`. An op larger than the budget gets a group of its own.
 */
export function packOps(ops: readonly QueuedOp[], budget: number = PAYLOAD_BUDGET): QueuedOp[][] {
  const groups: QueuedOp[][] = [];
  let cur: QueuedOp[] = [];
  let size = 0;
  for (const op of ops) {
    if (cur.length > 0 && size + op.bytes > budget) {
      groups.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(op);
    size += op.bytes;
  }
  if (cur.length > 0) groups.push(cur);
  return groups;
}

/**
 * Queues and syncs the groups one after another; on failure reports which
 * group failed. `beforeLastSync` queues what should ride along with the last
 * group (reading back what was written).
 */
export async function syncGroups(
  context: Excel.RequestContext,
  groups: readonly (readonly QueuedOp[])[],
  beforeLastSync?: () => void,
): Promise<void> {
  for (let i = 0; i < groups.length; i++) {
    for (const op of groups[i]!) op.queue();
    if (i === groups.length - 1) beforeLastSync?.();
    try {
      await context.sync();
    } catch (e) {
      throw new ChunkFailure(i, e);
    }
  }
}

/** A sync of syncGroups failed; `index` is the group that failed (earlier ones succeeded). */
export class ChunkFailure extends Error {
  constructor(
    readonly index: number,
    readonly failure: unknown,
  ) {
    super(`write chunk ${index} failed`);
    this.name = 'ChunkFailure';
  }
}
