import { useSyncExternalStore } from 'react';
import type { AppState, AppStore } from '../app';

export function useAppState(store: AppStore): AppState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
