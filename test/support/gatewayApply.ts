/**
 * Applies a write plan the way the add-in and the command line do: through
 * the Office.js gateway (src/excel applyPlan) over the simulated Excel host
 * on an in-memory workbook. The one plan applier; tests use it instead of a
 * shortcut of their own.
 */
import type { Grid } from '../../src/core/grid';
import type { WritePlan } from '../../src/core/plan';
import { applyPlan } from '../../src/excel/applyPlan';
import { setRuntime } from '../../src/excel/runtime';
import { createSimulatedExcel } from '../../src/host';
import type { WorkbookModel } from '../../src/workbook/model';
import { modelToGrid } from '../../src/xlsx';

/** Applies `plan` to `model` (updated in place); the snapshot defaults to the sheet as it is. */
export async function applyThroughGateway(
  model: WorkbookModel,
  plan: WritePlan,
  snapshot?: Grid,
): Promise<number> {
  const host = createSimulatedExcel(model);
  setRuntime({ Excel: host.Excel, Office: host.Office });
  try {
    const result = await applyPlan(plan, snapshot ?? modelToGrid(model, plan.sheet), {
      command: 'computeDeviations',
      description: `Beräkna avvikelser på bladet ${plan.sheet}`,
    });
    return result.written;
  } finally {
    setRuntime(undefined);
  }
}
