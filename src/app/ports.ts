/**
 * What the application layer needs from the outside world. The store is
 * written against these two ports so that tests can hand it fakes, and so
 * that a change in a gateway's signature is absorbed in one adapter file
 * (excelGateway.ts, coreApi.ts / the core worker) instead of rippling
 * through the UI.
 */
import type { Grid } from '../core/grid';
import type { CommandName, WritePlan } from '../core/plan';
import type { Finding, Settings, TableModel } from '../core/schemas';
import type { StoredData } from '../core/store';
import type { ReportOptions, ReportResult, SheetPlan, WorkbookSheet } from '../core/report/sheetPlan';

/** The report tabs the ribbon and the pane create. */
export type ReportType = 'verksamhetsrapport' | 'foljetal';

/** Every visible sheet with its generated-sheet mark, for a report command. */
export interface ReportWorkbookRead {
  sheets: WorkbookSheet[];
  activeSheet: string;
  store: StoredData;
}

export interface ReportApplied {
  sheets: string[];
  journalId?: string;
}

/** How far a long read or write has come; the gateway reports it between its syncs. */
export interface Progress {
  phase: 'read' | 'write';
  /** Cells (write) or rows (read) done so far. */
  done: number;
  total: number;
}

/**
 * Called by the gateway after each sync of a long read or write. The gateway
 * awaits the returned promise, so the task pane can yield to the browser and
 * paint its progress bar between chunks.
 */
export type ProgressListener = (progress: Progress) => void | Promise<void>;

export interface ReadOptions {
  /**
   * false: the caller needs the settings only, not the undo journal (a focus
   * refresh). A gateway that honours it returns `journalRead: false`.
   */
  journal?: boolean;
  onProgress?: ProgressListener;
  /**
   * Where the sheet's data was at the last read (SheetRead.extent): the
   * gateway then brings the data in its first sync. It checks that the
   * sheet is the same and reads whatever the extent left out.
   */
  extent?: SheetExtent;
}

/** Where a sheet's data was when it was read, and what reading it cost per cell. */
export interface SheetExtent {
  sheet: string;
  rect: { top: number; left: number; bottom: number; right: number };
  bytesPerCell: number;
}

export interface SheetRead {
  grid: Grid;
  sheetNames: string[];
  activeSheet: string;
  store: StoredData;
  /** false when the journal was not read (ReadOptions.journal false): `store.journal` then says nothing. */
  journalRead?: boolean;
  /** Pass to the next read of this sheet (ReadOptions.extent). */
  extent?: SheetExtent;
}

export interface ApplyResult {
  written: number;
  journalId?: string;
  /**
   * The sheet as it is after the write, recalculated, when the gateway could
   * build it within the syncs of the write; the store then skips its own re-read.
   */
  grid?: Grid;
}

export interface UndoResult {
  restored: number;
  description: string;
}

export interface HighlightTarget {
  sheet: string;
  addresses: string[];
}

export interface HighlightResult {
  /** Cells coloured. */
  cells: number;
  /**
   * The journal entries written, oldest first: one for all sheets, or (the
   * gateway of today) one per sheet, which the store undoes as one step.
   */
  entries: { journalId?: string; sheet: string; description: string }[];
}

export interface AppGateway {
  /** Reads a sheet (the active one when no name is given) with the workbook's stored settings and journal. */
  readSheet(name?: string, options?: ReadOptions): Promise<SheetRead>;
  /** Reads several sheets; by default one after the other with readSheet. */
  readSheets?(names: string[], options?: { onProgress?: ProgressListener }): Promise<Grid[]>;
  /**
   * Every visible sheet with the settings and the journal's summaries, in
   * few syncs (the sheet list and the store, the used ranges, the data).
   */
  readWorkbook?(options?: { onProgress?: ProgressListener }): Promise<{
    grids: Grid[];
    sheetNames: string[];
    activeSheet: string;
    store: StoredData;
  }>;
  applyPlan(
    plan: WritePlan,
    snapshot: Grid,
    meta: { command: CommandName; description: string },
    /** returnGrid: the write's last sync reads the sheet back, so no command reads it again afterwards. */
    options?: { onProgress?: ProgressListener; returnGrid?: boolean },
  ): Promise<ApplyResult>;
  undoLast(): Promise<UndoResult | undefined>;
  /** Colours the cells of every target: "Markera i bladet", one undo step. */
  highlight(targets: HighlightTarget[]): Promise<HighlightResult>;
  /** Removes every highlight; resolves to the number of cells given back their fill. */
  clearHighlights(): Promise<number>;
  selectCell(sheet: string, address: string): Promise<unknown>;
  saveSettings(settings: Settings): Promise<unknown>;
  /** Reads every visible sheet and its generated-sheet mark (the report commands). */
  readReportWorkbook?(options?: { onProgress?: ProgressListener }): Promise<ReportWorkbookRead>;
  /**
   * Creates (or replaces) the report's sheets, one undo step. Rejects with a
   * REPORT_EDITED gateway error when a sheet to replace was edited and
   * `replaceEdited` is not set.
   */
  applyReport?(
    plans: SheetPlan[],
    options: { description: string; replaceEdited?: boolean },
  ): Promise<ReportApplied>;
  /** Excel's display language ("sv-SE", "en-US"), when the host tells it: messages write formulas the way it shows them. */
  displayLanguage?(): string | undefined;
}

export interface SheetResult {
  sheet: string;
  tables: TableModel[];
  findings: Finding[];
}

export interface DeviationResult {
  plan: WritePlan;
  findings: Finding[];
  summary: {
    deviationCells: number;
    forecastsProposed: number;
    userForecastsKept: number;
    insertedColumns: string[];
  };
}

type MaybePromise<T> = T | Promise<T>;

/**
 * The core's four commands. In the task pane they run in a Web Worker (so a
 * long check never freezes the pane) and answer with promises; the command
 * line and the tests call the core directly.
 */
export interface CoreApi {
  analyzeSheet(grid: Grid, settings: Settings): MaybePromise<SheetResult>;
  computeDeviations(grid: Grid, settings: Settings): MaybePromise<DeviationResult>;
  validateSums(grids: Grid[], settings: Settings): MaybePromise<SheetResult[]>;
  textNumberFixPlan(grid: Grid, cells: string[]): MaybePromise<WritePlan>;
  /** A report from the workbook's sheets: `grids` in tab order and each one's mark (null: none). */
  buildReport(
    type: ReportType,
    grids: Grid[],
    marks: (string | null)[],
    settings: Settings,
    options?: ReportOptions,
  ): MaybePromise<ReportResult>;
}

/** The synchronous core itself (what the worker and the in-thread fallback call). */
export interface SyncCoreApi {
  analyzeSheet(grid: Grid, settings: Settings): SheetResult;
  computeDeviations(grid: Grid, settings: Settings): DeviationResult;
  validateSums(grids: Grid[], settings: Settings): SheetResult[];
  textNumberFixPlan(grid: Grid, cells: string[]): WritePlan;
  buildReport(
    type: ReportType,
    grids: Grid[],
    marks: (string | null)[],
    settings: Settings,
    options?: ReportOptions,
  ): ReportResult;
}
