/**
 * The generated report tabs, recalculated by LibreOffice Calc, equal the
 * published Bilaga 2 (Verksamhetsrapport) and Bilaga 3 (Följetal) of the
 * Ekerö August 2024 report cell for cell within rounding: from the sample
 * workbook, from the same tables pasted as plain values, and from a
 * konto-level ledger of 2 100 rows summed through the Rapportrader mapping.
 * Changing one source value changes the report, its SUMMA and the chart's
 * data: every figure is a live formula.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { cellAt, type Grid } from '../../src/core/grid';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import type { ReportResult } from '../../src/core/report';
import { readXlsx } from '../../src/xlsx';
import { patchXlsx } from '../../src/xlsx/patch';
import { buildReports, workbookSheets, writeReports } from '../../src/xlsx/report';
import { describeWithCalc } from '../support/libreoffice';
import { recalculated, reportRows } from './calc';
import { BILAGA2, BILAGA3, buildSampleWorkbook, ledgerWorkbook, pastedWorkbook, xlsxOf } from './workbooks';

jest.setTimeout(300_000);

async function withReports(
  model: Parameters<typeof xlsxOf>[0],
): Promise<{ bytes: Uint8Array; results: ReportResult[] }> {
  const original = await xlsxOf(model);
  const sheets = await workbookSheets(original, await readXlsx(original));
  const results = buildReports(sheets, 'alla', DEFAULT_SETTINGS);
  return { bytes: await writeReports(original, results), results };
}

function sheetOf(results: ReportResult[], kind: 'verksamhetsrapport' | 'foljetal'): string {
  return results.find((r) => r.kind === kind)!.sheets.find((p) => p.kind === kind)!.target.name;
}

interface Comparison {
  cells: number;
  maxDiff: number;
}

/**
 * Bilaga 2 row by row: labels equal, figures within rounding. A figure read
 * from one source cell is exact; a deviation is the difference of two rounded
 * figures (±1); SUMMA adds 15 rounded items (±0,5 each, ±1 more for a deviation).
 */
function compareBilaga2(grid: Grid): Comparison {
  const rows = reportRows(grid);
  const items = BILAGA2.rows.filter((r) => r.kind === 'item').length;
  expect(rows.map((r) => r.label)).toEqual(BILAGA2.rows.map((r) => r.label));
  let cells = 0;
  let maxDiff = 0;
  BILAGA2.rows.forEach((seed, i) => {
    seed.values.forEach((v, j) => {
      const got = rows[i]!.values[j];
      expect(typeof got).toBe('number');
      const diff = Math.abs((got as number) - (v as number));
      const deviation = j === 3 || j === 6;
      const tolerance = seed.kind === 'total' ? items * 0.5 + (deviation ? 1 : 0) : deviation ? 1 : 0;
      if (diff > tolerance)
        throw new Error(`${seed.label} ${BILAGA2.columns[j]}: ${String(got)} ≠ ${String(v)}`);
      cells++;
      maxDiff = Math.max(maxDiff, diff);
    });
  });
  return { cells, maxDiff };
}

/** Bilaga 3 row by row: labels with their footnote markers, group headers empty, '..' kept, figures within rounding. */
function compareBilaga3(grid: Grid): Comparison {
  const rows = reportRows(grid);
  expect(rows.map((r) => r.label)).toEqual(BILAGA3.rows.map((r) => r.label));
  let cells = 0;
  let maxDiff = 0;
  BILAGA3.rows.forEach((seed, i) => {
    seed.values.forEach((v, j) => {
      const got = rows[i]!.values[j];
      cells++;
      if (v === null) return expect(got === null || got === '').toBe(true);
      if (typeof v === 'string') return expect(got).toBe(v);
      expect(typeof got).toBe('number');
      const diff = Math.abs((got as number) - v);
      const tolerance = j === 3 || j === 6 ? 1 : 0;
      if (diff > tolerance)
        throw new Error(`${seed.label} ${BILAGA3.columns[j]}: ${String(got)} ≠ ${String(v)}`);
      maxDiff = Math.max(maxDiff, diff);
    });
  });
  return { cells, maxDiff };
}

function headerOf(grid: Grid): string[] {
  return Array.from({ length: 8 }, (_, c) => String(cellAt(grid, 3, c).v ?? ''));
}

