import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUIET_HOURS,
  isQuiet,
  nextAllowedTime,
  quietHoursPolicySchema,
} from '../../src/time/quiet-hours.js';
import { WorkCalendar } from '../../src/time/workdays.js';
import { formatZoned, zonedDateTime } from '../../src/time/zoned.js';

const SH = 'Asia/Shanghai';
const cal = WorkCalendar.fromOverrides([], { tz: SH });
const at = (y: number, m: number, d: number, h: number, mi = 0) => zonedDateTime(SH, y, m, d, h, mi);
const show = (d: Date) => formatZoned(d, SH, 'YYYY-MM-DD HH:mm:ss');

describe('quiet hours wrapping midnight (22:00–08:00)', () => {
  const policy = DEFAULT_QUIET_HOURS;

  it('allows the edges it should', () => {
    expect(isQuiet(at(2026, 12, 3, 21, 59), policy, SH)).toBe(false);
    expect(isQuiet(at(2026, 12, 3, 22, 0), policy, SH)).toBe(true);
    expect(isQuiet(at(2026, 12, 4, 7, 59), policy, SH)).toBe(true);
    expect(isQuiet(at(2026, 12, 4, 8, 0), policy, SH)).toBe(false);
  });

  it('returns an allowed time unchanged, to the millisecond', () => {
    const d = new Date(at(2026, 12, 3, 15, 20).getTime() + 12_345);
    expect(nextAllowedTime(d, policy, SH)).toBe(d);
  });

  it('holds evening and early-morning times until 08:00', () => {
    expect(show(nextAllowedTime(new Date(at(2026, 12, 3, 23, 10).getTime() + 30_000), policy, SH))).toBe(
      '2026-12-04 08:00:00',
    );
    expect(show(nextAllowedTime(at(2026, 12, 4, 0, 0), policy, SH))).toBe('2026-12-04 08:00:00');
    expect(show(nextAllowedTime(at(2026, 12, 4, 7, 59), policy, SH))).toBe('2026-12-04 08:00:00');
  });
});

describe('quiet hours on workdays only', () => {
  const policy = { ...DEFAULT_QUIET_HOURS, workdaysOnly: true };

  it('pushes a Friday night to Monday morning', () => {
    expect(show(nextAllowedTime(at(2026, 12, 4, 23, 10), policy, SH, cal))).toBe('2026-12-07 08:00:00');
    expect(isQuiet(at(2026, 12, 5, 10, 0), policy, SH, cal)).toBe(true); // Saturday
  });

  it('pushes the eve of National Day past the holiday', () => {
    expect(show(nextAllowedTime(at(2026, 9, 30, 22, 30), policy, SH, cal))).toBe('2026-10-08 08:00:00');
    expect(show(nextAllowedTime(at(2026, 10, 3, 14, 0), policy, SH, cal))).toBe('2026-10-08 08:00:00');
  });

  it('stops on a 调休 make-up Saturday', () => {
    expect(show(nextAllowedTime(at(2026, 10, 9, 22, 30), policy, SH, cal))).toBe('2026-10-10 08:00:00');
    expect(show(nextAllowedTime(at(2026, 2, 13, 23, 0), policy, SH, cal))).toBe('2026-02-14 08:00:00');
    expect(show(nextAllowedTime(at(2026, 2, 14, 23, 0), policy, SH, cal))).toBe('2026-02-24 08:00:00');
  });

  it('honours admin overrides', () => {
    const custom = WorkCalendar.fromOverrides([{ date: '2026-12-07', kind: 'rest' }], { tz: SH });
    expect(show(nextAllowedTime(at(2026, 12, 4, 23, 10), policy, SH, custom))).toBe('2026-12-08 08:00:00');
  });

  it('needs a calendar', () => {
    expect(() => isQuiet(at(2026, 12, 5, 10), policy, SH)).toThrow(/calendar/);
  });
});

describe('other windows', () => {
  it('handles a window inside one day', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(show(nextAllowedTime(at(2026, 12, 3, 12, 45), lunch, SH))).toBe('2026-12-03 13:30:00');
    expect(nextAllowedTime(at(2026, 12, 3, 23, 0), lunch, SH).getTime()).toBe(
      at(2026, 12, 3, 23, 0).getTime(),
    );
  });

  it('treats start = end as no window; rest days then open at midnight', () => {
    const none = { start: '00:00', end: '00:00', workdaysOnly: true };
    expect(isQuiet(at(2026, 12, 3, 3, 0), none, SH, cal)).toBe(false);
    expect(show(nextAllowedTime(at(2026, 12, 5, 15, 0), none, SH, cal))).toBe('2026-12-07 00:00:00');
  });

  it('works in a DST zone', () => {
    const ny = 'America/New_York';
    const night = zonedDateTime(ny, 2026, 3, 7, 23, 0); // the night DST starts
    expect(formatZoned(nextAllowedTime(night, DEFAULT_QUIET_HOURS, ny), ny)).toBe('2026-03-08 08:00');
    expect(nextAllowedTime(night, DEFAULT_QUIET_HOURS, ny).toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it('validates policies with Chinese messages', () => {
    expect(quietHoursPolicySchema.safeParse({ start: '22:00', end: '08:00' }).success).toBe(true);
    const bad = quietHoursPolicySchema.safeParse({ start: '24:00', end: '8:00' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('HH:mm');
  });
});
