/**
 * `/task remind <id>` (任务 催办): nudges a task's pending owners now — the creator, the task's
 * leader or an admin. `/task preview [日期]` (任务 预览): a dry run of the reminders of one day
 * (default today), from the scheduled jobs and the daily overdue run; nothing is sent.
 */
import { z } from 'zod';
import type { EventContext } from '../dispatch/context.js';
import { parseDayArg } from '../domain/config-values.js';
import { type PreviewEntry, previewDay, type ReminderDeps, remindNow } from '../domain/task-reminders.js';
import type { MessageKey } from '../i18n/index.js';
import { formatZoned, zonedDayKey } from '../time/zoned.js';
import type { CommandInput, CommandRegistry } from './registry.js';

const TASK_ID = /^T[A-Z0-9]{4,8}$/;

const remindArgs = z.custom<CommandInput>().transform((input, zctx): string => {
  const id = input.words[0]?.normalize('NFKC').trim().toUpperCase() ?? '';
  if (input.words.length !== 1 || input.mentions.length > 0 || !TASK_ID.test(id)) {
    zctx.addIssue({ code: 'custom', message: 'i18n:reminder.bad.id' });
    return z.NEVER;
  }
  return id;
});

const previewArgs = z.custom<CommandInput>().transform((input, zctx): string | null => {
  if (input.mentions.length > 0 || input.words.length > 1) {
    zctx.addIssue({ code: 'custom', message: 'i18n:reminder.preview.bad.date' });
    return z.NEVER;
  }
  const word = input.words[0];
  if (word === undefined) return null;
  const day = parseDayArg(word);
  if (!day) {
    zctx.addIssue({ code: 'custom', message: 'i18n:reminder.preview.bad.date' });
    return z.NEVER;
  }
  return day;
});

function depsOf(ctx: EventContext): ReminderDeps {
  return {
    messenger: ctx.services.messenger,
    settings: () => ctx.services.settings(),
    calendar: () => ctx.services.calendar(),
  };
}

const KIND_OF_POINT = (point: string): MessageKey =>
  point === 'created'
    ? 'reminder.kind.created'
    : point === 'deadline'
      ? 'reminder.kind.deadline'
      : 'reminder.kind.before';

/** Preview lines for one day, with people's display names (from the directory). */
async function previewLines(ctx: EventContext, entries: PreviewEntry[], tz: string): Promise<string[]> {
  const ids = entries.flatMap((e) =>
    e.kind === 'reminder' ? e.owners : e.kind === 'overdue' ? [e.openId] : [e.leader],
  );
  const names = await ctx.services.directory.displayNames(ids);
  const name = (id: string) => names.get(id) ?? id;
  const sep = ctx.t('role.separator');
  return entries.map((e) => {
    const time = formatZoned(e.at, tz, 'HH:mm');
    if (e.kind === 'reminder') {
      return ctx.t('reminder.preview.line', {
        time,
        kind: ctx.t(KIND_OF_POINT(e.point)),
        title: e.title,
        names: e.owners.map(name).join(sep),
      });
    }
    if (e.kind === 'overdue') {
      return ctx.t('reminder.preview.line', {
        time,
        kind: ctx.t(e.buzz ? 'reminder.kind.buzz' : 'reminder.kind.overdue'),
        title: e.titles.join(sep),
        names: name(e.openId),
      });
    }
    return ctx.t('reminder.preview.leaderLine', { time, leader: name(e.leader), count: e.taskIds.length });
  });
}

/** Adds `/task remind` and `/task preview`. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['task', 'remind'],
    aliases: ['任务 催办', '催办'],
    summary: 'reminder.remind.summary',
    usage: 'reminder.remind.usage',
    example: 'reminder.remind.example',
    roles: 'everyone',
    args: remindArgs,
    async run(ctx, taskId) {
      const res = await remindNow(
        {
          taskId,
          actor: ctx.actor.openId,
          actorName: ctx.actor.name,
          isAdmin: ctx.actor.roles.includes('admin'),
          keyBase: ctx.eventId,
        },
        depsOf(ctx),
      );
      if (res.kind === 'unknown') return ctx.reply.text(ctx.t('reminder.notFound', { id: taskId }));
      if (res.kind === 'forbidden') return ctx.reply.text(ctx.t('reminder.forbidden'));
      if (res.kind === 'not-open')
        return ctx.reply.text(ctx.t('reminder.remind.notOpen', { title: res.task.title }));
      if (res.kind === 'nobody')
        return ctx.reply.text(ctx.t('reminder.remind.nobody', { title: res.task.title }));
      return ctx.reply.text(ctx.t('reminder.remind.done', { count: res.pending.length }));
    },
  });

  registry.add({
    path: ['task', 'preview'],
    aliases: ['任务 预览', '提醒预览'],
    summary: 'reminder.preview.summary',
    usage: 'reminder.preview.usage',
    example: 'reminder.preview.example',
    roles: ['admin', 'leader', 'supervisor'],
    args: previewArgs,
    async run(ctx, day) {
      const settings = await ctx.services.settings();
      const date = day ?? zonedDayKey(ctx.now(), settings.timezone);
      const preview = await previewDay(date, depsOf(ctx));
      const lines = await previewLines(ctx, preview.entries, settings.timezone);
      const parts = [
        lines.length > 0
          ? ctx.t('reminder.preview.title', { date })
          : ctx.t('reminder.preview.empty', { date }),
      ];
      parts.push(...lines);
      if (preview.restDay) parts.push(ctx.t('reminder.preview.restDay', { date }));
      await ctx.reply.text(parts.join('\n'));
    },
  });
}
