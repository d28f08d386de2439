/**
 * Layouts other municipalities use (issue "Read any municipality's table",
 * items 4 and 5), each as a small constructed table: the reading the
 * figures decide, and no false errors.
 */
import { computeDeviations, detectTables, gridFromRows, validateSums, type CellValue } from '../../src/core';
import type { Finding, TableModel } from '../../src/core/schemas';

function read(rows: CellValue[][], sheet = 'Blad1'): TableModel {
  const tables = detectTables(gridFromRows(sheet, rows));
  expect(tables).toHaveLength(1);
  return tables[0]!;
}
const roles = (t: TableModel) => t.columns.map((c) => c.role);
const kinds = (t: TableModel) => t.rows.map((r) => r.kind);
function errors(rows: CellValue[][], sheet = 'Blad1'): Finding[] {
  return validateSums([gridFromRows(sheet, rows)])[0]!.findings.filter((f) => f.severity === 'error');
}

describe('outcome, budget and deviation named as other municipalities name them', () => {
  it.each([
    ['Nettokostnad', 'Ram', 'Avvikelse mot ram'],
    ['Redovisning', 'Anslag', 'Över-/underskott'],
    ['Netto', 'Kommunbidrag', 'Resultat'],
    ['Bokslut 2023', 'Budgetram 2023', 'Avvikelse'],
  ])('%s | %s | %s', (outcome, budget, deviation) => {
    const rows: CellValue[][] = [
      ['Verksamhet (tkr)', outcome, budget, deviation],
      ['Äldreomsorg', 1100, 1000, -100],
      ['Individ- och familjeomsorg', 480, 500, 20],
      ['LSS', 700, 720, 20],
      ['Summa', 2280, 2220, -60],
    ];
    const t = read(rows);
    expect(roles(t)[0]).toBe('outcome');
    expect(roles(t)[1]).toMatch(/^budget_/);
    expect(roles(t)[2]).toMatch(/^deviation_/);
    expect(t.signConvention).toBe('costs_positive');
    expect(t.columns[2]!.evidence).toMatch(/stämmer på 4 av 4 rader/);
    expect(errors(rows)).toEqual([]);
  });

  it('budget before outcome, the deviation budget − utfall in a costs-positive table', () => {
    const rows: CellValue[][] = [
      ['Område', 'Budget', 'Utfall', 'Avvikelse'],
      ['Hemtjänst', 5000, 5200, -200],
      ['Särskilt boende', 9000, 8700, 300],
      ['Totalt', 14000, 13900, 100],
    ];
    const t = read(rows);
    expect(roles(t)).toEqual(['budget_period', 'outcome', 'deviation_period']);
    expect(errors(rows)).toEqual([]);
  });

  it('a column headed with no role word is read by what it holds', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall', 'Kolumn 2', 'Skillnad'],
      ['Äldreomsorg', -1100, -1000, -100],
      ['IFO', -480, -500, 20],
      ['Summa', -1580, -1500, -80],
    ];
    const t = read(rows);
    expect(roles(t)[1]).toMatch(/^budget_/);
    expect(t.columns[1]!.roleSource).toBe('data');
    expect(roles(t)[2]).toMatch(/^deviation_/);
  });
});

describe('columns that are not this report’s', () => {
  it('a percent column among amounts takes no role and is not summed', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Årsbudget', 'Utfall', 'Förbrukat %'],
      ['Äldreomsorg', 12000, 8300, '69 %'],
      ['IFO', 6000, 4500, '75 %'],
      ['Summa', 18000, 12800, '71 %'],
    ];
    const t = read(rows);
    expect(t.columns[2]).toMatchObject({ role: 'other', nonAmount: true });
    expect(errors(rows).filter((f) => f.code !== 'TEXT_NUMBER')).toEqual([]);
  });

  it('another entity and last year’s deviation beside this year’s', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse', 'Avvikelse 2022', 'Koncern'],
      ['Äldreomsorg', -1100, -1000, -100, 30, -1500],
      ['IFO', -480, -500, 20, -12, -700],
      ['Summa', -1580, -1500, -80, 18, -2200],
    ];
    const t = read(rows);
    expect(roles(t)).toEqual(['outcome', 'budget_period', 'deviation_period', 'other', 'other']);
    expect(errors(rows)).toEqual([]);
  });
});

