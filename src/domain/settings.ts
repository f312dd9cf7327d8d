import { readsOf } from '../batching/collections.js';
import type { Locale } from '../i18n/index.js';
import { TenantSettingsModel } from '../models/tenant-settings.js';
import { DEFAULT_QUIET_HOURS, type QuietHoursPolicy } from '../time/quiet-hours.js';
import { recordAudit } from './audit.js';
import { invalidateCalendars } from './calendar-service.js';

/** The effective agency settings (stored values over defaults). */
export interface TenantSettings {
  timezone: string;
  quietHours: QuietHoursPolicy;
  workdays: 'mainland' | 'weekdays';
  locale: Locale;
}

/** The fields `/config set` may change. */
export type SettingsPatch = Partial<TenantSettings>;

/** One setting's name. */
export type SettingKey = keyof TenantSettings;

/** Every setting, in display order. */
export const SETTING_KEYS: readonly SettingKey[] = ['timezone', 'quietHours', 'workdays', 'locale'];

/**
 * Where an effective value comes from: a built-in default, the environment (BOT_TIMEZONE), or an
 * admin's `/config set` (`by` open_id, `at` time; either may be missing on very old documents).
 */
export type SettingSource =
  | { kind: 'default' }
  | { kind: 'env' }
  | { kind: 'set'; by: string | null; at: Date | null };

/** The effective settings with the source of each value. */
export interface SettingsDetail {
  settings: TenantSettings;
  sources: Record<SettingKey, SettingSource>;
}

const TENANT = 'tenant';

/** The stored settings document, as a lean read returns it. */
type SettingsDoc = NonNullable<Awaited<ReturnType<typeof storedSettingsQuery>>>;
const storedSettingsQuery = () => TenantSettingsModel.findById(TENANT).lean();

/**
 * Every event reads the settings (its language); a burst reads them once per second. A change
 * made here is seen at once (the cache is dropped); one made by another instance within a second.
 */
const SETTINGS_CACHE_MS = 1_000;
let cached: { at: number; timezone: string; settings: TenantSettings } | undefined;
let generation = 0;

/** Reads settings; `defaults.timezone` comes from BOT_TIMEZONE. */
export async function loadSettings(defaults: { timezone: string }): Promise<TenantSettings> {
  const started = Date.now();
  if (cached && cached.timezone === defaults.timezone && started - cached.at < SETTINGS_CACHE_MS)
    return cached.settings;
  const seen = generation;
  const { settings } = await loadSettingsDetail(defaults);
  // A read that raced a local change must not cache what it read before the change.
  if (seen === generation) cached = { at: started, timezone: defaults.timezone, settings };
  return settings;
}

/** Reads settings with where each value comes from (for `/config show`). */
export async function loadSettingsDetail(defaults: { timezone: string }): Promise<SettingsDetail> {
  const doc = await readsOf<SettingsDoc>(TenantSettingsModel).get(TENANT);
  const stored: Record<SettingKey, unknown> = {
    timezone: doc?.timezone ?? null,
    quietHours: doc?.quietHours ?? null,
    workdays: doc?.workdays ?? null,
    locale: doc?.locale ?? null,
  };
  const sourceOf = (key: SettingKey, fallback: SettingSource): SettingSource => {
    if (stored[key] === null) return fallback;
    const change = doc?.changes?.[key];
    return {
      kind: 'set',
      by: change?.by ?? doc?.updatedBy ?? null,
      at: change?.at ?? doc?.updatedAt ?? null,
    };
  };
  const quiet = doc?.quietHours;
  return {
    settings: {
      timezone: doc?.timezone ?? defaults.timezone,
      quietHours:
        quiet?.start && quiet.end
          ? { start: quiet.start, end: quiet.end, ...(quiet.workdaysOnly ? { workdaysOnly: true } : {}) }
          : DEFAULT_QUIET_HOURS,
      workdays: (doc?.workdays as TenantSettings['workdays'] | null) ?? 'mainland',
      locale: (doc?.locale as Locale | null) ?? 'zh-CN',
    },
    sources: {
      timezone: sourceOf('timezone', { kind: 'env' }),
      quietHours: sourceOf('quietHours', { kind: 'default' }),
      workdays: sourceOf('workdays', { kind: 'default' }),
      locale: sourceOf('locale', { kind: 'default' }),
    },
  };
}

/**
 * Writes some settings and records who changed each field and when; returns nothing (read back
 * with {@link loadSettings}). A change of time zone or workday mode invalidates this process's
 * cached calendar at once (other processes reload within a minute).
 */
export async function updateSettings(patch: SettingsPatch, actor: string, now: Date): Promise<void> {
  const set: Record<string, unknown> = { updatedAt: now, updatedBy: actor };
  for (const key of SETTING_KEYS) {
    if (patch[key] === undefined) continue;
    set[key] = patch[key];
    set[`changes.${key}`] = { by: actor, at: now };
  }
  generation++;
  cached = undefined;
  await TenantSettingsModel.updateOne({ _id: TENANT }, { $set: set }, { upsert: true });
  generation++;
  cached = undefined;
  if (patch.timezone !== undefined || patch.workdays !== undefined) invalidateCalendars();
}

/** What {@link changeSettings} did. */
export interface SettingsChange {
  /** The fields whose value actually changed (written and audited), in display order. */
  changed: SettingKey[];
  before: TenantSettings;
  after: TenantSettings;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies a validated patch for an admin: writes only the fields that differ from the effective
 * values, and records one audit entry per changed field with its value before and after.
 */
export async function changeSettings(
  patch: SettingsPatch,
  who: { actor: string; eventId?: string },
  now: Date,
  defaults: { timezone: string },
): Promise<SettingsChange> {
  const before = await loadSettings(defaults);
  const changed = SETTING_KEYS.filter(
    (key) => patch[key] !== undefined && !sameValue(patch[key], before[key]),
  );
  if (changed.length === 0) return { changed, before, after: before };
  const effective: SettingsPatch = Object.fromEntries(changed.map((key) => [key, patch[key]]));
  await updateSettings(effective, who.actor, now);
  for (const key of changed) {
    await recordAudit(
      {
        actor: who.actor,
        action: 'config.set',
        outcome: 'ok',
        target: key,
        before: before[key],
        after: effective[key],
        eventId: who.eventId,
      },
      now,
    );
  }
  return { changed, before, after: { ...before, ...effective } };
}
