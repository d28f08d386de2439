/**
 * Ribbon handlers. The manifest uses a shared runtime, so the task pane page
 * registers these itself and they run the same app actions the task pane
 * buttons run. A handler shows the task pane first, so the user sees the
 * command's progress and then its result, and always calls
 * event.completed(): a handler that never completes leaves Excel's ribbon
 * button spinning.
 */
import { appStore, type AppStore } from '../app';
import { COMMAND_IDS, type CommandId } from './registry';

type Handler = (event: Office.AddinCommands.Event) => Promise<void>;

function actionFor(store: AppStore, id: CommandId): () => Promise<void> {
  switch (id) {
    case 'validateStructure':
      return store.validateStructure;
    case 'computeDeviations':
      return store.computeDeviations;
    case 'validateSums':
      return store.validateSums;
    case 'createVerksamhetsrapport':
      return () => store.createReport('verksamhetsrapport');
    case 'createFoljetal':
      return () => store.createReport('foljetal');
  }
}

export function commandHandler(store: AppStore, id: CommandId): Handler {
  const action = actionFor(store, id);
  return async (event) => {
    try {
      try {
        await Office.addin.showAsTaskpane();
      } catch {
        // An older host without the shared-runtime API: the command still runs, its result waits in the pane.
      }
      // App actions never throw; the guard is for a store replaced in a test or a future one that does.
      await action();
    } catch {
      // Nothing to tell the user here that the store has not already put in its message.
    } finally {
      try {
        event.completed();
      } catch {
        // completed() on a finished event throws in some hosts; there is nothing left to do.
      }
    }
  };
}

export function registerCommands(store: AppStore = appStore): void {
  for (const id of COMMAND_IDS) {
    Office.actions.associate(id, commandHandler(store, id));
  }
}
