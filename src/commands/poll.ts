/**
 * `/poll new` (投票 新建 / 发起投票 / 问卷): the form or the one-line text form; `/poll satisfaction`
 * (满意度调查): the 满意 / 基本满意 / 不满意 preset, anonymous, results after close. Registers the
 * rest of the family (close, results, remind, export, list) and the card actions.
 */
import { buildPollForm } from '../../cards/poll-form-card.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { listBoundChats } from '../domain/chats.js';
import { isAdmin, leadsDepartment } from '../domain/org-scope.js';
import type { TenantSettings } from '../domain/settings.js';
import { DEFAULT_LOCALE, type MessageKey, translator } from '../i18n/index.js';
import { registerPollCloseJob } from '../jobs/poll-close.js';
import type { Scheduler } from '../jobs/scheduler.js';
import type { LarkClient } from '../lark/client.js';
import type { Messenger } from '../lark/messenger.js';
import { parseZonedDateTime } from '../time/parse-datetime.js';
import { formatZoned } from '../time/zoned.js';
import { dateErrorText } from './date-error.js';
import { argsFrom } from './org-args.js';
import { registerPollActions } from './poll-actions.js';
import { type PollArgError, type PollTextArgs, readPollNew, readSatisfaction } from './poll-args.js';
import {
  deadlineProblem,
  judgedAt,
  type PollCommandDeps,
  type PollDraft,
  satisfactionOptions,
  startPoll,
} from './poll-create.js';
import { registerPollManage } from './poll-manage.js';
import type { CommandRegistry } from './registry.js';
import { commandSourceKey } from './source-key.js';

/** Turns typed arguments into a draft (dates read in the agency zone), or the message to answer. */
async function draftFrom(
  ctx: EventContext,
  args: PollTextArgs,
  satisfaction: boolean,
  now: Date,
): Promise<PollDraft | string> {
  const { t } = ctx;
  const { timezone } = await ctx.services.settings();
  let deadline: Date | null = null;
  if (args.deadline !== null) {
    const parsed = parseZonedDateTime(args.deadline, timezone, { now, defaultTime: '18:00' });
    if (!parsed.ok) return t('poll.err.badDate', { message: dateErrorText(t, parsed.error, args.deadline) });
    deadline = parsed.date;
    const problem = deadlineProblem(deadline, now);
    if (problem) return t(problem, { deadline: formatZoned(deadline, timezone) });
  }
  const shared = satisfaction ? await sharedTranslator(ctx) : t;
  return {
    kind: satisfaction ? 'satisfaction' : 'general',
    question: satisfaction
      ? shared('poll.satisfaction.question', {
          topic: args.question || shared('poll.satisfaction.defaultTopic'),
        })
      : args.question,
    options: satisfaction
      ? satisfactionOptions(shared, args.weights)
      : args.options.map((label) => ({ label })),
    anonymous: args.anonymous,
    multi: args.multi,
    allowChange: args.allowChange,
    resultMode: args.resultMode ?? 'live',
    deadline,
    sample: args.sample,
    chats: args.chats,
  };
}

/** The agency language (the preset's options are shown to everyone in one language). */
async function sharedTranslator(ctx: EventContext) {
  return translator((await ctx.services.settings()).locale ?? DEFAULT_LOCALE);
}

function argError(ctx: EventContext, e: PollArgError): string {
  return ctx.t(e.error as MessageKey, e.params);
}

async function runCreate(
  ctx: EventContext,
  deps: PollCommandDeps,
  args: PollTextArgs | PollArgError,
  satisfaction: boolean,
) {
  if ('error' in args) return ctx.reply.text(argError(ctx, args));
  const sourceKey = commandSourceKey(ctx);
  const draft = await draftFrom(ctx, args, satisfaction, await judgedAt(sourceKey, ctx.now()));
  if (typeof draft === 'string') return ctx.reply.text(draft);
  const result = await startPoll(ctx, deps, { ...draft, sourceKey });
  await ctx.reply.text(result.text);
}

/** What the poll family needs from the bot. */
export interface PollFamilyDeps {
  client: Pick<LarkClient, 'getChatMembers'>;
  scheduler: Scheduler;
  messenger: Messenger;
  settings(): Promise<TenantSettings>;
}

/** Adds the poll commands, card actions and the auto-close job. */
export function registerPolls(
  commands: CommandRegistry,
  actions: ActionRegistry,
  family: PollFamilyDeps,
): void {
  const deps: PollCommandDeps = {
    client: family.client,
    scheduleClose: registerPollCloseJob(family.scheduler, {
      messenger: family.messenger,
      settings: family.settings,
    }),
  };
  commands.add({
    path: ['poll', 'new'],
    aliases: ['投票 新建', '投票 发起', '新建投票', '发起投票', '问卷 新建', '投票', '问卷'],
    summary: 'poll.new.summary',
    usage: 'poll.new.usage',
    example: 'poll.new.example',
    roles: ['admin', 'leader'],
    args: argsFrom((input) => (input.words.length === 0 ? { form: true as const } : { words: input.words })),
    async run(ctx, args) {
      if ('form' in args) {
        const chats = (await listBoundChats()).filter(
          (c) => isAdmin(ctx.actor) || leadsDepartment(ctx.actor, c.deptId),
        );
        const options = chats.map((c) => ({ value: c.chatId, label: c.name || c.chatId }));
        await ctx.reply.card(
          buildPollForm(ctx.t, options, ctx.chat?.type === 'group' ? ctx.chat.id : undefined),
        );
        return;
      }
      await runCreate(ctx, deps, readPollNew(args.words), false);
    },
  });
  commands.add({
    path: ['poll', 'satisfaction'],
    aliases: ['投票 满意度', '问卷 满意度', '满意度', '满意度调查', '满意度测评'],
    summary: 'poll.satisfaction.summary',
    usage: 'poll.satisfaction.usage',
    example: 'poll.satisfaction.example',
    roles: ['admin', 'leader'],
    args: argsFrom((input) => ({ words: input.words })),
    run: (ctx, args) => runCreate(ctx, deps, readSatisfaction(args.words), true),
  });
  registerPollManage(commands);
  registerPollActions(actions, deps);
}
