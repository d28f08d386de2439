import { createWorkbook, findSheet, setCellData, type WorkbookModel } from '../../src/workbook/model';

/** A workbook with plain rows of values on each sheet; strings starting with "=" become formulas. */
export function workbookWith(
  sheets: Record<string, Array<Array<number | string | boolean | null>>>,
): WorkbookModel {
  const wb = createWorkbook(Object.keys(sheets));
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = findSheet(wb, name)!;
    rows.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null) return;
        if (typeof v === 'string' && v.startsWith('=')) setCellData(sheet, r, c, { value: null, formula: v });
        else setCellData(sheet, r, c, { value: v });
      }),
    );
  }
  return wb;
}
