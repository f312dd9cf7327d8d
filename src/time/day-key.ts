/**
 * Calendar days as 'YYYY-MM-DD' strings ("day keys"): pure date arithmetic with no time zone,
 * used by the workday calendar and the cron calculator.
 */

/** A calendar day split into numbers; `month` is 1–12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `key` is a real calendar day written 'YYYY-MM-DD'. */
export function isDayKey(key: string): boolean {
  const m = DAY_KEY.exec(key);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Splits a day key; throws a RangeError on anything that is not a real 'YYYY-MM-DD' day. */
export function parseDayKey(key: string): CalendarDay {
  if (!isDayKey(key)) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(key)}`);
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), day: Number(key.slice(8, 10)) };
}

/** Builds a day key, rolling over out-of-range fields like Date.UTC (month 13 → next January). */
export function toDayKey(year: number, month: number, day: number): string {
  const t = new Date(Date.UTC(year, month - 1, day));
  const y = String(t.getUTCFullYear()).padStart(4, '0');
  return `${y}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** The day `n` days after (n < 0: before) `key`. */
export function addDays(key: string, n: number): string {
  const { year, month, day } = parseDayKey(key);
  return toDayKey(year, month, day + n);
}

/** Day of the week of `key`, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(key: string): number {
  const { year, month, day } = parseDayKey(key);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const pa = parseDayKey(a);
  const pb = parseDayKey(b);
  return Math.round(
    (Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000,
  );
}
