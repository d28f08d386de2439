/**
 * The bad-input corpus (test/fixtures/bad/, scripts/bad-corpus/): every
 * command of the built command line on every entry, each as a child process.
 * For every outcome: an exit code of 0, 1 or 2, no stack trace or crash
 * text, peak memory under 1 GB, the input's bytes unchanged, no temporary
 * file left, and where berakna gives up, no output file (or the one that was
 * there, unchanged). Where the entry's answer is settled, the exact exit code
 * and Swedish message of expected.json; entries marked pendingCore wait for
 * a change in the core and get the generic checks only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  expand,
  loadExpected,
  meetsExpectation,
  pendingReason,
  prepareCorpus,
  runCorpus,
  type CommandName,
  type Outcome,
} from '../../scripts/bad-corpus/run';
import { buildCli, TRACE, type BuiltCli } from './support/builtCli';

const GiB = 1024 ** 3;
const expected = loadExpected();
const COMMANDS: CommandName[] = ['validera', 'berakna', 'rapport'];

let cli: BuiltCli;
let dir: string;
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  cli = buildCli();
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-corpus-'));
  await prepareCorpus(dir, expected);
  for (const o of await runCorpus(cli, dir, expected)) outcomes.set(`${o.entry.id} ${o.command}`, o);
}, 45 * 60_000);

afterAll(() => {
  // Pending entries whose answer is now right: their pendingCore mark can go.
  const ready = [...outcomes.values()].filter((o) => pendingReason(o) && meetsExpectation(o));
  if (ready.length)
    console.log(
      `pendingCore entries that now meet their expectation:\n${ready.map((o) => `  ${o.entry.id} ${o.command}`).join('\n')}`,
    );
  cli?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('holds at least the 76 kinds of input of issue 9, each once', () => {
  const ids = expected.entries.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeGreaterThanOrEqual(76);
});

describe.each(expected.entries.map((e) => [e.id, e] as const))('%s', (id, entry) => {
  it.each(COMMANDS)('%s', (command) => {
    const o = outcomes.get(`${id} ${command}`)!;
    const where = `${id} ${command}: exit ${o.run.code}\n${o.run.stderr}${o.run.stdout.slice(0, 2000)}`;
    const pending = pendingReason(o);
    if (o.run.timedOut && pending)
      return void console.log(`${id} ${command}: pending (${pending}), killed after ${o.run.ms} ms`);
    // What must hold for every input.
    expect({ where, signal: o.run.signal, timedOut: o.run.timedOut }).toEqual({
      where,
      signal: null,
      timedOut: false,
    });
    expect([0, 1, 2]).toContain(o.run.code);
    expect(o.run.stdout + o.run.stderr).not.toMatch(TRACE);
    expect(o.run.maxRss).toBeDefined();
    expect(o.run.maxRss!).toBeLessThan(GiB);
    if (o.inputUnchanged !== undefined) expect(o.inputUnchanged).toBe(true);
    expect(o.leftovers).toEqual([]);
    if (command === 'berakna' && o.run.code === 2 && o.output && !o.output.isInput) {
      if (entry.existingOutput) expect(o.output.sameAsBefore ?? !o.output.exists).toBe(true);
      else expect(o.output.exists).toBe(false);
    }
    if (command === 'rapport' && o.run.code === 2) expect(o.output?.exists).toBe(false);
    if (pending) return;
    // The settled answer.
    const want = entry[command];
    if (!want) return;
    expect(o.run.code).toBe(want.exit);
    if (want.exit === 2) {
      expect(o.run.stdout).toBe('');
      expect(o.run.stderr).toBe(`${expand(want.message, o)}\n`);
    } else {
      expect(o.run.stderr).toBe('');
      const lines = o.run.stdout.split('\n');
      expect(lines).toContain(expand(want.message, o));
      for (const line of want.contains ?? []) expect(lines).toContain(expand(line, o));
      for (const line of want.absent ?? []) expect(lines).not.toContain(expand(line, o));
    }
  });
});
