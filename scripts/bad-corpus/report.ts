/**
 * Prints what the built command line answers on every entry of the bad-input
 * corpus, beside what expected.json says, for a developer reviewing the
 * expectations. It never writes expected.json: an expectation is what the
 * answer should be, decided by a person, not a copy of what the code says.
 *
 * Usage: npx tsx scripts/bad-corpus/report.ts [--only ID,ID] [--skip ID,ID] [--full]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../test/cli/support/builtCli';
import { expand, loadExpected, meetsExpectation, pendingReason, prepareCorpus, runCorpus } from './run';

async function main(): Promise<void> {
  const expected = loadExpected();
  const at = process.argv.indexOf('--only');
  if (at > 0) {
    const only = new Set(process.argv[at + 1]!.split(','));
    expected.entries = expected.entries.filter((e) => only.has(e.id));
  }
  const skipAt = process.argv.indexOf('--skip');
  if (skipAt > 0) {
    const skip = new Set(process.argv[skipAt + 1]!.split(','));
    expected.entries = expected.entries.filter((e) => !skip.has(e.id));
  }
  const full = process.argv.includes('--full');
  const cli = buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'budgetkoll-corpus-report-'));
  try {
    await prepareCorpus(dir, expected);
    const outcomes = await runCorpus(cli, dir, expected);
    for (const o of outcomes) {
      const want = o.entry[o.command];
      const lines = o.run.stdout.trim().split('\n');
      const got = o.run.code === 2 ? o.run.stderr.trim() : lines[lines.length - 1];
      const ok = meetsExpectation(o);
      console.log(
        `${ok ? 'ok  ' : 'DIFF'} ${o.entry.id} ${o.command}: exit ${o.run.code} (want ${want ? want.exit : 'any of 0–2'})` +
          ` ${Math.round((o.run.maxRss ?? 0) / 2 ** 20)} MB ${o.run.ms} ms${pendingReason(o) ? ' [pendingCore]' : ''}\n` +
          `     got:  ${got}\n` +
          (ok || !want ? '' : `     want: ${expand(want.message, o)}\n`) +
          (o.run.code !== 2 && o.run.stderr ? `     stderr: ${o.run.stderr.trim()}\n` : '') +
          (full ? `${o.run.stdout.replace(/^/gm, '     | ')}\n` : ''),
      );
    }
  } finally {
    cli.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
