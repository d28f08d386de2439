/**
 * Child processes with a time limit. Every child runs in its own process
 * group, so a limit that strikes kills the child and whatever it started
 * (npx, /usr/bin/time, the CLI) together, and the benchmark goes on.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LINE_PREFIX, type Job, type Line } from './protocol';

export const ROOT = resolve(__dirname, '..');

/** How a measured process ended. */
export type Outcome = 'ok' | 'timeout' | 'crashed';

export interface ProcessResult {
  outcome: Outcome;
  exitCode: number | null;
  signal: string | null;
  wallMs: number;
  stdout: string;
  /** The last 2 000 characters of stderr. */
  stderrTail: string;
  /** Peak memory of the largest process in the group when the limit stopped it (Linux /proc), in MB. */
  peakRssAtKillMB?: number;
}

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed after this long. */
  limitMs: number;
  /** The limit until the first line marked `reset` (a child's start-up); default limitMs. */
  startLimitMs?: number;
  /** For children speaking bench/protocol.ts: each line marked `reset` restarts the limit. */
  onLine?: (line: Line) => void;
  /** Exit codes that count as a normal end (default 0 only). */
  okCodes?: readonly number[];
}

/**
 * The largest peak resident set size (VmHWM) among the processes of a group,
 * in MB, read from /proc; undefined where there is no /proc.
 */
export function groupPeakRssMB(pgid: number): number | undefined {
  let peak: number | undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      // Field 5 of /proc/PID/stat is the process group; the command name in field 2 may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak ?? 0, Number(m[1]) / 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  return peak;
}

function tail(text: string, n = 2000): string {
  return text.length > n ? text.slice(text.length - n) : text;
}

/** Runs a command, kills its process group when the limit passes. Never rejects. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessResult> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let timedOut = false;
    let settled = false;
    let peakRssAtKillMB: number | undefined;
    const kill = () => {
      timedOut = true;
      if (child.pid !== undefined) peakRssAtKillMB = groupPeakRssMB(child.pid);
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    let timer = setTimeout(kill, options.startLimitMs ?? options.limitMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(kill, options.limitMs);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!options.onLine) {
        stdout += chunk;
        return;
      }
      pending += chunk;
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        const text = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (text.startsWith(LINE_PREFIX)) {
          const line = JSON.parse(text.slice(LINE_PREFIX.length)) as Line;
          if ('reset' in line && line.reset) restart();
          options.onLine(line);
        } else stdout += `${text}\n`;
        nl = pending.indexOf('\n');
      }
    });
    child.stderr.on('data', (chunk: string) => {
      stderr = tail(stderr + chunk, 20_000);
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ok = !timedOut && signal === null && (options.okCodes ?? [0]).includes(code ?? -1);
      done({
        outcome: timedOut ? 'timeout' : ok ? 'ok' : 'crashed',
        exitCode: code,
        signal,
        wallMs: performance.now() - t0,
        stdout: tail(stdout, 200_000),
        stderrTail: tail(stderr),
        ...(peakRssAtKillMB !== undefined ? { peakRssAtKillMB } : {}),
      });
    };
    child.on('error', (e) => {
      stderr += String(e);
      finish(null, null);
    });
    child.on('close', finish);
  });
}

/** Start-up of a job child (tsx compiling the sources) is no run's time: it gets at least this long. */
export const JOB_START_LIMIT_MS = 60_000;

/** Runs a benchmark job in a child process (bench/child.ts through tsx, with --expose-gc). */
export function runJob(job: Job, limitMs: number, onLine: (line: Line) => void): Promise<ProcessResult> {
  return runProcess(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench', 'child.ts'), JSON.stringify(job)],
    { limitMs, startLimitMs: Math.max(limitMs, JOB_START_LIMIT_MS), onLine },
  );
}

/** The package's own command-line entry (package.json "bin"), as `npx budgetkoll` runs it. */
export function cliBin(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    bin?: Record<string, string> | string;
  };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.budgetkoll;
  if (!bin) throw new Error('package.json has no "bin" entry for budgetkoll');
  return join(ROOT, bin);
}

/** /usr/bin/time when it can report the child's peak memory (GNU time, -v). */
export function gnuTime(): string | undefined {
  return existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
}

/** "Maximum resident set size (kbytes): 123456" from GNU time -v, in MB. */
export function parseMaxRss(stderr: string): number | undefined {
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return m ? Number(m[1]) / 1024 : undefined;
}

/** What went wrong, in one line, for a report. */
export function describeFailure(r: ProcessResult, limitMs: number): string {
  if (r.outcome === 'timeout') return `stopped at the time limit of ${+(limitMs / 1000).toFixed(1)} s`;
  const last = r.stderrTail.trim().split('\n').filter(Boolean).slice(-2).join(' | ');
  const how = r.signal ? `killed by ${r.signal}` : `exit code ${r.exitCode}`;
  return last ? `${how}: ${last.slice(0, 300)}` : how;
}
