import { MessageChannel, type MessagePort } from 'node:worker_threads';
import {
  answerCoreRequest,
  packArgs,
  packGrid,
  remoteCore,
  unpackArgs,
  unpackGrid,
  type CoreTransport,
} from '../../src/app/coreProtocol';
import { GridBuilder } from '../../src/core/grid';
import { coreApi } from '../../src/app/coreApi';
import type { SyncCoreApi } from '../../src/app/ports';
import { buildSampleWorkbook } from '../../src/sample';
import { modelToGrid } from '../../src/xlsx/grid';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';

/** A worker on the other end of a MessageChannel: messages are structured-cloned, as between threads. */
function channelWorker(core: SyncCoreApi): { transport: CoreTransport; worker: MessagePort; fail(): void } {
  const { port1, port2 } = new MessageChannel();
  port1.unref();
  port2.unref();
  port2.on('message', (data) => {
    const answer = answerCoreRequest(core, data);
    if (answer) port2.postMessage(answer);
  });
  let failure: ((reason: string) => void) | undefined;
  const transport: CoreTransport = {
    send: (request, transfer) => port1.postMessage(request, transfer),
    onAnswer: (listener) => port1.on('message', listener),
    onFailure: (listener) => (failure = listener),
    close: () => {
      port1.close();
      port2.close();
    },
  };
  return { transport, worker: port2, fail: () => failure?.('crashed') };
}

const SAMPLE = buildSampleWorkbook();

function sampleGrid(sheet = 'Verksamhetsrapport') {
  return modelToGrid(SAMPLE, sheet);
}

describe('the core behind a worker boundary', () => {
  it('answers every command through structured clone with what the core itself returns', async () => {
    const { transport } = channelWorker(coreApi);
    const core = remoteCore(transport, async () => coreApi);
    const grid = sampleGrid();
    const direct = coreApi.analyzeSheet(grid, DEFAULT_SETTINGS);
    const remote = await core.analyzeSheet(grid, DEFAULT_SETTINGS);
    expect(remote).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(core.remote).toBe(true);
    const sums = await core.validateSums([grid, sampleGrid('Resultatrapport')], DEFAULT_SETTINGS);
    expect(sums.map((r) => r.sheet)).toEqual(['Verksamhetsrapport', 'Resultatrapport']);
    const deviations = await core.computeDeviations(grid, DEFAULT_SETTINGS);
    expect(deviations.summary).toEqual(coreApi.computeDeviations(grid, DEFAULT_SETTINGS).summary);
    transport.close();
  });

  it('turns a failure inside the core into a rejected call with its message, and keeps serving', async () => {
    const failing: SyncCoreApi = {
      ...coreApi,
      analyzeSheet: () => {
        throw new Error('Bladet är för stort.');
      },
    };
    const { transport } = channelWorker(failing);
    const core = remoteCore(transport, async () => coreApi);
    await expect(core.analyzeSheet(sampleGrid(), DEFAULT_SETTINGS)).rejects.toThrow('Bladet är för stort.');
    await expect(core.textNumberFixPlan(sampleGrid(), [])).resolves.toMatchObject({ writes: [] });
    transport.close();
  });

  it('runs pending and later calls in the pane when the worker dies', async () => {
    // A worker that never answers, then crashes.
    let failure: ((reason: string) => void) | undefined;
    let closed = false;
    const transport: CoreTransport = {
      send: () => undefined,
      onAnswer: () => undefined,
      onFailure: (l) => (failure = l),
      close: () => {
        closed = true;
      },
    };
    let fallbacks = 0;
    const core = remoteCore(transport, async () => {
      fallbacks++;
      return coreApi;
    });
    const pending = core.analyzeSheet(sampleGrid(), DEFAULT_SETTINGS);
    failure?.('script failed to load');
    await expect(pending).resolves.toMatchObject({ sheet: 'Verksamhetsrapport' });
    expect(core.remote).toBe(false);
    expect(closed).toBe(true);
    await core.analyzeSheet(sampleGrid(), DEFAULT_SETTINGS);
    expect(fallbacks).toBe(2);
  });

  it('runs in the pane when no worker can start at all', async () => {
    const core = remoteCore(undefined, async () => coreApi);
    expect(core.remote).toBe(false);
    await expect(core.analyzeSheet(sampleGrid(), DEFAULT_SETTINGS)).resolves.toMatchObject({
      sheet: 'Verksamhetsrapport',
    });
  });

  it('ignores messages that are not requests', () => {
    expect(answerCoreRequest(coreApi, { id: 1, op: 'constructor', args: [] })).toBeUndefined();
    expect(answerCoreRequest(coreApi, null)).toBeUndefined();
  });

  it('packs a grid into flat arrays and back, cell for cell', () => {
    const b = new GridBuilder('Blad 1');
    b.set(0, 0, { v: 'Verksamhet (tkr)' });
    b.set(4, 2, { v: -412059, fmt: '#,##0' });
    b.set(4, 7, { v: 0, f: '=SUM(H1:H3)', fmt: '#,##0' });
    b.set(1048575, 16383, { v: '#REF!', err: true });
    b.set(9, 1, { v: true });
    b.set(9, 3, { v: null, fmt: '0.0' });
    const grid = b.build();
    const packed = packGrid(grid);
    expect(packed.formats).toEqual(['#,##0', '0.0']);
    expect(unpackGrid(packed)).toEqual(grid);
    const sample = sampleGrid();
    expect(unpackGrid(packGrid(sample))).toEqual(sample);
    // Grids inside argument lists are packed, their buffers offered for transfer; the rest passes as is.
    const { args, transfer } = packArgs([[grid, sample], DEFAULT_SETTINGS]);
    expect(transfer).toHaveLength(10);
    expect(unpackArgs(args)).toEqual([[grid, sample], DEFAULT_SETTINGS]);
    expect(packArgs([grid, ['C7']]).args[1]).toEqual(['C7']);
  });
});
