import { validateSums } from '../../src/core';
import { buildSampleWorkbook } from '../../src/sample';
import { recalculate } from '../../src/workbook/recalc';
import { modelToGrid } from '../../src/xlsx';

describe('the sample workbook with its totals recalculated as live SUM formulas', () => {
  const wb = buildSampleWorkbook();
  recalculate(wb);
  const result = validateSums(wb.sheets.map((s) => modelToGrid(wb, s.name)));
  const all = result.flatMap((s) => s.findings);

  it('has no errors: totals over rounded items differ from typed deviations only by rounding', () => {
    expect(all.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports the SUMMA deviation of "Avvik. helår" (sum of rounded parts) as rounding, with the room of its parts', () => {
    const f = all.find(
      (x) => x.sheet === 'Verksamhetsrapport' && x.cell === 'H20' && x.code === 'DEVIATION_ROUNDING',
    )!;
    expect(f.difference).toBe(-3);
    expect(f.tolerance).toBeGreaterThan(3);
  });
});
