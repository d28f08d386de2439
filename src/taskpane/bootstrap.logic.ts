/**
 * How the task pane decides where it runs. Pure, so it is tested without a
 * browser: real Excel, the workbench's simulated Excel in a parent frame, or
 * a plain browser tab where the add-in cannot work.
 */
export type Environment = 'excel' | 'workbench' | 'unsupported';

export interface WorkbenchBridge {
  install(win: Window): unknown;
}

export function workbenchBridge(win: Window): WorkbenchBridge | undefined {
  try {
    if (win.parent === win) return undefined;
    const bridge = (win.parent as unknown as { budgetkollWorkbench?: Partial<WorkbenchBridge> })
      .budgetkollWorkbench;
    return bridge && typeof bridge.install === 'function' ? (bridge as WorkbenchBridge) : undefined;
  } catch {
    // A cross-origin parent (Excel on the web) throws on access: that is not the workbench.
    return undefined;
  }
}

export function detectEnvironment(host: string | null | undefined, hasBridge: boolean): Environment {
  if (host === 'Excel') return 'excel';
  if (!host && hasBridge) return 'workbench';
  return 'unsupported';
}
