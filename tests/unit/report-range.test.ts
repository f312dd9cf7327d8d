import { describe, expect, it } from 'vitest';
import { parseReportRange } from '../../src/commands/report-range.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-26T02:00:00Z'); // 10:00 in Beijing

describe('parseReportRange', () => {
  it('defaults to the 1st of this month (agency zone) until now', () => {
    expect(parseReportRange([], TZ, NOW)).toEqual({
      ok: true,
      range: { from: new Date('2026-10-31T16:00:00Z'), to: NOW, fromDay: '2026-11-01', toDay: '2026-11-26' },
    });
  });

  it('the month starts in the agency zone, not UTC', () => {
    const early = new Date('2026-11-30T17:00:00Z'); // 01:00 on 12-01 in Beijing
    const parsed = parseReportRange([], TZ, early);
    expect(parsed.ok && parsed.range.fromDay).toBe('2026-12-01');
  });

  it('one day runs to now; two days include the whole end day', () => {
    const one = parseReportRange(['2026-11-20'], TZ, NOW);
    expect(one).toMatchObject({ ok: true, range: { from: new Date('2026-11-19T16:00:00Z'), to: NOW } });
    const two = parseReportRange(['2026/11/01', '2026年11月30日'], TZ, NOW);
    expect(two).toEqual({
      ok: true,
      range: {
        from: new Date('2026-10-31T16:00:00Z'),
        to: new Date('2026-11-30T16:00:00Z'),
        fromDay: '2026-11-01',
        toDay: '2026-11-30',
      },
    });
    expect(parseReportRange(['2026-11-05', '2026-11-05'], TZ, NOW)).toMatchObject({ ok: true });
  });

  it('refuses what is not a day, too many words, and a start after the end', () => {
    for (const words of [['11月'], ['2026-02-30'], ['2026-11-01', '2026-11-02', '2026-11-03'], ['csv']])
      expect(parseReportRange(words, TZ, NOW)).toEqual({ ok: false, problem: 'format' });
    expect(parseReportRange(['2026-11-30', '2026-11-01'], TZ, NOW)).toEqual({
      ok: false,
      problem: 'order',
      fromDay: '2026-11-30',
      toDay: '2026-11-01',
    });
    expect(parseReportRange(['2026-12-01'], TZ, NOW)).toMatchObject({ ok: false, problem: 'order' });
  });
});
