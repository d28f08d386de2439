/**
 * The command line as a user runs it: separate processes, wall time from
 * spawn to exit, peak memory from GNU time (or, without it, from the CLI
 * process's own resource usage through a preloaded module).
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { usedBounds } from '../src/workbook/model';
import { buildSampleWorkbook } from '../src/sample';
import type { Status } from './measureCore';
import {
  cliBin,
  describeFailure,
  gnuTime,
  parseMaxRss,
  ROOT,
  runJob,
  runProcess,
  type ProcessResult,
} from './spawn';
import { grouped, median } from './stats';

export interface TimedCommand {
  command: string;
  status: Status;
  note?: string;
  runs: number[];
  medianMs?: number;
  maxRssMB?: number;
  exitCode?: number | null;
}

export interface CliResults {
  help?: TimedCommand;
  /** `npx budgetkoll --help`: the same, plus npm's own start-up. */
  helpNpx?: TimedCommand;
  sample?: TimedCommand & { rows: number };
  large?: TimedCommand & { rows: number; fileBytes?: number; writeMs?: number };
  katalog?: TimedCommand & { files: number; rowsPerFile: number; totalBytes?: number; writeMs?: number };
}

export interface CliOptions {
  runs: number;
  limitMs: number;
  /** Limit for writing the generated .xlsx files (a job of its own). */
  writeLimitMs: number;
  seed: number;
  workDir: string;
  largeRows: number;
  katalog: { files: number; rows: number };
  parts: { help: boolean; sample: boolean; large: boolean; katalog: boolean };
  log: (text: string) => void;
}

const PRELOAD = join(ROOT, 'bench', 'maxrss.cjs');

/** Runs the CLI once: ok for exit 0 (no errors found) and 1 (errors found), crashed otherwise. */
async function runCli(
  args: string[],
  options: CliOptions,
  measureMemory: boolean,
): Promise<{ proc: ProcessResult; rss?: number }> {
  const bin = cliBin();
  const time = gnuTime();
  const rssFile = join(options.workDir, `rss-${process.pid}-${Date.now()}.txt`);
  let command = process.execPath;
  let argv = [bin, ...args];
  const env = { ...process.env };
  if (measureMemory && time) {
    command = time;
    argv = ['-v', '-o', rssFile, process.execPath, bin, ...args];
  } else if (measureMemory) {
    argv = ['--require', PRELOAD, bin, ...args];
    env.BUDGETKOLL_BENCH_RSS_FILE = rssFile;
  }
  const proc = await runProcess(command, argv, { limitMs: options.limitMs, env, okCodes: [0, 1] });
  let rss: number | undefined;
  if (measureMemory && existsSync(rssFile)) {
    const text = readFileSync(rssFile, 'utf8');
    rss = time ? parseMaxRss(text) : Number(text) / 1024;
    rmSync(rssFile, { force: true });
  }
  return { proc, ...(rss !== undefined ? { rss } : {}) };
}

type Once = () => Promise<{ proc: ProcessResult; rss?: number }>;

/** Runs a process `runs` times, stopping at the first failure; the median of the wall times. */
async function repeat(
  label: string,
  command: string,
  runs: number,
  options: CliOptions,
  once: Once,
): Promise<TimedCommand> {
  const result: TimedCommand = { command, status: 'ok', runs: [] };
  for (let i = 0; i < runs; i++) {
    const { proc, rss } = await once();
    result.exitCode = proc.exitCode;
    if (rss !== undefined) result.maxRssMB = Math.max(result.maxRssMB ?? 0, rss);
    if (proc.outcome !== 'ok') {
      result.status = proc.outcome === 'timeout' ? 'timeout' : 'crashed';
      result.note = describeFailure(proc, options.limitMs);
      // Stopped at the limit: GNU time died with it, but /proc told the peak so far (a lower bound).
      if (proc.peakRssAtKillMB !== undefined)
        result.maxRssMB = Math.max(result.maxRssMB ?? 0, proc.peakRssAtKillMB);
      break;
    }
    result.runs.push(proc.wallMs);
  }
  if (result.status === 'ok') result.medianMs = median(result.runs);
  const figure =
    result.status === 'ok'
      ? `median ${((result.medianMs ?? 0) / 1000).toFixed(2)} s of ${result.runs.length}`
      : `${result.status.toUpperCase()} (${result.note})`;
  const memory = result.maxRssMB !== undefined ? `, peak ${result.maxRssMB.toFixed(0)} MB` : '';
  options.log(`  ${label}: ${figure}${memory}`);
  return result;
}

