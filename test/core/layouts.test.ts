import { analyzeSheet } from '../../src/core';
import { detectTables } from '../../src/core';
import { gridFromRows } from '../../src/core/grid';
import { validateSums } from '../../src/core';
import { loadSeedTable, stackSeedTables } from '../support/seedTables';

describe('several tables on one sheet, not starting in A1', () => {
  const seeds = ['000_05', '000_07', '003_01'].map(loadSeedTable);
  const { grid, placements } = stackSeedTables(seeds, { left: 2, gap: 2 });
  const tables = detectTables(grid);

  it('finds each table with its own header row, unit and convention', () => {
    expect(tables).toHaveLength(3);
    expect(tables.map((t) => t.headerRows[0])).toEqual(placements.map((p) => p.headerRows[0]! + 1));
    expect(tables.map((t) => t.signConvention)).toEqual(['costs_negative', 'volumes', 'costs_positive']);
    expect(tables.map((t) => t.unit)).toEqual(['tkr', 'mixed', 'tkr']);
    expect(tables.map((t) => t.labelColumn)).toEqual([2, 2, 2]);
  });

  it('keeps the rows of each table to itself', () => {
    tables.forEach((t, i) => {
      const expected = placements[i]!.rowIndex;
      expect(t.rows.filter((r) => r.kind !== 'blank').map((r) => r.index)).toEqual(expected);
    });
  });
});

describe('layouts from other municipalities', () => {
  it('a cost-centre code column left of the labels is not an amount (003)', () => {
    const grid = gridFromRows('Mars', [
      ['Budgetuppföljning mars 2024', null, null, null, null, null],
      [null, null, null, null, null, null],
      [
        'Avd',
        'Verksamhet',
        'Årsbudget 2024',
        'Periodbudget Jan-Mars',
        'Periodens förbrukning Jan-Mars',
        'Periodens budgetavvikelse Jan-Mars',
      ],
      ['510-511', 'Politik och förvaltningsledning', 20748, 5262, -96, 5358],
      [512, 'Verksamhetsstöd', 39724, 10414, 10862, -448],
      [513, 'Hälso- och sjukvård', 97873, 23176, 26766, -3590],
      ['5XX', 'Totalt', 158345, 38852, 37532, 1320],
    ]);
    const [t] = detectTables(grid);
    expect(t!.labelColumn).toBe(1);
    expect(t!.codeColumn).toBe(0);
    expect(t!.columns.map((c) => c.role)).toEqual([
      'budget_annual',
      'budget_period',
      'outcome',
      'deviation_period',
    ]);
    expect(t!.signConvention).toBe('costs_positive');
    expect(t!.period).toMatchObject({ month: 3, monthsElapsed: 3 });
    expect(t!.rows.map((r) => r.kind)).toEqual(['item', 'item', 'item', 'total']);
  });

  it('headers with line breaks, abbreviations and a percentage column', () => {
    const grid = gridFromRows('Tertial 2', [
      ['Nämnd: Socialnämnden   Belopp i tkr', null, null, null, null, null, null],
      [
        'Verksamhet',
        'Ack.\nutfall',
        'Ack.\nbudget',
        'Avvik.\nmot budget',
        'Helårs-\nprognos',
        'Årsbudget',
        'Avvik %',
      ],
      ['Äldreomsorg', -500, -520, 20, -760, -780, '2,6 %'],
      ['IFO', -300, -290, -10, -450, -435, '-3,4 %'],
      ['Summa', -800, -810, 10, -1210, -1215, '0,4 %'],
    ]);
    const [t] = detectTables(grid);
    expect(t!.columns.map((c) => c.role)).toEqual([
      'outcome',
      'budget_period',
      'deviation_period',
      'forecast',
      'budget_annual',
      'other',
    ]);
    expect(t!.columns[5]!.nonAmount).toBe(true);
    expect(t!.unit).toBe('tkr');
    expect(t!.period).toMatchObject({ month: 8 });
    const f = analyzeSheet(grid).findings.filter((x) => x.severity === 'error');
    expect(f).toEqual([]);
  });

  it('a "Not" column with note numbers is not an amount', () => {
    const grid = gridFromRows('Blad1', [
      ['Verksamhet', 'Not', 'Utfall 2023', 'Budget 2023', 'Avvikelse'],
      ['Hemtjänst', 1, -4000, -4200, 200],
      ['Särskilt boende', 2, -9000, -8800, -200],
      ['Summa', null, -13000, -13000, 0],
    ]);
    const [t] = detectTables(grid);
    expect(t!.columns.map((c) => [c.header, c.role, !!c.nonAmount])).toEqual([
      ['Not', 'other', true],
      ['Utfall 2023', 'outcome', false],
      ['Budget 2023', 'budget_period', false],
      ['Avvikelse', 'deviation_period', false],
    ]);
  });
});

