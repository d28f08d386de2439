/**
 * The workbench end to end: the real task pane (production build, local
 * office.js) in Chromium beside the simulated workbook. Loads a generated
 * .xlsx through the page's file input, validates, follows a finding to its
 * cell, fixes it, undoes the fix, runs a ribbon command and checks the task
 * pane with axe-core.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { buildSampleWorkbook } from '../../src/sample';
import { readXlsx, writeXlsx } from '../../src/xlsx';
import { decodeStore } from '../../src/core/store';
import { createWorkbook, findSheet, getCellData, setCellData } from '../../src/workbook/model';
import { build, CHROMIUM_ARGS, CHROMIUM_PATH, ROOT, serve, type StaticServer } from './support/server';

jest.setTimeout(180_000);

const SHEET = 'Verksamhetsrapport';
/** C6: "Utfall perioden" of the second verksamhet; we store it as text, as a paste from the ledger would. */
const TEXT_CELL = { row: 5, col: 2, address: 'C6' };
const SHOTS = path.join(ROOT, '.tmp');
/** Screenshots meant to be looked at: the pane at Excel's usual width, in the test output. */
const OUTPUT = path.join(ROOT, 'test-results', 'screenshots');
/** Excel's usual task-pane width; the workbench gives its pane the same. */
const PANE_WIDTH = 350;

interface WorkbenchWindow {
  budgetkollWorkbench: {
    installs: number;
    whenInstalled(): Promise<void>;
    selection: { sheet: string; address: string } | null;
    model: { sheets: { name: string; cells: Map<string, { value: unknown }> }[] };
  };
}

let server: StaticServer;
let browser: Browser;
let page: Page;
let pane: FrameLocator;
let originalValue: number;
const errors: string[] = [];
/** Every URL the task pane (its frame and its worker) asked for. */
const paneRequests: string[] = [];
/** Content-Security-Policy violations reported in the task pane. */
const violations: string[] = [];

async function sampleWithTextNumber(): Promise<Buffer> {
  const wb = buildSampleWorkbook();
  const sheet = findSheet(wb, SHEET);
  if (!sheet) throw new Error(`sample has no ${SHEET}`);
  const cell = getCellData(sheet, TEXT_CELL.row, TEXT_CELL.col);
  if (typeof cell?.value !== 'number')
    throw new Error(`${SHEET}!${TEXT_CELL.address} is not a number in the sample`);
  originalValue = cell.value;
  const text = Math.round(originalValue)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
    .replace('-', '−');
  setCellData(sheet, TEXT_CELL.row, TEXT_CELL.col, { value: text, numberFormat: '@' });
  wb.activeSheet = SHEET;
  return Buffer.from(await writeXlsx(wb));
}

function cellValue(address: { row: number; col: number }): Promise<unknown> {
  return page.evaluate(
    ({ sheet, row, col }) => {
      const s = (window as unknown as WorkbenchWindow).budgetkollWorkbench.model.sheets.find(
        (x) => x.name === sheet,
      );
      return s?.cells.get(`${row},${col}`)?.value ?? null;
    },
    { sheet: SHEET, ...address },
  );
}

/** Every cell of the test sheet as plain data, to compare before and after. */
function sheetSnapshot(): Promise<[string, unknown][]> {
  return page.evaluate((sheet) => {
    const s = (window as unknown as WorkbenchWindow).budgetkollWorkbench.model.sheets.find(
      (x) => x.name === sheet,
    );
    return s
      ? [...s.cells.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, JSON.stringify(v)] as [string, unknown])
      : [];
  }, SHEET);
}

function paneFrame(): Frame {
  const frame = page.frame({ name: 'taskpane' });
  if (!frame) throw new Error('task pane frame not found');
  return frame;
}

