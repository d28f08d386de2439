import { GatewayError, toGatewayError } from '../../src/excel/errors';
import { getExcel, isSetSupported, runExcel, setRuntime } from '../../src/excel/runtime';
import { bands, followUpChunks, columnRuns, outsideWindow } from '../../src/excel/regions';
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
});

describe('regions', () => {
  it('splits what lies outside A1:AX1000 into bands of whole rows under the cell limit', () => {
    expect(outsideWindow({ top: 0, left: 0, bottom: 10, right: 10 })).toEqual([]);
    const chunks = followUpChunks({ top: 0, left: 0, bottom: 2999, right: 59 });
    expect(chunks[0]).toEqual({ top: 0, left: 50, bottom: 999, right: 59 });
    expect(chunks.slice(1).map((c) => c.top)).toEqual([1000, 1333, 1666, 1999, 2332, 2665, 2998]);
    const cells = chunks.reduce((n, c) => n + (c.bottom - c.top + 1) * (c.right - c.left + 1), 0);
    expect(cells).toBe(3000 * 60 - 1000 * 50);
    expect(bands({ top: 0, left: 0, bottom: 1, right: 9 }, 4)).toHaveLength(6);
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
