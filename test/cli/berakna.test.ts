import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { nodeIO, type CliIO } from '../../src/cli/io';
import { buildSampleWorkbook } from '../../src/sample';
import { findSheet, getCellData, setCellData } from '../../src/workbook/model';
import { readXlsx, writeXlsx } from '../../src/xlsx';

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
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-berakna-'));
  input = join(dir, 'in.xlsx');
  // The sample with its deviation column and two forecasts cleared in the Verksamhetsrapport.
  const model = buildSampleWorkbook();
  const sheet = findSheet(model, 'Verksamhetsrapport')!;
  for (let r = 4; r <= 19; r++) setCellData(sheet, r, 4, { value: null, formula: undefined });
  setCellData(sheet, 5, 5, { value: null });
  setCellData(sheet, 6, 5, { value: null });
  writeFileSync(input, await writeXlsx(model));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('budgetkoll berakna', () => {
  it('writes deviation formulas and forecast proposals to a new file and leaves the input alone', async () => {
    const before = readFileSync(input);
    const out = join(dir, 'ut.xlsx');
    const r = await run('berakna', input, '-o', out, '--blad', 'Verksamhetsrapport');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Blad "Verksamhetsrapport": \d+ avvikelseceller, 2 prognosförslag/);
    expect(readFileSync(input).equals(before)).toBe(true);

    const model = await readXlsx(readFileSync(out));
    const sheet = findSheet(model, 'Verksamhetsrapport')!;
    // Row 6 "Vård och omsorg äldre/funkt": costs negative, Avvikelse perioden = Utfall − Budget.
    expect(getCellData(sheet, 5, 4)).toMatchObject({ formula: '=C6-D6', value: -183717 - -183178 });
    // Utfall + återstående budget: −183 717 + (−273 827 − −183 178) = −274 366, marked as a proposal.
    expect(getCellData(sheet, 5, 5)).toMatchObject({ value: -274366, italic: true, fill: '#FFF2CC' });
    // The user's own forecast in row 8 is kept.
    expect(getCellData(sheet, 7, 5)!.value).toBe(-397);
  });

  it('--prognosmetod linjar scales the outcome by 12/8 for the August report', async () => {
    const out = join(dir, 'linjar.xlsx');
    const r = await run(
      'berakna',
      input,
      '-o',
      out,
      '--blad',
      'Verksamhetsrapport',
      '--prognosmetod',
      'linjar',
    );
    expect(r.code).toBe(0);
    const sheet = findSheet(await readXlsx(readFileSync(out)), 'Verksamhetsrapport')!;
    expect(getCellData(sheet, 5, 5)!.value).toBeCloseTo((-183717 * 12) / 8, 6);
  });

  it('refuses to overwrite the input and rejects unknown methods with one Swedish line', async () => {
    const same = await run('berakna', input, '-o', input, '--skriv-over');
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/^budgetkoll: Utfilen är samma fil som indatafilen/);
    const bad = await run('berakna', input, '-o', join(dir, 'x.xlsx'), '--prognosmetod', 'magi');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
