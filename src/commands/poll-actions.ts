/**
 * Card actions of polls: a single-choice button, the multiple-choice submit, "查看结果" and the
 * create form. Every press is checked against the poll (eligible, open, one vote) on its own.
 * An anonymous vote's toast and answer never name the choice, and nothing logs it.
 */
import { z } from 'zod';
import { POLL_ACTIONS, pollCheckerName } from '../../cards/poll-card.js';
import { buildPollFormDoneCard, POLL_FORM_ACTION, POLL_FORM_FIELDS } from '../../cards/poll-form-card.js';
import type { ActionRegistry, ActionResult } from '../actions/registry.js';
import { recordAudit } from '../domain/audit.js';
import { mayViewPoll } from '../domain/poll-access.js';
import { agencyView, renderPollCard, renderResultsCard } from '../domain/poll-announce.js';
import { mixAfterVote } from '../domain/poll-mixer.js';
import { castVote, type VoteRefusal } from '../domain/poll-votes.js';
import { findEligible, getPoll, resultsVisible } from '../domain/polls.js';
import type { EventContext } from '../dispatch/context.js';
import type { MessageKey } from '../i18n/index.js';
import { checkOptions, readSample } from './poll-args.js';
import { deadlineProblem, type PollCommandDeps, startPoll } from './poll-create.js';
import { formSourceKey } from './source-key.js';
import { parseFormDateTime } from './task-args.js';

const POLL_ID = /^V[A-Z0-9]{4,8}$/;
const pollId = z.string().regex(POLL_ID);

const voteSchema = z
  .object({ value: z.object({ p: pollId, o: z.string().max(8) }).passthrough(), formValue: z.record(z.string(), z.unknown()) })
  .transform(({ value }) => ({ poll: value.p, options: [value.o] }));

const submitSchema = z
  .object({ value: z.object({ p: pollId }).passthrough(), formValue: z.record(z.string(), z.unknown()) })
  .transform(({ value, formValue }) => ({
    poll: value.p,
    options: Object.entries(formValue)
      .filter(([name, v]) => name.startsWith(pollCheckerName('')) && (v === true || v === 'true'))
      .map(([name]) => name.slice(pollCheckerName('').length)),
  }));

const resultsSchema = z
  .object({ value: z.object({ p: pollId }).passthrough(), formValue: z.record(z.string(), z.unknown()) })
  .transform(({ value }) => value.p);

const REFUSAL: Record<VoteRefusal, MessageKey> = {
  closed: 'poll.vote.closed',
  not_eligible: 'poll.vote.notEligible',
  already: 'poll.vote.already',
  bad_choice: 'poll.vote.badChoice',
  no_choice: 'poll.vote.noChoice',
  too_many: 'poll.vote.tooMany',
};

/**
 * One vote from a card. The poll and the presser's eligibility are read together (each through
 * its read batcher, so a burst reads them once per flush). An anonymous vote is answered once
 * its sealed voter record is stored; moving it into ballots runs after the answer, once per poll
 * for all the votes stored meanwhile (a failure there leaves it for the next vote or the close).
 */
async function vote(ctx: EventContext, input: { poll: string; options: string[] }): Promise<ActionResult> {
  const [poll, eligible] = await Promise.all([getPoll(input.poll), findEligible(input.poll, ctx.actor.openId)]);
  if (!poll) return { toast: { type: 'error', content: ctx.t('common.badAction') } };
  // A named vote answers with the card in the agency's language: its settings are read meanwhile.
  const view = poll.anonymous ? undefined : agencyView({ settings: () => ctx.services.settings() });
  view?.catch(() => {}); // awaited below when the vote is taken; a refusal does not need it
  const outcome = await castVote(poll, ctx.actor.openId, input.options, ctx.now(), eligible ?? null);
  if (!outcome.ok) {
    ctx.log.info({ poll: poll.id, reason: outcome.reason }, 'poll vote refused');
    await recordAudit(
      { actor: ctx.actor.openId, action: 'poll.vote', outcome: 'refused', target: poll.id, detail: outcome.reason, eventId: ctx.eventId },
      ctx.now(),
    );
    return { toast: { type: 'warning', content: ctx.t(REFUSAL[outcome.reason]) } };
  }
  if (poll.anonymous) {
    const after = mixAfterVote(poll.id).catch((error: unknown) =>
      ctx.logWithoutActor?.error({ err: error, poll: poll.id }, 'ballot mixer failed'),
    );
    return { toast: { type: 'success', content: ctx.t('poll.vote.doneAnonymous') }, after };
  }
  const choice = poll.options.filter((o) => input.options.includes(o.key)).map((o) => o.label).join('、');
  const { t, tz } = await (view ?? agencyView({ settings: () => ctx.services.settings() }));
  return {
    toast: { type: 'success', content: ctx.t(outcome.changed ? 'poll.vote.changed' : 'poll.vote.done', { choice }) },
    card: await renderPollCard(poll, t, tz),
  };
}

