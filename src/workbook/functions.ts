/**
 * Excel functions fast-formula-parser leaves unimplemented that generated
 * report tabs use: LARGE and SMALL, MATCH (the chart's sorted helper range:
 * INDEX/MATCH/LARGE) and SUMIFS and COUNTIFS (aggregation through the
 * Rapportrader mapping sheet). Written to Excel's documented behaviour, so
 * the workbench shows what Excel and LibreOffice compute.
 */

/** An argument as fast-formula-parser hands it to a function: a scalar, or a 2D array for a range. */
export interface FunctionArg {
  value: unknown;
  isArray?: boolean;
  omitted?: boolean;
}

type ErrorFactory = (code: string) => Error;

function flat(arg: FunctionArg): unknown[] {
  const v = arg.value;
  if (!Array.isArray(v)) return [v];
  const out: unknown[] = [];
  for (const row of v as unknown[][]) {
    if (Array.isArray(row)) for (const x of row) out.push(x);
    else out.push(row);
  }
  return out;
}

function numberArg(arg: FunctionArg | undefined, fail: ErrorFactory, fallback?: number): number {
  if (!arg || arg.omitted) {
    if (fallback === undefined) throw fail('#VALUE!');
    return fallback;
  }
  const v = Array.isArray(arg.value) ? flat(arg)[0] : arg.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (v === null || v === '') return 0;
  throw fail('#VALUE!');
}

function kth(arg: FunctionArg, kArg: FunctionArg, largest: boolean, fail: ErrorFactory): number {
  const numbers = flat(arg).filter((x): x is number => typeof x === 'number');
  const k = Math.ceil(numberArg(kArg, fail));
  if (numbers.length === 0 || k < 1 || k > numbers.length) throw fail('#NUM!');
  numbers.sort((a, b) => (largest ? b - a : a - b));
  return numbers[k - 1]!;
}

/** Excel's comparison of a lookup value with a cell: numbers with numbers, text with text without case. */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** A wildcard pattern (* any run, ? one character, ~ escapes) as a case-insensitive test. */
function wildcard(pattern: string): (text: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '~' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'i');
  return (text) => re.test(text);
}

/** A SUMIFS/COUNTIFS criterion ("Omsorg", ">=5", "<>", 7, "Kon*") as a test of a cell value. */
export function criterion(raw: unknown): (value: unknown) => boolean {
  if (typeof raw === 'number' || typeof raw === 'boolean') return (v) => compare(v, raw) === 0;
  const text = raw === null || raw === undefined ? '' : String(raw);
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(text)!;
  const op = m[1] ?? '=';
  const operand = m[2]!;
  const asNumber = operand.trim() !== '' && Number.isFinite(Number(operand)) ? Number(operand) : undefined;
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  if (operand === '') {
    if (op === '=') return blank;
    if (op === '<>') return (v) => !blank(v);
  }
  if (op === '=' || op === '<>') {
    const hasWild = /(^|[^~])[*?]/.test(operand);
    const test = hasWild
      ? (v: unknown) => typeof v === 'string' && wildcard(operand)(v)
      : (v: unknown) =>
          asNumber !== undefined && typeof v === 'number'
            ? v === asNumber
            : typeof v === 'string' && v.toLowerCase() === operand.toLowerCase();
    return op === '=' ? test : (v) => !test(v);
  }
  return (v) => {
    const d =
      asNumber !== undefined ? (typeof v === 'number' ? v - asNumber : undefined) : compare(v, operand);
    if (d === undefined) return false;
    return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
  };
}

function ifs(args: FunctionArg[], fail: ErrorFactory): { size: number; matches: (i: number) => boolean } {
  if (args.length < 2 || args.length % 2 !== 0) throw fail('#VALUE!');
  const ranges: unknown[][] = [];
  const tests: ((v: unknown) => boolean)[] = [];
  for (let i = 0; i < args.length; i += 2) {
    ranges.push(flat(args[i]!));
    tests.push(criterion(Array.isArray(args[i + 1]!.value) ? flat(args[i + 1]!)[0] : args[i + 1]!.value));
  }
  const size = ranges[0]!.length;
  if (ranges.some((r) => r.length !== size)) throw fail('#VALUE!');
  return { size, matches: (k) => tests.every((t, j) => t(ranges[j]![k])) };
}

export function reportFunctions(fail: ErrorFactory): Record<string, (...args: FunctionArg[]) => unknown> {
  return {
    LARGE: (array, k) => kth(array!, k!, true, fail),
    SMALL: (array, k) => kth(array!, k!, false, fail),
    MATCH: (lookup, array, type) => {
      const target = Array.isArray(lookup!.value) ? flat(lookup!)[0] : lookup!.value;
      const items = flat(array!);
      const mode = numberArg(type, fail, 1);
      if (mode === 0) {
        const wild = typeof target === 'string' && /(^|[^~])[*?]/.test(target) ? wildcard(target) : undefined;
        const at = items.findIndex((x) =>
          wild ? typeof x === 'string' && wild(x) : compare(x, target) === 0,
        );
        if (at < 0) throw fail('#N/A');
        return at + 1;
      }
      // Sorted lookups: the last item not beyond the target, in the order the data is sorted.
      let found = -1;
      for (let i = 0; i < items.length; i++) {
        const d = compare(items[i], target);
        if (d === undefined) continue;
        if (mode > 0 ? d <= 0 : d >= 0) found = i;
        else break;
      }
      if (found < 0) throw fail('#N/A');
      return found + 1;
    },
    SUMIFS: (sumRange, ...criteria) => {
      const values = flat(sumRange!);
      const { size, matches } = ifs(criteria, fail);
      if (values.length !== size) throw fail('#VALUE!');
      let sum = 0;
      for (let i = 0; i < size; i++) {
        const v = values[i];
        if (typeof v === 'number' && matches(i)) sum += v;
      }
      return sum;
    },
    COUNTIFS: (...criteria) => {
      const { size, matches } = ifs(criteria, fail);
      let n = 0;
      for (let i = 0; i < size; i++) if (matches(i)) n++;
      return n;
    },
  };
}
