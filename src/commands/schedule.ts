/**
 * Broadcast schedules (推送计划): `/schedule add <时间> [目标 …] [标签 … | 内容 …] [主题 <标签>
 * <起>~<止>] [跳过节假日] [提醒 <小时>]`, `/schedule list`, `/schedule pause|resume|remove <编号>`.
 */

import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import {
  addSchedule,
  listSchedules,
  type ScheduleView,
  setScheduleState,
} from '../domain/broadcast-schedules.js';
import type { Selection, ThemePeriod } from '../domain/broadcast-select.js';
import { parseTiming } from '../domain/broadcast-timing.js';
import { CONTENT_ID, getContentItem } from '../domain/content-items.js';
import { ensureStarterLibrary } from '../domain/content-starter.js';
import type { Translate } from '../i18n/index.js';
import { formatZoned } from '../time/zoned.js';
import { parseDayArg } from './audit.js';
import { readRemindHours, readTargets } from './broadcast-args.js';
import { argsFrom } from './org-args.js';
import type { CommandInput, CommandRegistry } from './registry.js';
import { commandSourceKey } from './source-key.js';

const KEYWORDS: Record<string, 'target' | 'tag' | 'item' | 'theme' | 'remind'> = {
  目标: 'target',
  发给: 'target',
  标签: 'tag',
  轮换: 'tag',
  内容: 'item',
  主题: 'theme',
  提醒: 'remind',
};
const SKIP_WORDS = ['跳过节假日', '跳过休息日', '节假日不发', '仅工作日', '工作日发送'];

/** Splits the words of `/schedule add` into the timing and the keyword sections. */
export function splitScheduleWords(words: readonly string[]) {
  const timing: string[] = [];
  const by = new Map<string, string[]>();
  let current = timing;
  let skip = false;
  for (const word of words) {
    if (SKIP_WORDS.includes(word)) {
      skip = true;
      continue;
    }
    const kind = KEYWORDS[word];
    if (kind) {
      current = [];
      by.set(kind, current);
      continue;
    }
    current.push(word);
  }
  return { timing: timing.join(' '), by, skip };
}

