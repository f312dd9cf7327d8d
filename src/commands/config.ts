import { z } from 'zod';
import {
  buildConfigForm,
  buildConfigShowCard,
  CONFIG_SET_ACTION,
  type ConfigLine,
  type SelectChoice,
} from '../../cards/config-card.js';
import { cardMention } from '../../cards/escape.js';
import type { Card } from '../../cards/types.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { mayUse } from '../domain/access.js';
import {
  COMMON_TIMEZONES,
  parseLocale,
  parseQuietHours,
  parseSettingKey,
  parseSettingPatch,
  parseTimezone,
  parseWorkdayMode,
} from '../domain/config-values.js';
import {
  changeSettings,
  loadSettingsDetail,
  SETTING_KEYS,
  type SettingKey,
  type SettingsChange,
  type SettingsDetail,
  type SettingsPatch,
} from '../domain/settings.js';
import { type MessageKey, type Translate, translator } from '../i18n/index.js';
import { isQuietHoursOff } from '../time/quiet-hours.js';
import { describeSetting, describeSource, settingName, typedQuietHours } from './config-text.js';
import type { CommandInput, CommandRegistry } from './registry.js';

/** The message telling an admin what to type for each setting. */
const BAD_VALUE: Record<SettingKey, MessageKey> = {
  timezone: 'config.bad.timezone',
  quietHours: 'config.bad.quietHours',
  workdays: 'config.bad.workdays',
  locale: 'config.bad.locale',
};

/** `/config set` arguments: nothing (the form) or one setting and its new value. */
type SetArgs = { kind: 'form' } | { kind: 'set'; key: SettingKey; patch: SettingsPatch };

const noArgs = z
  .custom<CommandInput>()
  .refine((input) => input.words.length === 0 && input.mentions.length === 0);

const setArgs = z.custom<CommandInput>().transform((input, zctx): SetArgs => {
  const fail = (key: MessageKey): never => {
    zctx.addIssue({ code: 'custom', message: `i18n:${key}` });
    return z.NEVER;
  };
  if (input.mentions.length > 0) return fail('config.bad.key');
  if (input.words.length === 0) return { kind: 'form' };
  const key = parseSettingKey(input.words[0]!);
  if (!key) return fail('config.bad.key');
  const patch = parseSettingPatch(key, input.words.slice(1).join(' '));
  return patch ? { kind: 'set', key, patch } : fail(BAD_VALUE[key]);
});

/** The translator to answer a settings change in: the new agency language, unless the reader chose their own. */
function answerIn(ctx: EventContext, change: SettingsChange): Translate {
  return ctx.actor.locale ? ctx.t : translator(change.after.locale);
}

function defaults(ctx: EventContext): { timezone: string } {
  return { timezone: ctx.services.timezone };
}

/** The settings card: every value with its source, and a hint fitting the reader's role. */
function showCard(t: Translate, detail: SettingsDetail, hint: string): Card {
  const lines: ConfigLine[] = SETTING_KEYS.map((key) => ({
    name: settingName(t, key),
    value: describeSetting(t, key, detail.settings),
    source: describeSource(t, detail.sources[key], detail.settings.timezone),
  }));
  return buildConfigShowCard(t, lines, hint);
}

/** The form's choices of time zone: the common ones, plus the current one when it is not among them. */
function timezoneChoices(current: string): SelectChoice[] {
  const zones = COMMON_TIMEZONES.includes(current) ? COMMON_TIMEZONES : [current, ...COMMON_TIMEZONES];
  return zones.map((zone) => ({ value: zone, label: zone }));
}

/** The fields the config form submits (all strings; missing ones keep their value). */
const formSchema = z
  .object({
    value: z.object({ a: z.literal(CONFIG_SET_ACTION) }),
    formValue: z.object({
      timezone: z.string().optional(),
      quiet_hours: z.string().optional(),
      quiet_days: z.enum(['everyday', 'workdays']).optional(),
      workdays: z.string().optional(),
      locale: z.string().optional(),
    }),
  })
  .transform((v) => v.formValue);

