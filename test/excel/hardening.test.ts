/**
 * The gateway against the simulated host where real Excel is stricter than a
 * kind simulation (the host learns each behaviour first, in
 * test/host/excelBehaviour.test.ts). Each test would have failed before the
 * fix it names.
 */
import { analyzeSheet } from '../../src/core';
import { cellAt } from '../../src/core/grid';
import type { WritePlan } from '../../src/core/plan';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { STORE_SHEET } from '../../src/core/store';
import { applyPlan } from '../../src/excel/applyPlan';
import { highlightCells } from '../../src/excel/highlight';
import { readSheet, readWorkbook } from '../../src/excel/readSheet';
import { setRuntime } from '../../src/excel/runtime';
import { readStore, saveSettings } from '../../src/excel/store';
import { undoLast } from '../../src/excel/undo';
import {
  Range,
  Worksheet,
  createSimulatedExcel,
  type SimulatedHost,
  type SimulatedHostOptions,
} from '../../src/host';
import {
  cloneWorkbook,
  createSheet,
  createWorkbook,
  findSheet,
  getCellData,
  setCellData,
  type CellData,
  type WorkbookModel,
} from '../../src/workbook/model';

let sim: SimulatedHost;
afterEach(() => setRuntime(undefined));

function install(wb: WorkbookModel, options: SimulatedHostOptions = {}): SimulatedHost {
  sim = createSimulatedExcel(wb, options);
  setRuntime({ Excel: sim.Excel, Office: sim.Office });
  return sim;
}

function cellsOf(wb: WorkbookModel, sheet: string): Record<string, CellData> {
  return Object.fromEntries([...(findSheet(wb, sheet)?.cells ?? [])].sort(([a], [b]) => a.localeCompare(b)));
}

/** Verksamhet | Utfall | Budget, three items and a sum; the budget column yellow and italic like a proposal. */
function drift(): WorkbookModel {
  const wb = createWorkbook(['Drift']);
  const s = findSheet(wb, 'Drift')!;
  const rows: (string | number)[][] = [
    ['Verksamhet', 'Utfall', 'Budget'],
    ['Äldreomsorg', -1100, -1000],
    ['IFO', -450, -500],
    ['Summa', -1550, -1500],
  ];
  rows.forEach((r, i) => r.forEach((v, c) => setCellData(s, i, c, { value: v })));
  for (let r = 0; r < 4; r++) setCellData(s, r, 2, { fill: '#FFF2CC', italic: true, numberFormat: '#,##0' });
  return wb;
}

/** Insert a deviation column at D over the table's rows and fill it. */
const deviationPlan: WritePlan = {
  sheet: 'Drift',
  inserts: [{ col: 3, top: 0, bottom: 3 }],
  writes: [
    { row: 0, col: 3, value: 'Avvikelse' },
    { row: 1, col: 3, formula: '=B2-C2', numberFormat: '#,##0' },
    { row: 2, col: 3, formula: '=B3-C3', numberFormat: '#,##0' },
    { row: 3, col: 3, formula: '=B4-C4', numberFormat: '#,##0' },
  ],
};
const meta = { command: 'computeDeviations' as const, description: 'Beräkna avvikelser på bladet Drift' };

async function failure(p: Promise<unknown>): Promise<{ code?: string; userMessage?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; userMessage?: string };
  }
  throw new Error('expected a failure');
}

describe('item 2: text typed with an apostrophe is text (office-js 6687)', () => {
  it("journals '=Summa as text and Ångra writes text back, never a formula or #NAME?", async () => {
    const wb = drift();
    const s = findSheet(wb, 'Drift')!;
    setCellData(s, 5, 0, { value: '=Summa', quotePrefix: true });
    setCellData(s, 6, 0, { value: '-varav', quotePrefix: true });
    install(wb);
    const read = await readSheet('Drift');
    expect(cellAt(read.grid, 5, 0)).toEqual({ v: '=Summa' });
    const plan: WritePlan = {
      sheet: 'Drift',
      inserts: [],
      writes: [
        { row: 5, col: 0, value: 'Summa' },
        { row: 6, col: 0, value: 'varav' },
      ],
    };
    await applyPlan(plan, read.grid, { command: 'convertTextNumbers', description: 'Etiketter' });
    expect(getCellData(s, 5, 0)).toEqual({ value: 'Summa' });
    await undoLast();
    expect(getCellData(s, 5, 0)).toEqual({ value: '=Summa', quotePrefix: true });
    expect(getCellData(s, 6, 0)).toEqual({ value: '-varav', quotePrefix: true });
  });
});

