import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { nodeIO, type CliIO } from '../../src/cli/io';
import { buildSampleWorkbook } from '../../src/sample';
import { findSheet, setCellData } from '../../src/workbook/model';
import { writeXlsx } from '../../src/xlsx';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { ...nodeIO(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-katalog-'));
  writeFileSync(join(dir, 'a-ratt.xlsx'), await writeXlsx(buildSampleWorkbook()));
  // One wrong item in the Verksamhetsrapport: SUMMA no longer holds (its cached value is the published one).
  const wrong = buildSampleWorkbook();
  const sheet = findSheet(wrong, 'Verksamhetsrapport')!;
  setCellData(sheet, 5, 2, { value: -183717 + 5000 });
  writeFileSync(join(dir, 'b-fel.xlsx'), await writeXlsx(wrong));
  writeFileSync(join(dir, 'anteckningar.txt'), 'inte en arbetsbok');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('budgetkoll validera with sum checks', () => {
  it('reports the wrong total and the wrong deviation as errors, exit 1', async () => {
    const r = await run('validera', join(dir, 'b-fel.xlsx'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const errors = report.sheets.flatMap(
      (s: { findings: { severity: string; code: string; cell: string }[] }) =>
        s.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.cell}`),
    );
    expect(errors).toEqual(expect.arrayContaining(['SUM_MISMATCH C20', 'DEVIATION_MISMATCH E6']));
  });
});

describe('budgetkoll validera --katalog', () => {
  it('prints one summary line per workbook and exits 1 when one has errors', async () => {
    const r = await run('validera', '--katalog', dir);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^a-ratt\.xlsx: OK – 0 fel/);
    expect(lines[1]).toMatch(/^b-fel\.xlsx: FEL – [1-9]\d* fel/);
    expect(r.code).toBe(1);
  });

  it('--json gives one report object per file in an array', async () => {
    const r = await run('validera', '--katalog', dir, '--json');
    const reports = JSON.parse(r.stdout);
    expect(Array.isArray(reports)).toBe(true);
    expect(reports.map((x: { file: string }) => x.file.split('/').pop())).toEqual([
      'a-ratt.xlsx',
      'b-fel.xlsx',
    ]);
  });

  it('a missing folder is unusable input: exit 2 and one Swedish line', async () => {
    const r = await run('validera', '--katalog', join(dir, 'finns-inte'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^budgetkoll: Mappen finns inte/);
  });
});

describe('a batch check without --json', () => {
  it('counts each workbook’s findings without building its report, and the counts are the report’s', async () => {
    const { checkFile } = await import('../../src/cli/commands/validera');
    const { countFindings } = await import('../../src/cli/humanReport');
    const io = nodeIO();
    for (const name of ['a-ratt.xlsx', 'b-fel.xlsx']) {
      const file = join(dir, name);
      const summary = await checkFile(io, file, true);
      const full = await checkFile(io, file, false);
      expect(Object.keys(summary).sort()).toEqual(['counts', 'file']);
      if (!('counts' in summary) || !('report' in full)) throw new Error(`${name}: no counts or no report`);
      expect(summary.counts).toEqual(countFindings(full.report));
    }
    const wrong = await checkFile(io, join(dir, 'b-fel.xlsx'), true);
    expect('counts' in wrong && wrong.counts.error).toBeGreaterThanOrEqual(2);
    const unreadable = await checkFile(io, join(dir, 'anteckningar.txt'), true);
    expect('error' in unreadable && unreadable.error).toMatch(/\S/);
  });
});
