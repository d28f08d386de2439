/**
 * The XML side of reading an .xlsx: SAX handlers for the workbook part, the
 * styles, the shared strings and the worksheets (ECMA-376 Part 1 §18). The
 * worksheet reader streams: each `<c>` becomes one call to a sink as it is
 * parsed, so memory follows the cells a sheet holds, never its used range or
 * its XML size, and a cell in XFD1048576 costs what a cell in A1 costs.
 *
 * Values are read as the file stores them: the cached result of a formula is
 * its `<v>` (a 0 is a 0), dates are the serial numbers Excel keeps, booleans
 * and error values keep their type.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { READ_MESSAGES, XlsxReadError } from './errors';
import type { XlsxPackage } from './readPackage';
import { slideFormula } from './formulaRefs';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetEntry {
  name: string;
  state: SheetState;
  /** The worksheet part, e.g. "xl/worksheets/sheet1.xml". */
  part: string;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  /** The sheet the workbook opens on, when it is a worksheet. */
  activeSheet?: string;
  date1904: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
  /** Review > Protect Workbook (structure): no sheet may be added. */
  structureProtected: boolean;
}

type Attrs = Record<string, string>;

interface Handlers {
  open(name: string, attrs: Attrs): void;
  close(name: string): void;
  text?(text: string): void;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Streams one part through a SAX parser. A DTD is refused: Excel never writes one, entity bombs need one. */
export async function parsePart(pkg: XlsxPackage, part: string, h: Handlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: unknown;
  parser.on('doctype', () => {
    throw new XlsxReadError('xml_entities', READ_MESSAGES.xmlEntities);
  });
  parser.on('error', (e) => {
    failure ??= e;
    throw e;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => h.open(localName(tag.name), tag.attributes));
  parser.on('closetag', (tag: SaxesTagPlain) => h.close(localName(tag.name)));
  if (h.text) {
    const text = h.text.bind(h);
    parser.on('text', text);
    parser.on('cdata', text);
  }
  try {
    await pkg.stream(part, (chunk) => void parser.write(chunk));
    parser.close();
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    throw new XlsxReadError('corrupt', READ_MESSAGES.corrupt, { cause: failure ?? e });
  }
}

/** An attribute in any namespace prefix (`r:id`, `ns1:id`). */
function prefixed(attrs: Attrs, local: string): string | undefined {
  for (const key in attrs) {
    const i = key.indexOf(':');
    if (i >= 0 && key.slice(i + 1) === local) return attrs[key];
  }
  return undefined;
}

function truthy(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

/** The workbook part: sheets in tab order, their states and parts, the date system, the active tab. */
export async function readWorkbookInfo(pkg: XlsxPackage, main: string): Promise<WorkbookInfo> {
  const rels = await pkg.relationships(main);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const raw: { name: string; state: SheetState; rid: string }[] = [];
  let activeTab = 0;
  let date1904 = false;
  let structureProtected = false;
  await parsePart(pkg, main, {
    open(name, a) {
      if (name === 'sheet') {
        const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        raw.push({ name: a.name ?? '', state, rid: prefixed(a, 'id') ?? '' });
      } else if (name === 'workbookPr') date1904 = truthy(a.date1904);
      else if (name === 'workbookView' && a.activeTab !== undefined) activeTab = Number(a.activeTab) || 0;
      else if (name === 'workbookProtection') structureProtected = truthy(a.lockStructure);
    },
    close() {},
  });
  const sheets: SheetEntry[] = [];
  for (const s of raw) {
    const rel = byId.get(s.rid);
    // Chart sheets, dialog sheets and macro sheets hold no cells to check.
    if (!rel || rel.external || !rel.type.endsWith('/worksheet') || !pkg.has(rel.target)) continue;
    sheets.push({ name: s.name, state: s.state, part: rel.target });
  }
  const target = (suffix: string) =>
    rels.find((r) => r.type.endsWith(suffix) && !r.external && pkg.has(r.target))?.target;
  const activeSheet = raw[activeTab]?.name;
  return {
    sheets,
    activeSheet,
    date1904,
    sharedStringsPart: target('/sharedStrings'),
    stylesPart: target('/styles'),
    structureProtected,
  };
}

/** `_x000D_` and friends: how SpreadsheetML escapes characters XML cannot hold (ST_Xstring). */
function unescapeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The shared string table as plain text (rich-text runs joined, phonetic runs left out). */
export async function readSharedStrings(pkg: XlsxPackage, part: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!part) return strings;
  let current: string[] | undefined;
  let inT = false;
  let phonetic = 0;
  await parsePart(pkg, part, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 't' && current && phonetic === 0) inT = true;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(unescapeXstring(current.join('')));
        current = undefined;
      }
    },
    text(t) {
      if (inT) current!.push(t);
    },
  });
  return strings;
}

