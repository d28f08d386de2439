/**
 * The task pane's commands through the real application path: the app store
 * (src/app/store.ts) with the Office.js gateway (src/excel) over the
 * workbench's simulated Excel host (src/host), which counts every
 * context.sync() and the JSON bytes of its request and response.
 */
import { performance } from 'node:perf_hooks';
import type { WritePlan } from '../../src/core';
import { coreApi } from '../../src/app/coreApi';
import { excelGateway } from '../../src/app/excelGateway';
import type { AppGateway } from '../../src/app/ports';
import { createAppStore } from '../../src/app/store';
import { setRuntime } from '../../src/excel';
import { createSimulatedExcel, type RequestContext, type SimulatedHost } from '../../src/host';
import type { AppCommand, AppJob } from '../protocol';
import { benchWorkbook, rangePayloadJson } from '../sheets';
import { collectGarbage, emit, errorLine, phase } from './emit';

/** The JSON a write plan must carry at least: the written contents and number formats, as Range.formulas and Range.numberFormat would. */
export function writePayloadBytes(plan: WritePlan | undefined): number {
  if (!plan || plan.writes.length === 0) return 0;
  const contents = plan.writes.map((w) => w.formula ?? w.value ?? '');
  const formats = plan.writes.map((w) => w.numberFormat ?? 'General');
  return Buffer.byteLength(JSON.stringify(contents)) + Buffer.byteLength(JSON.stringify(formats));
}

/** Excel.run over the simulated host, telling the parent about every sync as it happens. */
function reportingExcel(host: SimulatedHost, command: AppCommand) {
  return {
    // Excel.run(batch) or Excel.run(options, batch), as the gateway calls it (delayForCellEdit).
    run<T>(
      first: object | ((context: RequestContext) => Promise<T>),
      second?: (context: RequestContext) => Promise<T>,
    ): Promise<T> {
      const batch = typeof first === 'function' ? first : second!;
      return host.Excel.run((context: RequestContext) => {
        const sync = context.sync.bind(context);
        context.sync = async <P>(passThrough?: P) => {
          const before = host.stats.syncs.length;
          try {
            return await sync(passThrough);
          } finally {
            const last = host.stats.syncs[host.stats.syncs.length - 1];
            if (last && host.stats.syncs.length > before) {
              emit({
                type: 'sync',
                command,
                requestBytes: last.requestBytes,
                responseBytes: last.responseBytes,
              });
            }
          }
        };
        return batch(context);
      });
    },
  };
}

export async function runAppJob(job: AppJob): Promise<void> {
  for (const command of job.commands) {
    try {
      phase(`${command} ${job.size} setup`);
      // Beräkna runs on the sheet as exported from the ledger, the checks on the finished report.
      const book = benchWorkbook({
        ledgerRows: job.size,
        seed: job.seed,
        stage: command === 'computeDeviations' ? 'exported' : 'reported',
      });
      const read = command === 'validateSums' ? book.grids : [book.ledger.grid];
      const readPayloadBytes = read.reduce((n, g) => n + Buffer.byteLength(rangePayloadJson(g)), 0);
      const host = createSimulatedExcel(book.model);
      setRuntime({ Excel: reportingExcel(host, command), Office: host.Office });
      let plan: WritePlan | undefined;
      const gateway = (): AppGateway => {
        const inner = excelGateway();
        return {
          ...inner,
          applyPlan: (p, snapshot, meta, options) => {
            plan = p;
            emit({
              type: 'appPlan',
              command,
              writePayloadBytes: writePayloadBytes(p),
              writes: p.writes.length,
            });
            return inner.applyPlan(p, snapshot, meta, options);
          },
        };
      };
      const store = createAppStore({ gateway, core: () => coreApi });
      emit({ type: 'appSetup', reset: true, command, readPayloadBytes });
      collectGarbage();
      host.stats.reset();
      phase(`${command} ${job.size}`);
      const t0 = performance.now();
      await store[command]();
      const ms = performance.now() - t0;
      const state = store.getState();
      emit({
        type: 'app',
        reset: true,
        command,
        ms,
        status: state.status,
        ...(state.message ? { message: state.message.text } : {}),
        // The checks write nothing; Beräkna's write is unknown when it ended before its plan.
        ...(command !== 'computeDeviations' || plan ? { writePayloadBytes: writePayloadBytes(plan) } : {}),
        writes: plan?.writes.length ?? 0,
      });
    } catch (e) {
      emit(errorLine(`${command} ${job.size}`, e));
    } finally {
      setRuntime(undefined);
    }
  }
}
