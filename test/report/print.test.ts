/**
 * The report tabs as printed: LibreOffice prints the generated workbook to
 * PDF with the sheets' own print setup. Every page is A4 landscape; each tab
 * is one page wide (the last column's header is on the page with the first
 * label), the chart has a page of its own, and the följetal fits one page.
 * scripts/render-reports.sh makes the same PDF and PNGs of its pages to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { readXlsx } from '../../src/xlsx';
import { buildReports, workbookSheets, writeReports } from '../../src/xlsx/report';
import { convertWithCalc, describeWithCalc } from '../support/libreoffice';
import { buildSampleWorkbook, xlsxOf } from './workbooks';

jest.setTimeout(300_000);

describeWithCalc('the report tabs printed by LibreOffice', () => {
  let dir: string;
  let pages: string[];
  let sizes: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetkoll-print-'));
    const original = await xlsxOf(buildSampleWorkbook());
    const sheets = await workbookSheets(original, await readXlsx(original));
    writeFileSync(
      join(dir, 'rapport.xlsx'),
      await writeReports(original, buildReports(sheets, 'alla', DEFAULT_SETTINGS)),
    );
    const out = convertWithCalc(dir, [join(dir, 'rapport.xlsx')], 'pdf', true);
    const pdf = join(out, 'rapport.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    pages = text.split('\f').filter((p) => p.trim() !== '');
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdf], { encoding: 'utf8' });
    sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/g)].map((m) => m[1]!);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every page A4 landscape', () => {
    expect(sizes.length).toBe(pages.length);
    for (const s of sizes) expect(s).toBe('841.89 x 595.304');
  });

  it('prints the Verksamhetsrapport one page wide with its chart on the next page', () => {
    const i = pages.findIndex((p) => p.includes('Verksamhetsrapport januari–augusti 2024'));
    const table = pages[i]!;
    for (const text of [
      'Verksamhet (tkr)',
      'Avvik. helår',
      'Nämnd- och styrelseverksamh.',
      'SUMMA',
      '13,104',
      'Periodens ekonomiska resultat',
    ])
      expect(table).toContain(text);
    const chart = pages[i + 1]!;
    expect(chart).toContain('Avvikelse helår 2024 per verksamhet (tkr), störst först');
    expect(chart).toContain('Förvaltnings/myndighetskontor');
    expect(chart).toContain('Vård och omsorg äldre/funkt');
    expect(pages[i + 2]).toContain('Följetal januari–augusti 2024');
  });

  it('prints the Följetal on one page, footnotes included', () => {
    const page = pages[pages.length - 1]!;
    for (const text of [
      'Avvik (+) fler än budget (-) färre än budget',
      'Avvik. helår',
      'Äldreomsorg',
      '³ Omfattar även kvalificerad kontaktperson',
      '..',
    ])
      expect(page).toContain(text);
  });
});
