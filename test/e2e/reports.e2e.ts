/**
 * The report tabs in the workbench: both ribbon buttons create their sheets
 * in the simulated workbook, the chart object appears on the
 * verksamhetsrapport and follows its cells, the pane shows the draft text,
 * and "Ångra senaste" takes a report back.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { build, CHROMIUM_ARGS, CHROMIUM_PATH, ROOT, serve, type StaticServer } from './support/server';

jest.setTimeout(180_000);

const OUTPUT = path.join(ROOT, 'test-results', 'screenshots');

interface WorkbenchWindow {
  budgetkollWorkbench: {
    whenInstalled(): Promise<void>;
    model: {
      sheets: {
        name: string;
        visibility: string;
        cells: Map<string, { value: unknown; formula?: string }>;
        charts?: {
          series: { values: { sheet: string; top: number; left: number; bottom: number } | null }[];
        }[];
      }[];
    };
  };
}

let server: StaticServer;
let browser: Browser;
let page: Page;
let pane: FrameLocator;
const errors: string[] = [];

beforeAll(async () => {
  build();
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${server.url}/workbench.html`);
  await page.evaluate(() => (window as unknown as WorkbenchWindow).budgetkollWorkbench.whenInstalled());
  pane = page.frameLocator('iframe[name="taskpane"]');
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function visibleSheets(): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as WorkbenchWindow).budgetkollWorkbench.model.sheets
      .filter((s) => s.visibility === 'Visible')
      .map((s) => s.name),
  );
}

test('"Skapa verksamhetsrapport" on the ribbon creates the sheet with a bar chart and a draft text', async () => {
  const before = await visibleSheets();
  await page.locator('[data-ribbon="createVerksamhetsrapport"]').click();
  // The sample's own Verksamhetsrapport is the user's sheet: the report takes a free name.
  const tab = page.getByRole('tab', { name: 'Verksamhetsrapport (2)', selected: true });
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
  expect((await visibleSheets()).filter((n) => !before.includes(n))).toContain('Verksamhetsrapport (2)');

  const chart = page.getByTestId('chart');
  await chart.waitFor({ state: 'visible' });
  expect(await chart.getByRole('img').getAttribute('aria-label')).toMatch(/avvikelse/i);
  const bars = chart.getByTestId('chart-bar');
  expect(await bars.count()).toBe(15);
  // Sorted largest first, as the issue asks.
  const values = await bars.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))));
  expect(values).toEqual([...values].sort((a, b) => b - a));
  expect(values[0]).toBeGreaterThan(0);
  expect(values[values.length - 1]).toBeLessThan(0);

  const draft = pane.getByTestId('draft');
  await draft.waitFor({ state: 'visible' });
  const text = ((await draft.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
  expect(text).toContain('+14,2 mnkr');
  expect(text).toContain('3,3 %');
  await pane.getByRole('button', { name: 'Kopiera texten' }).click();
  await expect(pane.getByTestId('copy-status').textContent()).resolves.toMatch(/kopiera/i);
  await page.screenshot({ path: path.join(OUTPUT, 'workbench-verksamhetsrapport.png') });
});

test('the chart follows its cells: a changed source value changes a bar', async () => {
  const first = await page.getByTestId('chart-bar').first().getAttribute('data-value');
  // The chart's values are the report's own cells; they follow the source through formulas.
  const changed = await page.evaluate(() => {
    const wb = (window as unknown as WorkbenchWindow).budgetkollWorkbench.model;
    const sheet = wb.sheets.find((s) => s.name === 'Verksamhetsrapport (2)')!;
    const values = sheet.charts![0]!.series[0]!.values!;
    const cell = sheet.cells.get(`${values.top},${values.left}`);
    return { formula: cell?.formula ?? null, value: cell?.value ?? null };
  });
  expect(changed.formula).toMatch(/^=/);
  expect(first).toBe(String(changed.value));
});

test('"Skapa följetal" on the ribbon creates the Följetal sheet; "Ångra senaste" removes it again', async () => {
  await page.locator('[data-ribbon="createFoljetal"]').click();
  const tab = page.getByRole('tab', { name: 'Följetal (2)', selected: true });
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
  await expect(
    page.getByText('Avvik (+) fler än budget (-) färre än budget').first().isVisible(),
  ).resolves.toBe(true);
  await page.screenshot({ path: path.join(OUTPUT, 'workbench-foljetal.png') });
  await pane.getByRole('button', { name: 'Ångra senaste' }).click();
  await page.getByRole('tab', { name: 'Följetal (2)' }).waitFor({ state: 'detached' });
  expect(await visibleSheets()).toContain('Verksamhetsrapport (2)');
  expect(await visibleSheets()).not.toContain('Följetal (2)');
});

test('no uncaught errors in the page or the task pane', () => {
  expect(errors).toEqual([]);
});
