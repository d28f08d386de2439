/**
 * The one application store of the add-in. The task pane renders it and the
 * ribbon handlers call its actions; both live in the shared runtime.
 */
import { coreApi } from './coreApi';
import { excelGateway } from './excelGateway';
import { createAppStore } from './store';

export const appStore = createAppStore({ gateway: excelGateway, core: () => coreApi });

export type { AppState, AppStore, AppMessage, LastCommand } from './store';
export { createAppStore, initialState } from './store';
