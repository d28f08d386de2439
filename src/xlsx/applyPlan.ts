import type { ColumnInsert, WritePlan } from '../core/plan';
import type { CellData, SheetModel, WorkbookModel } from '../workbook/model';
import { cellKey, findSheet, parseCellKey, setCellData } from '../workbook/model';
import { SheetNotFoundError } from './grid';
import { shiftFormulaForInsert } from './formulaRefs';

/** Inserts cells with shift right, as Excel's Insert > Shift cells right does, and rewrites references to the moved cells. */
function applyInsert(model: WorkbookModel, sheet: SheetModel, ins: ColumnInsert): void {
  for (const other of model.sheets) {
    for (const data of other.cells.values()) {
      if (data.formula !== undefined) {
        data.formula = shiftFormulaForInsert(data.formula, other.name, { sheet: sheet.name, ...ins });
      }
    }
  }
  const moved: [string, CellData][] = [];
  for (const [key, data] of sheet.cells) {
    const { row, col } = parseCellKey(key);
    if (row >= ins.top && row <= ins.bottom && col >= ins.col) moved.push([cellKey(row, col + 1), data]);
  }
  for (const [key] of moved) {
    const { row, col } = parseCellKey(key);
    sheet.cells.delete(cellKey(row, col - 1));
  }
  for (const [key, data] of moved) sheet.cells.set(key, data);
}

/**
 * Applies a command's write plan to the model: inserts first, in order, then
 * the writes (in post-insert coordinates). A written formula gets no value;
 * results are the business of whoever recalculates the model (the simulated
 * host, or Excel on open since writeXlsx asks for a full recalculation).
 */
export function applyPlanToModel(model: WorkbookModel, plan: WritePlan): void {
  const sheet = findSheet(model, plan.sheet);
  if (!sheet) throw new SheetNotFoundError(plan.sheet);
  for (const ins of plan.inserts) applyInsert(model, sheet, ins);
  for (const w of plan.writes) {
    const patch: Partial<CellData> = {};
    if (w.formula !== undefined) {
      patch.formula = w.formula.startsWith('=') ? w.formula : `=${w.formula}`;
      patch.value = null;
      patch.error = undefined;
    } else if (w.value !== undefined) {
      // Excel's text prefix: "'-varav" is the text "-varav", never a formula or a number.
      patch.value = typeof w.value === 'string' && w.value.startsWith("'") ? w.value.slice(1) : w.value;
      patch.formula = undefined;
      patch.error = undefined;
    }
    if (w.numberFormat !== undefined)
      patch.numberFormat = w.numberFormat === 'General' ? undefined : w.numberFormat;
    if (w.fill !== undefined) patch.fill = w.fill ?? undefined;
    if (w.italic !== undefined) patch.italic = w.italic || undefined;
    setCellData(sheet, w.row, w.col, patch);
  }
}
