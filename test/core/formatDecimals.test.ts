import { formatDecimals, shownPrecision } from '../../src/core/numbers';

describe('formatDecimals', () => {
  it.each([
    ['#,##0', 0],
    ['0', 0],
    ['#,##0.0', 1],
    ['0.00%', 2],
    ['#,##0.00_);[Red](#,##0.00)', 2],
    ['#,##0\\ "tkr"', 0],
    ['"Totalt: "0.0', 1],
    ['[$-41D]#,##0.000', 3],
    // Thousands scaling: a comma after the last digit placeholder shows whole thousands.
    ['#,##0,', -3],
    ['#,##0.0,', -2],
    ['0,,', -6],
    ['#,##0,\\ "mkr"', -3],
    ['0.00E+00', 2],
  ])('%s shows %i decimals', (fmt, decimals) => {
    expect(formatDecimals(fmt)).toBe(decimals);
  });

  it.each([['General'], ['general'], ['@'], ['yyyy-mm-dd'], ['"n/a"'], [''], [undefined]])(
    '%s has no decimals of its own',
    (fmt) => {
      expect(formatDecimals(fmt)).toBeUndefined();
    },
  );

  it('gives the shown precision of a thousands-scaled integer format as 1 000', () => {
    expect(shownPrecision(1234567, '#,##0,')).toBe(1000);
    expect(shownPrecision(1234567, '#,##0.0,')).toBe(100);
    expect(shownPrecision(12.3, '#,##0.0')).toBeCloseTo(0.1, 12);
  });
});
