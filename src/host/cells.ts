/**
 * How Excel turns what the add-in writes into cell contents, and cell
 * contents into what the add-in reads (values, formulas, valueTypes, text).
 */

import type { CellData } from '../workbook/model';
import { parseIsoDate } from '../workbook/dates';
import { isErrorValue, scanReferences, SSF } from '../workbook/recalc';
import { HostError, ErrorCodes } from './errors';

export type Culture = 'sv-SE' | 'en-US';

type Scalar = string | number | boolean;

const NUMBER_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const PERCENT_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*%\s*$/;

/**
 * The cell contents Excel stores for one input value, as if typed (en-US
 * input parsing, which is what the API uses for `values`). Returns
 * undefined for null, which the API treats as "leave this cell unchanged".
 *
 * A leading apostrophe makes the rest text and is remembered as the cell's
 * quote prefix (never shown, and left out of both `values` and `formulas`:
 * office-js issue 6687). "2024-08-31" becomes the date serial 45535 with a
 * date format, as in every Excel locale.
 */
export function contentFromInput(
  input: unknown,
  existing: CellData | undefined,
  location: string,
): Partial<CellData> | undefined {
  if (input === null || input === undefined) return undefined;
  const clear = { formula: undefined, error: undefined, quotePrefix: undefined } as const;
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      throw new HostError(ErrorCodes.invalidArgument, 'Numbers must be finite.', location);
    return { ...clear, value: input };
  }
  if (typeof input === 'boolean') return { ...clear, value: input };
  if (typeof input !== 'string') {
    throw new HostError(
      ErrorCodes.invalidArgument,
      `Unsupported cell value of type ${typeof input}.`,
      location,
    );
  }
  if (input === '') return { ...clear, value: null };
  if (existing?.numberFormat === '@') return { ...clear, value: input };
  if (input.startsWith("'")) return { ...clear, value: input.slice(1), quotePrefix: true };
  if (input.startsWith('=') && input.length > 1)
    return { ...clear, formula: normalizeFormula(input), value: null };
  if (isErrorValue(input.toUpperCase())) return { ...clear, value: input.toUpperCase(), error: true };
  if (NUMBER_TEXT.test(input)) return { ...clear, value: Number(input) };
  if (PERCENT_TEXT.test(input)) return { ...clear, value: Number(input.replace('%', '')) / 100 };
  const upper = input.trim().toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { ...clear, value: upper === 'TRUE' };
  const date = parseIsoDate(input);
  if (date) {
    const general = existing?.numberFormat === undefined || existing.numberFormat === 'General';
    return { ...clear, value: date.serial, ...(general ? { numberFormat: date.numberFormat } : {}) };
  }
  return { ...clear, value: input };
}

export function cellValue(cell: CellData | undefined): Scalar {
  const v = cell?.value;
  return v === null || v === undefined ? '' : v;
}

export function cellFormula(cell: CellData | undefined): Scalar {
  return cell?.formula ?? cellValue(cell);
}

export function cellValueType(
  cell: CellData | undefined,
): 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error' {
  if (!cell || cell.value === null || cell.value === '')
    return cell?.formula !== undefined ? 'String' : 'Empty';
  if (cell.error) return 'Error';
  if (typeof cell.value === 'number') return 'Double';
  if (typeof cell.value === 'boolean') return 'Boolean';
  return 'String';
}

export function cellNumberFormat(cell: CellData | undefined): string {
  return cell?.numberFormat ?? 'General';
}

/** Excel for Mac reports "hh" in a time format as "h" (office-js issue 4310, still open). */
export function macNumberFormat(format: string): string {
  return format.includes('hh') || format.includes('HH') ? format.replace(/hh/gi, 'h') : format;
}

const BOOLEAN_TEXT: Record<Culture, [string, string]> = {
  'sv-SE': ['SANT', 'FALSKT'],
  'en-US': ['TRUE', 'FALSE'],
};

/** Swaps en-US separators for the culture's: "1,234.5" → "1 234,5" (no-break space, as Windows sv-SE). */
function localize(text: string, culture: Culture): string {
  if (culture === 'en-US') return text;
  return text.replace(/[.,]/g, (ch) => (ch === ',' ? '\u00a0' : ','));
}

/** The displayed text of a number under a number format code. */
export function formatNumber(value: number, format: string, culture: Culture): string {
  if (format === '@') return localize(String(value), culture);
  try {
    return localize(SSF.format(format === 'General' ? 'General' : format, value), culture);
  } catch {
    return localize(SSF.format('General', value), culture);
  }
}

/** What Excel shows in the cell (Range.text). Column width is ignored: numbers never turn into "####". */
export function cellText(cell: CellData | undefined, culture: Culture): string {
  if (!cell) return '';
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return BOOLEAN_TEXT[culture][v ? 0 : 1];
  if (typeof v === 'string') return v;
  return formatNumber(v, cellNumberFormat(cell), culture);
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  lime: '#00FF00',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  gray: '#808080',
  grey: '#808080',
  silver: '#C0C0C0',
  lightgray: '#D3D3D3',
  lightgrey: '#D3D3D3',
  purple: '#800080',
  navy: '#000080',
};

/** Normalises a colour the way Excel reports it back: "#RRGGBB" in upper case. */
export function normalizeColor(input: unknown, location: string): string {
  if (typeof input === 'string') {
    const s = input.trim();
    if (/^#[0-9a-fA-F]{6}$/.test(s)) return s.toUpperCase();
    if (/^#[0-9a-fA-F]{3}$/.test(s)) return `#${[...s.slice(1)].map((c) => c + c).join('')}`.toUpperCase();
    const named = NAMED_COLORS[s.toLowerCase()];
    if (named) return named;
  }
  throw new HostError(ErrorCodes.invalidArgument, `Invalid color: ${String(input)}.`, location);
}

/**
 * Excel stores formulas with references and function names in upper case
 * ("=sum(a1:b2)" reads back as "=SUM(A1:B2)"); string literals and sheet
 * names keep their case.
 */
export function normalizeFormula(formula: string): string {
  // Function names: upper-case words followed by "(", outside "..." and '...'.
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch && formula[j + 1] === ch) j += 2;
        else if (formula[j] === ch) break;
        else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*(?=\()/.exec(formula.slice(i));
    if (word && !/[\p{L}\p{N}_.]/u.test(formula[i - 1] ?? '')) {
      out += word[0].toUpperCase();
      i += word[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  let result = '';
  let last = 0;
  for (const ref of scanReferences(out)) {
    result += out.slice(last, ref.refStart) + out.slice(ref.refStart, ref.end).toUpperCase();
    last = ref.end;
  }
  return result + out.slice(last);
}
