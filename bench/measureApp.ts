/**
 * Validera struktur, Validera summor and Beräkna avvikelser through the app
 * store, the Office.js gateway and the simulated host (bench/jobs/app.ts), one
 * child per size; a command that passes the limit or crashes is recorded
 * with the syncs it had made, and the others go on in a new child.
 */
import type { Status } from './measureCore';
import type { AppCommand } from './protocol';
import { describeFailure, runJob } from './spawn';
import { grouped } from './stats';

/** Excel on the web refuses 5 MB; the budget is 4 MB per request and per response. */
export const SYNC_PAYLOAD_LIMIT = 4 * 1024 * 1024;

export const APP_LABEL: Record<AppCommand, string> = {
  validateStructure: 'Validera struktur',
  validateSums: 'Validera summor',
  computeDeviations: 'Beräkna avvikelser',
};

export interface AppCommandResult {
  status: Status;
  note?: string;
  ms?: number;
  /** Every context.sync() the command made: JSON bytes of its request and response. */
  syncs: { requestBytes: number; responseBytes: number }[];
  largestRequestBytes: number;
  largestResponseBytes: number;
  /** The task pane's message after the command (Swedish). */
  message?: string;
  /** JSON bytes the command must move at least: the range payload of what it reads, plus what it writes. */
  readPayloadBytes?: number;
  writePayloadBytes?: number;
  writes?: number;
  /** ceil(payload / 4 MB) + 2; from the read payload alone while the write is not known. */
  syncBudget?: number;
}

export interface AppSizeResult {
  size: number;
  maxRssMB?: number;
  commands: Partial<Record<AppCommand, AppCommandResult>>;
}

export interface AppOptions {
  sizes: number[];
  commands: readonly AppCommand[];
  seed: number;
  limitMs: number;
  log: (text: string) => void;
}

export function syncBudget(payloadBytes: number): number {
  return Math.ceil(payloadBytes / SYNC_PAYLOAD_LIMIT) + 2;
}

function largest(r: AppCommandResult): void {
  r.largestRequestBytes = r.syncs.reduce((m, s) => Math.max(m, s.requestBytes), 0);
  r.largestResponseBytes = r.syncs.reduce((m, s) => Math.max(m, s.responseBytes), 0);
}

export async function measureApp(options: AppOptions): Promise<AppSizeResult[]> {
  const out: AppSizeResult[] = [];
  for (const size of [...options.sizes].sort((a, b) => a - b)) {
    const result: AppSizeResult = { size, commands: {} };
    out.push(result);
    let todo = [...options.commands];
    while (todo.length > 0) {
      const fresh = (): AppCommandResult => ({
        status: 'ok',
        syncs: [],
        largestRequestBytes: 0,
        largestResponseBytes: 0,
      });
      const current = new Map<AppCommand, AppCommandResult>();
      const get = (c: AppCommand) => current.get(c) ?? current.set(c, fresh()).get(c)!;
      const done = new Set<AppCommand>();
      let phase = 'start-up setup';
      options.log(`  app ${grouped(size)} rows: ${todo.join(', ')}`);
      const proc = await runJob(
        { kind: 'app', size, commands: todo, seed: options.seed },
        options.limitMs,
        (line) => {
          if (line.type === 'phase') phase = line.phase;
          else if (line.type === 'appSetup') {
            const r = get(line.command);
            r.readPayloadBytes = line.readPayloadBytes;
            r.syncBudget = syncBudget(line.readPayloadBytes);
          } else if (line.type === 'appPlan') {
            const r = get(line.command);
            r.writePayloadBytes = line.writePayloadBytes;
            r.writes = line.writes;
            r.syncBudget = syncBudget((r.readPayloadBytes ?? 0) + line.writePayloadBytes);
          } else if (line.type === 'sync') {
            get(line.command).syncs.push({
              requestBytes: line.requestBytes,
              responseBytes: line.responseBytes,
            });
          } else if (line.type === 'app') {
            const r = get(line.command);
            r.ms = line.ms;
            if (line.writePayloadBytes !== undefined) {
              r.writePayloadBytes = line.writePayloadBytes;
              r.syncBudget = syncBudget((r.readPayloadBytes ?? 0) + line.writePayloadBytes);
            }
            r.writes = line.writes;
            if (line.message !== undefined) r.message = line.message;
            if (line.status !== 'ready') {
              r.status = 'failed';
              r.note = `the command ended in state ${line.status}: ${line.message ?? ''}`;
            }
            done.add(line.command);
          } else if (line.type === 'error') {
            const command = todo.find((c) => !done.has(c));
            if (command) {
              const r = get(command);
              r.status = 'error';
              r.note = `threw ${line.message}`;
              done.add(command);
            }
          } else if (line.type === 'memory') result.maxRssMB = line.maxRssMB;
        },
      );
      const stuck = proc.outcome === 'ok' ? undefined : todo.find((c) => !done.has(c));
      if (stuck) {
        const r = get(stuck);
        r.status = proc.outcome === 'timeout' ? 'timeout' : 'crashed';
        const where = phase.endsWith('setup')
          ? 'while setting up the simulated host'
          : `after ${r.syncs.length} syncs`;
        r.note = `${describeFailure(proc, options.limitMs)} ${where}`;
        done.add(stuck);
      }
      for (const [command, r] of current) {
        largest(r);
        result.commands[command] = r;
        options.log(`    ${APP_LABEL[command]}: ${summary(r)}`);
      }
      todo = todo.filter((c) => !done.has(c));
    }
  }
  return out;
}

function summary(r: AppCommandResult): string {
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  const base = `${r.syncs.length} syncs, largest request ${mb(r.largestRequestBytes)}, response ${mb(r.largestResponseBytes)}`;
  return r.status === 'ok'
    ? `${base}, ${((r.ms ?? 0) / 1000).toFixed(1)} s`
    : `${r.status.toUpperCase()} (${r.note}); ${base}`;
}
