/**
 * The application store shared by the task pane and the ribbon handlers (the
 * shared runtime runs both in one JS context). It is a plain observable —
 * `subscribe` + `getState` fit React's useSyncExternalStore — and every
 * action catches everything: a failure becomes a Swedish message in state,
 * never an exception the user sees.
 */
import type { Finding, ColumnRole, ForecastMethod, Settings } from '../core/schemas';
import { DEFAULT_SETTINGS } from '../core/schemas';
import { withRoleOverride, type ColumnIdentity } from '../core/settings';
import { isEmptyPlan } from '../core/plan';
import { STORE_SHEET, type StoredData } from '../core/store';
import type { Grid } from '../core/grid';
import type { AppGateway, CoreApi, SheetRead, SheetResult } from './ports';
import {
  deviationSummaryText,
  errorText,
  highlightTargets,
  structureSummary,
  sumsSummaryText,
  textNumberCells,
} from './findings.logic';
import { isValidPeriod, ROLE_LABELS } from './labels.logic';

export type MessageIntent = 'success' | 'info' | 'warning' | 'error';

export interface AppMessage {
  intent: MessageIntent;
  text: string;
}

export type LastCommand =
  'validateStructure' | 'computeDeviations' | 'validateSums' | 'convertTextNumbers' | 'undo';

export interface AppState {
  /** idle: nothing run yet; busy: an action runs; ready: the last action succeeded; error: it failed. */
  status: 'idle' | 'busy' | 'ready' | 'error';
  busy: boolean;
  /** Swedish description of what runs right now, for the progress bar. */
  progress?: string;
  activeSheet?: string;
  sheetNames: string[];
  /** Latest structure analysis per sheet. */
  analyses: Record<string, SheetResult>;
  /** Findings of the latest check, all sheets it covered. */
  findings: Finding[];
  /** Which command produced `findings`; undefined before the first check. */
  findingsFrom?: LastCommand;
  lastCommand?: LastCommand;
  lastCommandSummary?: string;
  settings: Settings;
  /** Description of the newest journal entry, i.e. what "Ångra senaste" would undo. */
  journalHead?: string;
  highlighted: boolean;
  message?: AppMessage;
  /** Swedish error text of the last failed action. */
  error?: string;
}

export interface AppActions {
  /** Re-reads the active sheet's structure. `quiet`: no busy state and no message, failures ignored (used on focus). */
  refresh(options?: { quiet?: boolean }): Promise<void>;
  validateStructure(): Promise<void>;
  computeDeviations(): Promise<void>;
  validateSums(): Promise<void>;
  convertTextNumbers(cells?: string[], sheet?: string): Promise<void>;
  undoLast(): Promise<void>;
  highlightFindings(): Promise<void>;
  clearHighlights(): Promise<void>;
  selectFinding(f: Finding): Promise<void>;
  /** Sets a column's role (undefined: back to automatic), stored against the table's and column's keys. */
  setRole(column: ColumnIdentity, role: ColumnRole | undefined): Promise<void>;
  setForecastMethod(method: ForecastMethod): Promise<void>;
  setOverwrite(overwrite: boolean): Promise<void>;
  setPeriod(period: string | undefined): Promise<void>;
  dismissMessage(): void;
}

export interface AppStore extends AppActions {
  getState(): AppState;
  subscribe(listener: () => void): () => void;
}

export function initialState(): AppState {
  return {
    status: 'idle',
    busy: false,
    sheetNames: [],
    analyses: {},
    findings: [],
    settings: { ...DEFAULT_SETTINGS },
    highlighted: false,
  };
}

function journalHeadOf(store: StoredData): string | undefined {
  return store.journal[store.journal.length - 1]?.description;
}

function visibleSheets(names: readonly string[]): string[] {
  return names.filter((n) => n !== STORE_SHEET);
}

/** Thrown inside an action to end it with a message that is not an error of the program. */
class UserStop extends Error {
  constructor(
    readonly text: string,
    readonly intent: MessageIntent = 'warning',
  ) {
    super(text);
  }
}

