/**
 * npm run bench: issue 8's targets, measured on generated sheets
 * (bench/sheets.ts), printed as a table and written to bench/results.json.
 *
 *   npm run bench                        every row at the issue's sizes (about 20–30 min on 2 cores)
 *   npm run bench -- --quick             1 000 and 10 000 rows, smaller files (a few minutes)
 *   npm run bench -- --sizes 1000,10000,100000 --app-sizes 10000 --limit 60 --app-limit 120 --out /tmp/r.json
 *   npm run bench -- --only core,app     parts: core, app, taskpane, help, sample, large, katalog
 *   npm run bench -- --dist dist         measure an existing build instead of building
 *
 * Every heavy measurement runs in a child process with a time limit; a run
 * that passes it, or a crash, is recorded as not met with what happened, and
 * the bench goes on. Nothing here asserts: figures are for reading and for
 * comparing commits (test/bench/smoke.test.ts checks the run and the shape).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { measureApp, type AppSizeResult } from './measureApp';
import { measureCli, type CliResults } from './measureCli';
import { measureCore, type CoreResults } from './measureCore';
import { measureTaskpane, type TaskpaneResult } from './measureTaskpane';
import { APP_COMMANDS, CORE_COMMANDS } from './protocol';
import { DEFAULT_SEED, LEDGER_HEADER } from './sheets';
import { ROOT } from './spawn';
import { figure } from './stats';
import { evaluateTargets, ISSUE_ROWS, type Target } from './targets';

export const PARTS = ['core', 'app', 'taskpane', 'help', 'sample', 'large', 'katalog'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  /** Core sizes (rows). */
  sizes: number[];
  /** Sizes for the app path through the simulated host. */
  appSizes: number[];
  /** Core runs per command and size (the median is reported). */
  runs: number;
  /** Runs of `--help` and the sample `validera`. */
  cliRuns: number;
  /** Limit per core run and per command-line process, in seconds. */
  limitS: number;
  /**
   * Limit per command through the simulated host, in seconds. Larger: the
   * host copies the whole workbook for every write sync, so a 100 000-row
   * Beräkna costs minutes in the simulation that Excel does not spend.
   */
  appLimitS: number;
  /** Limit of the production build and of writing the generated .xlsx files, in seconds. */
  buildLimitS: number;
  largeRows: number;
  katalog: { files: number; rows: number };
  parts: Part[];
  seed: number;
  /** Measure this build instead of building the task pane. */
  dist?: string;
  out: string;
  /** Keep the temporary directory (generated files, the build). */
  keep: boolean;
  quiet: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  sizes: [1000, 10_000, 100_000],
  appSizes: [10_000, 100_000],
  runs: 5,
  cliRuns: 5,
  limitS: 120,
  appLimitS: 300,
  buildLimitS: 600,
  largeRows: 100_000,
  katalog: { files: 50, rows: 2000 },
  parts: [...PARTS],
  seed: DEFAULT_SEED,
  out: join(ROOT, 'bench', 'results.json'),
  keep: false,
  quiet: false,
};

export const QUICK_OPTIONS: Partial<BenchOptions> = {
  sizes: [1000, 10_000],
  appSizes: [10_000],
  cliRuns: 3,
  largeRows: 10_000,
  katalog: { files: 10, rows: 2000 },
};

export interface BenchResults {
  schema: 'budgetkoll-bench/1';
  date: string;
  commit: { hash: string; dirty: boolean } | null;
  machine: {
    node: string;
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    memoryGB: number;
    freeMemoryGB: number;
    /** 1, 5 and 15 minute load averages when the run started and when it ended: the machine may be shared. */
    loadAverage: number[];
    loadAverageAtEnd?: number[];
  };
  options: Omit<BenchOptions, 'quiet' | 'out' | 'keep'>;
  units: Record<string, string>;
  sheets: { description: string; ledgerHeader: readonly string[]; seed: number };
  durationS: number;
  core?: CoreResults;
  app?: AppSizeResult[];
  taskpane?: TaskpaneResult;
  cli?: CliResults;
  /** One entry per row of issue 8's table: met when every target of the row is. */
  rows: { id: string; measure: string; limit: string; met: boolean; targets: number }[];
  targets: Target[];
}

