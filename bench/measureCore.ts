/**
 * The core commands at each size, in child processes (bench/jobs/core.ts).
 * A command whose run passes the limit, or that crashes, is recorded as such
 * and not tried at the larger sizes; the other commands go on in a new child.
 */
import {
  CORE_COMMANDS,
  CORE_TOTAL,
  type CoreCommand,
  type FindingCounts,
  type PlantedCheck,
  type SheetSummary,
} from './protocol';
import { describeFailure, runJob } from './spawn';
import { fittedExponent, grouped, median } from './stats';

export type Status = 'ok' | 'timeout' | 'crashed' | 'error' | 'failed' | 'skipped';

export interface CoreCommandResult {
  status: Status;
  /** What happened when the status is not ok. */
  note?: string;
  runs: { ms: number; parseMs: number }[];
  /** Every JSON.parse timing of this command's runs, the run that was stopped included. */
  parses: number[];
  /** For a skipped command: how it ended at the smaller size. */
  after?: Status;
  medianMs?: number;
  parseMedianMs?: number;
  /** medianMs ÷ parseMedianMs, both measured in the same process. */
  ratio?: number;
  findings?: FindingCounts;
  writes?: number;
  textNumbers?: PlantedCheck;
  missingForecasts?: PlantedCheck;
}

export interface CoreSizeResult {
  size: number;
  /** JSON bytes of values, formulas and numberFormat of the used range, per stage. */
  payloadBytes: { reported?: number; exported?: number };
  cells: { reported?: number; exported?: number };
  /** What the reported-stage sheet holds. */
  sheet?: SheetSummary;
  maxRssMB?: number;
  commands: Partial<Record<CoreCommand, CoreCommandResult>>;
}

export interface CoreResults {
  runs: number;
  limitS: number;
  sizes: CoreSizeResult[];
  /** time ≈ c · rowsᵏ fitted on the sizes where the command finished. */
  exponents: Partial<Record<CoreCommand, { k: number; sizes: number[] }>>;
}

export interface CoreOptions {
  sizes: number[];
  commands: readonly CoreCommand[];
  runs: number;
  seed: number;
  limitMs: number;
  log: (text: string) => void;
}

export const COMMAND_LABEL: Record<CoreCommand, string> = {
  analyzeSheet: 'analyzeSheet (struktur)',
  validateSums: 'validateSums (summor)',
  computeDeviations: 'computeDeviations (avvikelser)',
  computeDeviationsExported: 'computeDeviations, exported sheet',
};

function finish(r: CoreCommandResult): void {
  r.medianMs = median(r.runs.map((x) => x.ms));
  r.parseMedianMs = median(r.parses);
  if (r.medianMs !== undefined && r.parseMedianMs) r.ratio = r.medianMs / r.parseMedianMs;
}

