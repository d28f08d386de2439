/**
 * Cases found in review: the writer must follow a deviation column's
 * direction as the check does; Intäkter/Kostnader blocks without a Netto
 * take no roles; a total that adds items directly covers their subtotal.
 */
import { computeDeviations } from '../../src/core';
import { gridFromRows } from '../../src/core/grid';
import { DenseSheet } from '../support/dense';
import { detectTables } from '../../src/core';
import { validateSums } from '../../src/core';

const errors = (rows: (string | number | null)[][]) =>
  validateSums([gridFromRows('Blad1', rows)])[0]!.findings.filter((f) => f.severity === 'error');

describe('Beräkna avvikelser keeps the direction of a deviation column', () => {
  it('"Avvikelse Budget-Utfall" over budget − utfall values in a costs-negative table is written budget − utfall', () => {
    const rows = [
      ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse Budget-Utfall'],
      ['Äldreomsorg', -1100, -1000, 100],
      ['IFO', -450, -500, -50],
      ['LSS', -820, -800, 20],
      ['Summa', -2370, -2300, 70],
    ];
    expect(errors(rows)).toEqual([]);
    const formulas = computeDeviations(gridFromRows('Blad1', rows)).plan.writes.map((w) => w.formula);
    expect(formulas).toEqual(['=C2-B2', '=C3-B3', '=C4-B4', '=C5-B5']);
  });

  it('an empty column whose header states budget − utfall is filled that way', () => {
    const rows = [
      ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse budget - utfall'],
      ['Äldreomsorg', -1100, -1000, null],
      ['IFO', -450, -500, null],
    ];
    expect(computeDeviations(gridFromRows('Blad1', rows)).plan.writes.map((w) => w.formula)).toEqual([
      '=C2-B2',
      '=C3-B3',
    ]);
  });
});

describe('Intäkter and Kostnader blocks without a Netto block', () => {
  const rows = [
    [null, 'Intäkter', null, null, 'Kostnader', null, null],
    ['Verksamhet', 'Budget', 'Utfall', 'Avvikelse', 'Budget', 'Utfall', 'Avvikelse'],
    ['Äldreomsorg', 100, 120, 20, -1000, -1100, -100],
    ['IFO', 50, 40, -10, -500, -480, 20],
    ['Summa', 150, 160, 10, -1500, -1580, -80],
  ];
  it('give every column `other` with its measure and part, and no false errors', () => {
    const [t] = detectTables(gridFromRows('Blad1', rows));
    expect(t!.columns.map((c) => [c.role, c.measure, c.part])).toEqual([
      ['other', 'budget_annual', 'revenue'],
      ['other', 'outcome', 'revenue'],
      ['other', 'deviation_period', 'revenue'],
      ['other', 'budget_annual', 'cost'],
      ['other', 'outcome', 'cost'],
      ['other', 'deviation_period', 'cost'],
    ]);
    expect(errors(rows)).toEqual([]);
  });
  it('and Beräkna avvikelser writes nothing into them', () => {
    expect(computeDeviations(gridFromRows('Blad1', rows)).plan.writes).toEqual([]);
  });
});

describe('a total that adds the items of its subtotals directly', () => {
  it('is not reported as missing the subtotals', () => {
    const sheet = DenseSheet.of(
      gridFromRows('Blad1', [
        ['Verksamhet', 'Utfall', 'Budget'],
        ['Äldreomsorg', null, null],
        ['Hemtjänst', -100, -110],
        ['Särskilt boende', -200, -190],
        ['Summa äldreomsorg', '=SUM(B3:B4)', '=SUM(C3:C4)'],
        ['IFO', null, null],
        ['Ekonomiskt bistånd', -50, -60],
        ['Placeringar', -70, -65],
        ['Summa IFO', '=SUM(B7:B8)', '=SUM(C7:C8)'],
        ['Totalt', '=B3+B4+B7+B8', '=C3+C4+C7+C8'],
      ]),
    );
    // gridFromRows leaves formula results empty: give them their values as Excel would.
    const values: Record<string, number> = { B5: -300, C5: -300, B9: -120, C9: -125, B10: -420, C10: -425 };
    for (const [ref, v] of Object.entries(values)) {
      const col = ref.charCodeAt(0) - 65;
      const row = Number(ref.slice(1)) - 1;
      sheet.cells[row]![col] = { ...sheet.cells[row]![col]!, v };
    }
    const f = validateSums([sheet.grid])[0]!.findings;
    expect(f.filter((x) => x.code === 'SUM_FORMULA_MISSES_ROW')).toEqual([]);
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    // Leaving an item out of that total is still reported.
    sheet.cells[9]![1] = { v: -320, f: '=B3+B4+B7' };
    const missing = validateSums([sheet.grid])[0]!.findings.filter(
      (x) => x.code === 'SUM_FORMULA_MISSES_ROW',
    );
    expect(missing.map((x) => x.cell)).toEqual(['B10']);
  });
});

describe('precision of unformatted figures in a one-decimal (mnkr) column', () => {
  it('a whole number printed "12,0" is judged to a tenth, so an error of 0,5 mnkr is an error, not rounding', () => {
    const rows = [
      ['Verksamhet (mnkr)', 'Utfall', 'Budget', 'Budgetavvikelse'],
      ['Barn och unga', 124.6, 119.8, -4.8],
      ['Vuxna', 53.4, 61.3, 7.9],
      ['Gemensamt', 12, 12.5, 0.5],
      ['Summa', 190, 193.6, 4.1],
    ];
    const f = errors(rows);
    // Deviation sum: −4,8 + 7,9 + 0,5 = 3,6 but 4,1 is printed: off by 0,5, far beyond ±0,2.
    expect(f.map((x) => `${x.code} ${x.cell}`)).toEqual(['SUM_MISMATCH D5']);
    expect(f[0]!.tolerance).toBeCloseTo(0.2, 6);
  });
});
