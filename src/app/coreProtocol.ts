/**
 * The task pane runs the core in a Web Worker, so a 20 000-row check never
 * freezes the pane. This is the protocol, pure and tested without a browser:
 * the worker answers requests with `answerCoreRequest`; the pane talks to it
 * through `remoteCore`, which falls back to running the core in the pane's
 * own thread when the worker cannot start or dies (an old host, a blocked
 * script), so a command never fails for lack of a worker.
 */
import type { Cell, Grid, GridRow } from '../core/grid';
import type { CoreApi, SyncCoreApi } from './ports';

export type CoreOp = keyof SyncCoreApi;

export interface CoreRequest {
  id: number;
  op: CoreOp;
  args: unknown[];
}

export type CoreResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

const OPS: readonly CoreOp[] = [
  'analyzeSheet',
  'computeDeviations',
  'validateSums',
  'textNumberFixPlan',
  'buildReport',
];

function isRequest(data: unknown): data is CoreRequest {
  if (!data || typeof data !== 'object') return false;
  const r = data as Partial<CoreRequest>;
  return typeof r.id === 'number' && OPS.includes(r.op as CoreOp) && Array.isArray(r.args);
}

/** The worker side: runs one request against the core; a failure becomes a message, never a throw. */
export function answerCoreRequest(core: SyncCoreApi, data: unknown): CoreResponse | undefined {
  if (!isRequest(data)) return undefined;
  try {
    const fn = core[data.op] as (...args: unknown[]) => unknown;
    return { id: data.id, ok: true, result: fn.apply(core, unpackArgs(data.args)) };
  } catch (e) {
    return { id: data.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** How the pane reaches the worker (a Worker in the browser; a MessageChannel in tests). */
export interface CoreTransport {
  /** Posts a request; `transfer` are buffers it may move to the worker instead of copying. */
  send(request: CoreRequest, transfer: ArrayBuffer[]): void;
  /** Registers the listener for answers. */
  onAnswer(listener: (response: CoreResponse) => void): void;
  /** Registers the listener for a worker that failed to load or crashed. */
  onFailure(listener: (reason: string) => void): void;
  close(): void;
}

interface Pending {
  request: CoreRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * A CoreApi whose calls go to the worker behind `transport`. If the worker
 * fails, every pending call and every later one runs on `fallback()` (the
 * core loaded into the pane's thread) instead.
 */
export function remoteCore(
  transport: CoreTransport | undefined,
  fallback: () => Promise<SyncCoreApi>,
): CoreApi & {
  /** True while calls go to the worker. */
  readonly remote: boolean;
} {
  let nextId = 1;
  let alive = transport !== undefined;
  const pending = new Map<number, Pending>();

  const runLocally = async (request: CoreRequest): Promise<unknown> => {
    const core = await fallback();
    const answer = answerCoreRequest(core, request);
    if (!answer) throw new Error(`unknown core request ${request.op}`);
    if (!answer.ok) throw new Error(answer.message);
    return answer.result;
  };

  transport?.onAnswer((response) => {
    const p = pending.get(response.id);
    if (!p) return;
    pending.delete(response.id);
    if (response.ok) p.resolve(response.result);
    else p.reject(new Error(response.message));
  });
  transport?.onFailure(() => {
    alive = false;
    transport.close();
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) runLocally(p.request).then(p.resolve, p.reject);
  });

  const call =
    <T>(op: CoreOp) =>
    (...args: unknown[]): Promise<T> => {
      const request: CoreRequest = { id: nextId++, op, args };
      if (!alive || !transport) return runLocally(request) as Promise<T>;
      return new Promise<T>((resolve, reject) => {
        pending.set(request.id, { request, resolve: resolve as (v: unknown) => void, reject });
        try {
          const packed = packArgs(args);
          transport.send({ ...request, args: packed.args }, packed.transfer);
        } catch {
          // A grid the worker cannot receive (it never is plain data otherwise): run it here.
          pending.delete(request.id);
          runLocally(request).then(resolve as (v: unknown) => void, reject);
        }
      });
    };

  return {
    analyzeSheet: call('analyzeSheet'),
    computeDeviations: call('computeDeviations'),
    validateSums: call('validateSums'),
    textNumberFixPlan: call('textNumberFixPlan'),
    buildReport: call('buildReport'),
    get remote() {
      return alive;
    },
  };
}

/**
 * A grid as it crosses to the worker: flat arrays instead of one object per
 * cell, so structured cloning costs the pane's thread a fraction of what
 * 140 000 small objects would (the typed arrays are transferred, not copied).
 */
export interface PackedGrid {
  packed: 'grid';
  sheet: string;
  /** Absolute row index of each stored row. */
  rowIndex: Int32Array;
  /** Offsets into the cell arrays: row k's cells are start[k] … start[k + 1] − 1. */
  start: Int32Array;
  col: Int32Array;
  value: (number | string | boolean | null)[];
  /** Formula per cell, or undefined (a sparse array). */
  formula: (string | undefined)[];
  /** Index into `formats` + 1; 0 = General. */
  format: Int32Array;
  formats: string[];
  /** 1 where the value is an error value. */
  error: Uint8Array;
}

export function isPackedGrid(x: unknown): x is PackedGrid {
  return !!x && typeof x === 'object' && (x as { packed?: unknown }).packed === 'grid';
}

function isGrid(x: unknown): x is Grid {
  return (
    !!x && typeof x === 'object' && typeof (x as Grid).sheet === 'string' && Array.isArray((x as Grid).rows)
  );
}

export function packGrid(grid: Grid): PackedGrid {
  let n = 0;
  for (const r of grid.rows) n += r.cols.length;
  const rowIndex = new Int32Array(grid.rows.length);
  const start = new Int32Array(grid.rows.length + 1);
  const col = new Int32Array(n);
  const format = new Int32Array(n);
  const error = new Uint8Array(n);
  const value: PackedGrid['value'] = new Array(n);
  const formula: PackedGrid['formula'] = new Array(n);
  const formats: string[] = [];
  const formatIds = new Map<string, number>();
  let k = 0;
  grid.rows.forEach((r, i) => {
    rowIndex[i] = r.index;
    start[i] = k;
    for (let j = 0; j < r.cols.length; j++, k++) {
      const cell = r.cells[j]!;
      col[k] = r.cols[j]!;
      value[k] = cell.v;
      if (cell.f !== undefined) formula[k] = cell.f;
      if (cell.err) error[k] = 1;
      if (cell.fmt !== undefined) {
        let id = formatIds.get(cell.fmt);
        if (id === undefined) {
          id = formats.push(cell.fmt);
          formatIds.set(cell.fmt, id);
        }
        format[k] = id;
      }
    }
  });
  start[grid.rows.length] = k;
  return { packed: 'grid', sheet: grid.sheet, rowIndex, start, col, value, formula, format, formats, error };
}

export function unpackGrid(p: PackedGrid): Grid {
  const rows: GridRow[] = [];
  for (let i = 0; i < p.rowIndex.length; i++) {
    const from = p.start[i]!;
    const to = p.start[i + 1]!;
    const cols: number[] = new Array(to - from);
    const cells: Cell[] = new Array(to - from);
    for (let k = from; k < to; k++) {
      const cell: Cell = { v: p.value[k] ?? null };
      const f = p.formula[k];
      if (f !== undefined) cell.f = f;
      const fmt = p.format[k]!;
      if (fmt > 0) cell.fmt = p.formats[fmt - 1]!;
      if (p.error[k]) cell.err = true;
      cols[k - from] = p.col[k]!;
      cells[k - from] = cell;
    }
    rows.push({ index: p.rowIndex[i]!, cols, cells });
  }
  return { sheet: p.sheet, rows };
}

/** The request's arguments with every grid packed, and the buffers to transfer. */
export function packArgs(args: readonly unknown[]): { args: unknown[]; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const pack = (x: unknown): unknown => {
    if (isGrid(x)) {
      const p = packGrid(x);
      transfer.push(
        p.rowIndex.buffer as ArrayBuffer,
        p.start.buffer as ArrayBuffer,
        p.col.buffer as ArrayBuffer,
        p.format.buffer as ArrayBuffer,
        p.error.buffer as ArrayBuffer,
      );
      return p;
    }
    return Array.isArray(x) && x.length > 0 && isGrid(x[0]) ? x.map(pack) : x;
  };
  return { args: args.map(pack), transfer };
}

/** The worker side of packArgs. */
export function unpackArgs(args: readonly unknown[]): unknown[] {
  const unpack = (x: unknown): unknown =>
    isPackedGrid(x)
      ? unpackGrid(x)
      : Array.isArray(x) && x.length > 0 && isPackedGrid(x[0])
        ? x.map(unpack)
        : x;
  return args.map(unpack);
}
