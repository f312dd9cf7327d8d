/**
 * `/poll close|results|remind|export <id>` and `/poll list`. Closing and reminding are for the
 * creator and admins; results for everyone in the poll (hidden until close when the poll says
 * so); exports for managers, supervisors and the chats' leaders (aggregated only when anonymous).
 */
import { z } from 'zod';
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { localesOf } from '../domain/person-locale.js';
import { mayExportPoll, mayManagePoll, mayViewPoll } from '../domain/poll-access.js';
import { closeAndAnnounce, renderResultsCard } from '../domain/poll-announce.js';
import { buildPollExport, pollExportXlsx, pollSheetCsv } from '../domain/poll-export.js';
import { peopleInScope, pollScopeOf } from '../domain/poll-scope.js';
import { countVoters, listVoters } from '../domain/poll-votes.js';
import {
  getPoll,
  listEligible,
  listPolls,
  type PollView,
  pollsEligibleFor,
  resultsVisible,
} from '../domain/polls.js';
import { DEFAULT_LOCALE, t as translate } from '../i18n/index.js';
import { formatZoned } from '../time/zoned.js';
import type { CommandInput, CommandRegistry } from './registry.js';

const POLL_ID = /^V[A-Z0-9]{4,8}$/;

/** `<id>` and optionally one more word (`csv`). */
function idArgs(extra: RegExp | null) {
  return z.custom<CommandInput>().transform((input, zctx) => {
    const id = input.words[0]?.normalize('NFKC').trim().toUpperCase() ?? '';
    const more = input.words.slice(1);
    const okExtra = more.length === 0 || (extra !== null && more.length === 1 && extra.test(more[0]!));
    if (!POLL_ID.test(id) || !okExtra || input.mentions.length > 0) {
      zctx.addIssue({ code: 'custom', message: 'i18n:poll.err.badId' });
      return z.NEVER;
    }
    return { id, extra: more[0]?.toLowerCase() ?? null };
  });
}

/** The poll named by the command, or null after answering that it does not exist. */
async function pollOrSay(ctx: EventContext, id: string): Promise<PollView | null> {
  const poll = await getPoll(id);
  if (!poll) await ctx.reply.text(ctx.t('poll.err.notFound', { id }));
  return poll ?? null;
}

/** Refuses (answer + audit) unless `allowed`. */
async function refuseUnless(
  ctx: EventContext,
  allowed: boolean,
  action: string,
  poll: PollView,
  key: 'poll.err.notManager' | 'poll.err.notViewer',
) {
  if (allowed) return false;
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action,
      outcome: 'refused',
      target: poll.id,
      detail: key,
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await ctx.reply.text(ctx.t(key));
  return true;
}

const announceDeps = (ctx: EventContext) => ({
  messenger: ctx.services.messenger,
  settings: () => ctx.services.settings(),
});

async function runClose(ctx: EventContext, id: string) {
  const poll = await pollOrSay(ctx, id);
  if (
    !poll ||
    (await refuseUnless(ctx, mayManagePoll(ctx.actor, poll), 'poll.close', poll, 'poll.err.notManager'))
  )
    return;
  const outcome = await closeAndAnnounce(poll.id, ctx.actor.openId, announceDeps(ctx), ctx.now());
  if (outcome !== 'closed') return ctx.reply.text(ctx.t('poll.err.alreadyClosed', { id: poll.id }));
  await recordAudit(
    { actor: ctx.actor.openId, action: 'poll.close', outcome: 'ok', target: poll.id, eventId: ctx.eventId },
    ctx.now(),
  );
  await ctx.reply.text(ctx.t('poll.closed.by', { id: poll.id }));
}

async function runResults(ctx: EventContext, id: string) {
  const poll = await pollOrSay(ctx, id);
  if (
    !poll ||
    (await refuseUnless(ctx, await mayViewPoll(ctx.actor, poll), 'poll.results', poll, 'poll.err.notViewer'))
  )
    return;
  if (!resultsVisible(poll)) return ctx.reply.text(ctx.t('poll.err.hidden', { id: poll.id }));
  await ctx.reply.card(await renderResultsCard(poll, ctx.t));
}

async function runRemind(ctx: EventContext, id: string) {
  const poll = await pollOrSay(ctx, id);
  if (
    !poll ||
    (await refuseUnless(ctx, mayManagePoll(ctx.actor, poll), 'poll.remind', poll, 'poll.err.notManager'))
  )
    return;
  if (poll.state === 'closed') return ctx.reply.text(ctx.t('poll.remind.closed', { id: poll.id }));
  const voted = new Set(await listVoters(poll));
  const pending = (await listEligible(poll.id)).filter((o) => !voted.has(o));
  if (pending.length === 0) return ctx.reply.text(ctx.t('poll.remind.nobody'));
  const settings = await ctx.services.settings();
  const localeOf = await localesOf(pending, settings.locale ?? DEFAULT_LOCALE);
  for (const openId of pending) {
    const locale = localeOf(openId);
    const deadline = poll.deadline
      ? translate(locale, 'poll.remind.deadline', { deadline: formatZoned(poll.deadline, settings.timezone) })
      : '';
    await ctx.services.messenger.sendText(
      `${ctx.eventId}:poll-remind:${openId}`,
      { openId },
      translate(locale, 'poll.remind.p2p', { id: poll.id, question: poll.question, deadline }),
    );
  }
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'poll.remind',
      outcome: 'ok',
      target: poll.id,
      after: { reminded: pending.length },
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await ctx.reply.text(ctx.t('poll.remind.done', { count: pending.length }));
}

