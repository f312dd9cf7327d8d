/**
 * Wall-clock arithmetic in an explicit IANA time zone, using Intl only. Nothing here reads
 * the process time zone (`TZ`), so results are the same on every machine.
 */

/** The wall-clock reading of an instant in a time zone. `month` is 1–12, `weekday` 0 = Sunday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA zone name Intl knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of `date` in `tz`. */
export function zonedParts(date: Date, tz: string): ZonedParts {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(tz).formatToParts(date)) {
    if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  }
  // Some engines print midnight as 24 even with h23; normalise defensively.
  if (out.hour === 24) out.hour = 0;
  const weekday = new Date(Date.UTC(out.year, out.month - 1, out.day)).getUTCDay();
  return { ...out, weekday };
}

/** Offset of `tz` from UTC at instant `ms`, in milliseconds (Shanghai: +8 h). */
export function zoneOffsetMs(ms: number, tz: string): number {
  const p = zonedParts(new Date(ms), tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

function sameWall(ms: number, tz: string, wall: number): boolean {
  return ms + zoneOffsetMs(ms, tz) === wall;
}

/**
 * The instant at which the wall clock in `tz` reads y-m-d h:mi:s. Out-of-range fields roll
 * over like `Date.UTC` (day 32 → next month). Ambiguous times (DST fall-back) resolve to the
 * earlier instant; non-existent times (DST spring-forward gap) move forward by the gap,
 * e.g. 02:30 on the New York spring-forward day becomes 03:30 EDT (Temporal's "compatible").
 */
export function zonedDateTime(tz: string, y: number, m: number, d: number, h = 0, mi = 0, s = 0): Date {
  const wall = Date.UTC(y, m - 1, d, h, mi, s);
  const day = 86_400_000;
  const before = zoneOffsetMs(wall - day, tz);
  const after = zoneOffsetMs(wall + day, tz);
  const candidates = [...new Set([before, after, zoneOffsetMs(wall, tz)])]
    .map((off) => wall - off)
    .filter((ms) => sameWall(ms, tz, wall))
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // In a gap: use the offset in force before the transition, which lands after the gap.
  return new Date(wall - before);
}

/** True when the wall clock in `tz` actually shows y-m-d h:mi at some instant (not in a DST gap). */
export function wallTimeExists(tz: string, y: number, m: number, d: number, h: number, mi: number): boolean {
  const p = zonedParts(zonedDateTime(tz, y, m, d, h, mi), tz);
  return p.year === y && p.month === m && p.day === d && p.hour === h && p.minute === mi;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The calendar day of `date` in `tz` as 'YYYY-MM-DD'. */
export function zonedDayKey(date: Date, tz: string): string {
  const p = zonedParts(date, tz);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The first instant of the calendar day containing `date` in `tz` (usually 00:00). */
export function startOfZonedDay(date: Date, tz: string): Date {
  const p = zonedParts(date, tz);
  return zonedDateTime(tz, p.year, p.month, p.day);
}

/** The same wall-clock time `days` calendar days later (or earlier) in `tz`. */
export function addZonedDays(date: Date, days: number, tz: string): Date {
  const p = zonedParts(date, tz);
  const ms = date.getTime() % 1000;
  const out = zonedDateTime(tz, p.year, p.month, p.day + days, p.hour, p.minute, p.second);
  return new Date(out.getTime() + (ms < 0 ? ms + 1000 : ms));
}

/**
 * Formats `date` in `tz`. Tokens: YYYY, MM, DD, HH, mm, ss, M, D, H (unpadded); anything
 * else is copied. Example: formatZoned(d, 'Asia/Shanghai', 'YYYY-MM-DD HH:mm').
 */
export function formatZoned(date: Date, tz: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  const p = zonedParts(date, tz);
  const tokens: Record<string, string> = {
    YYYY: pad(p.year, 4),
    MM: pad(p.month),
    DD: pad(p.day),
    HH: pad(p.hour),
    mm: pad(p.minute),
    ss: pad(p.second),
    M: String(p.month),
    D: String(p.day),
    H: String(p.hour),
  };
  return pattern.replace(/YYYY|MM|DD|HH|mm|ss|M|D|H/g, (t) => tokens[t] ?? t);
}
