import { applyShift, shiftFormula, dropSheetReferences, type ShiftEdit } from '../../src/host/refShift';
import { createWorkbook, findSheet, setCellData } from '../../src/workbook/model';

const insertColsAtC: ShiftEdit = {
  sheet: 'Blad1',
  mode: 'insert',
  axis: 'columns',
  rect: { top: 0, bottom: 1048575, left: 2, right: 3 },
};
const insertCellsRight: ShiftEdit = {
  sheet: 'Blad1',
  mode: 'insert',
  axis: 'columns',
  rect: { top: 1, bottom: 2, left: 1, right: 1 },
};
const deleteRows3to4: ShiftEdit = {
  sheet: 'Blad1',
  mode: 'delete',
  axis: 'rows',
  rect: { top: 2, bottom: 3, left: 0, right: 16383 },
};

describe('shiftFormula', () => {
  it('moves references at or after an inserted column block, keeping $ markers', () => {
    expect(shiftFormula('=A1+B1+C1+$D$2', 'Blad1', insertColsAtC)).toBe('=A1+B1+E1+$F$2');
  });

  it('grows a range that spans the insertion point and leaves one that ends before it', () => {
    expect(shiftFormula('=SUM(B1:C9)+SUM(A1:B9)+SUM(C1:D1)', 'Blad1', insertColsAtC)).toBe(
      '=SUM(B1:E9)+SUM(A1:B9)+SUM(E1:F1)',
    );
  });

  it('adjusts cross-sheet references to the sheet, and only those', () => {
    expect(shiftFormula("=Blad1!C1+'Blad1'!C2+Data!C1+C1", 'Rapport', insertColsAtC)).toBe(
      "=Blad1!E1+'Blad1'!E2+Data!C1+C1",
    );
  });

  it('leaves references outside the band of moved rows alone, and straddling ranges too', () => {
    // Cells B2:B3 inserted with shift right: only rows 2-3 move.
    expect(shiftFormula('=B1+B2+C3+B4+SUM(B2:C3)+SUM(B1:C3)', 'Blad1', insertCellsRight)).toBe(
      '=B1+C2+D3+B4+SUM(C2:D3)+SUM(B1:C3)',
    );
  });

  it('shrinks ranges and gives #REF! for deleted cells', () => {
    expect(shiftFormula('=SUM(A1:A10)+A3+A4+A5+SUM(A3:A4)+SUM(3:4)', 'Blad1', deleteRows3to4)).toBe(
      '=SUM(A1:A8)+#REF!+#REF!+A3+SUM(#REF!)+SUM(#REF!)',
    );
  });

  it('does not touch text in string literals or function names', () => {
    expect(shiftFormula('=IF(C1>0,"C1 ok",LOG10(C1))', 'Blad1', insertColsAtC)).toBe(
      '=IF(E1>0,"C1 ok",LOG10(E1))',
    );
  });

  it('moves whole-column references on column inserts but not whole-row references', () => {
    expect(shiftFormula('=SUM(C:D)+SUM(1:2)', 'Blad1', insertColsAtC)).toBe('=SUM(E:F)+SUM(1:2)');
  });
});

describe('dropSheetReferences', () => {
  it('replaces references to a deleted sheet with #REF!', () => {
    expect(dropSheetReferences("=Data!A1+'Data'!B2:C3+Blad1!A1+A1", 'data')).toBe('=#REF!+#REF!+Blad1!A1+A1');
  });
});

describe('applyShift', () => {
  it('moves cells and formats in the band and rewrites formulas elsewhere in the workbook', () => {
    const wb = createWorkbook(['Blad1', 'Rapport']);
    const sheet = findSheet(wb, 'Blad1')!;
    setCellData(sheet, 1, 1, { value: 5, fill: '#FFFF00' });
    setCellData(sheet, 0, 1, { value: 'rubrik' });
    setCellData(findSheet(wb, 'Rapport')!, 0, 0, { value: null, formula: '=Blad1!B2*2' });
    applyShift(wb, insertCellsRight);
    expect(sheet.cells.get('1,2')).toEqual({ value: 5, fill: '#FFFF00' });
    expect(sheet.cells.get('1,1')).toBeUndefined();
    expect(sheet.cells.get('0,1')).toEqual({ value: 'rubrik' });
    expect(findSheet(wb, 'Rapport')!.cells.get('0,0')!.formula).toBe('=Blad1!C2*2');
  });
});
