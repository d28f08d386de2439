/** Medians and growth fits for the benchmark's figures. */

export function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The exponent k of time ≈ c · rowsᵏ, by least squares on log–log points
 * (1 = linear, 2 = quadratic). Undefined with fewer than two sizes.
 */
export function fittedExponent(points: readonly { size: number; ms: number }[]): number | undefined {
  const pts = points.filter((p) => p.size > 0 && p.ms > 0);
  if (pts.length < 2) return undefined;
  const xs = pts.map((p) => Math.log(p.size));
  const ys = pts.map((p) => Math.log(p.ms));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? undefined : num / den;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** "100 000": digits grouped by spaces, as the issue writes row counts. */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** A figure for the developer table: grouped integer part, a point before the decimals. */
export function figure(x: number, digits: number): string {
  const [int, frac] = Math.abs(x).toFixed(digits).split('.');
  return `${x < 0 ? '-' : ''}${grouped(Number(int))}${frac ? `.${frac}` : ''}`;
}
