/**
 * From what a command did to the in-memory workbook (through the gateway on
 * the simulated host) to what the package editor writes into the user's
 * file: the plan says which cells and which of their properties the command
 * set; the workbook the gateway left says what they hold now (Excel's rules
 * for text, numbers and prefixes applied by the host). Cells the gateway
 * left as they were are not edited, so running a command twice changes the
 * file once.
 */
import { append } from '../core/grid';
import { STORE_SHEET } from '../core/store';
import type { WritePlan } from '../core/plan';
import {
  cellKey,
  findSheet,
  getCellData,
  parseCellKey,
  type CellData,
  type WorkbookModel,
} from '../workbook/model';
import { arithmeticReads, columnAfter, columnBefore } from './patch/refs';
import type { CellEdit, PackageEdits, SheetEdits } from './patch/types';

interface Touched {
  content: boolean;
  numberFormat: boolean;
  fill: boolean;
  italic: boolean;
}

/** What a plan's writes set, per cell (post-insert coordinates). */
function touchedCells(plan: WritePlan): Map<string, Touched> {
  const out = new Map<string, Touched>();
  for (const w of plan.writes) {
    const key = cellKey(w.row, w.col);
    const t = out.get(key) ?? { content: false, numberFormat: false, fill: false, italic: false };
    if (w.formula !== undefined || w.value !== undefined) t.content = true;
    if (w.numberFormat !== undefined) t.numberFormat = true;
    if (w.fill !== undefined) t.fill = true;
    if (w.italic !== undefined) t.italic = true;
    out.set(key, t);
  }
  return out;
}

/** A plan about to be applied, with the state of the cells it targets. */
export interface PendingPlan {
  plan: WritePlan;
  sheet: string;
  /** Target cells before the plan, keyed by their post-insert position; undefined for inserted cells. */
  before: Map<string, CellData | undefined>;
}

/** Captures what the plan's target cells hold before it is applied. */
export function capturePlan(model: WorkbookModel, plan: WritePlan): PendingPlan {
  const sheet = findSheet(model, plan.sheet);
  const before = new Map<string, CellData | undefined>();
  for (const key of touchedCells(plan).keys()) {
    const { row, col } = parseCellKey(key);
    const source = columnBefore(row, col, plan.inserts);
    const data = sheet && source !== undefined ? getCellData(sheet, row, source) : undefined;
    before.set(key, data ? { ...data } : undefined);
  }
  return { plan, sheet: sheet?.name ?? plan.sheet, before };
}

function sameCell(a: CellData | undefined, b: CellData | undefined, t: Touched): boolean {
  if (!a || !b) return !a && !b;
  if (t.content) {
    if ((a.formula ?? null) !== (b.formula ?? null)) return false;
    if (a.formula === undefined && (a.value ?? null) !== (b.value ?? null)) return false;
  }
  if (t.numberFormat && (a.numberFormat ?? 'General') !== (b.numberFormat ?? 'General')) return false;
  if (t.fill && (a.fill ?? null) !== (b.fill ?? null)) return false;
  if (t.italic && !!a.italic !== !!b.italic) return false;
  return true;
}

/** Column A of the store sheet, as text chunks (undefined when there is no store sheet). */
export function storeChunks(model: WorkbookModel): string[] | undefined {
  const sheet = findSheet(model, STORE_SHEET);
  if (!sheet) return undefined;
  const rows: { row: number; text: string }[] = [];
  for (const [key, data] of sheet.cells) {
    const { row, col } = parseCellKey(key);
    if (col === 0 && data.value !== null && data.value !== '') rows.push({ row, text: String(data.value) });
  }
  rows.sort((a, b) => a.row - b.row);
  return rows.map((r) => r.text);
}

/** The results of every formula cell, by sheet, as the workbook's engine computed them. */
export type FormulaResults = Map<string, Map<string, CellData['value']>>;

export function formulaResults(model: WorkbookModel): FormulaResults {
  const out: FormulaResults = new Map();
  for (const sheet of model.sheets) {
    const values = new Map<string, CellData['value']>();
    for (const [key, data] of sheet.cells) if (data.formula !== undefined) values.set(key, data.value);
    out.set(sheet.name, values);
  }
  return out;
}

/** Largest range whose cells are checked before a result is trusted. */
const MAX_CHECKED_CELLS = 2_000_000;

/**
 * The formula's result when it is certainly what Excel computes: plain
 * arithmetic (arithmeticReads) over cells that hold numbers or nothing, and
 * a finite number came out. Undefined otherwise: the file then carries no
 * cached result and Excel and LibreOffice calculate it on open.
 */
