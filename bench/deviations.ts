import { GridBuilder, forEachCell, type Grid } from '../src/core/grid';
import { computeDeviations } from '../src/core';
import { DEFAULT_SETTINGS } from '../src/core/schemas';

type Measure = <T>(label: string, fn: () => T, repeat?: number) => T;

export async function benchDeviations(grid: Grid, measure: Measure): Promise<void> {
  // Clear the deviation and forecast columns so the plan has work to do.
  const b = new GridBuilder(grid.sheet);
  forEachCell(grid, (r, c, cell) => {
    if (r < 4 || (c !== 4 && c !== 5 && c !== 7)) b.set(r, c, cell);
  });
  const cleared: Grid = b.build();
  const result = measure('computeDeviations (plan)', () =>
    computeDeviations(cleared, DEFAULT_SETTINGS),
  );
  console.log(
    `  plan: ${result.plan.writes.length} writes, ${result.summary.forecastsProposed} forecasts proposed`,
  );
}