describe('item 5: protected sheets and workbooks', () => {
  it('refuses a protected sheet before writing, naming it, and creates no store sheet', async () => {
    const wb = drift();
    findSheet(wb, 'Drift')!.protected = true;
    install(wb);
    const before = cloneWorkbook(wb);
    const read = await readSheet('Drift');
    const err = await failure(applyPlan(deviationPlan, read.grid, meta));
    expect(err.code).toBe('SHEET_PROTECTED');
    expect(err.userMessage).toBe(
      'Bladet ”Drift” är skyddat, så Budgetkoll kan inte skriva i det. Ta bort skyddet (Granska → Ta bort skydd för blad) och kör kommandot igen. Inget har ändrats.',
    );
    expect(wb).toEqual(before);
  });

  it("creates the store sheet only when the workbook's structure is not protected", async () => {
    const wb = drift();
    wb.structureProtected = true;
    install(wb);
    const read = await readSheet('Drift');
    const err = await failure(applyPlan(deviationPlan, read.grid, meta));
    expect(err.code).toBe('WORKBOOK_PROTECTED');
    expect(err.userMessage).toMatch(/^Arbetsbokens struktur är skyddad .*Inget har ändrats\.$/);
    expect(wb.sheets.map((x) => x.name)).toEqual(['Drift']);
    expect(cellsOf(wb, 'Drift')).toEqual(cellsOf(drift(), 'Drift'));
    // With the store already there, a protected structure does not matter: cells may be written.
    delete wb.structureProtected;
    await saveSettings(DEFAULT_SETTINGS);
    wb.structureProtected = true;
    const again = await readSheet('Drift');
    expect((await applyPlan(deviationPlan, again.grid, meta)).written).toBe(4);
  });

  it("sets the store sheet very hidden once, when creating it: on Windows and Mac, visibility clears Excel's undo stack", async () => {
    const wb = drift();
    install(wb);
    const descriptor = Object.getOwnPropertyDescriptor(Worksheet.prototype, 'visibility')!;
    let sets = 0;
    Object.defineProperty(Worksheet.prototype, 'visibility', {
      ...descriptor,
      set(this: Worksheet, value: never) {
        sets++;
        descriptor.set!.call(this, value);
      },
    });
    try {
      await applyPlan(deviationPlan, (await readSheet('Drift')).grid, meta);
      await highlightCells('Drift', ['A1']);
      await saveSettings({ ...DEFAULT_SETTINGS, period: '2024-08' });
      await undoLast();
    } finally {
      Object.defineProperty(Worksheet.prototype, 'visibility', descriptor);
    }
    expect(sets).toBe(1);
    expect(findSheet(wb, STORE_SHEET)?.visibility).toBe('VeryHidden');
  });
});

describe('item 6: column inserts Excel would refuse are refused first, and inserted cells get their own format', () => {
  it('gives the inserted deviation column no fill and no italic, not the yellow of the forecast beside it', async () => {
    const wb = drift();
    install(wb);
    await applyPlan(deviationPlan, (await readSheet('Drift')).grid, meta);
    const s = findSheet(wb, 'Drift')!;
    expect(getCellData(s, 0, 3)).toEqual({ value: 'Avvikelse' });
    expect(getCellData(s, 1, 3)).toMatchObject({ formula: '=B2-C2', numberFormat: '#,##0' });
    expect(getCellData(s, 1, 3)?.fill).toBeUndefined();
    expect(getCellData(s, 1, 3)?.italic).toBeUndefined();
    expect(getCellData(s, 1, 2)).toMatchObject({ fill: '#FFF2CC', italic: true });
  });

  it.each([
    [
      'an Excel table',
      async (h: SimulatedHost) =>
        h.Excel.run(async (c) => {
          c.workbook.worksheets.getItem('Drift').tables.add('A1:E6', true);
          await c.sync();
        }),
      /ligger i Excel-tabellen ”Tabell1”.*Tabelldesign → Konvertera till område/,
    ],
    [
      'a filter that hides rows',
      async (h: SimulatedHost) =>
        h.Excel.run(async (c) => {
          c.workbook.worksheets
            .getItem('Drift')
            .autoFilter.apply('A1:E4', 0, { filterOn: 'Values', values: ['IFO'] });
          await c.sync();
        }),
      /ett filter döljer rader där/,
    ],
    [
      'merged cells that cross the table',
      async (h: SimulatedHost) =>
        h.Excel.run(async (c) => {
          c.workbook.worksheets.getItem('Drift').getRange('E4:F5').merge();
          await c.sync();
        }),
      /de sammanfogade cellerna E4:F5 skulle delas/,
    ],
  ])(
    'refuses to insert through %s, in Swedish, before anything is written',
    async (_what, setUp, message) => {
      const wb = drift();
      const h = install(wb);
      await setUp(h);
      const before = cloneWorkbook(wb);
      const err = await failure(applyPlan(deviationPlan, (await readSheet('Drift')).grid, meta));
      expect(err.code).toBe('INSERT_CONFLICT');
      expect(err.userMessage).toMatch(message);
      expect(err.userMessage).toMatch(/D1:D4 på bladet ”Drift”.*Inget har ändrats\.$/);
      expect(wb).toEqual(before);
    },
  );
});

