/**
 * The zip side of reading an .xlsx: open the package, find its parts through
 * the relationships (never by guessing file names), tell other zip formats
 * (.ods, .docx, .xlsm, .xlsb) from a workbook, and stream a part's XML text
 * in chunks so that a 100 MB sheet never sits in memory as one string.
 *
 * Every byte inflated is counted against the limits below, so a zip bomb is
 * refused after a bounded amount of work and memory. Works in Node and in the
 * browser (the workbench): JSZip inflates, TextDecoder decodes.
 */
import JSZip from 'jszip';
import { formatSwedish } from '../core/numbers';
import { READ_MESSAGES, XlsxReadError } from './errors';

export interface ReadLimits {
  /** The most bytes of XML one part may inflate to. */
  maxPartBytes: number;
  /** The most bytes of XML all parts together may inflate to. */
  maxTotalBytes: number;
  /** Inflated ÷ file size above which the package is taken for a zip bomb (once past `ratioGraceBytes`). */
  maxRatio: number;
  ratioGraceBytes: number;
  /** The most stored cells (values, formulas or formatted empty cells) over all sheets read. */
  maxCells: number;
}

const MiB = 1024 * 1024;

/**
 * A 100 000-row ledger sheet is about 40 MB of XML from a 6 MB file (ratio
 * 7); real workbooks stay well under ratio 30. Deflate tops out near 1 000:1,
 * which is what zip bombs use. 4 million cells is forty 100 000-row sheets of
 * ten columns, and about 400 MB of grid.
 */
export const READ_LIMITS: ReadLimits = {
  maxPartBytes: 1024 * MiB,
  maxTotalBytes: 2048 * MiB,
  maxRatio: 100,
  ratioGraceBytes: 64 * MiB,
  maxCells: 4_000_000,
};

const CONTENT_TYPES = '[Content_Types].xml';
const REL_OFFICE_DOCUMENT = '/officeDocument';

const WORKBOOK_TYPES: Record<string, 'xlsx' | 'xlsm' | 'xlsb'> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml': 'xlsx',
  'application/vnd.ms-excel.sheet.macroenabled.main+xml': 'xlsm',
  'application/vnd.ms-excel.template.macroenabled.main+xml': 'xlsm',
  'application/vnd.ms-excel.addin.macroenabled.main+xml': 'xlsm',
  'application/vnd.ms-excel.sheet.binary.macroenabled.main': 'xlsb',
};

/** JSZip's documented streaming interface, which its type declarations leave out. */
interface StreamHelper {
  on(event: 'data', fn: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'error', fn: (e: unknown) => void): StreamHelper;
  on(event: 'end', fn: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

export interface Relationship {
  id: string;
  type: string;
  /** The target as a part name without the leading slash, e.g. "xl/worksheets/sheet1.xml". */
  target: string;
  external: boolean;
}

function megabytes(n: number): string {
  return n < MiB ? `${formatSwedish(Math.ceil(n / 1024))} kB` : `${formatSwedish(Math.round(n / MiB))} MB`;
}

/** Resolves a relationship target against the folder of the part that holds the relationship. */
export function resolvePartName(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const seg of target.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Attribute values of the elements called `name` in a small XML part (rels, content types). */
function elements(xml: string, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const tag = new RegExp(`<(?:\\w+:)?${name}\\b([^>]*)>`, 'g');
  const attr = /([\w:]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const attrs: Record<string, string> = Object.create(null);
    for (let a = attr.exec(m[1]!); a; a = attr.exec(m[1]!)) {
      const key = a[1]!.includes(':') ? a[1]!.slice(a[1]!.indexOf(':') + 1) : a[1]!;
      attrs[key] = decodeXmlAttr(a[3] ?? a[4] ?? '');
    }
    out.push(attrs);
  }
  return out;
}

function decodeXmlAttr(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : Number(k.slice(1)));
  });
}

export class XlsxPackage {
  private inflated = 0;
  /** Part names in lower case → the zip entry (OPC part names are case-insensitive). */
  private readonly entries = new Map<string, JSZip.JSZipObject>();

  private constructor(
    private readonly zip: JSZip,
    private readonly fileSize: number,
    readonly limits: ReadLimits,
  ) {
    zip.forEach((path, entry) => {
      if (!entry.dir) this.entries.set(path.replace(/^\/+/, '').toLowerCase(), entry);
    });
  }

