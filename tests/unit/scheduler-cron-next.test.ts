import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { CronSyntaxError, nextOccurrence, parseCron, previousOccurrence } from '../../src/jobs/cron-next.js';
import { formatZoned } from '../../src/time/zoned.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
// Thursday 2026-12-03 10:00 Shanghai.
const now = new Date('2026-12-03T02:00:00Z');

function nextN(expr: string, from: Date, n: number, tz = SH): string[] {
  const out: string[] = [];
  let t: Date | null = from;
  for (let i = 0; i < n && t; i++) {
    t = nextOccurrence(expr, t, tz);
    if (t) out.push(formatZoned(t, tz, 'YYYY-MM-DD HH:mm'));
  }
  return out;
}

describe('nextOccurrence / previousOccurrence', () => {
  it('computes Monday 09:00 in Shanghai as 01:00 UTC', () => {
    expect(nextOccurrence('0 9 * * 1', now, SH)?.toISOString()).toBe('2026-12-07T01:00:00.000Z');
    expect(previousOccurrence('0 9 * * 1', now, SH)?.toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });

  it('is strictly after for next, at-or-before for previous', () => {
    const occ = new Date('2026-12-07T01:00:00Z');
    expect(nextOccurrence('0 9 * * 1', occ, SH)?.toISOString()).toBe('2026-12-14T01:00:00.000Z');
    expect(previousOccurrence('0 9 * * 1', occ, SH)?.toISOString()).toBe(occ.toISOString());
    expect(previousOccurrence('0 9 * * 1', new Date(occ.getTime() + 59_999), SH)?.toISOString()).toBe(
      occ.toISOString(),
    );
    expect(previousOccurrence('0 9 * * 1', new Date(occ.getTime() - 1), SH)?.toISOString()).toBe(
      '2026-11-30T01:00:00.000Z',
    );
  });

  it.each([
    [
      '*/15 9-17 * * 1-5',
      '2026-12-04T09:50:00Z',
      ['2026-12-07 09:00', '2026-12-07 09:15', '2026-12-07 09:30'],
    ],
    ['0 0 1 * *', '2026-12-03T02:00:00Z', ['2027-01-01 00:00', '2027-02-01 00:00', '2027-03-01 00:00']],
    ['30 8 1,15 * *', '2026-12-03T02:00:00Z', ['2026-12-15 08:30', '2027-01-01 08:30', '2027-01-15 08:30']],
    ['0 9 * * MON-FRI', '2026-12-04T02:00:00Z', ['2026-12-07 09:00', '2026-12-08 09:00', '2026-12-09 09:00']],
    [
      '0 18 * jan,jul sun',
      '2026-12-03T02:00:00Z',
      ['2027-01-03 18:00', '2027-01-10 18:00', '2027-01-17 18:00'],
    ],
    ['0 12 * * 7', '2026-12-03T02:00:00Z', ['2026-12-06 12:00', '2026-12-13 12:00', '2026-12-20 12:00']],
    ['0 0 13 * 5', '2026-12-03T02:00:00Z', ['2026-12-04 00:00', '2026-12-11 00:00', '2026-12-13 00:00']],
    ['0 0 29 2 *', '2026-12-03T02:00:00Z', ['2028-02-29 00:00', '2032-02-29 00:00']],
    ['5/20 * * * *', '2026-12-03T02:00:00Z', ['2026-12-03 10:05', '2026-12-03 10:25', '2026-12-03 10:45']],
    ['@daily', '2026-12-03T02:00:00Z', ['2026-12-04 00:00', '2026-12-05 00:00']],
    ['* * * * *', '2026-12-03T02:00:30Z', ['2026-12-03 10:01', '2026-12-03 10:02']],
  ])('%s', (expr, from, expected) => {
    expect(nextN(expr, new Date(from), expected.length)).toEqual(expected);
  });

  it('returns null for expressions that never match', () => {
    expect(nextOccurrence('0 0 30 2 *', now, SH)).toBeNull();
    expect(previousOccurrence('0 0 31 4 *', now, SH)).toBeNull();
  });

  it('walks backwards across months and years', () => {
    expect(formatZoned(previousOccurrence('0 0 1 * *', new Date('2027-01-01T00:00:00Z'), SH)!, SH)).toBe(
      '2027-01-01 00:00',
    );
    expect(formatZoned(previousOccurrence('59 23 31 12 *', now, SH)!, SH)).toBe('2025-12-31 23:59');
  });

  it('skips wall times inside a DST gap and fires once in an overlap (New York)', () => {
    expect(nextN('30 2 * * *', new Date('2026-03-07T06:00:00Z'), 2, NY)).toEqual([
      '2026-03-07 02:30',
      '2026-03-09 02:30',
    ]);
    expect(nextOccurrence('30 1 * * *', new Date('2026-11-01T04:00:00Z'), NY)?.toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(nextOccurrence('30 1 * * *', new Date('2026-11-01T05:30:00Z'), NY)?.toISOString()).toBe(
      '2026-11-02T06:30:00.000Z',
    );
    expect(nextOccurrence('0 9 * * 1', new Date('2026-03-03T00:00:00Z'), NY)?.toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });

  it('agrees minute by minute with node-cron over ten days (expressions without the dom/dow OR rule)', () => {
    for (const expr of [
      '*/15 9-17 * * 1-5',
      '0 9 * * 1',
      '30 8 1,15 * *',
      '5-59/20 */3 * * *',
      '0 22 * * 0,6',
    ]) {
      const task = cron.createTask(expr, () => {}, { timezone: SH });
      const start = new Date('2026-12-01T00:00:00Z');
      const ours = new Set(nextN(expr, start, 2000).map((s) => s));
      const theirs = new Set<string>();
      for (let t = start.getTime() + 60_000; t < start.getTime() + 10 * 86_400_000; t += 60_000) {
        if (task.match(new Date(t))) theirs.add(formatZoned(new Date(t), SH, 'YYYY-MM-DD HH:mm'));
      }
      const oursInWindow = [...ours].filter(
        (s) => s < formatZoned(new Date(start.getTime() + 10 * 86_400_000), SH),
      );
      expect(oursInWindow, expr).toEqual([...theirs]);
      void task.destroy();
    }
  });
});

describe('parseCron', () => {
  it('parses fields', () => {
    const spec = parseCron('0,30 9-17/4 * 1-6 sat,7');
    expect(spec.minutes).toEqual([0, 30]);
    expect(spec.hours).toEqual([9, 13, 17]);
    expect(spec.months).toEqual([1, 2, 3, 4, 5, 6]);
    expect(spec.daysOfWeek).toEqual([0, 6]);
    expect(spec.domRestricted).toBe(false);
    expect(spec.dowRestricted).toBe(true);
  });

  it.each([
    '60 * * * *',
    '* * *',
    '5-1 * * * *',
    '*/0 * * * *',
    'foo * * * *',
    '* 24 * * *',
    '* * 0 * *',
    '1/2/3 * * * *',
  ])('rejects %s', (expr) => {
    expect(() => parseCron(expr)).toThrow(CronSyntaxError);
  });
});
