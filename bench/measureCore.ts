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
  /** Completed runs: the command's time and, just before it in the same process, JSON.parse of the payload. */
  runs: { ms: number; parseMs: number }[];
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
  commands: Partial<Record<CoreCommand, CoreCommandResult>>;
}

export interface CoreResults {
  runs: number;
  limitS: number;
  sizes: CoreSizeResult[];
  /** time ≈ c · rowsᵏ fitted on the sizes where the command finished. */
  exponents: Partial<Record<CoreCommand, { k: number; sizes: number[] }>>;
  /** Child processes it took (one, unless a run was stopped or crashed) and the largest one's peak memory. */
  children: number;
  maxRssMB?: number;
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
  r.parseMedianMs = median(r.runs.map((x) => x.parseMs));
  if (r.medianMs !== undefined && r.parseMedianMs) r.ratio = r.medianMs / r.parseMedianMs;
}

/**
 * Runs every command at every size, all in one child while nothing goes
 * wrong. A run that passes the limit (or a crash) ends that child: the run
 * is recorded as stopped, the command's larger sizes as skipped, and a new
 * child takes up the runs still owed.
 */
export async function measureCore(options: CoreOptions): Promise<CoreResults> {
  const ascending = [...new Set(options.sizes)].sort((a, b) => a - b);
  const bySize = new Map<number, CoreSizeResult>(
    ascending.map((size) => [size, { size, payloadBytes: {}, cells: {}, commands: {} }]),
  );
  const entry = (command: CoreCommand, size: number): CoreCommandResult => {
    const commands = bySize.get(size)!.commands;
    return (commands[command] ??= { status: 'ok', runs: [] });
  };
  /** The size at which a command stopped, and how. */
  const stopped = new Map<CoreCommand, { size: number; status: Status }>();
  const stop = (command: CoreCommand, size: number, status: Status, note: string) => {
    const r = entry(command, size);
    r.status = status;
    r.note = note;
    const earlier = stopped.get(command);
    if (!earlier || size < earlier.size) stopped.set(command, { size, status });
  };
  const owed = () =>
    options.commands.flatMap((command) => {
      const limit = stopped.get(command)?.size ?? Infinity;
      const sizes = ascending.filter(
        (s) => s < limit && (bySize.get(s)!.commands[command]?.runs.length ?? 0) < options.runs,
      );
      const runs = sizes.map((s) => options.runs - (bySize.get(s)!.commands[command]?.runs.length ?? 0));
      return sizes.length ? [{ command, sizes, runs }] : [];
    });
  let children = 0;
  let maxRssMB: number | undefined;
  for (let work = owed(); work.length > 0; work = owed()) {
    children++;
    let current: { command: CoreCommand; size: number; run: number } | undefined;
    let generating: string | undefined;
    options.log(
      `  core: ${work.map((w) => `${w.command} at ${w.sizes.map(grouped).join(', ')}`).join('; ')}`,
    );
    const proc = await runJob({ kind: 'core', seed: options.seed, work }, options.limitMs, (line) => {
      switch (line.type) {
        case 'phase':
          generating = line.phase.startsWith('generate') ? line.phase : undefined;
          break;
        case 'setup': {
          generating = undefined;
          const s = bySize.get(line.size)!;
          s.payloadBytes[line.stage] = line.payloadBytes;
          s.cells[line.stage] = line.cells;
          if (line.stage === 'reported') s.sheet = line.sheet;
          break;
        }
        case 'start':
          current = { command: line.command, size: line.size, run: line.run };
          break;
        case 'run':
          entry(line.command, line.size).runs.push({ ms: line.ms, parseMs: line.parseMs });
          current = undefined;
          break;
        case 'core':
          Object.assign(entry(line.command, line.size), {
            findings: line.findings,
            ...(line.writes !== undefined ? { writes: line.writes } : {}),
            ...(line.textNumbers ? { textNumbers: line.textNumbers } : {}),
            ...(line.missingForecasts ? { missingForecasts: line.missingForecasts } : {}),
          });
          break;
        case 'error':
          if (line.command && line.size !== undefined) {
            stop(
              line.command,
              line.size,
              'error',
              `threw ${line.message}${line.where ? ` (${line.where})` : ''}`,
            );
          }
          current = undefined;
          break;
        case 'memory':
          maxRssMB = Math.max(maxRssMB ?? 0, line.maxRssMB);
          break;
        default:
          break;
      }
    });
    if (proc.outcome === 'ok') continue;
    const status: Status = proc.outcome === 'timeout' ? 'timeout' : 'crashed';
    const why = describeFailure(proc, options.limitMs);
    if (current) {
      stop(current.command, current.size, status, `${why} in run ${current.run}`);
      continue;
    }
    // Stopped while starting or generating a sheet: no command is to blame, and trying again would end the same way.
    const where = generating ? `while generating (${generating})` : 'while starting up';
    for (const w of work) stop(w.command, w.sizes[0]!, status, `${why} ${where}`);
  }
  for (const command of options.commands) {
    const at = stopped.get(command);
    if (!at) continue;
    for (const size of ascending) {
      if (size <= at.size || bySize.get(size)!.commands[command]) continue;
      bySize.get(size)!.commands[command] = {
        status: 'skipped',
        after: at.status,
        note: `not run: ${at.status} at ${grouped(at.size)} rows`,
        runs: [],
      };
    }
  }
  const sizes = [...bySize.values()];
  for (const s of sizes) {
    for (const command of options.commands) {
      const r = s.commands[command];
      if (!r) continue;
      finish(r);
      options.log(`    ${grouped(s.size).padStart(7)} rows  ${COMMAND_LABEL[command]}: ${summary(r)}`);
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
  return {
    runs: options.runs,
    limitS: options.limitMs / 1000,
    sizes,
    exponents,
    children,
    ...(maxRssMB !== undefined ? { maxRssMB } : {}),
  };
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
  // A command stopped in its first run has no parse time of its own: take the others' at this size.
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
