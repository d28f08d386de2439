/**
 * Runs every command of the built command line on every entry of the
 * bad-input corpus, each as a child process, and collects what happened:
 * exit code, output, peak memory, whether the input changed and what output
 * was left. Used by the corpus test (test/cli/badCorpus.test.ts), which
 * asserts it against test/fixtures/bad/expected.json, and by report.ts, which
 * prints it for a developer reviewing the expectations.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  chmodSync,
  closeSync,
  openSync,
  readSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runCli, type BuiltCli, type ChildRun } from '../../test/cli/support/builtCli';
import { ENTRIES } from './entries';

export const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'bad');

export type CommandName = 'validera' | 'berakna' | 'rapport';

export interface Expectation {
  exit: number;
  /** Why this command's expectation needs a change in the core (see ExpectedEntry.pendingCore). */
  pendingCore?: string;
  /** For exit 2: the whole of stderr (one line). Otherwise a line that stdout must hold. */
  message: string;
  /** Further lines stdout must hold. */
  contains?: string[];
  /** Lines stdout must not hold (a finding that would be wrong here). */
  absent?: string[];
}

export interface ExpectedEntry {
  id: string;
  /** The input, relative to the corpus folder (or absolute, e.g. /dev/zero). */
  file: string;
  kind: string;
  /** How the test makes the input when it is not a file of the corpus. */
  setup?: 'directory' | 'readonly' | 'sparse-300mb' | { copyOf: string };
  /** berakna's output arguments, if not `-o ut/<id>.xlsx`; {fil} is the input, {ut} the default output. */
  beraknaOut?: string[];
  /** Made before berakna runs: an existing output (a copy of the input, or read-only). */
  existingOutput?: 'copy' | 'readonly-copy' | 'hardlink' | 'symlink' | 'directory';
  validera: Expectation;
  berakna: Expectation;
  /**
   * rapport's settled answer, where one is written down; without it the
   * command is held to what must hold for every input (an exit code of 0–2,
   * no trace, bounded memory, the input unchanged, no half-written output).
   */
  rapport?: Expectation;
  /** Why the expectation needs a change in the core; until then only the generic properties are asserted. */
  pendingCore?: string;
}

export interface Expected {
  entries: ExpectedEntry[];
}

export function loadExpected(): Expected {
  return JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Expected;
}

export interface Outcome {
  entry: ExpectedEntry;
  command: CommandName;
  args: string[];
  run: ChildRun;
  /** The input's bytes were the same before and after (undefined: not a file). */
  inputUnchanged?: boolean;
  /** The output path of berakna, relative to the corpus folder, and whether a file is there afterwards. */
  output?: { path: string; exists: boolean; sameAsBefore?: boolean; isInput: boolean };
  /** Temporary files left in the output folder. */
  leftovers: string[];
}

