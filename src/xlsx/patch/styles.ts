/**
 * Cell formats in xl/styles.xml. A changed number format, fill, italic or
 * text prefix gets a cellXfs entry cloned from the cell's current one with
 * only that property changed (borders, alignment, protection and font stay),
 * or an identical entry that already exists. Entries are only ever appended,
 * so every index the workbook already uses keeps its meaning.
 */
import { escapeAttr, findElement, findElements, getAttr, rootPrefix, setAttr, unescapeXml } from './xml';

/** A whole cell format for a new sheet (the sheet plan's CellFormat). */
export interface SheetCellFormat {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  borderTop?: string;
  borderBottom?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  indent?: number;
  /** Excel's text marker: a label such as "=x" stays text when the user edits the cell. */
  quotePrefix?: boolean;
}

export interface StyleChange {
  numberFormat?: string;
  /** "#RRGGBB", or null for no fill. */
  fill?: string | null;
  italic?: boolean;
  /** Excel's marker for text typed with a leading apostrophe ('=x stays text when edited). */
  quotePrefix?: boolean;
}

/** Built-in formats whose code is the same in every locale (ECMA-376 §18.8.30); dates are locale-bound and excluded. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  '@': 49,
};

const FIRST_CUSTOM_FORMAT = 164;

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Children of styleSheet in schema order, to place a missing container. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs'];

/** Whitespace between tags carries no meaning in these elements; compare without it. */
function canonical(element: string): string {
  return element.replace(/>\s+</g, '><').trim();
}

/** An xf's identity: its attributes in name order, then its children. */
function xfKey(xf: string): string {
  const gt = xf.indexOf('>');
  const open = xf.slice(0, gt + 1);
  const attrs: string[] = [];
  const re = /([\w:]+)\s*=\s*("[^"]*"|'[^']*')/g;
  for (let m = re.exec(open); m; m = re.exec(open)) attrs.push(`${m[1]}=${unescapeXml(m[2]!.slice(1, -1))}`);
  attrs.sort();
  return `${attrs.join(' ')}|${canonical(xf.slice(gt + 1))}`;
}

interface List {
  /** The container element's tag name with prefix ("fonts"). */
  container: string;
  items: string[];
  /** Items appended by this editor. */
  added: string[];
  byKey?: Map<string, number>;
}

export class Styles {
  private xml: string;
  private readonly p: string;
  private readonly lists = new Map<string, List>();
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = FIRST_CUSTOM_FORMAT;
  private readonly addedFormats: string[] = [];
  private readonly cache = new Map<string, number>();
  /** Whether the part was created here (the caller must add it to the package). */
  readonly created: boolean;

  constructor(xml: string | undefined) {
    this.created = xml === undefined;
    this.xml = xml ?? MINIMAL_STYLES;
    this.p = rootPrefix(this.xml, 'styleSheet');
    for (const name of ['fonts', 'fills', 'borders', 'cellXfs']) this.lists.set(name, this.readList(name));
    const numFmts = findElement(this.xml, `${this.p}numFmts`);
    if (numFmts) {
      for (const f of findElements(this.xml, `${this.p}numFmt`, numFmts.openEnd, numFmts.closeStart)) {
        const tag = this.xml.slice(f.start, f.openEnd);
        const id = Number(getAttr(tag, 'numFmtId'));
        const code = getAttr(tag, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) {
          if (!this.customFormats.has(code)) this.customFormats.set(code, id);
          this.nextFormatId = Math.max(this.nextFormatId, id + 1);
        }
      }
    }
  }

  get changed(): boolean {
    return this.addedFormats.length > 0 || [...this.lists.values()].some((l) => l.added.length > 0);
  }

  private readList(local: string): List {
    const container = `${this.p}${local}`;
    const item = `${this.p}${local === 'cellXfs' ? 'xf' : local.slice(0, -1)}`;
    const span = findElement(this.xml, container);
    const items = span
      ? findElements(this.xml, item, span.openEnd, span.closeStart).map((e) => this.xml.slice(e.start, e.end))
      : [];
    return { container, items, added: [] };
  }

  private indexOf(list: List, item: string, key: (s: string) => string): number {
    if (!list.byKey) {
      list.byKey = new Map();
      list.items.forEach((s, i) => {
        const k = key(s);
        if (!list.byKey!.has(k)) list.byKey!.set(k, i);
      });
    }
    const k = key(item);
    const found = list.byKey.get(k);
    if (found !== undefined) return found;
    list.items.push(item);
    list.added.push(item);
    list.byKey.set(k, list.items.length - 1);
    return list.items.length - 1;
  }