/** The number formats Excel does not write out (ECMA-376 Part 1 §18.8.30), as ExcelJS names them. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** What a cell style (an index into cellXfs) means for the model. */
export interface CellStyle {
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
}

function rgbToHex(rgb: string | undefined): string | undefined {
  if (!rgb || (rgb.length !== 6 && rgb.length !== 8)) return undefined;
  for (let i = 0; i < rgb.length; i++) {
    const c = rgb.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return undefined;
  }
  return `#${rgb.slice(-6).toUpperCase()}`;
}

/** The cell styles of the workbook, by cellXfs index. */
export async function readStyles(pkg: XlsxPackage, part: string | undefined): Promise<CellStyle[]> {
  if (!part) return [];
  const formats = new Map<number, string>();
  const fonts: { bold?: boolean; italic?: boolean; color?: string }[] = [];
  const fills: (string | undefined)[] = [];
  const xfs: { numFmtId: number; fontId: number; fillId: number }[] = [];
  const stack: string[] = [];
  let font: { bold?: boolean; italic?: boolean; color?: string } | undefined;
  let fill: { solid: boolean; color?: string } | undefined;
  await parsePart(pkg, part, {
    open(name, a) {
      const parent = stack[stack.length - 1];
      stack.push(name);
      if (name === 'numFmt' && parent === 'numFmts') {
        formats.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'font' && parent === 'fonts') font = {};
      else if (font && parent === 'font') {
        const on = a.val === undefined || truthy(a.val);
        if (name === 'b') font.bold = on;
        else if (name === 'i') font.italic = on;
        else if (name === 'color') font.color = rgbToHex(a.rgb);
      } else if (name === 'fill' && parent === 'fills') fill = { solid: false };
      else if (fill && name === 'patternFill') fill.solid = a.patternType === 'solid';
      else if (fill && name === 'fgColor' && parent === 'patternFill') fill.color = rgbToHex(a.rgb);
      else if (name === 'xf' && parent === 'cellXfs') {
        xfs.push({
          numFmtId: Number(a.numFmtId ?? 0),
          fontId: Number(a.fontId ?? 0),
          fillId: Number(a.fillId ?? 0),
        });
      }
    },
    close(name) {
      stack.pop();
      if (name === 'font' && font) {
        fonts.push(font);
        font = undefined;
      } else if (name === 'fill' && fill) {
        fills.push(fill.solid ? fill.color : undefined);
        fill = undefined;
      }
    },
  });
  return xfs.map((xf) => {
    const style: CellStyle = {};
    const fmt = formats.get(xf.numFmtId) ?? BUILTIN_FORMATS[xf.numFmtId];
    if (fmt && fmt !== 'General') style.numberFormat = fmt;
    const f = fonts[xf.fontId];
    if (f?.bold) style.bold = true;
    if (f?.italic) style.italic = true;
    if (f?.color && f.color !== '#000000') style.fontColor = f.color;
    const fillColor = fills[xf.fillId];
    if (fillColor) style.fill = fillColor;
    return style;
  });
}

/** Days between Excel's epoch and 1970-01-01 in the 1900 and 1904 date systems. */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;
const MS_PER_DAY = 86_400_000;

export function dateToSerial(date: Date, date1904 = false): number {
  const serial = date.getTime() / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
  // A second is far finer than any report needs, and hides millisecond noise.
  return Math.round(serial * 86400) / 86400;
}

