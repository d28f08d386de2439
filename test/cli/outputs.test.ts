/**
 * Output files: never the input (hard links and symlinks included), never a
 * replaced file without --skriv-over, written whole or not at all, and the
 * two meanings of "skriv över" kept apart.
 */
import * as ExcelJS from 'exceljs';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareOutput, removePendingOutputs, sameFile } from '../../src/cli/files';
import { runCli } from '../../src/cli/main';
import { nodeIO, type CliIO } from '../../src/cli/io';
import { buildSampleWorkbook } from '../../src/sample';
import { findSheet, setCellData } from '../../src/workbook/model';
import { readXlsx } from '../../src/xlsx/read';
import { writeXlsx } from '../../src/xlsx/write';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { ...nodeIO(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

let dir: string;
let input: string;
let inputBytes: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-outputs-'));
  input = join(dir, 'in.xlsx');
  const model = buildSampleWorkbook();
  const sheet = findSheet(model, 'Verksamhetsrapport')!;
  for (let r = 4; r <= 19; r++) setCellData(sheet, r, 4, { value: null, formula: undefined });
  writeFileSync(input, await writeXlsx(model));
  inputBytes = readFileSync(input);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(() => {
  // The input is never touched, whatever a test did.
  expect(readFileSync(input).equals(inputBytes)).toBe(true);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

describe('the output is never the input', () => {
  it('refuses the same path, a hard link and a symlink to the input, even with --skriv-over', async () => {
    const hard = join(dir, 'hard.xlsx');
    const soft = join(dir, 'soft.xlsx');
    linkSync(input, hard);
    symlinkSync(input, soft);
    for (const out of [input, hard, soft]) {
      const r = await run('berakna', input, '-o', out, '--skriv-over');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `budgetkoll: Utfilen är samma fil som indatafilen (${out}); Budgetkoll ändrar aldrig indatafilen. Ange ett annat namn med -o.\n`,
      );
    }
    expect(await sameFile(input, hard)).toBe(true);
    expect(await sameFile(input, join(dir, 'annan.xlsx'))).toBe(false);
  });
});

describe('an existing output file', () => {
  it('is kept without --skriv-over, in berakna and exempel alike', async () => {
    const out = join(dir, 'finns.xlsx');
    writeFileSync(out, 'gammalt innehåll');
    for (const argv of [
      ['berakna', input, '-o', out],
      ['exempel', '-o', out],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `budgetkoll: Filen finns redan: ${out}. Ange --skriv-over för att ersätta den, eller ett annat namn med -o.\n`,
      );
      expect(readFileSync(out, 'utf8')).toBe('gammalt innehåll');
    }
  });

  it('is replaced whole with --skriv-over, keeping its permissions', async () => {
    const out = join(dir, 'ersatt.xlsx');
    writeFileSync(out, 'gammalt');
    chmodSync(out, 0o640);
    const r = await run('berakna', input, '-o', out, '--skriv-over', '--blad', 'Verksamhetsrapport');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await import('node:fs')).statSync(out).mode & 0o777).toBe(0o640);
  });

  it('is not replaced when it is read-only', async () => {
    const out = join(dir, 'last.xlsx');
    writeFileSync(out, 'låst');
    chmodSync(out, 0o444);
    const r = await run('berakna', input, '-o', out, '--skriv-over');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`budgetkoll: Filen är skrivskyddad och ersätts inte: ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe('låst');
  });
});

describe('the two meanings of skriv över', () => {
  it('--skriv-over without an existing output says it means the file, and names --skriv-over-prognoser', async () => {
    const out = join(dir, 'ny.xlsx');
    const r = await run('berakna', input, '-o', out, '--skriv-over');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `budgetkoll: --skriv-over ersätter en befintlig utfil, och ${out} finns inte. ` +
        'För att skriva över prognoser som redan är ifyllda: ange --skriv-over-prognoser.\n',
    );
    expect(readdirSync(dir)).not.toContain('ny.xlsx');
  });

  it('--skriv-over-prognoser overwrites the forecasts the user typed', async () => {
    const kept = join(dir, 'behall.xlsx');
    const over = join(dir, 'skriv.xlsx');
    await run('berakna', input, '-o', kept, '--blad', 'Verksamhetsrapport');
    await run('berakna', input, '-o', over, '--blad', 'Verksamhetsrapport', '--skriv-over-prognoser');
    const forecast = async (f: string) =>
      findSheet(await readXlsx(readFileSync(f)), 'Verksamhetsrapport')!.cells.get('7,5')?.value;
    // Row 8's forecast was typed by the user (−397): kept by default, replaced by a proposal on request.
    expect(await forecast(kept)).toBe(-397);
    expect(await forecast(over)).not.toBe(-397);
  });
});

describe('folders that cannot take the output', () => {
  it('a missing folder, a folder that takes no files, a path through a file', async () => {
    const cases: [string, string][] = [
      [join(dir, 'saknas', 'ut.xlsx'), `Mappen finns inte: ${join(dir, 'saknas')}`],
      ['/proc/ut.xlsx', 'Mappen går inte att skriva i: /proc'],
      [
        join(input, 'ut.xlsx'),
        `Sökvägen är ogiltig (en del av den är en fil, inte en mapp): ${join(input, 'ut.xlsx')}`,
      ],
    ];
    for (const [out, message] of cases) {
      const r = await run('berakna', input, '-o', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`budgetkoll: ${message}\n`);
    }
  });

  it('fails before the work starts, and leaves no temporary file when the work fails', async () => {
    const out = join(dir, 'avbrutet.xlsx');
    const target = await prepareOutput(out, { overwrite: false });
    expect(readdirSync(dir).some((f) => f.startsWith('.avbrutet.xlsx.') && f.endsWith('.tmp'))).toBe(true);
    await target.abort();
    expect(readdirSync(dir).filter((f) => f.includes('avbrutet'))).toEqual([]);
    const again = await prepareOutput(out, { overwrite: false });
    removePendingOutputs();
    expect(readdirSync(dir).filter((f) => f.includes('avbrutet'))).toEqual([]);
    await again.abort();
  });
});

describe('protected workbooks', () => {
  async function protectedFile(name: string, sheet: boolean): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Verksamhetsrapport');
    ws.addRow(['Verksamhet (tkr)', 'Utfall perioden', 'Budget perioden', 'Avvikelse perioden']);
    ws.addRow(['Familjerätt', -154, -160, null]);
    ws.addRow(['Flyktingmottagning', -1257, -1200, null]);
    if (sheet) await ws.protect('', {});
    let bytes: Buffer = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    if (!sheet) {
      const JSZip = (await import('jszip')).default;
      const zip = await JSZip.loadAsync(bytes);
      const xml = await zip.file('xl/workbook.xml')!.async('string');
      zip.file('xl/workbook.xml', xml.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>'));
      bytes = await zip.generateAsync({ type: 'nodebuffer' });
    }
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  }

  it('berakna does not write into a protected sheet', async () => {
    const file = await protectedFile('skyddat.xlsx', true);
    const r = await run('berakna', file, '-o', join(dir, 'skyddat-ut.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'budgetkoll: Bladet ”Verksamhetsrapport” är skyddat, så Budgetkoll skriver inte i det. Ta bort bladskyddet i Excel ' +
        '(Granska → Ta bort bladskydd) och kör igen, eller välj ett annat blad med --blad.\n',
    );
    expect(readdirSync(dir)).not.toContain('skyddat-ut.xlsx');
    expect((await readXlsx(readFileSync(file))).sheets[0]!.protected).toBe(true);
  });

  it('berakna does not add its sheet to a workbook whose structure is protected', async () => {
    const file = await protectedFile('struktur.xlsx', false);
    expect((await readXlsx(readFileSync(file))).structureProtected).toBe(true);
    const r = await run('berakna', file, '-o', join(dir, 'struktur-ut.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^budgetkoll: Arbetsbokens struktur är skyddad/);
  });

  it('validera reads both', async () => {
    expect((await run('validera', join(dir, 'skyddat.xlsx'))).code).toBe(0);
    expect((await run('validera', join(dir, 'struktur.xlsx'))).code).toBe(0);
  });
});

describe('inputs that are not files', () => {
  it('a device, a folder, a file above the size limit', async () => {
    mkdirSync(join(dir, 'mapp.xlsx'));
    const big = join(dir, 'stor.xlsx');
    writeFileSync(big, '');
    (await import('node:fs')).truncateSync(big, 300 * 1024 * 1024);
    const cases: [string, string][] = [
      [
        '/dev/zero',
        'Sökvägen är en enhet, inte en fil: /dev/zero. Budgetkoll läser bara filer (högst 256 MB).',
      ],
      [
        join(dir, 'mapp.xlsx'),
        `Sökvägen är en mapp, inte en fil: ${join(dir, 'mapp.xlsx')}. Ange en .xlsx-fil, eller --katalog för en hel mapp.`,
      ],
      [big, `Filen är 300 MB; Budgetkoll läser högst 256 MB: ${big}`],
    ];
    for (const [file, message] of cases) {
      const r = await run('validera', file);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`budgetkoll: ${message}\n`);
    }
    rmSync(big);
  });
});
