/**
 * The command line as users run it: bin/budgetkoll.js over a bundle built
 * from the current sources (scripts/build-cli.mjs), in a temporary folder of
 * its own so parallel test files never share or race on build/cli. Each run
 * is a real child process; its peak memory comes from a preload that reports
 * the child's own maxRSS when it exits.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface BuiltCli {
  /** The folder holding bin/ and build/cli/. */
  dir: string;
  bin: string;
  /** The memory-reporting preload, beside the bundle (removed with it). */
  preload: string;
  remove(): void;
}

export function buildCli(): BuiltCli {
  const dir = mkdtempSync(join(tmpdir(), 'budgetkoll-built-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'budgetkoll.js'), join(dir, 'bin', 'budgetkoll.js'));
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'build-cli.mjs'), '--outdir', join(dir, 'build', 'cli')],
    {
      encoding: 'utf8',
      cwd: ROOT,
    },
  );
  if (r.status !== 0) throw new Error(`build-cli failed: ${r.stderr}`);
  const preload = join(dir, 'rss.cjs');
  writeFileSync(preload, RSS_PRELOAD);
  return {
    dir,
    bin: join(dir, 'bin', 'budgetkoll.js'),
    preload,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child in bytes (undefined when it died before reporting). */
  maxRss?: number;
  ms: number;
  /** Killed after the time limit. */
  timedOut: boolean;
}

/**
 * Reports the child's peak resident memory (KiB) on fd 3 when it exits: VmHWM
 * from /proc (reset by exec, unlike getrusage's maxRSS, which Linux carries
 * over from the parent that spawned the child), else maxRSS.
 */
const RSS_PRELOAD = `
if (require('node:worker_threads').isMainThread) process.on('exit', () => {
  let kib = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\\s+(\\d+) kB/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));
    if (m) kib = Number(m[1]);
  } catch {}
  try { require('node:fs').writeSync(3, String(kib)); } catch {}
});
`;
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where stdout goes: captured (default) or a file path such as /dev/full. */
  stdoutTo?: string;
  timeoutMs?: number;
  /** Called with the child process once it runs (to signal it). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

/** Runs `node bin/budgetkoll.js ...args` as a child process. */
export function runCli(cli: BuiltCli, args: readonly string[], options: RunOptions = {}): Promise<ChildRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const out = options.stdoutTo;
    const stdio: SpawnOptions['stdio'] = ['ignore', out ? 'ignore' : 'pipe', 'pipe', 'pipe'];
    let fd: number | undefined;
    if (out) {
      fd = openSync(out, 'w');
      stdio[1] = fd;
    }
    const child = spawn(process.execPath, ['--require', cli.preload, cli.bin, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio,
    });
    if (fd !== undefined) closeSync(fd);
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    let rss = '';
    child.stdout?.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr?.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    (child.stdio[3] as NodeJS.ReadableStream | null)
      ?.setEncoding('utf8')
      .on('data', (t: string) => (rss += t));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        maxRss: rss ? Number(rss) * 1024 : undefined,
        ms: Date.now() - started,
        timedOut,
      });
    });
  });
}

/** Signs of a crash or a leaked trace in what a command printed. */
export const TRACE =
  /(\n\s+at .+[(:]\d+|Error:|FATAL ERROR|Unhandled|node:internal|\.ts:\d+|\.mjs:\d+|\.js:\d+|<--- )/;

export function readBytes(path: string): Buffer {
  return readFileSync(path);
}