export function createAppStore(deps: { gateway: () => AppGateway; core: () => CoreApi }): AppStore {
  let state = initialState();
  const listeners = new Set<() => void>();
  /** Actions run one at a time: a ribbon click during a task-pane action waits its turn. */
  let queue: Promise<void> = Promise.resolve();

  const set = (patch: Partial<AppState>) => {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l();
  };

  /** Takes in what a read tells about the workbook: sheets, settings, undo head. */
  const absorb = (read: SheetRead) => {
    set({
      activeSheet: read.activeSheet,
      sheetNames: visibleSheets(read.sheetNames),
      settings: read.store.settings,
      journalHead: journalHeadOf(read.store),
    });
  };

  const analyze = (grid: Grid): SheetResult => {
    const result = deps.core().analyzeSheet(grid, state.settings);
    set({ analyses: { ...state.analyses, [result.sheet]: result } });
    return result;
  };

  /**
   * Runs one action: marks busy, serializes, and turns every failure into a
   * message. `ctx.changed` is set by the action once it has written to the
   * workbook, so an error after that point says so.
   */
  const run = (progress: string, body: (ctx: { changed: boolean }) => Promise<void>): Promise<void> => {
    const task = async () => {
      const ctx = { changed: false };
      set({ busy: true, status: 'busy', progress, error: undefined });
      try {
        await body(ctx);
        set({ busy: false, status: 'ready', progress: undefined });
      } catch (e) {
        if (e instanceof UserStop) {
          set({
            busy: false,
            status: 'ready',
            progress: undefined,
            message: { intent: e.intent, text: e.text },
          });
        } else {
          const text = errorText(e, ctx.changed);
          set({
            busy: false,
            status: 'error',
            progress: undefined,
            error: text,
            message: { intent: 'error', text },
          });
        }
      }
    };
    const next = queue.then(task, task);
    queue = next;
    return next;
  };

  const gateway = () => deps.gateway();

  const validateStructureOn = async (sheet?: string) => {
    const read = await gateway().readSheet(sheet);
    absorb(read);
    const result = analyze(read.grid);
    const summary = structureSummary(result.sheet, result.tables, result.findings);
    set({
      findings: result.findings,
      findingsFrom: 'validateStructure',
      lastCommand: 'validateStructure',
      lastCommandSummary: summary,
      message: {
        intent: result.findings.some((f) => f.severity === 'error') ? 'warning' : 'success',
        text: summary,
      },
    });
  };

  const saveSettings = async (settings: Settings) => {
    await gateway().saveSettings(settings);
    set({ settings });
  };

  const actions: AppActions = {
    refresh: (options) => {
      const body = async () => {
        const read = await gateway().readSheet();
        absorb(read);
        analyze(read.grid);
      };
      if (!options?.quiet) return run('Läser bladet …', body);
      const task = () => body().catch(() => undefined);
      const next = queue.then(task, task);
      queue = next;
      return next;
    },

    validateStructure: () => run('Validerar strukturen …', () => validateStructureOn()),

    computeDeviations: () =>
      run('Beräknar avvikelser …', async (ctx) => {
        const read = await gateway().readSheet();
        absorb(read);
        const sheet = read.grid.sheet;
        const result = deps.core().computeDeviations(read.grid, state.settings);
        let written = 0;
        if (!isEmptyPlan(result.plan)) {
          ctx.changed = true;
          const applied = await gateway().applyPlan(result.plan, read.grid, {
            command: 'computeDeviations',
            description: `Beräkna avvikelser på bladet ${sheet}`,
          });
          written = applied.written;
        }
        const summary = deviationSummaryText(sheet, result.summary, written);
        set({
          findings: result.findings,
          findingsFrom: 'computeDeviations',
          lastCommand: 'computeDeviations',
          lastCommandSummary: summary,
          message: {
            intent: result.findings.some((f) => f.severity === 'error') ? 'warning' : 'success',
            text: summary,
          },
        });
        if (written > 0 || result.summary.insertedColumns.length > 0) {
          // The sheet changed: re-read so the structure and the undo head show the new state.
          const after = await gateway().readSheet(sheet);
          absorb(after);
          analyze(after.grid);
        }
      }),

    validateSums: () =>
      run('Kontrollerar summor …', async () => {
        const first = await gateway().readSheet();
        absorb(first);
        const names = visibleSheets(first.sheetNames);
        let grids: Grid[];
        const gw = gateway();
        if (gw.readSheets) {
          grids = await gw.readSheets(names);
        } else {
          grids = [];
          for (const name of names) {
            set({ progress: `Kontrollerar summor … (läser ${name})` });
            grids.push(name === first.grid.sheet ? first.grid : (await gw.readSheet(name)).grid);
          }
        }
        const results = deps.core().validateSums(grids, state.settings);
        const analyses = { ...state.analyses };
        for (const r of results) analyses[r.sheet] = r;
        const findings = results.flatMap((r) => r.findings);
        const summary = sumsSummaryText(results.length, findings);
        set({
          analyses,
          findings,
          findingsFrom: 'validateSums',
          lastCommand: 'validateSums',
          lastCommandSummary: summary,
          message: {
            intent: findings.some((f) => f.severity === 'error') ? 'warning' : 'success',
            text: summary,
          },
        });
      }),

    convertTextNumbers: (cells, sheet) =>
      run('Konverterar text till tal …', async (ctx) => {
        const target = sheet ?? state.activeSheet;
        const read = await gateway().readSheet(target);
        absorb(read);
        const name = read.grid.sheet;
        const list = cells && cells.length ? cells : textNumberCells(state.findings, name);
        if (list.length === 0)
          throw new UserStop('Det finns inga tal lagrade som text att konvertera.', 'info');
        const plan = deps.core().textNumberFixPlan(read.grid, list);
        if (isEmptyPlan(plan))
          throw new UserStop('Cellerna innehåller redan tal; inget behövde ändras.', 'info');
        ctx.changed = true;
        const n = list.length;
        const description = `Konvertera ${n === 1 ? `${list[0]}` : `${n} celler`} till tal på bladet ${name}`;
        const applied = await gateway().applyPlan(plan, read.grid, {
          command: 'convertTextNumbers',
          description,
        });
        const after = await gateway().readSheet(name);
        absorb(after);
        const result = analyze(after.grid);
        // Keep findings of other sheets; replace this sheet's with the fresh analysis when it was a structure check.
        const others = state.findings.filter((f) => f.sheet !== name);
        const mine =
          state.findingsFrom === 'validateStructure' || state.findingsFrom === undefined
            ? result.findings
            : state.findings.filter(
                (f) => f.sheet === name && !(f.fix === 'convert_text_numbers' && list.includes(f.cell)),
              );
        const text = `${applied.written === 1 ? '1 cell' : `${applied.written} celler`} konverterades till tal på bladet ${name}.`;
        set({
          findings: [...others, ...mine],
          lastCommand: 'convertTextNumbers',
          lastCommandSummary: text,
          message: { intent: 'success', text },
        });
      }),

    undoLast: () =>
      run('Ångrar …', async (ctx) => {
        ctx.changed = true;
        const undone = await gateway().undoLast();
        if (!undone) {
          ctx.changed = false;
          throw new UserStop('Det finns inget att ångra.', 'info');
        }
        const read = await gateway().readSheet();
        absorb(read);
        const result = analyze(read.grid);
        const text = `Ångrade: ${undone.description}.`;
        set({
          findings: state.findingsFrom === 'validateStructure' ? result.findings : state.findings,
          lastCommand: 'undo',
          lastCommandSummary: text,
          message: { intent: 'success', text },
        });
      }),

    highlightFindings: () =>
      run('Markerar i bladet …', async () => {
        const targets = highlightTargets(state.findings);
        if (targets.size === 0) throw new UserStop('Det finns inga fel eller varningar att markera.', 'info');
        let n = 0;
        for (const [sheet, cells] of targets) {
          await gateway().highlightCells(sheet, cells);
          n += cells.length;
        }
        set({
          highlighted: true,
          message: {
            intent: 'info',
            text: `${n === 1 ? '1 cell' : `${n} celler`} markerades i arbetsboken.`,
          },
        });
      }),

    clearHighlights: () =>
      run('Rensar markeringar …', async () => {
        await gateway().clearHighlights();
        set({ highlighted: false, message: { intent: 'info', text: 'Markeringarna är borttagna.' } });
      }),

    selectFinding: (f) =>
      run('Markerar cellen …', async () => {
        await gateway().selectCell(f.sheet, f.cell);
      }),

    setRole: (id, role) =>
      run('Sparar kolumnens roll …', async () => {
        const { sheet, letter: column } = id;
        await saveSettings(withRoleOverride(state.settings, id, role));
        const read = await gateway().readSheet(sheet);
        absorb(read);
        const result = analyze(read.grid);
        const text = role
          ? `Kolumn ${column} på bladet ${sheet} räknas nu som ${ROLE_LABELS[role].toLowerCase()}. Inställningen sparas i arbetsboken.`
          : `Kolumn ${column} på bladet ${sheet} tolkas åter automatiskt.`;
        set({
          findings:
            state.findingsFrom === 'validateStructure'
              ? [...state.findings.filter((f) => f.sheet !== sheet), ...result.findings]
              : state.findings,
          message: { intent: 'success', text },
        });
      }),

    setForecastMethod: (method) =>
      run('Sparar inställning …', async () => {
        await saveSettings({ ...state.settings, forecastMethod: method });
      }),

    setOverwrite: (overwrite) =>
      run('Sparar inställning …', async () => {
        await saveSettings({ ...state.settings, overwriteForecasts: overwrite });
      }),

    setPeriod: (period) =>
      run('Sparar inställning …', async () => {
        const text = (period ?? '').trim();
        if (!isValidPeriod(text)) {
          throw new UserStop(
            'Ange perioden som ÅÅÅÅ-MM, till exempel 2024-08, eller lämna fältet tomt.',
            'warning',
          );
        }
        const next: Settings = { ...state.settings };
        if (text) next.period = text;
        else delete next.period;
        await saveSettings(next);
      }),

    dismissMessage: () => set({ message: undefined }),
  };

  return {
    ...actions,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
