import { cellAt, gridBounds } from '../../src/core/grid';
import { STORE_SHEET, encodeStore, emptyStore } from '../../src/core/store';
import { readSheet, readSheets, toGrid } from '../../src/excel/readSheet';
import { GatewayError } from '../../src/excel/errors';
import { STORE_HEAD_BYTES } from '../../src/excel/store';
import { setRuntime } from '../../src/excel/runtime';
import { MockExcel, type MockSheet } from './mockExcel';

function install(sheets: MockSheet[], active?: string): MockExcel {
  const mock = new MockExcel(sheets, active);
  setRuntime({ Excel: mock.Excel, Office: mock.Office });
  return mock;
}

afterEach(() => setRuntime(undefined));

/** A store sheet as Budgetkoll leaves it, so the store is read in the same sync as the sheet. */
function storeSheet(data = emptyStore()): MockSheet {
  return {
    name: STORE_SHEET,
    visibility: 'VeryHidden',
    cells: Object.fromEntries(encodeStore(data).map((c, i) => [`A${i + 1}`, { v: c }])),
  };
}

describe('toGrid', () => {
  it('places cells at absolute coordinates and converts empties, errors, formulas and formats', () => {
    const grid = toGrid(
      'Drift',
      3,
      1,
      [
        ['Verksamhet', 1200, ''],
        ['#REF!', true, 7],
      ],
      [
        ['Verksamhet', 1200, ''],
        ['=A1+#REF!', true, '=B5*2'],
      ],
      [
        ['General', '#,##0', 'General'],
        ['General', 'General', '0.0'],
      ],
    );
    expect(gridBounds(grid)).toMatchObject({ top: 3, left: 1 });
    expect(cellAt(grid, 3, 1)).toEqual({ v: 'Verksamhet' });
    expect(cellAt(grid, 3, 2)).toEqual({ v: 1200, fmt: '#,##0' });
    expect(cellAt(grid, 3, 3)).toEqual({ v: null });
    // Errors are told from the value: valueTypes is not read.
    expect(cellAt(grid, 4, 1)).toEqual({ v: '#REF!', err: true, f: '=A1+#REF!' });
    expect(cellAt(grid, 4, 2)).toEqual({ v: true });
    expect(cellAt(grid, 4, 3)).toEqual({ v: 7, f: '=B5*2', fmt: '0.0' });
    // Outside the block: empty.
    expect(cellAt(grid, 0, 0)).toEqual({ v: null });
  });

  it('does not take text that merely looks like a formula result as a formula', () => {
    const grid = toGrid('S', 0, 0, [['x']], [['x']], [['@']]);
    expect(cellAt(grid, 0, 0)).toEqual({ v: 'x', fmt: '@' });
  });

  it("reads text typed with an apostrophe ('=Summa) as text: formulas returns it without the apostrophe (office-js 6687)", () => {
    const grid = toGrid(
      'S',
      0,
      0,
      [['=Summa', '-varav', 12]],
      [['=Summa', '-varav', '=A2*3']],
      [['General', 'General', 'General']],
    );
    expect(cellAt(grid, 0, 0)).toEqual({ v: '=Summa' });
    expect(cellAt(grid, 0, 1)).toEqual({ v: '-varav' });
    expect(cellAt(grid, 0, 2)).toEqual({ v: 12, f: '=A2*3' });
  });

  it('reads a date as the date Excel shows, in ISO form, keeping its format', () => {
    const grid = toGrid(
      'S',
      0,
      0,
      [[45535, 45535.5, 45535]],
      [[45535, 45535.5, 45535]],
      [['yyyy-mm-dd', 'd mmm yyyy h:mm', '#,##0']],
    );
    expect(cellAt(grid, 0, 0)).toEqual({ v: '2024-08-31', fmt: 'yyyy-mm-dd' });
    expect(cellAt(grid, 0, 1)).toEqual({ v: '2024-08-31 12:00', fmt: 'd mmm yyyy h:mm' });
    expect(cellAt(grid, 0, 2)).toEqual({ v: 45535, fmt: '#,##0' });
  });
});

