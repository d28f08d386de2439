import { a1, type Grid } from './grid';
import { CODES, finding, fmt } from './findings';
import { operand } from './relations';
import type { Finding, TableModel } from './schemas';
import { compact } from './text';

/**
 * Placements derived from days (följetal): "Antal placeringar" = dygn / days
 * in the period, the same divisor in every period column. A column whose
 * ratio breaks the pattern of the others is a real error (001_16, 2020).
 */
export function ratioFindings(grid: Grid, table: TableModel): Finding[] {
  if (table.signConvention !== 'volumes') return [];
  const days = table.rows.find((r) => /dygn/.test(compact(r.label)) && !/per|snitt/.test(compact(r.label)));
  const placements = table.rows.filter((r) => /placering/.test(compact(r.label)));
  if (!days || placements.length === 0) return [];
  const cols = table.columns.filter((c) => !c.nonAmount);
  const out: Finding[] = [];
  for (const p of placements) {
    const pairs = cols
      .map((c) => ({ c, d: operand(grid, days.index, c.index), p: operand(grid, p.index, c.index) }))
      .filter((x) => x.d && x.p && x.p.value > 0 && x.d.value > 0);
    if (pairs.length < 3) continue;
    const ratios = pairs.map((x) => x.d!.value / x.p!.value).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    for (const x of pairs) {
      const expected = x.d!.value / median;
      const tol = x.p!.precision / 2 + expected * 0.01;
      const diff = x.p!.value - expected;
      if (Math.abs(diff) > tol)
        out.push(
          finding(
            'error',
            CODES.RATIO_MISMATCH,
            grid.sheet,
            a1(p.index, x.c.index),
            `”${p.label}” i ”${x.c.header}” är ${fmt(x.p!.value, x.p!.precision)}, men ${fmt(x.d!.value)} dygn delat med periodens cirka ${Math.round(median)} dagar (som i övriga kolumner) ger ${fmt(expected, x.p!.precision)}. Någon av siffrorna är fel.`,
            {
              expected,
              actual: x.p!.value,
              difference: diff,
              tolerance: tol,
              related: [a1(days.index, x.c.index)],
            },
          ),
        );
    }
  }
  return out;
}
