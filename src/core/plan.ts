import type { RangeRef } from './grid';
/**
 * A write plan is what a command wants done to a sheet; the gateways
 * (Office.js, .xlsx, simulated host) only apply it. Keeping it plain data lets
 * the core be tested without Excel and lets the gateways journal exactly what
 * they overwrite so "Ångra" can restore it.
 */

export interface CellWrite {
  row: number;
  col: number;
  /** Formula with "=" in invariant syntax. Mutually exclusive with `value`. */
  formula?: string;
  /** Constant. Strings are written as text even when they start with =, +, - or @. */
  value?: number | string | null;
  numberFormat?: string;
  /** "#RRGGBB" to set, null to clear, undefined to leave as is. */
  fill?: string | null;
  italic?: boolean;
}

/** Cells inserted with shift right, at column `col`, rows top..bottom (inclusive). */
export interface ColumnInsert {
  col: number;
  top: number;
  bottom: number;
}

export interface WritePlan {
  sheet: string;
  /** Inserts are applied first, left to right as listed; `writes` use coordinates after all inserts. */
  inserts: ColumnInsert[];
  writes: CellWrite[];
  /**
   * The cells (pre-insert coordinates) the plan was computed from. Before
   * writing, the gateway compares these (and the cells it writes) with the
   * snapshot, so an edit elsewhere on the sheet does not stop the command.
   * Absent: the whole snapshot is compared.
   */
  dependsOn?: RangeRef[];
}

/** The state of a cell before a command changed it. */
export interface CellState {
  row: number;
  col: number;
  formula: string | null;
  value: number | string | boolean | null;
  numberFormat: string;
  fill: string | null;
  italic: boolean;
}

export interface JournalEntry {
  id: string;
  command: CommandName;
  /** Swedish one-line description shown next to "Ångra senaste". */
  description: string;
  createdAt: string;
  sheet: string;
  inserts: ColumnInsert[];
  /** States in post-insert coordinates. */
  before: CellState[];
  /**
   * What the command wrote (formula or constant), post-insert coordinates. "Ångra" checks
   * that the cells still hold it, so an undo never lands on cells that moved or were edited since.
   */
  after?: WrittenContent[];
  /** Sheets a report command created or replaced (command 'createReport'); cells are not journalled then. */
  sheets?: SheetUndo[];
}

/**
 * How Ångra takes back one sheet a report command wrote: it deletes
 * `created`, and where that replaced a sheet Budgetkoll generated before,
 * gives the old sheet (kept very hidden as `backup`, with everything on it)
 * its name, visibility and tab position back. Renaming rather than copying
 * keeps the references of other sheets to the old sheet exactly as they were.
 */
export interface SheetUndo {
  created: string;
  /** sheetFingerprint of what was written, so Ångra refuses when the user edited the new sheet since. */
  fingerprint: string;
  replaced?: { backup: string; visibility: 'Visible' | 'Hidden'; position: number };
  /** The sheet that was active before the command (it activated the report), activated again by Ångra. */
  activeBefore?: string;
}

export interface WrittenContent {
  row: number;
  col: number;
  formula?: string;
  value?: number | string | null;
}

export type CommandName = 'computeDeviations' | 'convertTextNumbers' | 'highlight' | 'createReport';

export function isEmptyPlan(plan: WritePlan): boolean {
  return plan.inserts.length === 0 && plan.writes.length === 0;
}

/**
 * Text written from a label must stay text: Excel would turn "=x", "+x", "-x"
 * and "@x" into formulas. A leading apostrophe is Excel's own text prefix.
 */
export function asTextLiteral(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/** Maps a pre-insert column index to its index after `inserts` were applied on `row`. */
export function shiftedColumn(col: number, row: number, inserts: ColumnInsert[]): number {
  let c = col;
  for (const ins of inserts) {
    if (row >= ins.top && row <= ins.bottom && c >= ins.col) c += 1;
  }
  return c;
}
