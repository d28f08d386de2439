/**
 * The mapping sheet (Rapportrader): which report line each source row adds
 * to, when the budget sheet is finer than one row per verksamhet (a ledger
 * per ansvar × verksamhet × konto, a code column, several rows per
 * verksamhet). It lives in the workbook, so the economist edits it there;
 * the next run reads those edits back. Its default comes from the source:
 * the rows under each top-level sum, else the code's leading digits, else
 * the label.
 */
import { cellAt, forEachCell, type Grid } from '../grid';
import type { TableReading } from '../model';
import { compact, labelKey, stripFootnoteMarkers } from '../text';
import { decodeMark } from './mark';
import type { WorkbookSheet } from './sheetPlan';

export const MAPPING_SHEET = 'Rapportrader';

/** The mapping sheet's header row (0-based) and columns. */
export const MAPPING_HEADER_ROW = 3;
export const MAPPING_COL = { sourceRow: 0, code: 1, text: 2, line: 3, firstMeasure: 4 } as const;

export interface MappingRow {
  /** Row position in the source table. */
  pos: number;
  /** Absolute 0-based row on the source sheet. */
  sourceRow: number;
  code?: string;
  text: string;
  /** The report line; '' when the row has none (it is reported as "Ej fördelat"). */
  line: string;
}

export interface Mapping {
  rows: MappingRow[];
  /** Report lines in the order they first occur. */
  lines: string[];
  unmapped: MappingRow[];
  /** How the default was made, for the sheet's note (Swedish). */
  basis: string;
  /** Lines read back from an earlier mapping sheet. */
  keptFromSheet: number;
}

/** The rows of the source that carry amounts of their own: items, and sums whose parts the table does not print. */
function sourceRows(t: TableReading): number[] {
  const out: number[] = [];
  for (let p = 0; p < t.data.n; p++) {
    const k = t.kinds[p];
    if (k === 'item' || (k === 'subtotal' && !t.hierarchy.nodeAt.has(p))) out.push(p);
  }
  return out;
}

/** "Summa Ekonomiskt bistånd" → "Ekonomiskt bistånd". */
function sumName(label: string): string {
  return stripFootnoteMarkers(label)
    .replace(/^(summa|totalt|total|s:a)\s*[:\-–]?\s*/i, '')
    .trim();
}

/** The code's leading group: "510-4010" → "510", "510 4010" → "510", "5104010" → "5104010". */
export function codeGroup(code: string): string {
  const m = /^\s*([0-9A-Za-zÅÄÖåäö]+)/.exec(code);
  return m ? m[1]! : code.trim();
}

/** Whether the source is finer than one row per verksamhet, so the report aggregates through the mapping. */
export function needsMapping(t: TableReading): boolean {
  for (const node of t.hierarchy.nodes) if (t.kinds[node.row] === 'subtotal') return true;
  const rows = sourceRows(t);
  const labels = new Set<string>();
  const codes = new Set<string>();
  for (const p of rows) {
    const k = labelKey(t.data.labels[p]!);
    if (labels.has(k)) return true;
    labels.add(k);
    const c = t.data.codes[p];
    if (c !== undefined && c !== '') {
      const g = codeGroup(c);
      if (codes.has(g)) return true;
      codes.add(g);
    }
  }
  return false;
}

