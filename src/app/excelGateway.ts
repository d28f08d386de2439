/** The AppGateway backed by the Office.js gateway in src/excel (real Excel or the simulated host). */
import * as excel from '../excel';
import type { AppGateway } from './ports';

export function excelGateway(): AppGateway {
  return {
    readSheet: (name) => excel.readSheet(name),
    readSheets: (names) => excel.readSheets(names),
    applyPlan: (plan, snapshot, meta) => excel.applyPlan(plan, snapshot, meta),
    undoLast: () => excel.undoLast(),
    highlightCells: (sheet, addresses) => excel.highlightCells(sheet, addresses),
    clearHighlights: () => excel.clearHighlights(),
    selectCell: (sheet, address) => excel.selectCell(sheet, address),
    saveSettings: (settings) => excel.saveSettings(settings),
  };
}
