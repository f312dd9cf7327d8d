import { z } from 'zod';
import {
  buildHolidayDoneCard,
  buildHolidayForm,
  buildHolidayListCard,
  HOLIDAY_ADD_ACTION,
} from '../../cards/holiday-card.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { mayUse } from '../domain/access.js';
import { parseDayArg, parseDayKind } from '../domain/config-values.js';
import { addHolidayOverride, listHolidayOverrides, removeHolidayOverride } from '../domain/holidays.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import type { OverrideKind } from '../models/calendar-override.js';
import { addDays, isDayKey } from '../time/day-key.js';
import { loadHolidayData } from '../time/holiday-data.js';
import { zonedDayKey, zonedParts } from '../time/zoned.js';
import { dayWithWeekday, describeDay } from './config-text.js';
import type { CommandInput, CommandRegistry } from './registry.js';

const NOTE_MAX = 40;

type AddArgs = { kind: 'form' } | { kind: 'add'; date: string; dayKind: OverrideKind; note: string };

function failWith(zctx: z.RefinementCtx, key: MessageKey): never {
  zctx.addIssue({ code: 'custom', message: `i18n:${key}` });
  return z.NEVER;
}

/** `<日期> [休|班] [备注]`; nothing opens the form. */
const addArgs = z.custom<CommandInput>().transform((input, zctx): AddArgs => {
  if (input.mentions.length > 0) return failWith(zctx, 'holiday.bad.date');
  if (input.words.length === 0) return { kind: 'form' };
  const date = parseDayArg(input.words[0]!);
  if (!date) return failWith(zctx, 'holiday.bad.date');
  let dayKind: OverrideKind = 'rest';
  let noteWords = input.words.slice(1);
  if (noteWords.length > 0) {
    const kind = parseDayKind(noteWords[0]!);
    if (!kind) return failWith(zctx, 'holiday.bad.kind');
    dayKind = kind;
    noteWords = noteWords.slice(1);
  }
  const note = noteWords.join(' ');
  if (note.length > NOTE_MAX) return failWith(zctx, 'holiday.bad.note');
  return { kind: 'add', date, dayKind, note };
});

/** `<日期>` (a trailing 休/班 is accepted and ignored). */
const removeArgs = z.custom<CommandInput>().transform((input, zctx): string => {
  const [first, second, ...more] = input.words;
  if (input.mentions.length > 0 || !first || more.length > 0) return failWith(zctx, 'holiday.bad.removeDate');
  const date = parseDayArg(first);
  if (!date || (second !== undefined && !parseDayKind(second)))
    return failWith(zctx, 'holiday.bad.removeDate');
  return date;
});

/** `[年份]`. */
const listArgs = z.custom<CommandInput>().transform((input, zctx): number | undefined => {
  if (input.mentions.length > 0 || input.words.length > 1) return failWith(zctx, 'holiday.bad.year');
  const word = input.words[0]?.replace(/年$/, '');
  if (word === undefined) return undefined;
  if (!/^\d{4}$/.test(word)) return failWith(zctx, 'holiday.bad.year');
  return Number(word);
});

function kindName(t: Translate, kind: OverrideKind): string {
  return t(kind === 'rest' ? 'holiday.kind.rest' : 'holiday.kind.work');
}

/** Applies an override and says what changed, e.g. "已将 2026-12-31（周四）设为休息日。调整前：工作日。" */
async function applyAdd(
  ctx: EventContext,
  date: string,
  dayKind: OverrideKind,
  note: string,
): Promise<string> {
  const before = (await ctx.services.calendar()).describe(date);
  await addHolidayOverride(
    { date, kind: dayKind, note },
    { actor: ctx.actor.openId, eventId: ctx.eventId },
    ctx.now(),
  );
  return ctx.t('holiday.added', {
    day: dayWithWeekday(ctx.t, date),
    kind: kindName(ctx.t, dayKind),
    before: describeDay(ctx.t, before, ctx.locale),
  });
}

/** The official holidays and make-up workdays of a year, one line per holiday or make-up day. */
function officialLines(t: Translate, year: number, english: boolean): string[] | undefined {
  const data = loadHolidayData();
  if (year < data.firstYear || year > data.lastYear) return undefined;
  const prefix = `${year}-`;
  const days = [...data.days.entries()]
    .filter(([date]) => date.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b));
  const lines: string[] = [];
  let run: { name: string; first: string; last: string; count: number } | undefined;
  const flush = () => {
    if (!run) return;
    const range =
      run.first === run.last ? run.first.slice(5) : `${run.first.slice(5)} ~ ${run.last.slice(5)}`;
    lines.push(t('holiday.list.officialRest', { name: run.name, range, count: run.count }));
    run = undefined;
  };
  for (const [date, day] of days) {
    const name = (english ? day.name : day.nameZh) || day.nameZh;
    if (day.kind === 'work') {
      flush();
      lines.push(t('holiday.list.officialWork', { day: dayWithWeekday(t, date), name }));
      continue;
    }
    if (run && run.name === name && addDays(run.last, 1) === date) {
      run.last = date;
      run.count++;
      continue;
    }
    flush();
    run = { name, first: date, last: date, count: 1 };
  }
  flush();
  return lines;
}

