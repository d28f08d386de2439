/**
 * <sheetData> of one worksheet: rows nobody touches are copied as they are;
 * in the rows that change, only the cells that are written, moved by an
 * insert, or whose formula refers to moved cells are rewritten. Shared
 * formulas stay shared when every member moves alike, and are written out
 * cell by cell otherwise.
 */
import { columnLetter } from '../../core/grid';
import {
  MAX_COL,
  columnAfter,
  formatRef,
  mentionsName,
  parseRef,
  shiftFormula,
  shiftRect,
  slide,
  type Rect,
  type SheetInsert,
} from './refs';
import type { Styles, StyleChange } from './styles';
import { XlsxPatchError, type CellEdit } from './types';
import { cellText, escapeText, findElement, getAttr, setAttr, unescapeXml } from './xml';

export interface SheetDataJob {
  sheet: string;
  /** The worksheet part's namespace prefix ("" or "x:"). */
  p: string;
  /** This sheet's inserts, in order. */
  inserts: readonly SheetInsert[];
  /** Every insert of the workbook, in order (formulas here may refer to other sheets). */
  allInserts: readonly SheetInsert[];
  /** Cell edits by row, then column (coordinates after the inserts). */
  edits: Map<number, Map<number, CellEdit>>;
  styles: Styles;
  /** Style of an empty cell in a column (from <cols>), for cells created where none was. */
  columnStyle(col: number): number;
  /**
   * Defined names (lower case) that refer to cells this command changed: a
   * formula using one loses its cached result, which would be stale.
   */
  staleNames: readonly string[];
}

export interface SheetDataResult {
  /** The new <sheetData> element, or undefined when nothing changed. */
  xml?: string;
  /** Bounds of the cells in the rows that changed, to widen <dimension>. */
  bounds?: Rect;
  /** Whether any formula was written or changed (asks for recalculation on open). */
  formulasChanged: boolean;
}

interface Pos {
  row: number;
  col: number;
}

/** "AB12" → {row: 11, col: 27}, by character codes. */
function parseCellRef(ref: string): Pos | undefined {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    i++;
  }
  if (i === 0 || i > 3) return undefined;
  let row = 0;
  const digits = i;
  while (i < ref.length) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + (c - 48);
    i++;
  }
  if (i === digits || row < 1) return undefined;
  return { row: row - 1, col: col - 1 };
}

function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** The `r` attribute of a `<c …>` start tag; fast path for Excel's `<c r="…"` layout. */
function refAttr(tag: string, p: string): string | undefined {
  const fast = `<${p}c r="`;
  if (tag.startsWith(fast)) {
    const end = tag.indexOf('"', fast.length);
    return end < 0 ? undefined : tag.slice(fast.length, end);
  }
  return getAttr(tag, 'r');
}

interface CellSpan {
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
  col: number;
  hasR: boolean;
}

interface RowSpan {
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
  row: number;
  hasR: boolean;
}

