/**
 * The application store shared by the task pane and the ribbon handlers (the
 * shared runtime runs both in one JS context). It is a plain observable —
 * `subscribe` + `getState` fit React's useSyncExternalStore — and every
 * action catches everything: a failure becomes a Swedish message in state,
 * never an exception the user sees.
 *
 * Trust rules it keeps:
 *  - Results never go stale silently: after any write (Konvertera till tal,
 *    Beräkna avvikelser, Ångra, a changed role) the check on screen is run
 *    again on the sheet as it is now; a change made outside Budgetkoll,
 *    noticed when the pane gets focus, marks the results out of date with
 *    one click to check again.
 *  - "Ångra senaste" and its tooltip say what the next undo does: the store
 *    mirrors the journal's heads (what a read told, then what each command
 *    added or removed), and one "Markera i bladet" is one undo step.
 *
 * The gateway and the core are loaded on first use (after the pane's first
 * paint); the core runs in a Web Worker in the task pane.
 */
import type { Finding, ColumnRole, ForecastMethod, Settings } from '../core/schemas';
import type { Grid } from '../core/grid';
import type { CommandName } from '../core/plan';
import type { StoredData } from '../core/store';
import { withRoleOverride, type ColumnIdentity } from '../core/settings';
import { isEmptyPlan } from '../core/plan';
import { DEFAULT_SETTINGS, STORE_SHEET } from './defaults';
import { gridFingerprint } from './fingerprint';
import type { AppGateway, CoreApi, ProgressListener, SheetExtent, SheetRead, SheetResult } from './ports';
import {
  deviationSummaryText,
  errorText,
  highlightTargets,
  structureSummary,
  sumsSummaryText,
  textNumberCells,
} from './findings.logic';
import { formatInteger, plural, ROLE_LABELS } from './labels.logic';
import { parsePeriodInput } from './period.logic';
import { fromStored, nextUndo, undoSteps, withoutHighlights, type JournalHead } from './journal.logic';
import type { DraftText } from '../core/report/sheetPlan';
import type { ReportType } from './ports';
import { noReportText, reportCreatedText, reportDescription, replaceQuestion } from './report.logic';

export type MessageIntent = 'success' | 'info' | 'warning' | 'error';

export interface AppMessage {
  intent: MessageIntent;
  text: string;
  /** The command whose outcome this is. */
  from?: CommandKey;
}

/** The checks whose findings the results list shows. */
export type CheckKind = 'structure' | 'sums' | 'deviations';

export type CommandKey =
  | 'refresh'
  | 'validateStructure'
  | 'computeDeviations'
  | 'validateSums'
  | 'convertTextNumbers'
  | 'undo'
  | 'highlight'
  | 'clearHighlights'
  | 'selectFinding'
  | 'settings'
  | 'createVerksamhetsrapport'
  | 'createFoljetal';

/** What the user calls each command (progress text, workbench status bar). */
export const COMMAND_LABELS: Record<CommandKey, string> = {
  refresh: 'Läser bladet',
  validateStructure: 'Validera struktur',
  computeDeviations: 'Beräkna avvikelser',
  validateSums: 'Validera summor',
  convertTextNumbers: 'Konvertera till tal',
  undo: 'Ångra senaste',
  highlight: 'Markera i bladet',
  clearHighlights: 'Rensa markeringar',
  selectFinding: 'Gå till cellen',
  settings: 'Spara inställning',
  createVerksamhetsrapport: 'Skapa verksamhetsrapport',
  createFoljetal: 'Skapa följetal',
};

const REPORT_COMMANDS: Record<ReportType, CommandKey> = {
  verksamhetsrapport: 'createVerksamhetsrapport',
  foljetal: 'createFoljetal',
};

/** The report the last Skapa command made: its sheets, the draft text (verksamhetsrapport) and findings. */
export interface ReportOutcome {
  type: ReportType;
  sheets: string[];
  draft?: DraftText;
  findings: Finding[];
  journalId?: string;
}

