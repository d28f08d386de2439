/**
 * A1 references in formulas: one scanner and the three edits Excel applies to
 * them. Recalculation (src/workbook), the simulated host's inserts and
 * deletes (src/host), the .xlsx adapter's shared formulas (src/xlsx) and the
 * sum check (formulaRefs.ts) all go through this module, so a formula means
 * the same cells everywhere.
 *
 *   scanRefs      the references of a formula, outside string literals
 *   shiftFormula  cells inserted or deleted with a shift (Insert > Shift cells right …)
 *   slideFormula  a formula copied to another cell (shared formulas, fill)
 *   dropSheet     a sheet deleted
 *
 * Formulas are in Excel's invariant syntax (English function names, comma
 * separators), as Range.formulas and .xlsx files carry them. The scanner is a
 * hand-written loop over character codes: it runs for every formula of every
 * recalculation, so it allocates only the references it finds.
 */

/** Last row and column index (0-based): row 1 048 576 and column XFD. */
export const MAX_ROW = 1048575;
export const MAX_COL = 16383;

export interface RefEnd {
  row: number;
  col: number;
  rowAbs: boolean;
  colAbs: boolean;
}

/** 'cols' is "A:C" (whole columns: rows run 0..MAX_ROW), 'rows' is "2:5" (columns 0..MAX_COL). */
export type RefKind = 'cell' | 'range' | 'cols' | 'rows';

/** One reference. `start`/`end` delimit the token with its sheet prefix; `refStart` is where the A1 part begins. */
export interface FormulaRef {
  start: number;
  refStart: number;
  end: number;
  /** The sheet as written, unquoted; undefined for a reference to the formula's own sheet. */
  sheet?: string;
  /** True for a reference into another workbook ("[1]Blad1!A1"); edits never touch it. */
  external?: boolean;
  kind: RefKind;
  a: RefEnd;
  b: RefEnd;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CH_DOLLAR = 36;
const CH_QUOTE = 39;
const CH_DQUOTE = 34;
const CH_COLON = 58;
const CH_BANG = 33;
const CH_LPAREN = 40;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_HASH = 35;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Characters that continue a name: letters (any script), digits, "_", ".", "\\". */
function isNameChar(c: number): boolean {
  if (c < 128) return isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 92;
  // Letters and marks outside ASCII (å, ä, ö …); space-like and punctuation characters of the
  // formula grammar are all ASCII, so everything else continues a name.
  return c !== 0x00a0 && c !== 0x3000;
}

function isNameStart(c: number): boolean {
  if (c < 128) return isLetter(c) || c === 95 || c === 92;
  return c !== 0x00a0 && c !== 0x3000;
}

/** A cell or column part "$AB$12" / "$AB" at `pos`; end is exclusive. */
interface Part {
  end: number;
  col: number;
  colAbs: boolean;
  row: number;
  rowAbs: boolean;
  hasCol: boolean;
  hasRow: boolean;
}

function readPart(s: string, pos: number): Part | undefined {
  let i = pos;
  let colAbs = false;
  if (s.charCodeAt(i) === CH_DOLLAR) {
    colAbs = true;
    i++;
  }
  let col = 0;
  let letters = 0;
  while (letters < 4) {
    const c = s.charCodeAt(i);
    if (!isLetter(c)) break;
    col = col * 26 + ((c | 32) - 96);
    letters++;
    i++;
  }
  if (letters > 3) return undefined;
  let rowAbs = false;
  let digitsStart = i;
  if (s.charCodeAt(i) === CH_DOLLAR) {
    if (letters === 0 && colAbs) return undefined;
    rowAbs = true;
    i++;
    digitsStart = i;
  }
  let row = 0;
  let digits = 0;
  while (digits < 8) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) break;
    row = row * 10 + (c - 48);
    digits++;
    i++;
  }
  if (letters === 0 && digits === 0) return undefined;
  if (rowAbs && digits === 0) return undefined;
  if (digits > 7 || (digits > 0 && s.charCodeAt(digitsStart) === 48)) return undefined;
  if (letters === 0) {
    // A row-only part: "$3" means an absolute row.
    return {
      end: i,
      col: 0,
      colAbs: false,
      row: row - 1,
      rowAbs: colAbs || rowAbs,
      hasCol: false,
      hasRow: true,
    };
  }
  return { end: i, col: col - 1, colAbs, row: row - 1, rowAbs, hasCol: true, hasRow: digits > 0 };
}

/** A reference part may not run on into a name, a call, a sheet prefix or a structured reference. */
function endsCleanly(s: string, pos: number): boolean {
  if (pos >= s.length) return true;
  const c = s.charCodeAt(pos);
  return !(
    isNameChar(c) ||
    c === CH_LPAREN ||
    c === CH_BANG ||
    c === CH_DOLLAR ||
    c === CH_QUOTE ||
    c === CH_LBRACKET
  );
}

