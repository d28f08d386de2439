import { validateSums } from '../../src/core';
import { a1, type Grid } from '../../src/core/grid';
import type { Finding } from '../../src/core/schemas';
import { loadSeedTable, loadSeedTables, placeSeedTable, type SeedTable } from '../support/seedTables';

const ALL = loadSeedTables();
const SEEDS = [...new Set(ALL.map((t) => t.seed!))];

function workbookOf(seed: string): { tables: SeedTable[]; grids: Grid[] } {
  const tables = ALL.filter((t) => t.seed === seed);
  return { tables, grids: tables.map((t) => placeSeedTable(t, { sheet: t.file.slice(0, 6) }).grid) };
}

function findingsOf(grids: Grid[]): Finding[] {
  return validateSums(grids).flatMap((s) => s.findings);
}

describe('Validera summor on the seed reports (values only, one sheet per table)', () => {
  const all = SEEDS.flatMap((s) => findingsOf(workbookOf(s).grids));

  it('reports exactly the real inconsistencies of AUDIT.md as errors', () => {
    const errors = all.filter((f) => f.severity === 'error').map((f) => `${f.sheet}!${f.cell} ${f.code}`);
    expect(errors.sort()).toEqual(
      [
        // 001_16: 2 615 dygn / 181 = 14,4 placements, printed 8,0 (jan-jun 2020).
        '001_16!B8 RATIO_MISMATCH',
        // 004_01 Summa: vs 004_04 Politisk verksamhet: budget −1 330 vs −1 447, deviation 217 vs 334.
        '004_01!D7 CROSS_TABLE_MISMATCH',
        '004_01!E7 CROSS_TABLE_MISMATCH',
      ].sort(),
    );
  });

  it('keeps every rounding difference at information level, with expected, actual and tolerance', () => {
    const rounding = all.filter((f) => /ROUNDING/.test(f.code));
    expect(rounding.length).toBeGreaterThanOrEqual(90);
    for (const f of rounding) {
      expect(f.severity).toBe('info');
      expect(Math.abs(f.difference!)).toBeLessThanOrEqual(f.tolerance! + 1e-9);
    }
  });

  it('names expected, actual, difference and the rows of the sum (000_06 SUMMA, Prognos helår)', () => {
    const f = all.find(
      (x) => x.sheet === '000_06' && x.code === 'SUM_ROUNDING' && x.message.includes('Prognos helår'),
    )!;
    expect(f).toMatchObject({ expected: -625940, actual: -625943, difference: -3, tolerance: 8 });
    expect(f.message).toContain('rad 5–19');
  });

  it('001_03 and 001_04 disagree only by rounding, across sign conventions', () => {
    const cross = all.filter((f) => f.code === 'CROSS_TABLE_ROUNDING');
    expect(cross.map((f) => f.sheet)).toEqual(['001_03', '001_03']);
  });
});

/** One cell of a summed column changed by more than rounding must give an error in that column. */
describe('mutation test', () => {
  const cases: [string, number, number, SeedTable][] = [];
  const INPUT_ROLES = ['outcome', 'budget_period', 'budget_annual', 'forecast'];
  for (const t of ALL) {
    const sums = t.rows.some((r) => r.kind === 'total' || r.kind === 'subtotal');
    const devs = t.roles?.some((r) => r.some((x) => x.startsWith('deviation')));
    if (!sums && !devs) continue;
    // A summed cell: any amount column of a table with totals; else an input of a deviation.
    const isYearColumn = (ci: number) =>
      t.rows.every(
        (r) =>
          r.values[ci] === null ||
          (typeof r.values[ci] === 'number' &&
            (r.values[ci] as number) >= 1990 &&
            (r.values[ci] as number) <= 2100),
      );
    const summed = (ci: number) =>
      !isYearColumn(ci) && (sums || (t.roles?.[ci] ?? []).some((r) => INPUT_ROLES.includes(r)));
    t.rows.forEach((row, ri) => {
      if (row.kind !== 'item') return;
      row.values.forEach((v, ci) => {
        if (
          typeof v === 'number' &&
          summed(ci) &&
          cases.filter((c) => c[3] === t).length < 6 &&
          (ri + ci) % 3 === 0
        )
          cases.push([t.file, ri, ci, t]);
      });
    });
  }

  it.each(cases)('%s: row %i column %i changed', (_f, ri, ci, seed) => {
    const placed = placeSeedTable(seed);
    const r = placed.rowIndex[ri]!;
    const c = placed.colIndex[ci]!;
    const old = placed.cells[r]![c]!.v as number;
    const delta = seed.unit === 'mnkr' ? 5 : 50;
    placed.cells[r]![c] = { v: old + delta };
    const errors = findingsOf([placed.grid]).filter((f) => f.severity === 'error');
    const col = a1(0, c).replace(/\d+/, '');
    const hits = errors.filter(
      (f) => f.cell.replace(/\d+/g, '') === col || f.related?.some((x) => x.replace(/\d+/g, '') === col),
    );
    // Either the total it feeds or the deviation of its row turns into an error.
    const rowHit = errors.some((f) => f.cell.endsWith(String(r + 1)) || f.related?.includes(a1(r, c)));
    expect(hits.length > 0 || rowHit).toBe(true);
  });

  it('covers the tables with totals or deviations', () => {
    expect(new Set(cases.map((c) => c[0])).size).toBeGreaterThanOrEqual(15);
  });
});

