import { swedishFormula } from '../../src/app/formulaDisplay';

describe('formulas as a Swedish Excel user sees them', () => {
  it.each([
    ['=SUM(B8:B11)', '=SUMMA(B8:B11)'],
    ['=SUM(C5:C9,C12)', '=SUMMA(C5:C9;C12)'],
    ['=C6-D6', '=C6-D6'],
    ['=C6+(G6-D6)', '=C6+(G6-D6)'],
    ['=C6*12/8', '=C6*12/8'],
    ['=ROUND(C6*1.5,0)', '=AVRUNDA(C6*1,5;0)'],
    ['=IF(C6>0,C6,0)', '=OM(C6>0;C6;0)'],
    ['=IFERROR(C6/D6,"")', '=OMFEL(C6/D6;"")'],
    [
      '=SUMIFS(Data!C:C,Data!A:A,"5,1",Data!B:B,">0.5")',
      '=SUMMA.OMF(Data!C:C;Data!A:A;"5,1";Data!B:B;">0.5")',
    ],
    ["='Blad 1, kopia'!C5+sum(D1:D2)", "='Blad 1, kopia'!C5+SUMMA(D1:D2)"],
    ['=_xlfn.XLOOKUP(A1,B:B,C:C)', '=XLETAUPP(A1;B:B;C:C)'],
    ['=IF(TRUE,1.25E+3,FALSE)', '=OM(SANT;1,25E+3;FALSKT)'],
    ['=Table1[@Utfall]*0.5', '=Table1[@Utfall]*0,5'],
    ['=SUM({1,2,3})', '=SUMMA({1,2,3})'],
    ['=MYFUNC(A1,2)', '=MYFUNC(A1;2)'],
    ['=$B$8+B$9', '=$B$8+B$9'],
    ['=.5+A1', '=,5+A1'],
  ])('%s → %s', (invariant, swedish) => {
    expect(swedishFormula(invariant)).toBe(swedish);
  });

  it('leaves constants alone', () => {
    expect(swedishFormula('1.5')).toBe('1.5');
    expect(swedishFormula('SUM(A1)')).toBe('SUM(A1)');
  });
});
