import type { Grid } from './grid';
import type { Finding, Settings, TableModel } from './schemas';
import { DEFAULT_SETTINGS } from './schemas';
import { detectTables } from './structure/detect';
import { structureFindings } from './structure/findings';

export interface SheetAnalysis {
  sheet: string;
  tables: TableModel[];
  findings: Finding[];
}

/** Recognizes the tables of a sheet and reports what is wrong with their structure, cell by cell. */
export function analyzeSheet(grid: Grid, settings: Settings = DEFAULT_SETTINGS): SheetAnalysis {
  const tables = detectTables(grid, settings);
  return { sheet: grid.sheet, tables, findings: structureFindings(grid, tables) };
}
