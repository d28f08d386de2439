/** The one formula-reference engine (src/core/refs.ts) and the code paths that share it. */
import fc from 'fast-check';
import {
  MAX_COL,
  MAX_ROW,
  columnName,
  dropSheet,
  refText,
  rewriteRefs,
  scanRefs,
  shiftFormula,
  slideFormula,
  type ShiftEdit,
} from '../../src/core/refs';
import { sumPrecedents } from '../../src/core/formulaRefs';
import { applyShift } from '../../src/host/refShift';
import { createWorkbook, findSheet, getCellData, setCellData } from '../../src/workbook/model';
import { recalculate } from '../../src/workbook/recalc';
import { listFormulaRefs, mapFormulaRefs, shiftFormulaForInsert } from '../../src/xlsx/formulaRefs';

const insertAtD = (top = 0, bottom = MAX_ROW): ShiftEdit => ({
  sheet: 'Blad1',
  mode: 'insert',
  axis: 'columns',
  rect: { top, bottom, left: 3, right: 3 },
});

describe('scanRefs', () => {
  it('finds cells, ranges, whole columns and rows with their sheets and $ markers', () => {
    const f = `=SUM(Blad1!$A$1:B2)+'It''s'!C3&"A1"+SUM(A:$C)+SUM($2:3)+LOG10(D4)+XFD1048576`;
    const refs = scanRefs(f);
    expect(refs.map((r) => [r.sheet, r.kind, f.slice(r.refStart, r.end)])).toEqual([
      ['Blad1', 'range', '$A$1:B2'],
      ["It's", 'cell', 'C3'],
      [undefined, 'cols', 'A:$C'],
      [undefined, 'rows', '$2:3'],
      [undefined, 'cell', 'D4'],
      [undefined, 'cell', 'XFD1048576'],
    ]);
    expect(refs[0]!.a).toEqual({ row: 0, col: 0, rowAbs: true, colAbs: true });
    expect(refs[2]!.b).toEqual({ row: MAX_ROW, col: 2, rowAbs: false, colAbs: true });
    expect(refs[3]!.a).toEqual({ row: 1, col: 0, rowAbs: true, colAbs: false });
    expect(f.slice(refs[1]!.start, refs[1]!.end)).toBe("'It''s'!C3");
  });

  it('skips what only looks like a reference', () => {
    const none = [
      '=ATAN2(1,2)+LOG10(100)+Budget2024',
      '="A1"&"B2:C3"',
      '=XFE1+A0+A01+ABCD1',
      '=Tabell1[Belopp]+Tabell1[[#Totals],[Utfall]]',
      '=#REF!+#N/A',
      '=1.5E+3*2',
      '=TRUE+FALSE',
    ];
    for (const f of none) expect({ f, refs: scanRefs(f) }).toEqual({ f, refs: [] });
  });

  it('marks references into other workbooks as external', () => {
    const refs = scanRefs("=[1]Blad1!A1+'[Budget.xlsx]Drift'!B2+C3");
    expect(refs.map((r) => [r.sheet, r.external === true])).toEqual([
      ['Blad1', true],
      ['[Budget.xlsx]Drift', true],
      [undefined, false],
    ]);
  });

  it('reads a sheet-qualified #REF! without a reference', () => {
    expect(scanRefs('=Blad1!#REF!+A2').map((r) => r.a)).toEqual([
      { row: 1, col: 0, rowAbs: false, colAbs: false },
    ]);
  });
});

