/**
 * How the task pane decides where it runs, and what it tells the workbench.
 * Pure, so it is tested without a browser: real Excel, the workbench's
 * simulated Excel in a parent frame, or a plain browser tab where the add-in
 * cannot work.
 */
import { COMMAND_LABELS, type AppState } from '../app';

export type Environment = 'excel' | 'workbench' | 'unsupported';

export interface WorkbenchBridge {
  install(win: Window): unknown;
  /** The workbench's status bar (optional: an older workbench has none). */
  status?(text: string): void;
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

/**
 * The line the workbench's status bar shows for the pane's state, as Excel
 * shows a command's state in its own status bar: what runs and how far it
 * has come, then what the last command said. Undefined: nothing to say.
 */
export function statusBarText(state: AppState): string | undefined {
  const a = state.activity;
  // Going to a cell and re-reading the sheet on focus are instant and say nothing of their own.
  if (a && (a.command === 'selectFinding' || a.command === 'refresh')) return undefined;
  if (state.busy && a) return `${COMMAND_LABELS[a.command]}: ${a.text}`;
  const from = state.message?.from;
  if (state.message && from && from !== 'refresh' && from !== 'selectFinding')
    return `${COMMAND_LABELS[from]} är klar. ${state.message.text}`;
  if (state.message && state.status === 'error') return state.message.text;
  return undefined;
}
