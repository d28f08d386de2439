/**
 * The command line as a real process: the bundled bin, pipes that close,
 * a full disk, signals, and a workbook that needs more memory than allowed.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSampleWorkbook } from '../../src/sample';
import { writeXlsx } from '../../src/xlsx/write';
import { buildCli, runCli, TRACE, type BuiltCli } from './support/builtCli';
import { largeWorkbook } from './support/largeWorkbook';

// Child processes on a shared two-core machine: seconds, not milliseconds.
jest.setTimeout(60_000);

let cli: BuiltCli;
let dir: string;
let sample: string;
let ledger: string;

beforeAll(async () => {
  cli = buildCli();
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-process-'));
  sample = join(dir, 'exempel.xlsx');
  writeFileSync(sample, await writeXlsx(buildSampleWorkbook()));
  ledger = join(dir, 'huvudbok.xlsx');
  writeFileSync(ledger, await largeWorkbook({ rows: 2000 }));
}, 60_000);

afterAll(() => {
  cli.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a shell pipeline and returns budgetkoll's own exit code (PIPESTATUS[0]) and its stderr. */
function pipeline(args: string[], reader: string): { status: number; stderr: string } {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync(
    'bash',
    [
      '-c',
      `'${process.execPath}' '${cli.bin}' ${quoted} 2>"$ERR" | ${reader} >/dev/null; echo "\${PIPESTATUS[0]}"`,
    ],
    { encoding: 'utf8', env: { ...process.env, ERR: join(dir, 'stderr.txt') }, timeout: 60_000 },
  );
  return { status: Number(r.stdout.trim()), stderr: readFileSync(join(dir, 'stderr.txt'), 'utf8') };
}

describe('bin/budgetkoll.js over the bundle', () => {
  it('prints the overview and exits 0', async () => {
    const r = await runCli(cli, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Användning: budgetkoll <kommando>');
    expect(r.stderr).toBe('');
  });

  it('passes the exit code and the Swedish error through', async () => {
    const missing = join(dir, 'saknas.xlsx');
    const r = await runCli(cli, ['validera', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`budgetkoll: Filen finns inte: ${missing}\n`);
    expect(r.stdout).toBe('');
  });

  it('validates the sample in a worker and reports the same as in-process', async () => {
    const r = await runCli(cli, ['validera', sample]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Summering: 3 blad, 3 tabeller, 0 fel, 0 varningar, \d+ upplysningar\.$/m);
  });

  it('says how to build it when the bundle is missing', () => {
    const bare = mkdtempSync(join(tmpdir(), 'budgetkoll-bare-'));
    mkdirSync(join(bare, 'bin'));
    copyFileSync(cli.bin, join(bare, 'bin', 'budgetkoll.js'));
    const r = spawnSync(process.execPath, [join(bare, 'bin', 'budgetkoll.js'), '--help'], {
      encoding: 'utf8',
    });
    rmSync(bare, { recursive: true, force: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'budgetkoll: Kommandoraden är inte byggd (build/cli saknas). Kör `npm ci` eller `npm run build:cli` i projektmappen och försök igen.\n',
    );
  });
});

describe('output that cannot be written', () => {
  it('ends quietly with the command’s exit code when the reader of a pipe goes away', () => {
    // 2 000 rows as JSON is far more than a pipe holds, so writes after `head` exits meet a closed pipe.
    const r = pipeline(['validera', ledger, '--json'], 'head -c 100');
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    const full = spawnSync(process.execPath, [cli.bin, 'validera', ledger, '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    expect(r.status).toBe(full.status);
  });

  it('a batch check into `head -1` stops quietly too', () => {
    const folder = join(dir, 'katalog');
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < 6; i++) copyFileSync(sample, join(folder, `nämnd-${i}.xlsx`));
    const r = pipeline(['validera', '--katalog', folder], 'head -1');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a full disk gives one Swedish line and exit 2', async () => {
    for (const args of [['validera', sample], ['--help'], ['validera', '--katalog', dir]]) {
      const r = await runCli(cli, args, { stdoutTo: '/dev/full' });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('budgetkoll: Resultatet kunde inte skrivas: disken är full.\n');
    }
  });
});

describe('a workbook that needs more memory than allowed', () => {
  let big: string;
  beforeAll(async () => {
    big = join(dir, 'stor.xlsx');
    writeFileSync(big, await largeWorkbook({ rows: 60_000 }));
  }, 60_000);

  it('gives one Swedish line naming the file, not a heap trace', async () => {
    const r = await runCli(cli, ['validera', big], { env: { BUDGETKOLL_HEAP_MB: '64' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `budgetkoll: Arbetsboken ${big} kräver mer än 64 MB minne för att kontrolleras. ` +
        'Dela upp den i mindre arbetsböcker eller ta bort stora tomma, formaterade områden och försök igen.\n',
    );
  }, 120_000);

  it('in a batch check, costs that file its line and the others are checked', async () => {
    const folder = join(dir, 'blandat');
    mkdirSync(folder);
    copyFileSync(big, join(folder, 'a-stor.xlsx'));
    copyFileSync(sample, join(folder, 'b-exempel.xlsx'));
    const r = await runCli(cli, ['validera', '--katalog', folder], { env: { BUDGETKOLL_HEAP_MB: '96' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      'a-stor.xlsx: KAN INTE LÄSAS – Arbetsboken kräver mer än 96 MB minne för att kontrolleras. ' +
        'Dela upp den i mindre arbetsböcker eller ta bort stora tomma, formaterade områden och försök igen.',
      expect.stringMatching(/^b-exempel\.xlsx: OK – 0 fel, 0 varningar, \d+ upplysningar$/),
    ]);
    expect(r.stdout + r.stderr).not.toMatch(TRACE);
  }, 120_000);
});

describe('an interrupted berakna', () => {
  it('leaves the old output or none, never half a file or a temporary file', async () => {
    const big = join(dir, 'avbruten.xlsx');
    writeFileSync(big, await largeWorkbook({ rows: 20_000 }));
    const folder = join(dir, 'ut');
    mkdirSync(folder);
    const out = join(folder, 'ut.xlsx');
    let child: import('node:child_process').ChildProcess | undefined;
    const run = runCli(cli, ['berakna', big, '-o', out], { onSpawn: (c) => (child = c) });
    await new Promise((r) => setTimeout(r, 800));
    child!.kill('SIGTERM');
    const r = await run;
    const left = readdirSync(folder);
    if (r.code === 143 || r.signal === 'SIGTERM') expect(left).toEqual([]);
    else {
      // It finished first: then the file is whole.
      expect(left).toEqual(['ut.xlsx']);
      expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    }
    expect(existsSync(big)).toBe(true);
  }, 120_000);
});
