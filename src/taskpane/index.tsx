/**
 * Task-pane entry. Decides where it runs (real Excel, the workbench, or a
 * plain browser), hands the gateway its runtime, registers the ribbon
 * handlers (shared runtime: at load, before anything else is fetched) and
 * renders the UI. The Office.js gateway and the core are not in this chunk:
 * they load right after the first paint, the core into a Web Worker.
 */
import { createRoot } from 'react-dom/client';
import { setRuntime } from '../excel/runtime';
import { registerCommands } from '../commands/commands';
import { appStore, loadGateway, setCoreFactory } from '../app';
import { App } from './App';
import { Unsupported } from './components/Unsupported';
import { detectEnvironment, statusBarText, workbenchBridge, type WorkbenchBridge } from './bootstrap.logic';

/**
 * How long to wait before showing the "open in Excel" notice. Excel on the web can take
 * several seconds on a cold start, so the notice is only shown, never final: if office.js
 * reports Excel later, the add-in starts anyway.
 */
const NOTICE_AFTER_MS = 8000;
/** In the workbench office.js reports "no host" quickly; do not wait long there. */
const WORKBENCH_READY_TIMEOUT_MS = 1500;

type OfficeInfo = { host: string | null };

function officeReady(timeoutMs?: number): Promise<OfficeInfo> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return Promise.resolve({ host: null });
  return new Promise((resolve) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => resolve({ host: null }), timeoutMs);
    office
      .onReady((info) => {
        clearTimeout(timer);
        resolve({ host: info.host ? String(info.host) : null });
      })
      .catch(() => {
        clearTimeout(timer);
        resolve({ host: null });
      });
  });
}

function globals(): { Excel: unknown; Office: unknown } {
  const g = globalThis as unknown as { Excel: unknown; Office: unknown };
  return { Excel: g.Excel, Office: g.Office };
}

/** Mirrors the pane's state into the workbench's status bar. */
function reportToWorkbench(bridge: WorkbenchBridge): void {
  const status = bridge.status;
  if (!status) return;
  let last: string | undefined;
  appStore.subscribe(() => {
    const text = statusBarText(appStore.getState());
    if (text !== undefined && text !== last) {
      last = text;
      status.call(bridge, text);
    }
  });
}

async function start(): Promise<void> {
  const rootElement = document.getElementById('root');
  if (!rootElement) return;
  const root = createRoot(rootElement);
  const bridge = workbenchBridge(window);
  const notice = bridge ? undefined : setTimeout(() => root.render(<Unsupported />), NOTICE_AFTER_MS);
  const info = await officeReady(bridge ? WORKBENCH_READY_TIMEOUT_MS : undefined);
  clearTimeout(notice);
  const env = detectEnvironment(info.host, Boolean(bridge));
  if (env === 'unsupported') {
    root.render(<Unsupported />);
    return;
  }
  if (env === 'workbench' && bridge) {
    await bridge.install(window);
    reportToWorkbench(bridge);
  }
  setRuntime(globals() as Parameters<typeof setRuntime>[0]);
  setCoreFactory(() =>
    import(/* webpackChunkName: "core-client" */ './core/workerCore').then((m) => m.createWorkerCore()),
  );
  registerCommands(appStore);
  root.render(<App store={appStore} />);
  // After the first paint: fetch the gateway (and, through the first refresh, the core) and read the sheet.
  afterFirstPaint(() => {
    void loadGateway().catch(() => undefined);
    void appStore.refresh();
  });
}

/**
 * Runs `fn` once the browser has painted (a frame, then a task), or after
 * 100 ms: a pane loaded hidden (the shared runtime starts with the document)
 * gets no animation frames, and must not wait for one.
 */
function afterFirstPaint(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

void start();
