/** A small element tree over saxes, for comparing package parts in tests. */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses a part; throws on XML that is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  parser.on('opentag', (node) => {
    const el: XmlElement = {
      name: node.name,
      attrs: { ...(node.attributes as Record<string, string>) },
      children: [],
      text: '',
    };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => (stack[stack.length - 1]!.text += t));
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

/** Every descendant called `name` (prefix included), in document order. */
export function all(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** How many elements of each name a tree holds (outside the elements named in `skip`). */
export function tagCounts(el: XmlElement, skip: string[] = []): Record<string, number> {
  const counts: Record<string, number> = {};
  const walk = (e: XmlElement) => {
    counts[e.name] = (counts[e.name] ?? 0) + 1;
    if (skip.includes(e.name)) return;
    for (const c of e.children) walk(c);
  };
  walk(el);
  return counts;
}

export interface Parts {
  names: string[];
  text(name: string): Promise<string>;
  bytes(name: string): Promise<Uint8Array>;
}

export async function readParts(file: Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(file);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  return {
    names,
    text: (n) => zip.file(n)!.async('string'),
    bytes: (n) => zip.file(n)!.async('uint8array'),
  };
}
