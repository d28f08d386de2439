/**
 * One worksheet part: its cells (sheetData.ts) and everything else in it
 * that names cells: the dimension, merged cells, conditional formatting,
 * data validation, hyperlinks, the autofilter, ignored errors, protected
 * ranges, and the formulas and ranges of Excel 2010 extensions (x14 rules,
 * sparklines). Each is moved the way Excel moves it when cells are inserted
 * with shift right; what Excel refuses to cut (a merged cell, a filter) is
 * refused with a Swedish message before anything is written.
 */
import { patchSheetData } from './sheetData';
import {
  MAX_COL,
  formatRef,
  parseRef,
  shiftFormula,
  shiftRect,
  shiftSqref,
  type Rect,
  type SheetInsert,
} from './refs';
import type { Styles } from './styles';
import { XlsxPatchError, type CellEdit } from './types';
import { escapeText, findElement, findElements, getAttr, rootPrefix, setAttr, unescapeXml } from './xml';

export interface WorksheetJob {
  sheet: string;
  inserts: readonly SheetInsert[];
  allInserts: readonly SheetInsert[];
  edits: Map<number, Map<number, CellEdit>>;
  styles: Styles;
  /** Defined names (lower case) whose cells changed; see SheetDataJob.staleNames. */
  staleNames: readonly string[];
}

export interface WorksheetResult {
  xml?: string;
  formulasChanged: boolean;
}

const EXCEL_MAIN_NS = 'http://schemas.microsoft.com/office/excel/2006/main';

/** Prefixes bound to the Excel 2006 main namespace (usually "xm"), whose f and sqref elements carry references. */
function excelMainPrefixes(xml: string): string[] {
  const out: string[] = [];
  const marker = `="${EXCEL_MAIN_NS}"`;
  let i = xml.indexOf(marker);
  while (i >= 0) {
    const start = xml.lastIndexOf('xmlns:', i);
    if (start >= 0) out.push(xml.slice(start + 6, i));
    i = xml.indexOf(marker, i + 1);
  }
  return [...new Set(out)];
}

/** Whether the sheet is protected (Excel refuses to change locked cells and to insert cells). */
function isProtected(xml: string, p: string): boolean {
  const el = findElement(xml, `${p}sheetProtection`);
  if (!el) return false;
  const sheet = getAttr(xml.slice(el.start, el.openEnd), 'sheet');
  return sheet === '1' || sheet === 'true';
}

/** Column styles from <cols>, for cells created where there was none. */
function columnStyles(xml: string, p: string): (col: number) => number {
  const cols = findElement(xml, `${p}cols`);
  if (!cols || cols.selfClosing) return () => 0;
  const ranges = findElements(xml, `${p}col`, cols.openEnd, cols.closeStart).map((e) => {
    const tag = xml.slice(e.start, e.openEnd);
    return {
      min: Number(getAttr(tag, 'min')) - 1,
      max: Number(getAttr(tag, 'max')) - 1,
      style: Number(getAttr(tag, 'style') ?? 0) || 0,
    };
  });
  return (col) => ranges.find((r) => col >= r.min && col <= r.max)?.style ?? 0;
}

function mergeConflict(sheet: string, ref: string): never {
  throw new XlsxPatchError(
    'merge_conflict',
    `Bladet ”${sheet}”: kolumnen kan inte läggas in eftersom den skulle dela de sammanfogade cellerna ${ref}. ` +
      'Dela upp sammanfogningen (Start → Sammanfoga och centrera) och kör igen.',
  );
}

function filterConflict(sheet: string, ref: string): never {
  throw new XlsxPatchError(
    'filter_conflict',
    `Bladet ”${sheet}”: kolumnen kan inte läggas in eftersom den skulle dela filterområdet ${ref}. ` +
      'Ta bort filtret (Data → Filtrera) och kör igen.',
  );
}

