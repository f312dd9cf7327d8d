/**
 * Starting a poll from the text command or the form: resolve the target chats (and the actor's
 * right to them), read their members, create the poll with its eligible voters (all, or a random
 * sample), send the cards, schedule the close, audit, and say what happened.
 */

import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { type ChatInfo, findChat, listBoundChats } from '../domain/chats.js';
import { findKeyed } from '../domain/keyed-create.js';
import { isAdmin, leadsDepartment } from '../domain/org-scope.js';
import { agencyView, sendPollCards } from '../domain/poll-announce.js';
import type { Candidate } from '../domain/poll-eligibility.js';
import { type CreatePollInput, createPoll, type PollView } from '../domain/polls.js';
import type { MessageKey } from '../i18n/index.js';
import type { SchedulePollClose } from '../jobs/poll-close.js';
import type { LarkClient } from '../lark/client.js';
import { PersonModel } from '../models/person.js';
import { PollModel } from '../models/poll.js';
import { formatZoned } from '../time/zoned.js';

/** What creating a poll needs besides the event context. */
export interface PollCommandDeps {
  client: Pick<LarkClient, 'getChatMembers'>;
  scheduleClose: SchedulePollClose;
}

/** A poll to start, before its chats are resolved. */
export type PollDraft = Omit<CreatePollInput, 'creator' | 'chats' | 'candidates'> & {
  /** Chat names, 'all', or null for the current group; or chat ids already chosen (form). */
  chats: string[] | 'all' | null;
  chatIds?: string[];
};

type Refusal = { ok: false; text: string };

/** The chats the actor may target: admins every bound chat, leaders those of their departments. */
async function allowedChats(ctx: EventContext): Promise<ChatInfo[]> {
  const chats = await listBoundChats();
  return isAdmin(ctx.actor) ? chats : chats.filter((c) => leadsDepartment(ctx.actor, c.deptId));
}

/** Refuses a chat outside the actor's departments: audited, and the answer names the chats they may choose. */
async function refuseChat(
  ctx: EventContext,
  chat: { chatId: string; name: string },
  allowed: ChatInfo[],
): Promise<Refusal> {
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'poll.create',
      outcome: 'refused',
      target: chat.chatId,
      detail: 'scope:chat',
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  const list = allowed.map((c) => c.name || c.chatId).join('、');
  return {
    ok: false,
    text: ctx.t('poll.err.chatScope', { name: chat.name || chat.chatId, allowed: list || '—' }),
  };
}

/** Resolves the target chats of a draft, or the message saying what is wrong. */
async function resolveChats(ctx: EventContext, draft: PollDraft): Promise<ChatInfo[] | Refusal> {
  const { t } = ctx;
  const allowed = await allowedChats(ctx);
  const mayUse = (c: ChatInfo) => isAdmin(ctx.actor) || leadsDepartment(ctx.actor, c.deptId);
  if (draft.chatIds) {
    // A form submit may name chats the form never offered: each one is checked again.
    for (const chatId of draft.chatIds) {
      if (allowed.some((c) => c.chatId === chatId)) continue;
      return refuseChat(ctx, (await findChat(chatId)) ?? { chatId, name: '' }, allowed);
    }
    const chats = allowed.filter((c) => draft.chatIds!.includes(c.chatId));
    return chats.length > 0 ? chats : { ok: false, text: t('poll.form.noChats') };
  }
  if (draft.chats === 'all') return allowed.length > 0 ? allowed : { ok: false, text: t('poll.err.noChats') };
  if (draft.chats === null) {
    if (ctx.chat?.type !== 'group') return { ok: false, text: t('poll.err.noChats') };
    const here = (await findChat(ctx.chat.id)) ?? {
      chatId: ctx.chat.id,
      name: '',
      deptId: null,
      active: true,
    };
    if (!mayUse(here)) return refuseChat(ctx, here, allowed);
    return [here];
  }
  const every = await listBoundChats();
  const out: ChatInfo[] = [];
  for (const name of draft.chats) {
    const chat = every.find((c) => c.name === name || c.chatId === name);
    if (!chat) return { ok: false, text: t('poll.err.chatUnknown', { name }) };
    if (!mayUse(chat)) return refuseChat(ctx, { chatId: chat.chatId, name }, allowed);
    if (!out.includes(chat)) out.push(chat);
  }
  return out;
}

