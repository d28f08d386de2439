/**
 * The one application store of the add-in. The task pane renders it and the
 * ribbon handlers call its actions; both live in the shared runtime.
 *
 * The store itself is small and loads with the pane; the Office.js gateway
 * and the core (both carry zod) load on first use, in chunks of their own,
 * so the pane paints before they arrive. The task pane entry starts loading
 * them right after the first paint and hands the store a core that runs in a
 * Web Worker (`setCoreFactory`); anywhere else the core runs in-thread.
 */
import type { AppGateway, CoreApi } from './ports';
import { createAppStore } from './store';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((e: unknown) => {
      // A chunk that failed to load (a dropped connection) is tried again next time.
      loading = undefined;
      throw e;
    });
    return loading;
  };
}

export const loadGateway: () => Promise<AppGateway> = once(() =>
  import(/* webpackChunkName: "gateway" */ './excelGateway').then((m) => m.excelGateway()),
);

let coreFactory: () => Promise<CoreApi> = () =>
  import(/* webpackChunkName: "core" */ './coreApi').then((m) => m.coreApi);
let loadCore = once(() => coreFactory());

/** Installs how the core is reached (the task pane: its Web Worker). Call before the first command. */
export function setCoreFactory(factory: () => Promise<CoreApi>): void {
  coreFactory = factory;
  loadCore = once(() => coreFactory());
}

export const appStore = createAppStore({ gateway: loadGateway, core: () => loadCore() });

export type { AppState, AppStore, AppMessage, CheckKind, CheckResults, CommandKey, Activity } from './store';
export { createAppStore, initialState, COMMAND_LABELS } from './store';
