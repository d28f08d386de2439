import {
  createWorkbook,
  findSheet,
  getCellData,
  setCellData,
  type WorkbookModel,
} from '../../src/workbook/model';
import { evaluateFormula, recalculate, scanReferences } from '../../src/workbook/recalc';

function put(wb: WorkbookModel, sheet: string, row: number, col: number, v: number | string | null): void {
  const s = findSheet(wb, sheet)!;
  if (typeof v === 'string' && v.startsWith('=')) setCellData(s, row, col, { value: null, formula: v });
  else setCellData(s, row, col, { value: v });
}

function val(wb: WorkbookModel, sheet: string, row: number, col: number): unknown {
  return getCellData(findSheet(wb, sheet)!, row, col)?.value;
}

describe('recalculate', () => {
  it('evaluates a budget table with SUM, differences and ROUND', () => {
    const wb = createWorkbook(['Blad1']);
    // Budget (B), Utfall (C), Avvikelse (D) for three rows and a total.
    const rows: Array<[number, number]> = [
      [1200, 1150.4],
      [800, 912.25],
      [450, 430],
    ];
    rows.forEach(([b, c], i) => {
      put(wb, 'Blad1', i + 1, 1, b);
      put(wb, 'Blad1', i + 1, 2, c);
      put(wb, 'Blad1', i + 1, 3, `=B${i + 2}-C${i + 2}`);
    });
    put(wb, 'Blad1', 4, 1, '=SUM(B2:B4)');
    put(wb, 'Blad1', 4, 2, '=SUM(C2:C4)');
    put(wb, 'Blad1', 4, 3, '=B5-C5');
    put(wb, 'Blad1', 5, 3, '=ROUND(D5/B5*100,1)');
    put(wb, 'Blad1', 6, 3, '=IF(ABS(D5)>40,"Avvikelse","OK")');
    recalculate(wb);
    expect(val(wb, 'Blad1', 1, 3)).toBeCloseTo(49.6, 10);
    expect(val(wb, 'Blad1', 4, 1)).toBe(2450);
    expect(val(wb, 'Blad1', 4, 2)).toBe(2492.65);
    // Stored with Excel's 15 significant digits: 2450 - 2492.65 is -42.6500000000001 in Excel too.
    expect(val(wb, 'Blad1', 4, 3)).toBeCloseTo(-42.65, 10);
    expect(val(wb, 'Blad1', 5, 3)).toBe(-1.7);
    expect(val(wb, 'Blad1', 6, 3)).toBe('Avvikelse');
  });

  it('evaluates formulas in dependency order regardless of position', () => {
    const wb = createWorkbook(['Blad1']);
    // A1 depends on A3 which depends on A5: storage order is the opposite of evaluation order.
    put(wb, 'Blad1', 0, 0, '=A3*2');
    put(wb, 'Blad1', 2, 0, '=A5+1');
    put(wb, 'Blad1', 4, 0, '=B1+B2');
    put(wb, 'Blad1', 0, 1, 10);
    put(wb, 'Blad1', 1, 1, 5);
    recalculate(wb);
    expect(val(wb, 'Blad1', 4, 0)).toBe(15);
    expect(val(wb, 'Blad1', 2, 0)).toBe(16);
    expect(val(wb, 'Blad1', 0, 0)).toBe(32);
  });

  it('follows cross-sheet references to quoted and unquoted sheet names', () => {
    const wb = createWorkbook(['Blad 1', 'Data', 'Översikt']);
    put(wb, 'Data', 0, 0, 100);
    put(wb, 'Data', 1, 0, 250);
    put(wb, 'Blad 1', 0, 0, '=SUM(Data!A1:A2)');
    put(wb, 'Översikt', 0, 0, "='Blad 1'!A1/2");
    put(wb, 'Översikt', 1, 0, '=Översikt!A1+1');
    recalculate(wb);
    expect(val(wb, 'Blad 1', 0, 0)).toBe(350);
    expect(val(wb, 'Översikt', 0, 0)).toBe(175);
    expect(val(wb, 'Översikt', 1, 0)).toBe(176);
  });

  it('stores error results with the error flag', () => {
    const wb = createWorkbook(['Blad1']);
    put(wb, 'Blad1', 0, 0, 0);
    put(wb, 'Blad1', 0, 1, '=10/A1');
    put(wb, 'Blad1', 0, 2, '=B1+1');
    put(wb, 'Blad1', 0, 3, '=NOSUCHFUNCTION(1)');
    put(wb, 'Blad1', 0, 4, '=Saknas!A1');
    put(wb, 'Blad1', 0, 5, '=#REF!+1');
    put(wb, 'Blad1', 0, 6, '=NA()');
    put(wb, 'Blad1', 0, 7, '="x"+1');
    recalculate(wb);
    const sheet = findSheet(wb, 'Blad1')!;
    expect(getCellData(sheet, 0, 1)).toMatchObject({ value: '#DIV/0!', error: true });
    expect(getCellData(sheet, 0, 2)).toMatchObject({ value: '#DIV/0!', error: true });
    expect(getCellData(sheet, 0, 3)).toMatchObject({ value: '#NAME?', error: true });
    expect(getCellData(sheet, 0, 4)).toMatchObject({ value: '#REF!', error: true });
    expect(getCellData(sheet, 0, 5)).toMatchObject({ value: '#REF!', error: true });
    expect(getCellData(sheet, 0, 6)).toMatchObject({ value: '#N/A', error: true });
    expect(getCellData(sheet, 0, 7)).toMatchObject({ value: '#VALUE!', error: true });
  });

  it('clears a stale error flag when the formula recovers', () => {
    const wb = createWorkbook(['Blad1']);
    put(wb, 'Blad1', 0, 0, 0);
    put(wb, 'Blad1', 0, 1, '=10/A1');
    recalculate(wb);
    put(wb, 'Blad1', 0, 0, 4);
    recalculate(wb);
    const cell = getCellData(findSheet(wb, 'Blad1')!, 0, 1)!;
    expect(cell.value).toBe(2.5);
    expect(cell.error).toBeUndefined();
  });

  it('gives 0 to cells on a circular reference and computes their readers from it', () => {
    const wb = createWorkbook(['Blad1']);
    put(wb, 'Blad1', 0, 0, '=B1+1');
    put(wb, 'Blad1', 0, 1, '=A1+1');
    put(wb, 'Blad1', 0, 2, '=C1');
    put(wb, 'Blad1', 0, 3, '=A1+B1+5');
    recalculate(wb);
    expect(val(wb, 'Blad1', 0, 0)).toBe(0);
    expect(val(wb, 'Blad1', 0, 1)).toBe(0);
    expect(val(wb, 'Blad1', 0, 2)).toBe(0);
    expect(val(wb, 'Blad1', 0, 3)).toBe(5);
  });

  it('handles a long chain of running totals without overflowing the stack', () => {
    const wb = createWorkbook(['Blad1']);
    const n = 20000;
    put(wb, 'Blad1', 0, 0, 1);
    for (let r = 1; r < n; r++) put(wb, 'Blad1', r, 0, `=A${r}+1`);
    recalculate(wb);
    expect(val(wb, 'Blad1', n - 1, 0)).toBe(n);
  });

  it('treats empty cells as 0 and text in SUM as ignored, and sums whole columns', () => {
    const wb = createWorkbook(['Blad1']);
    put(wb, 'Blad1', 0, 0, 3);
    put(wb, 'Blad1', 1, 0, 'text');
    put(wb, 'Blad1', 2, 0, 4.5);
    put(wb, 'Blad1', 0, 1, '=SUM(A:A)');
    put(wb, 'Blad1', 1, 1, '=Z99*2');
    recalculate(wb);
    expect(val(wb, 'Blad1', 0, 1)).toBe(7.5);
    expect(val(wb, 'Blad1', 1, 1)).toBe(0);
  });

  it('evaluateFormula computes a formula against current values', () => {
    const wb = createWorkbook(['Blad1']);
    put(wb, 'Blad1', 0, 0, 2);
    put(wb, 'Blad1', 1, 0, 3);
    expect(evaluateFormula(wb, 'Blad1', 5, 5, '=SUM(A1:A2)*10')).toEqual({ value: 50, error: false });
    expect(evaluateFormula(wb, 'Blad1', 5, 5, '=A1/0')).toEqual({ value: '#DIV/0!', error: true });
  });
});

describe('scanReferences', () => {
  it('finds cells, ranges, whole columns and rows, with sheet prefixes, outside strings', () => {
    const refs = scanReferences(`=SUM(Blad1!$A$1:B2)+'It''s'!C3&"A1"+SUM(A:C)+SUM(2:3)+LOG10(D4)`);
    expect(refs.map((r) => [r.sheet, r.kind])).toEqual([
      ['Blad1', 'range'],
      ["It's", 'cell'],
      [undefined, 'cols'],
      [undefined, 'rows'],
      [undefined, 'cell'],
    ]);
    expect(refs[0]!.a).toEqual({ row: 0, col: 0, rowAbs: true, colAbs: true });
    expect(refs[0]!.b).toEqual({ row: 1, col: 1, rowAbs: false, colAbs: false });
    expect(refs[4]!.a).toMatchObject({ row: 3, col: 3 });
  });

  it('does not mistake function names or defined names for references', () => {
    expect(scanReferences('=ATAN2(1,2)+LOG10(100)+Budget2024')).toEqual([]);
  });
});
