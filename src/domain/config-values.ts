/**
 * Reading setting values as admins type them (`/config set …`, `/lang …`, the config form).
 * Pure functions: each returns the value, or undefined when the input is not understood.
 */
import type { Locale } from '../i18n/index.js';
import type { OverrideKind } from '../models/calendar-override.js';
import { isDayKey } from '../time/day-key.js';
import { QUIET_HOURS_OFF, type QuietHoursPolicy } from '../time/quiet-hours.js';
import type { WorkdayMode } from '../time/workdays.js';
import type { SettingKey, SettingsPatch } from './settings.js';

/** Time zones offered in the config form, most likely first. */
export const COMMON_TIMEZONES: readonly string[] = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

const TIMEZONE_ALIASES: Record<string, string> = {
  北京: 'Asia/Shanghai',
  北京时间: 'Asia/Shanghai',
  上海: 'Asia/Shanghai',
  中国: 'Asia/Shanghai',
  乌鲁木齐: 'Asia/Urumqi',
  香港: 'Asia/Hong_Kong',
  澳门: 'Asia/Macau',
  台北: 'Asia/Taipei',
  新加坡: 'Asia/Singapore',
  东京: 'Asia/Tokyo',
  伦敦: 'Europe/London',
  柏林: 'Europe/Berlin',
  纽约: 'America/New_York',
  洛杉矶: 'America/Los_Angeles',
  utc: 'UTC',
  gmt: 'UTC',
};

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/** Full-width digits, colons, tildes and dashes to ASCII; spaces collapsed. */
function normalise(input: string): string {
  return input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/：/g, ':')
    .replace(/[～〜]/g, '~')
    .replace(/[－—–]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An IANA time zone name (any case, or a Chinese city alias), canonicalised by Intl. */
export function parseTimezone(input: string): string | undefined {
  const raw = normalise(input);
  const aliased = TIMEZONE_ALIASES[raw] ?? TIMEZONE_ALIASES[raw.toLowerCase()] ?? raw;
  if (!ZONE_NAME.test(aliased)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: aliased }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const OFF_WORDS = new Set(['关闭', '关', '无', '不限', 'off', 'none', 'disable', 'disabled']);
const WORKDAYS_ONLY_WORDS = new Set([
  '仅工作日',
  '只在工作日',
  '工作日',
  'workdays-only',
  'workdays_only',
  'workdays',
]);
const RANGE = /^(\d{1,2})(?::(\d{2}))?\s*(?:-|~|至|到)\s*(\d{1,2})(?::(\d{2}))?$/;

function hhmm(hour: string, minute: string | undefined): string | undefined {
  const h = Number(hour);
  const m = Number(minute ?? '0');
  if (h > 23 || m > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * Quiet hours: `22:00-08:00` (also `22-8`, `22:00~08:00`, `22:00至08:00`), optionally followed
 * by `仅工作日` / `workdays-only` (also hold everything on rest days); or `关闭` / `off`
 * ({@link QUIET_HOURS_OFF}). A window whose start equals its end is rejected.
 */
export function parseQuietHours(input: string): QuietHoursPolicy | undefined {
  const words = normalise(input)
    .split(' ')
    .filter((w) => w !== '');
  const flags = words.filter((w) => WORKDAYS_ONLY_WORDS.has(w.toLowerCase()));
  const rest = words.filter((w) => !WORKDAYS_ONLY_WORDS.has(w.toLowerCase())).join(' ');
  if (flags.length > 1) return undefined;
  if (OFF_WORDS.has(rest.toLowerCase()))
    return flags.length === 0 ? { start: QUIET_HOURS_OFF.start, end: QUIET_HOURS_OFF.end } : undefined;
  const m = RANGE.exec(rest);
  if (!m) return undefined;
  const start = hhmm(m[1]!, m[2]);
  const end = hhmm(m[3]!, m[4]);
  if (!start || !end || start === end) return undefined;
  return flags.length > 0 ? { start, end, workdaysOnly: true } : { start, end };
}

const WORKDAY_WORDS: Record<string, WorkdayMode> = {
  法定: 'mainland',
  法定节假日: 'mainland',
  法定假日: 'mainland',
  国家法定: 'mainland',
  mainland: 'mainland',
  official: 'mainland',
  周一至周五: 'weekdays',
  周一到周五: 'weekdays',
  双休: 'weekdays',
  weekdays: 'weekdays',
  'mon-fri': 'weekdays',
};

/** The workday calendar: `法定` / `mainland`, or `周一至周五` / `weekdays`. */
export function parseWorkdayMode(input: string): WorkdayMode | undefined {
  return WORKDAY_WORDS[normalise(input).toLowerCase()];
}

const LOCALE_WORDS: Record<string, Locale> = {
  中文: 'zh-CN',
  简体中文: 'zh-CN',
  汉语: 'zh-CN',
  'zh-cn': 'zh-CN',
  zh_cn: 'zh-CN',
  zh: 'zh-CN',
  chinese: 'zh-CN',
  english: 'en-US',
  英文: 'en-US',
  英语: 'en-US',
  'en-us': 'en-US',
  en_us: 'en-US',
  en: 'en-US',
};

/** A language: `中文` / `zh-CN` or `English` / `en-US` (any case). */
export function parseLocale(input: string): Locale | undefined {
  return LOCALE_WORDS[normalise(input).toLowerCase()];
}

const KEY_WORDS: Record<string, SettingKey> = {
  timezone: 'timezone',
  'time-zone': 'timezone',
  tz: 'timezone',
  时区: 'timezone',
  'quiet-hours': 'quietHours',
  quiet_hours: 'quietHours',
  quiethours: 'quietHours',
  quiet: 'quietHours',
  免打扰: 'quietHours',
  免打扰时段: 'quietHours',
  workdays: 'workdays',
  workday: 'workdays',
  calendar: 'workdays',
  工作日: 'workdays',
  工作日历: 'workdays',
  locale: 'locale',
  language: 'locale',
  lang: 'locale',
  语言: 'locale',
};

/** The setting a word names (`timezone`/`时区`, `quiet-hours`/`免打扰`, `workdays`/`工作日`, `locale`/`语言`). */
export function parseSettingKey(input: string): SettingKey | undefined {
  return KEY_WORDS[normalise(input).toLowerCase()];
}

/** Reads a typed value for `key` as a one-field patch; undefined when it is not a valid value. */
export function parseSettingPatch(key: SettingKey, input: string): SettingsPatch | undefined {
  switch (key) {
    case 'timezone': {
      const timezone = parseTimezone(input);
      return timezone ? { timezone } : undefined;
    }
    case 'quietHours': {
      const quietHours = parseQuietHours(input);
      return quietHours ? { quietHours } : undefined;
    }
    case 'workdays': {
      const workdays = parseWorkdayMode(input);
      return workdays ? { workdays } : undefined;
    }
    case 'locale': {
      const locale = parseLocale(input);
      return locale ? { locale } : undefined;
    }
  }
}

/**
 * A calendar day typed with its year: `2026-12-31`, `2026/12/31`, `2026.12.31` or
 * `2026年12月31日` (full-width digits too); returns the day key, or undefined.
 */
export function parseDayArg(input: string): string | undefined {
  const m = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})[日号]?)$/.exec(normalise(input));
  if (!m) return undefined;
  const month = (m[2] ?? m[4])!.padStart(2, '0');
  const day = (m[3] ?? m[5])!.padStart(2, '0');
  const key = `${m[1]}-${month}-${day}`;
  return isDayKey(key) ? key : undefined;
}

const DAY_KIND_WORDS: Record<string, OverrideKind> = {
  休: 'rest',
  休息: 'rest',
  休息日: 'rest',
  放假: 'rest',
  假: 'rest',
  rest: 'rest',
  off: 'rest',
  holiday: 'rest',
  班: 'work',
  上班: 'work',
  补班: 'work',
  工作: 'work',
  工作日: 'work',
  work: 'work',
  workday: 'work',
};

/** Rest or work: `休` / `rest`, `班` / `work` (and a few synonyms). */
export function parseDayKind(input: string): OverrideKind | undefined {
  return DAY_KIND_WORDS[normalise(input).toLowerCase()];
}
