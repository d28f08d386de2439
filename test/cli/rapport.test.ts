import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { nodeIO, type CliIO } from '../../src/cli/io';
import { buildSampleWorkbook } from '../../src/sample';
import { readXlsx, writeXlsx } from '../../src/xlsx';
import { patchXlsx } from '../../src/xlsx/patch';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { ...nodeIO(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

let dir: string;
let input: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-rapport-cli-'));
  input = join(dir, 'in.xlsx');
  writeFileSync(input, await writeXlsx(buildSampleWorkbook()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('budgetkoll rapport', () => {
  it('writes both report tabs with the chart to a new file and leaves the input alone', async () => {
    const before = readFileSync(input);
    const out = join(dir, 'ut.xlsx');
    const r = await run('rapport', input, '-o', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Verksamhetsrapport från Verksamhetsrapport!A4:H20:');
    expect(r.stdout).toContain('”Verksamhetsrapport (2)” (nytt blad, rapport, med diagram)');
    expect(r.stdout).toContain('”Följetal (2)” (nytt blad, rapport)');
    expect(r.stdout).toContain('+14,2\u00a0mnkr (3,3\u00a0% av nettobudgeten)');
    expect(r.stdout).toContain(`Skrev ${out}.`);
    expect(readFileSync(input).equals(before)).toBe(true);
    const model = await readXlsx(readFileSync(out));
    expect(model.sheets.map((s) => s.name)).toEqual([
      'Resultatrapport',
      'Verksamhetsrapport',
      'Följetal',
      'Verksamhetsrapport (2)',
      'Följetal (2)',
    ]);
  });

  it('a workbook without volumes still gets its verksamhetsrapport: the missing följetal is a warning, or an error when asked for', async () => {
    const budgetOnly = join(__dirname, '..', 'fixtures', 'bad', 'rubrik-rad-40.xlsx');
    const both = await run('rapport', budgetOnly, '-o', join(dir, 'bara-budget.xlsx'));
    expect(both.code).toBe(0);
    expect(both.stdout).toContain(
      '  Varning Verksamhetsrapport!A1: Arbetsboken har ingen tabell med följetal',
    );
    const asked = await run(
      'rapport',
      budgetOnly,
      '-o',
      join(dir, 'bara-foljetal.xlsx'),
      '--typ',
      'foljetal',
    );
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('Arbetsboken har ingen tabell med följetal');
  });

  it('--typ foljetal writes only the följetal; an unknown type is refused with exit code 2', async () => {
    const out = join(dir, 'foljetal.xlsx');
    const r = await run('rapport', input, '-o', out, '--typ', 'foljetal');
    expect(r.code).toBe(0);
    expect((await readXlsx(readFileSync(out))).sheets.map((s) => s.name)).toContain('Följetal (2)');
    expect((await readXlsx(readFileSync(out))).sheets.map((s) => s.name)).not.toContain(
      'Verksamhetsrapport (2)',
    );
    const bad = await run('rapport', input, '-o', join(dir, 'x.xlsx'), '--typ', 'bokslut');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Okänd rapporttyp: bokslut. Välj verksamhetsrapport, foljetal eller alla.');
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });

  it('--blad names the source sheet; a sheet without a table is a Swedish error and no file', async () => {
    const r = await run(
      'rapport',
      input,
      '-o',
      join(dir, 'blad.xlsx'),
      '--typ',
      'verksamhetsrapport',
      '--blad',
      'Följetal',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Bladet ”Följetal” har ingen tabell med utfall och budget per verksamhet');
    expect(existsSync(join(dir, 'blad.xlsx'))).toBe(false);
  });

  it('replaces its own earlier tab, refuses one the user edited without --ersatt-andrad, never overwrites the output unasked', async () => {
    const first = join(dir, 'forsta.xlsx');
    expect((await run('rapport', input, '-o', first)).code).toBe(0);
    const again = await run('rapport', first, '-o', join(dir, 'andra.xlsx'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('”Verksamhetsrapport (2)” (ersatt, rapport, med diagram)');
    const exists = await run('rapport', first, '-o', join(dir, 'andra.xlsx'));
    expect(exists.code).toBe(2);

    // The user writes a comment on the generated sheet.
    const edited = join(dir, 'andrad.xlsx');
    writeFileSync(
      edited,
      await patchXlsx(readFileSync(first), {
        sheets: [
          {
            sheet: 'Verksamhetsrapport (2)',
            inserts: [],
            cells: [{ row: 40, col: 0, value: 'Min kommentar' }],
          },
        ],
      }),
    );
    const refused = await run('rapport', edited, '-o', join(dir, 'tredje.xlsx'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'Bladet ”Verksamhetsrapport (2)” har ändrats sedan Budgetkoll skapade det.',
    );
    expect(refused.stderr).toContain('--ersatt-andrad');
    expect(existsSync(join(dir, 'tredje.xlsx'))).toBe(false);
    const forced = await run('rapport', edited, '-o', join(dir, 'tredje.xlsx'), '--ersatt-andrad');
    expect(forced.code).toBe(0);
    const model = await readXlsx(readFileSync(join(dir, 'tredje.xlsx')));
    expect(model.sheets.find((s) => s.name === 'Verksamhetsrapport (2)')!.cells.get('40,0')).toBeUndefined();
  });

  it('--help prints the usage', async () => {
    const r = await run('rapport', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Användning: budgetkoll rapport <in.xlsx> -o <ut.xlsx>/);
    expect(r.stdout).toContain('Diagrammet skrivs in i filen som ett vanligt Excel-diagram');
  });
});