const UNITS = {
  '×': 'ratio of two medians measured in the same process',
  syncs: 'context.sync() calls counted by the simulated host',
  MB: '1 048 576 bytes (request and response JSON as the simulated host counts it; peak memory from maxRSS)',
  KB: '1 000 bytes, gzip -9',
  s: 'seconds of wall time, spawn to exit',
};

function numbers(text: string, flag: string): number[] {
  const list = text.split(',').map((s) => Number(s.replace(/[_\s]/g, '')));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`${flag} takes positive whole numbers separated by commas, got "${text}"`);
  }
  return list;
}

function parts(text: string, flag: string): Part[] {
  const list = text.split(',').map((s) => s.trim());
  const wrong = list.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (wrong.length)
    throw new Error(`${flag}: unknown part ${wrong.join(', ')}; the parts are ${PARTS.join(', ')}`);
  return list as Part[];
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      'app-sizes': { type: 'string' },
      runs: { type: 'string' },
      'cli-runs': { type: 'string' },
      limit: { type: 'string' },
      'app-limit': { type: 'string' },
      'build-limit': { type: 'string' },
      'large-rows': { type: 'string' },
      katalog: { type: 'string' },
      only: { type: 'string' },
      skip: { type: 'string' },
      seed: { type: 'string' },
      dist: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const o: BenchOptions = { ...DEFAULT_OPTIONS, ...(values.quick ? QUICK_OPTIONS : {}) };
  if (values.sizes) o.sizes = numbers(values.sizes, '--sizes');
  if (values['app-sizes']) o.appSizes = numbers(values['app-sizes'], '--app-sizes');
  if (values.runs) o.runs = numbers(values.runs, '--runs')[0]!;
  if (values['cli-runs']) o.cliRuns = numbers(values['cli-runs'], '--cli-runs')[0]!;
  if (values.limit) o.limitS = numbers(values.limit, '--limit')[0]!;
  if (values['app-limit']) o.appLimitS = numbers(values['app-limit'], '--app-limit')[0]!;
  if (values['build-limit']) o.buildLimitS = numbers(values['build-limit'], '--build-limit')[0]!;
  if (values['large-rows']) o.largeRows = numbers(values['large-rows'], '--large-rows')[0]!;
  if (values.katalog) {
    const m = /^(\d+)x(\d+)$/.exec(values.katalog);
    if (!m) throw new Error(`--katalog takes FILESxROWS, e.g. 50x2000, got "${values.katalog}"`);
    o.katalog = { files: Number(m[1]), rows: Number(m[2]) };
  }
  if (values.only) o.parts = parts(values.only, '--only');
  if (values.skip) {
    const skip = parts(values.skip, '--skip');
    o.parts = o.parts.filter((p) => !skip.includes(p));
  }
  if (values.seed) o.seed = numbers(values.seed, '--seed')[0]!;
  if (values.dist) o.dist = resolve(values.dist);
  if (values.out) o.out = resolve(values.out);
  if (values.keep) o.keep = true;
  if (values.quiet) o.quiet = true;
  return o;
}

function commit(): BenchResults['commit'] {
  try {
    const hash = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    // results.json itself is rewritten by every run: it does not make the tree dirty.
    const status = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench/results.json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { hash, dirty: status.trim() !== '' };
  } catch {
    return null;
  }
}

