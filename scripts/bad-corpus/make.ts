/**
 * Writes the small entries of the bad-input corpus to test/fixtures/bad/
 * (the large ones are built by the corpus test). LibreOffice makes the .xls
 * and .ods entries from another entry.
 *
 * Usage: npx tsx scripts/bad-corpus/make.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptPackage } from './encrypted';
import { ENTRIES } from './entries';

const OUT = join(__dirname, '..', '..', 'test', 'fixtures', 'bad');

function convert(from: string, format: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'budgetkoll-soffice-'));
  try {
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        format,
        '--outdir',
        dir,
        join(OUT, from),
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
    const made = readdirSync(dir).find((f) => f.endsWith(`.${format}`));
    if (!made) throw new Error(`soffice made no .${format} from ${from}`);
    return readFileSync(join(dir, made));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const e of ENTRIES) {
    if (e.large) continue;
    const file = `${e.id}${e.ext}`;
    const bytes = e.soffice ? convert(e.soffice.from, e.soffice.format) : await e.build();
    if (e.id === 'krypterad' && decryptPackage(bytes, 'nämnden').subarray(0, 2).toString('latin1') !== 'PK')
      throw new Error('krypterad: the package does not decrypt');
    writeFileSync(join(OUT, file), bytes);
    console.log(`${file.padEnd(40)} ${String(bytes.length).padStart(8)} B  ${e.kind}`);
  }
}

void main();