/** A file's SHA-256, read in chunks (the 300 MB entry must not sit in this process's memory). */
function hash(path: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!statSync(path).isFile()) return undefined;
    fd = openSync(path, 'r');
    const h = createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
    return h.digest('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Copies the committed corpus into `dir`, builds the large entries and makes the special inputs. */
export async function prepareCorpus(dir: string, expected: Expected): Promise<void> {
  mkdirSync(join(dir, 'ut'), { recursive: true });
  for (const f of readdirSync(FIXTURES))
    if (f !== 'expected.json') copyFileSync(join(FIXTURES, f), join(dir, f));
  for (const e of ENTRIES) if (e.large) writeFileSync(join(dir, `${e.id}${e.ext}`), await e.build());
  for (const e of expected.entries) {
    const path = join(dir, e.file);
    if (e.setup === 'directory') mkdirSync(path, { recursive: true });
    else if (e.setup === 'readonly') {
      copyFileSync(join(FIXTURES, 'rubrik-rad-40.xlsx'), path);
      chmodSync(path, 0o444);
    } else if (e.setup === 'sparse-300mb') {
      writeFileSync(path, '');
      truncateSync(path, 300 * 1024 * 1024);
    } else if (e.setup && typeof e.setup === 'object') {
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(join(dir, e.setup.copyOf), path);
    }
  }
}

function outputArgs(e: ExpectedEntry): { args: string[]; out?: string } {
  const fallback = `ut/${e.id}.xlsx`;
  if (!e.beraknaOut) return { args: ['-o', fallback], out: fallback };
  const args = e.beraknaOut.map((a) => a.replace('{fil}', e.file).replace('{ut}', fallback));
  const at = args.indexOf('-o');
  return { args, out: at >= 0 ? args[at + 1] : undefined };
}

function makeExistingOutput(dir: string, e: ExpectedEntry, out: string): void {
  const target = join(dir, out);
  const input = join(dir, e.file);
  mkdirSync(dirname(target), { recursive: true });
  if (e.existingOutput === 'copy') copyFileSync(input, target);
  else if (e.existingOutput === 'readonly-copy') {
    copyFileSync(input, target);
    chmodSync(target, 0o444);
  } else if (e.existingOutput === 'hardlink') linkSync(input, target);
  else if (e.existingOutput === 'symlink') symlinkSync(input, target);
  else if (e.existingOutput === 'directory') mkdirSync(target, { recursive: true });
}

async function runOne(cli: BuiltCli, dir: string, e: ExpectedEntry, command: CommandName): Promise<Outcome> {
  const input = e.file.startsWith('/') ? e.file : join(dir, e.file);
  const before = hash(input);
  let args: string[];
  let out: string | undefined;
  let outBefore: string | undefined;
  if (command === 'validera') args = ['validera', e.file];
  else if (command === 'rapport') {
    // An output of its own, beside berakna's: both may run at the same time.
    out = `ut/${e.id}.rapport.xlsx`;
    args = ['rapport', e.file, '-o', out];
  } else {
    const o = outputArgs(e);
    out = o.out;
    if (out && e.existingOutput) makeExistingOutput(dir, e, out);
    outBefore = out && !out.startsWith('/') ? hash(join(dir, out)) : undefined;
    args = ['berakna', e.file, ...o.args];
  }
  // An entry that waits for the core may take the old core minutes; half a minute tells enough.
  const pending = e.pendingCore !== undefined || e[command]?.pendingCore !== undefined;
  const run = await runCli(cli, args, { cwd: dir, timeoutMs: pending ? 30_000 : 180_000 });
  const after = hash(input);
  const outcome: Outcome = { entry: e, command, args, run, leftovers: [] };
  if (before !== undefined) outcome.inputUnchanged = before === after;
  if (out && !out.startsWith('/')) {
    const path = join(dir, out);
    const st = lstatSync(path, { throwIfNoEntry: false });
    const exists = st !== undefined && (st.isFile() || st.isSymbolicLink());
    outcome.output = {
      path: out,
      exists,
      sameAsBefore: outBefore === undefined ? undefined : hash(path) === outBefore,
      isInput: out === e.file,
    };
    const folder = dirname(path);
    // Only this run's temporary files: other runs write beside it at the same time.
    const mine = `.${basename(path)}.`;
    if (existsSync(folder))
      outcome.leftovers = readdirSync(folder).filter((f) => f.startsWith(mine) && f.endsWith('.tmp'));
  }
  return outcome;
}

/** Runs both commands on every entry, a few at a time. */
export async function runCorpus(cli: BuiltCli, dir: string, expected: Expected): Promise<Outcome[]> {
  const jobs: (() => Promise<Outcome>)[] = [];
  // berakna after validera on the same entry: outputs prepared for berakna must not exist for validera.
  for (const e of expected.entries) jobs.push(() => runOne(cli, dir, e, 'validera'));
  for (const e of expected.entries) jobs.push(() => runOne(cli, dir, e, 'berakna'));
  for (const e of expected.entries) jobs.push(() => runOne(cli, dir, e, 'rapport'));
  const results: Outcome[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(2, availableParallelism())) }, async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  });
  await Promise.all(workers);
  return results;
}

/** Why an outcome's expectation waits for the core, if it does. */
export function pendingReason(o: Outcome): string | undefined {
  return o.entry[o.command]?.pendingCore ?? o.entry.pendingCore;
}

/** Whether an outcome meets its expectation: exit code, and the message on stderr (exit 2) or in stdout. */
export function meetsExpectation(o: Outcome): boolean {
  const want = o.entry[o.command];
  // No settled answer: only what holds for every input, which the test checks itself.
  if (!want) return true;
  if (o.run.code !== want.exit) return false;
  if (want.exit === 2) return o.run.stderr === `${expand(want.message, o)}\n` && o.run.stdout === '';
  const lines = o.run.stdout.split('\n');
  return (
    o.run.stderr === '' &&
    lines.includes(expand(want.message, o)) &&
    (want.contains ?? []).every((c) => lines.includes(expand(c, o))) &&
    !(want.absent ?? []).some((c) => lines.includes(expand(c, o)))
  );
}

/** `{fil}` and `{ut}` in an expectation, filled in for an outcome. */
export function expand(text: string, o: Outcome): string {
  return text.replace(/\{fil\}/g, o.entry.file).replace(/\{ut\}/g, o.output?.path ?? `ut/${o.entry.id}.xlsx`);
}
