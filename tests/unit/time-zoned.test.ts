import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isDayKey, parseDayKey, toDayKey, weekdayOf } from '../../src/time/day-key.js';
import {
  addZonedDays,
  formatZoned,
  isValidTimeZone,
  startOfZonedDay,
  wallTimeExists,
  zonedDateTime,
  zonedDayKey,
  zonedParts,
  zoneOffsetMs,
} from '../../src/time/zoned.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('zonedParts', () => {
  it('reads the wall clock in Shanghai, not the process zone', () => {
    expect(zonedParts(new Date('2026-12-31T16:30:15Z'), SH)).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 30,
      second: 15,
      weekday: 5,
    });
  });

  it('reads midnight as hour 0', () => {
    expect(zonedParts(new Date('2026-03-01T16:00:00Z'), SH).hour).toBe(0);
  });

  it('follows New York daylight saving time', () => {
    expect(zonedParts(new Date('2026-07-01T12:00:00Z'), NY).hour).toBe(8); // EDT, UTC-4
    expect(zonedParts(new Date('2026-01-15T12:00:00Z'), NY).hour).toBe(7); // EST, UTC-5
    expect(zoneOffsetMs(Date.parse('2026-07-01T12:00:00Z'), NY)).toBe(-4 * 3600_000);
  });
});

describe('zonedDateTime', () => {
  it('turns Shanghai wall time into UTC (09:00 Shanghai = 01:00 UTC)', () => {
    expect(zonedDateTime(SH, 2026, 12, 7, 9, 0).toISOString()).toBe('2026-12-07T01:00:00.000Z');
    expect(zonedDateTime(SH, 2026, 1, 1).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('is correct on both sides of New York DST changes', () => {
    // 2026: DST starts Sun 8 March 02:00, ends Sun 1 November 02:00.
    expect(zonedDateTime(NY, 2026, 3, 7, 12).toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(zonedDateTime(NY, 2026, 3, 8, 12).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(zonedDateTime(NY, 2026, 3, 8, 1, 59).toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(zonedDateTime(NY, 2026, 3, 8, 3, 0).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedDateTime(NY, 2026, 11, 1, 12).toISOString()).toBe('2026-11-01T17:00:00.000Z');
  });

  it('moves a non-existent time forward by the gap', () => {
    expect(zonedDateTime(NY, 2026, 3, 8, 2, 30).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(wallTimeExists(NY, 2026, 3, 8, 2, 30)).toBe(false);
    expect(wallTimeExists(NY, 2026, 3, 8, 3, 30)).toBe(true);
  });

  it('takes the earlier instant of an ambiguous time', () => {
    expect(zonedDateTime(NY, 2026, 11, 1, 1, 30).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // EDT
  });

  it('rolls over out-of-range fields', () => {
    expect(zonedDayKey(zonedDateTime(SH, 2026, 12, 32, 9), SH)).toBe('2027-01-01');
  });
});

describe('day helpers', () => {
  it('keys, starts and adds days in the zone', () => {
    const lateEvening = new Date('2026-10-01T15:30:00Z'); // 23:30 Shanghai
    expect(zonedDayKey(lateEvening, SH)).toBe('2026-10-01');
    expect(zonedDayKey(lateEvening, 'UTC')).toBe('2026-10-01');
    expect(zonedDayKey(new Date('2026-10-01T16:30:00Z'), SH)).toBe('2026-10-02');
    expect(startOfZonedDay(lateEvening, SH).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(addZonedDays(lateEvening, 1, SH).toISOString()).toBe('2026-10-02T15:30:00.000Z');
  });

  it('keeps the wall time when adding days across a DST change', () => {
    const before = zonedDateTime(NY, 2026, 3, 7, 9);
    const after = addZonedDays(before, 1, NY);
    expect(formatZoned(after, NY)).toBe('2026-03-08 09:00');
    expect(after.getTime() - before.getTime()).toBe(23 * 3600_000);
    expect(startOfZonedDay(new Date('2026-11-01T12:00:00Z'), NY).toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
  });

  it('formats with tokens', () => {
    const d = new Date('2026-12-05T10:07:09Z');
    expect(formatZoned(d, SH)).toBe('2026-12-05 18:07');
    expect(formatZoned(d, SH, 'YYYY年M月D日 HH:mm:ss')).toBe('2026年12月5日 18:07:09');
  });

  it('validates zone names', () => {
    expect(isValidTimeZone(SH)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('does plain calendar-day arithmetic', () => {
    expect(isDayKey('2026-02-29')).toBe(false);
    expect(isDayKey('2028-02-29')).toBe(true);
    expect(() => parseDayKey('2026-2-1')).toThrow(RangeError);
    expect(toDayKey(2026, 13, 1)).toBe('2027-01-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(daysBetween('2026-12-25', '2027-01-05')).toBe(11);
    expect(daysBetween('2027-01-05', '2026-12-25')).toBe(-11);
  });
});