/** Reads the submitted form into a patch, or the first problem in the reader's language. */
function readForm(
  t: Translate,
  form: z.output<typeof formSchema>,
  current: SettingsDetail['settings'],
): { patch: SettingsPatch } | { error: string } {
  const patch: SettingsPatch = {};
  if (form.timezone !== undefined) {
    const timezone = parseTimezone(form.timezone);
    if (!timezone) return { error: t('config.bad.timezone') };
    patch.timezone = timezone;
  }
  const window = form.quiet_hours !== undefined ? parseQuietHours(form.quiet_hours) : current.quietHours;
  if (!window) return { error: t('config.bad.quietHours') };
  if (form.quiet_hours !== undefined || form.quiet_days !== undefined) {
    const { start, end } = window;
    const restDaysToo = (form.quiet_days ?? (window.workdaysOnly ? 'workdays' : 'everyday')) === 'workdays';
    patch.quietHours = isQuietHoursOff(window)
      ? { start, end }
      : restDaysToo
        ? { start, end, workdaysOnly: true }
        : { start, end };
  }
  if (form.workdays !== undefined) {
    const workdays = parseWorkdayMode(form.workdays);
    if (!workdays) return { error: t('config.bad.workdays') };
    patch.workdays = workdays;
  }
  if (form.locale !== undefined) {
    const locale = parseLocale(form.locale);
    if (!locale) return { error: t('config.bad.locale') };
    patch.locale = locale;
  }
  return { patch };
}

/** `/config show` (配置 查看) and `/config set …` (配置 设置 …), with the config form. */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['config', 'show'],
    aliases: ['配置 查看', '查看配置'],
    summary: 'config.show.summary',
    usage: 'config.show.usage',
    roles: ['admin', 'supervisor'],
    args: noArgs,
    async run(ctx) {
      const detail = await loadSettingsDetail(defaults(ctx));
      const hint = ctx.t(
        mayUse(ctx.actor.roles, ['admin']) ? 'config.show.hintAdmin' : 'config.show.readOnly',
      );
      await ctx.reply.card(showCard(ctx.t, detail, hint));
    },
  });

  registry.add({
    path: ['config', 'set'],
    aliases: ['配置 设置', '修改配置'],
    summary: 'config.set.summary',
    usage: 'config.set.usage',
    example: 'config.set.example',
    roles: ['admin'],
    args: setArgs,
    async run(ctx, args) {
      if (args.kind === 'form') {
        const { settings } = await loadSettingsDetail(defaults(ctx));
        await ctx.reply.card(
          buildConfigForm(ctx.t, {
            timezone: settings.timezone,
            timezones: timezoneChoices(settings.timezone),
            quietHours: typedQuietHours(ctx.t, settings.quietHours),
            quietDays: settings.quietHours.workdaysOnly ? 'workdays' : 'everyday',
            workdays: settings.workdays,
            locale: settings.locale,
          }),
        );
        return;
      }
      const change = await changeSettings(
        args.patch,
        { actor: ctx.actor.openId, eventId: ctx.eventId },
        ctx.now(),
        defaults(ctx),
      );
      const t = answerIn(ctx, change);
      const setting = settingName(t, args.key);
      const after = describeSetting(t, args.key, change.after);
      await ctx.reply.text(
        change.changed.length === 0
          ? t('config.unchanged', { setting, value: after })
          : t('config.changed', { setting, before: describeSetting(t, args.key, change.before), after }),
      );
    },
  });

  actions.add({
    name: CONFIG_SET_ACTION,
    roles: ['admin'],
    input: formSchema,
    async run(ctx, form) {
      const current = await loadSettingsDetail(defaults(ctx));
      const read = readForm(ctx.t, form, current.settings);
      if ('error' in read) return { toast: { type: 'error', content: read.error } };
      const change = await changeSettings(
        read.patch,
        { actor: ctx.actor.openId, eventId: ctx.eventId },
        ctx.now(),
        defaults(ctx),
      );
      const t = answerIn(ctx, change);
      const detail = await loadSettingsDetail(defaults(ctx));
      const names = change.changed.map((key) => settingName(t, key)).join(t('role.separator'));
      return {
        toast:
          change.changed.length === 0
            ? { type: 'info', content: t('config.form.noChange') }
            : { type: 'success', content: t('config.form.saved', { settings: names }) },
        card: showCard(t, detail, t('config.form.savedBy', { who: cardMention(ctx.actor.openId) })),
      };
    },
  });
}
