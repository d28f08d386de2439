/**
 * Renaming a sheet as Excel does: every formula, defined name and chart
 * series that points at the sheet follows it to its new name.
 */
import type { WorkbookModel } from '../workbook/model';
import { rewriteRefs } from '../core/refs';
import { sheetPrefix } from './address';

/** `formula` with references to `from` written as references to `to`. */
export function renameSheetInFormula(formula: string, from: string, to: string): string {
  const target = from.toLowerCase();
  return rewriteRefs(formula, (ref) =>
    !ref.external && ref.sheet !== undefined && ref.sheet.toLowerCase() === target
      ? { token: `${sheetPrefix(to)}!${formula.slice(ref.refStart, ref.end)}` }
      : undefined,
  );
}

export function renameSheetReferences(wb: WorkbookModel, from: string, to: string): void {
  const lower = from.toLowerCase();
  for (const sheet of wb.sheets) {
    for (const cell of sheet.cells.values()) {
      if (cell.formula !== undefined) cell.formula = renameSheetInFormula(cell.formula, from, to);
    }
    if (sheet.names) {
      for (const [name, formula] of sheet.names)
        sheet.names.set(name, renameSheetInFormula(formula, from, to));
    }
    for (const chart of sheet.charts ?? []) {
      for (const s of chart.series) {
        if (s.values?.sheet.toLowerCase() === lower) s.values.sheet = to;
        if (s.categories?.sheet.toLowerCase() === lower) s.categories.sheet = to;
      }
    }
  }
}

/** After a sheet is deleted, chart series on other sheets that showed its cells lose their data (#REF! in Excel). */
export function dropSheetFromCharts(wb: WorkbookModel, deleted: string): void {
  const lower = deleted.toLowerCase();
  for (const sheet of wb.sheets) {
    for (const chart of sheet.charts ?? []) {
      for (const s of chart.series) {
        if (s.values?.sheet.toLowerCase() === lower) s.values = null;
        if (s.categories?.sheet.toLowerCase() === lower) s.categories = null;
      }
    }
  }
}
