/**
 * The core's public face: one function per command, each taking grids and
 * settings and returning findings or a write plan. Gateways (Office.js,
 * .xlsx, simulated host) read sheets into grids and apply plans; nothing
 * here knows where the grid came from. Every command reads the table model
 * (read/) once per grid and shares it.
 */
import type { Grid } from './grid';
import { readSheet } from './read';
import type { Settings, TableModel } from './schemas';
import { DEFAULT_SETTINGS } from './schemas';

export * from './grid';
export * from './schemas';
export * from './plan';
export * from './store';
export * from './settings';
export { readSheet } from './read';
export type { SheetReading, TableReading, DeviationDef } from './model';
export { analyzeSheet, validateSums, type SheetAnalysis } from './validate';
export { textNumberFixPlan } from './fixes';
export { computeDeviations, type DeviationResult, type DeviationSummary } from './plan/deviations';
export { CODES, sortFindings } from './findings';
export * from './labels';

/** The tables of a sheet as the JSON contract shows them. */
export function detectTables(grid: Grid, settings: Settings = DEFAULT_SETTINGS): TableModel[] {
  return readSheet(grid, settings).tables.map((t) => t.model);
}
