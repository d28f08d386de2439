/**
 * The generated-sheet mark (sheetPlan.ts GeneratedMark): how a later run
 * tells a sheet Budgetkoll made, and whether the user edited it since, from
 * a user's own sheet. The fingerprint covers contents only (formulas and
 * constants, not formats or computed results), written so that what Excel
 * hands back for a formula (quotes around sheet names dropped, $ kept or
 * not) fingerprints as what the plan wrote.
 */
import { forEachCell, type Grid } from '../grid';
import type { GeneratedMark, PlanCell, ReportKind } from './sheetPlan';

const KINDS: readonly ReportKind[] = ['verksamhetsrapport', 'foljetal', 'rapportrader'];

/** The text stored in the mark's defined name: "budgetkoll|<kind>|<fingerprint>". */
export function encodeMark(mark: GeneratedMark): string {
  return `budgetkoll|${mark.kind}|${mark.fingerprint}`;
}

/** Reads a mark's text; accepts the defined name's formula form `="…"` too. Undefined when it is no mark of ours. */
export function decodeMark(text: string | undefined): GeneratedMark | undefined {
  if (!text) return undefined;
  let t = text.trim();
  if (t.startsWith('=')) t = t.slice(1).trim();
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) t = t.slice(1, -1);
  const parts = t.split('|');
  if (parts.length !== 3 || parts[0] !== 'budgetkoll') return undefined;
  const kind = KINDS.find((k) => k === parts[1]);
  if (!kind || !/^[0-9a-f]{16}$/.test(parts[2]!)) return undefined;
  return { kind, fingerprint: parts[2]! };
}

/** The defined name's formula for a mark (Office.js names.add reference, the .xlsx <definedName> text). */
export function markFormula(mark: GeneratedMark): string {
  return `="${encodeMark(mark)}"`;
}

/** A formula as Excel may hand it back: no $, no quotes around sheet names, no spaces outside strings, upper case outside strings. */
export function normalizeFormula(formula: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i]!;
    if (ch === '"') {
      inString = !inString;
      out += ch;
    } else if (inString) out += ch;
    else if (ch === '$' || ch === "'" || ch === ' ') continue;
    else out += ch.toUpperCase();
  }
  return out;
}

function contentText(formula: string | undefined, value: unknown): string | undefined {
  if (formula) return `f${normalizeFormula(formula)}`;
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return `n${Number.isFinite(value) ? String(value) : 'NaN'}`;
  return `s${String(value)}`;
}

/** Two FNV-1a hashes over the cells' "row,col,content" in row-major order: 16 hex digits. */
class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;
  add(text: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ c, 0x01000193 + 2 * 0x100) >>> 0;
    }
    this.a = a;
    this.b = b;
  }
  hex(): string {
    return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
  }
}

/** The fingerprint of planned cells (sorted row-major, as a grid is read). */
export function planFingerprint(cells: readonly PlanCell[]): string {
  const sorted = [...cells].sort((x, y) => x.row - y.row || x.col - y.col);
  const fp = new Fingerprint();
  for (const c of sorted) {
    const t = contentText(c.formula, c.value);
    if (t !== undefined) fp.add(`${c.row},${c.col},${t};`);
  }
  return fp.hex();
}

/** The fingerprint of a sheet's current contents, comparable with planFingerprint of what was written. */
export function sheetFingerprint(grid: Grid): string {
  const fp = new Fingerprint();
  forEachCell(grid, (row, col, cell) => {
    const t = contentText(cell.f, cell.v);
    if (t !== undefined) fp.add(`${row},${col},${t};`);
  });
  return fp.hex();
}
