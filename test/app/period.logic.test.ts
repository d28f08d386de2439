import { parsePeriodInput } from '../../src/app/period.logic';
import { Settings } from '../../src/core/schemas';

describe('the period field', () => {
  it.each([
    ['2024-08', '2024-08'],
    ['aug 2024', '2024-08'],
    ['augusti 2024', '2024-08'],
    ['T2 2024', '2024-08'],
    ['T1 2024', '2024-04'],
    ['jan–aug 2024', '2024-08'],
    ['Jan-Mars 2024', '2024-03'],
    ['Rapportperiod: 2024-08-31', '2024-08'],
  ])('reads %s as %s, the way the sheet parser does', (text, value) => {
    const parsed = parsePeriodInput(text);
    expect(parsed).toMatchObject({ ok: true, value });
    // What it stores is what the settings schema accepts.
    expect(Settings.parse({ period: value }).period).toBe(value);
  });

  it('completes a period without a year with the year the sheet names', () => {
    expect(parsePeriodInput('jan–aug', 2024)).toEqual({
      ok: true,
      value: '2024-08',
      period: { year: 2024, month: 8, monthsElapsed: 8, source: 'jan–aug' },
      label: 'jan–aug 2024 (8 månader)',
    });
    expect(parsePeriodInput('jan–aug')).toEqual({
      ok: false,
      message: 'Ange också året, till exempel jan–aug 2024.',
    });
  });

  it('treats an empty field as "read the period from the sheet"', () => {
    expect(parsePeriodInput('   ')).toEqual({ ok: true, value: undefined });
  });

  it('says what it accepts when it cannot read the text', () => {
    const parsed = parsePeriodInput('förra månaden');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(/2024-08, aug 2024, T2 2024 eller jan–aug 2024/);
    expect(parsePeriodInput('2024-13').ok).toBe(false);
  });
});