function isTagEnd(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/** Calls `fn` for every row element of sheetData [from, to). */
function eachRow(xml: string, from: number, to: number, p: string, fn: (row: RowSpan) => void): void {
  const open = `<${p}row`;
  const close = `</${p}row>`;
  let at = xml.indexOf(open, from);
  let prev = -1;
  while (at >= 0 && at < to) {
    if (!isTagEnd(xml.charCodeAt(at + open.length))) {
      at = xml.indexOf(open, at + 1);
      continue;
    }
    const gt = xml.indexOf('>', at);
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const end = selfClosing ? gt + 1 : xml.indexOf(close, gt) + close.length;
    const r = getAttr(xml.slice(at, gt + 1), 'r');
    const row = r === undefined ? prev + 1 : Number(r) - 1;
    fn({ start: at, openEnd: gt + 1, end, selfClosing, row, hasR: r !== undefined });
    prev = row;
    at = xml.indexOf(open, end);
  }
}

/** The cells of one row element (scanning only the row's own text). */
function rowCells(xml: string, row: RowSpan, p: string): CellSpan[] {
  const cells: CellSpan[] = [];
  if (row.selfClosing) return cells;
  const body = xml.slice(row.openEnd, row.end);
  const base = row.openEnd;
  const open = `<${p}c`;
  const close = `</${p}c>`;
  let at = body.indexOf(open);
  let prev = -1;
  while (at >= 0) {
    if (!isTagEnd(body.charCodeAt(at + open.length))) {
      at = body.indexOf(open, at + 1);
      continue;
    }
    const gt = body.indexOf('>', at);
    const selfClosing = body.charCodeAt(gt - 1) === 47;
    const end = selfClosing ? gt + 1 : body.indexOf(close, gt) + close.length;
    const r = refAttr(body.slice(at, gt + 1), p);
    const pos = r === undefined ? undefined : parseCellRef(r);
    const col = pos ? pos.col : prev + 1;
    cells.push({
      start: base + at,
      openEnd: base + gt + 1,
      end: base + end,
      selfClosing,
      col,
      hasR: pos !== undefined,
    });
    prev = col;
    at = body.indexOf(open, end);
  }
  return cells;
}

interface FormulaInfo {
  /** The <f> element inside the cell text. */
  span: { start: number; openEnd: number; closeStart: number; end: number; selfClosing: boolean };
  tag: string;
  type: string;
  text: string;
}

function formulaOf(cell: string, p: string): FormulaInfo | undefined {
  if (cell.indexOf(`<${p}f`) < 0) return undefined;
  const span = findElement(cell, `${p}f`);
  if (!span) return undefined;
  const tag = cell.slice(span.start, span.openEnd);
  return {
    span,
    tag,
    type: getAttr(tag, 't') ?? 'normal',
    text: span.selfClosing ? '' : unescapeXml(cell.slice(span.openEnd, span.closeStart)),
  };
}

interface SharedGroup {
  master?: Pos & { text: string; ref?: Rect };
  members: Pos[];
}

type MemberChange = { kind: 'explicit'; text: string } | { kind: 'master'; text: string; ref?: string };

/** Finds shared formula groups and array formulas; refuses inserts that would cut an array. */
function collectFormulas(
  xml: string,
  from: number,
  to: number,
  job: SheetDataJob,
): { groups: Map<string, SharedGroup>; arrays: (Pos & { ref: Rect })[] } {
  const groups = new Map<string, SharedGroup>();
  const arrays: (Pos & { ref: Rect })[] = [];
  const body = xml.slice(from, to);
  if (body.indexOf('shared') < 0 && body.indexOf('array') < 0 && body.indexOf('dataTable') < 0)
    return { groups, arrays };
  const formulas = new TagCursor(xml, `<${job.p}f`);
  eachRow(xml, from, to, job.p, (row) => {
    if (row.selfClosing || !formulas.within(row.openEnd, row.end)) return;
    for (const c of rowCells(xml, row, job.p)) {
      const f = formulaOf(xml.slice(c.start, c.end), job.p);
      if (!f) continue;
      if (f.type === 'shared') {
        const si = getAttr(f.tag, 'si') ?? '';
        const group = groups.get(si) ?? { members: [] };
        groups.set(si, group);
        group.members.push({ row: row.row, col: c.col });
        const ref = getAttr(f.tag, 'ref');
        if (ref !== undefined && !f.span.selfClosing)
          group.master = { row: row.row, col: c.col, text: f.text, ref: parseRef(ref) };
      } else if (f.type === 'array' || f.type === 'dataTable') {
        const ref = parseRef(getAttr(f.tag, 'ref') ?? a1(row.row, c.col));
        if (ref) arrays.push({ row: row.row, col: c.col, ref });
      }
    }
  });
  return { groups, arrays };
}

function refuseArray(job: SheetDataJob, ref: Rect, why: string): never {
  throw new XlsxPatchError(
    'array_conflict',
    `Bladet ”${job.sheet}”: ${why} matrisformeln i ${formatRef(ref)}. Excel tillåter inte att en del av en matris ändras. ` +
      'Flytta eller ta bort matrisformeln och kör igen.',
  );
}

/** Array formulas: an insert may move them whole, never cut them; no write may land inside one. */
function checkArrays(arrays: (Pos & { ref: Rect })[], job: SheetDataJob): Map<string, Rect> {
  const moved = new Map<string, Rect>();
  for (const a of arrays) {
    let rect = a.ref;
    for (const ins of job.inserts) {
      const s = shiftRect(rect, ins);
      if (s.kind === 'split' || s.kind === 'grown') refuseArray(job, a.ref, `celler skulle infogas i`);
      if (s.kind === 'moved') rect = s.rect;
    }
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row = job.edits.get(r);
      if (!row) continue;
      for (const col of row.keys())
        if (col >= rect.left && col <= rect.right) refuseArray(job, a.ref, `Budgetkoll skulle skriva i`);
    }
    if (rect !== a.ref) moved.set(`${a.row},${a.col}`, rect);
  }
  return moved;
}

