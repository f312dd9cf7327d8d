import chineseDays from 'chinese-days';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/time/day-key.js';
import { loadHolidayData } from '../../src/time/holiday-data.js';
import { WorkCalendar } from '../../src/time/workdays.js';

const SH = 'Asia/Shanghai';
const plain = () => WorkCalendar.fromOverrides([], { tz: SH });

describe('official 2026 calendar (国办发明电〔2025〕7号)', () => {
  const cal = plain();

  it('has data through 2026 only (2027 is not yet published in chinese-days 1.5.7)', () => {
    const data = loadHolidayData();
    expect(data.firstYear).toBe(2004);
    expect(data.lastYear).toBe(2026);
  });

  it('knows New Year: 1–3 January off, Sunday 4 January worked', () => {
    expect(['2026-01-01', '2026-01-02', '2026-01-03'].map((d) => cal.isWorkday(d))).toEqual([
      false,
      false,
      false,
    ]);
    expect(cal.describe('2026-01-04')).toEqual({
      date: '2026-01-04',
      work: true,
      source: 'makeup',
      name: '元旦',
    });
  });

  it('knows Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkday(`2026-02-${d}`)).toBe(false);
    expect(cal.describe('2026-02-16')).toMatchObject({ work: false, source: 'holiday', name: '春节' });
    expect(cal.isWorkday('2026-02-13')).toBe(true);
    expect(cal.describe('2026-02-14')).toMatchObject({ work: true, source: 'makeup', name: '春节' });
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-03-01')).toBe(false); // ordinary Sunday
  });

  it('knows Mid-Autumn and National Day: 25–27 Sept and 1–7 Oct off, Sun 20 Sept and Sat 10 Oct worked', () => {
    expect(cal.describe('2026-09-20')).toMatchObject({ work: true, source: 'makeup' });
    expect(cal.isWorkday('2026-09-25')).toBe(false); // Friday, 中秋节
    expect(cal.describe('2026-10-01')).toMatchObject({ work: false, source: 'holiday', name: '国庆节' });
    for (let d = 1; d <= 7; d++) expect(cal.isWorkday(`2026-10-0${d}`)).toBe(false);
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.describe('2026-10-10')).toMatchObject({ work: true, source: 'makeup' });
    expect(cal.isWorkday('2026-10-11')).toBe(false);
  });

  it('accepts instants, read in the calendar zone', () => {
    // 2026-09-30 16:30 UTC is already 1 October in Shanghai.
    expect(cal.isWorkday(new Date('2026-09-30T15:59:00Z'))).toBe(true);
    expect(cal.isWorkday(new Date('2026-09-30T16:30:00Z'))).toBe(false);
  });

  it('agrees with chinese-days for every day of 2026 (its functions are right when TZ is not west of UTC)', () => {
    if (new Date().getTimezoneOffset() > 0) return;
    for (let key = '2026-01-01'; key <= '2026-12-31'; key = addDays(key, 1)) {
      expect(cal.isWorkday(key), key).toBe(chineseDays.isWorkday(key));
    }
  });
});

describe('workday arithmetic', () => {
  const cal = plain();

  it('finds next and previous workdays around holidays', () => {
    expect(cal.nextWorkday('2026-02-13')).toBe('2026-02-14');
    expect(cal.nextWorkday('2026-02-14')).toBe('2026-02-24');
    expect(cal.previousWorkday('2026-02-24')).toBe('2026-02-14');
    expect(cal.nextWorkday('2026-09-30')).toBe('2026-10-08');
    expect(cal.previousWorkday('2026-10-08')).toBe('2026-09-30');
  });

  it('adds workdays across a holiday, both ways', () => {
    expect(cal.addWorkdays('2026-09-29', 2)).toBe('2026-10-08');
    expect(cal.addWorkdays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkdays('2026-10-08', -1)).toBe('2026-09-30');
    expect(cal.addWorkdays('2026-02-12', 3)).toBe('2026-02-24');
    expect(cal.addWorkdays('2026-10-09', 0)).toBe('2026-10-09');
    expect(cal.addWorkdays('2026-10-03', 0)).toBe('2026-10-08');
    expect(() => cal.addWorkdays('2026-10-03', 1.5)).toThrow(RangeError);
  });

  it('counts workdays in (a, b], negative backwards, inverse of addWorkdays', () => {
    expect(cal.workdaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(cal.workdaysBetween('2026-10-10', '2026-09-30')).toBe(-3);
    expect(cal.workdaysBetween('2026-10-05', '2026-10-05')).toBe(0);
    for (const n of [1, 5, 12, -4, -20]) {
      expect(cal.workdaysBetween('2026-09-18', cal.addWorkdays('2026-09-18', n))).toBe(n);
    }
  });

  it('rejects malformed days', () => {
    expect(() => cal.isWorkday('2026-2-3')).toThrow(RangeError);
  });
});

describe('overrides and out-of-range years', () => {
  it('lets overrides flip a day either way', () => {
    const cal = WorkCalendar.fromOverrides(
      [
        { date: '2026-10-09', kind: 'rest', note: '单位调休' },
        { date: '2026-10-11', kind: 'work' },
      ],
      { tz: SH },
    );
    expect(cal.describe('2026-10-09')).toEqual({
      date: '2026-10-09',
      work: false,
      source: 'override',
      name: '单位调休',
    });
    expect(cal.isWorkday('2026-10-11')).toBe(true);
    expect(cal.addWorkdays('2026-09-30', 3)).toBe('2026-10-11');
    expect(() => WorkCalendar.fromOverrides([{ date: '10/9', kind: 'rest' }], { tz: SH })).toThrow(
      RangeError,
    );
  });

  it('falls back to Monday–Friday after the data ends and warns once per year', () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(s) });
    const cal = WorkCalendar.fromOverrides([], { tz: SH, log });
    expect(cal.describe('2027-01-01')).toEqual({ date: '2027-01-01', work: true, source: 'fallback' }); // a Friday
    expect(cal.isWorkday('2027-01-02')).toBe(false);
    expect(cal.isWorkday('2027-10-01')).toBe(true);
    expect(cal.isWorkday('2003-12-31')).toBe(true);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ year: 2027, covered: '2004-2026' });
  });
});
