import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationReport } from '../../src/cli/jsonReport';
import { runCli } from '../../src/cli/main';
import { nodeIO, type CliIO } from '../../src/cli/io';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { STORE_SHEET, encodeStore, emptyStore } from '../../src/core/store';
import { loadWorkbook, workbookSettings } from '../../src/cli/workbook';
import { buildSampleWorkbook } from '../../src/sample';
import { createSheet, setCellData } from '../../src/workbook/model';
import { writeXlsx } from '../../src/xlsx';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Real files, captured output. */
async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { ...nodeIO(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

function oneSwedishLine(r: Run): string {
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^budgetkoll: /);
  return lines[0]!;
}

let dir: string;
let sample: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-cli-'));
  sample = join(dir, 'exempel.xlsx');
  const r = await run('exempel', '-o', sample);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toContain('exempel.xlsx');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('budgetkoll exempel', () => {
  it('writes an .xlsx file', () => {
    const bytes = readFileSync(sample);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('does not overwrite an existing file without --skriv-over', async () => {
    const before = readFileSync(sample);
    const r = await run('exempel', '-o', sample);
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toContain('Filen finns redan');
    expect(readFileSync(sample).equals(before)).toBe(true);
    expect((await run('exempel', '-o', sample, '--skriv-over')).code).toBe(0);
  });

  it('asks for -o', async () => {
    const r = await run('exempel');
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toContain('Ange utfil');
  });

  it('reports a missing folder in Swedish', async () => {
    const r = await run('exempel', '-o', join(dir, 'saknas', 'x.xlsx'));
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toContain('Mappen finns inte');
  });
});

describe('budgetkoll validera --json', () => {
  let report: ValidationReport;
  let result: Run;

  beforeAll(async () => {
    result = await run('validera', sample, '--json');
    report = JSON.parse(result.stdout) as ValidationReport;
  });

  it('prints exactly one JSON object that follows the contract', () => {
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().startsWith('{')).toBe(true);
    expect(() => ValidationReport.parse(report)).not.toThrow();
    expect(report.file).toBe(sample);
  });

  it('lists the visible sheets in tab order', () => {
    expect(report.sheets.map((s) => s.name)).toEqual(['Resultatrapport', 'Verksamhetsrapport', 'Följetal']);
  });

  it('exits 0 exactly when no finding is an error', () => {
    const errors = report.sheets.flatMap((s) => s.findings).filter((f) => f.severity === 'error');
    expect(result.code).toBe(errors.length ? 1 : 0);
  });

  it('names cells and ranges in A1 form', () => {
    for (const s of report.sheets) {
      for (const t of s.tables) expect(t.range).toMatch(/^[A-Z]+\d+:[A-Z]+\d+$/);
      for (const f of s.findings) {
        expect(f.sheet).toBe(s.name);
        expect(f.cell).toMatch(/^[A-Z]+\d+/);
      }
    }
  });

  it('checks one sheet with --blad, matching its name case-insensitively', async () => {
    const r = await run('validera', sample, '--blad', 'följetal', '--json');
    expect(r.stderr).toBe('');
    const one = ValidationReport.parse(JSON.parse(r.stdout));
    expect(one.sheets.map((s) => s.name)).toEqual(['Följetal']);
  });
});

describe('budgetkoll validera, human output', () => {
  it('prints a Swedish report per sheet with a summary line', async () => {
    const r = await run('validera', sample);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Blad "Resultatrapport"');
    expect(r.stdout).toContain('Blad "Följetal"');
    expect(r.stdout).toMatch(
      /^Summering: 3 blad, \d+ tabell(er)?, \d+ fel, \d+ varning(ar)?, \d+ upplysning(ar)?\.$/m,
    );
  });
});

describe('budgetkoll validera on unusable input', () => {
  it('exits 2 with one Swedish line for a missing file', async () => {
    const missing = join(dir, 'finns-inte.xlsx');
    const r = await run('validera', missing);
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toBe(`budgetkoll: Filen finns inte: ${missing}`);
  });

  it('exits 2 for a file that is no .xlsx, and names what it is', async () => {
    const text = join(dir, 'budget.xlsx');
    writeFileSync(text, 'Verksamhet;Utfall\nFamiljerätt;-154\n');
    const r = await run('validera', text, '--json');
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toBe(
      `budgetkoll: Kan inte läsa ${text}: Filen är en textfil (CSV eller liknande), inte en Excel-arbetsbok. ` +
        'Öppna den i Excel och spara som Excel-arbetsbok (.xlsx) (Arkiv → Spara som), och försök igen.',
    );
    const binary = join(dir, 'brus.xlsx');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 4, 5, 250, 251]));
    expect(oneSwedishLine(await run('validera', binary))).toBe(
      `budgetkoll: Kan inte läsa ${binary}: Filen är ingen Excel-arbetsbok (.xlsx).`,
    );
  });

  it('exits 2 for a damaged .xlsx', async () => {
    const broken = join(dir, 'trasig.xlsx');
    const bytes = readFileSync(sample);
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = await run('validera', broken);
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toContain('skadad');
  });

  it('exits 2 for a folder', async () => {
    const r = await run('validera', dir);
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toContain('mapp');
  });

  it('exits 2 for an unknown sheet and names the sheets there are', async () => {
    const r = await run('validera', sample, '--blad', 'Investeringar', '--json');
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toBe(
      'budgetkoll: Bladet finns inte: Investeringar. Bladen i arbetsboken: Resultatrapport, Verksamhetsrapport, Följetal',
    );
  });

  it('exits 2 without a file, and for an unknown flag', async () => {
    expect((await run('validera')).code).toBe(2);
    const r = await run('validera', sample, '--xml');
    expect(r.code).toBe(2);
    expect(oneSwedishLine(r)).toContain('Okänd flagga för validera: --xml');
  });
});

