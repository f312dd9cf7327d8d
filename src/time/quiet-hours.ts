/**
 * Quiet hours: reminders are held while the wall clock in BOT_TIMEZONE is inside the quiet
 * window (which may wrap midnight, e.g. 22:00–08:00) and, optionally, on non-workdays.
 */
import { z } from 'zod';
import { addDays } from './day-key.js';
import type { WorkdayChecker } from './workdays.js';
import { zonedDateTime, zonedDayKey, zonedParts } from './zoned.js';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** When sending is held back. start === end means no quiet window (only workdaysOnly applies). */
export interface QuietHoursPolicy {
  /** 'HH:mm' local time the quiet window starts (inclusive). */
  start: string;
  /** 'HH:mm' local time the quiet window ends (exclusive); earlier than start = wraps midnight. */
  end: string;
  /** Also hold everything on rest days (weekends, holidays, rest overrides). */
  workdaysOnly?: boolean;
}

/** zod schema for a policy typed by an admin or read from config. */
export const quietHoursPolicySchema = z.object({
  start: z.string().regex(HH_MM, '请使用 HH:mm 格式，例如 22:00'),
  end: z.string().regex(HH_MM, '请使用 HH:mm 格式，例如 08:00'),
  workdaysOnly: z.boolean().optional(),
});

/** The policy the bot starts with: quiet 22:00–08:00, every day. */
export const DEFAULT_QUIET_HOURS: QuietHoursPolicy = { start: '22:00', end: '08:00' };

/** Quiet hours turned off: no window (start === end) and no rest-day hold; nothing is held. */
export const QUIET_HOURS_OFF: QuietHoursPolicy = { start: '00:00', end: '00:00', workdaysOnly: false };

/** True when the policy never holds anything back (no window, no rest-day hold). */
export function isQuietHoursOff(policy: QuietHoursPolicy): boolean {
  return policy.start === policy.end && !policy.workdaysOnly;
}

function minutesOf(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`quiet hours time must be HH:mm: ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function inWindow(minuteOfDay: number, start: number, end: number): boolean {
  if (start === end) return false;
  if (start < end) return minuteOfDay >= start && minuteOfDay < end;
  return minuteOfDay >= start || minuteOfDay < end;
}

/**
 * True when `date` falls in quiet time: inside the window, or on a rest day when the policy
 * is workdaysOnly (then `calendar` is required).
 */
export function isQuiet(
  date: Date,
  policy: QuietHoursPolicy,
  tz: string,
  calendar?: WorkdayChecker,
): boolean {
  const p = zonedParts(date, tz);
  if (inWindow(p.hour * 60 + p.minute, minutesOf(policy.start), minutesOf(policy.end))) return true;
  if (policy.workdaysOnly) {
    if (!calendar) throw new Error('quiet hours with workdaysOnly need a workday calendar');
    return !calendar.isWorkday(zonedDayKey(date, tz));
  }
  return false;
}

/**
 * `date` itself when sending is allowed then, else the first allowed minute after it, e.g.
 * 23:10 Friday with {22:00–08:00, workdaysOnly} → 08:00 on the next workday.
 */
export function nextAllowedTime(
  date: Date,
  policy: QuietHoursPolicy,
  tz: string,
  calendar?: WorkdayChecker,
): Date {
  if (!isQuiet(date, policy, tz, calendar)) return date;
  const end = minutesOf(policy.end);
  let day = zonedDayKey(date, tz);
  // An allowed stretch of a day starts either at midnight or at the window's end, so the
  // answer is the earliest of those two candidates (per day) that is after `date` and allowed.
  for (let i = 0; i < 3660; i++) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const candidates = [
      zonedDateTime(tz, y, m, d),
      zonedDateTime(tz, y, m, d, Math.floor(end / 60), end % 60),
    ]
      .filter((c) => c.getTime() > date.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    for (const c of candidates) if (!isQuiet(c, policy, tz, calendar)) return c;
    day = addDays(day, 1);
  }
  throw new Error('no allowed time within ten years; check the quiet hours and calendar overrides');
}
