/**
 * Report tabs (issue 11): Skapa verksamhetsrapport and Skapa följetal, each
 * one core function from the workbook's sheets to sheet plans, findings and
 * (for the verksamhetsrapport) a draft text. Gateways apply the plans.
 */
import type { Settings } from '../schemas';
import type { ReportOptions, ReportResult, WorkbookSheet } from './sheetPlan';

export * from './sheetPlan';
export {
  encodeMark,
  decodeMark,
  markFormula,
  planFingerprint,
  sheetFingerprint,
  normalizeFormula,
} from './mark';
export { placeSheet, freeSheetName } from './placement';

/**
 * The signature both report commands share: every sheet of the workbook in
 * tab order (the source, an existing Rapportrader mapping sheet and any
 * earlier generated report are read from them), settings, options.
 */
export type BuildReport = (
  sheets: readonly WorkbookSheet[],
  settings: Settings,
  options?: ReportOptions,
) => ReportResult;
export { buildVerksamhetsrapport, VERKSAMHET_SHEET, UNMAPPED_LINE } from './verksamhetsrapport';
export { MAPPING_SHEET } from './mapping';
export { CODES_REPORT } from './source';
export { draftText, DRAFT_HEADING } from './draft';
export { buildFoljetal, FOLJETAL_SHEET, FOLJETAL_LEGEND } from './foljetal';