export async function measureCore(options: CoreOptions): Promise<CoreResults> {
  const sizes: CoreSizeResult[] = [];
  const failedAt = new Map<CoreCommand, { size: number; status: Status }>();
  for (const size of [...options.sizes].sort((a, b) => a - b)) {
    const result: CoreSizeResult = { size, payloadBytes: {}, cells: {}, commands: {} };
    sizes.push(result);
    let todo: CoreCommand[] = [];
    for (const command of options.commands) {
      const earlier = failedAt.get(command);
      if (earlier === undefined) todo.push(command);
      else {
        result.commands[command] = {
          status: 'skipped',
          after: earlier.status,
          note: `not run: ${earlier.status} at ${grouped(earlier.size)} rows`,
          runs: [],
          parses: [],
        };
      }
    }
    while (todo.length > 0) {
      const current = new Map<CoreCommand, CoreCommandResult>();
      const get = (c: CoreCommand) => {
        let r = current.get(c);
        if (!r) {
          r = { status: 'ok', runs: [], parses: [] };
          current.set(c, r);
        }
        return r;
      };
      // Until the first sheet is generated the child is starting up: a stop then is no command's fault.
      let inSetup = true;
      const done = new Set<CoreCommand>();
      options.log(`  core ${grouped(size)} rows: ${todo.join(', ')}`);
      const proc = await runJob(
        { kind: 'core', size, commands: todo, runs: options.runs, seed: options.seed },
        options.limitMs,
        (line) => {
          if (line.type === 'phase') inSetup = line.phase.startsWith('generate');
          else if (line.type === 'setup') {
            inSetup = false;
            result.payloadBytes[line.stage] = line.payloadBytes;
            result.cells[line.stage] = line.cells;
            if (line.stage === 'reported') result.sheet = line.sheet;
          } else if (line.type === 'parse') get(line.command).parses.push(line.parseMs);
          else if (line.type === 'run') {
            get(line.command).runs.push({ ms: line.ms, parseMs: line.parseMs });
          } else if (line.type === 'core') {
            const r = get(line.command);
            Object.assign(r, {
              findings: line.findings,
              ...(line.writes !== undefined ? { writes: line.writes } : {}),
              ...(line.textNumbers ? { textNumbers: line.textNumbers } : {}),
              ...(line.missingForecasts ? { missingForecasts: line.missingForecasts } : {}),
            });
            done.add(line.command);
          } else if (line.type === 'error') {
            const command = todo.find((c) => !done.has(c));
            if (command) {
              const r = get(command);
              r.status = 'error';
              r.note = `threw ${line.message}${line.where ? ` (${line.where})` : ''}`;
              done.add(command);
            }
          } else if (line.type === 'memory') result.maxRssMB = line.maxRssMB;
        },
      );
      // The command that was running when the child stopped, if it did not finish.
      const stuck = proc.outcome === 'ok' ? undefined : todo.find((c) => !done.has(c));
      if (stuck) {
        const r = get(stuck);
        r.status = proc.outcome === 'timeout' ? 'timeout' : 'crashed';
        const what = inSetup ? 'while starting up or generating the sheet' : `in run ${r.runs.length + 1}`;
        r.note = `${describeFailure(proc, options.limitMs)} ${what}`;
        done.add(stuck);
      }
      for (const [command, r] of current) {
        finish(r);
        if (r.status !== 'ok') failedAt.set(command, { size, status: r.status });
        result.commands[command] = r;
        options.log(`    ${COMMAND_LABEL[command]}: ${summary(r)}`);
      }
      // A child that died in setup takes its remaining commands with it: record them and move on.
      if (stuck && inSetup) {
        for (const c of todo) {
          if (!result.commands[c]) {
            result.commands[c] = {
              status: 'crashed',
              note: 'the sheet could not be generated',
              runs: [],
              parses: [],
            };
            failedAt.set(c, { size, status: 'crashed' });
          }
        }
        break;
      }
      todo = todo.filter((c) => !done.has(c));
    }
  }
  const exponents: CoreResults['exponents'] = {};
  for (const command of CORE_COMMANDS) {
    const pts = sizes.flatMap((s) => {
      const r = s.commands[command];
      return r?.status === 'ok' && r.medianMs !== undefined ? [{ size: s.size, ms: r.medianMs }] : [];
    });
    const k = fittedExponent(pts);
    if (k !== undefined) exponents[command] = { k, sizes: pts.map((p) => p.size) };
  }
  return { runs: options.runs, limitS: options.limitMs / 1000, sizes, exponents };
}

function summary(r: CoreCommandResult): string {
  const ms = r.medianMs !== undefined ? `median ${r.medianMs.toFixed(1)} ms` : 'no complete run';
  const ratio = r.ratio !== undefined ? `, ${r.ratio.toFixed(1)} × JSON.parse` : '';
  return r.status === 'ok' ? `${ms}${ratio}` : `${r.status.toUpperCase()} (${r.note ?? ''}); ${ms}`;
}

/** The core total (structure + deviations + sums) at one size, as a ratio to JSON.parse; a lower bound when a command did not finish. */
export function coreTotal(
  size: CoreSizeResult,
  limitMs: number,
): { ratio?: number; ms?: number; atLeast: boolean; missing: CoreCommand[] } {
  let ratio = 0;
  let ms = 0;
  let atLeast = false;
  const missing: CoreCommand[] = [];
  const parseFallback = median(
    CORE_TOTAL.flatMap((c) => {
      const p = size.commands[c]?.parseMedianMs;
      return p !== undefined ? [p] : [];
    }),
  );
  for (const command of CORE_TOTAL) {
    const r = size.commands[command];
    if (!r) {
      missing.push(command);
      continue;
    }
    const parse = r.parseMedianMs ?? parseFallback;
    if (r.status === 'ok' && r.medianMs !== undefined && parse) {
      ratio += r.medianMs / parse;
      ms += r.medianMs;
    } else if ((r.status === 'timeout' || (r.status === 'skipped' && r.after === 'timeout')) && parse) {
      // It ran longer than the limit (or did at a smaller size): the limit is a lower bound.
      ratio += limitMs / parse;
      ms += limitMs;
      atLeast = true;
    } else missing.push(command);
  }
  return missing.length === CORE_TOTAL.length ? { atLeast, missing } : { ratio, ms, atLeast, missing };
}
