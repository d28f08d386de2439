/**
 * Swedish number text (DOMAIN.md §7): "-412 059", "14,2", "–412,1", no-break
 * spaces, "%", ".." (not available) and a lone dash (nothing to report).
 */

export type ParsedNumber =
  | { kind: 'number'; value: number; decimals: number; percent: boolean }
  | { kind: 'not_available' }
  | { kind: 'dash' }
  | { kind: 'empty' }
  | { kind: 'text' };

const SPACES = /[\s\u00a0\u202f\u2007\u2009\u200a]/g;
const MINUS = /^[-\u2212\u2013\u2014]/;

export function parseSwedishNumber(input: string): ParsedNumber {
  const raw = input.trim();
  if (raw === '') return { kind: 'empty' };
  if (/^(\.\.|…|\.\.\.)$/.test(raw)) return { kind: 'not_available' };
  if (/^[-\u2212\u2013\u2014]$/.test(raw)) return { kind: 'dash' };

  let s = raw.replace(SPACES, '');
  let negative = false;
  let percent = false;
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
  return { kind: 'number', value: negative && value !== 0 ? -value : value, decimals: frac.length, percent };
}

/** A cell value read as a number: numbers as they are, Swedish number text parsed, else undefined. */
export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const p = parseSwedishNumber(v);
    if (p.kind === 'number') return p.value;
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

/** Decimals a value needs as printed (shortest representation), capped at 6. */
export function valueDecimals(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const s = String(Math.abs(value));
  if (s.includes('e')) return 6;
  const frac = s.split('.')[1] ?? '';
  return Math.min(frac.length, 6);
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
