/**
 * The core for the task pane: in a Web Worker when the browser can start one,
 * in the pane's own thread otherwise (src/app/coreProtocol.ts falls back by
 * itself when the worker fails to load or dies).
 */
import type { CoreApi, SyncCoreApi } from '../../app/ports';
import { remoteCore, type CoreResponse, type CoreTransport } from '../../app/coreProtocol';

const inThread = (): Promise<SyncCoreApi> =>
  import(/* webpackChunkName: "core" */ '../../app/coreApi').then((m) => m.coreApi);

function workerTransport(): CoreTransport | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker;
  try {
    worker = new Worker(/* webpackChunkName: "core-worker" */ new URL('./core.worker.ts', import.meta.url));
  } catch {
    return undefined;
  }
  return {
    send: (request, transfer) => worker.postMessage(request, transfer),
    onAnswer: (listener) =>
      worker.addEventListener('message', (e: MessageEvent<CoreResponse>) => listener(e.data)),
    onFailure: (listener) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        listener(e.message || 'worker error');
      });
      worker.addEventListener('messageerror', () => listener('message error'));
    },
    close: () => worker.terminate(),
  };
}

export function createWorkerCore(): CoreApi {
  return remoteCore(workerTransport(), inThread);
}
