/**
 * The .xlsx file as an OPC package: zip entries, content types and
 * relationships. Entries nobody changed are written back with their original
 * compressed bytes (JSZip reuses them); changed entries keep their name,
 * date and compression method.
 */
import JSZip from 'jszip';
import { escapeAttr, findElements, getAttr, rootPrefix, setAttr } from './xml';

export interface Relationship {
  id: string;
  /** The relationship type's last segment ("worksheet", "styles", "comments" …); transitional and strict alike. */
  kind: string;
  /** Package path of the target (no leading "/"), or the raw target for external links. */
  target: string;
  external: boolean;
}

export const CONTENT_TYPES = '[Content_Types].xml';
const REL_TYPE_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
export const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** Resolves a relationship target against the folder of its source part. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (dirOf(source) + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPath(part: string): string {
  const dir = dirOf(part);
  return `${dir}_rels/${part.slice(dir.length)}.rels`;
}

/** Where the bytes of an entry live and how they were stored, so they can be kept. */
interface EntryInfo {
  date: Date;
  compression: 'STORE' | 'DEFLATE';
}

export class Package {
  private readonly texts = new Map<string, string>();
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly info = new Map<string, EntryInfo>();

  private constructor(private readonly zip: JSZip) {
    for (const [name, file] of Object.entries(zip.files)) {
      const data = (file as unknown as { _data?: { compression?: { magic?: string } } })._data;
      const stored = data?.compression?.magic === '\x00\x00';
      this.info.set(name, { date: file.date, compression: stored ? 'STORE' : 'DEFLATE' });
    }
  }

  static async load(bytes: Uint8Array): Promise<Package> {
    return new Package(await JSZip.loadAsync(bytes, { checkCRC32: false }));
  }

  has(path: string): boolean {
    return (
      !this.removed.has(path) &&
      (this.texts.has(path) || (this.zip.files[path] !== undefined && !this.zip.files[path]!.dir))
    );
  }

  /** Every part name in the package, in the zip's order. */
  parts(): string[] {
    const names = Object.keys(this.zip.files).filter((n) => !this.zip.files[n]!.dir && !this.removed.has(n));
    for (const n of this.texts.keys()) if (!names.includes(n) && !this.removed.has(n)) names.push(n);
    return names;
  }

  async text(path: string): Promise<string | undefined> {
    if (this.removed.has(path)) return undefined;
    const cached = this.texts.get(path);
    if (cached !== undefined) return cached;
    const file = this.zip.files[path];
    if (!file || file.dir) return undefined;
    const text = await file.async('string');
    this.texts.set(path, text);
    return text;
  }

  setText(path: string, text: string): void {
    if (this.texts.get(path) === text && !this.changed.has(path) && this.zip.files[path]) return;
    this.texts.set(path, text);
    this.changed.add(path);
    this.removed.delete(path);
  }

  remove(path: string): void {
    this.removed.add(path);
    this.changed.delete(path);
    this.texts.delete(path);
  }

  isChanged(path: string): boolean {
    return this.changed.has(path) || this.removed.has(path);
  }

  get anyChange(): boolean {
    return this.changed.size > 0 || this.removed.size > 0;
  }

  async relationships(part: string): Promise<Relationship[]> {
    const xml = await this.text(relsPath(part));
    if (!xml) return [];
    const p = rootPrefix(xml, 'Relationships');
    return findElements(xml, `${p}Relationship`).map((e) => {
      const tag = xml.slice(e.start, e.openEnd);
      const type = getAttr(tag, 'Type') ?? '';
      const external = getAttr(tag, 'TargetMode') === 'External';
      const target = getAttr(tag, 'Target') ?? '';
      return {
        id: getAttr(tag, 'Id') ?? '',
        kind: type.slice(type.lastIndexOf('/') + 1),
        target: external ? target : resolveTarget(part, target),
        external,
      };
    });
  }

  /** Adds a relationship from `part` to `target`; returns its new id. */
  async addRelationship(part: string, kind: string, target: string): Promise<string> {
    const path = relsPath(part);
    const xml =
      (await this.text(path)) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const p = rootPrefix(xml, 'Relationships');
    const ids = new Set(
      findElements(xml, `${p}Relationship`).map((e) => getAttr(xml.slice(e.start, e.openEnd), 'Id')),
    );
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<${p}Relationship Id="${id}" Type="${REL_TYPE_BASE}${kind}" Target="${escapeAttr(relativeTarget(part, target))}"/>`;
    const close = xml.lastIndexOf(`</${p}Relationships>`);
    const next =
      close < 0
        ? xml.replace(/\/>\s*$/, `>${rel}</${p}Relationships>`)
        : xml.slice(0, close) + rel + xml.slice(close);
    this.setText(path, next);
    return id;
  }

  /** Removes the relationships of `part` that point at `target`. */
  async removeRelationshipsTo(part: string, target: string): Promise<void> {
    const path = relsPath(part);
    const xml = await this.text(path);
    if (!xml) return;
    const p = rootPrefix(xml, 'Relationships');
    const drop = findElements(xml, `${p}Relationship`).filter((e) => {
      const tag = xml.slice(e.start, e.openEnd);
      return (
        getAttr(tag, 'TargetMode') !== 'External' &&
        resolveTarget(part, getAttr(tag, 'Target') ?? '') === target
      );
    });
    if (drop.length === 0) return;
    let out = '';
    let last = 0;
    for (const e of drop) {
      out += xml.slice(last, e.start);
      last = e.end;
    }
    this.setText(path, out + xml.slice(last));
  }

  /** Registers a part's content type with an Override (or drops it with `undefined`). */
  async setOverride(part: string, contentType: string | undefined): Promise<void> {
    const xml = await this.text(CONTENT_TYPES);
    if (xml === undefined) return;
    const p = rootPrefix(xml, 'Types');
    const name = `/${part}`;
    const existing = findElements(xml, `${p}Override`).find(
      (e) => (getAttr(xml.slice(e.start, e.openEnd), 'PartName') ?? '').toLowerCase() === name.toLowerCase(),
    );
    if (contentType === undefined) {
      if (existing) this.setText(CONTENT_TYPES, xml.slice(0, existing.start) + xml.slice(existing.end));
      return;
    }
    if (existing) {
      const tag = xml.slice(existing.start, existing.openEnd);
      if (getAttr(tag, 'ContentType') === contentType) return;
      this.setText(
        CONTENT_TYPES,
        xml.slice(0, existing.start) + setAttr(tag, 'ContentType', contentType) + xml.slice(existing.openEnd),
      );
      return;
    }
    const close = xml.lastIndexOf(`</${p}Types>`);
    const override = `<${p}Override PartName="${escapeAttr(name)}" ContentType="${contentType}"/>`;
    this.setText(CONTENT_TYPES, xml.slice(0, close) + override + xml.slice(close));
  }

  /** The content type of a part: its Override, else the Default for its extension. */
  async contentType(part: string): Promise<string | undefined> {
    const xml = await this.text(CONTENT_TYPES);
    if (xml === undefined) return undefined;
    const p = rootPrefix(xml, 'Types');
    const name = `/${part}`.toLowerCase();
    for (const e of findElements(xml, `${p}Override`)) {
      const tag = xml.slice(e.start, e.openEnd);
      if ((getAttr(tag, 'PartName') ?? '').toLowerCase() === name) return getAttr(tag, 'ContentType');
    }
    const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    for (const e of findElements(xml, `${p}Default`)) {
      const tag = xml.slice(e.start, e.openEnd);
      if ((getAttr(tag, 'Extension') ?? '').toLowerCase() === ext) return getAttr(tag, 'ContentType');
    }
    return undefined;
  }

  /** A part name `prefix<N>suffix` that is not in use. */
  freeName(prefix: string, suffix: string): string {
    const used = new Set(this.parts().map((n) => n.toLowerCase()));
    let n = 1;
    while (used.has(`${prefix}${n}${suffix}`.toLowerCase())) n++;
    return `${prefix}${n}${suffix}`;
  }

  /** The package with the changes; unchanged entries keep their compressed bytes. */
  async generate(): Promise<Uint8Array> {
    const fallbackDate = this.info.get('xl/workbook.xml')?.date ?? new Date(Date.UTC(1980, 0, 1));
    for (const path of this.removed) this.zip.remove(path);
    for (const path of this.changed) {
      const info = this.info.get(path);
      this.zip.file(path, this.texts.get(path)!, {
        date: info?.date ?? fallbackDate,
        compression: info?.compression ?? 'DEFLATE',
        createFolders: false,
      });
    }
    for (const [name, file] of Object.entries(this.zip.files)) {
      const info = this.info.get(name);
      if (info && !this.changed.has(name)) file.options.compression = info.compression;
    }
    return this.zip.generateAsync({
      type: 'uint8array',
      compression: 'DEFLATE',
      compressionOptions: { level: 3 },
      platform: 'DOS',
    });
  }
}

/** A relationship target relative to the source part's folder, as Excel writes them. */
function relativeTarget(source: string, target: string): string {
  const from = dirOf(source).split('/').filter(Boolean);
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}
