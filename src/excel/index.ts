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
export { readSheet, readSheets, toGrid, type SheetRead } from './readSheet';
export {
  queueReadStore,
  queueWriteStore,
  readStore,
  saveSettings,
  type StoreState,
  type QueuedStore,
} from './store';
export { applyPlan, type ApplyMeta, type ApplyOptions, type ApplyResult } from './applyPlan';
export { undoLast, clearHighlights } from './undo';
export { highlightCells, HIGHLIGHT_FILL } from './highlight';
export { selectCell } from './navigate';