/** Rewrites one attribute of every element `qname` with `fn` (undefined = unchanged). */
function mapAttr(
  xml: string,
  qname: string,
  attr: string,
  fn: (value: string) => string | undefined,
): string {
  const els = findElements(xml, qname);
  if (els.length === 0) return xml;
  let out = '';
  let last = 0;
  for (const e of els) {
    const tag = xml.slice(e.start, e.openEnd);
    const value = getAttr(tag, attr);
    const next = value === undefined ? undefined : fn(value);
    if (next === undefined || next === value) continue;
    out += xml.slice(last, e.start) + setAttr(tag, attr, next);
    last = e.openEnd;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** Rewrites the text content of every element `qname` with `fn`. */
function mapText(xml: string, qname: string, fn: (text: string) => string): string {
  const els = findElements(xml, qname);
  if (els.length === 0) return xml;
  let out = '';
  let last = 0;
  for (const e of els) {
    if (e.selfClosing) continue;
    const text = unescapeXml(xml.slice(e.openEnd, e.closeStart));
    const next = fn(text);
    if (next === text) continue;
    out += xml.slice(last, e.openEnd) + escapeText(next);
    last = e.closeStart;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** A rectangle that must stay whole, after the sheet's inserts; `refuse` is called when one would cut it. */
function shiftWhole(
  ref: string,
  inserts: readonly SheetInsert[],
  allowGrow: boolean,
  refuse: () => never,
): string {
  let rect = parseRef(ref);
  if (!rect) return ref;
  const original = rect;
  for (const ins of inserts) {
    const s = shiftRect(rect, ins);
    if (s.kind === 'split' || (s.kind === 'grown' && !allowGrow)) refuse();
    if (s.kind !== 'same') rect = s.rect;
  }
  return rect === original ? ref : formatRef(rect);
}

/** The autofilter: moved or widened whole; a filter column after the inserted one keeps its column. */
function shiftAutoFilter(xml: string, p: string, sheet: string, inserts: readonly SheetInsert[]): string {
  const el = findElement(xml, `${p}autoFilter`);
  if (!el) return xml;
  const tag = xml.slice(el.start, el.openEnd);
  const ref = getAttr(tag, 'ref');
  const rect = ref === undefined ? undefined : parseRef(ref);
  if (!ref || !rect) return xml;
  let current: Rect = rect;
  let body = el.selfClosing ? '' : xml.slice(el.openEnd, el.closeStart);
  for (const ins of inserts) {
    const s = shiftRect(current, ins);
    if (s.kind === 'split') filterConflict(sheet, ref);
    if (s.kind === 'grown') {
      const at = ins.col - current.left;
      body = mapAttr(body, `${p}filterColumn`, 'colId', (v) =>
        Number(v) >= at ? String(Number(v) + 1) : undefined,
      );
    }
    if (s.kind !== 'same') current = s.rect;
  }
  if (current === rect) return xml;
  body = mapAttr(body, `${p}sortState`, 'ref', (v) => shiftSqref(v, inserts));
  body = mapAttr(body, `${p}sortCondition`, 'ref', (v) => shiftSqref(v, inserts));
  const newTag = setAttr(tag, 'ref', formatRef(current));
  return el.selfClosing
    ? xml.slice(0, el.start) + newTag + xml.slice(el.end)
    : xml.slice(0, el.start) + newTag + body + xml.slice(el.closeStart);
}

/** The dimension widened to the cells that were written or moved. */
function widenDimension(xml: string, p: string, bounds: Rect | undefined): string {
  if (!bounds) return xml;
  return mapAttr(xml, `${p}dimension`, 'ref', (ref) => {
    const r = parseRef(ref);
    if (!r) return undefined;
    // An empty sheet's dimension is "A1" with no cell in it.
    const next = {
      top: Math.min(r.top, bounds.top),
      left: Math.min(r.left, bounds.left),
      bottom: Math.max(r.bottom, bounds.bottom),
      right: Math.min(MAX_COL, Math.max(r.right, bounds.right)),
    };
    return formatRef(next);
  });
}

export function patchWorksheet(xml: string, job: WorksheetJob): WorksheetResult {
  const p = rootPrefix(xml, 'worksheet');
  // A cached result that follows a changed cell is no write of Budgetkoll's: Excel recalculates protected sheets too.
  const editsHere =
    job.inserts.length > 0 ||
    [...job.edits.values()].some((row) => [...row.values()].some((e) => !e.resultOnly));
  if (editsHere && isProtected(xml, p)) {
    throw new XlsxPatchError(
      'protected_sheet',
      `Bladet ”${job.sheet}” är skyddat, så Budgetkoll kan inte skriva i det. ` +
        'Ta bort skyddet (Granska → Ta bort skydd för blad) och kör igen; inget har ändrats.',
    );
  }
  const data = patchSheetData(xml, {
    sheet: job.sheet,
    p,
    inserts: job.inserts,
    allInserts: job.allInserts,
    edits: job.edits,
    styles: job.styles,
    columnStyle: columnStyles(xml, p),
    staleNames: job.staleNames,
  });
  const sd = findElement(xml, `${p}sheetData`);
  let head = sd ? xml.slice(0, sd.start) : xml;
  let tail = sd ? xml.slice(sd.end) : '';
  const inserts = job.inserts;
  if (inserts.length > 0) {
    tail = mapAttr(tail, `${p}mergeCell`, 'ref', (ref) =>
      shiftWhole(ref, inserts, false, () => mergeConflict(job.sheet, ref)),
    );
    tail = shiftAutoFilter(tail, p, job.sheet, inserts);
    for (const el of ['conditionalFormatting', 'dataValidation', 'ignoredError', 'protectedRange'])
      tail = mapAttr(tail, `${p}${el}`, 'sqref', (v) => shiftSqref(v, inserts));
    tail = mapAttr(tail, `${p}hyperlink`, 'ref', (v) => shiftSqref(v, inserts));
    for (const xm of excelMainPrefixes(tail))
      tail = mapText(tail, `${xm}:sqref`, (v) => shiftSqref(v, inserts));
  }
  let formulasChanged = data.formulasChanged;
  if (job.allInserts.length > 0) {
    const shift = (f: string) => shiftFormula(f, job.sheet, job.allInserts);
    const before = tail;
    for (const el of ['formula', 'formula1', 'formula2']) tail = mapText(tail, `${p}${el}`, shift);
    for (const xm of excelMainPrefixes(tail)) tail = mapText(tail, `${xm}:f`, shift);
    tail = mapAttr(tail, `${p}hyperlink`, 'location', (v) => shiftFormula(v, job.sheet, job.allInserts));
    if (tail !== before) formulasChanged = true;
  }
  if (data.xml === undefined && sd && tail === xml.slice(sd.end)) return { formulasChanged };
  head = widenDimension(head, p, data.bounds);
  const body = data.xml ?? (sd ? xml.slice(sd.start, sd.end) : '');
  return { xml: head + body + tail, formulasChanged };
}