/** Writes generated workbooks in a child process (bench/jobs/xlsx.ts). */
async function writeWorkbooks(
  files: { path: string; rows: number; seed: number }[],
  options: CliOptions,
): Promise<{ ok: true; bytes: number; ms: number } | { ok: false; note: string }> {
  let bytes = 0;
  let ms = 0;
  let written = 0;
  const proc = await runJob({ kind: 'xlsx', files }, options.writeLimitMs, (line) => {
    if (line.type === 'file') {
      bytes += line.bytes;
      ms += line.ms;
      written++;
    }
  });
  if (proc.outcome !== 'ok' || written !== files.length) {
    return {
      ok: false,
      note: `the workbooks could not be generated: ${describeFailure(proc, options.writeLimitMs)}`,
    };
  }
  return { ok: true, bytes, ms };
}

/** Rows of the sample workbook's sheets, title to last row, added up (the "117-row validera"). */
export function sampleRows(): number {
  return buildSampleWorkbook().sheets.reduce((n, s) => {
    const b = usedBounds(s);
    return n + (b ? b.bottom + 1 : 0);
  }, 0);
}

export async function measureCli(options: CliOptions): Promise<CliResults> {
  const out: CliResults = {};
  const { parts } = options;
  if (parts.help) {
    out.help = await repeat('budgetkoll --help', 'node bin/budgetkoll.js --help', options.runs, options, () =>
      runCli(['--help'], options, false),
    );
    out.helpNpx = await repeat(
      'npx budgetkoll --help',
      'npx budgetkoll --help',
      options.runs,
      options,
      async () => ({
        proc: await runProcess('npx', ['budgetkoll', '--help'], { limitMs: options.limitMs }),
      }),
    );
  }
  if (parts.sample) {
    const file = join(options.workDir, 'exempel.xlsx');
    const made = await runCli(['exempel', '-o', file, '--skriv-over'], options, false);
    const rows = sampleRows();
    if (made.proc.outcome !== 'ok' || !existsSync(file)) {
      out.sample = {
        command: 'budgetkoll validera exempel.xlsx',
        status: 'crashed',
        note: `budgetkoll exempel failed: ${describeFailure(made.proc, options.limitMs)}`,
        runs: [],
        rows,
      };
    } else {
      out.sample = {
        ...(await repeat(
          `budgetkoll validera (${rows} rows)`,
          'budgetkoll validera exempel.xlsx',
          options.runs,
          options,
          () => runCli(['validera', file], options, false),
        )),
        rows,
      };
    }
  }
  if (parts.large) {
    const rows = options.largeRows;
    const file = join(options.workDir, `ledger-${rows}.xlsx`);
    const written = await writeWorkbooks([{ path: file, rows, seed: options.seed }], options);
    const command = `budgetkoll validera ledger-${rows}.xlsx`;
    if (!written.ok) out.large = { command, status: 'crashed', note: written.note, runs: [], rows };
    else {
      out.large = {
        ...(await repeat(`budgetkoll validera (${grouped(rows)} rows)`, command, 1, options, () =>
          runCli(['validera', file], options, true),
        )),
        rows,
        fileBytes: written.bytes,
        writeMs: written.ms,
      };
    }
    rmSync(file, { force: true });
  }
  if (parts.katalog) {
    const { files, rows } = options.katalog;
    const dir = join(options.workDir, 'katalog');
    const list = Array.from({ length: files }, (_, i) => ({
      path: join(dir, `forvaltning-${String(i + 1).padStart(2, '0')}.xlsx`),
      rows,
      seed: options.seed + i + 1,
    }));
    const written = await writeWorkbooks(list, options);
    const command = `budgetkoll validera --katalog (${files} × ${rows} rows)`;
    if (!written.ok)
      out.katalog = { command, status: 'crashed', note: written.note, runs: [], files, rowsPerFile: rows };
    else {
      const present = readdirSync(dir).filter((n) => n.endsWith('.xlsx')).length;
      out.katalog = {
        ...(await repeat(
          `budgetkoll validera --katalog (${present} × ${rows} rows)`,
          command,
          1,
          options,
          () => runCli(['validera', '--katalog', dir], options, true),
        )),
        files: present,
        rowsPerFile: rows,
        totalBytes: written.bytes,
        writeMs: written.ms,
      };
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
