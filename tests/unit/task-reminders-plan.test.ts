import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_POLICY,
  effectivePolicy,
  type PlanInput,
  planReminders,
} from '../../src/domain/task-reminders-plan.js';
import { DEFAULT_QUIET_HOURS } from '../../src/time/quiet-hours.js';
import { WorkCalendar } from '../../src/time/workdays.js';
import { formatZoned } from '../../src/time/zoned.js';

const SH = 'Asia/Shanghai';
const cal = WorkCalendar.fromOverrides([], { tz: SH });
/** Shanghai wall time → instant. */
const sh = (wall: string) => new Date(`${wall}:00+08:00`);

function plan(over: Partial<PlanInput>): string[] {
  const input: PlanInput = {
    deadline: sh('2026-10-12T18:00'),
    createdAt: sh('2026-09-21T10:00'),
    now: sh('2026-09-21T10:00'),
    policy: DEFAULT_REMINDER_POLICY,
    tz: SH,
    quietHours: DEFAULT_QUIET_HOURS,
    calendar: cal,
    ...over,
  };
  return planReminders(input).map((p) => `${p.point} ${formatZoned(p.at, SH, 'YYYY-MM-DD HH:mm')}`);
}

describe('planReminders', () => {
  it('skips the National Day holiday and honours the 调休 Saturday 2026-10-10', () => {
    expect(plan({})).toEqual([
      'created 2026-09-21 10:00',
      'wd-3 2026-10-08 09:00', // 10-09 is wd-2, 10-10 (Saturday, worked) wd-1
      'wd-1 2026-10-10 09:00',
      'wd-0 2026-10-12 09:00',
      'deadline 2026-10-12 18:00',
    ]);
  });

  it('counts workdays back across the holiday', () => {
    expect(plan({ deadline: sh('2026-10-09T17:30') })).toEqual([
      'created 2026-09-21 10:00',
      'wd-3 2026-09-29 09:00', // 10-08, 09-30, 09-29
      'wd-1 2026-10-08 09:00',
      'wd-0 2026-10-09 09:00',
      'deadline 2026-10-09 17:30',
    ]);
  });

  it('moves a due day on a holiday to the previous workday and the deadline notice to the next allowed time', () => {
    expect(plan({ deadline: sh('2026-10-03T18:00') })).toEqual([
      'created 2026-09-21 10:00',
      'wd-3 2026-09-28 09:00', // 09-30 wd-1, 09-29 wd-2, 09-28 wd-3 (the 中秋 break before is skipped)
      'wd-1 2026-09-30 09:00', // wd-0 moved to 09-30 too: one reminder that minute
      'deadline 2026-10-08 08:00',
    ]);
  });

  it('holds a creation reminder made in quiet hours or on a rest day until the next allowed time', () => {
    expect(plan({ createdAt: sh('2026-09-22T23:30'), now: sh('2026-09-22T23:30') })[0]).toBe(
      'created 2026-09-23 08:00',
    );
    expect(plan({ createdAt: sh('2026-10-02T10:00'), now: sh('2026-10-02T10:00') })[0]).toBe(
      'created 2026-10-08 08:00',
    );
  });

  it('moves a pre-deadline point out of quiet hours to an earlier allowed day', () => {
    const quiet = { start: '18:00', end: '09:30' };
    expect(
      plan({
        quietHours: quiet,
        deadline: sh('2026-12-04T17:00'),
        createdAt: sh('2026-11-20T10:00'),
        now: sh('2026-11-20T10:00'),
      }),
    ).toEqual([
      'created 2026-11-20 10:00',
      // 09:00 is quiet every day, so nothing at 09:00 is ever allowed within 60 days: dropped
      'deadline 2026-12-04 17:00',
    ]);
    expect(
      plan({
        policy: { ...DEFAULT_REMINDER_POLICY, at: '10:00' },
        quietHours: quiet,
        deadline: sh('2026-12-04T17:00'),
        createdAt: sh('2026-11-20T10:00'),
        now: sh('2026-11-20T10:00'),
      }),
    ).toEqual([
      'created 2026-11-20 10:00',
      'wd-3 2026-12-01 10:00',
      'wd-1 2026-12-03 10:00',
      'wd-0 2026-12-04 10:00',
      'deadline 2026-12-04 17:00',
    ]);
  });

  it('drops points already past and points not before the deadline', () => {
    expect(plan({ createdAt: sh('2026-10-09T10:00'), now: sh('2026-10-09T10:00') })).toEqual([
      'created 2026-10-09 10:00',
      'wd-1 2026-10-10 09:00',
      'wd-0 2026-10-12 09:00',
      'deadline 2026-10-12 18:00',
    ]);
    // due at 08:30: the due-day 09:00 point would be after the deadline
    expect(
      plan({
        deadline: sh('2026-10-12T08:30'),
        createdAt: sh('2026-10-10T12:00'),
        now: sh('2026-10-10T12:00'),
      }),
    ).toEqual(['created 2026-10-10 12:00', 'deadline 2026-10-12 08:30']);
    // an edit long after creation: no new creation reminder
    expect(plan({ now: sh('2026-10-09T10:00') })[0]).toBe('wd-1 2026-10-10 09:00');
  });

  it('takes the task policy over the agency default, ignoring an invalid one', () => {
    const agency = { ...DEFAULT_REMINDER_POLICY, workdaysBefore: [2] };
    expect(effectivePolicy(null, agency)).toBe(agency);
    expect(effectivePolicy({ workdaysBefore: [5], onCreate: false }, agency)).toEqual({
      onCreate: false,
      workdaysBefore: [5],
      at: '09:00',
      atDeadline: true,
    });
    expect(effectivePolicy({ at: '9am' }, agency)).toBe(agency);
    expect(plan({ policy: { onCreate: false, workdaysBefore: [], at: '09:00', atDeadline: true } })).toEqual([
      'deadline 2026-10-12 18:00',
    ]);
  });
});
