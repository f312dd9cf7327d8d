import type { Locale } from '../i18n/index.js';
import { TenantSettingsModel } from '../models/tenant-settings.js';
import { DEFAULT_QUIET_HOURS, type QuietHoursPolicy } from '../time/quiet-hours.js';

/** The effective agency settings (stored values over defaults). */
export interface TenantSettings {
  timezone: string;
  quietHours: QuietHoursPolicy;
  workdays: 'mainland' | 'weekdays';
  locale: Locale;
}

/** The fields `/config set` may change. */
export type SettingsPatch = Partial<TenantSettings>;

const TENANT = 'tenant';

/** Reads settings; `defaults.timezone` comes from BOT_TIMEZONE. */
export async function loadSettings(defaults: { timezone: string }): Promise<TenantSettings> {
  const doc = await TenantSettingsModel.findById(TENANT).lean();
  return {
    timezone: doc?.timezone ?? defaults.timezone,
    quietHours: (doc?.quietHours as QuietHoursPolicy | null) ?? DEFAULT_QUIET_HOURS,
    workdays: (doc?.workdays as TenantSettings['workdays'] | null) ?? 'mainland',
    locale: (doc?.locale as Locale | null) ?? 'zh-CN',
  };
}

/** Writes some settings; returns nothing (read back with {@link loadSettings}). */
export async function updateSettings(patch: SettingsPatch, actor: string, now: Date): Promise<void> {
  await TenantSettingsModel.updateOne(
    { _id: TENANT },
    { $set: { ...patch, updatedAt: now, updatedBy: actor } },
    { upsert: true },
  );
}