export function exactResult(
  model: WorkbookModel,
  sheetName: string,
  formula: string,
  value: unknown,
): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const reads = arithmeticReads(formula);
  if (!reads) return undefined;
  for (const read of reads) {
    const sheet = findSheet(model, read.sheet ?? sheetName);
    if (!sheet) return undefined;
    const { top, left, bottom, right } = read.rect;
    if ((bottom - top + 1) * (right - left + 1) > MAX_CHECKED_CELLS) return undefined;
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const cell = getCellData(sheet, r, c);
        if (!cell) continue;
        if (cell.error || typeof cell.value === 'boolean' || typeof cell.value === 'string') return undefined;
        if (cell.value === null && cell.formula !== undefined) return undefined;
      }
    }
  }
  return Object.is(value, -0) ? 0 : value;
}

/**
 * The package edits for the plans applied to `after`, in order. A plan the
 * gateway wrote nothing for (`written` 0 and no inserts) contributes nothing.
 * `before` holds the formula results before the plans (formulaResults): a
 * formula the plans did not write whose result changed (it reads written
 * cells) gets its new cached result, or none where it cannot be known
 * exactly, so no reader is shown a stale figure.
 */
export function packageEdits(
  after: WorkbookModel,
  applied: readonly { pending: PendingPlan; written: number }[],
  storeBefore: readonly string[] | undefined,
  before?: FormulaResults,
): PackageEdits {
  const bySheet = new Map<string, SheetEdits>();
  for (const { pending, written } of applied) {
    const { plan } = pending;
    if (written === 0 && plan.inserts.length === 0) continue;
    const sheet = findSheet(after, pending.sheet);
    if (!sheet) continue;
    const edits = bySheet.get(sheet.name) ?? { sheet: sheet.name, inserts: [], cells: [] };
    bySheet.set(sheet.name, edits);
    // Cells of an earlier plan on this sheet move with this plan's inserts.
    edits.cells = edits.cells.map((c) => ({ ...c, col: columnAfter(c.row, c.col, plan.inserts) }));
    append(edits.inserts, plan.inserts);
    for (const [key, t] of touchedCells(plan)) {
      const { row, col } = parseCellKey(key);
      const now = getCellData(sheet, row, col);
      const was = pending.before.get(key);
      if (was !== undefined && sameCell(was, now, t)) continue;
      const edit: CellEdit = { row, col };
      if (t.content) {
        if (now?.formula !== undefined) {
          edit.formula = now.formula;
          const result = exactResult(after, sheet.name, now.formula, now.value);
          if (result !== undefined) edit.result = result;
        } else {
          edit.value = now?.value ?? null;
          if (now?.error) edit.error = true;
        }
      }
      if (t.numberFormat) edit.numberFormat = now?.numberFormat ?? 'General';
      if (t.fill) edit.fill = now?.fill ?? null;
      if (t.italic) edit.italic = !!now?.italic;
      edits.cells.push(edit);
    }
  }
  if (before) {
    for (const sheet of after.sheets) {
      const was = before.get(sheet.name);
      if (!was) continue;
      const edits = bySheet.get(sheet.name);
      const written = new Set(edits?.cells.map((c) => cellKey(c.row, c.col)));
      const changes: CellEdit[] = [];
      for (const [key, data] of sheet.cells) {
        if (data.formula === undefined || written.has(key)) continue;
        const { row, col } = parseCellKey(key);
        const origin = edits ? columnBefore(row, col, edits.inserts) : col;
        if (origin === undefined || !was.has(cellKey(row, origin))) continue;
        const old = was.get(cellKey(row, origin));
        if (old === data.value || (Number.isNaN(old) && Number.isNaN(data.value))) continue;
        const result = exactResult(after, sheet.name, data.formula, data.value);
        changes.push({ row, col, resultOnly: true, ...(result !== undefined ? { result } : {}) });
      }
      if (changes.length === 0) continue;
      const target = edits ?? { sheet: sheet.name, inserts: [], cells: [] };
      append(target.cells, changes);
      bySheet.set(sheet.name, target);
    }
  }
  const result: PackageEdits = { sheets: [...bySheet.values()] };
  const store = storeChunks(after);
  const same =
    store !== undefined &&
    storeBefore !== undefined &&
    store.length === storeBefore.length &&
    store.every((c, i) => c === storeBefore[i]);
  if (store !== undefined && !same) result.store = store;
  return result;
}
