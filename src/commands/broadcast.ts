/**
 * `/broadcast <内容编号> [目标] [提醒 <小时>]` (推送 / 广播) sends an item now as a durable
 * broadcast; `/broadcast stats [推送编号]` shows delivered, 已学习, quiz accuracy by department.
 */
import { buildBroadcastStatsCard } from '../../cards/broadcast-card.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import type { Role } from '../domain/access.js';
import { recordAudit } from '../domain/audit.js';
import { startBroadcast } from '../domain/broadcast-queue.js';
import { broadcastFigures, getBroadcast, latestBroadcast, resolveTargets } from '../domain/broadcasts.js';
import { CONTENT_ID, getContentItem } from '../domain/content-items.js';
import { ensureStarterLibrary } from '../domain/content-starter.js';
import { listDepartments } from '../domain/departments.js';
import { isAdmin } from '../domain/org-scope.js';
import { formatZoned } from '../time/zoned.js';
import { registerBroadcastActions } from './broadcast-actions.js';
import { readRemindHours, readTargets } from './broadcast-args.js';
import { argsFrom } from './org-args.js';
import type { CommandInput, CommandRegistry } from './registry.js';
import { auditScopeRefusal } from './scope-audit.js';

/** Who may send broadcasts (leaders: to their departments' chats only). */
export const BROADCAST_ROLES: readonly Role[] = ['admin', 'leader'];

const sendArgs = argsFrom((input: CommandInput) => {
  const [id, ...rest] = input.words;
  if (!id || !CONTENT_ID.test(id)) return '';
  const at = rest.findIndex((w) => w === '提醒' || w.toLowerCase() === 'remind');
  const remind = at >= 0 ? readRemindHours(rest[at + 1] ?? '') : undefined;
  if (remind === 'bad') return 'i18n:broadcast.err.remindHours';
  return { id: id.toUpperCase(), target: at >= 0 ? rest.slice(0, at) : rest, remind };
});

async function sendNow(
  ctx: EventContext,
  args: { id: string; target: string[]; remind: number | undefined },
): Promise<void> {
  const { t } = ctx;
  await ensureStarterLibrary(ctx.now());
  const item = await getContentItem(args.id);
  if (!item || item.removed) return ctx.reply.text(t('content.err.notFound', { id: args.id }));
  const read = await readTargets(ctx, args.target);
  if (!read.ok) return ctx.reply.text(t(read.key, { value: read.value ?? '' }));
  let chats = await resolveTargets(read.targets);
  if (!isAdmin(ctx.actor)) {
    const outside = chats.filter((c) => !ctx.actor.leads.includes(c.deptId));
    if (read.targets.kind === 'all') chats = chats.filter((c) => ctx.actor.leads.includes(c.deptId));
    else if (outside.length > 0) {
      await auditScopeRefusal(ctx, 'broadcast.send', outside[0]!.chatId, 'chat');
      return ctx.reply.text(t('broadcast.err.scope'));
    }
  }
  if (chats.length === 0) return ctx.reply.text(t('broadcast.err.noChats'));
  const { locale } = await ctx.services.settings();
  const started = await startBroadcast(
    {
      sourceKey: `manual:${ctx.eventId}`,
      item,
      scheduleId: null,
      chats,
      createdBy: ctx.actor.openId,
      ...(args.remind !== undefined ? { remindAfterMs: args.remind } : {}),
    },
    { messenger: ctx.services.messenger, locale },
    ctx.now(),
  );
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'broadcast.send',
      outcome: 'ok',
      target: started.broadcast.id,
      after: { item: item.id, chats: chats.length },
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  const hours = Math.round((started.broadcast.remindAfterMs / 3_600_000) * 10) / 10;
  await ctx.reply.text(
    t('broadcast.sent', { id: started.broadcast.id, title: item.title, chats: started.chats }) +
      (item.required ? t('broadcast.sentRequired', { hours }) : ''),
  );
}

async function showStats(ctx: EventContext, args: { id: string | undefined }): Promise<void> {
  const { t } = ctx;
  const broadcast = args.id ? await getBroadcast(args.id) : await latestBroadcast();
  if (!broadcast)
    return ctx.reply.text(args.id ? t('broadcast.err.notFound', { id: args.id }) : t('broadcast.stats.none'));
  const [item, figures, depts, { timezone }] = await Promise.all([
    getContentItem(broadcast.itemId),
    broadcastFigures(broadcast),
    listDepartments(),
    ctx.services.settings(),
  ]);
  const names = new Map(depts.map((d) => [d.id, d.name]));
  const seesEveryDept = ctx.actor.roles.some((r) => r === 'admin' || r === 'supervisor');
  await ctx.reply.card(
    buildBroadcastStatsCard(t, {
      id: broadcast.id,
      itemId: broadcast.itemId,
      title: item?.title ?? broadcast.itemId,
      sentAt: formatZoned(broadcast.createdAt, timezone),
      chats: figures.chats,
      delivered: figures.delivered,
      acks: figures.acks,
      answered: figures.answered,
      correct: figures.correct,
      hasQuiz: Boolean(item?.quiz),
      // A leader's breakdown lists only their departments (admins and supervisors see every one).
      byDepartment: [...figures.byDept.entries()]
        .filter(([id]) => seesEveryDept || (id !== '' && ctx.actor.leads.includes(id)))
        .map(([id, f]) => ({ name: id ? (names.get(id) ?? id) : t('broadcast.stats.noDept'), ...f }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    }),
  );
}

/** Registers `/broadcast` and `/broadcast stats`, and the broadcast card's buttons. */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['broadcast'],
    aliases: ['推送', '广播', '学习推送', '推送 内容'],
    summary: 'broadcast.send.summary',
    usage: 'broadcast.send.usage',
    example: 'broadcast.send.example',
    roles: BROADCAST_ROLES,
    args: sendArgs,
    run: sendNow,
  });
  registry.add({
    path: ['broadcast', 'stats'],
    aliases: ['推送 统计', '推送统计', '学习 统计', '学习统计', '广播 统计'],
    summary: 'broadcast.stats.summary',
    usage: 'broadcast.stats.usage',
    roles: ['admin', 'leader', 'supervisor'],
    args: argsFrom((input) => {
      const [id, ...rest] = input.words;
      if (rest.length > 0 || (id && !/^B[0-9A-Z]{4}$/i.test(id))) return '';
      return { id: id?.toUpperCase() };
    }),
    run: showStats,
  });
  registerBroadcastActions(actions);
}
