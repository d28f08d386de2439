/**
 * Report tabs in a .xlsx file (the command line's `rapport`): the workbook
 * read into grids with each sheet's generated-sheet mark, the core's report
 * builders, and the package editor adding or replacing the planned sheets
 * with their styles, print setup and chart. The input bytes are never
 * changed; the result is the user's package with only those sheets added.
 */
import { buildFoljetal, buildVerksamhetsrapport } from '../core/report';
import type { ReportOptions, ReportResult, WorkbookSheet } from '../core/report/sheetPlan';
import type { Grid } from '../core/grid';
import type { Settings } from '../core/schemas';
import type { WorkbookModel } from '../workbook/model';
import { modelToGrid } from './grid';
import { addSheetPlans, readSheetMarks } from './patch/sheets';

export type ReportType = 'verksamhetsrapport' | 'foljetal' | 'alla';

/** Every sheet of the workbook as the report builders read it. */
export async function workbookSheets(bytes: Uint8Array, model: WorkbookModel): Promise<WorkbookSheet[]> {
  return sheetsWithMarks(
    bytes,
    model.sheets.map((s) => ({ name: s.name, grid: modelToGrid(model, s.name) })),
  );
}

/** The sheets (in tab order) with the generated-sheet marks the package holds. */
export async function sheetsWithMarks(
  bytes: Uint8Array,
  sheets: readonly { name: string; grid: Grid }[],
): Promise<WorkbookSheet[]> {
  const marks = await readSheetMarks(bytes);
  return sheets.map((s) => {
    const sheet: WorkbookSheet = { name: s.name, grid: s.grid };
    const mark = marks.get(s.name);
    if (mark !== undefined) sheet.mark = mark;
    return sheet;
  });
}

/** The reports of `type` built from the workbook, in order (verksamhetsrapport before följetal). */
export function buildReports(
  sheets: readonly WorkbookSheet[],
  type: ReportType,
  settings: Settings,
  options: ReportOptions = {},
): ReportResult[] {
  const out: ReportResult[] = [];
  if (type !== 'foljetal') out.push(buildVerksamhetsrapport(sheets, settings, options));
  if (type !== 'verksamhetsrapport') out.push(buildFoljetal(sheets, settings, options));
  return out;
}

/** The package with every built report's sheets applied. */
export async function writeReports(
  original: Uint8Array,
  results: readonly ReportResult[],
): Promise<Uint8Array> {
  return addSheetPlans(
    original,
    results.flatMap((r) => r.sheets),
  );
}
