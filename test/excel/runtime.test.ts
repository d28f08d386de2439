import { GatewayError, toGatewayError } from '../../src/excel/errors';
import { getExcel, isSetSupported, runExcel, setRuntime } from '../../src/excel/runtime';
import { bands, clusterAreas, columnRuns } from '../../src/excel/regions';
import { splitAreas } from '../../src/excel/readSheet';
import { MockExcel } from './mockExcel';

afterEach(() => setRuntime(undefined));

describe('runtime', () => {
  it('uses the injected runtime and reports requirement sets through Office', () => {
    const mock = new MockExcel([{ name: 'Blad1' }]);
    setRuntime({ Excel: mock.Excel, Office: mock.Office });
    expect(getExcel()).toBe(mock.Excel);
    expect(isSetSupported('ExcelApi', '1.14')).toBe(true);
    expect(isSetSupported('ExcelApi', '1.17')).toBe(false);
  });

  it('says in Swedish that Excel is missing outside Excel', () => {
    setRuntime({ Excel: undefined, Office: undefined });
    expect(() => getExcel()).toThrow(expect.objectContaining({ code: 'NO_EXCEL' }));
    expect(isSetSupported('ExcelApi', '1.1')).toBe(false);
  });

  it('turns Office.js errors into GatewayErrors with Swedish messages', async () => {
    setRuntime({
      Excel: {
        run: async () => {
          throw Object.assign(new Error('edit mode'), { code: 'InvalidOperationInCellEditMode' });
        },
      },
    });
    const err = await runExcel(async () => 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ code: 'CELL_EDIT_MODE' });
    expect((err as GatewayError).userMessage).toMatch(/redigerar en cell/);
    expect(toGatewayError(Object.assign(new Error('x'), { code: 'ItemNotFound' }), 'Drift')).toMatchObject({
      code: 'SHEET_NOT_FOUND',
    });
    expect(toGatewayError(Object.assign(new Error('x'), { code: 'AccessDenied' }))).toMatchObject({
      code: 'SHEET_PROTECTED',
    });
    expect(toGatewayError(new TypeError('boom'))).toMatchObject({ code: 'EXCEL_ERROR' });
  });

  it('says what to do for each conflict Excel reports on an insert, naming the sheet', () => {
    for (const [code, text] of [
      ['InsertDeleteConflict', /Excel-tabell/],
      ['FilteredRangeConflict', /filtrerat område/],
      ['MergedRangeConflict', /sammanfogade celler/],
      ['NonBlankCellOffSheet', /utanför/],
    ] as const) {
      const err = toGatewayError(Object.assign(new Error('x'), { code }), 'Drift');
      expect(err.code).toBe('INSERT_CONFLICT');
      expect(err.userMessage).toMatch(text);
      expect(err.userMessage).toContain('på bladet ”Drift”');
    }
    // Some Excel clients report cell-edit mode as a plain InvalidOperation.
    expect(toGatewayError(Object.assign(new Error('x'), { code: 'InvalidOperation' })).userMessage).toMatch(
      /Redigerar du en cell\? Avsluta redigeringen/,
    );
  });

  it('asks Excel to wait for a cell being edited (delayForCellEdit) where ExcelApi 1.5 is there', async () => {
    const runs: unknown[] = [];
    const excel = {
      run: async (a: unknown, b?: unknown) => {
        runs.push(typeof a === 'function' ? 'no options' : a);
        return (typeof a === 'function' ? a : (b as () => Promise<number>))();
      },
    };
    setRuntime({ Excel: excel, Office: { context: { requirements: { isSetSupported: () => true } } } });
    expect(await runExcel(async () => 7)).toBe(7);
    setRuntime({ Excel: excel, Office: { context: { requirements: { isSetSupported: () => false } } } });
    expect(await runExcel(async () => 8)).toBe(8);
    expect(runs).toEqual([{ delayForCellEdit: true }, 'no options']);
  });
});

describe('regions', () => {
  it('cuts rectangles into bands of whole rows under the cell limit', () => {
    const chunks = bands({ top: 0, left: 0, bottom: 2999, right: 59 }, 20000);
    expect(chunks.map((c) => c.top)).toEqual([0, 333, 666, 999, 1332, 1665, 1998, 2331, 2664, 2997]);
    expect(chunks.reduce((n, c) => n + (c.bottom - c.top + 1) * (c.right - c.left + 1), 0)).toBe(180000);
    expect(bands({ top: 0, left: 0, bottom: 1, right: 9 }, 4)).toHaveLength(6);
  });

  it('clusters the areas Excel reports into few reads without the empty space between a table and a stray cell', () => {
    const table = [
      { top: 0, left: 0, bottom: 29, right: 0 },
      { top: 0, left: 1, bottom: 0, right: 7 },
      { top: 1, left: 1, bottom: 29, right: 3 },
      { top: 1, left: 5, bottom: 29, right: 7 },
    ];
    const stray = { top: 1048575, left: 16383, bottom: 1048575, right: 16383 };
    expect(clusterAreas([...table, stray])).toEqual([{ top: 0, left: 0, bottom: 29, right: 7 }, stray]);
  });

  it('splits a multi-area address, quoted sheet names with commas included', () => {
    expect(splitAreas('Blad1!A1:B2,Blad1!XFD1048576')).toEqual(['Blad1!A1:B2', 'Blad1!XFD1048576']);
    expect(splitAreas("'Drift, IFO'!A1,'Drift, IFO'!C3:D4")).toEqual([
      "'Drift, IFO'!A1",
      "'Drift, IFO'!C3:D4",
    ]);
  });

  it('groups vertically adjacent cells with equal keys into runs', () => {
    const runs = columnRuns(
      [
        { row: 3, col: 1, k: 'a' },
        { row: 1, col: 1, k: 'a' },
        { row: 2, col: 1, k: 'a' },
        { row: 4, col: 1, k: 'b' },
        { row: 5, col: 2, k: 'b' },
      ],
      (c) => c.k,
    );
    expect(runs.map((r) => [r.col, r.top, r.items.length])).toEqual([
      [1, 1, 3],
      [1, 4, 1],
      [2, 5, 1],
    ]);
  });
});