beforeAll(async () => {
  build();
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const frame = r.frame();
    if (frame.name() === 'taskpane' || frame.parentFrame()?.name() === 'taskpane') paneRequests.push(r.url());
  });
  page.on('worker', (w) => paneRequests.push(w.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) violations.push(m.text());
  });
  // The test runs offline: office.js's telemetry frame on the internet is not needed.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${server.url}/workbench.html`);
  await page.evaluate(() => (window as unknown as WorkbenchWindow).budgetkollWorkbench.whenInstalled());
  pane = page.frameLocator('iframe[name="taskpane"]');
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('opens with the sample workbook and the task pane ready', async () => {
  await expectVisible(page.getByRole('tab', { name: 'Resultatrapport' }));
  // One header: Excel's pane title says Budgetkoll, the pane's own h1 is for screen readers.
  expect(await pane.getByRole('heading', { name: 'Budgetkoll', level: 1 }).count()).toBe(1);
  await expectVisible(pane.getByRole('button', { name: 'Validera struktur' }));
  expect(await page.locator('iframe[name="taskpane"]').evaluate((f) => f.getBoundingClientRect().width)).toBe(
    PANE_WIDTH,
  );
  // The very hidden store sheet never shows as a tab.
  expect(await page.getByRole('tab', { name: 'Budgetkoll_data' }).count()).toBe(0);
});

test('loads an .xlsx through "Öppna .xlsx", finds the number stored as text and selects its cell', async () => {
  const installsBefore = await page.evaluate(
    () => (window as unknown as WorkbenchWindow).budgetkollWorkbench.installs,
  );
  await page.getByTestId('open-xlsx').setInputFiles({
    name: 'uppföljning-augusti.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await sampleWithTextNumber(),
  });
  await page.waitForFunction(
    (n) => (window as unknown as WorkbenchWindow).budgetkollWorkbench.installs > n,
    installsBefore,
  );
  await expectVisible(page.getByText('uppföljning-augusti.xlsx', { exact: true }));
  await expectVisible(page.getByRole('tab', { name: SHEET, selected: true }));

  await pane.getByRole('button', { name: 'Validera struktur' }).click();
  const finding = pane.locator(
    `[data-testid="finding"][data-code="TEXT_NUMBER"][data-cell="${TEXT_CELL.address}"]`,
  );
  await expectVisible(finding);
  await expectVisible(pane.getByRole('heading', { name: `Blad ${SHEET}` }));
  await expectVisible(pane.getByRole('heading', { name: /^Fel/ }));

  // Keyboard: the finding is a focusable button that Enter activates.
  await finding.focus();
  await finding.press('Enter');
  await page.waitForFunction(
    (addr) =>
      /!?C6$/.test((window as unknown as WorkbenchWindow).budgetkollWorkbench.selection?.address ?? '') &&
      addr,
    TEXT_CELL.address,
  );
  const selection = await page.evaluate(
    () => (window as unknown as WorkbenchWindow).budgetkollWorkbench.selection,
  );
  expect(selection?.sheet).toBe(SHEET);
  expect(selection?.address.replace(/^.*!/, '')).toBe(TEXT_CELL.address);
  await expectText(page.getByTestId('namebox'), TEXT_CELL.address);
  await page.screenshot({ path: path.join(SHOTS, 'workbench-findings.png') });
});

test('"Konvertera till tal" beside its finding fixes the cell and "Ångra senaste" brings the text back', async () => {
  expect(typeof (await cellValue(TEXT_CELL))).toBe('string');
  // The fix sits on the finding's own line.
  const line = pane.locator('[data-testid="finding-line"]', {
    has: pane.locator(`[data-code="TEXT_NUMBER"][data-cell="${TEXT_CELL.address}"]`),
  });
  await line.getByRole('button', { name: `Konvertera till tal: ${TEXT_CELL.address}` }).click();
  await expectText(
    pane.getByTestId('message'),
    /^1 cell på bladet Verksamhetsrapport konverterades till tal\./,
  );
  expect(await cellValue(TEXT_CELL)).toBe(Math.round(originalValue));
  expect(await pane.locator(`[data-code="TEXT_NUMBER"][data-cell="${TEXT_CELL.address}"]`).count()).toBe(0);
  await expectText(pane.getByTestId('journal-head'), /Konvertera C6 till tal/);

  await pane.getByRole('button', { name: 'Ångra senaste' }).click();
  await expectVisible(pane.getByText(/^Ångrade: Konvertera C6 till tal/));
  expect(typeof (await cellValue(TEXT_CELL))).toBe('string');
  // The results are the sheet's again: the text number is back on the list.
  await expectVisible(pane.locator(`[data-code="TEXT_NUMBER"][data-cell="${TEXT_CELL.address}"]`));
});

