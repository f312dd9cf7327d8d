/**
 * The reminder plan of a task (pure): from its deadline, the agency settings and the workday
 * calendar, the instants at which its owners are reminded.
 *
 * Points (in this order; a policy may leave any out):
 * - `created`: when the task is created, held until the next allowed time (outside quiet hours,
 *   on a workday);
 * - `wd-N` (N ≥ 0): N workdays before the due day at `at` (default 09:00); `wd-0` is the due day
 *   itself, which moves to the previous workday when the due day is a rest day;
 * - `deadline`: at the deadline; when the deadline falls in quiet time or on a rest day the
 *   notice (which starts the escalation ladder) waits for the next allowed time.
 * A pre-deadline point that falls in quiet time moves back to the previous allowed day at the
 * same time of day; points before `now` (minus a minute of grace) or not before the deadline are
 * dropped, as are points landing on the same minute as an earlier one.
 */
import { z } from 'zod';
import { addDays } from '../time/day-key.js';
import { isQuiet, nextAllowedTime, type QuietHoursPolicy } from '../time/quiet-hours.js';
import type { WorkCalendar } from '../time/workdays.js';
import { zonedDateTime, zonedDayKey } from '../time/zoned.js';

/** How a task's owners are reminded before the deadline. Stored on Task.reminderPolicy or as the agency default. */
export interface ReminderPolicy {
  /** Remind when the task is created. */
  onCreate: boolean;
  /** Workdays before the due day to remind at `at` (0 = the due day). */
  workdaysBefore: number[];
  /** Local time of day of the workday reminders, 'HH:mm'. */
  at: string;
  /** Remind (and notify the leader of who is late) at the deadline. */
  atDeadline: boolean;
}

/** The default policy of issue 4: on creation; 3 and 1 workdays before, the due day at 09:00; at the deadline. */
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  onCreate: true,
  workdaysBefore: [3, 1, 0],
  at: '09:00',
  atDeadline: true,
};

/** zod schema of a stored or typed policy (unknown fields are dropped, missing ones defaulted). */
export const reminderPolicySchema = z.object({
  onCreate: z.boolean().default(DEFAULT_REMINDER_POLICY.onCreate),
  workdaysBefore: z
    .array(z.number().int().min(0).max(30))
    .max(10)
    .default(DEFAULT_REMINDER_POLICY.workdaysBefore),
  at: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default(DEFAULT_REMINDER_POLICY.at),
  atDeadline: z.boolean().default(DEFAULT_REMINDER_POLICY.atDeadline),
});

/** The policy in force: the task's own when valid, else the agency default. */
export function effectivePolicy(taskPolicy: unknown, agencyDefault: ReminderPolicy): ReminderPolicy {
  if (taskPolicy === null || taskPolicy === undefined) return agencyDefault;
  const parsed = reminderPolicySchema.safeParse(taskPolicy);
  return parsed.success ? parsed.data : agencyDefault;
}

/** A point's name: `created`, `wd-3`, `wd-1`, `wd-0`, `deadline`. */
export type ReminderPoint = string;

/** One planned reminder. */
export interface PlannedReminder {
  point: ReminderPoint;
  at: Date;
}

/** What the plan needs to know. */
export interface PlanInput {
  deadline: Date;
  createdAt: Date;
  /** When the plan is made; earlier points are dropped. */
  now: Date;
  policy: ReminderPolicy;
  tz: string;
  quietHours: QuietHoursPolicy;
  calendar: WorkCalendar;
}

const GRACE_MS = 60_000;

/** Quiet hours that also hold everything on rest days. */
function strict(policy: QuietHoursPolicy): QuietHoursPolicy {
  return { ...policy, workdaysOnly: true };
}

function atTimeOf(day: string, hhmm: string, tz: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  return zonedDateTime(tz, y, m, d, h, mi);
}

/** `day` at `hhmm`, moved back day by day until it is an allowed time (at most 60 days). */
function allowedOnOrBefore(day: string, hhmm: string, input: PlanInput): Date | null {
  let key = day;
  for (let i = 0; i < 60; i++) {
    const at = atTimeOf(key, hhmm, input.tz);
    if (!isQuiet(at, strict(input.quietHours), input.tz, input.calendar)) return at;
    key = addDays(key, -1);
  }
  return null;
}

/** The reminder times of one task, sorted, without duplicates. */
export function planReminders(input: PlanInput): PlannedReminder[] {
  const { policy, tz, calendar, deadline } = input;
  const quiet = strict(input.quietHours);
  const candidates: PlannedReminder[] = [];
  if (policy.onCreate) {
    candidates.push({ point: 'created', at: nextAllowedTime(input.createdAt, quiet, tz, calendar) });
  }
  const dueDay = zonedDayKey(deadline, tz);
  const sorted = [...new Set(policy.workdaysBefore)].sort((a, b) => b - a);
  for (const n of sorted) {
    // wd-0 on a rest day is the previous workday; wd-N counts N workdays back from the due day.
    const day =
      n === 0
        ? calendar.isWorkday(dueDay)
          ? dueDay
          : calendar.previousWorkday(dueDay)
        : calendar.addWorkdays(dueDay, -n);
    const at = allowedOnOrBefore(day, policy.at, input);
    if (at) candidates.push({ point: `wd-${n}`, at });
  }
  if (policy.atDeadline) {
    candidates.push({ point: 'deadline', at: nextAllowedTime(deadline, quiet, tz, calendar) });
  }
  const out: PlannedReminder[] = [];
  const seen = new Set<number>();
  for (const c of candidates) {
    if (c.at.getTime() < input.now.getTime() - GRACE_MS) continue;
    if (c.point !== 'deadline' && c.at.getTime() >= deadline.getTime()) continue;
    const minute = Math.floor(c.at.getTime() / 60_000);
    if (seen.has(minute)) continue;
    seen.add(minute);
    out.push(c);
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}
