/**
 * The sample workbook `budgetkoll exempel` writes and the workbench opens:
 * Ekerö socialnämnd's August 2024 report (Bilaga 1–3) as an economist's
 * workbook looks once the tables are pasted in and the totals made live.
 */
import type { WorkbookModel } from '../workbook/model';
import { createSheet } from '../workbook/model';
import resultatrapport from './data/000_05_bilaga1_resultatrapport.json';
import verksamhetsrapport from './data/000_06_bilaga2_verksamhetsrapport.json';
import foljetal from './data/000_07_bilaga3_foljetal.json';
import type { SeedTable, TableLayout } from './seedTable';
import { writeTableToSheet } from './seedTable';

export const SAMPLE_PERIOD_LINE = 'Rapportperiod: 2024-08-31';

export interface SampleSheetSpec {
  name: string;
  table: SeedTable;
  labelHeader: string;
  liveTotals: boolean;
}

/** The three sheets, in tab order. The header texts are those of the printed report (DOMAIN.md §3). */
export const SAMPLE_SHEETS: readonly SampleSheetSpec[] = [
  { name: 'Resultatrapport', table: resultatrapport as SeedTable, labelHeader: 'tkr', liveTotals: true },
  {
    name: 'Verksamhetsrapport',
    table: verksamhetsrapport as SeedTable,
    labelHeader: 'Verksamhet (tkr)',
    liveTotals: true,
  },
  {
    name: 'Följetal',
    table: foljetal as SeedTable,
    labelHeader: 'Avvik (+) fler än budget (-) färre än budget',
    liveTotals: false,
  },
];

/** Where each sample table landed, by sheet name (tests and the workbench's guided tour). */
export function sampleLayouts(): Map<string, TableLayout> {
  const layouts = new Map<string, TableLayout>();
  buildSampleWorkbook(layouts);
  return layouts;
}

/**
 * Builds the sample workbook. Title in row 1, report period in row 2, header
 * in row 4, rows from row 5. Intäkter, Kostnader, Resultat and SUMMA are
 * formulas whose cached results are what they compute from the cells above
 * them (where the report rounded cell by cell, the exact sum of the rounded
 * items rather than the printed total), so every reader of the file agrees.
 * Figures are grouped by thousands on every sheet, and each sheet prints on
 * A4 landscape, one page wide, with its header repeated.
 */
export function buildSampleWorkbook(layouts?: Map<string, TableLayout>): WorkbookModel {
  const sheets = SAMPLE_SHEETS.map((spec) => {
    const sheet = createSheet(spec.name);
    const layout = writeTableToSheet(sheet, spec.table, {
      title: `Socialnämnden – ${spec.table.title}`,
      unitRow: SAMPLE_PERIOD_LINE,
      labelHeader: spec.labelHeader,
      liveTotals: spec.liveTotals,
    });
    layouts?.set(spec.name, layout);
    // Printed for the nämnd: A4 landscape, one page wide, the header rows on every page.
    sheet.pageSetup = {
      paper: 'A4',
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: [layout.headerRows[0]!, layout.headerRows[layout.headerRows.length - 1]!],
    };
    return sheet;
  });
  return { sheets, activeSheet: sheets[0]!.name };
}