/** Members of the chats with their departments (people the bot does not know have none). */
async function candidatesOf(
  ctx: EventContext,
  deps: PollCommandDeps,
  chats: ChatInfo[],
): Promise<Candidate[] | Refusal> {
  const members: Array<{ openId: string; chatId: string }> = [];
  for (const chat of chats) {
    try {
      for (const m of await deps.client.getChatMembers(chat.chatId))
        members.push({ openId: m.openId, chatId: chat.chatId });
    } catch (error) {
      ctx.log.warn({ err: error, chatId: chat.chatId }, 'poll: chat members not readable');
      return { ok: false, text: ctx.t('poll.err.membersFailed', { name: chat.name || chat.chatId }) };
    }
  }
  const ids = [...new Set(members.map((m) => m.openId))];
  const people = await PersonModel.find({ openId: { $in: ids } }, { openId: 1, deptId: 1 }).lean();
  const dept = new Map(people.map((p) => [p.openId, p.deptId ?? null]));
  return members.map((m) => ({ ...m, deptId: dept.get(m.openId) ?? null }));
}

/** Starts the poll; returns the answer text (a refusal changes nothing). */
export async function startPoll(
  ctx: EventContext,
  deps: PollCommandDeps,
  draft: PollDraft,
): Promise<{ ok: true; poll: PollView; text: string } | Refusal> {
  const { t } = ctx;
  const chats = await resolveChats(ctx, draft);
  if (!Array.isArray(chats)) return chats;
  const candidates = await candidatesOf(ctx, deps, chats);
  if (!Array.isArray(candidates)) return candidates;
  if (candidates.length === 0) return { ok: false, text: t('poll.err.nobody') };
  const { poll, eligible } = await createPoll(
    {
      ...draft,
      creator: ctx.actor.openId,
      chats: chats.map((c) => ({ chatId: c.chatId, name: c.name })),
      candidates,
    },
    ctx.now(),
  );
  const announce = { messenger: ctx.services.messenger, settings: () => ctx.services.settings() };
  await sendPollCards(poll, announce);
  if (poll.sample) {
    const shared = (await agencyView(announce)).t;
    const notice = shared('poll.sampleNotice', { question: poll.question, count: eligible.length });
    for (const c of chats) {
      await ctx.services.messenger.sendText(
        `poll-notice:${poll.id}:${c.chatId}`,
        { chatId: c.chatId },
        notice,
      );
    }
  }
  await deps.scheduleClose(poll);
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'poll.create',
      outcome: 'ok',
      target: poll.id,
      after: {
        question: poll.question,
        anonymous: poll.anonymous,
        multi: poll.multi,
        chats: poll.chats.map((c) => c.chatId),
        sample: poll.sample,
        eligible: poll.eligibleCount,
        deadline: poll.deadline,
      },
      eventId: ctx.eventId,
      key: `poll.create:${poll.id}`,
    },
    ctx.now(),
  );
  const { timezone } = await ctx.services.settings();
  let text = t('poll.created', {
    id: poll.id,
    question: poll.question,
    chats: chats.map((c) => c.name || c.chatId).join('、'),
    eligible: poll.eligibleCount,
    deadline: poll.deadline
      ? t('poll.createdDeadline', { deadline: formatZoned(poll.deadline, timezone) })
      : '',
  });
  if (poll.sample) {
    const pool = new Set(candidates.map((c) => c.openId)).size;
    text += `\n${t('poll.createdSample', { count: eligible.length, pool })}`;
  }
  return { ok: true, poll, text };
}

/** The deadline check shared by both forms: null when fine, else the message key and params. */
/**
 * The time a command is judged at: when the poll `sourceKey` made was stored, for a re-run
 * after a crash (a deadline that has passed since must not leave the poll half made), else now.
 */
export async function judgedAt(sourceKey: string, now: Date): Promise<Date> {
  const earlier = await findKeyed<{ _id: string; sourceKey?: string | null; createdAt?: Date | null }>(
    PollModel,
    'V',
    sourceKey,
  );
  return earlier?.createdAt ?? now;
}

export function deadlineProblem(deadline: Date | null, now: Date): MessageKey | null {
  return deadline && deadline.getTime() <= now.getTime() ? 'poll.err.pastDate' : null;
}

/** Satisfaction weights (default 100/60/0) with the options in the agency language. */
export function satisfactionOptions(
  t: (k: MessageKey) => string,
  weights: number[] | null,
): CreatePollInput['options'] {
  const w = weights ?? [100, 60, 0];
  return [
    { label: t('poll.option.satisfied'), weight: w[0] ?? 100 },
    { label: t('poll.option.basic'), weight: w[1] ?? 60 },
    { label: t('poll.option.unsatisfied'), weight: w[2] ?? 0 },
  ];
}
