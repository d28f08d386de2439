import { cellAt, gridBounds } from '../../src/core/grid';
import { STORE_SHEET, encodeStore, emptyStore } from '../../src/core/store';
import { readSheet, readSheets, toGrid } from '../../src/excel/readSheet';
import { GatewayError } from '../../src/excel/errors';
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
    cells: Object.fromEntries(encodeStore(data).map((c, i) => [`A${i + 1}`, { v: c, fmt: '@' }])),
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
      [
        ['String', 'Double', 'Empty'],
        ['Error', 'Boolean', 'Double'],
      ],
    );
    expect(gridBounds(grid)).toMatchObject({ top: 3, left: 1 });
    expect(cellAt(grid, 3, 1)).toEqual({ v: 'Verksamhet' });
    expect(cellAt(grid, 3, 2)).toEqual({ v: 1200, fmt: '#,##0' });
    expect(cellAt(grid, 3, 3)).toEqual({ v: null });
    expect(cellAt(grid, 4, 1)).toEqual({ v: '#REF!', err: true, f: '=A1+#REF!' });
    expect(cellAt(grid, 4, 2)).toEqual({ v: true });
    expect(cellAt(grid, 4, 3)).toEqual({ v: 7, f: '=B5*2', fmt: '0.0' });
    // Outside the block: empty.
    expect(cellAt(grid, 0, 0)).toEqual({ v: null });
  });

  it('does not take text that merely looks like a formula result as a formula', () => {
    const grid = toGrid('S', 0, 0, [['x']], [['x']], [['@']], [['String']]);
    expect(cellAt(grid, 0, 0)).toEqual({ v: 'x', fmt: '@' });
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

  it('reads a normal sheet in exactly one sync with the sheet list and the store', () => {
    const store = { ...emptyStore(), settings: { ...emptyStore().settings, overwriteForecasts: true } };
    const storeCells = Object.fromEntries(
      encodeStore(store).map((c, i) => [`A${i + 1}`, { v: c, fmt: '@' }]),
    );
    const mock = install(
      [
        drift,
        { name: 'Dold', visibility: 'Hidden' },
        { name: 'Invest' },
        { name: STORE_SHEET, visibility: 'VeryHidden', cells: storeCells },
      ],
      'Drift',
    );
    return readSheet().then((read) => {
      expect(mock.syncs).toBe(1);
      expect(mock.runs).toBe(1);
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
      // Cell data is loaded only on the window intersection, and only the four properties used.
      const cellLoads = mock.loads.filter((l) => l.props.includes('values'));
      expect(cellLoads.map((l) => l.target)).toContain('Drift!B2:D4');
      expect(cellLoads.find((l) => l.target === 'Drift!B2:D4')!.props).toBe(
        'values,formulas,numberFormat,valueTypes',
      );
      expect(mock.writes()).toEqual([]);
    });
  });

  it('returns an empty grid and an empty store for a workbook without a store, learning that it has none', async () => {
    const mock = install([{ name: 'Blad1' }]);
    const read = await readSheet();
    // The optimistic store read fails (nothing is written), the batch reruns with a probe.
    expect(mock.syncs).toBe(2);
    expect(read.grid).toEqual({ sheet: 'Blad1', rows: [] });
    expect(read.store.journal).toEqual([]);
    await readSheet();
    expect(mock.syncs).toBe(3);
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

  it('reads 3000 rows × 60 columns in bands of at most 20 000 cells, one sync each', async () => {
    const big: MockSheet = {
      name: 'Stor',
      used: { top: 0, left: 0, bottom: 2999, right: 59 },
      cellAt: (r, c) => ({ v: r * 100 + c }),
    };
    const mock = install([big, storeSheet()]);
    const read = await readSheet();
    // Window (A1:AX1000) + one band right of it (1000 × 10) + 7 bands below (333 rows × 60).
    expect(mock.syncs).toBe(1 + 1 + 7);
    const followUps = mock.loads.filter((l) => l.props.includes('values') && l.batch > 0);
    expect(followUps).toHaveLength(8);
    for (const l of followUps) expect(l.cells).toBeLessThanOrEqual(20000);
    // One load per sync after the first.
    expect(new Set(followUps.map((l) => l.batch)).size).toBe(8);
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

  it('reads a used range that starts beyond the window entirely in bands', async () => {
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