describe('shiftFormula: Insert > Shift cells right and its siblings', () => {
  it('turns a reference pushed past XFD into #REF!, and keeps a range end at the edge', () => {
    expect(shiftFormula('=XFD4+C4+D4', 'Blad1', insertAtD())).toBe('=#REF!+C4+E4');
    expect(shiftFormula('=SUM(E4:XFD4)+SUM(XFD1:XFD9)', 'Blad1', insertAtD())).toBe(
      '=SUM(F4:XFD4)+SUM(#REF!)',
    );
    expect(shiftFormula('=Blad1!XFD4', 'Rapport', insertAtD())).toBe('=Blad1!#REF!');
  });

  it('moves only references wholly inside the inserted rows; straddling ones keep their address', () => {
    const band = insertAtD(3, 9);
    expect(shiftFormula('=D4+D10+D11+SUM(D4:E10)+SUM(D3:E10)+SUM(D:D)', 'Blad1', band)).toBe(
      '=E4+E10+D11+SUM(E4:F10)+SUM(D3:E10)+SUM(D:D)',
    );
  });

  it('adjusts references to the edited sheet from every sheet, quoted or not, and never other books', () => {
    expect(shiftFormula("=Blad1!D1+'Blad1'!D2+Data!D1+D1+[1]Blad1!D1", 'Rapport', insertAtD())).toBe(
      "=Blad1!E1+'Blad1'!E2+Data!D1+D1+[1]Blad1!D1",
    );
    expect(shiftFormula("='Min budget'!D1", 'X', { ...insertAtD(), sheet: 'min budget' })).toBe(
      "='Min budget'!E1",
    );
  });

  it('keeps $ markers and the order of range ends', () => {
    expect(shiftFormula('=SUM($E$9:C1)', 'Blad1', insertAtD())).toBe('=SUM($F$9:C1)');
  });

  it('shrinks ranges on delete and gives #REF! for deleted cells', () => {
    const del: ShiftEdit = {
      sheet: 'Blad1',
      mode: 'delete',
      axis: 'rows',
      rect: { top: 2, bottom: 3, left: 0, right: MAX_COL },
    };
    expect(shiftFormula('=SUM(A1:A10)+A3+A5+SUM(A3:A4)+SUM(3:4)+SUM(2:5)', 'Blad1', del)).toBe(
      '=SUM(A1:A8)+#REF!+A3+SUM(#REF!)+SUM(#REF!)+SUM(2:3)',
    );
  });

  it('inserting and then deleting the same cells gives back every formula', () => {
    const ref = fc.record({
      row: fc.integer({ min: 0, max: 60 }),
      col: fc.integer({ min: 0, max: 40 }),
      rowAbs: fc.boolean(),
      colAbs: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(ref, ref, fc.boolean()), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (parts, left, count, top, height) => {
          const formula = `=${parts.map(([a, b, range]) => refText(range ? 'range' : 'cell', a, b)).join('+')}`;
          const rect = { top, bottom: top + height, left, right: left + count - 1 };
          const inserted = shiftFormula(formula, 'Blad1', {
            sheet: 'Blad1',
            mode: 'insert',
            axis: 'columns',
            rect,
          });
          const back = shiftFormula(inserted, 'Blad1', {
            sheet: 'Blad1',
            mode: 'delete',
            axis: 'columns',
            rect,
          });
          expect(back).toBe(formula);
        },
      ),
      { seed: 4711, numRuns: 400 },
    );
  });

  it('a shifted cell reference names the cell its value moved to (the host moves cells the same way)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: MAX_COL - 6, max: MAX_COL }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: MAX_COL - 8, max: MAX_COL }),
        fc.integer({ min: 1, max: 3 }),
        (row, col, top, height, left, count) => {
          const wb = createWorkbook(['Blad1', 'Rapport']);
          const data = findSheet(wb, 'Blad1')!;
          const report = findSheet(wb, 'Rapport')!;
          setCellData(data, row, col, { value: 42 });
          setCellData(report, 0, 0, { value: null, formula: `=Blad1!${columnName(col)}${row + 1}` });
          const rect = { top, bottom: top + height, left, right: left + count - 1 };
          const pushedOff = row >= top && row <= top + height && col >= left && col + count > MAX_COL;
          if (pushedOff) data.cells.clear(); // Excel refuses to push a value off the sheet; only the reference is tested.
          applyShift(wb, { sheet: 'Blad1', mode: 'insert', axis: 'columns', rect });
          recalculate(wb);
          const result = getCellData(report, 0, 0)!;
          if (pushedOff) expect(result.formula).toBe('=Blad1!#REF!');
          else expect(result.value).toBe(42);
        },
      ),
      { seed: 20241122, numRuns: 300 },
    );
  });
});

