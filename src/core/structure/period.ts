import type { ReportPeriod, Settings, TableColumn } from '../schemas';
import { compact } from '../text';
import { monthFromWord, readPeriodText } from './headers';

/**
 * The report period and months elapsed (DOMAIN.md §9): "Rapportperiod:
 * 2024-08-31", "Utfall 2024-08", "jan-aug", "Jan-Mars", "per mars", T1 = 4,
 * T2 = 8, bokslut = 12. A period set in the task pane wins.
 */
export function detectPeriod(
  texts: string[],
  columns: TableColumn[],
  settings: Settings,
): ReportPeriod | undefined {
  if (settings.period) {
    const [y, m] = settings.period.split('-').map(Number) as [number, number];
    return { year: y, month: m, monthsElapsed: m, source: `inställning ${settings.period}` };
  }
  const years = texts.map((t) => readPeriodText(t).year).filter((y): y is number => y !== undefined);
  const maxYear = years.length ? Math.max(...years) : undefined;
  const make = (month: number, source: string, year?: number): ReportPeriod => {
    const p: ReportPeriod = { month, monthsElapsed: month, source };
    const y = year ?? maxYear;
    if (y !== undefined) p.year = y;
    return p;
  };

  // 1. Explicit dates, the outcome column first.
  const outcome = columns.find((c) => c.role === 'outcome');
  const ordered = outcome ? [outcome.header, ...texts] : texts;
  for (const t of ordered) {
    const ym = /\b((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-\d{2})?\b/.exec(t);
    if (ym) return make(Number(ym[2]), t.trim(), Number(ym[1]));
  }
  // 2. Month ranges: "Jan-Mars", "jan–aug".
  for (const t of ordered) {
    const p = readPeriodText(t);
    if (p.range && p.month) return make(p.month, t.trim(), p.year);
  }
  // 3. Tertials and year-end words.
  for (const t of texts) {
    const c = compact(t);
    if (/tertial1|\bt1\b/.test(c) || /^t1$/.test(c)) return make(4, t.trim());
    if (/tertial2|delarsrapport|delarsbokslut/.test(c) || /^t2$/.test(c)) return make(8, t.trim());
    if (/tertial3|arsbokslut|verksamhetsberattelse|bokslut/.test(c)) return make(12, t.trim());
    const words = t.split(/[\s,.:;()]+/);
    if (/\bT1\b/.test(t)) return make(4, t.trim());
    if (/\bT2\b/.test(t)) return make(8, t.trim());
    // "per mars", "mars 2024", "Månadsuppföljning ekonomi mars 2024".
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w.length < 3) continue;
      const m = monthFromWord(w);
      const full =
        /^(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)$/i.test(w);
      const prev = (words[i - 1] ?? '').toLowerCase();
      const next = words[i + 1] ?? '';
      if (m && (full || prev === 'per' || /^(19|20)\d{2}$/.test(next))) return make(m, t.trim());
    }
  }
  return undefined;
}