function machine(): BenchResults['machine'] {
  const list = cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    freeMemoryGB: Math.round((freemem() / 1024 ** 3) * 10) / 10,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function valueText(t: Target): string {
  if (t.value === null) return '—';
  const v = figure(t.value, Number.isInteger(t.value) ? 0 : t.value < 10 ? 2 : 1);
  return `${t.bound ? '≥ ' : ''}${v} ${t.unit}`;
}

/** The targets as a plain-text table, grouped by issue row. */
export function formatTargets(targets: readonly Target[]): string {
  const lines: string[] = [];
  const width = Math.min(
    78,
    targets.reduce((w, t) => Math.max(w, t.name.length), 0),
  );
  for (const row of ISSUE_ROWS) {
    lines.push('', `${row.measure}  (target ${row.limit})`);
    for (const t of targets.filter((x) => x.row === row.id)) {
      const name = t.name.length > width ? `${t.name.slice(0, width - 1)}…` : t.name.padEnd(width);
      const limit = `≤ ${figure(t.limit, Number.isInteger(t.limit) ? 0 : 1)} ${t.unit}`;
      const met = t.met ? 'met' : t.status === 'ok' ? 'NOT MET' : `NOT MET (${t.status})`;
      lines.push(`  ${name}  ${valueText(t).padStart(14)}  ${limit.padEnd(12)}  ${met}`);
      if (t.note) lines.push(`  ${' '.repeat(Math.min(width, 4))}${t.note}`);
    }
  }
  return lines.join('\n');
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.quiet ? () => undefined : (text: string) => console.log(text);
  const t0 = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'budgetkoll-bench-'));
  const limitMs = options.limitS * 1000;
  const want = (p: Part) => options.parts.includes(p);
  const { quiet: _quiet, out: _out, keep: _keep, ...recorded } = options;
  const results: BenchResults = {
    schema: 'budgetkoll-bench/1',
    date: new Date().toISOString(),
    commit: commit(),
    machine: machine(),
    options: recorded,
    units: UNITS,
    sheets: {
      description:
        'bench/sheets.ts: a ledger export per ansvar × verksamhet × konto (title, Rapportperiod: 2024-08-31, header; ' +
        'items, Summa <verksamhet> rows as SUM formulas, Summa <område> rows and the grand total as + formulas, ' +
        'deviations as difference formulas, costs negative, #,##0; one text number and one missing forecast per 2 500 rows), ' +
        'plus a 120-row följetal sheet in the app and command-line workbooks',
      ledgerHeader: LEDGER_HEADER,
      seed: options.seed,
    },
    durationS: 0,
    rows: [],
    targets: [],
  };
  log(
    `Budgetkoll bench: node ${process.version}, ${results.machine.cpus} cores, load average ${results.machine.loadAverage.join(' / ')}, commit ${results.commit?.hash.slice(0, 10) ?? 'unknown'}`,
  );
  try {
    if (want('core')) {
      log('\nCore, side by side with JSON.parse of the same range payload');
      results.core = await measureCore({
        sizes: options.sizes,
        commands: CORE_COMMANDS,
        runs: options.runs,
        seed: options.seed,
        limitMs,
        log,
      });
    }
    if (want('app')) {
      log('\nCommands through the app store, the Office.js gateway and the simulated host');
      results.app = await measureApp({
        sizes: options.appSizes,
        commands: APP_COMMANDS,
        seed: options.seed,
        limitMs: options.appLimitS * 1000,
        log,
      });
    }
    if (want('taskpane')) {
      log('\nTask pane');
      results.taskpane = await measureTaskpane({
        ...(options.dist ? { dist: options.dist } : {}),
        outDir: join(work, 'dist'),
        limitMs: options.buildLimitS * 1000,
        log,
      });
    }
    if (want('help') || want('sample') || want('large') || want('katalog')) {
      log('\nCommand line');
      results.cli = await measureCli({
        runs: options.cliRuns,
        limitMs,
        writeLimitMs: options.buildLimitS * 1000,
        seed: options.seed,
        workDir: work,
        largeRows: options.largeRows,
        katalog: options.katalog,
        parts: { help: want('help'), sample: want('sample'), large: want('large'), katalog: want('katalog') },
        log,
      });
    }
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
    else log(`\nKept ${work}`);
  }
  results.targets = evaluateTargets(results, limitMs);
  results.rows = ISSUE_ROWS.map((row) => {
    const mine = results.targets.filter((t) => t.row === row.id);
    return { ...row, met: mine.length > 0 && mine.every((t) => t.met), targets: mine.length };
  });
  results.durationS = Math.round((performance.now() - t0) / 100) / 10;
  results.machine.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  const met = results.targets.filter((t) => t.met).length;
  log(`\nIssue 8 targets: ${met} of ${results.targets.length} met`);
  log(formatTargets(results.targets));
  log(`\nWrote ${options.out} (${results.durationS} s)`);
  return results;
}

if (require.main === module) {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
  runBench(options).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