describe('item 7: cell-edit mode', () => {
  it('waits until the user leaves the cell instead of failing', async () => {
    const wb = drift();
    const h = install(wb);
    h.setCellEditMode(true);
    let done = false;
    const read = readSheet('Drift').then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    h.setCellEditMode(false);
    expect(cellAt((await read).grid, 0, 0).v).toBe('Verksamhet');
  });
});

describe('item 8: the first read stays small, however far the sheet reaches', () => {
  it('reads a table and a stray value in XFD1048576 in three small syncs', async () => {
    const wb = drift();
    setCellData(findSheet(wb, 'Drift')!, 1048575, 16383, { value: 'x' });
    install(wb);
    await saveSettings(DEFAULT_SETTINGS);
    sim.stats.reset();
    const read = await readSheet('Drift');
    // Extent, where the data is, the data.
    expect(sim.stats.syncCount).toBe(3);
    for (const s of sim.stats.syncs) expect(s.responseBytes).toBeLessThan(20_000);
    expect(cellAt(read.grid, 1048575, 16383).v).toBe('x');
    expect(cellAt(read.grid, 3, 2).v).toBe(-1500);
  });
});

describe('item 9: the journal is appended, not rewritten, and rotates with a notice', () => {
  it('sends only the new entry when a second command journals', async () => {
    const wb = drift();
    const s = findSheet(wb, 'Drift')!;
    for (let r = 10; r < 2010; r++) setCellData(s, r, 5, { value: `text ${r}` });
    install(wb);
    const first = await readSheet('Drift');
    const big: WritePlan = {
      sheet: 'Drift',
      inserts: [],
      writes: Array.from({ length: 2000 }, (_, i) => ({ row: 10 + i, col: 5, value: i })),
    };
    await applyPlan(big, first.grid, { command: 'convertTextNumbers', description: 'Stor' });
    const bigEntry = sim.stats.syncs.at(-1)!.requestBytes;
    sim.stats.reset();
    await highlightCells('Drift', ['A1']);
    expect(sim.stats.requestBytes).toBeLessThan(bigEntry / 10);
    expect((await readStore()).journal.map((e) => e.description)).toEqual([
      'Stor',
      'Markering av 1 cell i ”Drift”',
    ]);
  });

  it('drops the oldest undo steps beyond ten and says so', async () => {
    install(drift());
    const notices: (string | undefined)[] = [];
    for (let i = 0; i < 11; i++) notices.push((await highlightCells('Drift', [`A${i + 1}`])).notice);
    expect(notices.slice(0, 10)).toEqual(Array(10).fill(undefined));
    expect(notices[10]).toBe(
      'Ångra-historiken är full: det äldsta steget, ”Markering av 1 cell i ”Drift””, kan inte längre ångras.',
    );
    expect((await readStore()).journal).toHaveLength(10);
  });
});