/** How each member of each shared group changes: kept shared (master rewritten) or written out. */
function planShared(groups: Map<string, SharedGroup>, job: SheetDataJob): Map<string, MemberChange> {
  const changes = new Map<string, MemberChange>();
  for (const group of groups.values()) {
    const master = group.master;
    if (!master) continue;
    const written = (m: Pos) => job.edits.get(m.row)?.has(columnAfter(m.row, m.col, job.inserts)) === true;
    if (job.allInserts.length === 0 && !group.members.some(written)) continue;
    const masterShifted = shiftFormula(master.text, job.sheet, job.allInserts);
    const masterDelta = columnAfter(master.row, master.col, job.inserts) - master.col;
    let keep = !group.members.some(written);
    const explicit: { m: Pos; text: string }[] = [];
    for (const m of group.members) {
      const dr = m.row - master.row;
      const dc = m.col - master.col;
      const expanded = dr === 0 && dc === 0 ? master.text : slide(master.text, dr, dc);
      const shifted = shiftFormula(expanded, job.sheet, job.allInserts);
      explicit.push({ m, text: shifted });
      if (!keep) continue;
      const delta = columnAfter(m.row, m.col, job.inserts) - m.col;
      if (delta !== masterDelta) keep = false;
      else if (shifted !== (dr === 0 && dc === 0 ? masterShifted : slide(masterShifted, dr, dc)))
        keep = false;
    }
    if (keep) {
      if (masterShifted === master.text && masterDelta === 0) continue;
      const ref = master.ref
        ? formatRef({
            ...master.ref,
            left: master.ref.left + masterDelta,
            right: Math.min(MAX_COL, master.ref.right + masterDelta),
          })
        : undefined;
      changes.set(`${master.row},${master.col}`, {
        kind: 'master',
        text: masterShifted,
        ...(ref ? { ref } : {}),
      });
      continue;
    }
    for (const { m, text } of explicit)
      if (!written(m)) changes.set(`${m.row},${m.col}`, { kind: 'explicit', text });
  }
  return changes;
}

/** A plain <f> element for `text`, keeping the attributes of the old one that still apply. */
function plainFormula(oldTag: string, text: string, p: string): string {
  let tag = oldTag.endsWith('/>') ? `${oldTag.slice(0, -2)}>` : oldTag;
  for (const a of ['t', 'ref', 'si']) tag = setAttr(tag, a, undefined);
  return `${tag}${escapeText(text)}</${p}f>`;
}

function numberText(n: number): string {
  if (!Number.isFinite(n))
    throw new XlsxPatchError(
      'invalid_edit',
      'Budgetkoll försökte skriva ett ogiltigt tal; inget har ändrats.',
    );
  return Object.is(n, -0) ? '0' : String(n);
}

/** Whether text would be taken for a formula or a sign if typed: Excel keeps it text with its quote prefix. */
function needsQuotePrefix(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64;
}

function styleOf(tag: string): number {
  const s = getAttr(tag, 's');
  return s === undefined ? 0 : Number(s) || 0;
}

