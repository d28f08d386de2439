/**
 * Swedish number text (DOMAIN.md §7): "-412 059", "14,2", "–412,1", no-break
 * spaces, "%", ".." (not available) and a lone dash (nothing to report).
 */

export type ParsedNumber =
  | { kind: 'number'; value: number; decimals: number; percent: boolean; unit?: MoneySuffix }
  | { kind: 'not_available' }
  | { kind: 'dash' }
  | { kind: 'empty' }
  | { kind: 'text' };

/** A money unit written after a number: "-183 717 kr", "12,5 mnkr", "100:-". */
export type MoneySuffix = 'kr' | 'tkr' | 'mnkr';

const SPACES = /[\s\u00a0\u202f\u2007\u2009\u200a]/g;
const MINUS = /^[-\u2212\u2013\u2014]/;
const TRAILING_MINUS = /[-\u2212\u2013\u2014]$/;
const UNIT_SUFFIX = /(tkr|kkr|mnkr|mkr|kr|sek|:-)$/i;

function suffixUnit(s: string): MoneySuffix {
  const u = s.toLowerCase();
  if (u === 'tkr' || u === 'kkr') return 'tkr';
  if (u === 'mnkr' || u === 'mkr') return 'mnkr';
  return 'kr';
}

/**
 * Whether a text can be a number at all: it holds a digit and starts with a
 * digit, a sign, a bracket or a decimal separator. Lets labels skip the
 * parser's regular expressions (the common case in a label column).
 */
export function mayBeNumber(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  const startsLikeNumber =
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 43 ||
    c === 40 ||
    c === 44 ||
    c === 46 ||
    c === 0x2212 ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 0x2026;
  if (!startsLikeNumber) return false;
  for (let k = i; k < text.length; k++) {
    const d = text.charCodeAt(k);
    if (d >= 48 && d <= 57) return true;
  }
  // "..", "…", "-" and "–" are not numbers but stand for one.
  return text.trim().length <= 3;
}

/** A plain run of digits ("51001", "2024"): the common text number in code columns, read without a regular expression. */
function plainDigits(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function parseSwedishNumber(input: string): ParsedNumber {
  const raw = input.trim();
  if (raw === '') return { kind: 'empty' };
  if (plainDigits(raw)) return { kind: 'number', value: Number(raw), decimals: 0, percent: false };
  if (/^(\.\.|…|\.\.\.)$/.test(raw)) return { kind: 'not_available' };
  if (/^[-\u2212\u2013\u2014]$/.test(raw)) return { kind: 'dash' };
  if (!mayBeNumber(raw)) return { kind: 'text' };

  let s = raw.replace(SPACES, '');
  let negative = false;
  let percent = false;
  let unit: MoneySuffix | undefined;
  const u = UNIT_SUFFIX.exec(s);
  if (u && u.index > 0) {
    unit = suffixUnit(u[1]!);
    s = s.slice(0, u.index);
  }
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (MINUS.test(s)) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  } else if (TRAILING_MINUS.test(s) && s.length > 1) {
    // "183717-": a trailing minus, as some ledger systems print negatives.
    negative = true;
    s = s.slice(0, -1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { kind: 'text' };

  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  let intPart = s;
  let frac = '';
  if (commas === 1 && dots === 0) {
    [intPart, frac] = s.split(',') as [string, string];
  } else if (commas === 0 && dots === 1) {
    // A lone point: decimal point from an English-locale export ("1234.5").
    [intPart, frac] = s.split('.') as [string, string];
  } else if (commas === 1 && dots >= 1) {
    // "1.234,5": points group thousands.
    const [i, f] = s.split(',') as [string, string];
    if (!/^\d{1,3}(\.\d{3})+$/.test(i)) return { kind: 'text' };
    intPart = i.replace(/\./g, '');
    frac = f;
  } else if (commas === 0 && dots > 1) {
    if (!/^\d{1,3}(\.\d{3})+$/.test(s)) return { kind: 'text' };
    intPart = s.replace(/\./g, '');
  } else if (commas > 1 && dots <= 1) {
    // "1,234,567.5": English thousands commas.
    const [i, f = ''] = s.split('.') as [string, string?];
    if (!/^\d{1,3}(,\d{3})+$/.test(i)) return { kind: 'text' };
    intPart = i.replace(/,/g, '');
    frac = f ?? '';
  } else if (commas > 0 || dots > 0) {
    return { kind: 'text' };
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac) || (intPart === '' && frac === ''))
    return { kind: 'text' };
  const value = Number(`${intPart || '0'}.${frac || '0'}`);
  if (!Number.isFinite(value)) return { kind: 'text' };
  const out: ParsedNumber = {
    kind: 'number',
    value: negative && value !== 0 ? -value : value,
    decimals: frac.length,
    percent,
  };
  if (unit) out.unit = unit;
  return out;
}

/** The number a parsed text stands for: a percentage as its fraction ("-18 %" is −0.18). */
export function parsedValue(p: Extract<ParsedNumber, { kind: 'number' }>): number {
  return p.percent ? p.value / 100 : p.value;
}

/** A cell value read as a number: numbers as they are, Swedish number text parsed, else undefined. */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const p = parseSwedishNumber(v);
    if (p.kind === 'number') return parsedValue(p);
    if (p.kind === 'dash') return 0;
  }
  return undefined;
}

