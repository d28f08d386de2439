import { rowRanges, sumRowLines } from '../../src/app/structure.logic';
import type { TableModel } from '../../src/core/schemas';

describe('sum rows in the Struktur section', () => {
  it('writes row numbers as runs', () => {
    expect(rowRanges([5, 6, 7, 8, 19, 9])).toBe('5–9 och 19');
    expect(rowRanges([12])).toBe('12');
    expect(rowRanges([3, 5, 7])).toBe('3, 5 och 7');
    expect(rowRanges([])).toBe('');
  });

  it('lists the sum rows the model knows the parts of, with the evidence when given', () => {
    const table = {
      rows: [
        { index: 4, row: 5, label: 'Nämnd', kind: 'item' },
        {
          index: 19,
          row: 20,
          label: 'SUMMA',
          kind: 'total',
          sumOf: [5, 6, 7, 8],
          evidence: 'Exakt i 5 kolumner.',
        },
        { index: 21, row: 22, label: 'Netto', kind: 'subtotal', sumOf: [23, 24], components: [23, 24] },
      ],
    } as unknown as TableModel;
    expect(sumRowLines(table)).toEqual([
      { row: 20, text: 'Rad 20 (SUMMA) är summan av rad 5–8. Exakt i 5 kolumner.' },
      { row: 22, text: 'Rad 22 (Netto) är summan av rad 23–24. Delar: rad 23–24.' },
    ]);
  });
});