/** The cell element an edit leaves; undefined when the cell ends up empty and unformatted. */
function editedCell(
  job: SheetDataJob,
  row: number,
  col: number,
  edit: CellEdit,
  original: string | undefined,
  baseStyle: number,
): string | undefined {
  const p = job.p;
  // A cached result alone never creates a cell.
  if (edit.resultOnly) return original;
  const change: StyleChange = {};
  if (edit.numberFormat !== undefined) change.numberFormat = edit.numberFormat;
  if (edit.fill !== undefined) change.fill = edit.fill;
  if (edit.italic !== undefined) change.italic = edit.italic;
  let type: string | undefined;
  let inner: string;
  if (edit.formula !== undefined) {
    const text = edit.formula.startsWith('=') ? edit.formula.slice(1) : edit.formula;
    const result = edit.result === undefined ? '' : `<${p}v>${numberText(edit.result)}</${p}v>`;
    inner = `<${p}f>${escapeText(text)}</${p}f>${result}`;
    change.quotePrefix = false;
  } else if (edit.value !== undefined) {
    const v = edit.value;
    if (v === null) inner = '';
    else if (typeof v === 'number') inner = `<${p}v>${numberText(v)}</${p}v>`;
    else if (typeof v === 'boolean') {
      type = 'b';
      inner = `<${p}v>${v ? 1 : 0}</${p}v>`;
    } else if (edit.error) {
      type = 'e';
      inner = `<${p}v>${escapeText(v)}</${p}v>`;
    } else {
      type = 'inlineStr';
      const space = /^\s|\s$|[\n\t]/.test(v) ? ' xml:space="preserve"' : '';
      inner = `<${p}is><${p}t${space}>${cellText(v)}</${p}t></${p}is>`;
    }
    change.quotePrefix = typeof v === 'string' && !edit.error && needsQuotePrefix(v);
  } else {
    // Formatting only: the content stays as it was, bytes included.
    const openEnd = original ? original.indexOf('>') + 1 : 0;
    const tag = original ? original.slice(0, openEnd) : '';
    type = original ? getAttr(tag, 't') : undefined;
    inner =
      original && !tag.endsWith('/>') ? original.slice(openEnd, original.length - `</${p}c>`.length) : '';
  }
  const style = job.styles.xfFor(baseStyle, change);
  if (inner === '' && style === 0) return undefined;
  const s =
    style !== 0 ||
    (original !== undefined && getAttr(original.slice(0, original.indexOf('>') + 1), 's') !== undefined)
      ? ` s="${style}"`
      : '';
  const t = type ? ` t="${type}"` : '';
  const r = ` r="${a1(row, col)}"`;
  return inner === '' ? `<${p}c${r}${s}${t}/>` : `<${p}c${r}${s}${t}>${inner}</${p}c>`;
}

/** A formula cell with its cached result replaced (or dropped, so the result is calculated on open). */
function withResult(original: string | undefined, result: number | undefined, p: string): string | undefined {
  if (original === undefined || formulaOf(original, p) === undefined) return original;
  const gt = original.indexOf('>');
  // The type attribute describes the cached value (str, b, e); a number has none.
  const tag = setAttr(original.slice(0, gt + 1), 't', undefined);
  const v = findElement(original, `${p}v`);
  const value = result === undefined ? '' : `<${p}v>${numberText(result)}</${p}v>`;
  if (v) return tag + original.slice(gt + 1, v.start) + value + original.slice(v.end);
  const f = findElement(original, `${p}f`)!;
  return tag + original.slice(gt + 1, f.end) + value + original.slice(f.end);
}

