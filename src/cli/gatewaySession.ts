/**
 * The command line applies plans the way the add-in does: through the
 * Office.js gateway (src/excel applyPlan, with its snapshot check and its
 * journal entry for Ångra) over the simulated Excel host (src/host) on the
 * workbook read from the file. What the gateway did is then written into
 * the user's own file by the package editor, so the output is that file with
 * only the planned cells (and Budgetkoll's store sheet) changed.
 */
import type { Grid } from '../core/grid';
import { isEmptyPlan, type CommandName, type WritePlan } from '../core/plan';
import { applyPlan } from '../excel/applyPlan';
import { isGatewayError } from '../excel/errors';
import { setRuntime } from '../excel/runtime';
import { createSimulatedExcel, type SimulatedHost } from '../host';
import type { WorkbookModel } from '../workbook/model';
import { isXlsxPatchError, patchXlsx } from '../xlsx/patch';
import {
  capturePlan,
  formulaResults,
  packageEdits,
  storeChunks,
  type FormulaResults,
  type PendingPlan,
} from '../xlsx/planEdits';
import { CliError } from './io';

export class GatewaySession {
  private readonly applied: { pending: PendingPlan; written: number }[] = [];
  private readonly storeBefore: string[] | undefined;

  /** Made at the first plan that writes: building it recalculates every formula of the workbook. */
  private host: SimulatedHost | undefined;
  private resultsBefore: FormulaResults | undefined;

  /** A simulated Excel host over `model`; batches update `model` in place. */
  constructor(readonly model: WorkbookModel) {
    this.storeBefore = storeChunks(model);
  }

  private hostFor(): SimulatedHost {
    if (!this.host) {
      this.host = createSimulatedExcel(this.model);
      // The host has calculated every formula; what changes from here on is the plans' doing.
      this.resultsBefore = formulaResults(this.model);
    }
    return this.host;
  }

  /** Applies a plan computed from `snapshot`; returns the number of cells the gateway wrote. */
  async apply(
    plan: WritePlan,
    snapshot: Grid,
    meta: { command: CommandName; description: string },
  ): Promise<number> {
    // Nothing to write: the gateway would not touch Excel either (and a 60 000-row workbook needs no recalculation).
    if (isEmptyPlan(plan)) return 0;
    const host = this.hostFor();
    const pending = capturePlan(this.model, plan);
    // The gateway's Excel is this host for the length of the call only.
    setRuntime({ Excel: host.Excel, Office: host.Office });
    try {
      const result = await applyPlan(plan, snapshot, meta);
      this.applied.push({ pending, written: result.written });
      return result.written;
    } catch (e) {
      if (isGatewayError(e)) throw new CliError(e.userMessage);
      throw e;
    } finally {
      setRuntime(undefined);
    }
  }

  /** The original file with what the gateway did; the input bytes themselves are never changed. */
  async write(original: Uint8Array): Promise<Uint8Array> {
    // No plan wrote: the output is the input, byte for byte.
    if (!this.host || !this.resultsBefore) return original.slice();
    try {
      // The host recalculates at the end of every batch, so the results here are the final ones.
      return await patchXlsx(
        original,
        packageEdits(this.model, this.applied, this.storeBefore, this.resultsBefore),
      );
    } catch (e) {
      if (isXlsxPatchError(e)) throw new CliError(e.message);
      throw e;
    }
  }
}