test('a ribbon button runs its command in the task pane and shows the result', async () => {
  await pane.getByRole('button', { name: 'Stäng meddelandet' }).click();
  await page.locator('[data-ribbon="validateSums"]').click();
  await expectVisible(pane.getByTestId('message'));
  await expectText(page.getByRole('status').last(), /Validera summor (är klar|misslyckades)/);
});

test('"Beräkna avvikelser" writes to the sheet and "Ångra senaste" restores every cell', async () => {
  const before = await sheetSnapshot();
  await pane.getByRole('button', { name: 'Beräkna avvikelser' }).click();
  await expectText(
    pane.getByTestId('message'),
    /Bladet Verksamhetsrapport: .*(skrevs|inget behövde skrivas)/,
  );
  const message = (await pane.getByTestId('message').textContent()) ?? '';
  if (/skrevs/.test(message)) {
    expect(await sheetSnapshot()).not.toEqual(before);
    await expectText(pane.getByTestId('journal-head'), /Beräkna avvikelser på bladet Verksamhetsrapport/);
    await pane.getByRole('button', { name: 'Ångra senaste' }).click();
    await expectText(pane.getByTestId('message'), /^Ångrade: Beräkna avvikelser/);
  }
  expect(await sheetSnapshot()).toEqual(before);
});

test('a corrected column role is saved with the workbook and can be reset', async () => {
  await pane.getByRole('button', { name: 'Validera struktur' }).click();
  const roleB = () => pane.getByRole('combobox', { name: /^Roll för kolumn B/ });
  await expectVisible(roleB());
  await roleB().selectOption({ label: 'Övrigt (räknas inte)' });
  await expectText(pane.getByTestId('message'), /Kolumn B på bladet Verksamhetsrapport räknas nu som övrigt/);
  // Column A of the store sheet holds the header, with the settings (src/core/store.ts).
  const columnA = await page.evaluate(() => {
    const wb = (window as unknown as WorkbenchWindow).budgetkollWorkbench.model;
    const store = wb.sheets.find((s) => s.name === 'Budgetkoll_data');
    const cells = [...(store?.cells ?? [])]
      .map(([key, c]) => [...key.split(',').map(Number), c.value] as [number, number, unknown])
      .filter(([, col]) => col === 0)
      .sort((a, b) => a[0] - b[0]);
    return cells.map(([, , value]) => value);
  });
  expect(decodeStore(columnA).settings.roleOverrides).toEqual([
    { sheet: 'Verksamhetsrapport', table: 'verksamhettkr#0', column: 'utfallperioden2023', role: 'other' },
  ]);
  await expectValue(roleB(), 'other');

  await roleB().selectOption({ label: 'Automatiskt (tolka rubriken)' });
  await expectText(pane.getByTestId('message'), /tolkas åter automatiskt/);
  await expectValue(roleB(), 'outcome_prior_year');
});

test('"Validera summor" lists every sheet and keeps rounding information folded until asked for', async () => {
  await pane.getByRole('button', { name: 'Validera summor' }).click();
  await expectText(pane.getByTestId('message'), /^Summorna på 3 blad är kontrollerade/);
  const show = pane.getByRole('button', { name: 'Visa' }).first();
  if ((await show.count()) > 0) {
    await expect(show.getAttribute('aria-expanded')).resolves.toBe('false');
    await show.click();
    await expectVisible(pane.getByRole('button', { name: 'Dölj' }).first());
    await expectVisible(pane.locator('[data-testid="finding"]').first());
  }
});

