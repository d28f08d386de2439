import { createSimulatedExcel } from '../../src/host';
import { findSheet, getCellData } from '../../src/workbook/model';
import { workbookWith } from './helpers';

describe('simulated Excel: the rules of the request context', () => {
  it('throws PropertyNotLoaded when reading a property that was not loaded', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1]] }));
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange('A1');
      range.load('formulas');
      await context.sync();
      expect(range.formulas).toEqual([[1]]);
      let error: unknown;
      try {
        void range.values;
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'PropertyNotLoaded' });
      expect((error as Error).message).toContain("The property 'values' is not available");
    });
  });

  it('throws PropertyNotLoaded before sync even after load was called', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1]] }));
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Blad1').getRange('A1').load('values');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(range.values).toEqual([[1]]);
    });
  });

  it('accepts the load forms of Office.js', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1, '=A1*3']] }));
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      const a = sheet.getRange('A1:B1').load('values, formulas');
      const b = sheet.getRange('A1:B1').load(['address', 'rowCount']);
      const c = sheet.getRange('B1').load({ select: 'values' });
      const d = sheet.getRange('B1').load('format/fill/color, worksheet/name');
      await context.sync();
      expect(a.values).toEqual([[1, 3]]);
      expect(a.formulas).toEqual([[1, '=A1*3']]);
      expect(b.address).toBe('Blad1!A1:B1');
      expect(b.rowCount).toBe(1);
      expect(c.values).toEqual([[3]]);
      expect(d.format.fill.color).toBe('#FFFFFF');
      expect(() => d.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('keeps queued writes out of the workbook until sync', async () => {
    const wb = workbookWith({ Blad1: [[1]] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('A1').values = [[42]];
      const before = sheet.getRange('A1').load('values');
      // The load was queued after the write, so it sees it; but nothing has run yet.
      expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)?.value).toBe(1);
      await context.sync();
      expect(before.values).toEqual([[42]]);
      expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)?.value).toBe(42);
    });
  });

  it('runs a batch in order: a load queued before a write sees the old value', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1]] }));
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Blad1').getRange('A1');
      const old = context.workbook.worksheets.getItem('Blad1').getRange('A1').load('values');
      range.values = [[2]];
      const fresh = context.workbook.worksheets.getItem('Blad1').getRange('A1').load('values');
      await context.sync();
      expect(old.values).toEqual([[1]]);
      expect(fresh.values).toEqual([[2]]);
    });
  });

  it('turns "=..." written through values into a formula and recalculates', async () => {
    const wb = workbookWith({ Blad1: [[10], [20], ['=SUM(A1:A2)']] });
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('B1:B2').values = [['=A1+1'], ['=B1*2']];
      sheet.getRange('A1').values = [[100]];
      const out = sheet.getRange('A1:B3').load('values, formulas, valueTypes');
      await context.sync();
      expect(out.formulas).toEqual([
        [100, '=A1+1'],
        [20, '=B1*2'],
        ['=SUM(A1:A2)', ''],
      ]);
      expect(out.values).toEqual([
        [100, 101],
        [20, 202],
        [120, ''],
      ]);
      expect(out.valueTypes).toEqual([
        ['Double', 'Double'],
        ['Double', 'Double'],
        ['Double', 'Empty'],
      ]);
    });
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 1)).toMatchObject({ formula: '=A1+1', value: 101 });
  });

  it('stores a value starting with an apostrophe as text without it', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [] }));
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      sheet.getRange('A1:C1').values = [["'=text", "'0100", '0100']];
      const out = sheet.getRange('A1:C1').load('values, formulas, valueTypes');
      await context.sync();
      expect(out.values).toEqual([['=text', '0100', 100]]);
      // office-js issue 6687: formulas gives the text without its apostrophe, like values.
      expect(out.formulas).toEqual([['=text', '0100', 100]]);
      expect(out.valueTypes).toEqual([['String', 'String', 'Double']]);
    });
  });

  it('rejects getItem on a missing sheet with ItemNotFound and, asked for atomic batches, applies nothing', async () => {
    const wb = workbookWith({ Blad1: [[1]] });
    const onChange = jest.fn();
    const { Excel } = createSimulatedExcel(wb, { onChange, atomicBatches: true });
    const run = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [[99]];
      context.workbook.worksheets.add('Ny');
      context.workbook.worksheets.getItem('Nope').getRange('A1').values = [[5]];
      await context.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'ItemNotFound', name: 'RichApi.Error' });
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)?.value).toBe(1);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Blad1']);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('behaves like real Excel by default: a failed batch keeps the operations before the failing one', async () => {
    const wb = workbookWith({ Blad1: [[1]] });
    const { Excel } = createSimulatedExcel(wb);
    const run = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [[99]];
      context.workbook.worksheets.getItem('Nope').getRange('A1').values = [[5]];
      await context.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(getCellData(findSheet(wb, 'Blad1')!, 0, 0)?.value).toBe(99);
  });

  it('resolves getItemOrNullObject to a null object instead of failing', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1]] }));
    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      const present = context.workbook.worksheets.getItemOrNullObject('blad1').load('name');
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe('Blad1');
    });
  });

  it('rejects a values array whose size does not match the range', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [] }));
    const run = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1:B2').values = [[1, 2]];
      await context.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('applies a single scalar to every cell of the range', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [] }));
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Blad1').getRange('A1:B2');
      range.values = 7 as unknown as unknown[][];
      range.numberFormat = '0.0' as unknown as string[][];
      const out = context.workbook.worksheets
        .getItem('Blad1')
        .getRange('A1:B2')
        .load('values, numberFormat, text');
      await context.sync();
      expect(out.values).toEqual([
        [7, 7],
        [7, 7],
      ]);
      expect(out.numberFormat).toEqual([
        ['0.0', '0.0'],
        ['0.0', '0.0'],
      ]);
      expect(out.text[0]).toEqual(['7,0', '7,0']);
    });
  });

  it('syncs what the batch left queued when Excel.run returns, and returns the batch result', async () => {
    const wb = workbookWith({ Blad1: [] });
    const { Excel } = createSimulatedExcel(wb);
    const result = await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('C3').values = [['klar']];
      return 'done';
    });
    expect(result).toBe('done');
    expect(getCellData(findSheet(wb, 'Blad1')!, 2, 2)?.value).toBe('klar');
  });

  it('counts syncs and request/response bytes, and resets', async () => {
    const { Excel, stats } = createSimulatedExcel(workbookWith({ Blad1: [[1, 2, 3]] }));
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Blad1').getRange('A1:C1').load('values');
      await context.sync();
      expect(r.values).toEqual([[1, 2, 3]]);
      context.workbook.worksheets.getItem('Blad1').getRange('A2:C2').values = [['a'.repeat(1000), 'b', 'c']];
      await context.sync();
    });
    expect(stats.syncCount).toBe(2);
    expect(stats.syncs).toHaveLength(2);
    const [first, second] = stats.syncs as [
      { requestBytes: number; responseBytes: number },
      { requestBytes: number; responseBytes: number },
    ];
    expect(first.responseBytes).toBeGreaterThanOrEqual(JSON.stringify({ values: [[1, 2, 3]] }).length);
    expect(second.requestBytes).toBeGreaterThan(1000);
    expect(second.responseBytes).toBeLessThan(10);
    expect(stats.requestBytes).toBe(first.requestBytes + second.requestBytes);
    expect(stats.responseBytes).toBe(first.responseBytes + second.responseBytes);
    stats.reset();
    expect(stats).toMatchObject({ syncCount: 0, requestBytes: 0, responseBytes: 0, syncs: [] });
  });

  it('calls onChange after syncs that changed the workbook only', async () => {
    const onChange = jest.fn();
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[1]] }), { onChange });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1').load('values');
      await context.sync();
      expect(onChange).not.toHaveBeenCalled();
      context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [[2]];
      await context.sync();
      expect(onChange).toHaveBeenCalledTimes(1);
    });
  });

  it('stores formulas the way Excel normalises them: upper-case references and function names', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [[2, 3]], 'blad 2': [[4]] }));
    await Excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Blad1').getRange('C1');
      cell.formulas = [[`=sum(a1:$b$1)+'blad 2'!a1+len("a1b")`]];
      cell.load('formulas, values');
      await context.sync();
      expect(cell.formulas).toEqual([[`=SUM(A1:$B$1)+'blad 2'!A1+LEN("a1b")`]]);
      expect(cell.values).toEqual([[12]]);
    });
  });

  it('refuses a request above the payload limit like Excel on the web, applying nothing', async () => {
    const wb = workbookWith({ Blad1: [] });
    const { Excel, stats } = createSimulatedExcel(wb, { payloadLimitBytes: 2000 });
    const big = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1').values = [['x'.repeat(5000)]];
      await context.sync();
    });
    await expect(big).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(wb.sheets[0]!.cells.size).toBe(0);
    expect(stats.syncs[0]!.requestBytes).toBeGreaterThan(5000);
  });

  it('refuses a response above the payload limit', async () => {
    const wb = workbookWith({ Blad1: Array.from({ length: 100 }, () => ['y'.repeat(50)]) });
    const { Excel } = createSimulatedExcel(wb, { payloadLimitBytes: 2000 });
    const read = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1:A100').load('values');
      await context.sync();
    });
    await expect(read).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('enforces the 5 MB limit of Excel on the web by default', async () => {
    const { Excel } = createSimulatedExcel(workbookWith({ Blad1: [] }));
    const rows = Array.from({ length: 6000 }, () => ['z'.repeat(1000)]);
    const big = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1:A6000').values = rows;
      await context.sync();
    });
    await expect(big).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });
});

describe('simulated Excel: the caller keeps its objects', () => {
  it('updates the workbook and its sheet objects in place after a successful batch', async () => {
    const wb = workbookWith({ Blad1: [[1]], Data: [] });
    const sheet = findSheet(wb, 'Blad1')!;
    const { Excel } = createSimulatedExcel(wb);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1').format.fill.color = '#FFC7CE';
      context.workbook.worksheets.getItem('Data').delete();
      context.workbook.worksheets.add('Ny');
      await context.sync();
    });
    expect(findSheet(wb, 'Blad1')).toBe(sheet);
    expect(getCellData(sheet, 0, 0)).toEqual({ value: 1, fill: '#FFC7CE' });
    expect(wb.sheets.map((s) => s.name)).toEqual(['Blad1', 'Ny']);
  });
});