describe('readSheet', () => {
  const drift: MockSheet = {
    name: 'Drift',
    cells: {
      B2: { v: 'Verksamhet' },
      C2: { v: 'Utfall' },
      B3: { v: 'Hemtjänst' },
      C3: { v: 1234.5, fmt: '#,##0' },
      D3: { v: 17, f: '=C3/C4', fmt: '0.0' },
      B4: { v: 'Särskilt boende' },
      C4: { v: '#DIV/0!', err: true, f: '=1/0' },
    },
  };

  it('reads a normal sheet in two syncs (its extent, then its data), and in one with the extent it learned', async () => {
    const store = { ...emptyStore(), settings: { ...emptyStore().settings, overwriteForecasts: true } };
    const storeCells = Object.fromEntries(encodeStore(store).map((c, i) => [`A${i + 1}`, { v: c }]));
    const mock = install(
      [
        drift,
        { name: 'Dold', visibility: 'Hidden' },
        { name: 'Invest' },
        { name: STORE_SHEET, visibility: 'VeryHidden', cells: storeCells },
      ],
      'Drift',
    );
    return readSheet().then(async (read) => {
      expect(mock.syncs).toBe(2);
      expect(mock.runs).toBe(1);
      // Excel waits for the user to leave a cell being edited instead of failing the batch.
      expect(mock.runOptions).toEqual([{ delayForCellEdit: true }]);
      expect(read.activeSheet).toBe('Drift');
      expect(read.sheetNames).toEqual(['Drift', 'Invest']);
      expect(read.store.settings.overwriteForecasts).toBe(true);
      const g = read.grid;
      expect(g.sheet).toBe('Drift');
      expect(gridBounds(g)).toMatchObject({ top: 1, left: 1 });
      expect(cellAt(g, 1, 1)).toEqual({ v: 'Verksamhet' });
      expect(cellAt(g, 2, 2)).toEqual({ v: 1234.5, fmt: '#,##0' });
      expect(cellAt(g, 2, 3)).toEqual({ v: 17, f: '=C3/C4', fmt: '0.0' });
      expect(cellAt(g, 3, 2)).toEqual({ v: '#DIV/0!', err: true, f: '=1/0' });
      expect(cellAt(g, 3, 3)).toEqual({ v: null });
      // Cell data is loaded only on the used range, after its size is known, and only three properties.
      const cellLoads = mock.loads.filter((l) => l.props.includes('formulas'));
      expect(cellLoads.map((l) => [l.target, l.batch, l.props])).toEqual([
        ['Drift!B2:D4', 1, 'values,formulas,numberFormat'],
      ]);
      // Only the store's header, never the journal's entries: in the first read of a workbook
      // the first sync probes for the store sheet and the header comes with the data.
      const storeLoads = mock.loads.filter((l) => l.target.startsWith(STORE_SHEET) && l.props === 'values');
      expect(storeLoads.map((l) => [l.target, l.batch])).toEqual([[`${STORE_SHEET}!A1:A2`, 1]]);
      expect(mock.writes()).toEqual([]);

      const again = await readSheet(undefined, { extent: read.extent });
      expect(mock.syncs).toBe(3);
      // Exactly the extent it learned, in the first sync.
      expect(
        mock.loads
          .filter((l) => l.props === 'values,formulas,numberFormat' && l.batch === 2)
          .map((l) => l.target),
      ).toEqual(['Drift!B2:D4']);
      expect(again.grid).toEqual(read.grid);
    });
  });

  it('returns an empty grid and an empty store for a workbook without a store, learning that it has none', async () => {
    const mock = install([{ name: 'Blad1' }]);
    const read = await readSheet();
    // The first sync probes for the store sheet with the extent; an empty sheet has no data to read.
    expect(mock.syncs).toBe(1);
    expect(read.grid).toEqual({ sheet: 'Blad1', rows: [] });
    expect(read.store.journal).toEqual([]);
    await readSheet();
    expect(mock.syncs).toBe(2);
    expect(mock.writes()).toEqual([]);
  });

  it('reads a named sheet that is not the active one', async () => {
    install([{ name: 'Blad1', cells: { A1: { v: 1 } } }, drift], 'Blad1');
    const read = await readSheet('Drift');
    expect(read.activeSheet).toBe('Blad1');
    expect(read.grid.sheet).toBe('Drift');
    expect(cellAt(read.grid, 1, 1).v).toBe('Verksamhet');
  });

  it('reports a missing sheet as SHEET_NOT_FOUND with a Swedish message', async () => {
    install([drift]);
    const err = await readSheet('Finns inte').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('SHEET_NOT_FOUND');
    expect((err as GatewayError).userMessage).toContain('”Finns inte”');
  });

  it('reads 3000 rows × 60 columns in blocks sized by bytes, each response within the budget', async () => {
    const big: MockSheet = {
      name: 'Stor',
      used: { top: 0, left: 0, bottom: 2999, right: 59 },
      cellAt: (r, c) => ({ v: r * 100 + c }),
    };
    const mock = install([big, storeSheet()]);
    const budget = 1024 * 1024;
    const read = await readSheet(undefined, { budget });
    const blocks = mock.loads.filter((l) => l.props === 'values,formulas,numberFormat');
    // The first block is planned with 32 bytes a cell (and a 15 % margin), leaving room for the store's
    // header that rides along; the later ones with what the first weighed.
    expect(blocks[0]!.cells).toBe(
      Math.floor(Math.floor((budget - STORE_HEAD_BYTES) / (32 * 1.15)) / 60) * 60,
    );
    expect(blocks[1]!.cells).toBeGreaterThan(blocks[0]!.cells!);
    expect(blocks.reduce((n, l) => n + l.cells!, 0)).toBe(180000);
    expect(mock.syncs).toBe(1 + blocks.length);
    const g = read.grid;
    expect(g.rows).toHaveLength(3000);
    for (const [r, c] of [
      [0, 0],
      [999, 49],
      [999, 50],
      [0, 59],
      [1000, 0],
      [2999, 59],
      [1500, 30],
    ] as const) {
      expect(cellAt(g, r, c).v).toBe(r * 100 + c);
    }
  });

  it('reads a used range that starts far from A1 where it is', async () => {
    const far: MockSheet = {
      name: 'Långt',
      used: { top: 1200, left: 2, bottom: 1201, right: 3 },
      cellAt: (r, c) => ({ v: `${r}:${c}` }),
    };
    const mock = install([far, storeSheet()]);
    const read = await readSheet();
    expect(mock.syncs).toBe(2);
    expect(gridBounds(read.grid)?.top).toBe(1200);
    expect(cellAt(read.grid, 1201, 3).v).toBe('1201:3');
  });
});

describe('readSheets', () => {
  it('reads several small sheets in two syncs: their sizes, then all their cells together', async () => {
    const mock = install([
      { name: 'A', cells: { A1: { v: 1 } } },
      { name: 'B', cells: { C3: { v: 2, f: '=A!A1+1' } } },
    ]);
    const [a, b] = await readSheets(['A', 'B']);
    expect(mock.syncs).toBe(2);
    expect(cellAt(a!, 0, 0).v).toBe(1);
    expect(cellAt(b!, 2, 2)).toEqual({ v: 2, f: '=A!A1+1' });
  });
});