/** One cell as the sheet reader hands it on. */
export interface CellSink {
  /** `style` indexes the workbook's cell styles; `value` is null for a cell with no value. */
  cell(
    row: number,
    col: number,
    value: number | string | boolean | null,
    error: boolean,
    formula: string | undefined,
    style: number,
  ): void;
  /** Merged ranges, after the last cell: only their top-left cell keeps its value. */
  merges(ranges: readonly MergeRange[]): void;
  /** Column widths in character units, by 0-based column. */
  widths?(widths: Map<number, number>): void;
  /** The sheet is protected (Review > Protect Sheet). */
  protection?(): void;
}

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;

/** "AB12" → [row 11, col 27]; undefined for anything else. No regex: this runs once per cell. */
function parseRef(ref: string, out: { row: number; col: number }): boolean {
  let i = 0;
  let col = 0;
  const n = ref.length;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break;
    i++;
  }
  let row = 0;
  let digits = 0;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      row = row * 10 + (c - 48);
      digits++;
    } else if (c !== 36) return false;
    i++;
  }
  if (col === 0 || digits === 0 || row === 0) return false;
  out.row = row - 1;
  out.col = col - 1;
  return out.row <= MAX_ROW && out.col <= MAX_COL;
}

function parseRange(ref: string): MergeRange | undefined {
  const [a, b] = ref.split(':');
  const p = { row: 0, col: 0 };
  const q = { row: 0, col: 0 };
  if (!a || !parseRef(a, p)) return undefined;
  if (b !== undefined && !parseRef(b, q)) return undefined;
  if (b === undefined) Object.assign(q, p);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/;

export interface SheetReadContext {
  sharedStrings: readonly string[];
  date1904: boolean;
}

/** Elements whose text the sheet reader keeps. */
const Capture = { None: 0, Value: 1, Formula: 2, Inline: 3 } as const;
type Capture = (typeof Capture)[keyof typeof Capture];

/** The streaming worksheet reader: `<sheetData>` cells, `<mergeCells>`, `<cols>`. */
class WorksheetHandler implements Handlers {
  private row = -1;
  private nextCol = 0;
  private readonly ref = { row: 0, col: 0 };
  // The cell being read.
  private cRow = 0;
  private cCol = 0;
  private cType = '';
  private cStyle = 0;
  private value = '';
  private formula = '';
  private formulaAttrs: Attrs | undefined;
  private inline = '';
  private capture: Capture = Capture.None;
  private phonetic = 0;
  private inCell = false;
  /** Shared-formula masters by their `si`. */
  private readonly shared = new Map<string, { formula: string; row: number; col: number }>();
  private readonly merged: MergeRange[] = [];
  private readonly widths = new Map<number, number>();

  constructor(
    private readonly sink: CellSink,
    private readonly ctx: SheetReadContext,
  ) {}

  open(name: string, a: Attrs): void {
    switch (name) {
      case 'row': {
        const r = a.r === undefined ? NaN : Number(a.r) - 1;
        this.row = Number.isInteger(r) && r >= 0 && r <= MAX_ROW ? r : this.row + 1;
        this.nextCol = 0;
        return;
      }
      case 'c': {
        this.inCell = true;
        if (a.r !== undefined && parseRef(a.r, this.ref)) {
          this.cRow = this.ref.row;
          this.cCol = this.ref.col;
        } else {
          this.cRow = Math.max(this.row, 0);
          this.cCol = this.nextCol;
        }
        this.nextCol = this.cCol + 1;
        this.cType = a.t ?? 'n';
        this.cStyle = a.s === undefined ? 0 : Number(a.s) || 0;
        this.value = '';
        this.formula = '';
        this.inline = '';
        this.formulaAttrs = undefined;
        return;
      }
      case 'v':
        if (this.inCell) this.capture = Capture.Value;
        return;
      case 'f':
        if (this.inCell) {
          this.capture = Capture.Formula;
          this.formulaAttrs = a;
        }
        return;
      case 't':
        if (this.inCell && this.phonetic === 0) this.capture = Capture.Inline;
        return;
      case 'rPh':
        this.phonetic++;
        return;
      case 'mergeCell': {
        const range = a.ref ? parseRange(a.ref) : undefined;
        if (range && (range.bottom > range.top || range.right > range.left)) this.merged.push(range);
        return;
      }
      case 'sheetProtection':
        if (truthy(a.sheet)) this.sink.protection?.();
        return;
      case 'col': {
        const min = Number(a.min);
        const max = Math.min(Number(a.max), MAX_COL + 1);
        const width = Number(a.width);
        // A width that covers every column (min 1, max 16384) is the sheet's default, not one per column.
        if (Number.isFinite(width) && min >= 1 && max >= min && max - min < 1024)
          for (let c = min; c <= max; c++) this.widths.set(c - 1, width);
        return;
      }
    }
  }

  text(t: string): void {
    switch (this.capture) {
      case Capture.Value:
        this.value += t;
        return;
      case Capture.Formula:
        this.formula += t;
        return;
      case Capture.Inline:
        this.inline += t;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.capture = Capture.None;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'c':
        this.inCell = false;
        this.emit();
        return;
      case 'sheetData':
        return;
      case 'worksheet':
        if (this.widths.size) this.sink.widths?.(this.widths);
        this.sink.merges(this.merged);
        return;
    }
  }

  private formulaText(): string | undefined {
    const a = this.formulaAttrs;
    if (!a) return undefined;
    const text = this.formula;
    if (a.t === 'dataTable') return undefined;
    if (a.t === 'shared' && a.si !== undefined) {
      if (text !== '') {
        this.shared.set(a.si, { formula: text, row: this.cRow, col: this.cCol });
        return `=${text}`;
      }
      const master = this.shared.get(a.si);
      if (!master) return undefined;
      return `=${slideFormula(master.formula, this.cRow - master.row, this.cCol - master.col)}`;
    }
    return text === '' ? undefined : `=${text}`;
  }

  private emit(): void {
    const formula = this.formulaText();
    const raw = this.value;
    let value: number | string | boolean | null = null;
    let error = false;
    switch (this.cType) {
      case 's': {
        if (raw !== '') value = this.ctx.sharedStrings[Number(raw)] ?? '';
        break;
      }
      case 'str':
        value = raw === '' && formula === undefined ? null : unescapeXstring(raw);
        break;
      case 'inlineStr':
        value = unescapeXstring(this.inline);
        if (value === '' && raw !== '') value = unescapeXstring(raw);
        break;
      case 'b':
        if (raw !== '') value = raw.trim() === '1' || raw.trim() === 'true';
        break;
      case 'e':
        if (raw !== '') {
          value = raw.trim();
          error = true;
        }
        break;
      case 'd': {
        const m = ISO_DATE.exec(raw.trim());
        if (m) {
          const ms =
            Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), 0) + Number(m[6] ?? 0) * 1000;
          value = dateToSerial(new Date(ms), this.ctx.date1904);
        }
        break;
      }
      default:
        if (raw !== '') {
          const n = Number(raw);
          value = Number.isFinite(n) ? n : raw;
        }
    }
    this.sink.cell(this.cRow, this.cCol, value, error, formula, this.cStyle);
  }
}

export async function readWorksheet(
  pkg: XlsxPackage,
  part: string,
  sink: CellSink,
  ctx: SheetReadContext,
): Promise<void> {
  await parsePart(pkg, part, new WorksheetHandler(sink, ctx));
}

/**
 * Which stored cells of merged ranges lose their value (all but each range's
 * top-left, as in Excel). Calls `fn(row, col)` for each follower cell among
 * `rows`, which must be sorted by row; rows are found by binary search, so a
 * merge over a million rows costs the rows that exist.
 */
export function forEachMergeFollower(
  ranges: readonly MergeRange[],
  rows: readonly { index: number; cols: readonly number[] }[],
  fn: (row: number, col: number) => void,
): void {
  for (const m of ranges) {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.index < m.top) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < rows.length && rows[i]!.index <= m.bottom; i++) {
      const r = rows[i]!;
      for (const c of r.cols) {
        if (c < m.left || c > m.right) continue;
        if (r.index === m.top && c === m.left) continue;
        fn(r.index, c);
      }
    }
  }
}
