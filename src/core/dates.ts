/**
 * Dates in Excel cells. Excel stores a date as a serial number of days
 * (2024-08-31 is 45535) shown through a date number format; Range.values and
 * .xlsx files hand out the serial. Budgetkoll reads such a cell as the date
 * text "2024-08-31" (ISO, whatever the display format), so a report period
 * typed as a date is found like one typed as text. Pure: no Office, no DOM.
 */

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01 in Excel's 1900 date system. */
const UNIX_EPOCH = 25569;
/** Excel's 1900 system counts a 29 February 1900 that never was: serial 60. */
const FICTIONAL_LEAP_DAY = 60;

/**
 * Whether a number format code shows a date: it has year or day tokens (y, d)
 * outside quoted text, escapes and [brackets], or month names (mmm). Time
 * formats (h:mm, [h]:mm:ss) are not dates; "General" and "0.0" are not.
 */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === '@' || fmt.length > 200) return false;
  let ms = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt.charCodeAt(i);
    if (c === 59) break; // ";": the first section decides
    if (c === 34) {
      const close = fmt.indexOf('"', i + 1);
      i = close < 0 ? fmt.length : close;
      continue;
    }
    if (c === 91) {
      const close = fmt.indexOf(']', i + 1);
      i = close < 0 ? fmt.length : close;
      continue;
    }
    if (c === 92 || c === 95 || c === 42) {
      i++; // \x escaped, _x space, *x fill
      continue;
    }
    const lower = c | 32;
    if (lower === 121 || lower === 100) return true; // y, d
    if (lower === 109) {
      ms++;
      if (ms >= 3) return true; // mmm: a month name
    } else ms = 0;
  }
  return false;
}

/** Whether a format shows a time of day (h or s outside literals). */
function hasTime(fmt: string): boolean {
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt.charCodeAt(i);
    if (c === 59) break;
    if (c === 34) {
      const close = fmt.indexOf('"', i + 1);
      i = close < 0 ? fmt.length : close;
      continue;
    }
    if (c === 92 || c === 95 || c === 42) {
      i++;
      continue;
    }
    const lower = c | 32;
    if (lower === 104 || lower === 115) return true;
  }
  return false;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * The ISO text of a date serial: "2024-08-31", with " 14:30" (or seconds)
 * when the format shows a time. Undefined for serials outside Excel's dates.
 */
export function serialToDateText(serial: number, fmt = 'yyyy-mm-dd'): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  let date: string;
  const day = Math.floor(serial);
  if (day === FICTIONAL_LEAP_DAY) date = '1900-02-29';
  else {
    const days = day < FICTIONAL_LEAP_DAY ? day + 1 : day;
    const d = new Date((days - UNIX_EPOCH) * MS_PER_DAY);
    date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  if (!hasTime(fmt)) return date;
  const seconds = Math.round((serial - day) * 86400);
  const h = Math.floor(seconds / 3600) % 24;
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  return `${date} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** The serial of a calendar date (month 1–12) in Excel's 1900 system. */
export function dateToSerial(year: number, month: number, day: number): number {
  const serial = Date.UTC(year, month - 1, day) / MS_PER_DAY + UNIX_EPOCH;
  return serial < FICTIONAL_LEAP_DAY + 1 ? serial - 1 : serial;
}

/**
 * Reads "2024-08-31" or "2024-08-31 14:30[:05]" as Excel does when it is
 * typed (in every locale): the serial and the number format Excel gives the
 * cell. Undefined for anything else, and for dates that do not exist.
 */
export function parseIsoDate(text: string): { serial: number; numberFormat: string } | undefined {
  const t = text.trim();
  if (t.length !== 10 && (t.length < 16 || t.length > 19)) return undefined;
  const digit = (i: number) => {
    const c = t.charCodeAt(i);
    return c >= 48 && c <= 57 ? c - 48 : -1;
  };
  const num = (from: number, len: number) => {
    let n = 0;
    for (let i = from; i < from + len; i++) {
      const d = digit(i);
      if (d < 0) return -1;
      n = n * 10 + d;
    }
    return n;
  };
  if (t[4] !== '-' || t[7] !== '-') return undefined;
  const year = num(0, 4);
  const month = num(5, 2);
  const day = num(8, 2);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  let serial = dateToSerial(year, month, day);
  if (t.length === 10) return { serial, numberFormat: 'yyyy-mm-dd' };
  if (t[10] !== ' ' || t[13] !== ':') return undefined;
  const hours = num(11, 2);
  const minutes = num(14, 2);
  let seconds = 0;
  if (t.length === 19) {
    if (t[16] !== ':') return undefined;
    seconds = num(17, 2);
  } else if (t.length !== 16) return undefined;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return undefined;
  serial += (hours * 3600 + minutes * 60 + seconds) / 86400;
  return { serial, numberFormat: t.length === 19 ? 'yyyy-mm-dd h:mm:ss' : 'yyyy-mm-dd h:mm' };
}

/**
 * The ISO date a cell shows when it holds a date: a serial number under a
 * date format (as .xlsx files give it) or the ISO text the gateway reads a
 * date as; undefined for anything else.
 */
export function dateText(v: unknown, fmt: string | undefined): string | undefined {
  if (typeof v === 'number') return isDateFormat(fmt) ? serialToDateText(v) : undefined;
  if (typeof v === 'string' && v.length === 10 && parseIsoDate(v)) return v;
  return undefined;
}