test('"Markera i bladet" fills the problem cells and "Rensa markeringar" takes the fill away', async () => {
  const fills = () =>
    page.evaluate(() =>
      (window as unknown as WorkbenchWindow).budgetkollWorkbench.model.sheets.flatMap((s) =>
        [...s.cells.entries()]
          .filter(([, c]) => (c as { fill?: string }).fill && s.name !== 'Budgetkoll_data')
          .map(([k, c]) => `${s.name}:${k}:${(c as { fill?: string }).fill}`),
      ),
    );
  const before = await fills();
  await pane.getByRole('button', { name: 'Markera i bladet' }).click();
  await expectText(pane.getByTestId('message'), /celler? markerades på /);
  const marked = await fills();
  expect(marked.length).toBeGreaterThan(before.length);
  // The text number's cell is among the marked ones.
  expect(marked.some((x) => x.startsWith(`${SHEET}:${TEXT_CELL.row},${TEXT_CELL.col}:`))).toBe(true);
  await expectText(pane.getByTestId('journal-head'), /^Ångrar: Markera i bladet/);
  await pane.getByRole('button', { name: 'Rensa markeringar' }).click();
  await expectText(pane.getByTestId('message'), /^Markeringarna är borttagna \(\d+ celler?\)\.$/);
  expect(await fills()).toEqual(before);
  // The undo button no longer offers to undo the highlight that is gone.
  expect((await pane.getByTestId('journal-head').textContent()) ?? '').not.toMatch(/Markera/);
});

test('the task pane has no serious or critical axe-core violations', async () => {
  // Summary findings, an expanded information group and the structure table are all on screen here.
  await expectVisible(pane.getByTestId('findings'));
  const frame = paneFrame();
  // The pane's CSP allows scripts from its own origin only, so axe is served from there.
  await page.route(`${server.url}/__axe.min.js`, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
    }),
  );
  // Not frame.addScriptTag: it fails on any CSP report that happens meanwhile (office.js's blocked telemetry frame).
  await frame.evaluate(
    (src) =>
      new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(script);
      }),
    `${server.url}/__axe.min.js`,
  );
  const violations = await frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'workbench-axe.png') });
});

test("after switching sheets in the workbook, coming back to the pane shows the new sheet's structure", async () => {
  await page.getByRole('tab', { name: 'Följetal' }).click();
  // Coming back to the pane = its window gets focus, as when the user clicks into it in Excel.
  await paneFrame().evaluate(() => window.dispatchEvent(new Event('focus')));
  await expectVisible(pane.getByRole('heading', { name: 'Struktur – Följetal' }));
  await page.getByRole('tab', { name: SHEET }).click();
  await paneFrame().evaluate(() => window.dispatchEvent(new Event('focus')));
  await expectVisible(pane.getByRole('heading', { name: `Struktur – ${SHEET}` }));
});

test('"Spara .xlsx" downloads a workbook that reads back with its sheets and the Budgetkoll store', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Spara .xlsx' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('uppföljning-augusti.xlsx');
  const file = await download.path();
  const model = await readXlsx(readFileSync(file));
  expect(model.sheets.map((s) => s.name)).toEqual(
    expect.arrayContaining(['Resultatrapport', 'Verksamhetsrapport', 'Följetal']),
  );
  const store = model.sheets.find((s) => s.name === 'Budgetkoll_data');
  expect(store?.visibility).toBe('VeryHidden');
});

test('opened outside Excel and outside the workbench, the task pane says to open it in Excel', async () => {
  const plain = await browser.newPage();
  await plain.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await plain.goto(`${server.url}/taskpane.html`);
  await plain.getByText('Öppna Budgetkoll i Excel').waitFor({ state: 'visible', timeout: 15_000 });
  await plain.close();
});

