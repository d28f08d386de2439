/**
 * Writes the feature corpus (test/xlsx/corpus/corpus.ts) to a folder, to open
 * the workbooks in Excel or LibreOffice, or to run berakna on them by hand:
 *
 *   npx tsx scripts/make-xlsx-corpus.ts .tmp/korpus
 *   npx budgetkoll berakna .tmp/korpus/alla-funktioner.xlsx -o .tmp/korpus/ut.xlsx
 *
 * The tests build the same files in memory; nothing generated is kept in git.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus } from '../test/xlsx/corpus/corpus';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Användning: npx tsx scripts/make-xlsx-corpus.ts MAPP');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  for (const entry of await buildCorpus()) {
    writeFileSync(join(dir, `${entry.name}.xlsx`), entry.bytes);
    console.log(
      `${entry.name}.xlsx  ${entry.features.join(', ')}${entry.refusal ? '  (berakna vägrar)' : ''}`,
    );
  }
}

void main();
