/** Text normalisation shared by header and label recognition. */

/** Lower case, diacritics folded (å→a, ä→a, ö→o), everything but letters and digits removed.
 * Folding spaces away also mends PDF word breaks such as "Budgeta vvikelse" and "Progn os 2023". */
export function compact(text: string): string {
  // One pass for what labels and headers hold (ASCII and å ä ö é ü); others through Unicode decomposition.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 37) out += String.fromCharCode(c);
    else if (c < 128) continue;
    else {
      const folded = FOLD[text[i]!];
      if (folded !== undefined) out += folded;
      else
        out += text[i]!.toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/[^a-z0-9%]/g, '');
    }
  }
  return out;
}

const FOLD: Record<string, string> = {
  å: 'a',
  ä: 'a',
  ö: 'o',
  Å: 'a',
  Ä: 'a',
  Ö: 'o',
  é: 'e',
  É: 'e',
  ü: 'u',
  Ü: 'u',
  '\u00a0': '',
  '\u202f': '',
  '\u2013': '',
  '\u2014': '',
  '\u2212': '',
};

/** Lower case with single spaces, diacritics folded, punctuation kept. */
export function normalizeSpaces(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

const SUPERSCRIPTS = /[\u00b9\u00b2\u00b3\u2070-\u2079]+/g;

/** Removes footnote markers (¹ ² ³, "*", "*)") so labels compare equal. */
export function stripFootnoteMarkers(label: string): string {
  // Most labels carry no marker: only then the replaces.
  if (!/[\u00b9\u00b2\u00b3\u2070-\u2079*]|\s\s/.test(label)) return label.trim();
  return label
    .replace(SUPERSCRIPTS, '')
    .replace(/\s*\*+\)?\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A key for comparing labels: markers, case, diacritics and punctuation ignored. */
export function labelKey(label: string): string {
  return compact(stripFootnoteMarkers(label));
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'SANT' : 'FALSKT';
  const t = String(v);
  // No-break spaces are rare: only then the replace.
  return (
    t.indexOf('\u00a0') >= 0 || t.indexOf('\u202f') >= 0 ? t.replace(/[\u00a0\u202f]/g, ' ') : t
  ).trim();
}