/** Loads a workbook through the page's file input and waits for the task pane to be reinstalled. */
async function openWorkbook(name: string, buffer: Buffer, timeout = 30_000): Promise<void> {
  const installsBefore = await page.evaluate(
    () => (window as unknown as WorkbenchWindow).budgetkollWorkbench.installs,
  );
  await page.getByTestId('open-xlsx').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await page.waitForFunction(
    (n) => (window as unknown as WorkbenchWindow).budgetkollWorkbench.installs > n,
    installsBefore,
    { timeout },
  );
  await expectVisible(page.getByText(name, { exact: true }));
}

function cellData(row: number, col: number): Promise<Record<string, unknown> | null> {
  return page.evaluate(
    ({ sheet, row, col }) => {
      const s = (window as unknown as WorkbenchWindow).budgetkollWorkbench.model.sheets.find(
        (x) => x.name === sheet,
      );
      return (s?.cells.get(`${row},${col}`) as Record<string, unknown> | undefined) ?? null;
    },
    { sheet: SHEET, row, col },
  );
}

test('"Beräkna avvikelser" fills cleared deviation cells with formulas and proposes a missing forecast', async () => {
  const wb = buildSampleWorkbook();
  const sheet = findSheet(wb, SHEET)!;
  // Avvikelse perioden (E5:E20) cleared, and the forecast of row 6 left for Budgetkoll to propose.
  for (let r = 4; r <= 19; r++) setCellData(sheet, r, 4, { value: null, formula: undefined });
  setCellData(sheet, 5, 5, { value: null });
  wb.activeSheet = SHEET;
  await openWorkbook('augusti-utan-avvikelser.xlsx', Buffer.from(await writeXlsx(wb)));
  await pane.getByRole('button', { name: 'Beräkna avvikelser' }).click();
  await expectText(pane.getByTestId('message'), /Bladet Verksamhetsrapport: .*1 prognosförslag/);
  // Costs negative: Avvikelse perioden = Utfall perioden − Budget perioden, as a live formula.
  expect(await cellData(5, 4)).toMatchObject({ formula: '=C6-D6', value: -183717 - -183178 });
  expect(await cellData(19, 4)).toMatchObject({ formula: '=C20-D20', value: -412059 - -426278 });
  // Utfall + återstående budget, marked as a proposal (italic, yellow).
  expect(await cellData(5, 5)).toMatchObject({
    formula: '=C6+(G6-D6)',
    value: -274366,
    italic: true,
    fill: '#FFF2CC',
  });
  // The typed forecast of row 7 is kept.
  expect((await cellData(6, 5))?.value).toBe(-200209);
  // Beräkna does not check sums: its results never say "Inga fel", they point to Validera summor.
  expect(await pane.getByTestId('headline').textContent()).not.toMatch(/Inga fel/);
  await expectVisible(pane.getByText('Summorna är inte kontrollerade: välj Validera summor.'));
  await page.screenshot({ path: path.join(SHOTS, 'workbench-deviations.png') });
  await page
    .locator('iframe[name="taskpane"]')
    .screenshot({ path: path.join(OUTPUT, 'pane-350-berakna-avvikelser.png') });
});

test('the formula bar shows a formula as Swedish Excel does', async () => {
  await page.getByRole('tab', { name: SHEET }).click();
  await page.locator('[data-addr="C20"]').dispatchEvent('mousedown');
  await expectText(page.getByTestId('namebox'), 'C20');
  await expectText(page.getByTestId('formula-bar'), '=SUMMA(C5:C19)');
});

