import { DEFAULT_SETTINGS, gridFromRows, validateSums, type CellValue } from '../../src/core';

describe('one cause, one finding', () => {
  it('a SUM that includes a varav row is reported once for the row, naming the other columns', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall', 'Budget', 'Prognos'],
      ['Äldreomsorg', -1000, -990, -1010],
      ['-varav egen regi', -700, -690, -705],
      ['IFO', -300, -310, -305],
    ];
    const grid = gridFromRows('Blad1', [...rows, ['Summa', '=SUM(B2:B4)', '=SUM(C2:C4)', '=SUM(D2:D4)']]);
    // The cached results of those formulas, as Excel shows them.
    const cells = grid.rows[4]!.cells as { v: CellValue }[];
    cells[1]!.v = -2000;
    cells[2]!.v = -1990;
    cells[3]!.v = -2020;
    const f = validateSums([grid])[0]!.findings.filter((x) => x.code === 'SUM_FORMULA_INCLUDES_VARAV');
    expect(f).toHaveLength(1);
    expect(f[0]!.cell).toBe('B5');
    expect(f[0]!.message).toMatch(/Samma fel finns i C5, D5\./);
    expect(f[0]!.related).toEqual(expect.arrayContaining(['B3', 'C5', 'D5', 'C3', 'D3']));
  });

  it('a total that misses only a number stored as text is the text number’s finding, naming the total', () => {
    const grid = gridFromRows('Blad1', [
      ['Verksamhet', 'Utfall', 'Budget'],
      ['Äldreomsorg', -1000, -990],
      ['IFO', '-300', -310],
      ['Summa', '=SUM(B2:B3)', '=SUM(C2:C3)'],
    ]);
    const cells = grid.rows[3]!.cells as { v: CellValue }[];
    cells[1]!.v = -1000;
    cells[2]!.v = -1300;
    const f = validateSums([grid])[0]!.findings.filter((x) => x.severity === 'error');
    expect(f.map((x) => [x.code, x.cell])).toEqual([['TEXT_NUMBER', 'B3']]);
    expect(f[0]!.message).toMatch(/räknas inte med i summorna B4, som därför visar för lite/);
  });
});

describe('formulas in messages', () => {
  const grid = () => {
    const g = gridFromRows('Blad1', [
      ['Verksamhet', 'Utfall', 'Budget'],
      ['Äldreomsorg', -1000, -990],
      ['IFO', -300, -310],
      ['Försörjningsstöd', -50, -40],
      ['Summa', '=SUM(B2:B3)', '=SUM(C2:C3)'],
    ]);
    const cells = g.rows[4]!.cells as { v: CellValue }[];
    cells[1]!.v = -1300;
    cells[2]!.v = -1300;
    return g;
  };
  it('are written as Swedish Excel shows them', () => {
    const f = validateSums([grid()])[0]!.findings.find((x) => x.code === 'SUM_FORMULA_MISSES_ROW')!;
    expect(f.message).toContain('=SUMMA(B2:B3)');
  });
  it('or in English when the user’s Excel is English', () => {
    const f = validateSums([grid()], { ...DEFAULT_SETTINGS, formulaLanguage: 'en' })[0]!.findings.find(
      (x) => x.code === 'SUM_FORMULA_MISSES_ROW',
    )!;
    expect(f.message).toContain('=SUM(B2:B3)');
  });
});