/** `/holiday add|remove|list` (节假日 添加|删除|列表), with the add form. */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['holiday', 'add'],
    aliases: ['节假日 添加', '添加节假日'],
    summary: 'holiday.add.summary',
    usage: 'holiday.add.usage',
    example: 'holiday.add.example',
    roles: ['admin'],
    args: addArgs,
    async run(ctx, args) {
      if (args.kind === 'form') {
        const { timezone } = await ctx.services.settings();
        await ctx.reply.card(buildHolidayForm(ctx.t, zonedDayKey(ctx.now(), timezone)));
        return;
      }
      await ctx.reply.text(await applyAdd(ctx, args.date, args.dayKind, args.note));
    },
  });

  registry.add({
    path: ['holiday', 'remove'],
    aliases: ['节假日 删除', '删除节假日'],
    summary: 'holiday.remove.summary',
    usage: 'holiday.remove.usage',
    example: 'holiday.remove.example',
    roles: ['admin'],
    args: removeArgs,
    async run(ctx, date) {
      const day = dayWithWeekday(ctx.t, date);
      const removed = await removeHolidayOverride(
        date,
        { actor: ctx.actor.openId, eventId: ctx.eventId },
        ctx.now(),
      );
      if (!removed) {
        await ctx.reply.text(ctx.t('holiday.notFound', { day }));
        return;
      }
      const now = (await ctx.services.calendar()).describe(date);
      await ctx.reply.text(ctx.t('holiday.removed', { day, state: describeDay(ctx.t, now, ctx.locale) }));
    },
  });

  registry.add({
    path: ['holiday', 'list'],
    aliases: ['节假日 列表', '节假日 查看', '节假日列表'],
    summary: 'holiday.list.summary',
    usage: 'holiday.list.usage',
    roles: ['admin', 'supervisor'],
    args: listArgs,
    async run(ctx, typedYear) {
      const { t } = ctx;
      const settings = await ctx.services.settings();
      const year = typedYear ?? zonedParts(ctx.now(), settings.timezone).year;
      const overrides = (await listHolidayOverrides(year)).map((o) =>
        t(o.note ? 'holiday.list.overrideNote' : 'holiday.list.override', {
          day: dayWithWeekday(t, o.date),
          kind: kindName(t, o.kind),
          note: o.note,
        }),
      );
      const official =
        settings.workdays === 'mainland' ? (officialLines(t, year, ctx.locale === 'en-US') ?? []) : null;
      const hints = [
        t(settings.workdays === 'mainland' ? 'holiday.list.modeMainland' : 'holiday.list.modeWeekdays'),
        ...(mayUse(ctx.actor.roles, ['admin']) ? [t('holiday.list.hintAdmin')] : []),
      ];
      await ctx.reply.card(buildHolidayListCard(t, year, overrides, official, hints.join('\n')));
    },
  });

  actions.add({
    name: HOLIDAY_ADD_ACTION,
    roles: ['admin'],
    input: z
      .object({
        value: z.object({ a: z.literal(HOLIDAY_ADD_ACTION) }),
        formValue: z.object({
          date: z.string().optional(),
          kind: z.string().optional(),
          note: z.string().optional(),
        }),
      })
      .transform((v) => v.formValue),
    async run(ctx, form) {
      // Feishu's date_picker submits "2026-12-31 +0800".
      const date = /^(\d{4}-\d{2}-\d{2})/.exec(form.date?.trim() ?? '')?.[1];
      if (!date || !isDayKey(date))
        return { toast: { type: 'error', content: ctx.t('holiday.bad.formDate') } };
      const dayKind = parseDayKind(form.kind ?? 'rest');
      if (!dayKind) return { toast: { type: 'error', content: ctx.t('holiday.bad.formKind') } };
      const note = (form.note ?? '').trim();
      if (note.length > NOTE_MAX) return { toast: { type: 'error', content: ctx.t('holiday.bad.note') } };
      const summary = await applyAdd(ctx, date, dayKind, note);
      return { toast: { type: 'success', content: summary }, card: buildHolidayDoneCard(ctx.t, summary) };
    },
  });
}