function validCell(p: Part): boolean {
  return p.col >= 0 && p.col <= MAX_COL && p.row >= 0 && p.row <= MAX_ROW;
}

function parseRefAt(s: string, pos: number): Pick<FormulaRef, 'end' | 'kind' | 'a' | 'b'> | undefined {
  const p = readPart(s, pos);
  if (!p) return undefined;
  if (s.charCodeAt(p.end) === CH_COLON) {
    const q = readPart(s, p.end + 1);
    if (q && endsCleanly(s, q.end)) {
      if (p.hasCol && p.hasRow && q.hasCol && q.hasRow) {
        if (!validCell(p) || !validCell(q)) return undefined;
        return { end: q.end, kind: 'range', a: endOf(p), b: endOf(q) };
      }
      if (p.hasCol && !p.hasRow && q.hasCol && !q.hasRow) {
        if (p.col > MAX_COL || q.col > MAX_COL) return undefined;
        return {
          end: q.end,
          kind: 'cols',
          a: { col: p.col, colAbs: p.colAbs, row: 0, rowAbs: false },
          b: { col: q.col, colAbs: q.colAbs, row: MAX_ROW, rowAbs: false },
        };
      }
      if (!p.hasCol && p.hasRow && !q.hasCol && q.hasRow) {
        if (p.row < 0 || q.row < 0 || p.row > MAX_ROW || q.row > MAX_ROW) return undefined;
        return {
          end: q.end,
          kind: 'rows',
          a: { row: p.row, rowAbs: p.rowAbs, col: 0, colAbs: false },
          b: { row: q.row, rowAbs: q.rowAbs, col: MAX_COL, colAbs: false },
        };
      }
      return undefined;
    }
  }
  if (p.hasCol && p.hasRow && validCell(p) && endsCleanly(s, p.end)) {
    const a = endOf(p);
    return { end: p.end, kind: 'cell', a, b: a };
  }
  return undefined;
}

function endOf(p: Part): RefEnd {
  return { row: p.row, col: p.col, rowAbs: p.rowAbs, colAbs: p.colAbs };
}

/** End (exclusive) of a string literal starting at `pos` (a double quote); "" is an escaped quote. */
function skipString(s: string, pos: number): number {
  let i = pos + 1;
  while (i < s.length) {
    if (s.charCodeAt(i) === CH_DQUOTE) {
      if (s.charCodeAt(i + 1) === CH_DQUOTE) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/** End (exclusive) of a bracket group at `pos`, with nesting (structured references, external books). */
function skipBrackets(s: string, pos: number): number {
  let depth = 0;
  let i = pos;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === CH_LBRACKET) depth++;
    else if (c === CH_RBRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === CH_QUOTE && depth > 0) {
      // An apostrophe escapes the next character inside structured references.
      i++;
    }
    i++;
  }
  return i;
}

function makeRef(
  ref: Pick<FormulaRef, 'end' | 'kind' | 'a' | 'b'>,
  start: number,
  refStart: number,
  sheet: string | undefined,
  external: boolean,
): FormulaRef {
  const out: FormulaRef = { start, refStart, end: ref.end, kind: ref.kind, a: ref.a, b: ref.b };
  if (sheet !== undefined) out.sheet = sheet;
  if (external) out.external = true;
  return out;
}

/**
 * The references of `formula` (with or without its "="), in order. String
 * literals, function names, defined names, structured references
 * (Tabell1[Kolumn]) and error literals are skipped; references into other
 * workbooks are reported with `external`.
 */
export function scanRefs(formula: string): FormulaRef[] {
  const s = formula;
  const n = s.length;
  const refs: FormulaRef[] = [];
  let i = 0;
  let external = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === CH_DQUOTE) {
      i = skipString(s, i);
      continue;
    }
    if (c === CH_HASH) {
      // An error literal such as #REF! or #N/A.
      i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (isLetter(d) || d === 47 || d === 48) i++;
        else {
          if (d === CH_BANG || d === 63) i++;
          break;
        }
      }
      continue;
    }
    if (c === CH_LBRACKET) {
      // "[1]Blad1!A1" (another workbook) when it starts a token; "Tabell1[…]" was skipped with its name.
      i = skipBrackets(s, i);
      external = true;
      continue;
    }
    if (c === CH_QUOTE) {
      let j = i + 1;
      let name = '';
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d === CH_QUOTE) {
          if (s.charCodeAt(j + 1) === CH_QUOTE) {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += s[j];
        j++;
      }
      if (s.charCodeAt(j + 1) === CH_BANG) {
        const ref = parseRefAt(s, j + 2);
        if (ref) {
          const isExternal = external || name.startsWith('[');
          refs.push(makeRef(ref, i, j + 2, name, isExternal));
          i = ref.end;
          external = false;
          continue;
        }
      }
      i = j + 1;
      external = false;
      continue;
    }
    const startsToken = isNameStart(c) || c === CH_DOLLAR || isDigit(c);
    if (!startsToken) {
      i++;
      external = false;
      continue;
    }
    if (i > 0 && isNameChar(s.charCodeAt(i - 1)) && !external) {
      i++;
      continue;
    }
    // An unquoted sheet prefix: a name followed by "!".
    if (isNameStart(c) || isDigit(c)) {
      let j = i;
      while (j < n && isNameChar(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) === CH_BANG) {
        const ref = parseRefAt(s, j + 1);
        if (ref) {
          refs.push(makeRef(ref, i, j + 1, s.slice(i, j), external));
          i = ref.end;
          external = false;
          continue;
        }
        i = j + 1;
        external = false;
        continue;
      }
    }
    const ref = parseRefAt(s, i);
    if (ref) {
      refs.push(makeRef(ref, i, i, undefined, external));
      i = ref.end;
      external = false;
      continue;
    }
    // Not a reference: skip the rest of the word (a function name, a number, a defined name).
    i++;
    while (i < n) {
      const d = s.charCodeAt(i);
      if (isNameChar(d) || d === CH_DOLLAR) i++;
      else break;
    }
    if (s.charCodeAt(i) === CH_LBRACKET) i = skipBrackets(s, i);
    external = false;
  }
  return refs;
}