describe('hierarchies', () => {
  it('nesting shown only by Summa rows: a subtotal takes the run just above it, the total the subtotals', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall', 'Budget'],
      ['Hemtjänst', 100, 110],
      ['Boende', 200, 190],
      ['Summa äldreomsorg', 300, 300],
      ['Försörjningsstöd', 50, 40],
      ['Placeringar', 70, 80],
      ['Summa IFO', 120, 120],
      ['Summa socialnämnden', 420, 420],
    ];
    const t = read(rows);
    expect(t.rows.map((r) => r.sumOf)).toEqual([
      undefined,
      undefined,
      [2, 3],
      undefined,
      undefined,
      [5, 6],
      [4, 7],
    ]);
    expect(errors(rows)).toEqual([]);
    // A wrong item is found at its group's sum and carried no further.
    const wrong = rows.map((r) => [...r]);
    wrong[4]![1] = 60;
    expect(errors(wrong).map((f) => f.cell)).toEqual(['B7']);
  });

  it('group sums printed above their items, without sum words', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall', 'Budget'],
      ['Äldreomsorg', 300, 310],
      ['Hemtjänst', 100, 120],
      ['Boende', 200, 190],
      ['Individ- och familjeomsorg', 120, 100],
      ['Försörjningsstöd', 50, 40],
      ['Placeringar', 70, 60],
      ['Totalt', 420, 410],
    ];
    const t = read(rows);
    expect(kinds(t)).toEqual(['subtotal', 'item', 'item', 'subtotal', 'item', 'item', 'total']);
    expect(t.rows[6]!.sumOf).toEqual([2, 5]);
    expect(errors(rows)).toEqual([]);
  });

  it('a header row repeated mid-table (a page break) stays in the table and is no group', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall', 'Budget'],
      ['Hemtjänst', 100, 110],
      ['Boende', 200, 190],
      ['Verksamhet', 'Utfall', 'Budget'],
      ['Försörjningsstöd', 50, 40],
      ['Summa', 350, 340],
    ];
    const t = read(rows);
    expect(kinds(t)).toEqual(['item', 'item', 'header', 'item', 'total']);
    expect(t.rows[4]!.sumOf).toEqual([2, 3, 5]);
    expect(errors(rows)).toEqual([]);
  });

  it('a netto row followed by varav kostnader and varav intäkter: its components', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall', 'Budget'],
      ['Äldreomsorg netto', -800, -790],
      ['varav kostnader', -1000, -990],
      ['varav intäkter', 200, 200],
      ['IFO netto', -300, -310],
      ['Summa netto', -1100, -1100],
    ];
    const t = read(rows);
    expect(t.rows[0]!.sumOf).toEqual([3, 4]);
    expect(kinds(t)).toEqual(['subtotal', 'varav', 'varav', 'item', 'total']);
    expect(t.rows[4]!.sumOf).toEqual([2, 5]);
    expect(errors(rows)).toEqual([]);
  });

  it('partial varav rows that overlap are each at most their whole, and not summed', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall', 'Budget'],
      ['Äldreomsorg', -1000, -990],
      ['-varav egen regi', -700, -690],
      ['-varav LOV-företag', -400, -390],
      ['IFO', -300, -310],
      ['Summa', -1300, -1300],
    ];
    expect(kinds(read(rows))).toEqual(['item', 'varav', 'varav', 'item', 'total']);
    expect(errors(rows)).toEqual([]);
    const wrong = rows.map((r) => [...r]);
    wrong[2]![1] = -1200;
    expect(errors(wrong).map((f) => [f.code, f.cell])).toEqual([['VARAV_EXCEEDS_PARENT', 'B3']]);
  });

  it('costs positive with revenues shown positive: Nettokostnad = kostnader − intäkter', () => {
    const rows: CellValue[][] = [
      ['Resultaträkning', 'Utfall', 'Budget', 'Avvikelse'],
      ['Intäkter', 200, 180, 20],
      ['Kostnader', 1000, 990, -10],
      ['Nettokostnad', 800, 810, 10],
    ];
    const t = read(rows);
    expect(t.signConvention).toBe('costs_positive');
    expect(t.rows[2]!.sumOf).toEqual([2, 3]);
    expect(t.rows[2]!.evidence).toMatch(/^Skillnaden/);
    expect(errors(rows)).toEqual([]);
  });

  it('costs positive with revenues shown negative: Netto = kostnader + intäkter, every deviation budget − utfall', () => {
    const rows: CellValue[][] = [
      ['Konto', 'Budget', 'Utfall', 'Avvikelse'],
      ['Intäkter', -200, -180, -20],
      ['Kostnader', 1000, 990, 10],
      ['Netto', 800, 810, -10],
    ];
    const t = read(rows);
    expect(t.signConvention).toBe('costs_positive');
    expect(errors(rows)).toEqual([]);
  });
});

