/**
 * What the application layer needs from the outside world. The store is
 * written against these two ports so that tests can hand it fakes, and so
 * that a change in a gateway's signature is absorbed in one adapter file
 * (excelGateway.ts, coreApi.ts) instead of rippling through the UI.
 */
import type { Grid } from '../core/grid';
import type { CommandName, WritePlan } from '../core/plan';
import type { Finding, Settings, TableModel } from '../core/schemas';
import type { StoredData } from '../core/store';

export interface SheetRead {
  grid: Grid;
  sheetNames: string[];
  activeSheet: string;
  store: StoredData;
}

export interface ApplyResult {
  written: number;
  journalId?: string;
}

export interface UndoResult {
  restored: number;
  description: string;
}

export interface AppGateway {
  /** Reads a sheet (the active one when no name is given) with the workbook's stored settings and journal. */
  readSheet(name?: string): Promise<SheetRead>;
  /** Reads several sheets; by default one after the other with readSheet. */
  readSheets?(names: string[]): Promise<Grid[]>;
  applyPlan(
    plan: WritePlan,
    snapshot: Grid,
    meta: { command: CommandName; description: string },
  ): Promise<ApplyResult>;
  undoLast(): Promise<UndoResult | undefined>;
  highlightCells(sheet: string, addresses: string[]): Promise<unknown>;
  clearHighlights(): Promise<unknown>;
  selectCell(sheet: string, address: string): Promise<unknown>;
  saveSettings(settings: Settings): Promise<unknown>;
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

export interface CoreApi {
  analyzeSheet(grid: Grid, settings: Settings): SheetResult;
  computeDeviations(grid: Grid, settings: Settings): DeviationResult;
  validateSums(grids: Grid[], settings: Settings): SheetResult[];
  textNumberFixPlan(grid: Grid, cells: string[]): WritePlan;
}