describe('sum formulas', () => {
  function withFormulas(prefix: string, missRow?: number) {
    const seed = loadSeedTable(prefix);
    const placed = placeSeedTable(seed);
    const totalIdx = seed.rows.findIndex((r) => r.kind === 'total');
    const first = placed.rowIndex[0]!;
    const last = placed.rowIndex[totalIdx - 1]!;
    for (const c of placed.colIndex) {
      const col = a1(0, c).replace(/\d+/, '');
      const end = missRow === undefined ? last : last - 1;
      placed.cells[placed.rowIndex[totalIdx]!]![c] = {
        v: placed.cells[placed.rowIndex[totalIdx]!]![c]!.v,
        f: `=SUM(${col}${first + 1}:${col}${end + 1})`,
      };
    }
    return { placed, totalRow: placed.rowIndex[totalIdx]! };
  }

  it('a SUM range that misses the last item is reported at that formula', () => {
    const { placed, totalRow } = withFormulas('000_06', 1);
    const f = findingsOf([placed.grid]).filter((x) => x.code === 'SUM_FORMULA_MISSES_ROW');
    // One finding for the row, naming the same defect in the other columns.
    expect(f.length).toBe(1);
    expect(f[0]!.cell).toBe(a1(totalRow, placed.colIndex[0]!));
    expect(f[0]!.message).toContain('Förvaltnings/myndighetskontor');
    for (const c of placed.colIndex.slice(1)) expect(f[0]!.related).toContain(a1(totalRow, c));
  });

  it('a complete SUM range gives no formula finding', () => {
    const { placed } = withFormulas('000_06');
    expect(findingsOf([placed.grid]).filter((x) => x.code.startsWith('SUM_FORMULA'))).toEqual([]);
  });

  it('a SUM that includes a varav row is reported', () => {
    const seed = loadSeedTable('004_03');
    const placed = placeSeedTable(seed);
    const sumInt = seed.rows.findIndex((r) => r.label === 'Summa Intäkter');
    const c = placed.colIndex[1]!;
    const col = a1(0, c).replace(/\d+/, '');
    const ext = placed.rowIndex[0]! + 1;
    const varav = placed.rowIndex[1]! + 1;
    const int = placed.rowIndex[3]! + 1;
    placed.cells[placed.rowIndex[sumInt]!]![c] = {
      v: 118182,
      f: `=${col}${ext}+${col}${varav}+${col}${int}`,
    };
    const f = findingsOf([placed.grid]).filter((x) => x.code === 'SUM_FORMULA_INCLUDES_VARAV');
    expect(f).toHaveLength(1);
    expect(f[0]!.related).toEqual([`${col}${varav}`]);
  });
});

describe('deviation header that contradicts its values', () => {
  it('is reported once and the rows are checked by what the values show', () => {
    const seed = loadSeedTable('001_04');
    // Costs positive table, but the deviation column holds Utfall − Budget under a "Budget − Utfall" header.
    seed.columns[2] = 'Avvikelse budget - utfall';
    seed.rows.forEach(
      (r) => (r.values[2] = Math.round(((r.values[0] as number) - (r.values[1] as number)) * 10) / 10),
    );
    const fs = findingsOf([placeSeedTable(seed).grid]);
    expect(fs.filter((f) => f.code === 'HEADER_CONTRADICTS_VALUES')).toHaveLength(1);
    expect(fs.filter((f) => f.code === 'DEVIATION_MISMATCH')).toEqual([]);
  });
});