  private formatId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const custom = this.customFormats.get(code);
    if (custom !== undefined) return custom;
    const id = this.nextFormatId++;
    this.customFormats.set(code, id);
    this.addedFormats.push(`<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private fillId(color: string | null): number {
    const fills = this.lists.get('fills')!;
    const p = this.p;
    if (color === null) {
      const none = fills.items.findIndex((f) => /patternType\s*=\s*["']none["']/.test(f));
      return none >= 0
        ? none
        : this.indexOf(fills, `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`, canonical);
    }
    const rgb = `FF${color.replace('#', '').toUpperCase()}`;
    const fill =
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${rgb}"/>` +
      `<${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
    return this.indexOf(fills, fill, canonical);
  }

  private fontId(base: number, italic: boolean): number {
    const fonts = this.lists.get('fonts')!;
    const p = this.p;
    const font = fonts.items[base] ?? fonts.items[0] ?? `<${p}font/>`;
    const open = font.slice(0, font.indexOf('>') + 1);
    const selfClosing = open.endsWith('/>');
    const body = selfClosing ? '' : font.slice(open.length, font.length - `</${p}font>`.length);
    // <i/>, <i val="1"/>, <i val="0"/>: whichever it was, it goes, and italic comes back only if asked.
    const withoutItalic = body.replace(
      new RegExp(`<${p}i(\\s[^>]*)?/>|<${p}i(\\s[^>]*)?>\\s*</${p}i>`, 'g'),
      '',
    );
    const next = italic ? `<${p}i/>${withoutItalic}` : withoutItalic;
    const tag = selfClosing ? `${open.slice(0, -2)}>` : open;
    const text = `${tag}${next}</${p}font>`;
    return this.indexOf(fonts, text, canonical);
  }

  /** The cellXfs index of `base` with `change` applied (`base` itself when nothing changes). */
  xfFor(base: number, change: StyleChange): number {
    const cacheKey = `${base}|${change.numberFormat ?? ''}|${change.fill === undefined ? '' : String(change.fill)}|${String(change.italic)}|${String(change.quotePrefix)}`;
    const hit = this.cache.get(cacheKey);
    if (hit !== undefined) return hit;
    const xfs = this.lists.get('cellXfs')!;
    const original =
      xfs.items[base] ??
      xfs.items[0] ??
      `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const gt = original.indexOf('>');
    let tag = original.slice(0, gt + 1);
    const rest = original.slice(gt + 1);
    if (change.numberFormat !== undefined) {
      const id = this.formatId(change.numberFormat);
      if (Number(getAttr(tag, 'numFmtId') ?? 0) !== id) {
        tag = setAttr(tag, 'numFmtId', String(id));
        tag = setAttr(tag, 'applyNumberFormat', '1');
      }
    }
    if (change.fill !== undefined) {
      const id = this.fillId(change.fill);
      if (Number(getAttr(tag, 'fillId') ?? 0) !== id) {
        tag = setAttr(tag, 'fillId', String(id));
        tag = setAttr(tag, 'applyFill', '1');
      }
    }
    if (change.italic !== undefined) {
      const current = Number(getAttr(tag, 'fontId') ?? 0);
      const id = this.fontId(current, change.italic);
      if (current !== id) {
        tag = setAttr(tag, 'fontId', String(id));
        tag = setAttr(tag, 'applyFont', '1');
      }
    }
    if (change.quotePrefix !== undefined) {
      const has = ['1', 'true'].includes(getAttr(tag, 'quotePrefix') ?? '');
      if (has !== change.quotePrefix) tag = setAttr(tag, 'quotePrefix', change.quotePrefix ? '1' : undefined);
    }
    const xf = tag + rest;
    const index = xf === original && xfs.items[base] !== undefined ? base : this.indexOf(xfs, xf, xfKey);
    this.cache.set(cacheKey, index);
    return index;
  }

