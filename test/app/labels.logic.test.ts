import {
  countLabel,
  FORECAST_METHOD_LABELS,
  formatInteger,
  isValidPeriod,
  periodLabel,
  ROLE_LABELS,
  ROLE_ORDER,
  SIGN_LABELS,
  UNIT_LABELS,
} from '../../src/app/labels.logic';
import { ColumnRole, ForecastMethod, SignConvention, Unit } from '../../src/core/schemas';

describe('labels', () => {
  it('has a Swedish label for every role, unit, sign convention and forecast method of the core', () => {
    for (const r of ColumnRole.options) expect(ROLE_LABELS[r]).toBeTruthy();
    for (const u of Unit.options) expect(UNIT_LABELS[u]).toBeTruthy();
    for (const s of SignConvention.options) expect(SIGN_LABELS[s]).toBeTruthy();
    for (const m of ForecastMethod.options) expect(FORECAST_METHOD_LABELS[m]).toBeTruthy();
    expect([...ROLE_ORDER].sort()).toEqual([...ColumnRole.options].sort());
  });

  it('names the forecast methods as the brief does', () => {
    expect(FORECAST_METHOD_LABELS).toEqual({
      utfall_plus_budget: 'Utfall + återstående budget',
      linear: 'Linjär',
      prior_year_profile: 'Fjolårets profil',
    });
  });

  it('describes a report period', () => {
    expect(periodLabel({ year: 2024, month: 8, monthsElapsed: 8, source: 'Utfall 2024-08' })).toBe(
      'jan–aug 2024 (8 månader)',
    );
    expect(periodLabel({ month: 1, monthsElapsed: 1, source: 'jan' })).toBe('jan (1 månad)');
    expect(periodLabel(undefined)).toBe('Okänd period');
  });

  it('counts in Swedish', () => {
    expect(countLabel('error', 1)).toBe('1 fel');
    expect(countLabel('warning', 1)).toBe('1 varning');
    expect(countLabel('warning', 2)).toBe('2 varningar');
    expect(countLabel('info', 3)).toBe('3 upplysningar');
  });

  it('formats integers with no-break spaces and a true minus', () => {
    expect(formatInteger(-412059)).toBe('−412\u00a0059');
    expect(formatInteger(999)).toBe('999');
  });

  it('accepts only YYYY-MM periods or nothing', () => {
    expect(isValidPeriod('2024-08')).toBe(true);
    expect(isValidPeriod('')).toBe(true);
    expect(isValidPeriod('2024-13')).toBe(false);
    expect(isValidPeriod('aug 2024')).toBe(false);
  });
});