describe('budgetkoll validera with a store sheet', () => {
  it('skips the very hidden store sheet and hidden sheets, and reads its settings', async () => {
    const model = buildSampleWorkbook();
    const hidden = createSheet('Gammal', 'Hidden');
    setCellData(hidden, 0, 0, { value: 'Utfall' });
    const store = createSheet(STORE_SHEET, 'VeryHidden');
    const data = emptyStore();
    data.settings.signOverrides = [{ sheet: 'Följetal', convention: 'costs_negative' }];
    encodeStore(data).forEach((chunk, i) => setCellData(store, i, 0, { value: chunk }));
    model.sheets.push(hidden, store);
    const file = join(dir, 'med-installningar.xlsx');
    writeFileSync(file, await writeXlsx(model));
    const r = await run('validera', file, '--json');
    const report = ValidationReport.parse(JSON.parse(r.stdout));
    expect(report.sheets.map((s) => s.name)).toEqual(['Resultatrapport', 'Verksamhetsrapport', 'Följetal']);
    // The sign override from the store reaches the analysis (when the analyzer found the table).
    for (const t of report.sheets[2]!.tables) expect(t.signConvention).toBe('costs_negative');
    const bad = await run('validera', file, '--blad', STORE_SHEET);
    expect(bad.code).toBe(2);
    const settings = workbookSettings(await loadWorkbook(nodeIO(), file));
    expect(settings.signOverrides).toEqual([{ sheet: 'Följetal', convention: 'costs_negative' }]);
  });

  it('falls back to the default settings without a store sheet', async () => {
    expect(workbookSettings(await loadWorkbook(nodeIO(), sample))).toEqual(DEFAULT_SETTINGS);
  });
});

describe('budgetkoll validera exit code 1', () => {
  it('exits 1 when a finding is an error (an error value on the sheet)', async () => {
    const model = buildSampleWorkbook();
    const sheet = model.sheets[1]!;
    setCellData(sheet, 21, 2, { formula: '=SUM(#REF!)', value: '#REF!', error: true });
    const file = join(dir, 'felvarde.xlsx');
    writeFileSync(file, await writeXlsx(model));
    const r = await run('validera', file, '--json');
    expect(r.code).toBe(1);
    const report = ValidationReport.parse(JSON.parse(r.stdout));
    const errors = report.sheets.flatMap((s) => s.findings).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.sheet, f.cell])).toContainEqual(['Verksamhetsrapport', 'C22']);
    const human = await run('validera', file);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^ {2}Fel \(\d+\):$/m);
  });
});

describe('budgetkoll help and unknown commands', () => {
  it('prints Swedish usage for --help and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Användning: budgetkoll <kommando>');
    expect(r.stdout).toContain('validera');
    expect(r.stdout).toContain('exempel');
  });

  it('prints a command’s own help', async () => {
    const r = await run('validera', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--blad NAMN');
  });

  it('exits 2 with usage for an unknown command or none', async () => {
    const r = await run('kontrollera');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^budgetkoll: Okänt kommando: kontrollera\n/);
    expect(r.stderr).toContain('Användning: budgetkoll');
    expect((await run()).code).toBe(2);
  });
});

describe('budgetkoll validera, counts in Swedish', () => {
  it('counts the rounding notes unless --alla lists them', async () => {
    const short = await run('validera', sample);
    expect(short.stdout).toMatch(/^ {4}\d+ avrundningar?, visa med --alla$/m);
    expect(short.stdout).not.toMatch(/Avrundning: /);
    const all = await run('validera', sample, '--alla');
    expect(all.stdout).not.toMatch(/visa med --alla/);
    expect(all.stdout).toMatch(/Avrundning: /);
    // The same findings either way: the summary line does not change.
    const summary = (t: string) => t.split('\n').find((l) => l.startsWith('Summering:'));
    expect(summary(all.stdout)).toBe(summary(short.stdout));
  });

  it('groups thousands and says 1 varning, not 1 varningar', async () => {
    const { count } = await import('../../src/cli/labels');
    const { findingCounts } = await import('../../src/cli/humanReport');
    expect(count(16002, 'avvikelsecell', 'avvikelseceller')).toBe('16\u00a0002 avvikelseceller');
    expect(count(1, 'avvikelsecell', 'avvikelseceller')).toBe('1 avvikelsecell');
    expect(findingCounts({ error: 1, warning: 1, info: 1 })).toBe('1 fel, 1 varning, 1 upplysning');
    expect(findingCounts({ error: 0, warning: 2, info: 12345 })).toBe(
      '0 fel, 2 varningar, 12\u00a0345 upplysningar',
    );
  });
});