describe('item 1: a store that cannot be read is never replaced', () => {
  it('refuses every write, says why in Swedish, and reads with the default settings', async () => {
    const wb = drift();
    install(wb);
    await saveSettings({ ...DEFAULT_SETTINGS, overwriteForecasts: true });
    await highlightCells('Drift', ['A1']);
    const sheetBefore = cellsOf(wb, 'Drift');
    const a1 = getCellData(findSheet(wb, STORE_SHEET)!, 0, 0)!;
    // Excel turned the cell into something else (an edit, a bad copy).
    setCellData(findSheet(wb, STORE_SHEET)!, 0, 0, { value: String(a1.value).replace('true', 'false') });
    const store = cellsOf(wb, STORE_SHEET);
    const read = await readSheet('Drift');
    expect(read.store.settings).toEqual(DEFAULT_SETTINGS);
    expect(read.store.problem).toMatch(
      /^Budgetkolls sparade inställningar och ångra-historik .* går inte att läsa: kontrollsumman stämmer inte/,
    );
    for (const write of [
      () => applyPlan(deviationPlan, read.grid, meta),
      () => saveSettings(DEFAULT_SETTINGS),
      () => undoLast(),
      () => highlightCells('Drift', ['B2']),
    ]) {
      expect(await failure(write())).toMatchObject({ code: 'STORE_UNREADABLE' });
    }
    expect(cellsOf(wb, STORE_SHEET)).toEqual(store);
    expect(cellsOf(wb, 'Drift')).toEqual(sheetBefore);
  });

  it('migrates a budgetkoll/1 store on the next write and keeps its journal', async () => {
    const wb = drift();
    install(wb);
    const original = cloneWorkbook(wb);
    await highlightCells('Drift', ['A1']);
    // Rewrite the store as budgetkoll/1 held it: one JSON text cut into column A.
    const journal = (await readStoreEntries(wb)).map((e) => e);
    const v1 = JSON.stringify({
      format: 'budgetkoll/1',
      settings: { ...DEFAULT_SETTINGS, period: '2024-08' },
      journal,
    });
    const store = createSheet(STORE_SHEET, 'VeryHidden');
    for (let i = 0; i * 50 < v1.length; i++)
      setCellData(store, i, 0, { value: v1.slice(i * 50, i * 50 + 50), numberFormat: '@' });
    wb.sheets = wb.sheets.map((x) => (x.name === STORE_SHEET ? store : x));
    expect((await readStore()).settings.period).toBe('2024-08');
    await applyPlan(deviationPlan, (await readSheet('Drift')).grid, meta);
    const after = await readStore();
    expect(after.format).toBe('budgetkoll/2');
    expect(after.settings.period).toBe('2024-08');
    expect(after.journal.map((e) => e.command)).toEqual(['highlight', 'computeDeviations']);
    await undoLast();
    await undoLast();
    expect(cellsOf(wb, 'Drift')).toEqual(cellsOf(original, 'Drift'));
  });
});

describe('the store travels in column A alone, with no empty cell above its last entry', () => {
  /** What a transport keeping only the non-empty cells of column A, in order, leaves (the command line's package editor). */
  function compactStore(wb: WorkbookModel): void {
    const sheet = findSheet(wb, STORE_SHEET)!;
    const cells = [...sheet.cells]
      .map(([key, cell]) => ({ row: Number(key.split(',')[0]), col: Number(key.split(',')[1]), cell }))
      .filter((c) => c.col === 0 && c.cell.value !== null && c.cell.value !== '')
      .sort((x, y) => x.row - y.row);
    const store = createSheet(STORE_SHEET, 'VeryHidden');
    cells.forEach((c, i) => setCellData(store, i, 0, { value: c.cell.value }));
    wb.sheets = wb.sheets.map((x) => (x.name === STORE_SHEET ? store : x));
  }

  it('undoes every step after each command, however the journal grew and shrank', async () => {
    const wb = drift();
    const original = cloneWorkbook(wb);
    install(wb);
    await highlightCells('Drift', ['A2']);
    await applyPlan(deviationPlan, (await readSheet('Drift')).grid, meta);
    compactStore(wb);
    await undoLast();
    compactStore(wb);
    await highlightCells('Drift', ['B2', 'B3']);
    compactStore(wb);
    await saveSettings({ ...DEFAULT_SETTINGS, period: '2024-08' });
    compactStore(wb);
    await applyPlan(deviationPlan, (await readSheet('Drift')).grid, meta);
    compactStore(wb);
    expect((await readStore()).journal.map((e) => e.command)).toEqual([
      'highlight',
      'highlight',
      'computeDeviations',
    ]);
    for (let i = 0; i < 3; i++) {
      await undoLast();
      compactStore(wb);
    }
    expect((await readStore()).journal).toEqual([]);
    expect((await readStore()).settings.period).toBe('2024-08');
    expect(cellsOf(wb, 'Drift')).toEqual(cellsOf(original, 'Drift'));
    for (const [key] of findSheet(wb, STORE_SHEET)!.cells) expect(key.endsWith(',0')).toBe(true);
  });
});

