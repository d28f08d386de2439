import {
  countLabel,
  FORECAST_METHOD_LABELS,
  formatInteger,
  INFO_WORD,
  joinSwedish,
  periodLabel,
  plural,
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

  it('counts in Swedish, numbers grouped, information in one word', () => {
    expect(countLabel('error', 1)).toBe('1 fel');
    expect(countLabel('warning', 1)).toBe('1 varning');
    expect(countLabel('warning', 2)).toBe('2 varningar');
    expect(countLabel('error', 16002)).toBe('16\u00a0002 fel');
    expect(countLabel('info', 3)).toBe('3 upplysningar');
    expect(countLabel('info', 1)).toBe('1 upplysning');
    expect(INFO_WORD).toBe('Upplysning');
    expect(plural('avvikelsecell', 'avvikelseceller', 16002)).toBe('16\u00a0002 avvikelseceller');
    expect(plural('cell', 'celler', 1)).toBe('1 cell');
    expect(joinSwedish(['D', 'G'])).toBe('D och G');
    expect(joinSwedish(['A', 'B', 'C'])).toBe('A, B och C');
  });

  it('formats integers with no-break spaces and a true minus', () => {
    expect(formatInteger(-412059)).toBe('−412\u00a0059');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(1234567.4)).toBe('1\u00a0234\u00a0567');
  });
});
