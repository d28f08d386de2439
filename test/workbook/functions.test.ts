/** The Excel functions the simulated host adds to fast-formula-parser, computed as Excel does. */
import { createWorkbook, findSheet, setCellData } from '../../src/workbook/model';
import { recalculate } from '../../src/workbook/recalc';

function evaluate(data: (number | string | null)[][], formulas: string[]): unknown[] {
  const wb = createWorkbook(['A']);
  const sheet = findSheet(wb, 'A')!;
  data.forEach((line, r) => line.forEach((v, c) => v !== null && setCellData(sheet, r, c, { value: v })));
  formulas.forEach((f, i) => setCellData(sheet, 100 + i, 0, { value: null, formula: f }));
  recalculate(wb);
  return formulas.map((_, i) => sheet.cells.get(`${100 + i},0`)?.value);
}

const DATA = [
  ['Omsorg', 'LSS', -6677],
  ['omsorg', 'Äldre', 4551],
  ['IFO', 'Barn', 4336],
  ['Konto 4010', 'LSS', 'text'],
  ['Konto 4020', null, 12],
];

describe('LARGE, SMALL, MATCH, SUMIFS and COUNTIFS in the simulated host', () => {
  it('ranks numbers and skips text and blanks', () => {
    expect(
      evaluate(DATA, ['=LARGE(C1:C5,1)', '=LARGE(C1:C5,4)', '=SMALL(C1:C5,1)', '=LARGE(C1:C5,5)']),
    ).toEqual([4551, -6677, -6677, '#NUM!']);
  });

  it('finds exact matches without regard to case, with wildcards, and sorted positions', () => {
    expect(
      evaluate(DATA, [
        '=MATCH("OMSORG",A1:A5,0)',
        '=MATCH("Konto*",A1:A5,0)',
        '=MATCH(4336,C1:C3,0)',
        '=MATCH("x",A1:A5,0)',
      ]),
    ).toEqual([1, 4, 3, '#N/A']);
    expect(evaluate([[1], [3], [5], [7]], ['=MATCH(6,A1:A4)', '=MATCH(0,A1:A4,1)'])).toEqual([3, '#N/A']);
  });

  it('sums and counts by several criteria: text without case, operators, wildcards and blanks', () => {
    expect(
      evaluate(DATA, [
        '=SUMIFS(C1:C5,A1:A5,"omsorg")',
        '=SUMIFS(C1:C5,A1:A5,"Omsorg",B1:B5,"LSS")',
        '=SUMIFS(C1:C5,C1:C5,">0")',
        '=SUMIFS(C1:C5,A1:A5,"Konto*")',
        '=SUMIFS(C1:C5,B1:B5,"")',
        '=SUMIFS(C1:C5,B1:B5,"<>LSS")',
        '=COUNTIFS(B1:B5,"LSS")',
        '=COUNTIFS(A1:A5,"<>",C1:C5,"<=12")',
      ]),
    ).toEqual([-2126, -6677, 4551 + 4336 + 12, 12, 12, 4551 + 4336 + 12, 2, 2]);
  });

  it('refuses ranges of different sizes as Excel does', () => {
    expect(evaluate(DATA, ['=SUMIFS(C1:C5,A1:A4,"IFO")'])).toEqual(['#VALUE!']);
  });
});