function readTheme(words: string[] | undefined): ThemePeriod | null | 'bad' {
  if (!words) return null;
  const [tag, ...range] = words;
  const [from, to] = range
    .join('')
    .split(/[~～至到]/)
    .map((d) => parseDayArg(d.trim()));
  if (!tag || !from || !to || to < from) return 'bad';
  return { tag: tag.replace(/^#/, ''), from, to };
}

async function addFromText(ctx: EventContext, input: CommandInput): Promise<void> {
  const { t } = ctx;
  const { timezone } = await ctx.services.settings();
  const { timing, by, skip } = splitScheduleWords(input.words);
  const parsed = parseTiming(timing, timezone, ctx.now());
  if (!parsed.ok) return ctx.reply.text(t(`schedule.timing.${parsed.error}`, { value: parsed.value ?? '' }));
  const targets = await readTargets(ctx, by.get('target') ?? []);
  if (!targets.ok) return ctx.reply.text(t(targets.key, { value: targets.value ?? '' }));
  let selection: Selection = { kind: 'rotate', tag: (by.get('tag') ?? []).join('').replace(/^#/, '') };
  const itemId = by.get('item')?.[0];
  if (itemId !== undefined) {
    await ensureStarterLibrary(ctx.now());
    const item = CONTENT_ID.test(itemId) ? await getContentItem(itemId) : undefined;
    if (!item || item.removed) return ctx.reply.text(t('content.err.notFound', { id: itemId }));
    selection = { kind: 'fixed', itemId: item.id };
  }
  const theme = readTheme(by.get('theme'));
  if (theme === 'bad') return ctx.reply.text(t('schedule.err.theme'));
  const remind = readRemindHours(by.get('remind')?.join(''));
  if (remind === 'bad') return ctx.reply.text(t('broadcast.err.remindHours'));
  const { schedule, next } = await addSchedule(
    {
      label: timing,
      timing: parsed.timing,
      targets: targets.targets,
      selection,
      theme,
      skipRestDays: skip || parsed.workdaysOnly,
      remindAfterMs: remind ?? null,
    },
    ctx.actor.openId,
    timezone,
    ctx.now(),
    commandSourceKey(ctx),
  );
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'schedule.add',
      outcome: 'ok',
      target: schedule.id,
      after: { ...schedule },
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await ctx.reply.text(
    t('schedule.added', {
      id: schedule.id,
      summary: describeSchedule(t, schedule),
      next: next ? formatZoned(next, timezone) : t('schedule.never'),
    }),
  );
}

/** One line about a schedule: timing, selection, targets, options. */
export function describeSchedule(t: Translate, s: ScheduleView): string {
  const parts = [s.label];
  parts.push(
    s.selection.kind === 'fixed'
      ? t('schedule.desc.fixed', { id: s.selection.itemId })
      : s.selection.tag
        ? t('schedule.desc.tag', { tag: s.selection.tag })
        : t('schedule.desc.all'),
  );
  parts.push(
    s.targets.kind === 'all'
      ? t('schedule.desc.toAll')
      : t('schedule.desc.toSome', { count: s.targets.ids.length }),
  );
  if (s.theme) parts.push(t('schedule.desc.theme', { tag: s.theme.tag, from: s.theme.from, to: s.theme.to }));
  if (s.skipRestDays) parts.push(t('schedule.desc.skip'));
  return parts.join(t('schedule.desc.separator'));
}

const idArgs = argsFrom((input) => {
  const [id, ...rest] = input.words;
  if (!id || !/^S[0-9A-Z]{4}$/i.test(id) || rest.length > 0) return '';
  return { id: id.toUpperCase() };
});

function stateCommand(verb: 'pause' | 'resume' | 'remove', aliases: string[], state: ScheduleView['state']) {
  return {
    path: ['schedule', verb],
    aliases,
    summary: `schedule.${verb}.summary` as const,
    usage: `schedule.${verb}.usage` as const,
    roles: ['admin'] as const,
    args: idArgs,
    async run(ctx: EventContext, { id }: { id: string }) {
      const { timezone } = await ctx.services.settings();
      const res = await setScheduleState(id, state, timezone, ctx.now());
      if (!res) return ctx.reply.text(ctx.t('schedule.err.notFound', { id }));
      await recordAudit(
        {
          actor: ctx.actor.openId,
          action: `schedule.${verb}`,
          outcome: 'ok',
          target: id,
          eventId: ctx.eventId,
        },
        ctx.now(),
      );
      await ctx.reply.text(
        ctx.t(`schedule.${verb}d`, {
          id,
          next: res.next ? formatZoned(res.next, timezone) : ctx.t('schedule.never'),
        }),
      );
    },
  };
}

/** Registers `/schedule …`. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['schedule', 'add'],
    aliases: ['推送计划 添加', '定时推送', '添加推送计划', '学习计划 添加'],
    summary: 'schedule.add.summary',
    usage: 'schedule.add.usage',
    example: 'schedule.add.example',
    roles: ['admin'],
    args: argsFrom((input) => (input.words.length === 0 ? '' : input)),
    run: addFromText,
  });
  registry.add({
    path: ['schedule', 'list'],
    aliases: ['推送计划 列表', '推送计划', '学习计划'],
    summary: 'schedule.list.summary',
    usage: 'schedule.list.usage',
    roles: ['admin', 'leader', 'supervisor'],
    args: argsFrom((input) => (input.words.length === 0 ? {} : '')),
    async run(ctx) {
      const schedules = await listSchedules();
      if (schedules.length === 0) return ctx.reply.text(ctx.t('schedule.list.empty'));
      const lines = schedules.map((s) =>
        ctx.t('schedule.list.line', {
          id: s.id,
          state: ctx.t(`schedule.state.${s.state}`),
          summary: describeSchedule(ctx.t, s),
        }),
      );
      await ctx.reply.text(
        `${ctx.t('schedule.list.title', { count: schedules.length })}\n${lines.join('\n')}`,
      );
    },
  });
  registry.add(stateCommand('pause', ['推送计划 暂停', '暂停推送'], 'paused'));
  registry.add(stateCommand('resume', ['推送计划 恢复', '恢复推送'], 'active'));
  registry.add(stateCommand('remove', ['推送计划 删除', '删除推送计划'], 'removed'));
}
