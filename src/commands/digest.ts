/**
 * The leaders' digest (周报): `/digest now` (the week ending now, in reply), `/digest subscribe`
 * and `/digest unsubscribe` (the Monday digest; leaders and admins are subscribed by default)
 * and `/digest time 周一 09:00` (admins: when the weekly digest goes out).
 */
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { buildDigestFor } from '../domain/digest-report.js';
import {
  type DigestTime,
  loadDigestTime,
  parseDigestTime,
  saveDigestTime,
  subscribeDigest,
  unsubscribeDigest,
} from '../domain/digest-settings.js';
import type { Translate } from '../i18n/index.js';
import { argsFrom, noArgs } from './org-args.js';
import type { CommandRegistry } from './registry.js';

const DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** `周一 09:00`. */
export function describeDigestTime(t: Translate, time: DigestTime): string {
  return t('digest.time.value', {
    day: t(`digest.day.${time.weekday}` as Parameters<Translate>[0]),
    hour: String(time.hour).padStart(2, '0'),
  });
}

async function digestNow(ctx: EventContext): Promise<void> {
  const { timezone } = await ctx.services.settings();
  const admin = ctx.actor.roles.includes('admin');
  const card = await buildDigestFor(
    ctx.t,
    { admin, leads: ctx.actor.leads },
    { now: ctx.now(), tz: timezone, log: ctx.log },
  );
  if (!card) return ctx.reply.text(ctx.t(admin ? 'score.err.noDepts' : 'digest.err.noDepts'));
  await ctx.reply.card(card);
}

async function audit(ctx: EventContext, action: string, before: unknown, after: unknown): Promise<void> {
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action,
      outcome: 'ok',
      target: ctx.actor.openId,
      before,
      after,
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
}

async function subscribe(ctx: EventContext): Promise<void> {
  const time = describeDigestTime(ctx.t, await loadDigestTime());
  const changed = await subscribeDigest(ctx.actor.openId);
  if (changed) await audit(ctx, 'digest.subscribe', { subscribed: false }, { subscribed: true });
  await ctx.reply.text(ctx.t(changed ? 'digest.subscribe.done' : 'digest.subscribe.already', { time }));
}

async function unsubscribe(ctx: EventContext): Promise<void> {
  const changed = await unsubscribeDigest(ctx.actor.openId, ctx.now());
  if (changed) await audit(ctx, 'digest.unsubscribe', { subscribed: true }, { subscribed: false });
  await ctx.reply.text(ctx.t(changed ? 'digest.unsubscribe.done' : 'digest.unsubscribe.already'));
}

async function setTime(ctx: EventContext, words: string[]): Promise<void> {
  const { t } = ctx;
  const before = await loadDigestTime();
  if (words.length === 0)
    return ctx.reply.text(t('digest.time.current', { time: describeDigestTime(t, before) }));
  const next = parseDigestTime(words);
  if (!next) {
    await recordAudit(
      {
        actor: ctx.actor.openId,
        action: 'digest.time',
        outcome: 'refused',
        detail: words.join(' ').slice(0, 100),
        eventId: ctx.eventId,
      },
      ctx.now(),
    );
    return ctx.reply.text(t('digest.time.invalid', { input: words.join(' ') }));
  }
  await saveDigestTime(next, ctx.actor.openId, ctx.now());
  const label = (v: DigestTime) => `${DAYS[v.weekday]} ${String(v.hour).padStart(2, '0')}:00`;
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'digest.time',
      outcome: 'ok',
      before: label(before),
      after: label(next),
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  const { timezone } = await ctx.services.settings();
  await ctx.reply.text(t('digest.time.saved', { time: describeDigestTime(t, next), timezone }));
}

/** Adds /digest now, subscribe, unsubscribe and time. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['digest', 'now'],
    aliases: ['周报', '周报 立即', '立即周报'],
    summary: 'digest.now.summary',
    usage: 'digest.now.usage',
    roles: ['admin', 'leader'],
    where: 'p2p',
    args: noArgs,
    run: digestNow,
  });
  registry.add({
    path: ['digest', 'subscribe'],
    aliases: ['订阅周报', '周报 订阅'],
    summary: 'digest.subscribe.summary',
    usage: 'digest.subscribe.usage',
    roles: ['admin', 'leader'],
    args: noArgs,
    run: subscribe,
  });
  registry.add({
    path: ['digest', 'unsubscribe'],
    aliases: ['退订周报', '周报 退订'],
    summary: 'digest.unsubscribe.summary',
    usage: 'digest.unsubscribe.usage',
    roles: ['admin', 'leader'],
    args: noArgs,
    run: unsubscribe,
  });
  registry.add({
    path: ['digest', 'time'],
    aliases: ['周报时间', '周报 时间'],
    summary: 'digest.time.summary',
    usage: 'digest.time.usage',
    example: 'digest.time.example',
    roles: ['admin'],
    args: argsFrom((input) => input.words),
    run: setTime,
  });
}