test('"Validera summor" finds one wrong total; clicking the finding selects its cell', async () => {
  const wb = buildSampleWorkbook();
  const sheet = findSheet(wb, SHEET)!;
  // SUMMA of "Budget perioden" typed over its formula with a wrong figure.
  setCellData(sheet, 19, 3, { value: -436280, formula: undefined });
  wb.activeSheet = SHEET;
  await openWorkbook('augusti-fel-summa.xlsx', Buffer.from(await writeXlsx(wb)));
  await pane.getByRole('button', { name: 'Validera summor' }).click();
  const finding = pane.locator('[data-testid="finding"][data-code="SUM_MISMATCH"][data-cell="D20"]');
  await expectVisible(finding);
  await expectText(finding, /ska vara summan av rad 5–19: −426\s278, men cellen visar −436\s280/);
  await finding.click();
  await page.waitForFunction(() =>
    /!?D20$/.test((window as unknown as WorkbenchWindow).budgetkollWorkbench.selection?.address ?? ''),
  );
  await expectText(page.getByTestId('namebox'), 'D20');
  await page.screenshot({ path: path.join(SHOTS, 'workbench-sums.png') });
  await page
    .locator('iframe[name="taskpane"]')
    .screenshot({ path: path.join(OUTPUT, 'pane-350-validera-summor.png') });
  // The workbench's status bar tells the command's state, as Excel's does.
  await expectText(
    page.locator('.wb-status'),
    /^Validera summor är klar\. Summorna på 3 blad är kontrollerade: \d+ fel/,
  );
});

test('results never go stale: after "Konvertera till tal" the sums shown are checked again', async () => {
  await openWorkbook('augusti-textsiffra.xlsx', await sampleWithTextNumber());
  await pane.getByRole('button', { name: 'Validera summor' }).click();
  await expectText(pane.getByTestId('message'), /^Summorna på 3 blad är kontrollerade: \d+ fel/);
  const textNumber = pane.locator(`[data-code="TEXT_NUMBER"][data-cell="${TEXT_CELL.address}"]`);
  await expectVisible(textNumber);
  // The sums the text number breaks are shown under it, not as errors of their own.
  const mentionsC6 = async () =>
    (await pane.locator('[data-testid="finding"]').allTextContents()).filter((t) => /C6|C20/.test(t)).length;
  expect(await mentionsC6()).toBeGreaterThan(0);
  await pane.getByRole('button', { name: `Konvertera till tal: ${TEXT_CELL.address}` }).click();
  await expectText(pane.getByTestId('message'), /konverterades till tal\. Resultatet är uppdaterat\./);
  expect(await textNumber.count()).toBe(0);
  await expectText(pane.getByTestId('headline'), /^\s*(Inga fel i summorna|Summorna:)/);
  expect(
    (await pane.locator('[data-testid="finding"]').allTextContents()).filter((t) => /\bC6\b/.test(t)),
  ).toEqual([]);
});

/** A 20 000-row verksamhetsrapport: items with values, Summa rows per group and a SUMMA as SUM formulas. */
async function largeWorkbook(rows: number): Promise<Buffer> {
  const wb = createWorkbook(['Stor rapport']);
  const sheet = wb.sheets[0]!;
  const header = [
    'Verksamhet (tkr)',
    'Utfall perioden',
    'Budget perioden',
    'Avvikelse perioden',
    'Prognos helår',
    'Budget helår',
    'Avvik. helår',
  ];
  setCellData(sheet, 0, 0, { value: 'Socialnämnden – stor rapport' });
  setCellData(sheet, 1, 0, { value: 'Rapportperiod: 2024-08-31' });
  header.forEach((h, c) => setCellData(sheet, 3, c, { value: h }));
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const total = new Array<number>(6).fill(0);
  const first = 4;
  for (let i = 0; i < rows; i++) {
    const r = first + i;
    const outcome = -Math.round(rnd() * 5000);
    const budget = -Math.round(rnd() * 5000);
    const vals = [outcome, budget, outcome - budget, Math.round(outcome * 1.5), Math.round(budget * 1.5)];
    vals.push(vals[3]! - vals[4]!);
    setCellData(sheet, r, 0, { value: `Post ${i + 1}` });
    vals.forEach((v, c) => {
      total[c]! += v;
      setCellData(sheet, r, c + 1, { value: v, numberFormat: '#,##0' });
    });
  }
  const last = first + rows - 1;
  setCellData(sheet, last + 1, 0, { value: 'SUMMA' });
  total.forEach((v, c) => {
    const col = String.fromCharCode(66 + c);
    setCellData(sheet, last + 1, c + 1, {
      value: v,
      formula: `=SUM(${col}${first + 1}:${col}${last + 1})`,
      numberFormat: '#,##0',
    });
  });
  wb.activeSheet = sheet.name;
  return Buffer.from(await writeXlsx(wb));
}

