import { scanRefs, refRect } from './refs';

/**
 * The cells a sum formula adds, when it is a plain sum: "=SUM(C5:C9)",
 * "=SUM(C5:C9,C12)", "=C10+C23" ("=SUMMA(...)" is never seen here: the API
 * and .xlsx files carry invariant formulas). Returns undefined for anything
 * else (IF, references to other sheets, subtraction), which is then judged
 * by its value. References are read by the one scanner in refs.ts.
 */
export function sumPrecedents(formula: string): { row: number; col: number }[] | undefined {
  let body = '';
  for (let i = 0; i < formula.length; i++) {
    const c = formula.charCodeAt(i);
    // Whitespace is insignificant between the tokens of a plain sum.
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0) body += formula[i];
  }
  if (body.startsWith('=')) body = body.slice(1);
  if (body.includes('!')) return undefined;
  const upper = body.toUpperCase();
  if (upper.startsWith('SUM(') && body.endsWith(')')) {
    const inner = body.slice(4, -1);
    if (inner.includes('(') || inner.includes(')') || inner === '') return undefined;
    return cellsOf(inner.split(','), true);
  }
  const terms = (body.startsWith('+') ? body.slice(1) : body).split('+');
  if (terms.length < 2) return undefined;
  return cellsOf(terms, false);
}

/** Each argument must be exactly one reference (a range only where `ranges`), else undefined. */
function cellsOf(args: readonly string[], ranges: boolean): { row: number; col: number }[] | undefined {
  const cells: { row: number; col: number }[] = [];
  for (const arg of args) {
    const refs = scanRefs(arg);
    const ref = refs[0];
    if (refs.length !== 1 || !ref || ref.start !== 0 || ref.end !== arg.length) return undefined;
    if (ref.kind !== 'cell' && !(ranges && ref.kind === 'range')) return undefined;
    const r = refRect(ref);
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) cells.push({ row, col });
  }
  return cells;
}