describe('more layouts from other municipalities', () => {
  it("a year row over Utfall | Budget pairs: last year's budget is not this report's, the deviation follows utfall − budget", () => {
    const grid = gridFromRows('Tvårad', [
      ['Socialnämnden', null, null, null, null, null, null],
      [null, '2023', null, '2024', null, null, null],
      ['Verksamhet', 'Utfall', 'Budget', 'Utfall', 'Budget', 'Avvikelse', 'Prognos'],
      ['Äldreomsorg', -1000, -1100, -700, -720, 20, -1050],
      ['IFO', -500, -480, -330, -320, -10, -495],
      ['Totalt', -1500, -1580, -1030, -1040, 10, -1545],
    ]);
    const [t] = detectTables(grid);
    expect(t!.columns.map((c) => c.role)).toEqual([
      'outcome_prior_year',
      'other',
      'outcome',
      'budget_annual',
      'deviation_period',
      'forecast',
    ]);
    expect(validateSums([grid])[0]!.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('an account code column and revenues shown negative in a costs-positive table', () => {
    const grid = gridFromRows('Konton', [
      ['Konto', 'Kontonamn', 'Årsbudget', 'Ack budget', 'Ack utfall', 'Avvikelse'],
      [3010, 'Intäkter statsbidrag', -5000, -3333, -4000, 667],
      [5010, 'Löner', 20000, 13333, 13000, 333],
      [6410, 'Köp av verksamhet', 8000, 5333, 6000, -667],
      [null, 'Summa', 23000, 15333, 15000, 333],
    ]);
    const [t] = detectTables(grid);
    expect(t!.codeColumn).toBe(0);
    expect(t!.signConvention).toBe('costs_positive');
    // Budget − utfall on every row: a revenue shown negative follows the costs.
    expect(validateSums([grid])[0]!.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('"Avvikelse prognos-budget" over budget − prognos values is reported once, with the words of the header', () => {
    const grid = gridFromRows('Kommun A', [
      ['Belopp tkr', 'Budget 2024', 'Utfall jan-aug 2024', 'Prognos 2024', 'Avvikelse prognos-budget'],
      ['Äldreomsorg', 500000, 340000, 510000, -10000],
      ['Funktionsstöd', 300000, 195000, 295000, 5000],
      ['IFO', 200000, 140000, 210000, -10000],
      ['Socialnämnden totalt', 1000000, 675000, 1015000, -15000],
    ]);
    const f = validateSums([grid])[0]!.findings;
    const c = f.filter((x) => x.code === 'HEADER_CONTRADICTS_VALUES');
    expect(c).toHaveLength(1);
    expect(c[0]!.message).toContain('säger prognos − budget, men värdena i kolumnen är budget − prognos');
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('units and notes', () => {
  it('"Belopp i tusentals kronor" is tkr and a comment under the table is a note, not a row', () => {
    const grid = gridFromRows('X', [
      ['Belopp i tusentals kronor', null, null, null],
      [null, null, null, null],
      ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse'],
      ['Hemtjänst', -1, -2, 1],
      ['Boende', -3, -3, 0],
      [null, null, null, null],
      ['Kommentar: budgeten omfördelades i maj', null, null, null],
    ]);
    const [t] = detectTables(grid);
    expect(t!.unit).toBe('tkr');
    expect(t!.rows.map((r) => r.kind)).toEqual(['item', 'item', 'blank', 'footnote']);
  });
});