  /**
   * The cellXfs index of a whole format a new sheet's block gets (sheets.ts):
   * the workbook's default font with bold, italic, size and colour changed,
   * a solid fill, top and bottom borders, alignment, a number format.
   */
  xfForFormat(format: SheetCellFormat): number {
    const cacheKey = `new|${JSON.stringify(format)}`;
    const hit = this.cache.get(cacheKey);
    if (hit !== undefined) return hit;
    const p = this.p;
    const numFmtId = format.numberFormat !== undefined ? this.formatId(format.numberFormat) : 0;
    const fontId = this.newFontId(format);
    const fillId = format.fill !== undefined ? this.fillId(format.fill) : 0;
    let borderId = 0;
    if (format.borderTop || format.borderBottom) {
      const side = (name: string, style: string | undefined) =>
        style ? `<${p}${name} style="${style}"><${p}color indexed="64"/></${p}${name}>` : `<${p}${name}/>`;
      const border =
        `<${p}border>${side('left', undefined)}${side('right', undefined)}` +
        `${side('top', format.borderTop)}${side('bottom', format.borderBottom)}<${p}diagonal/></${p}border>`;
      borderId = this.indexOf(this.lists.get('borders')!, border, canonical);
    }
    const align: string[] = [];
    if (format.horizontalAlignment) align.push(`horizontal="${format.horizontalAlignment}"`);
    if (format.verticalAlignment) align.push(`vertical="${format.verticalAlignment}"`);
    if (format.wrapText) align.push('wrapText="1"');
    if (format.indent) align.push(`indent="${format.indent}"`);
    const attrs =
      `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      (fontId ? ' applyFont="1"' : '') +
      (fillId ? ' applyFill="1"' : '') +
      (borderId ? ' applyBorder="1"' : '') +
      (align.length ? ' applyAlignment="1"' : '') +
      (format.quotePrefix ? ' quotePrefix="1"' : '');
    const xf = align.length
      ? `<${p}xf ${attrs}><${p}alignment ${align.join(' ')}/></${p}xf>`
      : `<${p}xf ${attrs}/>`;
    const index = this.indexOf(this.lists.get('cellXfs')!, xf, xfKey);
    this.cache.set(cacheKey, index);
    return index;
  }

  /** The default font (fonts[0]) with bold, italic, size and colour as asked; 0 when nothing changes. */
  private newFontId(format: SheetCellFormat): number {
    if (!format.bold && !format.italic && format.fontSize === undefined && format.fontColor === undefined)
      return 0;
    const fonts = this.lists.get('fonts')!;
    const p = this.p;
    const base = fonts.items[0] ?? `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`;
    const open = base.slice(0, base.indexOf('>') + 1);
    const body = open.endsWith('/>') ? '' : base.slice(open.length, base.lastIndexOf('</'));
    const children = body.match(/<[\w:]+\b[^>]*\/>|<([\w:]+)\b[^>]*>[\s\S]*?<\/\1>/g) ?? [];
    const local = (el: string) => /^<(?:[\w]+:)?(\w+)/.exec(el)?.[1] ?? '';
    const keep = children.filter((c) => !['b', 'i', 'sz', 'color', 'font'].includes(local(c)));
    const size =
      format.fontSize ??
      Number(/val="([\d.]+)"/.exec(children.find((c) => local(c) === 'sz') ?? '')?.[1] ?? 11);
    const color = format.fontColor
      ? `<${p}color rgb="FF${format.fontColor.replace('#', '').toUpperCase()}"/>`
      : (children.find((c) => local(c) === 'color') ?? '');
    const before = keep.filter((c) => !['name', 'family', 'charset', 'scheme'].includes(local(c)));
    const after = keep.filter((c) => ['name', 'family', 'charset', 'scheme'].includes(local(c)));
    const font =
      `<${p}font>${format.bold ? `<${p}b/>` : ''}${format.italic ? `<${p}i/>` : ''}${before.join('')}` +
      `<${p}sz val="${size}"/>${color}${after.join('')}</${p}font>`;
    return this.indexOf(fonts, font, canonical);
  }

  /** The part with the appended entries, or the original text when nothing was added. */
  toXml(): string {
    if (!this.changed) return this.xml;
    let xml = this.xml;
    if (this.addedFormats.length > 0) xml = this.append(xml, 'numFmts', this.addedFormats);
    for (const [local, list] of this.lists)
      if (list.added.length > 0) xml = this.append(xml, local, list.added);
    return xml;
  }

  private append(xml: string, local: string, items: string[]): string {
    const qname = `${this.p}${local}`;
    const span = findElement(xml, qname);
    if (!span) {
      // Place the new container before the first existing container that follows it in the schema.
      const later = ORDER.slice(ORDER.indexOf(local) + 1)
        .map((n) => findElement(xml, `${this.p}${n}`)?.start)
        .find((i): i is number => i !== undefined);
      const at = later ?? xml.lastIndexOf(`</${this.p}styleSheet>`);
      const element = `<${qname} count="${items.length}">${items.join('')}</${qname}>`;
      return xml.slice(0, at) + element + xml.slice(at);
    }
    const openTag = xml.slice(span.start, span.openEnd);
    const item = local === 'cellXfs' ? `${this.p}xf` : `${this.p}${local.slice(0, -1)}`;
    const existing = span.selfClosing ? 0 : findElements(xml, item, span.openEnd, span.closeStart).length;
    const count = String(existing + items.length);
    const baseTag = span.selfClosing ? `${openTag.slice(0, -2)}>` : openTag;
    const newOpen = setAttr(baseTag, 'count', count);
    const inner = span.selfClosing ? '' : xml.slice(span.openEnd, span.closeStart);
    return `${xml.slice(0, span.start)}${newOpen}${inner}${items.join('')}</${qname}>${xml.slice(span.end)}`;
  }
}
