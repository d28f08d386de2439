/**
 * Runs the work on a user's file in a worker thread with a memory limit, so
 * that no workbook, however built, can take the process down: a worker that
 * runs out of memory becomes one Swedish line naming the file (and, in a
 * batch check, one line for that file while the others go on), never V8's
 * "FATAL ERROR … heap out of memory" with a native stack trace.
 *
 * A batch check (`validera --katalog`) checks several files at once, one per
 * core, each in its own worker; a file that runs out of memory beside others
 * is tried again alone with the whole limit.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { formatSwedish } from '../core/numbers';
import { EXIT, unexpectedMessage } from './errors';
import { removePendingOutputs } from './files';
import type { FileResult, FileValidator } from './io';
import type { ProcessOutput } from './output';

/** The heap a command's worker may use; with the main thread and the file's bytes the process stays near 1 GB. */
export const HEAP_LIMIT_MB = 768;

/** The limit, or BUDGETKOLL_HEAP_MB (at least 64) on a machine with less or more memory to give. */
export function heapLimitMb(): number {
  const v = Number(process.env.BUDGETKOLL_HEAP_MB);
  return Number.isInteger(v) && v >= 64 ? v : HEAP_LIMIT_MB;
}
/** The most workers a batch check runs at once. */
const MAX_PARALLEL = 4;

export type WorkerJob = { kind: 'command'; argv: string[] } | { kind: 'validate' };

export type ToWorker = { type: 'closed' } | { type: 'validate'; file: string; summary: boolean };

export type FromWorker =
  | { type: 'out'; text: string }
  | { type: 'err'; text: string }
  | { type: 'reading'; path: string }
  | { type: 'temp'; path: string; live: boolean }
  | { type: 'exit'; code: number }
  | { type: 'result'; result: FileResult };

function outOfMemory(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

export function memoryMessage(file: string | undefined, limitMb: number): string {
  const what = file ? `Arbetsboken ${file}` : 'Arbetsboken';
  return (
    `${what} kräver mer än ${formatSwedish(limitMb)} MB minne för att kontrolleras. ` +
    'Dela upp den i mindre arbetsböcker eller ta bort stora tomma, formaterade områden och försök igen.'
  );
}

function spawn(script: string, job: WorkerJob, heapMb: number): Worker {
  return new Worker(script, {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    stdout: false,
    stderr: false,
  });
}

/** Runs a whole command (`validera fil.xlsx`, `berakna …`) in a worker; its output goes through `out`. */
export function runCommandInWorker(
  script: string,
  argv: readonly string[],
  out: ProcessOutput,
): Promise<number> {
  return new Promise((resolve) => {
    const limit = heapLimitMb();
    const worker = spawn(script, { kind: 'command', argv: [...argv] }, limit);
    const temps = new Set<string>();
    let reading: string | undefined;
    let code: number | undefined;
    let failure: unknown;
    let toldClosed = false;
    const stop = (signal: NodeJS.Signals) => {
      void worker.terminate();
      removePendingOutputs(temps);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'out') {
        out.stdout(m.text);
        if (out.closed() && !toldClosed) {
          toldClosed = true;
          worker.postMessage({ type: 'closed' } satisfies ToWorker);
        }
      } else if (m.type === 'err') out.stderr(m.text);
      else if (m.type === 'reading') reading = m.path;
      else if (m.type === 'temp') {
        if (m.live) temps.add(m.path);
        else temps.delete(m.path);
      } else if (m.type === 'exit') code = m.code;
    });
    worker.on('error', (e) => {
      failure = e;
    });
    worker.on('exit', () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      removePendingOutputs(temps);
      if (code !== undefined && failure === undefined) return resolve(code);
      if (outOfMemory(failure)) out.stderr(`budgetkoll: ${memoryMessage(reading, limit)}\n`);
      else {
        out.stderr(`budgetkoll: ${unexpectedMessage(failure ?? 'arbetet avbröts')}\n`);
      }
      resolve(EXIT.UNUSABLE);
    });
  });
}

/** A FileValidator that checks files in parallel workers, each with its share of the memory limit. */
export function workerValidator(script: string): FileValidator {
  return async (files, onResult, { summary }) => {
    let stopped = false;
    const deliver = (r: FileResult) => {
      if (!stopped && onResult(r) === false) stopped = true;
    };
    const retry: string[] = [];
    const limit = heapLimitMb();
    const parallel = Math.max(1, Math.min(availableParallelism(), MAX_PARALLEL, files.length));
    await runPool(
      script,
      summary,
      files,
      parallel,
      Math.floor(limit / parallel),
      deliver,
      () => stopped,
      (file) => {
        if (parallel > 1) retry.push(file);
        else deliver({ file, error: memoryMessage(undefined, limit) });
      },
    );
    if (retry.length && !stopped)
      await runPool(
        script,
        summary,
        retry,
        1,
        limit,
        deliver,
        () => stopped,
        (file) => deliver({ file, error: memoryMessage(undefined, limit) }),
      );
  };
}

function runPool(
  script: string,
  summary: boolean,
  files: readonly string[],
  parallel: number,
  heapMb: number,
  deliver: (r: FileResult) => void,
  stopped: () => boolean,
  onOutOfMemory: (file: string) => void,
): Promise<void> {
  const queue = [...files];
  return new Promise((resolve) => {
    let running = 0;
    const start = () => {
      if (stopped() || queue.length === 0) {
        if (running === 0) resolve();
        return;
      }
      running++;
      const worker = spawn(script, { kind: 'validate' }, heapMb);
      let current: string | undefined;
      let failure: unknown;
      const next = () => {
        current = stopped() ? undefined : queue.shift();
        if (current === undefined) void worker.terminate();
        else worker.postMessage({ type: 'validate', file: current, summary } satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type !== 'result') return;
        deliver(m.result);
        next();
      });
      worker.on('error', (e) => {
        failure = e;
      });
      worker.on('exit', () => {
        running--;
        if (current !== undefined) {
          if (outOfMemory(failure)) onOutOfMemory(current);
          else {
            deliver({ file: current, error: unexpectedMessage(failure ?? 'arbetet avbröts') });
          }
        }
        // A worker that died leaves its share of the queue to a fresh one.
        start();
      });
      next();
    };
    const n = Math.min(parallel, queue.length);
    if (n === 0) resolve();
    for (let i = 0; i < n; i++) start();
  });
}