/** A report waiting for the user: it would replace generated sheets they edited. */
export interface PendingReport {
  type: ReportType;
  sheets: string[];
  question: string;
}

export interface Activity {
  command: CommandKey;
  /** What happens now, in Swedish: "Skriver 12 000 av 30 600 celler …". */
  text: string;
  /** Set while the gateway reports progress: the bar shows done / total. */
  done?: number;
  total?: number;
}

export interface CheckResults {
  kind: CheckKind;
  findings: Finding[];
  /** Sheets the check covered, in workbook order. */
  sheets: string[];
  /** Set when the results no longer describe the sheet: why, in Swedish. */
  stale?: string;
}

export interface AppState {
  /** idle: nothing run yet; busy: an action runs; ready: the last action succeeded; error: it failed. */
  status: 'idle' | 'busy' | 'ready' | 'error';
  busy: boolean;
  /** The running action and how far it has come. */
  activity?: Activity;
  activeSheet?: string;
  sheetNames: string[];
  /** Latest structure analysis per sheet. */
  analyses: Record<string, SheetResult>;
  /** The findings on screen and the check they came from; undefined before the first check. */
  results?: CheckResults;
  lastCommand?: CommandKey;
  settings: Settings;
  /** What "Ångra senaste" would undo now; undefined: nothing. */
  journalHead?: string;
  highlighted: boolean;
  message?: AppMessage;
  /** Swedish error text of the last failed action. */
  error?: string;
  report?: ReportOutcome;
  pendingReport?: PendingReport;
}

export interface AppActions {
  /** Re-reads the active sheet's structure. `quiet`: no busy state and no message, failures ignored (used on focus). */
  refresh(options?: { quiet?: boolean }): Promise<void>;
  validateStructure(): Promise<void>;
  computeDeviations(): Promise<void>;
  validateSums(): Promise<void>;
  /** Runs the check on screen again (the "Kontrollera igen" of out-of-date results). */
  recheck(): Promise<void>;
  convertTextNumbers(cells?: string[], sheet?: string): Promise<void>;
  undoLast(): Promise<void>;
  highlightFindings(): Promise<void>;
  clearHighlights(): Promise<void>;
  selectFinding(f: Finding): Promise<void>;
  /** Sets a column's role (undefined: back to automatic), stored against the table's and column's keys. */
  setRole(column: ColumnIdentity, role: ColumnRole | undefined): Promise<void>;
  setForecastMethod(method: ForecastMethod): Promise<void>;
  setOverwrite(overwrite: boolean): Promise<void>;
  /** Takes the period as the user wrote it ("aug 2024", "T2 2024", "2024-08", or empty for automatic). */
  setPeriod(period: string | undefined): Promise<void>;
  /** Skapa verksamhetsrapport / Skapa följetal; asks first (pendingReport) before replacing a sheet the user edited. */
  createReport(type: ReportType): Promise<void>;
  /** The answer to pendingReport: replace the edited sheets (true) or leave everything as it is. */
  answerReplace(replace: boolean): Promise<void>;
  dismissMessage(): void;
}

export interface AppStore extends AppActions {
  getState(): AppState;
  subscribe(listener: () => void): () => void;
}

export interface AppDeps {
  gateway: () => AppGateway | Promise<AppGateway>;
  core: () => CoreApi | Promise<CoreApi>;
  /** Lets the browser paint (progress) before the next step; default: a macrotask. */
  yieldToUi?: () => Promise<void>;
}

