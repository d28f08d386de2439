/** The Office.js gateway: the only code that touches Excel or Office. */
export { GatewayError, isGatewayError, type GatewayErrorCode } from './errors';
export {
  getExcel,
  getOffice,
  setRuntime,
  isSetSupported,
  runExcel,
  type ExcelRuntime,
  type OfficeRuntime,
} from './runtime';
export {
  readSheet,
  readSheets,
  readWorkbook,
  toGrid,
  type SheetRead,
  type ReadExtent,
  type ReadOptions,
  type WorkbookRead,
} from './readSheet';
export { queueReadStore, readStore, saveSettings, type StoreState, type QueuedStore } from './store';
export { applyPlan, type ApplyMeta, type ApplyOptions, type ApplyResult } from './applyPlan';
export { undoLast, clearHighlights } from './undo';
export { highlightCells, HIGHLIGHT_FILL } from './highlight';
export { selectCell } from './navigate';
export {
  applyReport,
  readReportWorkbook,
  editedReportError,
  BACKUP_PREFIX,
  type ApplyReportOptions,
  type ApplyReportResult,
} from './reports';