/** The default line of each source row: its top-level sum, else its code group, else its label. */
function defaultLines(t: TableReading, rows: readonly number[]): { lines: string[]; basis: string } {
  const { parent } = t.hierarchy;
  const hasSums = t.hierarchy.nodes.some((n) => t.kinds[n.row] === 'subtotal');
  if (hasSums) {
    const lines = rows.map((p) => {
      let top = p;
      for (let a = parent[p]!; a >= 0 && t.kinds[a] !== 'total'; a = parent[a]!) top = a;
      return top === p ? stripFootnoteMarkers(t.data.labels[p]!) : sumName(t.data.labels[top]!);
    });
    return { lines, basis: 'raderna under varje summarad i källan' };
  }
  const hasCodes = rows.some((p) => (t.data.codes[p] ?? '') !== '');
  if (hasCodes) {
    const groups = new Map<string, { first: string; same: boolean }>();
    for (const p of rows) {
      const g = codeGroup(t.data.codes[p] ?? '');
      const label = stripFootnoteMarkers(t.data.labels[p]!);
      const hit = groups.get(g);
      if (!hit) groups.set(g, { first: label, same: true });
      else if (labelKey(hit.first) !== labelKey(label)) hit.same = false;
    }
    const lines = rows.map((p) => {
      const g = codeGroup(t.data.codes[p] ?? '');
      const info = groups.get(g)!;
      return g === '' ? stripFootnoteMarkers(t.data.labels[p]!) : info.same ? info.first : `Kod ${g}`;
    });
    return { lines, basis: 'kodens inledande siffror' };
  }
  return { lines: rows.map((p) => stripFootnoteMarkers(t.data.labels[p]!)), basis: 'radens text' };
}

interface SavedRow {
  sourceRow: number;
  key: string;
  line: string;
}

/** The mapping an earlier run left in the workbook (a sheet marked as Budgetkoll's Rapportrader), as the user edited it. */
export function readMappingSheet(grid: Grid): SavedRow[] {
  const header = compact(String(cellAt(grid, MAPPING_HEADER_ROW, MAPPING_COL.line).v ?? ''));
  if (header !== 'rapportrad') return [];
  const out: SavedRow[] = [];
  const byRow = new Map<number, { n?: number; text?: string; line?: string }>();
  forEachCell(grid, (row, col, cell) => {
    if (row <= MAPPING_HEADER_ROW || col > MAPPING_COL.line) return;
    const entry = byRow.get(row) ?? {};
    byRow.set(row, entry);
    if (col === MAPPING_COL.sourceRow && typeof cell.v === 'number') entry.n = cell.v;
    else if (col === MAPPING_COL.text && cell.v !== null) entry.text = String(cell.v);
    else if (col === MAPPING_COL.line) entry.line = cell.v === null ? '' : String(cell.v).trim();
  });
  for (const e of byRow.values()) {
    if (e.n === undefined || e.text === undefined) continue;
    out.push({ sourceRow: e.n - 1, key: labelKey(e.text), line: e.line ?? '' });
  }
  return out;
}

/**
 * The mapping for a source table: the earlier mapping sheet's lines where
 * its rows match the source (by row and text, else by text), the default
 * for the rest.
 */
export function buildMapping(t: TableReading, sheets: readonly WorkbookSheet[]): Mapping {
  const rows = sourceRows(t);
  const { lines: defaults, basis } = defaultLines(t, rows);
  const saved = sheets
    .filter((s) => decodeMark(s.mark)?.kind === 'rapportrader')
    .flatMap((s) => readMappingSheet(s.grid));
  const byRowKey = new Map<string, SavedRow>();
  const byKey = new Map<string, SavedRow[]>();
  for (const s of saved) {
    byRowKey.set(`${s.sourceRow}|${s.key}`, s);
    const list = byKey.get(s.key) ?? [];
    list.push(s);
    byKey.set(s.key, list);
  }
  const used = new Set<SavedRow>();
  let kept = 0;
  const out: MappingRow[] = rows.map((p, i) => {
    const sourceRow = t.data.rows[p]!;
    const text = t.data.labels[p]!;
    const key = labelKey(text);
    let hit = byRowKey.get(`${sourceRow}|${key}`);
    if (hit && used.has(hit)) hit = undefined;
    if (!hit) hit = byKey.get(key)?.find((s) => !used.has(s));
    let line = defaults[i]!;
    if (hit) {
      used.add(hit);
      line = hit.line;
      kept++;
    }
    const row: MappingRow = { pos: p, sourceRow, text, line };
    const code = t.data.codes[p];
    if (code !== undefined && code !== '') row.code = code;
    return row;
  });
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const r of out) {
    if (r.line === '') continue;
    const k = r.line.toLocaleLowerCase('sv');
    if (seen.has(k)) continue;
    seen.add(k);
    lines.push(r.line);
  }
  return { rows: out, lines, unmapped: out.filter((r) => r.line === ''), basis, keptFromSheet: kept };
}
