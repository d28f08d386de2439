/**
 * Sizes the core must survive (issue 8 item 2, issue 9 item 4): a 200 000-row
 * sheet through every command, and a plan of more than 200 000 writes,
 * without "Maximum call stack size exceeded" (no spread of large arrays) and
 * with the answers right. Speed is measured in `npm run bench`, not here.
 */
import { analyzeSheet, computeDeviations, GridBuilder, validateSums, type Grid } from '../../src/core';

function bigSheet(rows: number): Grid {
  const b = new GridBuilder('Drift');
  [
    'Verksamhet',
    'Utfall perioden',
    'Budget perioden',
    'Avvikelse perioden',
    'Prognos helår',
    'Budget helår',
    'Avvikelse helår',
  ].forEach((h, c) => b.set(0, c, { v: h }));
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const total = [0, 0, 0, 0];
  for (let r = 1; r <= rows; r++) {
    const u = -Math.round(rnd() * 9000);
    const bp = -Math.round(rnd() * 9000);
    const ba = Math.round(bp * 1.5);
    const f = Math.round(u * 1.5);
    b.set(r, 0, { v: `Konto ${r}` });
    [u, bp].forEach((v, k) => b.set(r, 1 + k, { v, fmt: '#,##0' }));
    b.set(r, 4, { v: f, fmt: '#,##0' });
    b.set(r, 5, { v: ba, fmt: '#,##0' });
    total[0]! += u;
    total[1]! += bp;
    total[2]! += f;
    total[3]! += ba;
  }
  b.set(rows + 1, 0, { v: 'Summa' });
  [1, 2, 4, 5].forEach((c, k) => b.set(rows + 1, c, { v: total[k]!, fmt: '#,##0' }));
  return b.build();
}

describe('a 200 000-row sheet', () => {
  const grid = bigSheet(200000);

  it('is one table whose total is the sum of every row', () => {
    const [t] = analyzeSheet(grid).tables;
    expect(t!.rows).toHaveLength(200001);
    expect(t!.rows[200000]).toMatchObject({ kind: 'total', label: 'Summa' });
    expect(t!.rows[200000]!.sumOf).toHaveLength(200000);
  });

  it('passes Validera summor without a false error', () => {
    expect(validateSums([grid])[0]!.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('gets a plan of more than 200 000 deviation formulas', () => {
    const { plan, summary } = computeDeviations(grid);
    expect(plan.writes.length).toBeGreaterThan(400000);
    expect(summary.deviationCells).toBe(400002);
    expect(plan.writes.find((w) => w.row === 123456 && w.col === 3)?.formula).toBe('=B123457-C123457');
  });
});
