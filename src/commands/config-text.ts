import { cardMention } from '../../cards/escape.js';
/**
 * Setting values and day states in the reader's words, shared by `/config`, `/holiday` and `/lang`.
 */
import type { SettingKey, SettingSource, TenantSettings } from '../domain/settings.js';
import type { Locale, Translate } from '../i18n/index.js';
import { weekdayOf } from '../time/day-key.js';
import { loadHolidayData } from '../time/holiday-data.js';
import { isQuietHoursOff, type QuietHoursPolicy } from '../time/quiet-hours.js';
import type { DayInfo } from '../time/workdays.js';
import { formatZoned } from '../time/zoned.js';

/** The name of a setting, e.g. "免打扰时段". */
export function settingName(t: Translate, key: SettingKey): string {
  return t(`config.key.${key}`);
}

/** A language's own name, e.g. "中文" / "English". */
export function localeName(t: Translate, locale: Locale): string {
  return t(`config.locale.${locale}`);
}

/** Quiet hours as read by people, e.g. "22:00–08:00（次日）" or "关闭". */
export function describeQuietHours(t: Translate, policy: QuietHoursPolicy): string {
  if (isQuietHoursOff(policy)) return t('config.quiet.off');
  const window =
    policy.start === policy.end
      ? t('config.quiet.noWindow')
      : t(policy.end < policy.start ? 'config.quiet.windowOvernight' : 'config.quiet.window', {
          start: policy.start,
          end: policy.end,
        });
  return policy.workdaysOnly ? `${window}${t('config.quiet.workdaysOnly')}` : window;
}

/** A setting's effective value in words. */
export function describeSetting(t: Translate, key: SettingKey, settings: TenantSettings): string {
  switch (key) {
    case 'timezone':
      return settings.timezone;
    case 'quietHours':
      return describeQuietHours(t, settings.quietHours);
    case 'workdays':
      return t(`config.workdays.${settings.workdays}`);
    case 'locale':
      return localeName(t, settings.locale);
  }
}

/** Where a value comes from, e.g. "由 @王主任 于 2026-11-26 15:00 设置". */
export function describeSource(t: Translate, source: SettingSource, tz: string): string {
  switch (source.kind) {
    case 'default':
      return t('config.source.default');
    case 'env':
      return t('config.source.env');
    case 'set': {
      const who = source.by ? cardMention(source.by) : t('config.source.someAdmin');
      return source.at
        ? t('config.source.set', { who, at: formatZoned(source.at, tz, 'YYYY-MM-DD HH:mm') })
        : t('config.source.setUndated', { who });
    }
  }
}

/** The quiet-hours window as typed in the config form: `22:00-08:00`, or the word for off. */
export function typedQuietHours(t: Translate, policy: QuietHoursPolicy): string {
  return policy.start === policy.end ? t('config.quiet.offWord') : `${policy.start}-${policy.end}`;
}

/** A day with its weekday, e.g. "2026-12-31（周四）". */
export function dayWithWeekday(t: Translate, date: string): string {
  return t('holiday.dayWithWeekday', { date, weekday: t(`weekday.${weekdayOf(date)}` as 'weekday.0') });
}

/** The official name of a holiday or make-up day in the reader's language. */
function officialName(info: DayInfo, locale: Locale): string {
  const english = locale === 'en-US' ? loadHolidayData().days.get(info.date)?.name : undefined;
  return english || info.name || '';
}

/** Whether a day is a workday and why, e.g. "休息日（国庆节）" or "工作日（自定义：盘点）". */
export function describeDay(t: Translate, info: DayInfo, locale: Locale): string {
  const state = t(info.work ? 'holiday.state.work' : 'holiday.state.rest');
  switch (info.source) {
    case 'override':
      return info.name
        ? t('holiday.state.overrideNote', { state, note: info.name })
        : t('holiday.state.override', { state });
    case 'holiday':
    case 'makeup':
      return t('holiday.state.official', { state, name: officialName(info, locale) });
    default:
      return state;
  }
}