/** The journal's entries through the gateway's own reader (undo needs them, so it can read them). */
async function readStoreEntries(wb: WorkbookModel) {
  const { readEntry, readHeader } = await import('../../src/core/store');
  const column: unknown[] = [];
  for (const [key, cell] of findSheet(wb, STORE_SHEET)!.cells) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    if (c !== 0) throw new Error(`store cell outside column A: ${key}`);
    column[r] = cell.value;
  }
  const head = readHeader(column);
  if (head.kind !== 'header') throw new Error(head.kind);
  return head.header.journal.map((p) => {
    const e = readEntry(column.slice(p.row, p.row + p.rows), p);
    if ('problem' in e) throw new Error(e.problem);
    return e;
  });
}

describe('item 10: a date typed into a cell is read as the date', () => {
  it('finds the report period in a date cell ("2024-08-31" that Excel keeps as 45535)', async () => {
    const wb = drift();
    const s = findSheet(wb, 'Drift')!;
    // Move the table down and type the period as a date above it, as Excel would store it.
    const h = install(wb);
    await h.Excel.run(async (c) => {
      const ws = c.workbook.worksheets.getItem('Drift');
      ws.getRange('A1:Z2').insert('Down');
      ws.getRange('A1:B1').values = [['Rapportperiod:', '2024-08-31']];
      await c.sync();
    });
    expect(getCellData(s, 0, 1)).toEqual({ value: 45535, numberFormat: 'yyyy-mm-dd' });
    const read = await readSheet('Drift');
    expect(cellAt(read.grid, 0, 1)).toEqual({ v: '2024-08-31', fmt: 'yyyy-mm-dd' });
    const analysis = analyzeSheet(read.grid, DEFAULT_SETTINGS);
    expect(analysis.tables[0]?.period).toMatchObject({ year: 2024, month: 8 });
  });
});

describe('item 11: number formats that come back changed (Excel for Mac, office-js 4310)', () => {
  it('runs a command twice on Mac without writing or journalling the second time', async () => {
    const wb = drift();
    install(wb, { platform: 'Mac' });
    const plan: WritePlan = {
      sheet: 'Drift',
      inserts: [],
      writes: [{ row: 1, col: 1, value: -1100, numberFormat: 'hh:mm' }],
    };
    expect((await applyPlan(plan, (await readSheet('Drift')).grid, meta)).written).toBe(1);
    expect(await applyPlan(plan, (await readSheet('Drift')).grid, meta)).toEqual({ written: 0 });
    expect((await readStore()).journal).toHaveLength(1);
  });
});

