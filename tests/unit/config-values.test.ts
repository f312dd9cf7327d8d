import { describe, expect, it } from 'vitest';
import {
  parseDayArg,
  parseDayKind,
  parseLocale,
  parseQuietHours,
  parseSettingKey,
  parseSettingPatch,
  parseTimezone,
  parseWorkdayMode,
} from '../../src/domain/config-values.js';
import { catalog } from '../../src/i18n/catalog.js';
import { isQuiet, isQuietHoursOff, QUIET_HOURS_OFF } from '../../src/time/quiet-hours.js';
import { WorkCalendar } from '../../src/time/workdays.js';

describe('setting values as admins type them', () => {
  it('time zones: IANA names in any case, a few Chinese city names; nothing else', () => {
    expect(parseTimezone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(parseTimezone('asia/tokyo')).toBe('Asia/Tokyo');
    expect(parseTimezone('utc')).toBe('UTC');
    expect(parseTimezone('北京时间')).toBe('Asia/Shanghai');
    expect(parseTimezone('America/New_York')).toBe('America/New_York');
    for (const bad of ['Mars/Olympus', '+08:00', 'GMT+8 ', 'Asia/', '', 'Asia/Shanghai; drop']) {
      expect(parseTimezone(bad), bad).toBeUndefined();
    }
  });

  it('quiet hours: a window, optionally workdays-only, or off', () => {
    expect(parseQuietHours('22:00-08:00')).toEqual({ start: '22:00', end: '08:00' });
    expect(parseQuietHours('21:30–07:30')).toEqual({ start: '21:30', end: '07:30' });
    expect(parseQuietHours('２２：００～０８：００')).toEqual({ start: '22:00', end: '08:00' });
    expect(parseQuietHours('22-8')).toEqual({ start: '22:00', end: '08:00' });
    expect(parseQuietHours('12:00至13:30')).toEqual({ start: '12:00', end: '13:30' });
    expect(parseQuietHours('22:00 - 08:00 仅工作日')).toEqual({
      start: '22:00',
      end: '08:00',
      workdaysOnly: true,
    });
    expect(parseQuietHours('workdays-only 22:00-08:00')).toEqual({
      start: '22:00',
      end: '08:00',
      workdaysOnly: true,
    });
    expect(parseQuietHours('关闭')).toEqual({ start: '00:00', end: '00:00' });
    expect(parseQuietHours('OFF')).toEqual({ start: '00:00', end: '00:00' });
    for (const bad of [
      '',
      '22:00',
      '25:00-08:00',
      '22:60-08:00',
      '08:00-08:00',
      '关闭 仅工作日',
      'night',
      '22:00-08:00 仅工作日 仅工作日',
    ]) {
      expect(parseQuietHours(bad), bad).toBeUndefined();
    }
  });

  it('off never holds anything back', () => {
    const off = parseQuietHours('off')!;
    expect(isQuietHoursOff(off)).toBe(true);
    expect(isQuietHoursOff(QUIET_HOURS_OFF)).toBe(true);
    expect(isQuietHoursOff({ start: '22:00', end: '08:00' })).toBe(false);
    for (const hour of [0, 3, 12, 23]) {
      expect(isQuiet(new Date(Date.UTC(2026, 11, 26, hour)), off, 'Asia/Shanghai')).toBe(false);
    }
  });

  it('workdays, locales, setting names, days and rest/work', () => {
    expect(parseWorkdayMode('法定')).toBe('mainland');
    expect(parseWorkdayMode('Mainland')).toBe('mainland');
    expect(parseWorkdayMode('周一至周五')).toBe('weekdays');
    expect(parseWorkdayMode('weekdays')).toBe('weekdays');
    expect(parseWorkdayMode('sometimes')).toBeUndefined();
    expect(parseLocale('中文')).toBe('zh-CN');
    expect(parseLocale('zh-cn')).toBe('zh-CN');
    expect(parseLocale('English')).toBe('en-US');
    expect(parseLocale('en-US')).toBe('en-US');
    expect(parseLocale('fr')).toBeUndefined();
    expect(parseSettingKey('免打扰')).toBe('quietHours');
    expect(parseSettingKey('Quiet-Hours')).toBe('quietHours');
    expect(parseSettingKey('时区')).toBe('timezone');
    expect(parseSettingKey('工作日')).toBe('workdays');
    expect(parseSettingKey('语言')).toBe('locale');
    expect(parseSettingKey('colour')).toBeUndefined();
    expect(parseSettingPatch('locale', 'English')).toEqual({ locale: 'en-US' });
    expect(parseSettingPatch('timezone', 'nowhere')).toBeUndefined();
    expect(parseDayArg('2026-12-31')).toBe('2026-12-31');
    expect(parseDayArg('2026/1/5')).toBe('2026-01-05');
    expect(parseDayArg('2026年12月26日')).toBe('2026-12-26');
    expect(parseDayArg('２０２６－１２－３１')).toBe('2026-12-31');
    for (const bad of ['2026-02-30', '2026-13-01', '12-31', 'tomorrow', '2026-12-31 10:00']) {
      expect(parseDayArg(bad), bad).toBeUndefined();
    }
    expect(parseDayKind('休')).toBe('rest');
    expect(parseDayKind('班')).toBe('work');
    expect(parseDayKind('Work')).toBe('work');
    expect(parseDayKind('周末')).toBeUndefined();
  });
});

describe('WorkCalendar modes', () => {
  const overrides = [
    { date: '2026-12-26', kind: 'work' as const },
    { date: '2026-12-31', kind: 'rest' as const },
  ];

  it('mainland follows the official calendar; weekdays ignores it; overrides win in both', () => {
    const mainland = WorkCalendar.fromOverrides(overrides, { tz: 'Asia/Shanghai' });
    const weekdays = WorkCalendar.fromOverrides(overrides, { tz: 'Asia/Shanghai', mode: 'weekdays' });
    expect(mainland.isWorkday('2026-10-01')).toBe(false); // National Day
    expect(weekdays.isWorkday('2026-10-01')).toBe(true); // a Thursday
    expect(mainland.isWorkday('2026-10-10')).toBe(true); // make-up Saturday
    expect(weekdays.isWorkday('2026-10-10')).toBe(false);
    for (const cal of [mainland, weekdays]) {
      expect(cal.isWorkday('2026-12-26')).toBe(true);
      expect(cal.isWorkday('2026-12-31')).toBe(false);
      expect(cal.isWorkday('2026-12-27')).toBe(false);
    }
    expect(weekdays.describe('2026-10-01')).toEqual({ date: '2026-10-01', work: true, source: 'weekday' });
  });
});

describe('the message catalogue', () => {
  it('has a non-empty English text for every message, with the same placeholders as the Chinese one', () => {
    const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    for (const [key, texts] of Object.entries(catalog) as [string, { 'zh-CN': string; 'en-US': string }][]) {
      expect(texts['en-US'].trim(), key).not.toBe('');
      expect(placeholders(texts['en-US']), key).toEqual(placeholders(texts['zh-CN']));
    }
  });
});
