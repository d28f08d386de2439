/**
 * Writes what the built command line answers on every corpus entry (exit
 * code, stdout, stderr, peak memory, time) as JSON, to compare two branches
 * (e.g. before and after a core change) entry by entry. Like report.ts it
 * never touches expected.json.
 *
 * Usage: npx tsx scripts/bad-corpus/dump.ts OUT.json [ID,ID,...]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../test/cli/support/builtCli';
import { loadExpected, prepareCorpus, runCorpus } from './run';

async function main(): Promise<void> {
  const [out, only] = process.argv.slice(2);
  if (!out) throw new Error('Usage: npx tsx scripts/bad-corpus/dump.ts OUT.json [ID,ID,...]');
  const expected = loadExpected();
  if (only) expected.entries = expected.entries.filter((e) => only.split(',').includes(e.id));
  const cli = buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'budgetkoll-corpus-dump-'));
  try {
    await prepareCorpus(dir, expected);
    const outcomes = await runCorpus(cli, dir, expected);
    const rows = outcomes.map((o) => ({
      id: o.entry.id,
      command: o.command,
      code: o.run.code,
      stdout: o.run.stdout,
      stderr: o.run.stderr,
      maxRss: o.run.maxRss,
      ms: o.run.ms,
      timedOut: o.run.timedOut,
      inputUnchanged: o.inputUnchanged,
      output: o.output,
      leftovers: o.leftovers,
    }));
    writeFileSync(out, `${JSON.stringify(rows, null, 1)}\n`);
  } finally {
    cli.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