/** "查看结果": the results card in p2p (when they may be seen). */
async function showResults(ctx: EventContext, id: string): Promise<ActionResult> {
  const poll = await getPoll(id);
  if (!poll) return { toast: { type: 'error', content: ctx.t('common.badAction') } };
  if (!(await mayViewPoll(ctx.actor, poll))) return { toast: { type: 'warning', content: ctx.t('poll.err.notViewer') } };
  if (!resultsVisible(poll)) return { toast: { type: 'info', content: ctx.t('poll.err.hidden', { id: poll.id }) } };
  await ctx.services.messenger.sendCard(`${ctx.eventId}:poll-results`, { openId: ctx.actor.openId }, await renderResultsCard(poll, ctx.t));
  return { toast: { type: 'success', content: ctx.t('poll.results.sentPrivately') } };
}

const str = z.string().optional().catch(undefined);
const f = POLL_FORM_FIELDS;
const formSchema = z
  .object({
    value: z.object({}).passthrough(),
    formValue: z
      .object({
        [f.question]: str,
        [f.options]: str,
        [f.mode]: str,
        [f.choice]: str,
        [f.results]: str,
        [f.deadline]: str,
        [f.chats]: z.union([z.array(z.string()), z.string()]).optional().catch(undefined),
        [f.sample]: str,
      })
      .passthrough(),
  })
  .transform(({ formValue: v }) => {
    const chats = v[f.chats];
    const deadline = v[f.deadline] ? parseFormDateTime(v[f.deadline]) : null;
    return {
      question: (v[f.question] ?? '').trim(),
      options: (v[f.options] ?? '').split(/[|｜\n]/).map((o) => o.trim()).filter(Boolean),
      anonymous: v[f.mode] === 'anonymous',
      multi: v[f.choice] === 'multi',
      live: v[f.results] !== 'after_close',
      deadline: deadline ?? null,
      badDeadline: deadline === undefined,
      chatIds: (Array.isArray(chats) ? chats : chats ? [chats] : []).filter(Boolean),
      sample: (v[f.sample] ?? '').trim(),
    };
  });

/** Registers the poll card actions and the create form. */
export function registerPollActions(actions: ActionRegistry, deps: PollCommandDeps): void {
  // `private`: the stored callback never holds the choice (a named vote keeps it in poll_votes).
  actions.add({ name: POLL_ACTIONS.vote, roles: 'everyone', private: true, input: voteSchema, run: vote });
  actions.add({ name: POLL_ACTIONS.submit, roles: 'everyone', private: true, input: submitSchema, run: vote });
  actions.add({ name: POLL_ACTIONS.results, roles: 'everyone', input: resultsSchema, run: showResults });
  actions.add({
    name: POLL_FORM_ACTION,
    roles: ['admin', 'leader'],
    input: formSchema,
    async run(ctx, input) {
      const { t } = ctx;
      const error = (content: string): ActionResult => ({ toast: { type: 'error', content } });
      if (input.question === '') return error(t('poll.err.questionMissing'));
      const bad = checkOptions(input.options);
      if (bad) return error(t(bad.error as MessageKey, bad.params));
      if (input.badDeadline) return error(t('poll.err.badDate', { message: '' }));
      if (deadlineProblem(input.deadline, ctx.now())) return error(t('poll.err.pastDate', { deadline: '' }));
      const sample = input.sample ? readSample(input.sample) : null;
      if (input.sample && !sample) return error(t('poll.err.badSample'));
      if (input.chatIds.length === 0) return error(t('poll.form.noChats'));
      const result = await startPoll(ctx, deps, {
        kind: 'general',
        question: input.question,
        options: input.options.map((label) => ({ label })),
        anonymous: input.anonymous,
        multi: input.multi,
        allowChange: false,
        resultMode: input.live ? 'live' : 'after_close',
        deadline: input.deadline,
        sample,
        chats: null,
        chatIds: input.chatIds,
        sourceKey: formSourceKey(ctx),
      });
      if (!result.ok) return error(result.text);
      return { toast: { type: 'success', content: result.text }, card: buildPollFormDoneCard(t, result.text) };
    },
  });
}