test('a 20 000-row check keeps the pane painting: the core works in its worker while its progress shows', async () => {
  const t0 = Date.now();
  await openWorkbook('stor-rapport.xlsx', await largeWorkbook(20_000), 240_000);
  const opened = Date.now() - t0;
  // Record, frame by frame, what the pane shows while the command runs.
  await paneFrame().evaluate(() => {
    const w = window as unknown as { __frames: { t: number; text: string }[]; __sampling: boolean };
    w.__frames = [];
    w.__sampling = true;
    // performance.now(), not the frame's own timestamp: a frame delayed by a long task keeps its start time.
    const tick = () => {
      w.__frames.push({
        t: performance.now(),
        text: document.querySelector('[data-testid="progress-text"]')?.textContent ?? '',
      });
      if (w.__sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await pane.getByRole('button', { name: 'Validera summor' }).click();
  await expectText(pane.getByTestId('message'), /^Summorna på 1 blad är kontrollerade/, 120_000);
  const frames = await paneFrame().evaluate(() => {
    const w = window as unknown as { __frames: { t: number; text: string }[]; __sampling: boolean };
    w.__sampling = false;
    return w.__frames;
  });
  // The progress bar and its text were on screen, and frames kept coming while the worker checked:
  // with the core in the pane's own thread, not one frame shows that text.
  const checking = frames.filter((f) => /^Kontrollerar summorna på 1 blad/.test(f.text));
  expect(checking.length).toBeGreaterThan(1);
  const gaps = checking.slice(1).map((f, i) => f.t - checking[i]!.t);
  console.log(
    `20 000 rows: opened in ${opened} ms; ${checking.length} frames while the core worked, ` +
      `longest gap ${Math.round(Math.max(0, ...gaps))} ms`,
  );
});

test('the task pane asks nothing of any other origin and runs its core in a worker under its CSP', async () => {
  const origin = new URL(server.url).origin;
  expect(paneRequests.length).toBeGreaterThan(0);
  expect(paneRequests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  // The one script a test put there itself (axe-core, for the accessibility check) is ours too.
  expect(paneRequests.filter((u) => u.includes('__axe'))).toHaveLength(1);
  expect(paneRequests.some((u) => /\/core-worker\.[0-9a-f]+\.js$/.test(u))).toBe(true);
  const csp = await paneFrame().evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  );
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  // office.js offers a telemetry frame from Microsoft; the policy blocks it (frame-src 'none'), and
  // that is the only thing it blocks: our own code needs nothing it forbids.
  expect(violations.filter((v) => !/telemetryservice\.firstpartyapps\.oaspapps\.com/.test(v))).toEqual([]);
});

test('no uncaught errors in the page or the task pane', () => {
  expect(errors).toEqual([]);
});

// Small polling helpers: jest's expect has no auto-waiting like @playwright/test.
async function expectVisible(locator: {
  waitFor(o: { state: 'visible'; timeout: number }): Promise<void>;
}): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 });
}

async function expectValue(locator: { inputValue(): Promise<string> }, expected: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await locator.inputValue();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected value ${expected}, got ${JSON.stringify(last)}`);
}

async function expectText(
  locator: { textContent(): Promise<string | null> },
  expected: string | RegExp,
  timeout = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.textContent();
    if (typeof expected === 'string' ? last?.trim() === expected : expected.test(last ?? '')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected text ${String(expected)}, got ${JSON.stringify(last)}`);
}