/** A cell that is not written: moved by the inserts, its formula shifted; the original text when nothing changes. */
function movedCell(
  job: SheetDataJob,
  text: string,
  row: number,
  oldCol: number,
  newCol: number,
  hasR: boolean,
  shared: Map<string, MemberChange>,
  arrays: Map<string, Rect>,
  sharedText: (si: string | undefined) => string | undefined,
): { text: string; formulaChanged: boolean } {
  let out = text;
  let formulaChanged = false;
  const f = formulaOf(text, job.p);
  let stale = false;
  if (f && job.staleNames.length > 0) {
    const source = f.type === 'shared' && f.span.selfClosing ? sharedText(getAttr(f.tag, 'si')) : f.text;
    stale = source !== undefined && mentionsName(source, job.staleNames) && text.indexOf(`<${job.p}v`) >= 0;
  }
  if (f) {
    let fElement: string | undefined;
    const key = `${row},${oldCol}`;
    if (f.type === 'shared') {
      const change = shared.get(key);
      if (change?.kind === 'explicit') fElement = plainFormula(f.tag, change.text, job.p);
      else if (change?.kind === 'master') {
        let tag = f.tag;
        if (change.ref !== undefined) tag = setAttr(tag, 'ref', change.ref);
        fElement = `${tag}${escapeText(change.text)}</${job.p}f>`;
      }
    } else if (job.allInserts.length > 0 && !f.span.selfClosing) {
      const shifted = shiftFormula(f.text, job.sheet, job.allInserts);
      let tag = f.tag;
      const moved = arrays.get(key);
      if (moved) tag = setAttr(tag, 'ref', formatRef(moved));
      if (shifted !== f.text || tag !== f.tag) fElement = `${tag}${escapeText(shifted)}</${job.p}f>`;
    }
    if (fElement !== undefined) {
      formulaChanged = true;
      out = out.slice(0, f.span.start) + fElement + out.slice(f.span.end);
    }
  }
  // Its cached result would be stale; Excel and LibreOffice calculate it on open instead.
  if (stale) out = withResult(out, undefined, job.p) ?? out;
  if (newCol !== oldCol || !hasR) {
    const gt = out.indexOf('>');
    out = setAttr(out.slice(0, gt + 1), 'r', a1(row, newCol)) + out.slice(gt + 1);
  }
  return { text: out, formulaChanged };
}

/** "1:8" widened to cover [lo, hi] (0-based columns); other forms are dropped, the attribute being optional. */
function widenSpans(spans: string, lo: number, hi: number): string | undefined {
  const colon = spans.indexOf(':');
  const a = Number(spans.slice(0, colon));
  const b = Number(spans.slice(colon + 1));
  if (colon < 0 || !Number.isInteger(a) || !Number.isInteger(b)) return undefined;
  return `${Math.min(a, lo + 1)}:${Math.max(b, hi + 1)}`;
}

/** Finds the next occurrence of a tag at or after each position asked, scanning the part once overall. */
class TagCursor {
  private next = -2;

  constructor(
    private readonly xml: string,
    private readonly tag: string,
  ) {}

  /** Whether the tag occurs in [from, to). Calls must come with non-decreasing `from`. */
  within(from: number, to: number): boolean {
    if (this.next !== -1 && this.next < from) this.next = this.xml.indexOf(this.tag, from);
    return this.next >= 0 && this.next < to;
  }
}

interface ParsedCell {
  col: number;
  text: string;
  style: number;
  hasR: boolean;
}

