/**
 * The workbench: a simulated Excel window with the real task pane in an
 * iframe. The task pane finds `window.parent.budgetkollWorkbench` and asks it
 * to install the simulated host into its own window, so the add-in code runs
 * unchanged against the simulation.
 */
import { createRoot } from 'react-dom/client';
import { buildSampleWorkbook } from '../sample';
import { readXlsx, writeXlsx } from '../xlsx';
import type { Selection } from '../host/context';
import type { WorkbookModel } from '../workbook/model';
import { HostBridge } from './hostBridge';
import { Workbench } from './Workbench';
import { WORKBENCH_CSS } from './styles';

export interface WorkbenchApi {
  install(win: Window): unknown;
  readonly model: WorkbookModel;
  invokeAction(id: string): Promise<void>;
  readonly stats: unknown;
  readonly selection: Selection | null;
  /** Resolves once the task pane has installed the host (tests wait for it). */
  whenInstalled(): Promise<void>;
  /** How many times a task pane installed the host (a reopened workbook reloads the pane). */
  readonly installs: number;
  /** The task pane reports what its command does; the status bar shows it, as Excel's does. */
  status(text: string): void;
  /** What the status bar shows now (tests read it). */
  readonly statusText: string;
}

declare global {
  interface Window {
    budgetkollWorkbench?: WorkbenchApi;
  }
}

const ACTION_LABELS: Record<string, string> = {
  validateStructure: 'Validera struktur',
  computeDeviations: 'Beräkna avvikelser',
  validateSums: 'Validera summor',
  createVerksamhetsrapport: 'Skapa verksamhetsrapport',
  createFoljetal: 'Skapa följetal',
};

function main(): void {
  const style = document.createElement('style');
  style.textContent = WORKBENCH_CSS;
  document.head.appendChild(style);

  const container = document.getElementById('workbench');
  if (!container) return;
  const root = createRoot(container);

  let version = 0;
  let taskpaneVisible = true;
  let fileName = 'Exempel – Ekerö augusti 2024.xlsx';
  let status = 'Exempelarbetsboken är öppen. Åtgärdsfönstret startar …';
  let frameKey = 0;
  let installedWaiters: (() => void)[] = [];
  let installs = 0;

  const bridge: HostBridge = new HostBridge(buildSampleWorkbook(), {
    onChange: () => rerender(),
    onSelect: () => rerender(),
    onShowTaskpane: () => {
      taskpaneVisible = true;
      rerender(false);
    },
    onHideTaskpane: () => {
      taskpaneVisible = false;
      rerender(false);
    },
  });

  // A status line only: the grid (which can hold 20 000 rows) is not drawn again for it.
  const setStatus = (text: string) => {
    status = text;
    rerender(false);
  };

  const runAction = async (id: string) => {
    if (!bridge.installed) {
      setStatus('Åtgärdsfönstret har inte startat ännu. Försök igen om en stund.');
      return;
    }
    setStatus(`${ACTION_LABELS[id] ?? id} körs …`);
    try {
      await bridge.invokeAction(id);
      setStatus(`${ACTION_LABELS[id] ?? id} är klar. Resultatet visas i åtgärdsfönstret.`);
    } catch (e) {
      setStatus(`${ACTION_LABELS[id] ?? id} misslyckades: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const openFile = async (file: File) => {
    setStatus(`Öppnar ${file.name} …`);
    try {
      const model = await readXlsx(await file.arrayBuffer());
      bridge.replaceModel(model);
      fileName = file.name;
      frameKey += 1; // A fresh task pane installs a host over the new workbook.
      setStatus(`${file.name} är öppnad.`);
    } catch (e) {
      setStatus(`Kunde inte öppna ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const save = async () => {
    try {
      const bytes = await writeXlsx(bridge.model);
      const blob = new Blob([bytes as BlobPart], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(`${a.download} är sparad.`);
    } catch (e) {
      setStatus(`Kunde inte spara: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // One function for the page's life: the memoized grid keeps it as a prop.
  const selectCell = (sheet: string, address: string) => {
    bridge.select({ sheet, address });
    rerender();
  };

  /** Draws the page again; `modelChanged` false when only the status bar or the pane's visibility changed. */
  function rerender(modelChanged = true): void {
    if (modelChanged) version += 1;
    root.render(
      <Workbench
        bridge={bridge}
        version={version}
        taskpaneVisible={taskpaneVisible}
        fileName={fileName}
        status={status}
        frameKey={frameKey}
        onRibbon={(id) => {
          if (id === 'show') {
            taskpaneVisible = true;
            rerender(false);
          } else void runAction(id);
        }}
        onOpenFile={(f) => void openFile(f)}
        onSave={() => void save()}
        onSelect={selectCell}
        onActivate={(sheet) => {
          bridge.activate(sheet);
          rerender();
        }}
        onCloseTaskpane={() => {
          taskpaneVisible = false;
          rerender(false);
        }}
      />,
    );
  }

  window.budgetkollWorkbench = {
    install(win: Window) {
      const host = bridge.install(win);
      installs += 1;
      status = 'Budgetkoll är redo.';
      const waiters = installedWaiters;
      installedWaiters = [];
      for (const w of waiters) w();
      rerender();
      return host;
    },
    get model() {
      return bridge.model;
    },
    invokeAction: (id: string) => bridge.invokeAction(id),
    get stats() {
      return bridge.stats;
    },
    get selection() {
      return bridge.selection;
    },
    get installs() {
      return installs;
    },
    status(text: string) {
      setStatus(text);
    },
    get statusText() {
      return status;
    },
    whenInstalled() {
      return bridge.installed
        ? Promise.resolve()
        : new Promise<void>((resolve) => installedWaiters.push(resolve));
    },
  };

  rerender();
}

main();
