/**
 * The .xlsx gateway: ExcelJS ⇄ WorkbookModel ⇄ Grid, for the command line and
 * the workbench. No file system here; callers hand over and receive bytes.
 */
export { readXlsx, dateToSerial } from './read';
export { writeXlsx } from './write';
export { modelToGrid, SheetNotFoundError } from './grid';
export { XlsxReadError, isXlsxReadError, checkXlsxSignature, type XlsxReadReason } from './errors';
export {
  mapFormulaRefs,
  listFormulaRefs,
  slideFormula,
  shiftFormulaForInsert,
  type FormulaRef,
  type RefPoint,
  type InsertShift,
} from './formulaRefs';
export {
  patchXlsx,
  XlsxPatchError,
  isXlsxPatchError,
  type PackageEdits,
  type SheetEdits,
  type CellEdit,
  type InsertEdit,
  type XlsxPatchReason,
} from './patch';
export { capturePlan, packageEdits, formulaResults, storeChunks, exactResult } from './planEdits';