async function runExport(ctx: EventContext, id: string, csv: boolean) {
  const poll = await pollOrSay(ctx, id);
  if (
    !poll ||
    (await refuseUnless(ctx, await mayExportPoll(ctx.actor, poll), 'poll.export', poll, 'poll.err.notViewer'))
  )
    return;
  if (!resultsVisible(poll)) return ctx.reply.text(ctx.t('poll.err.hidden', { id: poll.id }));
  const scope = pollScopeOf(ctx.actor, poll);
  if (
    scope.kind === 'departments' &&
    (await peopleInScope(await listEligible(poll.id), scope.deptIds)).size === 0
  ) {
    await recordAudit(
      {
        actor: ctx.actor.openId,
        action: 'poll.export',
        outcome: 'refused',
        target: poll.id,
        detail: 'scope:outside',
        eventId: ctx.eventId,
      },
      ctx.now(),
    );
    return ctx.reply.text(ctx.t('poll.err.exportOutside', { id: poll.id }));
  }
  const { timezone } = await ctx.services.settings();
  const sheets = await buildPollExport(poll, ctx.t, timezone, scope);
  const to = { openId: ctx.actor.openId };
  const stamp = formatZoned(ctx.now(), timezone, 'YYYYMMDD-HHmm');
  if (csv) {
    for (const [i, sheet] of sheets.entries()) {
      await ctx.services.messenger.sendFile(`${ctx.eventId}:poll-export:${i}`, to, {
        fileName: `${poll.id}-${sheet.name}-${stamp}.csv`,
        fileType: 'stream',
        bytes: pollSheetCsv(sheet),
      });
    }
  } else {
    await ctx.services.messenger.sendFile(`${ctx.eventId}:poll-export`, to, {
      fileName: `${poll.id}-${stamp}.xlsx`,
      fileType: 'xls',
      bytes: await pollExportXlsx(sheets, { creator: ctx.actor.name || ctx.actor.openId, now: ctx.now() }),
    });
  }
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'poll.export',
      outcome: 'ok',
      target: poll.id,
      detail: `${csv ? 'csv' : 'xlsx'}${scope.kind === 'departments' ? ':scoped' : ''}`,
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  const scoped = scope.kind === 'departments' ? ctx.t('poll.export.scopedDone') : '';
  await ctx.reply.text(
    `${ctx.t('poll.export.done', { id: poll.id })}${scoped}${poll.anonymous ? ctx.t('poll.export.anonymousNote') : ''}`,
  );
}

async function runList(ctx: EventContext) {
  const all = ctx.actor.roles.some((r) => r === 'admin' || r === 'supervisor');
  const polls = await listPolls(all ? 20 : 100);
  const mine = all ? polls : await visibleTo(ctx, polls);
  if (mine.length === 0) return ctx.reply.text(ctx.t('poll.list.empty'));
  const { timezone } = await ctx.services.settings();
  const lines = [ctx.t('poll.list.title', { count: mine.length })];
  for (const p of mine.slice(0, 20)) {
    lines.push(
      ctx.t('poll.list.line', {
        id: p.id,
        question: p.question,
        state: ctx.t(p.state === 'open' ? 'poll.state.open' : 'poll.state.closed'),
        voted: await countVoters(p),
        eligible: p.eligibleCount,
        deadline: p.deadline
          ? ctx.t('poll.remind.deadline', { deadline: formatZoned(p.deadline, timezone) })
          : '',
      }),
    );
  }
  await ctx.reply.text(lines.join('\n'));
}

/** Polls a member or leader may see: those they may vote in, created, or lead a chat of. */
async function visibleTo(ctx: EventContext, polls: PollView[]): Promise<PollView[]> {
  const eligible = new Set(await pollsEligibleFor(ctx.actor.openId));
  const out: PollView[] = [];
  for (const p of polls) if (eligible.has(p.id) || (await mayExportPoll(ctx.actor, p))) out.push(p);
  return out;
}

/** Adds the management commands of the poll family. */
export function registerPollManage(registry: CommandRegistry): void {
  registry.add({
    path: ['poll', 'close'],
    aliases: ['投票 结束', '结束投票', '问卷 结束'],
    summary: 'poll.close.summary',
    usage: 'poll.close.usage',
    example: 'poll.close.example',
    roles: ['admin', 'leader'],
    args: idArgs(null),
    run: (ctx, a) => runClose(ctx, a.id),
  });
  registry.add({
    path: ['poll', 'results'],
    aliases: ['投票 结果', '投票结果', '问卷 结果'],
    summary: 'poll.results.summary',
    usage: 'poll.results.usage',
    example: 'poll.results.example',
    roles: 'everyone',
    args: idArgs(null),
    run: (ctx, a) => runResults(ctx, a.id),
  });
  registry.add({
    path: ['poll', 'remind'],
    aliases: ['投票 提醒', '投票 催办', '催投票', '问卷 提醒'],
    summary: 'poll.remind.summary',
    usage: 'poll.remind.usage',
    example: 'poll.remind.example',
    roles: ['admin', 'leader'],
    args: idArgs(null),
    run: (ctx, a) => runRemind(ctx, a.id),
  });
  registry.add({
    path: ['poll', 'export'],
    aliases: ['投票 导出', '导出投票', '问卷 导出'],
    summary: 'poll.export.summary',
    usage: 'poll.export.usage',
    example: 'poll.export.example',
    roles: ['admin', 'leader', 'supervisor'],
    args: idArgs(/^(csv|xlsx)$/i),
    run: (ctx, a) => runExport(ctx, a.id, a.extra === 'csv'),
  });
  registry.add({
    path: ['poll', 'list'],
    aliases: ['投票 列表', '投票列表', '问卷 列表'],
    summary: 'poll.list.summary',
    usage: 'poll.list.usage',
    roles: 'everyone',
    args: z.custom<CommandInput>().transform(() => ({})),
    run: (ctx) => runList(ctx),
  });
}