export function initialState(): AppState {
  return {
    status: 'idle',
    busy: false,
    sheetNames: [],
    analyses: {},
    settings: { ...DEFAULT_SETTINGS },
    highlighted: false,
  };
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

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createAppStore(deps: AppDeps): AppStore {
  let state = initialState();
  const listeners = new Set<() => void>();
  /** Actions run one at a time: a ribbon click during a task-pane action waits its turn. */
  let queue: Promise<void> = Promise.resolve();
  const yieldToUi = deps.yieldToUi ?? macrotask;

  /** The journal's entries, oldest first, as far as the store knows them. */
  let journal: JournalHead[] = [];
  let nextGroup = 1;
  /** Fingerprints of the sheets the results were computed from. */
  let resultPrints = new Map<string, string>();
  /** The grids Validera summor read, to run it again after a write to one of them. */
  let sumsGrids = new Map<string, Grid>();

  const set = (patch: Partial<AppState>) => {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l();
  };

  const setJournal = (next: JournalHead[]) => {
    journal = next;
    set({ journalHead: nextUndo(journal) });
  };

  /** Takes in what a read tells about the workbook: sheets, settings, and (when read) the journal. */
  /** The extent each sheet had at its last read, so the next read gets its data in the first sync. */
  const extents = new Map<string, SheetExtent>();
  const extentOptions = (sheet: string | undefined) => {
    const extent = extents.get((sheet ?? state.activeSheet ?? '').toLowerCase());
    return extent === undefined ? {} : { extent };
  };
  const absorb = (read: SheetRead) => {
    if (read.extent) extents.set(read.extent.sheet.toLowerCase(), read.extent);
    set({
      activeSheet: read.activeSheet,
      sheetNames: visibleSheets(read.sheetNames),
      settings: read.store.settings,
    });
    if (read.journalRead !== false) absorbJournal(read.store);
  };

  const absorbJournal = (store: StoredData) => setJournal(fromStored(store.journal, journal));

  const core = async () => deps.core();
  /** The language formulas are written in messages: Excel's display language, learnt from the gateway once. */
  let formulaLanguage: 'sv' | 'en' | undefined;
  const gateway = async () => {
    const g = await deps.gateway();
    if (formulaLanguage === undefined) {
      let lang: string | undefined;
      try {
        lang = g.displayLanguage?.();
      } catch {
        lang = undefined;
      }
      formulaLanguage = lang === undefined || /^sv/i.test(lang) ? 'sv' : 'en';
    }
    return g;
  };
  /** The stored settings, with how this user's Excel writes formulas (never saved with the workbook). */
  const coreSettings = async (): Promise<Settings> => ({
    ...state.settings,
    formulaLanguage: formulaLanguage ?? 'sv',
  });

  const analyze = async (grid: Grid): Promise<SheetResult> => {
    const result = await (await core()).analyzeSheet(grid, await coreSettings());
    set({ analyses: { ...state.analyses, [result.sheet]: result } });
    return result;
  };

  const progressText = (command: CommandKey, text: string) => {
    set({ activity: { command, text } });
  };

  /** A listener that shows the gateway's progress and lets the browser paint between chunks. */
  const progressFor =
    (command: CommandKey): ProgressListener =>
    async (p) => {
      const text =
        p.phase === 'write'
          ? `Skriver ${formatInteger(p.done)} av ${plural('cell', 'celler', p.total)} …`
          : `Läser rad ${formatInteger(p.done)} av ${formatInteger(p.total)} …`;
      set({ activity: { command, text, done: p.done, total: p.total } });
      await yieldToUi();
    };

  /**
   * Runs one action: marks busy, serializes, and turns every failure into a
   * message. `ctx.changed` is set by the action once it has written to the
   * workbook, so an error after that point says so.
   */
  const run = (
    command: CommandKey,
    text: string,
    body: (ctx: { changed: boolean }) => Promise<void>,
  ): Promise<void> => {
    const task = async () => {
      const ctx = { changed: false };
      const before = state.message;
      set({ busy: true, status: 'busy', activity: { command, text }, error: undefined });
      try {
        await yieldToUi();
        await body(ctx);
        const message =
          state.message && state.message !== before ? { ...state.message, from: command } : state.message;
        set({ busy: false, status: 'ready', activity: undefined, lastCommand: command, message });
      } catch (e) {
        if (e instanceof UserStop) {
          set({
            busy: false,
            status: 'ready',
            activity: undefined,
            lastCommand: command,
            message: { intent: e.intent, text: e.text, from: command },
          });
        } else {
          const message = errorText(e, ctx.changed);
          set({
            busy: false,
            status: 'error',
            activity: undefined,
            lastCommand: command,
            error: message,
            message: { intent: 'error', text: message, from: command },
          });
        }
      }
    };
    const next = queue.then(task, task);
    queue = next;
    return next;
  };

  const setResults = (results: CheckResults, grids: readonly Grid[]) => {
    resultPrints = new Map(grids.map((g) => [g.sheet, gridFingerprint(g)]));
    set({ results });
  };

  const intentOf = (findings: readonly Finding[]): MessageIntent =>
    findings.some((f) => f.severity === 'error' || f.severity === 'warning') ? 'warning' : 'success';

  /**
   * After a write to `grid.sheet`: runs the check on screen again with the
   * sheet as it is now, so no finding the write fixed (or caused) is shown
   * from before it. Other sheets of a sums check are unchanged by the write
   * and reused as read.
   */
  const recheckAfterWrite = async (grid: Grid, analysis: SheetResult): Promise<boolean> => {
    const results = state.results;
    if (!results || !results.sheets.includes(grid.sheet)) return false;
    const c = await core();
    const sheet = grid.sheet;
    if (results.kind === 'sums') {
      sumsGrids.set(sheet, grid);
      const grids = results.sheets.map((s) => sumsGrids.get(s)).filter((g): g is Grid => g !== undefined);
      const checked = await c.validateSums(grids, await coreSettings());
      const analyses = { ...state.analyses };
      for (const r of checked) analyses[r.sheet] = r;
      set({ analyses });
      setResults(
        { kind: 'sums', sheets: results.sheets, findings: checked.flatMap((r) => r.findings) },
        grids,
      );
      return true;
    }
    const fresh =
      results.kind === 'structure'
        ? analysis.findings
        : (await c.computeDeviations(grid, await coreSettings())).findings;
    const others = results.findings.filter((f) => f.sheet !== sheet);
    resultPrints.set(sheet, gridFingerprint(grid));
    set({ results: { ...results, findings: [...others, ...fresh], stale: undefined } });
    return true;
  };

  /** The sheet after our own write: the gateway's, when it built one, else read again. */
  const sheetAfterWrite = async (sheet: string, built?: Grid): Promise<Grid> => {
    if (built) return built;
    // What the read before the write learned of the sheet lets this read take data in its first sync.
    const after = await (await gateway()).readSheet(sheet, extentOptions(sheet));
    absorb(after);
    return after.grid;
  };

  const validateStructureNow = async () => {
    const read = await (await gateway()).readSheet(undefined, extentOptions(undefined));
    absorb(read);
    progressText('validateStructure', 'Analyserar tabellerna …');
    const result = await analyze(read.grid);
    setResults({ kind: 'structure', sheets: [result.sheet], findings: result.findings }, [read.grid]);
    set({
      message: {
        intent: intentOf(result.findings),
        text: structureSummary(result.sheet, result.tables, result.findings),
      },
    });
  };

  const validateSumsNow = async () => {
    const gw = await gateway();
    const onProgress = progressFor('validateSums');
    if (gw.readWorkbook) {
      progressText('validateSums', 'Läser arbetsboken …');
      const wb = await gw.readWorkbook({ onProgress });
      set({
        activeSheet: wb.activeSheet,
        sheetNames: visibleSheets(wb.sheetNames),
        settings: wb.store.settings,
      });
      absorbJournal(wb.store);
      await checkSums(wb.grids);
      return;
    }
    const first = await gw.readSheet(undefined, extentOptions(undefined));
    absorb(first);
    const names = visibleSheets(first.sheetNames);
    // The active sheet was just read: only the others are read again.
    const others = names.filter((n) => n !== first.grid.sheet);
    let read: Grid[];
    if (gw.readSheets) {
      progressText('validateSums', `Läser ${plural('blad', 'blad', names.length)} …`);
      read = others.length ? await gw.readSheets(others, { onProgress }) : [];
    } else {
      read = [];
      for (const name of others) {
        progressText('validateSums', `Läser bladet ${name} …`);
        read.push((await gw.readSheet(name, { journal: false, onProgress })).grid);
      }
    }
    const bySheet = new Map(read.map((g) => [g.sheet, g]));
    bySheet.set(first.grid.sheet, first.grid);
    await checkSums(names.map((n) => bySheet.get(n)).filter((g): g is Grid => g !== undefined));
  };

  const checkSums = async (grids: Grid[]) => {
    progressText('validateSums', `Kontrollerar summorna på ${plural('blad', 'blad', grids.length)} …`);
    const results = await (await core()).validateSums(grids, await coreSettings());
    const analyses = { ...state.analyses };
    for (const r of results) analyses[r.sheet] = r;
    const findings = results.flatMap((r) => r.findings);
    sumsGrids = new Map(grids.map((g) => [g.sheet, g]));
    set({ analyses });
    setResults({ kind: 'sums', sheets: grids.map((g) => g.sheet), findings }, grids);
    set({ message: { intent: intentOf(findings), text: sumsSummaryText(results.length, findings) } });
  };

  const computeDeviationsNow = async (ctx: { changed: boolean }) => {
    const gw = await gateway();
    const read = await gw.readSheet(undefined, extentOptions(undefined));
    absorb(read);
    const sheet = read.grid.sheet;
    progressText('computeDeviations', 'Beräknar avvikelser och prognoser …');
    const result = await (await core()).computeDeviations(read.grid, await coreSettings());
    let written = 0;
    let after = read.grid;
    if (!isEmptyPlan(result.plan)) {
      ctx.changed = true;
      const cells = result.plan.writes.length;
      progressText('computeDeviations', `Skriver ${plural('cell', 'celler', cells)} …`);
      const description = `Beräkna avvikelser på bladet ${sheet}`;
      const applied = await gw.applyPlan(
        result.plan,
        read.grid,
        { command: 'computeDeviations', description },
        { onProgress: progressFor('computeDeviations'), returnGrid: true },
      );
      written = applied.written;
      if (written > 0 || result.plan.inserts.length > 0) {
        pushJournal({ id: applied.journalId, command: 'computeDeviations', sheet, description });
        progressText('computeDeviations', 'Läser bladet efter skrivningen …');
        after = await sheetAfterWrite(sheet, applied.grid);
        await analyze(after);
      }
    }
    setResults({ kind: 'deviations', sheets: [sheet], findings: result.findings }, [after]);
    set({
      message: {
        intent: intentOf(result.findings),
        text: deviationSummaryText(sheet, result.summary, written),
      },
    });
  };

  const pushJournal = (entry: JournalHead) => setJournal([...journal, entry]);

  const createReportNow = async (type: ReportType, replaceEdited: boolean, ctx: { changed: boolean }) => {
    const command = REPORT_COMMANDS[type];
    const gw = await gateway();
    if (!gw.readReportWorkbook || !gw.applyReport)
      throw new UserStop('Rapportbladen kan inte skapas i den här versionen av Excel.', 'warning');
    const read = await gw.readReportWorkbook({ onProgress: progressFor(command) });
    set({
      activeSheet: read.activeSheet,
      sheetNames: read.sheets.map((s) => s.name),
      settings: read.store.settings,
    });
    absorbJournal(read.store);
    progressText(command, 'Bygger rapporten …');
    const result = await (
      await core()
    ).buildReport(
      type,
      read.sheets.map((s) => s.grid),
      read.sheets.map((s) => s.mark ?? null),
      await coreSettings(),
    );
    if (result.sheets.length === 0) throw new UserStop(noReportText(type, result.findings), 'warning');
    const edited = result.sheets.flatMap((p) =>
      p.target.action === 'replace' && p.target.edited ? [p.target.name] : [],
    );
    if (edited.length > 0 && !replaceEdited) {
      set({ pendingReport: { type, sheets: edited, question: replaceQuestion(edited) } });
      throw new UserStop(replaceQuestion(edited), 'warning');
    }
    const names = result.sheets.map((p) => p.target.name);
    const description = reportDescription(type, names);
    progressText(command, `Skriver ${names.length === 1 ? 'bladet' : 'bladen'} …`);
    let applied;
    try {
      ctx.changed = true;
      applied = await gw.applyReport(result.sheets, { description, replaceEdited });
    } catch (e) {
      ctx.changed = false;
      // Edited between the read and the write: ask now.
      if ((e as { code?: string }).code === 'REPORT_EDITED') {
        const question = replaceQuestion(edited.length ? edited : names);
        set({ pendingReport: { type, sheets: edited.length ? edited : names, question } });
        throw new UserStop(question, 'warning');
      }
      throw e;
    }
    pushJournal({
      id: applied.journalId,
      command: 'createReport',
      sheet: applied.sheets[applied.sheets.length - 1]!,
      description,
    });
    set({
      pendingReport: undefined,
      activeSheet: applied.sheets[applied.sheets.length - 1],
      report: {
        type,
        sheets: applied.sheets,
        draft: result.draft,
        findings: result.findings,
        journalId: applied.journalId,
      },
      message: {
        intent: result.findings.some((f) => f.severity !== 'info') ? 'warning' : 'success',
        text: reportCreatedText(type, applied.sheets, result.findings),
      },
    });
  };

  const saveSettings = async (next: Settings) => {
    // How this user's Excel shows formulas is no setting of the workbook.
    const { formulaLanguage: _language, ...settings } = next;
    await (await gateway()).saveSettings(settings);
    set({ settings });
  };

  /** Reads `sheet` again (settings only), analyzes it and re-runs the check on screen. */
  const reanalyze = async (sheet: string | undefined) => {
    const read = await (await gateway()).readSheet(sheet, { journal: false, ...extentOptions(sheet) });
    absorb(read);
    await recheckAfterWrite(read.grid, await analyze(read.grid));
  };

  const undoOnce = async (gw: AppGateway): Promise<{ description: string } | undefined> => {
    const undone = await gw.undoLast();
    if (undone) setJournal(journal.slice(0, -1));
    return undone;
  };

  const actions: AppActions = {
    refresh: (options) => {
      const body = async () => {
        const read = await (
          await gateway()
        ).readSheet(undefined, { journal: !options?.quiet, ...extentOptions(undefined) });
        absorb(read);
        await analyze(read.grid);
        const printed = resultPrints.get(read.grid.sheet);
        const results = state.results;
        if (results && !results.stale && printed !== undefined && printed !== gridFingerprint(read.grid)) {
          set({
            results: {
              ...results,
              stale: `Bladet ${read.grid.sheet} har ändrats sedan kontrollen. Resultatet kan vara inaktuellt.`,
            },
          });
        }
      };
      if (!options?.quiet) return run('refresh', 'Läser bladet …', body);
      const task = () => body().catch(() => undefined);
      const next = queue.then(task, task);
      queue = next;
      return next;
    },

    validateStructure: () => run('validateStructure', 'Läser bladet …', validateStructureNow),

    computeDeviations: () => run('computeDeviations', 'Läser bladet …', computeDeviationsNow),

    validateSums: () => run('validateSums', 'Läser bladen …', validateSumsNow),

    recheck: () => {
      const kind = state.results?.kind;
      if (kind === 'sums') return run('validateSums', 'Läser bladen …', validateSumsNow);
      if (kind === 'deviations')
        return run('computeDeviations', 'Läser bladet …', async () => {
          // Beräkna is not run again behind the user's back: its check runs on the sheet as it is now.
          const read = await (await gateway()).readSheet(undefined, extentOptions(undefined));
          absorb(read);
          const result = await (await core()).computeDeviations(read.grid, await coreSettings());
          setResults({ kind: 'deviations', sheets: [read.grid.sheet], findings: result.findings }, [
            read.grid,
          ]);
          await analyze(read.grid);
          const pending = result.summary.deviationCells + result.summary.forecastsProposed;
          set({
            message: isEmptyPlan(result.plan)
              ? { intent: 'success', text: `Bladet ${read.grid.sheet}: avvikelser och prognoser stämmer.` }
              : {
                  intent: 'info',
                  text: `Bladet ${read.grid.sheet}: ${plural('cell', 'celler', pending)} kan fyllas i med ”Beräkna avvikelser”.`,
                },
          });
        });
      return run('validateStructure', 'Läser bladet …', validateStructureNow);
    },

    convertTextNumbers: (cells, sheet) =>
      run('convertTextNumbers', 'Läser bladet …', async (ctx) => {
        const gw = await gateway();
        const target = sheet ?? state.activeSheet;
        const read = await gw.readSheet(target);
        absorb(read);
        const name = read.grid.sheet;
        const list = cells && cells.length ? cells : textNumberCells(state.results?.findings ?? [], name);
        if (list.length === 0)
          throw new UserStop('Det finns inga tal lagrade som text att konvertera.', 'info');
        const plan = await (await core()).textNumberFixPlan(read.grid, list);
        if (isEmptyPlan(plan))
          throw new UserStop('Cellerna innehåller redan tal; inget behövde ändras.', 'info');
        ctx.changed = true;
        const description = `Konvertera ${list.length === 1 ? list[0] : plural('cell', 'celler', list.length)} till tal på bladet ${name}`;
        progressText('convertTextNumbers', `Skriver ${plural('cell', 'celler', plan.writes.length)} …`);
        const applied = await gw.applyPlan(
          plan,
          read.grid,
          { command: 'convertTextNumbers', description },
          { onProgress: progressFor('convertTextNumbers') },
        );
        if (applied.written > 0)
          pushJournal({ id: applied.journalId, command: 'convertTextNumbers', sheet: name, description });
        progressText('convertTextNumbers', 'Kontrollerar bladet igen …');
        const after = await sheetAfterWrite(name, applied.grid);
        const rechecked = await recheckAfterWrite(after, await analyze(after));
        const text = `${plural('cell', 'celler', applied.written)} på bladet ${name} konverterades till tal.`;
        set({
          message: { intent: 'success', text: rechecked ? `${text} Resultatet är uppdaterat.` : text },
        });
      }),

    undoLast: () =>
      run('undo', 'Ångrar …', async (ctx) => {
        const gw = await gateway();
        const last = journal[journal.length - 1];
        // One "Markera i bladet" over several sheets is one step: undo its entries together.
        const steps = Math.max(1, undoSteps(journal));
        const sheets = new Set<string>();
        let description: string | undefined;
        for (let i = 0; i < steps; i++) {
          const entry = journal[journal.length - 1];
          ctx.changed = true;
          const undone = await undoOnce(gw);
          if (!undone) break;
          if (entry) sheets.add(entry.sheet);
          description ??= steps > 1 ? last?.groupDescription : undone.description;
        }
        if (!description) {
          ctx.changed = false;
          setJournal([]);
          throw new UserStop('Det finns inget att ångra.', 'info');
        }
        if (last?.command === 'highlight' && !journal.some((j) => j.command === 'highlight'))
          set({ highlighted: false });
        // A report's sheets are gone again: forget the report the pane shows.
        if (last?.command === 'createReport') {
          sheets.clear();
          if (state.report && state.report.journalId === last.id) set({ report: undefined });
        }
        // Read what changed again, then run the check on screen on it.
        progressText('undo', 'Kontrollerar bladet igen …');
        const read = await gw.readSheet(sheets.size === 1 ? [...sheets][0] : undefined);
        absorb(read);
        await recheckAfterWrite(read.grid, await analyze(read.grid));
        set({ message: { intent: 'success', text: `Ångrade: ${description}.` } });
      }),

    highlightFindings: () =>
      run('highlight', 'Markerar i bladet …', async () => {
        const targets = highlightTargets(state.results?.findings ?? []);
        if (targets.size === 0) throw new UserStop('Det finns inga fel eller varningar att markera.', 'info');
        const result = await (
          await gateway()
        ).highlight([...targets].map(([sheet, addresses]) => ({ sheet, addresses })));
        const sheets = [...targets.keys()];
        const where = sheets.length === 1 ? `bladet ${sheets[0]}` : plural('blad', 'blad', sheets.length);
        const cells = plural('cell', 'celler', result.cells);
        const group = nextGroup++;
        const groupDescription = `Markera i bladet (${cells} på ${where})`;
        const added: JournalHead[] = result.entries.map((e) => ({
          id: e.journalId,
          command: 'highlight' satisfies CommandName,
          sheet: e.sheet,
          description: e.description,
          group,
          groupDescription,
        }));
        setJournal([...journal, ...added]);
        set({
          highlighted: true,
          message: { intent: 'info', text: `${cells} markerades på ${where}.` },
        });
      }),

    clearHighlights: () =>
      run('clearHighlights', 'Rensar markeringar …', async () => {
        const restored = await (await gateway()).clearHighlights();
        // The gateway drops every highlight entry from the journal: so does the store's picture of it.
        setJournal(withoutHighlights(journal));
        set({
          highlighted: false,
          message: {
            intent: 'info',
            text:
              restored > 0
                ? `Markeringarna är borttagna (${plural('cell', 'celler', restored)}).`
                : 'Det fanns inga markeringar att ta bort.',
          },
        });
      }),

    selectFinding: (f) =>
      run('selectFinding', 'Markerar cellen …', async () => {
        await (await gateway()).selectCell(f.sheet, f.cell);
      }),

    setRole: (id, role) =>
      run('settings', 'Sparar kolumnens roll …', async () => {
        const { sheet, letter: column } = id;
        await saveSettings(withRoleOverride(state.settings, id, role));
        await reanalyze(sheet);
        const text = role
          ? `Kolumn ${column} på bladet ${sheet} räknas nu som ${ROLE_LABELS[role].toLowerCase()}. Inställningen sparas i arbetsboken.`
          : `Kolumn ${column} på bladet ${sheet} tolkas åter automatiskt.`;
        set({ message: { intent: 'success', text } });
      }),

    setForecastMethod: (method) =>
      run('settings', 'Sparar inställning …', async () => {
        await saveSettings({ ...state.settings, forecastMethod: method });
      }),

    setOverwrite: (overwrite) =>
      run('settings', 'Sparar inställning …', async () => {
        await saveSettings({ ...state.settings, overwriteForecasts: overwrite });
      }),

    setPeriod: (period) =>
      run('settings', 'Sparar inställning …', async () => {
        const sheet = state.activeSheet;
        const year = sheet
          ? state.analyses[sheet]?.tables.find((t) => t.period?.year)?.period?.year
          : undefined;
        const parsed = parsePeriodInput(period ?? '', year);
        if (!parsed.ok) throw new UserStop(parsed.message, 'warning');
        if ((state.settings.period ?? undefined) === parsed.value) return;
        const next: Settings = { ...state.settings };
        if (parsed.value) next.period = parsed.value;
        else delete next.period;
        await saveSettings(next);
        await reanalyze(sheet);
        set({
          message: {
            intent: 'success',
            text: parsed.value
              ? `Rapportperioden är ${parsed.value}: ${parsed.label}. Inställningen sparas i arbetsboken.`
              : 'Rapportperioden läses åter ur bladet.',
          },
        });
      }),

    createReport: (type) => {
      set({ pendingReport: undefined });
      return run(REPORT_COMMANDS[type], 'Läser arbetsboken …', (ctx) => createReportNow(type, false, ctx));
    },

    answerReplace: (replace) => {
      const pending = state.pendingReport;
      if (!pending) return Promise.resolve();
      set({ pendingReport: undefined });
      if (!replace) {
        set({ message: { intent: 'info', text: 'Rapporten skapades inte. Inget har ändrats.' } });
        return Promise.resolve();
      }
      return run(REPORT_COMMANDS[pending.type], 'Läser arbetsboken …', (ctx) =>
        createReportNow(pending.type, true, ctx),
      );
    },

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
