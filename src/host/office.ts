/** The members of the Office namespace the add-in uses, backed by the simulated host. */

import type { ActionHandler, HostCore } from './context';

export const DEFAULT_SETS: Record<string, string> = { SharedRuntime: '1.1', ExcelApi: '1.14' };

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type Platform = 'PC' | 'Mac' | 'OfficeOnline';

export interface ReadyInfo {
  host: 'Excel';
  platform: Platform;
}

export interface SimulatedOffice {
  onReady(callback?: (info: ReadyInfo) => void): Promise<ReadyInfo>;
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
  context: {
    host: 'Excel';
    platform: Platform;
    displayLanguage: string;
    contentLanguage: string;
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
  };
  actions: { associate(id: string, handler: ActionHandler): void };
  addin: { showAsTaskpane(): Promise<void>; hide(): Promise<void> };
}

export function createOffice(host: HostCore): SimulatedOffice {
  const sets = host.options.supportedSets ?? DEFAULT_SETS;
  const platform: Platform = host.options.platform ?? 'OfficeOnline';
  const info: ReadyInfo = { host: 'Excel', platform };
  return {
    onReady(callback) {
      callback?.(info);
      return Promise.resolve(info);
    },
    HostType: {
      Excel: 'Excel',
      Word: 'Word',
      PowerPoint: 'PowerPoint',
      Outlook: 'Outlook',
      OneNote: 'OneNote',
      Project: 'Project',
      Access: 'Access',
    },
    PlatformType: {
      PC: 'PC',
      OfficeOnline: 'OfficeOnline',
      Mac: 'Mac',
      iOS: 'iOS',
      Android: 'Android',
      Universal: 'Universal',
    },
    context: {
      host: 'Excel',
      platform,
      displayLanguage: host.culture,
      contentLanguage: host.culture,
      requirements: {
        isSetSupported(name, minVersion) {
          const supported = Object.entries(sets).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
          if (supported === undefined) return false;
          if (minVersion === undefined) return true;
          return compareVersions(supported, String(minVersion)) >= 0;
        },
      },
    },
    actions: {
      associate(id, handler) {
        host.state.actions.set(id, handler);
      },
    },
    addin: {
      showAsTaskpane() {
        host.state.taskpaneVisible = true;
        host.options.onShowTaskpane?.();
        return Promise.resolve();
      },
      hide() {
        host.state.taskpaneVisible = false;
        host.options.onHideTaskpane?.();
        return Promise.resolve();
      },
    },
  };
}

/**
 * Runs a ribbon command's handler the way Office does: with an event whose
 * completed() ends the command. Resolves when completed() is called; rejects
 * when no handler is associated or the handler throws.
 */
export function invokeAction(host: HostCore, id: string): Promise<void> {
  const handler = host.state.actions.get(id);
  if (!handler) return Promise.reject(new Error(`No handler is associated with the action '${id}'.`));
  return new Promise<void>((resolve, reject) => {
    const event = { completed: () => resolve(), source: { id } };
    try {
      const result = handler(event);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<unknown>).then(undefined, reject);
      }
    } catch (e) {
      reject(e);
    }
  });
}
