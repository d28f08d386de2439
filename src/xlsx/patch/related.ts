/**
 * Parts beside a worksheet that name its cells: notes (comments and their
 * VML shapes), threaded comments, tables (ListObjects), and, anywhere in the
 * package, chart series and pivot cache sources that refer to moved cells.
 */
import { a1 } from '../../core/grid';
import { columnAfter, formatRef, parseRef, shiftFormula, shiftRect, type SheetInsert } from './refs';
import { XlsxPatchError } from './types';
import { escapeText, findElement, findElements, getAttr, rootPrefix, setAttr, unescapeXml } from './xml';

/** Moves the `ref` of each element `qname` (a single cell) with the sheet's inserts. */
export function shiftCellRefs(xml: string, qname: string, inserts: readonly SheetInsert[]): string {
  let out = '';
  let last = 0;
  for (const e of findElements(xml, qname)) {
    const tag = xml.slice(e.start, e.openEnd);
    const ref = getAttr(tag, 'ref');
    const rect = ref === undefined ? undefined : parseRef(ref);
    if (!rect) continue;
    const col = columnAfter(rect.top, rect.left, inserts);
    if (col === rect.left) continue;
    out += xml.slice(last, e.start) + setAttr(tag, 'ref', a1(rect.top, col));
    last = e.openEnd;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** Legacy notes: comments part. */
export function patchComments(xml: string, inserts: readonly SheetInsert[]): string {
  return shiftCellRefs(xml, `${rootPrefix(xml, 'comments')}comment`, inserts);
}

/** Threaded comments (Excel 365): same cells as their notes. */
export function patchThreadedComments(xml: string, inserts: readonly SheetInsert[]): string {
  return shiftCellRefs(xml, `${rootPrefix(xml, 'ThreadedComments')}threadedComment`, inserts);
}

const VML_EXCEL_NS = 'urn:schemas-microsoft-com:office:excel';

/**
 * The VML shapes of notes: each note names its cell as 0-based x:Row and
 * x:Column, and its box's anchor starts with the left and right columns.
 * VML is not always well-formed XML, so only those elements' text changes.
 */
export function patchVml(xml: string, inserts: readonly SheetInsert[]): string {
  const marker = `="${VML_EXCEL_NS}"`;
  const at = xml.indexOf(marker);
  const start = at < 0 ? -1 : xml.lastIndexOf('xmlns:', at);
  const x = start < 0 ? 'x' : xml.slice(start + 6, at);
  let out = '';
  let last = 0;
  for (const data of findElements(xml, `${x}:ClientData`)) {
    if (data.selfClosing) continue;
    const body = xml.slice(data.openEnd, data.closeStart);
    const row = findElement(body, `${x}:Row`);
    const col = findElement(body, `${x}:Column`);
    if (!row || !col || row.selfClosing || col.selfClosing) continue;
    const r = Number(body.slice(row.openEnd, row.closeStart).trim());
    const c = Number(body.slice(col.openEnd, col.closeStart).trim());
    if (!Number.isInteger(r) || !Number.isInteger(c)) continue;
    const delta = columnAfter(r, c, inserts) - c;
    if (delta === 0) continue;
    let next = body.slice(0, col.openEnd) + String(c + delta) + body.slice(col.closeStart);
    const anchor = findElement(next, `${x}:Anchor`);
    if (anchor && !anchor.selfClosing) {
      const values = next
        .slice(anchor.openEnd, anchor.closeStart)
        .split(',')
        .map((v) => v.trim());
      if (values.length === 8 && values.every((v) => /^\d+$/.test(v))) {
        values[0] = String(Number(values[0]) + delta);
        values[4] = String(Number(values[4]) + delta);
        next = next.slice(0, anchor.openEnd) + values.join(', ') + next.slice(anchor.closeStart);
      }
    }
    out += xml.slice(last, data.openEnd) + next;
    last = data.closeStart;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/**
 * A table (ListObject): moved whole when all its rows shift and it lies right
 * of the inserted cells. Excel refuses to shift part of a table or to insert
 * into one this way; so does this editor, naming the table.
 */
export function patchTable(
  xml: string,
  sheet: string,
  inserts: readonly SheetInsert[],
  allInserts: readonly SheetInsert[],
): string {
  const p = rootPrefix(xml, 'table');
  const el = findElement(xml, `${p}table`);
  if (!el) return xml;
  const tag = xml.slice(el.start, el.openEnd);
  const ref = getAttr(tag, 'ref');
  const name = getAttr(tag, 'displayName') ?? getAttr(tag, 'name') ?? '';
  let rect = ref === undefined ? undefined : parseRef(ref);
  let out = xml;
  if (rect && ref) {
    const original = rect;
    for (const ins of inserts) {
      const s = shiftRect(rect, ins);
      if (s.kind === 'split' || s.kind === 'grown') {
        throw new XlsxPatchError(
          'table_conflict',
          `Bladet ”${sheet}”: kolumnen kan inte läggas in i ${a1(ins.top, ins.col)} eftersom Excel-tabellen ”${name}” (${ref}) då skulle delas. ` +
            'Konvertera tabellen till ett vanligt område (Tabelldesign → Konvertera till område) eller lägg till kolumnen i tabellen själv, och kör igen.',
        );
      }
      if (s.kind === 'moved') rect = s.rect;
    }
    if (rect !== original) {
      const delta = rect.left - original.left;
      const move = (v: string) => {
        const r = parseRef(v);
        return r ? formatRef({ ...r, left: r.left + delta, right: r.right + delta }) : v;
      };
      out = out.slice(0, el.start) + setAttr(tag, 'ref', formatRef(rect)) + out.slice(el.openEnd);
      for (const q of ['autoFilter', 'sortState', 'sortCondition']) {
        let next = '';
        let last = 0;
        for (const e of findElements(out, `${p}${q}`)) {
          const t = out.slice(e.start, e.openEnd);
          const v = getAttr(t, 'ref');
          if (v === undefined) continue;
          next += out.slice(last, e.start) + setAttr(t, 'ref', move(v));
          last = e.openEnd;
        }
        if (last > 0) out = next + out.slice(last);
      }
    }
  }
  return shiftFormulaTexts(out, `${p}calculatedColumnFormula`, sheet, allInserts);
}

/** Shifts the formula text of every element `qname`. */
export function shiftFormulaTexts(
  xml: string,
  qname: string,
  sheet: string,
  inserts: readonly SheetInsert[],
): string {
  if (inserts.length === 0) return xml;
  let out = '';
  let last = 0;
  for (const e of findElements(xml, qname)) {
    if (e.selfClosing) continue;
    const text = unescapeXml(xml.slice(e.openEnd, e.closeStart));
    const next = shiftFormula(text, sheet, inserts);
    if (next === text) continue;
    out += xml.slice(last, e.openEnd) + escapeText(next);
    last = e.closeStart;
  }
  return last === 0 ? xml : out + xml.slice(last);
}

const CHART_NAMESPACES = [
  'http://schemas.openxmlformats.org/drawingml/2006/chart',
  'http://schemas.microsoft.com/office/drawing/2014/chartex',
];

/** Chart series, categories and titles that refer to cells (c:f, cx:f): always sheet-qualified. */
export function patchChart(xml: string, inserts: readonly SheetInsert[]): string {
  const prefixes = new Set<string>();
  for (const ns of CHART_NAMESPACES) {
    const marker = `="${ns}"`;
    for (let i = xml.indexOf(marker); i >= 0; i = xml.indexOf(marker, i + 1)) {
      const start = xml.lastIndexOf('xmlns', i);
      prefixes.add(xml.slice(start, i) === 'xmlns' ? '' : xml.slice(start + 6, i));
    }
  }
  let out = xml;
  for (const prefix of prefixes) out = shiftFormulaTexts(out, prefix ? `${prefix}:f` : 'f', '', inserts);
  return out;
}

/** A pivot cache's source range on a moved sheet. */
export function patchPivotCache(xml: string, inserts: readonly SheetInsert[]): string {
  const p = rootPrefix(xml, 'pivotCacheDefinition');
  const el = findElement(xml, `${p}worksheetSource`);
  if (!el) return xml;
  const tag = xml.slice(el.start, el.openEnd);
  const sheet = getAttr(tag, 'sheet');
  const ref = getAttr(tag, 'ref');
  if (!sheet || !ref) return xml;
  const mine = inserts.filter((i) => i.sheet.toLowerCase() === sheet.toLowerCase());
  let rect = parseRef(ref);
  if (!rect || mine.length === 0) return xml;
  const original = rect;
  for (const ins of mine) {
    const s = shiftRect(rect, ins);
    if (s.kind === 'moved' || s.kind === 'grown') rect = s.rect;
  }
  return rect === original
    ? xml
    : xml.slice(0, el.start) + setAttr(tag, 'ref', formatRef(rect)) + xml.slice(el.openEnd);
}
