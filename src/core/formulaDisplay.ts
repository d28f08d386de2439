/**
 * A formula as a Swedish Excel user sees it. Budgetkoll reads and writes
 * formulas in Excel's invariant syntax (`=SUM(B8:B11)`, Range.formulas);
 * Swedish Excel shows the same formula as `=SUMMA(B8:B11)`, with `;` between
 * arguments and a decimal comma. The workbench's formula bar shows this, so
 * what a user sees there is what Excel would show.
 *
 * Only the display changes: text in quotes, sheet names, structured
 * references and array constants are copied as they are.
 */

/**
 * Invariant → Swedish function names, for the functions the product writes
 * and reads and those common in budget sheets. A function not listed keeps
 * its name (Excel's own names for most newer functions are the same).
 */
export const SWEDISH_FUNCTION_NAMES: Readonly<Record<string, string>> = {
  SUM: 'SUMMA',
  SUMIF: 'SUMMA.OM',
  SUMIFS: 'SUMMA.OMF',
  SUMPRODUCT: 'PRODUKTSUMMA',
  SUBTOTAL: 'DELSUMMA',
  IF: 'OM',
  IFERROR: 'OMFEL',
  AND: 'OCH',
  OR: 'ELLER',
  NOT: 'ICKE',
  ROUND: 'AVRUNDA',
  ROUNDUP: 'AVRUNDA.UPPÅT',
  ROUNDDOWN: 'AVRUNDA.NEDÅT',
  INT: 'HELTAL',
  MOD: 'REST',
  AVERAGE: 'MEDEL',
  COUNT: 'ANTAL',
  COUNTA: 'ANTALV',
  COUNTIF: 'ANTAL.OM',
  COUNTIFS: 'ANTAL.OMF',
  VLOOKUP: 'LETARAD',
  HLOOKUP: 'LETAKOLUMN',
  XLOOKUP: 'XLETAUPP',
  MATCH: 'PASSA',
  ISNUMBER: 'ÄRTAL',
  ISBLANK: 'ÄRTOM',
  ISERROR: 'ÄRFEL',
  VALUE: 'TEXTNUM',
  LEFT: 'VÄNSTER',
  RIGHT: 'HÖGER',
  MID: 'EXTEXT',
  LEN: 'LÄNGD',
  TRIM: 'RENSA',
  CONCATENATE: 'SAMMANFOGA',
  TODAY: 'IDAG',
  DATE: 'DATUM',
  YEAR: 'ÅR',
  MONTH: 'MÅNAD',
  EOMONTH: 'SLUTMÅNAD',
};

const SWEDISH_BOOLEANS: Readonly<Record<string, string>> = { TRUE: 'SANT', FALSE: 'FALSKT' };

/** Prefixes files carry for newer functions (`_xlfn.XLOOKUP`); Excel never shows them. */
const FUTURE_PREFIXES = ['_xlfn._xlws.', '_xlfn.', '_xlws.'];

function isIdentStart(ch: string): boolean {
  return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch === '_' || ch === '\\' || ch > '\u007f';
}

function isIdentPart(ch: string): boolean {
  return isIdentStart(ch) || (ch >= '0' && ch <= '9') || ch === '.';
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Index just past a run quoted by `quote` starting at `start` (a doubled quote is an escaped one). */
function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

/** Index just past the bracket run opened at `start` (`[`…`]`, `{`…`}`), nesting counted. */
function skipBracketed(text: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      i = skipQuoted(text, i, '"') - 1;
      continue;
    }
    if (ch === open) depth++;
    else if (ch === close && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * `=SUM(B8:B11,0.5)` → `=SUMMA(B8:B11;0,5)`. Anything that is not a formula
 * (no leading `=`) is returned unchanged.
 */
export function swedishFormula(invariant: string): string {
  if (!invariant.startsWith('=')) return invariant;
  let out = '=';
  let i = 1;
  const n = invariant.length;
  while (i < n) {
    const ch = invariant[i]!;
    if (ch === '"' || ch === "'") {
      const end = skipQuoted(invariant, i, ch);
      out += invariant.slice(i, end);
      i = end;
    } else if (ch === '[') {
      const end = skipBracketed(invariant, i, '[', ']');
      out += invariant.slice(i, end);
      i = end;
    } else if (ch === '{') {
      const end = skipBracketed(invariant, i, '{', '}');
      out += invariant.slice(i, end);
      i = end;
    } else if (ch === ',') {
      out += ';';
      i++;
    } else if (isDigit(ch) || (ch === '.' && isDigit(invariant[i + 1]))) {
      // A number literal (cell references start with a letter and are read as identifiers below).
      let j = i;
      while (j < n && (isDigit(invariant[j]) || invariant[j] === '.')) j++;
      const sign = invariant[j + 1];
      if ((invariant[j] === 'E' || invariant[j] === 'e') && (isDigit(sign) || sign === '+' || sign === '-')) {
        j += 2;
        while (j < n && isDigit(invariant[j])) j++;
      }
      out += invariant.slice(i, j).replace('.', ',');
      i = j;
    } else if (isIdentStart(ch)) {
      let j = i + 1;
      while (j < n && isIdentPart(invariant[j]!)) j++;
      let name = invariant.slice(i, j);
      const next = invariant[j];
      if (next === '(') {
        for (const prefix of FUTURE_PREFIXES) {
          if (name.toLowerCase().startsWith(prefix)) {
            name = name.slice(prefix.length);
            break;
          }
        }
        out += SWEDISH_FUNCTION_NAMES[name.toUpperCase()] ?? name;
      } else if (next !== '!' && next !== ':' && SWEDISH_BOOLEANS[name.toUpperCase()]) {
        out += SWEDISH_BOOLEANS[name.toUpperCase()];
      } else {
        out += name;
      }
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** A formula as the user's Excel shows it: Swedish unless the settings say English. */
export function shownFormula(invariant: string, language: 'sv' | 'en' | undefined): string {
  return language === 'en' ? invariant : swedishFormula(invariant);
}
