/**
 * The task pane's period field. It accepts what the sheet parser accepts
 * ("2024-08", "aug 2024", "T2 2024", "jan–aug", "Rapportperiod: 2024-08-31")
 * by asking that very parser (core decidePeriod), and stores what the core
 * reads back: "YYYY-MM".
 */
import { decidePeriod } from '../core/read/period';
import type { ReportPeriod } from '../core/schemas';
import { DEFAULT_SETTINGS } from './defaults';
import { periodLabel } from './labels.logic';

export type PeriodInput =
  | { ok: true; value: string; period: ReportPeriod; label: string }
  | { ok: true; value: undefined }
  | { ok: false; message: string };

/**
 * `fallbackYear` completes a period written without a year ("jan–aug"): the
 * year the sheet's own period names, when it names one.
 */
export function parsePeriodInput(text: string, fallbackYear?: number): PeriodInput {
  const input = text.trim();
  if (input === '') return { ok: true, value: undefined };
  const found = decidePeriod([input], undefined, [], DEFAULT_SETTINGS);
  if (!found) {
    return {
      ok: false,
      message:
        'Budgetkoll förstår inte perioden. Skriv till exempel 2024-08, aug 2024, T2 2024 eller jan–aug 2024.',
    };
  }
  const year = found.year ?? fallbackYear;
  if (year === undefined) {
    return { ok: false, message: `Ange också året, till exempel ${input} 2024.` };
  }
  const value = `${year}-${String(found.month).padStart(2, '0')}`;
  const period: ReportPeriod = { year, month: found.month, monthsElapsed: found.month, source: input };
  return { ok: true, value, period, label: periodLabel(period) };
}
