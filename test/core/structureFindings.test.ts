import { analyzeSheet } from '../../src/core';
import { a1, gridFromRows } from '../../src/core/grid';
import { parseSwedishNumber } from '../../src/core/numbers';
import { loadSeedTable, loadSeedTables, placeSeedTable } from '../support/seedTables';

describe('text numbers and error values injected into copies of every seed table', () => {
  const withFigures = loadSeedTables().filter((t) =>
    t.rows.some((r) => r.values.some((v) => typeof v === 'number')),
  );

  it.each(withFigures.map((t) => [t.file, t] as const))('%s: reported at the right cells', (_f, seed) => {
    const placed = placeSeedTable(seed);
    // The first and the last numeric cell become text ("-412 059" style), one more becomes #REF!.
    const numeric: { r: number; c: number; v: number }[] = [];
    seed.rows.forEach((row, ri) =>
      row.values.forEach((v, ci) => {
        if (typeof v === 'number') numeric.push({ r: placed.rowIndex[ri]!, c: placed.colIndex[ci]!, v });
      }),
    );
    const textCells = [numeric[0]!, numeric[numeric.length - 1]!];
    for (const t of textCells) {
      const text = t.v.toLocaleString('sv-SE').replace('.', ',');
      placed.cells[t.r]![t.c] = { v: text };
      expect(parseSwedishNumber(text)).toMatchObject({ kind: 'number', value: t.v });
    }
    const errCell = numeric[Math.floor(numeric.length / 2)]!;
    placed.cells[errCell.r]![errCell.c] = { v: '#REF!', err: true, f: '=#REF!+1' };
    const grid = placed.grid;

    const { findings, tables } = analyzeSheet(grid);
    const textFindings = findings.filter((f) => f.code === 'TEXT_NUMBER').map((f) => f.cell);
    const expectedText = [...new Set(textCells.filter((t) => t !== errCell).map((t) => a1(t.r, t.c)))];
    expect(textFindings.sort()).toEqual(expectedText.sort());
    const errors = findings.filter((f) => f.code === 'ERROR_VALUE').map((f) => f.cell);
    expect(errors).toEqual([a1(errCell.r, errCell.c)]);
    // Text in an amount column breaks SUM: an error; in a note or percentage column a warning.
    for (const f of findings.filter((x) => x.code === 'TEXT_NUMBER')) {
      const col = tables[0]!.columns.find((c) => c.column === f.cell.replace(/\d+/g, ''))!;
      expect(f.severity).toBe(col.nonAmount ? 'warning' : 'error');
    }
  });
});

describe('structure findings on real tables', () => {
  it('003_01: the forecast column that holds deviations is reported once and recast', () => {
    const placed = placeSeedTable(loadSeedTable('003_01'));
    const { tables, findings } = analyzeSheet(placed.grid);
    const contradiction = findings.filter((f) => f.code === 'HEADER_CONTRADICTS_VALUES');
    expect(contradiction).toHaveLength(1);
    expect(contradiction[0]!.cell).toBe(a1(placed.headerRows[0]!, placed.colIndex[4]!));
    expect(tables[0]!.columns.find((c) => c.index === placed.colIndex[4])!.role).toBe('deviation_annual');
  });

  it('a deviation header that says Budget−Utfall over Utfall−Budget values is reported once, not per row', () => {
    const seed = loadSeedTable('000_06');
    seed.columns[3] = 'Avvikelse Budget-Utfall';
    const { findings } = analyzeSheet(placeSeedTable(seed).grid);
    const c = findings.filter((f) => f.code === 'HEADER_CONTRADICTS_VALUES');
    expect(c).toHaveLength(1);
    expect(c[0]!.message).toContain('utfall − budget');
  });

  it('duplicate labels within one group are reported, across groups they are not (000_07)', () => {
    const seed = loadSeedTable('000_07');
    const placed = placeSeedTable(seed);
    expect(analyzeSheet(placed.grid).findings.filter((f) => f.code === 'DUPLICATE_LABEL')).toHaveLength(0);
    const hem = seed.rows.findIndex((r) => r.label.startsWith('Permanent'));
    placed.cells[placed.rowIndex[hem]!]![placed.labelCol] = { v: 'Hemtjänst, timmar' };
    const dup = analyzeSheet(placed.grid).findings.filter((f) => f.code === 'DUPLICATE_LABEL');
    expect(dup.map((f) => f.cell)).toEqual([a1(placed.rowIndex[hem]!, placed.labelCol)]);
  });

  it('values without a label are reported at the label cell', () => {
    const placed = placeSeedTable(loadSeedTable('000_06'));
    placed.cells[placed.rowIndex[2]!]![placed.labelCol] = { v: null };
    const f = analyzeSheet(placed.grid).findings.filter((x) => x.code === 'VALUE_WITHOUT_LABEL');
    expect(f.map((x) => x.cell)).toEqual([a1(placed.rowIndex[2]!, placed.labelCol)]);
  });

  it('a sheet without a table says so in Swedish', () => {
    const f = analyzeSheet(gridFromRows('Anteckningar', [['Att göra']])).findings;
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'NO_TABLE', cell: 'A1', severity: 'warning' });
    expect(f[0]!.message).toMatch(/Ingen budgettabell/);
  });

  it('a column named by no role word is read as the budget when the deviation is utfall − that column', () => {
    const seed = loadSeedTable('004_01');
    seed.columns = ['Utfall 2022', 'Utfall 2023', 'Fritext', 'Avvik'];
    const [t] = analyzeSheet(placeSeedTable(seed).grid).tables;
    const fritext = t!.columns.find((c) => c.header === 'Fritext')!;
    expect(fritext.role).toMatch(/^budget_/);
    expect(fritext.roleSource).toBe('data');
    expect(fritext.evidence).toMatch(/stämmer på \d+ av \d+ rader/);
  });

  it('a follow-up table without budget reports the missing column with accepted names', () => {
    const seed = loadSeedTable('004_01');
    seed.columns = ['Utfall 2022', 'Utfall 2023', 'Fritext', 'Avvik'];
    // Figures in the unnamed column that nothing adds up to: it stays without a role.
    seed.rows = seed.rows.map((r, i) => ({
      ...r,
      values: r.values.map((v, j) => (j === 2 && typeof v === 'number' ? 7 * (i + 1) : v)),
    }));
    const f = analyzeSheet(placeSeedTable(seed).grid).findings.filter((x) => x.code === 'MISSING_COLUMN');
    expect(f.some((x) => /saknar en budgetkolumn/.test(x.message) && /Budget perioden/.test(x.message))).toBe(
      true,
    );
  });
});