  static async open(bytes: Uint8Array, limits: ReadLimits = READ_LIMITS): Promise<XlsxPackage> {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch (e) {
      throw new XlsxReadError('corrupt', READ_MESSAGES.corrupt, { cause: e });
    }
    return new XlsxPackage(zip, bytes.length, limits);
  }

  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /**
   * Streams a part's text to `onText` in chunks; rejects as soon as a limit is
   * passed. `onText` may throw to stop reading (its error is passed on).
   */
  stream(part: string, onText: (text: string) => void): Promise<void> {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) return Promise.reject(new XlsxReadError('corrupt', READ_MESSAGES.corrupt));
    return new Promise<void>((resolve, reject) => {
      let decoder: TextDecoder | undefined;
      let partBytes = 0;
      let done = false;
      const fail = (e: unknown) => {
        if (done) return;
        done = true;
        helper.pause();
        reject(e);
      };
      const helper = (
        entry as unknown as { internalStream(type: 'uint8array'): StreamHelper }
      ).internalStream('uint8array');
      helper
        .on('data', (chunk) => {
          if (done) return;
          partBytes += chunk.length;
          this.inflated += chunk.length;
          const bomb =
            partBytes > this.limits.maxPartBytes ||
            this.inflated > this.limits.maxTotalBytes ||
            (this.inflated > this.limits.ratioGraceBytes &&
              this.inflated > this.limits.maxRatio * this.fileSize);
          if (bomb) {
            fail(
              new XlsxReadError(
                'zip_bomb',
                `Filen packas upp till mer än ${megabytes(this.inflated)} från ${megabytes(this.fileSize)} ` +
                  `(delen ${part}); det liknar en zip-bomb, inte en arbetsbok, och Budgetkoll läser den inte.`,
              ),
            );
            return;
          }
          try {
            if (!decoder) {
              // Excel writes UTF-8; UTF-16 parts carry a byte-order mark.
              const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe;
              decoder = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8');
            }
            const text = decoder.decode(chunk, { stream: true });
            if (text) onText(text);
          } catch (e) {
            fail(e);
          }
        })
        .on('error', (e) =>
          fail(isReadError(e) ? e : new XlsxReadError('corrupt', READ_MESSAGES.corrupt, { cause: e })),
        )
        .on('end', () => {
          if (done) return;
          try {
            const rest = decoder?.decode() ?? '';
            if (rest) onText(rest);
          } catch (e) {
            fail(e);
            return;
          }
          done = true;
          resolve();
        })
        .resume();
    });
  }

  /** A small part's whole text (relationships, content types, the workbook part). */
  async text(part: string): Promise<string> {
    const chunks: string[] = [];
    await this.stream(part, (t) => chunks.push(t));
    return chunks.join('');
  }

  /** The relationships of a part (empty when it has none). */
  async relationships(part: string): Promise<Relationship[]> {
    const path = relsPathOf(part);
    if (!this.has(path)) return [];
    return elements(await this.text(path), 'Relationship').map((a) => {
      const external = (a.TargetMode ?? '').toLowerCase() === 'external';
      return {
        id: a.Id ?? '',
        type: a.Type ?? '',
        target: external ? (a.Target ?? '') : resolvePartName(part, a.Target ?? ''),
        external,
      };
    });
  }

  /**
   * The workbook part of a SpreadsheetML package; anything else (a zip that
   * is an OpenDocument file, a Word document, a macro workbook) is refused
   * with a message that names what it is.
   */
  async workbookPart(): Promise<string> {
    if (this.has('mimetype')) {
      const mime = (await this.text('mimetype')).trim();
      if (mime === 'application/vnd.oasis.opendocument.spreadsheet')
        throw new XlsxReadError('other_format', READ_MESSAGES.ods);
      if (mime.startsWith('application/vnd.oasis.opendocument'))
        throw new XlsxReadError('other_format', READ_MESSAGES.odf);
    }
    const root = (await this.relationships('')).find(
      (r) => r.type.endsWith(REL_OFFICE_DOCUMENT) && !r.external,
    );
    const main = root?.target ?? (this.has('xl/workbook.xml') ? 'xl/workbook.xml' : undefined);
    if (!main || !this.has(main)) {
      if (this.has('word/document.xml')) throw new XlsxReadError('other_format', READ_MESSAGES.word);
      if (this.has('ppt/presentation.xml')) throw new XlsxReadError('other_format', READ_MESSAGES.powerpoint);
      if (this.has('xl/workbook.bin')) throw new XlsxReadError('other_format', READ_MESSAGES.xlsb);
      throw new XlsxReadError('not_xlsx', READ_MESSAGES.zipNotWorkbook);
    }
    const kind = await this.workbookKind(main);
    if (kind === 'xlsm') throw new XlsxReadError('other_format', READ_MESSAGES.xlsm);
    if (kind === 'xlsb') throw new XlsxReadError('other_format', READ_MESSAGES.xlsb);
    if (kind === 'word') throw new XlsxReadError('other_format', READ_MESSAGES.word);
    if (kind === 'powerpoint') throw new XlsxReadError('other_format', READ_MESSAGES.powerpoint);
    return main;
  }

  private async workbookKind(main: string): Promise<'xlsx' | 'xlsm' | 'xlsb' | 'word' | 'powerpoint'> {
    if (!this.has(CONTENT_TYPES)) return main.toLowerCase().endsWith('.bin') ? 'xlsb' : 'xlsx';
    const xml = await this.text(CONTENT_TYPES);
    const name = `/${main}`.toLowerCase();
    const override = elements(xml, 'Override').find((o) => (o.PartName ?? '').toLowerCase() === name);
    const ext = main.slice(main.lastIndexOf('.') + 1).toLowerCase();
    const type = (
      override?.ContentType ??
      elements(xml, 'Default').find((d) => (d.Extension ?? '').toLowerCase() === ext)?.ContentType ??
      ''
    ).toLowerCase();
    if (type in WORKBOOK_TYPES) return WORKBOOK_TYPES[type]!;
    if (type.includes('wordprocessingml')) return 'word';
    if (type.includes('presentationml')) return 'powerpoint';
    return 'xlsx';
  }
}

function isReadError(e: unknown): e is XlsxReadError {
  return e instanceof XlsxReadError;
}