describeWithCalc('report tabs recalculated by LibreOffice', () => {
  let dir: string;
  const built: Record<string, { bytes: Uint8Array; results: ReportResult[] }> = {};
  let calc: Awaited<ReturnType<typeof recalculated>>;
  const figures: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetkoll-rapport-'));
    built.sample = await withReports(buildSampleWorkbook());
    built.pasted = await withReports(pastedWorkbook());
    built.ledger = await withReports(ledgerWorkbook());
    // The live test: the forecast of "Vård och omsorg äldre/funkt" (Verksamhetsrapport!F6) raised by 10 000 tkr.
    const live = await patchXlsx(built.sample.bytes, {
      sheets: [{ sheet: 'Verksamhetsrapport', inserts: [], cells: [{ row: 5, col: 5, value: -270504 }] }],
    });
    calc = await recalculated(dir, {
      sample: built.sample.bytes,
      pasted: built.pasted.bytes,
      ledger: built.ledger.bytes,
      live,
    });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    // The figures the closing note asks for.
    console.log(`Cell-by-cell comparison:\n${figures.join('\n')}`);
  });

  it('the sample: the Verksamhetsrapport equals Bilaga 2 and the Följetal Bilaga 3', () => {
    const { results } = built.sample!;
    // The sample's own sheets are the user's: the reports take free names.
    expect(sheetOf(results, 'verksamhetsrapport')).toBe('Verksamhetsrapport (2)');
    expect(sheetOf(results, 'foljetal')).toBe('Följetal (2)');
    const vr = calc.sample!('Verksamhetsrapport (2)');
    expect(headerOf(vr)).toEqual(['Verksamhet (tkr)', ...BILAGA2.columns]);
    const a = compareBilaga2(vr);
    const fo = calc.sample!('Följetal (2)');
    expect(headerOf(fo)).toEqual(['Avvik (+) fler än budget (-) färre än budget', ...BILAGA3.columns]);
    const b = compareBilaga3(fo);
    figures.push(
      `  sample: Bilaga 2 ${a.cells} cells, max |Δ| ${a.maxDiff}; Bilaga 3 ${b.cells} cells, max |Δ| ${b.maxDiff}`,
    );
  });

  it('the same tables pasted as plain report tables give the same reports', () => {
    const { results } = built.pasted!;
    expect(results.map((r) => r.source)).toEqual(['Budget per verksamhet!A4:H20', 'Volymer!A4:H33']);
    const a = compareBilaga2(calc.pasted!(sheetOf(results, 'verksamhetsrapport')));
    const b = compareBilaga3(calc.pasted!(sheetOf(results, 'foljetal')));
    figures.push(
      `  pasted: Bilaga 2 ${a.cells} cells, max |Δ| ${a.maxDiff}; Bilaga 3 ${b.cells} cells, max |Δ| ${b.maxDiff}`,
    );
  });

  it('a konto-level ledger of 2 100 rows gives Bilaga 2 through the Rapportrader mapping', () => {
    const { results } = built.ledger!;
    const vr = results[0]!;
    expect(vr.sheets.map((p) => p.target.name)).toEqual(['Rapportrader', 'Verksamhetsrapport']);
    const mapping = vr.sheets[0]!;
    // One mapping row per konto row: 15 verksamheter × 140 konton.
    expect(mapping.cells.filter((c) => c.col === 0 && c.row > 3)).toHaveLength(2100);
    const report = vr.sheets[1]!;
    const line = report.cells.find((c) => c.row === 5 && c.col === 2)!;
    expect(line.formula).toBe('=SUMIFS(Rapportrader!$F$5:$F$2104,Rapportrader!$D$5:$D$2104,$A6)');
    const a = compareBilaga2(calc.ledger!('Verksamhetsrapport'));
    figures.push(
      `  ledger (2 100 konto rows via Rapportrader): Bilaga 2 ${a.cells} cells, max |Δ| ${a.maxDiff}`,
    );
    // The ledger has no följetal: that report says so instead.
    expect(results[1]!.sheets).toHaveLength(0);
    expect(results[1]!.findings[0]!.code).toBe('REPORT_NO_SOURCE');
  });

  it('changing one source value changes the report row, SUMMA and the chart data', async () => {
    const before = reportRows(calc.sample!('Verksamhetsrapport (2)'));
    const after = reportRows(calc.live!('Verksamhetsrapport (2)'));
    const row = after.findIndex((r) => r.label === 'Vård och omsorg äldre/funkt');
    expect(after[row]!.values[4]).toBe(-270504);
    expect(after[row]!.values[6]).toBe(-270504 - -273827);
    const sum = after.length - 1;
    expect(after[sum]!.values[4]).toBe((before[sum]!.values[4] as number) + 10000);
    expect(after[sum]!.values[6]).toBe((before[sum]!.values[6] as number) + 10000);
    // The chart's sorted data: the row moves from last (−6 677) to fourth (3 323), after 9 427, 4 552 and 4 337.
    const live = calc.live!('Verksamhetsrapport (2)');
    const sorted = Array.from({ length: 15 }, (_, i) => cellAt(live, 4 + i, 10).v);
    expect(sorted.slice(0, 4)).toEqual([9427, 4552, 4337, 3323]);
    expect(cellAt(live, 7, 9).v).toBe('Vård och omsorg äldre/funkt');
    expect([...sorted].sort((x, y) => (y as number) - (x as number))).toEqual(sorted);
    const sample = calc.sample!('Verksamhetsrapport (2)');
    expect(cellAt(sample, 18, 9).v).toBe('Vård och omsorg äldre/funkt');
    expect(cellAt(sample, 18, 10).v).toBe(-6677);
  });

  it('the chart is a chart part bound to the sorted range, kept when Calc opens and saves the file', async () => {
    const zip = await JSZip.loadAsync(built.sample!.bytes);
    const chart = await zip.file('xl/charts/chart1.xml')!.async('string');
    expect(chart).toContain("<c:f>'Verksamhetsrapport (2)'!$J$5:$J$19</c:f>");
    expect(chart).toContain("<c:f>'Verksamhetsrapport (2)'!$K$5:$K$19</c:f>");
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect(chart).toContain('Avvikelse helår 2024 per verksamhet (tkr), störst först');
    const { readFileSync } = await import('node:fs');
    const saved = await JSZip.loadAsync(readFileSync(join(dir, 'out-xlsx-recalc', 'sample.xlsx')));
    const charts = Object.keys(saved.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(1);
    const text = await saved.file(charts[0]!)!.async('string');
    expect(text).toMatch(/(?:'|&apos;)Verksamhetsrapport \(2\)(?:'|&apos;)!\$J\$5:\$J\$19/);
    // Calc drew the chart from the recalculated cells: its cache holds the categories largest first.
    const cached = [...text.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
    expect(cached.slice(1, 3)).toEqual(['Förvaltnings/myndighetskontor', 'Insatser enligt LSS och SFB']);
    expect(cached).toContain('9427');
  });
});
