import { parseA1, parseRange } from './grid';

/**
 * The cells a sum formula adds, when it is a plain sum: "=SUM(C5:C9)",
 * "=SUM(C5:C9,C12)", "=C10+C23", "=SUMMA(...)" is never seen here because the
 * API gives invariant formulas. Returns undefined for anything else (IF,
 * references to other sheets, subtraction), which is then judged by its value.
 */
export function sumPrecedents(formula: string): { row: number; col: number }[] | undefined {
  const body = formula.trim().replace(/^=/, '').replace(/\s+/g, '');
  if (body.includes('!')) return undefined;
  const cells: { row: number; col: number }[] = [];
  const addRef = (ref: string): boolean => {
    if (ref.includes(':')) {
      const r = parseRange(ref);
      if (!r) return false;
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) cells.push({ row, col });
      return true;
    }
    const c = parseA1(ref);
    if (!c) return false;
    cells.push(c);
    return true;
  };
  const sum = /^SUM\((.*)\)$/i.exec(body);
  if (sum) {
    for (const arg of sum[1]!.split(',')) if (!addRef(arg)) return undefined;
    return cells;
  }
  if (!/^\+?\$?[A-Z]{1,3}\$?\d+(\+\$?[A-Z]{1,3}\$?\d+)+$/i.test(body)) return undefined;
  for (const ref of body.replace(/^\+/, '').split('+')) if (!addRef(ref)) return undefined;
  return cells;
}
