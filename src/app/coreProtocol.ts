/**
 * The task pane runs the core in a Web Worker, so a 20 000-row check never
 * freezes the pane. This is the protocol, pure and tested without a browser:
 * the worker answers requests with `answerCoreRequest`; the pane talks to it
 * through `remoteCore`, which falls back to running the core in the pane's
 * own thread when the worker cannot start or dies (an old host, a blocked
 * script), so a command never fails for lack of a worker.
 */
import type { CoreApi, SyncCoreApi } from './ports';

export type CoreOp = keyof SyncCoreApi;

export interface CoreRequest {
  id: number;
  op: CoreOp;
  args: unknown[];
}

export type CoreResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

const OPS: readonly CoreOp[] = ['analyzeSheet', 'computeDeviations', 'validateSums', 'textNumberFixPlan'];

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
    return { id: data.id, ok: true, result: fn.apply(core, data.args) };
  } catch (e) {
    return { id: data.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** How the pane reaches the worker (a Worker in the browser; a MessageChannel in tests). */
export interface CoreTransport {
  send(request: CoreRequest): void;
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
          transport.send(request);
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
    get remote() {
      return alive;
    },
  };
}