/**
 * Decimals shown by an Excel number format: "#,##0.0" → 1, "0.00%" → 2,
 * "#,##0" → 0. A comma after the last digit placeholder scales the value by
 * 1000 ("#,##0," shows 1 234 567 as 1 235), so such a format shows whole
 * thousands: -3 decimals ("#,##0.0," → -2). Undefined for General, text and
 * formats without digits (dates). Parsed once per format code.
 */
export function formatDecimals(fmt: string | undefined): number | undefined {
  if (!fmt) return undefined;
  if (decimalsCache.has(fmt)) return decimalsCache.get(fmt);
  const decimals = parseDecimals(fmt);
  if (decimalsCache.size >= DECIMALS_CACHE_LIMIT) decimalsCache.clear();
  decimalsCache.set(fmt, decimals);
  return decimals;
}

const DECIMALS_CACHE_LIMIT = 1000;
const decimalsCache = new Map<string, number | undefined>();

function parseDecimals(fmt: string): number | undefined {
  if (fmt === '@' || fmt.toLowerCase() === 'general') return undefined;
  let placeholders = 0;
  let decimals = 0;
  let afterPoint = false;
  let scaling = 0;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch === ';') break; // the first section is the one for positive numbers
    if (ch === '"') {
      const close = fmt.indexOf('"', i + 1);
      i = close < 0 ? fmt.length : close;
      continue;
    }
    if (ch === '[') {
      const close = fmt.indexOf(']', i + 1);
      i = close < 0 ? fmt.length : close;
      continue;
    }
    if (ch === '\\' || ch === '_' || ch === '*') {
      i++; // an escaped literal, a space as wide as the next character, a fill character
      continue;
    }
    if (ch === '0' || ch === '#' || ch === '?') {
      placeholders++;
      if (afterPoint) decimals++;
      // Commas seen so far were thousands separators, not scaling.
      scaling = 0;
      continue;
    }
    if (ch === '.') {
      if (placeholders > 0 || fmt[i + 1] === '0' || fmt[i + 1] === '#' || fmt[i + 1] === '?')
        afterPoint = true;
      continue;
    }
    if (ch === ',' && placeholders > 0) {
      scaling++;
      continue;
    }
    if (ch === 'e' || ch === 'E') {
      // Scientific notation: the exponent's digits are not decimals.
      break;
    }
  }
  if (placeholders === 0) return undefined;
  return decimals - 3 * scaling;
}

/** Decimals a value needs as printed (shortest representation), capped at 6. Arithmetic, no string conversion. */
export function valueDecimals(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const a = Math.abs(value);
  let scale = 1;
  for (let d = 1; d <= 6; d++) {
    scale *= 10;
    const x = a * scale;
    if (Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, x)) return d;
  }
  return 6;
}

/** The shown precision u of a value (1 for integers, 0.1 for one decimal ...), from its format or its value. */
export function shownPrecision(value: number, fmt?: string, percentScale = false): number {
  let decimals = formatDecimals(fmt);
  if (decimals === undefined) decimals = valueDecimals(value);
  const scale = percentScale || (fmt !== undefined && fmt.includes('%')) ? 100 : 1;
  return 10 ** -decimals / scale;
}

/** Swedish display: "-412 059", "14,2". */
export function formatSwedish(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [i, f] = fixed.split('.') as [string, string?];
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return `${sign}${grouped}${f ? `,${f}` : ''}`;
}
