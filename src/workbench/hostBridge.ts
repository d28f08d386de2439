/**
 * The workbench's one contact with the simulated host (src/host): install it
 * into the task-pane frame, run ribbon actions, and keep track of the
 * workbook the host currently holds (a successful batch replaces it).
 */
import { installSimulatedHost, type SimulatedHost } from '../host';
import type { Selection } from '../host/context';
import { sheetPrefix } from '../host/address';
import type { WorkbookModel } from '../workbook/model';

export interface BridgeEvents {
  onChange(): void;
  onSelect(selection: Selection): void;
  onShowTaskpane(): void;
  onHideTaskpane(): void;
}

type InstalledHost = SimulatedHost;

export class HostBridge {
  private host: InstalledHost | undefined;
  private initial: WorkbookModel;

  constructor(
    model: WorkbookModel,
    private readonly events: BridgeEvents,
  ) {
    this.initial = model;
  }

  /** Called by the task-pane frame once its office.js is ready. */
  install(win: Window): InstalledHost {
    const target = win as unknown as Record<string, unknown>;
    // office.js defines some Office members (context) as non-configurable; give the host a plain
    // copy of the namespace to put its members on, keeping office.js's other members.
    const office = target.Office;
    if (office && typeof office === 'object') {
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(office)) {
        try {
          copy[key] = (office as Record<string, unknown>)[key];
        } catch {
          // An accessor that throws outside Office: leave it out.
        }
      }
      target.Office = copy;
    }
    this.host = installSimulatedHost(target, this.initial, {
      onChange: () => this.events.onChange(),
      onSelect: (s) => this.events.onSelect(s),
      onShowTaskpane: () => this.events.onShowTaskpane(),
      onHideTaskpane: () => this.events.onHideTaskpane(),
    });
    this.events.onChange();
    return this.host;
  }

  get installed(): boolean {
    return this.host !== undefined;
  }

  /** The workbook. The host keeps the object and swaps its contents after each successful batch. */
  get model(): WorkbookModel {
    return this.initial;
  }

  /** Replaces the workbook; the task pane must be reloaded to install a host over it. */
  replaceModel(model: WorkbookModel): void {
    this.initial = model;
    this.host = undefined;
  }

  get stats(): unknown {
    return this.host?.stats;
  }

  get selection(): Selection | null {
    return this.host?.state.selection ?? this.pending;
  }

  private pending: Selection | null = null;

  /** A click in the grid: Excel's selection moves there (and its sheet becomes active). */
  select(selection: Selection): void {
    this.initial.activeSheet = selection.sheet;
    // The host keeps addresses sheet-qualified, as Range.address reports them.
    if (!selection.address.includes('!')) {
      selection = { sheet: selection.sheet, address: `${sheetPrefix(selection.sheet)}!${selection.address}` };
    }
    if (this.host) this.host.state.selection = selection;
    else this.pending = selection;
  }

  activate(sheet: string): void {
    this.initial.activeSheet = sheet;
  }

  async invokeAction(id: string): Promise<void> {
    if (!this.host) throw new Error('Åtgärdsfönstret har inte startat ännu.');
    await this.host.invokeAction(id);
  }
}