describe('rules that fitted one report are gone', () => {
  it('a volumes sheet beside a result sheet is not paired with it because a title says "verksamhet"', () => {
    const result = gridFromRows('Resultatrapport', [
      ['Resultaträkning', 'Utfall', 'Budget'],
      ['Intäkter', 100, 90],
      ['Kostnader', -500, -510],
      ['Resultat', -400, -420],
    ]);
    const volumes = gridFromRows('Verksamhetsmått', [
      ['Verksamhetsmått', 'Utfall', 'Budget'],
      ['Hemtjänst, timmar', 1200, 1300],
      ['Särskilt boende, årsplatser', 40, 42],
    ]);
    const f = validateSums([result, volumes]).flatMap((s) => s.findings);
    expect(f.filter((x) => x.code.startsWith('CROSS_TABLE'))).toEqual([]);
  });

  it('a delårsrapport closes in the month its text says, and a "Bokslut 2023" column says nothing of the period', () => {
    const t = read([
      ['Delårsrapport per juni 2024', null, null],
      [null, null, null],
      ['Verksamhet', 'Utfall jan-jun', 'Bokslut 2023'],
      ['Äldreomsorg', 500, 1100],
    ]);
    expect(t.period).toMatchObject({ month: 6, monthsElapsed: 6 });
    const u = read([
      ['Verksamhet', 'Utfall', 'Bokslut 2023'],
      ['Äldreomsorg', 500, 1100],
    ]);
    expect(u.period).toBeUndefined();
  });

  it('a forecast whose values have the budget’s sign stays a forecast, however small', () => {
    const rows: CellValue[][] = [
      ['Verksamhet', 'Utfall perioden', 'Budget perioden', 'Prognos helår', 'Budget helår'],
      ['A', 10, 10, 10, 100],
      ['B', 20, 20, 25, 200],
      ['C', 30, 30, 30, 300],
    ];
    expect(roles(read(rows))).toEqual(['outcome', 'budget_period', 'forecast', 'budget_annual']);
    const plan = computeDeviations(gridFromRows('Blad1', rows)).plan;
    // The annual deviation inserted compares the forecast itself (moved to E by the inserted period deviation).
    expect(plan.writes.find((w) => w.row === 1 && w.col === 6)?.formula).toBe('=F2-E2');
  });

  it('one decimal in a staff-count row does not make a tkr table mnkr', () => {
    const t = read([
      ['Verksamhet', 'Budget 2024', 'Budget 2025'],
      ['Äldreomsorg', 155171, 160435],
      ['LSS', 33113, 37715],
      ['Antal årsarbetare', 457.21, 469.21],
    ]);
    expect(t.unit).toBe('tkr');
  });
});

describe('what Beräkna avvikelser cannot form, it says', () => {
  it('an outcome for the period against an annual budget only: no period deviation', () => {
    const rows: CellValue[][] = [
      ['Uppföljning per april 2024', null, null, null],
      [null, null, null, null],
      ['Verksamhet', 'Utfall perioden', 'Budget helår', 'Avvikelse perioden'],
      ['Äldreomsorg', 400, 1200, null],
      ['IFO', 150, 480, null],
    ];
    const r = computeDeviations(gridFromRows('Blad1', rows));
    expect(r.plan.writes.filter((w) => w.col === 3)).toEqual([]);
    expect(
      r.findings.some((f) => f.code === 'MISSING_COLUMN' && /bara budget för helåret/.test(f.message)),
    ).toBe(true);
  });

  it('a table of deviations only gets no columns inserted', () => {
    const rows: CellValue[][] = [
      ['Nämnd', 'Avvikelse perioden', 'Prognosavvikelse'],
      ['Socialnämnden', 3.3, -3.0],
      ['Kommunstyrelsen', 0.7, 0.1],
      ['Summa', 4.0, -2.9],
    ];
    expect(computeDeviations(gridFromRows('Blad1', rows)).plan).toEqual({
      sheet: 'Blad1',
      inserts: [],
      writes: [],
    });
    expect(errors(rows)).toEqual([]);
  });
});

describe('volumes', () => {
  it('a rate is a level, a Summa of flows sums their forecasts', () => {
    const rows: CellValue[][] = [
      ['Följetal', 'Utfall 2024-08', 'Budget 2024-08', 'Prognos 2024', 'Budget 2024'],
      ['Hemtjänst, timmar', 800, 820, null, 1230],
      ['Boendestöd, timmar', 400, 380, null, 570],
      ['Summa timmar', 1200, 1200, null, 1800],
      ['Hemtjänst, timmar per månad', 100, 102, null, 102],
    ];
    const r = computeDeviations(gridFromRows('Blad1', rows), { ...defaults(), forecastMethod: 'linear' });
    // "Avvik. period" is inserted at D, so the forecasts land in E.
    expect(r.plan.inserts[0]).toMatchObject({ col: 3 });
    const fc = (row: number) => r.plan.writes.find((w) => w.row === row && w.italic)?.formula;
    expect(fc(1)).toBe('=B2*12/8');
    expect(fc(3)).toBe('=SUM(E2:E3)');
    expect(fc(4)).toBe('=B5');
  });
});

function defaults() {
  return {
    version: 2 as const,
    roleOverrides: [],
    signOverrides: [],
    forecastMethod: 'utfall_plus_budget' as const,
    overwriteForecasts: false,
  };
}
