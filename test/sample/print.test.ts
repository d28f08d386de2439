/**
 * The sample workbook as the nämnd gets it on paper: LibreOffice renders the
 * .xlsx Budgetkoll writes to PDF (and pdftoppm to PNG, in
 * test-results/print/ to look at). Each sheet must come out on one A4
 * landscape page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSampleWorkbook } from '../../src/sample';
import { writeXlsx } from '../../src/xlsx';
import { describeWithCalc } from '../support/libreoffice';

jest.setTimeout(180_000);

const OUTPUT = join(__dirname, '..', '..', 'test-results', 'print');

function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const text = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(text)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(text);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

describeWithCalc('the sample workbook on paper', () => {
  it('prints every sheet on one A4 landscape page, and leaves PNGs to look at', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetkoll-print-'));
    writeFileSync(join(dir, 'exempel.xlsx'), await writeXlsx(buildSampleWorkbook()));
    const profile = join(dir, 'lo-profile');
    mkdirSync(profile, { recursive: true });
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, 'exempel.xlsx'),
      ],
      { stdio: 'ignore', timeout: 150_000 },
    );
    const pdf = join(dir, 'exempel.pdf');
    const info = pdfInfo(pdf);
    // Three sheets, one page each: nothing spills onto a second page across or down.
    expect(info.pages).toBe(3);
    // A4 landscape: 842 × 595 points.
    expect(Math.round(info.width)).toBe(842);
    expect(Math.round(info.height)).toBe(595);
    mkdirSync(OUTPUT, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(OUTPUT, 'exempel')], { timeout: 60_000 });
    expect(readdirSync(OUTPUT).filter((f) => /^exempel-\d+\.png$/.test(f))).toHaveLength(3);
  });
});
