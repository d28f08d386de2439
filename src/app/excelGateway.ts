/**
 * The AppGateway backed by the Office.js gateway in src/excel (real Excel or
 * the simulated host). Loaded after the task pane's first paint.
 *
 * The port asks for a little more than src/excel offers today; each extra is
 * passed on so that it works as soon as the gateway honours it, and behaves
 * correctly until then:
 *  - `onProgress` in the read and apply options (ignored until the gateway calls it);
 *  - `journal: false` in the read options (until honoured the journal is read
 *    too, and `journalRead` stays true, which is correct, only slower);
 *  - one journal entry for a highlight over several sheets (until then one
 *    per sheet, which the store undoes together as one step).
 */
import './zodConfig';
import * as excel from '../excel';
import type { AppGateway, HighlightResult, ProgressListener, ReadOptions } from './ports';

type ReadSheetOptions = NonNullable<Parameters<typeof excel.readSheet>[1]>;
type ReadSheetsOptions = NonNullable<Parameters<typeof excel.readSheets>[1]>;
type ApplyOptions = NonNullable<Parameters<typeof excel.applyPlan>[3]>;
type WithExtras<T> = T & { onProgress?: ProgressListener; journal?: boolean };

/** The gateway's description of a highlight entry (src/excel/highlight.ts), for the undo button. */
function highlightDescription(sheet: string, cells: number): string {
  return cells === 1 ? `Markering av 1 cell i ”${sheet}”` : `Markering av ${cells} celler i ”${sheet}”`;
}

export function excelGateway(): AppGateway {
  return {
    displayLanguage: () =>
      (excel.getOffice() as { context?: { displayLanguage?: string } } | undefined)?.context?.displayLanguage,
    async readSheet(name, options: ReadOptions = {}) {
      const extras: WithExtras<ReadSheetOptions> = { ...options };
      const read = await excel.readSheet(name, extras);
      const journalRead = (read as { journalRead?: boolean }).journalRead;
      return { ...read, journalRead: journalRead !== false };
    },
    readWorkbook: (options = {}) => {
      const extras: WithExtras<NonNullable<Parameters<typeof excel.readWorkbook>[0]>> = { ...options };
      return excel.readWorkbook(extras);
    },
    readSheets: (names, options = {}) => {
      const extras: WithExtras<ReadSheetsOptions> = { ...options };
      return excel.readSheets(names, extras);
    },
    applyPlan: (plan, snapshot, meta, options = {}) => {
      const extras: WithExtras<ApplyOptions> = { ...options };
      return excel.applyPlan(plan, snapshot, meta, extras);
    },
    undoLast: () => excel.undoLast(),
    async highlight(targets) {
      const result: HighlightResult = { cells: 0, entries: [] };
      for (const t of targets) {
        const applied = await excel.highlightCells(t.sheet, t.addresses);
        result.cells += applied.written;
        if (applied.written > 0)
          result.entries.push({
            journalId: applied.journalId,
            sheet: t.sheet,
            description:
              (applied as { description?: string }).description ??
              highlightDescription(t.sheet, applied.written),
          });
      }
      return result;
    },
    clearHighlights: () => excel.clearHighlights(),
    readReportWorkbook: () => excel.readReportWorkbook(),
    applyReport: (plans, options) => excel.applyReport(plans, options),
    selectCell: (sheet, address) => excel.selectCell(sheet, address),
    saveSettings: (settings) => excel.saveSettings(settings),
  };
}
