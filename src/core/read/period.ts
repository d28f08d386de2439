/**
 * The report period of a table (DOMAIN.md §9), from its texts. A module of
 * its own and free of zod, so the task pane's period field reads a typed
 * period with the very parser the sheet is read with.
 */
import type { ReportPeriod, Settings } from '../schemas';
import { compact } from '../text';
import { PERIOD_WORDS } from '../vocabulary';
import { readPeriodText } from './headers';

/**
 * The report period and months elapsed: "Rapportperiod: 2024-08-31",
 * "Utfall 2024-08", "jan-aug", "Jan-Mars", "per mars", "augusti 2024", T1 = 4,
 * T2 = 8, årsbokslut = 12. A period set by the user wins. A delårsrapport
 * closes whenever the municipality closes it: only its text tells which month.
 */
export function decidePeriod(
  texts: readonly string[],
  outcomeHeader: string | undefined,
  headers: readonly string[],
  settings: Settings,
): ReportPeriod | undefined {
  if (settings.period) {
    const [y, m] = settings.period.split('-').map(Number) as [number, number];
    return { year: y, month: m, monthsElapsed: m, source: `inställning ${settings.period}` };
  }
  const all = [...(outcomeHeader ? [outcomeHeader] : []), ...texts, ...headers];
  const years = all.map((t) => readPeriodText(t).year).filter((y): y is number => y !== undefined);
  const maxYear = years.reduce<number | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  const make = (month: number, source: string, year?: number): ReportPeriod => {
    const p: ReportPeriod = { month, monthsElapsed: month, source };
    const y = year ?? maxYear;
    if (y !== undefined) p.year = y;
    return p;
  };
  const ordered = [...(outcomeHeader ? [outcomeHeader] : []), ...texts];
  // 1. Explicit dates, the outcome column first.
  for (const t of ordered) {
    const ym = /\b((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-\d{2})?\b/.exec(t);
    if (ym) return make(Number(ym[2]), t.trim(), Number(ym[1]));
  }
  // 2. Month ranges and single months: "Jan-Mars", "jan–aug", "augusti 2024", "per mars".
  for (const t of ordered) {
    const p = readPeriodText(t);
    if (p.month !== undefined) return make(p.month, t.trim(), p.year);
  }
  // 3. Tertials and year-end words, in titles and texts (never in a column header: "Bokslut 2023" is a column).
  for (const t of texts) {
    const c = compact(t);
    for (const w of PERIOD_WORDS) if (w.pattern.test(c)) return make(w.months, t.trim());
    if (/\bT1\b/.test(t)) return make(4, t.trim());
    if (/\bT2\b/.test(t)) return make(8, t.trim());
    if (/\bT3\b/.test(t)) return make(12, t.trim());
  }
  // 4. Other column headers with a month ("Budget 2024-08").
  for (const t of headers) {
    const p = readPeriodText(t);
    if (p.month !== undefined) return make(p.month, t.trim(), p.year);
  }
  return undefined;
}
