import { describe, expect, it } from 'vitest';
import { parseZonedDateTime } from '../../src/time/parse-datetime.js';

const SH = 'Asia/Shanghai';
// Thursday 2026-12-03 10:00 Shanghai.
const now = new Date('2026-12-03T02:00:00Z');

function parsed(input: string, extra: { defaultTime?: string } = {}): string {
  const r = parseZonedDateTime(input, SH, { now, ...extra });
  if (!r.ok) throw new Error(`${input}: ${r.error.code} ${r.error.message}`);
  return r.date.toISOString();
}

function errorCode(input: string, tz = SH): string | undefined {
  const r = parseZonedDateTime(input, tz, { now });
  return r.ok ? undefined : r.error.code;
}

describe('parseZonedDateTime', () => {
  it.each([
    ['2026-12-05 18:00', '2026-12-05T10:00:00.000Z'],
    ['2026/12/5 18:00', '2026-12-05T10:00:00.000Z'],
    ['2026-12-05T18:00', '2026-12-05T10:00:00.000Z'],
    ['2026.12.05 18:00:30', '2026-12-05T10:00:00.000Z'],
    ['2026年12月5日 18:00', '2026-12-05T10:00:00.000Z'],
    ['12月5日 18:00', '2026-12-05T10:00:00.000Z'],
    ['12月5日18:00', '2026-12-05T10:00:00.000Z'],
    ['12月5号 下午6点', '2026-12-05T10:00:00.000Z'],
    ['12/5 18:00', '2026-12-05T10:00:00.000Z'],
    ['１２月５日 １８：００', '2026-12-05T10:00:00.000Z'],
    ['明天 9:00', '2026-12-04T01:00:00.000Z'],
    ['明天9点半', '2026-12-04T01:30:00.000Z'],
    ['今天 晚上8点', '2026-12-03T12:00:00.000Z'],
    ['后天 中午12点', '2026-12-05T04:00:00.000Z'],
    ['大后天 上午10点15分', '2026-12-06T02:15:00.000Z'],
  ])('%s', (input, iso) => {
    expect(parsed(input)).toBe(iso);
  });

  it('puts a year-less day that already passed into next year', () => {
    expect(parsed('1月5日 9:00')).toBe('2027-01-05T01:00:00.000Z');
    expect(parsed('12月3日 9:00')).toBe('2026-12-03T01:00:00.000Z'); // today stays this year
  });

  it('uses defaultTime for a date alone, and says so', () => {
    const r = parseZonedDateTime('2026-12-05', SH, { now, defaultTime: '18:00' });
    expect(r).toEqual({ ok: true, date: new Date('2026-12-05T10:00:00Z'), dateOnly: true });
    expect(errorCode('2026-12-05')).toBe('missing_time');
  });

  it('rejects bad input with codes and Chinese messages', () => {
    expect(errorCode('')).toBe('empty');
    expect(errorCode('下周五')).toBe('unrecognized');
    expect(errorCode('2026-12-05 晚饭后')).toBe('unrecognized');
    expect(errorCode('2026-02-30 10:00')).toBe('invalid_date');
    expect(errorCode('2026-12-05 24:10')).toBe('invalid_time');
    expect(errorCode('2026-12-05 18:75')).toBe('invalid_time');
    expect(errorCode('2026-03-08 02:30', 'America/New_York')).toBe('nonexistent_time');
    const r = parseZonedDateTime('abc', SH, { now });
    expect(r.ok ? '' : r.error.message).toMatch(/无法识别.*2026-12-05 18:00/);
  });

  it('reads the wall clock in the given zone', () => {
    const r = parseZonedDateTime('2026-07-01 09:00', 'America/New_York', { now });
    expect(r.ok && r.date.toISOString()).toBe('2026-07-01T13:00:00.000Z');
  });
});