/** The cells a reference covers, top-left to bottom-right. */
export function refRect(ref: Pick<FormulaRef, 'a' | 'b'>): Rect {
  return {
    top: Math.min(ref.a.row, ref.b.row),
    left: Math.min(ref.a.col, ref.b.col),
    bottom: Math.max(ref.a.row, ref.b.row),
    right: Math.max(ref.a.col, ref.b.col),
  };
}

export function columnName(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function endText(e: RefEnd, part: 'cell' | 'col' | 'row'): string {
  const col = `${e.colAbs ? '$' : ''}${columnName(e.col)}`;
  const row = `${e.rowAbs ? '$' : ''}${e.row + 1}`;
  return part === 'cell' ? col + row : part === 'col' ? col : row;
}

/** The A1 text of a reference (without its sheet prefix). */
export function refText(kind: RefKind, a: RefEnd, b: RefEnd): string {
  switch (kind) {
    case 'cell':
      return endText(a, 'cell');
    case 'range':
      return `${endText(a, 'cell')}:${endText(b, 'cell')}`;
    case 'cols':
      return `${endText(a, 'col')}:${endText(b, 'col')}`;
    case 'rows':
      return `${endText(a, 'row')}:${endText(b, 'row')}`;
  }
}

/**
 * Replaces references: `fn` returns the new A1 text for a reference (its
 * sheet prefix is kept; "#REF!" for one that no longer exists), `{ token }`
 * to replace the whole token with its prefix, or undefined to keep it.
 */
export function rewriteRefs(
  formula: string,
  fn: (ref: FormulaRef) => string | { token: string } | undefined,
): string {
  const refs = scanRefs(formula);
  if (refs.length === 0) return formula;
  let out = '';
  let last = 0;
  for (const ref of refs) {
    const next = fn(ref);
    if (next === undefined) continue;
    if (typeof next === 'string') {
      out += formula.slice(last, ref.refStart) + next;
    } else {
      out += formula.slice(last, ref.start) + next.token;
    }
    last = ref.end;
  }
  return last === 0 ? formula : out + formula.slice(last);
}

/** Cells inserted or deleted with a shift, as Excel's Insert/Delete with "shift cells right/down" do. */
export interface ShiftEdit {
  /** The sheet whose cells move. */
  sheet: string;
  mode: 'insert' | 'delete';
  /** 'columns': cells move right/left within the rows of `rect`; 'rows': cells move down/up within its columns. */
  axis: 'columns' | 'rows';
  /** The inserted or deleted block. */
  rect: Rect;
}

type Span = { lo: number; hi: number };

/**
 * Where a span of positions goes. Insert: positions at or after `start` move
 * by `count`; a range past the last position keeps its end at the edge, a
 * cell or a range whose start is pushed off the sheet is gone. Delete:
 * positions inside the deleted block are gone, ranges shrink.
 */
function shiftSpan(
  span: Span,
  mode: 'insert' | 'delete',
  start: number,
  count: number,
  max: number,
  single: boolean,
): Span | undefined {
  const { lo, hi } = span;
  if (mode === 'insert') {
    const nlo = lo >= start ? lo + count : lo;
    let nhi = hi >= start ? hi + count : hi;
    if (nlo > max) return undefined;
    if (nhi > max) {
      if (single) return undefined;
      nhi = max;
    }
    return { lo: nlo, hi: nhi };
  }
  const end = start + count - 1;
  if (lo >= start && hi <= end) return undefined;
  return {
    lo: lo < start ? lo : lo <= end ? start : lo - count,
    hi: hi < start ? hi : hi <= end ? start - 1 : hi - count,
  };
}

/**
 * The new A1 text of one reference after `edit`, "#REF!" when its cells are
 * gone, undefined when it is unchanged. Excel adjusts a reference only when
 * it lies wholly inside the band of rows (for a sideways shift) or columns
 * (for an up/down shift) that moves; a reference that straddles the band
 * keeps its address, since the cells it named no longer form a rectangle.
 */
export function shiftRef(
  ref: Pick<FormulaRef, 'kind' | 'a' | 'b'>,
  edit: Omit<ShiftEdit, 'sheet'>,
): string | undefined {
  const { rect, axis, mode } = edit;
  const horizontal = axis === 'columns';
  if ((horizontal && ref.kind === 'rows') || (!horizontal && ref.kind === 'cols')) return undefined;
  const box = refRect(ref);
  const [bandLo, bandHi] = horizontal ? [rect.top, rect.bottom] : [rect.left, rect.right];
  const [crossLo, crossHi] = horizontal ? [box.top, box.bottom] : [box.left, box.right];
  if (crossLo < bandLo || crossHi > bandHi) return undefined;
  const start = horizontal ? rect.left : rect.top;
  const count = horizontal ? rect.right - rect.left + 1 : rect.bottom - rect.top + 1;
  const span = horizontal ? { lo: box.left, hi: box.right } : { lo: box.top, hi: box.bottom };
  const max = horizontal ? MAX_COL : MAX_ROW;
  const moved = shiftSpan(span, mode, start, count, max, ref.kind === 'cell');
  if (!moved) return '#REF!';
  if (moved.lo === span.lo && moved.hi === span.hi) return undefined;
  const key = horizontal ? 'col' : 'row';
  const a = { ...ref.a };
  const b = { ...ref.b };
  // Each end keeps its role: the end that was the low one stays low.
  const aIsLo = a[key] <= b[key];
  a[key] = aIsLo ? moved.lo : moved.hi;
  b[key] = aIsLo ? moved.hi : moved.lo;
  return refText(ref.kind, a, ref.kind === 'cell' ? a : b);
}

/** Rewrites the references of `formula`, which lives on `formulaSheet`, for an insert or delete on `edit.sheet`. */
export function shiftFormula(formula: string, formulaSheet: string, edit: ShiftEdit): string {
  const target = edit.sheet.toLowerCase();
  const own = formulaSheet.toLowerCase() === target;
  return rewriteRefs(formula, (ref) => {
    if (ref.external) return undefined;
    if (ref.sheet === undefined ? !own : ref.sheet.toLowerCase() !== target) return undefined;
    return shiftRef(ref, edit);
  });
}

function slideEnd(e: RefEnd, dRow: number, dCol: number, rows: boolean, cols: boolean): RefEnd | undefined {
  const row = rows && !e.rowAbs ? e.row + dRow : e.row;
  const col = cols && !e.colAbs ? e.col + dCol : e.col;
  if (row < 0 || row > MAX_ROW || col < 0 || col > MAX_COL) return undefined;
  return { ...e, row, col };
}

/**
 * The formula as it reads after being copied (dRow, dCol) cells away: the
 * relative parts of every reference move, absolute parts stay, and a
 * reference pushed off the sheet becomes #REF! (as Excel does on paste).
 */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return rewriteRefs(formula, (ref) => {
    if (ref.external) return undefined;
    const rows = ref.kind !== 'cols';
    const cols = ref.kind !== 'rows';
    const a = slideEnd(ref.a, dRow, dCol, rows, cols);
    const b = ref.kind === 'cell' ? a : slideEnd(ref.b, dRow, dCol, rows, cols);
    if (!a || !b) return '#REF!';
    return refText(ref.kind, a, b);
  });
}

/** Replaces every reference to `deletedSheet` with #REF!, as Excel does when the sheet is deleted. */
export function dropSheet(formula: string, deletedSheet: string): string {
  const target = deletedSheet.toLowerCase();
  return rewriteRefs(formula, (ref) =>
    !ref.external && ref.sheet !== undefined && ref.sheet.toLowerCase() === target
      ? { token: '#REF!' }
      : undefined,
  );
}
