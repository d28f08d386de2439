/**
 * String-level XML for the package editor: find elements, read and set
 * attributes, escape text. Parts are edited as text so that everything the
 * editor does not touch keeps its exact bytes (attribute order and quoting,
 * namespace prefixes, whitespace, unknown extensions). No regular
 * expressions run per row or per cell; the scanners below walk the string
 * with indexOf and character codes.
 */

const QUOTE = 34;
const APOS = 39;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isNameChar(code: number): boolean {
  return !(isSpace(code) || code === 62 /* > */ || code === 47 /* / */ || code === 61 /* = */);
}

export interface Attr {
  name: string;
  nameStart: number;
  /** Raw (still escaped) value. */
  raw: string;
  /** Offsets of the value inside the tag text, without quotes. */
  valueStart: number;
  valueEnd: number;
}

/** The attributes of a start tag such as `<c r="A1" s="3">`. */
export function parseAttrs(tag: string): Attr[] {
  const attrs: Attr[] = [];
  let i = tag.charCodeAt(0) === 60 ? 1 : 0;
  // Skip the element name.
  while (i < tag.length && isNameChar(tag.charCodeAt(i))) i++;
  while (i < tag.length) {
    while (i < tag.length && isSpace(tag.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < tag.length && isNameChar(tag.charCodeAt(i))) i++;
    if (i === nameStart) break;
    const name = tag.slice(nameStart, i);
    while (i < tag.length && isSpace(tag.charCodeAt(i))) i++;
    if (tag.charCodeAt(i) !== 61) break;
    i++;
    while (i < tag.length && isSpace(tag.charCodeAt(i))) i++;
    const q = tag.charCodeAt(i);
    if (q !== QUOTE && q !== APOS) break;
    const valueStart = i + 1;
    const valueEnd = tag.indexOf(q === QUOTE ? '"' : "'", valueStart);
    if (valueEnd < 0) break;
    attrs.push({ name, nameStart, raw: tag.slice(valueStart, valueEnd), valueStart, valueEnd });
    i = valueEnd + 1;
  }
  return attrs;
}

/** The unescaped value of one attribute of a start tag, or undefined. */
export function getAttr(tag: string, name: string): string | undefined {
  for (const a of parseAttrs(tag)) if (a.name === name) return unescapeXml(a.raw);
  return undefined;
}

/**
 * Sets (or adds, before the tag's end) an attribute; `undefined` removes it.
 * Other attributes keep their bytes and order.
 */
export function setAttr(tag: string, name: string, value: string | undefined): string {
  const attr = parseAttrs(tag).find((a) => a.name === name);
  if (attr) {
    if (value === undefined) {
      // Remove the attribute and the whitespace before it.
      let from = attr.nameStart;
      while (from > 0 && isSpace(tag.charCodeAt(from - 1))) from--;
      return tag.slice(0, from) + tag.slice(attr.valueEnd + 1);
    }
    return tag.slice(0, attr.valueStart) + escapeAttr(value) + tag.slice(attr.valueEnd);
  }
  if (value === undefined) return tag;
  const selfClosing = tag.endsWith('/>');
  const cut = tag.length - (selfClosing ? 2 : 1);
  let at = cut;
  while (at > 0 && isSpace(tag.charCodeAt(at - 1))) at--;
  return `${tag.slice(0, at)} ${name}="${escapeAttr(value)}"${tag.slice(at, cut)}${selfClosing ? '/>' : '>'}`;
}

export function escapeText(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const rep = c === 38 ? '&amp;' : c === 60 ? '&lt;' : c === 62 ? '&gt;' : undefined;
    if (rep) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

export function escapeAttr(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const rep =
      c === 38
        ? '&amp;'
        : c === 60
          ? '&lt;'
          : c === 62
            ? '&gt;'
            : c === QUOTE
              ? '&quot;'
              : c === 10
                ? '&#10;'
                : c === 13
                  ? '&#13;'
                  : c === 9
                    ? '&#9;'
                    : undefined;
    if (rep) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let out = '';
  let last = 0;
  let i = s.indexOf('&');
  while (i >= 0) {
    const semi = s.indexOf(';', i);
    if (semi < 0) break;
    const name = s.slice(i + 1, semi);
    let rep: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X'))
      rep = String.fromCodePoint(parseInt(name.slice(2), 16));
    else if (name.startsWith('#')) rep = String.fromCodePoint(parseInt(name.slice(1), 10));
    else rep = ENTITIES[name];
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = semi + 1;
    }
    i = s.indexOf('&', semi);
  }
  return out + s.slice(last);
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Text for a cell or shared string (ST_Xstring): characters XML 1.0 cannot
 * carry (control characters, a lone surrogate) become Excel's `_xHHHH_`
 * escape, and a literal `_xHHHH_` in the text is protected by escaping its
 * underscore, so Excel and LibreOffice read back exactly the string given.
 */
export function cellText(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) rep = `_x${hex4(c)}_`;
    else if (c === 0xfffe || c === 0xffff) rep = `_x${hex4(c)}_`;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else rep = `_x${hex4(c)}_`;
    } else if (c >= 0xdc00 && c <= 0xdfff) rep = `_x${hex4(c)}_`;
    else if (c === 95 /* _ */ && isEscapeAt(s, i)) rep = '_x005F_';
    if (rep !== undefined) {
      out += escapeText(s.slice(last, i)) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? escapeText(s) : out + escapeText(s.slice(last));
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** Whether `_xHHHH_` starts at i. */
function isEscapeAt(s: string, i: number): boolean {
  if (s.charCodeAt(i + 1) !== 120 /* x */ || s.charCodeAt(i + 6) !== 95) return false;
  for (let k = 2; k < 6; k++) if (!isHex(s.charCodeAt(i + k))) return false;
  return true;
}

/** Location of one element in a part: [start, openEnd) is the start tag, [closeStart, end) the end tag. */
export interface ElementSpan {
  start: number;
  /** Index just after the start tag's `>`. */
  openEnd: number;
  /** Index of the end tag (equals openEnd for a self-closing element). */
  closeStart: number;
  /** Index just after the element. */
  end: number;
  selfClosing: boolean;
}

/** Whether the tag `<name` at i is exactly that element (not a longer name). */
function tagAt(xml: string, i: number, qname: string): boolean {
  const c = xml.charCodeAt(i + 1 + qname.length);
  return isSpace(c) || c === 62 || c === 47;
}

/** The next element called `qname` (with its prefix) at or after `from`, not nested-aware (callers use it on elements that do not nest). */
export function findElement(
  xml: string,
  qname: string,
  from = 0,
  limit = xml.length,
): ElementSpan | undefined {
  const open = `<${qname}`;
  let i = xml.indexOf(open, from);
  while (i >= 0 && i < limit) {
    if (tagAt(xml, i, qname)) {
      const gt = xml.indexOf('>', i);
      if (gt < 0) return undefined;
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      if (selfClosing) return { start: i, openEnd: gt + 1, closeStart: gt + 1, end: gt + 1, selfClosing };
      const close = xml.indexOf(`</${qname}>`, gt + 1);
      if (close < 0) return undefined;
      return { start: i, openEnd: gt + 1, closeStart: close, end: close + qname.length + 3, selfClosing };
    }
    i = xml.indexOf(open, i + 1);
  }
  return undefined;
}

/** Every element called `qname` between from and limit (elements that do not nest). */
export function findElements(xml: string, qname: string, from = 0, limit = xml.length): ElementSpan[] {
  const out: ElementSpan[] = [];
  let at = from;
  for (;;) {
    const el = findElement(xml, qname, at, limit);
    if (!el || el.start >= limit) return out;
    out.push(el);
    at = el.end;
  }
}

/** The namespace prefix ("" or "x:") of a part's root element, read from its first start tag. */
export function rootPrefix(xml: string, localName: string): string {
  let i = xml.indexOf('<');
  while (i >= 0 && (xml[i + 1] === '?' || xml[i + 1] === '!')) i = xml.indexOf('<', i + 1);
  if (i < 0) return '';
  let j = i + 1;
  while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
  const name = xml.slice(i + 1, j);
  return name.endsWith(localName) ? name.slice(0, name.length - localName.length) : '';
}

/** Replaces [start, end) spans of `xml` with new text; spans must not overlap. */
export function splice(xml: string, edits: { start: number; end: number; text: string }[]): string {
  if (edits.length === 0) return xml;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let last = 0;
  for (const e of sorted) {
    parts.push(xml.slice(last, e.start), e.text);
    last = e.end;
  }
  parts.push(xml.slice(last));
  return parts.join('');
}
