/** What the Struktur section says about a table's rows, computed without the DOM. */
import type { TableModel } from '../core/schemas';
import { joinSwedish } from './labels.logic';

/** "5–19" for a run, "5–7, 9 och 12" otherwise: row numbers as a reader would write them. */
export function rowRanges(rows: readonly number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = start;
  for (let i = 1; i <= sorted.length; i++) {
    const r = sorted[i];
    if (r !== undefined && prev !== undefined && r === prev + 1) {
      prev = r;
      continue;
    }
    if (start !== undefined && prev !== undefined)
      parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = r;
    prev = r;
  }
  return joinSwedish(parts);
}

export interface SumRowLine {
  row: number;
  text: string;
}

/**
 * One line per sum row the model knows the parts of: "Rad 20 (SUMMA) är
 * summan av rad 5–19", with the core's evidence when it gives one.
 */
export function sumRowLines(table: TableModel): SumRowLine[] {
  const out: SumRowLine[] = [];
  for (const r of table.rows) {
    if (!r.sumOf || r.sumOf.length === 0) continue;
    const label = r.label ? ` (${r.label})` : '';
    let text = `Rad ${r.row}${label} är summan av rad ${rowRanges(r.sumOf)}.`;
    if (r.components && r.components.length) text += ` Delar: rad ${rowRanges(r.components)}.`;
    if (r.evidence) text += ` ${r.evidence}`;
    out.push({ row: r.row, text });
  }
  return out;
}