describe('issue 8, item 3: three syncs per command at 10 000 rows, every request and response under 4 MB', () => {
  function bigSheet(rows: number): WorkbookModel {
    const wb = createWorkbook(['Rapport', 'Följetal']);
    const s = findSheet(wb, 'Rapport')!;
    ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse', 'Prognos', 'Budget helår', 'Avvik. helår'].forEach(
      (h, c) => setCellData(s, 0, c, { value: h }),
    );
    for (let i = 1; i <= rows; i++) {
      setCellData(s, i, 0, { value: `Post ${i}` });
      setCellData(s, i, 1, { value: -((i * 37) % 1000), numberFormat: '#,##0' });
      setCellData(s, i, 2, { value: -((i * 53) % 900), numberFormat: '#,##0' });
      setCellData(s, i, 5, { value: -((i * 71) % 1200), numberFormat: '#,##0' });
    }
    setCellData(findSheet(wb, 'Följetal')!, 0, 0, { value: 'Timmar' });
    return wb;
  }
  const within4MB = (h: SimulatedHost) => {
    for (const s of h.stats.syncs) {
      expect(s.requestBytes).toBeLessThan(4 * 1024 * 1024);
      expect(s.responseBytes).toBeLessThan(4 * 1024 * 1024);
    }
  };

  it('reads, checks and writes a 10 000-row sheet in at most three syncs each', async () => {
    const wb = bigSheet(10_000);
    install(wb);
    await saveSettings(DEFAULT_SETTINGS);
    // The focus refresh: the sheet's extent, then its data.
    sim.stats.reset();
    const refresh = await readSheet('Rapport');
    expect(sim.stats.syncCount).toBe(2);
    // Validera struktur after it: the data comes with the extent.
    sim.stats.reset();
    const read = await readSheet('Rapport', { extent: refresh.extent });
    expect(sim.stats.syncCount).toBe(1);
    within4MB(sim);
    // Validera summor: list and store, extents, data.
    sim.stats.reset();
    const all = await readWorkbook();
    expect(all.grids.map((g) => g.sheet)).toEqual(['Rapport', 'Följetal']);
    expect(sim.stats.syncCount).toBeLessThanOrEqual(3);
    within4MB(sim);
    // Beräkna avvikelser: read with the extent, then check + before-states, then the write, which reads the sheet back.
    const writes: WritePlan['writes'] = [];
    for (let i = 1; i <= 10_000; i++) {
      writes.push({ row: i, col: 3, formula: `=B${i + 1}-C${i + 1}`, numberFormat: '#,##0' });
      writes.push({ row: i, col: 6, formula: `=E${i + 1}-F${i + 1}`, numberFormat: '#,##0' });
    }
    const plan: WritePlan = {
      sheet: 'Rapport',
      inserts: [],
      writes,
      dependsOn: [{ top: 0, left: 0, bottom: 10_000, right: 6 }],
    };
    sim.stats.reset();
    const fresh = await readSheet('Rapport', { extent: read.extent });
    const result = await applyPlan(plan, fresh.grid, meta, { returnGrid: true });
    expect(result.written).toBe(20_000);
    expect(sim.stats.syncCount).toBe(3);
    within4MB(sim);
    // The grid it returns is the sheet as a fresh read sees it.
    const after = await readSheet('Rapport');
    expect(result.grid).toEqual(after.grid);
    expect(cellAt(after.grid, 10, 3)).toMatchObject({ f: '=B11-C11', fmt: '#,##0' });
  }, 120_000);

  it('asks Excel for the fill and italic of a whole column, and reads cell by cell only where the cells differ', async () => {
    const wb = createWorkbook(['Rapport']);
    const s = findSheet(wb, 'Rapport')!;
    for (let r = 0; r < 5000; r++) {
      setCellData(s, r, 0, { value: r });
      // Column C holds yellow proposals on every tenth row; column B is plain.
      if (r % 10 === 0) setCellData(s, r, 2, { value: 1, fill: '#FFF2CC', italic: true });
    }
    install(wb);
    const read = await readSheet('Rapport');
    const requests: string[] = [];
    const original = Range.prototype.getCellProperties;
    Range.prototype.getCellProperties = function (this: Range, options) {
      requests.push((this as unknown as { path: string }).path);
      return original.call(this, options);
    };
    try {
      const writes: WritePlan['writes'] = [];
      for (let r = 0; r < 5000; r++)
        writes.push({ row: r, col: 1, formula: `=A${r + 1}*2` }, { row: r, col: 2, value: r });
      await applyPlan({ sheet: 'Rapport', inserts: [], writes }, read.grid, meta);
    } finally {
      Range.prototype.getCellProperties = original;
    }
    expect(requests).toEqual([expect.stringContaining('getRange(C1:C5000)')]);
    await undoLast();
    expect(getCellData(s, 10, 2)).toEqual({ value: 1, fill: '#FFF2CC', italic: true });
    expect(getCellData(s, 11, 2)).toBeUndefined();
  });

  it('checks only the cells the plan depends on and writes: an edit elsewhere does not stop it', async () => {
    const wb = drift();
    install(wb);
    const read = await readSheet('Drift');
    setCellData(findSheet(wb, 'Drift')!, 20, 8, { value: 'en anteckning' });
    const plan = { ...deviationPlan, dependsOn: [{ top: 0, left: 0, bottom: 3, right: 2 }] };
    expect((await applyPlan(plan, read.grid, meta)).written).toBe(4);
    // An edit in what it depends on does.
    const again = await readSheet('Drift');
    setCellData(findSheet(wb, 'Drift')!, 2, 1, { value: -451 });
    const fix: WritePlan = {
      sheet: 'Drift',
      inserts: [],
      writes: [{ row: 1, col: 4, value: 1 }],
      dependsOn: [{ top: 0, left: 0, bottom: 3, right: 2 }],
    };
    expect(await failure(applyPlan(fix, again.grid, meta))).toMatchObject({ code: 'SHEET_CHANGED' });
  });
});
