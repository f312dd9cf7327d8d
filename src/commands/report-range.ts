/**
 * The period of `/report export [起] [止]`: days as YYYY-MM-DD (also 2026/11/01, 2026年11月1日)
 * in the agency time zone. No day: the 1st of this month to now; one day: from it to now; two:
 * from the start of the first to the end of the second (the end day included).
 */
import type { ReportRange } from '../domain/report-sheet.js';
import { zonedDateTime, zonedDayKey, zonedParts } from '../time/zoned.js';
import { parseDayArg } from './audit.js';

/** Why the typed range cannot be used: not dates, or the start after the end. */
export type RangeProblem = { problem: 'format' } | { problem: 'order'; fromDay: string; toDay: string };

const startOf = (day: string, tz: string, plus = 0) =>
  zonedDateTime(tz, Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)) + plus);

/** Reads zero to two day words; a problem instead when they are not days or the start is after the end. */
export function parseReportRange(
  words: readonly string[],
  tz: string,
  now: Date,
): { ok: true; range: ReportRange } | ({ ok: false } & RangeProblem) {
  if (words.length > 2) return { ok: false, problem: 'format' };
  const days = words.map((w) => parseDayArg(w));
  if (days.some((d) => d === undefined)) return { ok: false, problem: 'format' };
  const p = zonedParts(now, tz);
  const fromDay = days[0] ?? `${p.year}-${String(p.month).padStart(2, '0')}-01`;
  const toDay = days[1] ?? zonedDayKey(now, tz);
  const from = startOf(fromDay, tz);
  const to = days[1] ? startOf(toDay, tz, 1) : now;
  if (fromDay > toDay) return { ok: false, problem: 'order', fromDay, toDay };
  return { ok: true, range: { from, to, fromDay, toDay } };
}
