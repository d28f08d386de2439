import type { Grid } from '../src/core/grid';
import { computeDeviations } from '../src/core/deviations';

type Measure = <T>(label: string, fn: () => T, repeat?: number) => T;

export async function benchDeviations(grid: Grid, measure: Measure): Promise<void> {
  // Clear the deviation and forecast columns so the plan has work to do.
  const cleared: Grid = {
    ...grid,
    cells: grid.cells.map((row, r) =>
      r < 4 ? row : row.map((c, ci) => (ci === 4 || ci === 5 || ci === 7 ? { v: null } : c)),
    ),
  };
  const result = measure('computeDeviations (plan)', () =>
    computeDeviations(cleared, {
      version: 1,
      roleOverrides: {},
      signOverrides: {},
      forecastMethod: 'utfall_plus_budget',
      overwriteForecasts: false,
    }),
  );
  console.log(
    `  plan: ${result.plan.writes.length} writes, ${result.summary.forecastsProposed} forecasts proposed`,
  );
}