export function patchSheetData(xml: string, job: SheetDataJob): SheetDataResult {
  const p = job.p;
  const sd = findElement(xml, `${p}sheetData`);
  if (!sd) {
    if (job.edits.size === 0) return { formulasChanged: false };
    throw new XlsxPatchError('not_xlsx', `Bladet ”${job.sheet}” saknar celldata och kan inte ändras.`);
  }
  const found = sd.selfClosing
    ? { groups: new Map<string, SharedGroup>(), arrays: [] }
    : collectFormulas(xml, sd.openEnd, sd.closeStart, job);
  const movedArrays = checkArrays(found.arrays, job);
  const shared = planShared(found.groups, job);
  const needFormulaScan = job.allInserts.length > 0 || shared.size > 0 || job.staleNames.length > 0;
  const sharedText = (si: string | undefined) =>
    si === undefined ? undefined : found.groups.get(si)?.master?.text;
  const editRows = [...job.edits.keys()].sort((a, b) => a - b);
  let nextEditRow = 0;
  let formulasChanged = false;
  let bounds: Rect | undefined;
  const widen = (row: number, lo: number, hi: number) => {
    bounds = bounds
      ? {
          top: Math.min(bounds.top, row),
          bottom: Math.max(bounds.bottom, row),
          left: Math.min(bounds.left, lo),
          right: Math.max(bounds.right, hi),
        }
      : { top: row, bottom: row, left: lo, right: hi };
  };

  /** The row's new text, or undefined when it stays as it was. */
  const buildRow = (
    rowNum: number,
    rowTag: string | undefined,
    cells: ParsedCell[],
    tail: string,
  ): string | undefined => {
    const rowEdits = job.edits.get(rowNum);
    const rowInserts = job.inserts.filter((ins) => rowNum >= ins.top && rowNum <= ins.bottom);
    const rowStyle =
      rowTag && ['1', 'true'].includes(getAttr(rowTag, 'customFormat') ?? '') ? styleOf(rowTag) : undefined;
    const emptyStyle = (col: number) => rowStyle ?? job.columnStyle(col);
    const out = new Map<number, { text: string; style: number }>();
    const consumed = new Set<number>();
    let dirty = rowTag === undefined;
    for (const c of cells) {
      const newCol = columnAfter(rowNum, c.col, rowInserts);
      if (newCol > MAX_COL) {
        // Excel will not push content off the sheet; a formatted empty cell past XFD just goes.
        if (
          c.text.indexOf(`<${p}v`) >= 0 ||
          c.text.indexOf(`<${p}f`) >= 0 ||
          c.text.indexOf(`<${p}is`) >= 0
        ) {
          throw new XlsxPatchError(
            'invalid_edit',
            `Bladet ”${job.sheet}”: kolumnen kan inte läggas in eftersom cellen ${a1(rowNum, c.col)} då skulle hamna utanför bladet. ` +
              'Flytta innehållet längst till höger och kör igen.',
          );
        }
        dirty = true;
        continue;
      }
      const edit = rowEdits?.get(newCol);
      if (edit?.resultOnly) {
        consumed.add(newCol);
        const moved = movedCell(job, c.text, rowNum, c.col, newCol, c.hasR, shared, movedArrays, sharedText);
        if (moved.formulaChanged) formulasChanged = true;
        out.set(newCol, { text: withResult(moved.text, edit.result, p) ?? moved.text, style: c.style });
        dirty = true;
        continue;
      }
      if (edit) {
        consumed.add(newCol);
        if (edit.formula !== undefined) formulasChanged = true;
        out.set(newCol, {
          text: editedCell(job, rowNum, newCol, edit, c.text, c.style) ?? '',
          style: c.style,
        });
        dirty = true;
        continue;
      }
      const moved = movedCell(job, c.text, rowNum, c.col, newCol, c.hasR, shared, movedArrays, sharedText);
      if (moved.formulaChanged) formulasChanged = true;
      if (moved.text !== c.text) dirty = true;
      out.set(newCol, { text: moved.text, style: c.style });
    }
    // The inserted cells, where the later inserts leave them, take their left neighbour's format as in Excel.
    const inserted: number[] = [];
    rowInserts.forEach((ins, k) => {
      let pos = ins.col;
      for (const later of rowInserts.slice(k + 1)) if (pos >= later.col) pos++;
      if (pos <= MAX_COL) inserted.push(pos);
    });
    inserted.sort((a, b) => a - b);
    for (const pos of inserted) {
      const left = out.get(pos - 1);
      const style = pos === 0 ? emptyStyle(pos) : left ? left.style : emptyStyle(pos - 1);
      const edit = rowEdits?.get(pos);
      let text = '';
      if (edit) {
        consumed.add(pos);
        if (edit.formula !== undefined) formulasChanged = true;
        text = editedCell(job, rowNum, pos, edit, undefined, style) ?? '';
      } else if (style !== 0) {
        text = `<${p}c r="${a1(rowNum, pos)}" s="${style}"/>`;
      }
      out.set(pos, { text, style });
      if (text !== '') dirty = true;
    }
    for (const [col, edit] of rowEdits ?? []) {
      if (consumed.has(col)) continue;
      if (edit.formula !== undefined) formulasChanged = true;
      const text = editedCell(job, rowNum, col, edit, undefined, emptyStyle(col)) ?? '';
      out.set(col, { text, style: 0 });
      if (text !== '') dirty = true;
    }
    if (!dirty) return undefined;
    const present = [...out.keys()].filter((c) => out.get(c)!.text !== '').sort((a, b) => a - b);
    if (present.length > 0) widen(rowNum, present[0]!, present[present.length - 1]!);
    else if (rowTag === undefined) return '';
    let tag = rowTag ?? `<${p}row r="${rowNum + 1}">`;
    if (tag.endsWith('/>')) tag = `${tag.slice(0, -2)}>`;
    if (getAttr(tag, 'r') === undefined) tag = setAttr(tag, 'r', String(rowNum + 1));
    const spans = getAttr(tag, 'spans');
    if (present.length > 0 && spans !== undefined)
      tag = setAttr(tag, 'spans', widenSpans(spans, present[0]!, present[present.length - 1]!));
    return `${tag}${present.map((c) => out.get(c)!.text).join('')}${tail}</${p}row>`;
  };

  const parts: string[] = [];
  let last = sd.openEnd;
  const emitNewRowsBefore = (rowNum: number, at: number) => {
    while (nextEditRow < editRows.length && editRows[nextEditRow]! < rowNum) {
      const text = buildRow(editRows[nextEditRow++]!, undefined, [], '');
      if (text) {
        parts.push(xml.slice(last, at), text);
        last = at;
      }
    }
  };

  if (!sd.selfClosing) {
    const formulas = new TagCursor(xml, `<${p}f`);
    eachRow(xml, sd.openEnd, sd.closeStart, p, (row) => {
      emitNewRowsBefore(row.row, row.start);
      if (editRows[nextEditRow] === row.row) nextEditRow++;
      const inBand = job.inserts.some((ins) => row.row >= ins.top && row.row <= ins.bottom);
      const hasEdits = job.edits.has(row.row);
      const hasFormula = needFormulaScan && !row.selfClosing && formulas.within(row.openEnd, row.end);
      if (!inBand && !hasEdits && !hasFormula && row.hasR) return;
      const spans = rowCells(xml, row, p);
      const cells = spans.map((c) => {
        const text = xml.slice(c.start, c.end);
        return { col: c.col, text, style: styleOf(text.slice(0, c.openEnd - c.start)), hasR: c.hasR };
      });
      // An extLst after the cells stays.
      const cellsEnd = spans.length ? spans[spans.length - 1]!.end : row.openEnd;
      const close = row.selfClosing ? row.end : row.end - `</${p}row>`.length;
      const rest = xml.slice(Math.min(cellsEnd, close), close);
      const tail = rest.indexOf(`<${p}extLst`) >= 0 ? rest.slice(rest.indexOf(`<${p}extLst`)) : '';
      const text = buildRow(row.row, xml.slice(row.start, row.openEnd), cells, tail);
      if (text === undefined && row.hasR) return;
      parts.push(
        xml.slice(last, row.start),
        text ??
          setAttr(xml.slice(row.start, row.openEnd), 'r', String(row.row + 1)) +
            xml.slice(row.openEnd, row.end),
      );
      last = row.end;
    });
  }
  const end = sd.selfClosing ? last : sd.closeStart;
  emitNewRowsBefore(Number.MAX_SAFE_INTEGER, end);
  if (parts.length === 0) return { formulasChanged: false };
  const open = sd.selfClosing ? `${xml.slice(sd.start, sd.openEnd - 2)}>` : xml.slice(sd.start, sd.openEnd);
  const inner = parts.join('') + (sd.selfClosing ? '' : xml.slice(last, sd.closeStart));
  return { xml: `${open}${inner}</${p}sheetData>`, ...(bounds ? { bounds } : {}), formulasChanged };
}
