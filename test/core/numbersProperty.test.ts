/**
 * Swedish numbers, formatted and read back: every figure Budgetkoll writes
 * in a message (`1 234`, `−6,7`) and every way a user's or a ledger's text
 * number looks (a hyphen or U+2212 minus, a trailing minus, thousands with
 * spaces or no-break spaces, `kr` or `tkr` after it) reads as the number it
 * shows. Fixed seeds, so a failure reproduces.
 */
import fc from 'fast-check';
import { formatSwedish, parsedValue, parseSwedishNumber } from '../../src/core/numbers';

const figure = fc.record({
  whole: fc.integer({ min: -9_999_999_999, max: 9_999_999_999 }),
  decimals: fc.integer({ min: 0, max: 3 }),
  fraction: fc.integer({ min: 0, max: 999 }),
});

/** The value a figure shows with its decimals. */
function shown(f: { whole: number; decimals: number; fraction: number }): number {
  const frac = f.decimals === 0 ? 0 : (f.fraction % 10 ** f.decimals) / 10 ** f.decimals;
  const v = Math.abs(f.whole) + frac;
  return Number((f.whole < 0 ? -v : v).toFixed(f.decimals));
}

describe('Swedish numbers round trip', () => {
  it('formatSwedish then parseSwedishNumber gives the value back, with its decimals', () => {
    fc.assert(
      fc.property(figure, (f) => {
        const v = shown(f);
        const text = formatSwedish(v, f.decimals);
        const p = parseSwedishNumber(text);
        expect(p.kind).toBe('number');
        if (p.kind !== 'number') return;
        expect(parsedValue(p)).toBeCloseTo(v, f.decimals);
        expect(p.decimals).toBe(f.decimals);
      }),
      { numRuns: 500, seed: 20261201 },
    );
  });

  it('reads the forms ledgers and users type: hyphen, trailing minus, spaces, kr and tkr', () => {
    const forms = fc.constantFrom(
      (t: string, neg: boolean) => (neg ? `-${t}` : t),
      (t: string, neg: boolean) => (neg ? `${t}-` : t),
      (t: string, neg: boolean) => `${neg ? '−' : ''}${t} kr`,
      (t: string, neg: boolean) => `${neg ? '-' : ''}${t} tkr`,
      (t: string, neg: boolean) => `${neg ? '-' : ''}${t.replace(/\u00a0/g, ' ')}`,
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.boolean(), forms, (n, neg, form) => {
        const text = form(formatSwedish(n), neg);
        const p = parseSwedishNumber(text);
        expect(p.kind).toBe('number');
        if (p.kind === 'number') expect(parsedValue(p)).toBe(neg ? -n : n);
      }),
      { numRuns: 500, seed: 20261202 },
    );
  });

  it('writes a minus sign and no-break spaces, never a hyphen or "-0"', () => {
    expect(formatSwedish(-6.7, 1)).toBe('−6,7');
    expect(formatSwedish(1234)).toBe('1\u00a0234');
    expect(formatSwedish(-0.04, 1)).toBe('0,0');
  });
});