describe('slideFormula: a formula copied elsewhere', () => {
  it('moves relative parts, keeps absolute ones and gives #REF! off the sheet', () => {
    expect(slideFormula('=A1+$B$2+C$3+$D4+SUM(E:$F)+SUM(2:$3)', 2, 1)).toBe(
      '=B3+$B$2+D$3+$D6+SUM(F:$F)+SUM(4:$3)',
    );
    expect(slideFormula('=A1+Blad1!B2', -1, 0)).toBe('=#REF!+Blad1!B1');
    expect(slideFormula('="A1"&A1', 0, 0)).toBe('="A1"&A1');
  });

  it('sliding there and back gives back the formula', () => {
    const end = fc.record({
      row: fc.integer({ min: 0, max: MAX_ROW }),
      col: fc.integer({ min: 0, max: MAX_COL }),
      rowAbs: fc.boolean(),
      colAbs: fc.boolean(),
    });
    fc.assert(
      fc.property(
        end,
        end,
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        (a, b, dr, dc) => {
          const formula = `=SUM(${refText('range', a, b)})*${refText('cell', a, a)}`;
          const there = slideFormula(formula, dr, dc);
          if (there.includes('#REF!')) return;
          expect(slideFormula(there, -dr, -dc)).toBe(formula);
        },
      ),
      { seed: 99, numRuns: 500 },
    );
  });
});

describe('rewriting', () => {
  it('an identity rewrite gives back any formula built from references and noise', () => {
    const end = fc.record({
      row: fc.integer({ min: 0, max: MAX_ROW }),
      col: fc.integer({ min: 0, max: MAX_COL }),
      rowAbs: fc.boolean(),
      colAbs: fc.boolean(),
    });
    const piece = fc.oneof(
      fc.tuple(end, end).map(([a, b]) => refText('range', a, b)),
      end.map((a) => refText('cell', a, a)),
      end.map((a) => `'Blad ${a.col}'!${refText('cell', a, a)}`),
      fc.constantFrom(
        'SUM(',
        ')',
        '+',
        '-',
        '*',
        ',',
        '"A1 text"',
        '3',
        'Budget2024',
        'LOG10(',
        'Tabell1[Kolumn]',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const formula = `=${pieces.join('')}`;
        expect(rewriteRefs(formula, (r) => refText(r.kind, r.a, r.b))).toBe(formula);
        expect(mapFormulaRefs(formula, (r) => r)).toBe(formula);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('dropSheet replaces references to a deleted sheet, prefix and all', () => {
    expect(dropSheet("=Data!A1+'data'!B2:C3+Blad1!A1+A1", 'DATA')).toBe('=#REF!+#REF!+Blad1!A1+A1');
  });
});

describe('the .xlsx adapter and the sum check use the same engine', () => {
  it('shiftFormulaForInsert turns =XFD4 into #REF! like the host does', () => {
    const shift = { sheet: 'Blad1', col: 3, top: 0, bottom: 10 };
    expect(shiftFormulaForInsert('=XFD4+D4', 'Blad1', shift)).toBe('=#REF!+E4');
    expect(shiftFormula('=XFD4+D4', 'Blad1', insertAtD(0, 10))).toBe('=#REF!+E4');
  });

  it('listFormulaRefs reports whole rows and columns without the missing part', () => {
    expect(listFormulaRefs('=SUM(A:B)+SUM(3:4)+Blad1!C5')).toEqual([
      { start: { col: 0, colAbs: false, rowAbs: false }, end: { col: 1, colAbs: false, rowAbs: false } },
      { start: { row: 2, rowAbs: false, colAbs: false }, end: { row: 3, rowAbs: false, colAbs: false } },
      { sheet: 'Blad1', start: { row: 4, col: 2, rowAbs: false, colAbs: false } },
    ]);
  });

  it('sumPrecedents reads plain sums and nothing else', () => {
    expect(sumPrecedents('=SUM(C5:C6, C9)')).toEqual([
      { row: 4, col: 2 },
      { row: 5, col: 2 },
      { row: 8, col: 2 },
    ]);
    expect(sumPrecedents('=+C10+$C$23')).toEqual([
      { row: 9, col: 2 },
      { row: 22, col: 2 },
    ]);
    for (const f of [
      '=SUM(Blad1!C5:C9)',
      '=SUM(C:C)',
      '=C1-C2',
      '=IF(C1>0,C1,0)',
      '=C5',
      '=SUM()',
      '=SUM(C5:C9)*2',
      '=SUM(ABS(C1))',
    ])
      expect({ f, cells: sumPrecedents(f) }).toEqual({ f, cells: undefined });
  });
});
