/**
 * Sends and updates what a poll shows in chats: the poll card (to each target chat, or in p2p to
 * each sampled person), the results card, the closed state. Every send has a unique outbox key
 * (`poll-card:<id>:<chat or person>`, `poll-results:<id>:<target>`), so a retry, a second
 * process or a repeated close sends once.
 */
import { buildPollCard, type PollCardData } from '../../cards/poll-card.js';
import { buildPollResultsCard } from '../../cards/poll-results-card.js';
import type { Card } from '../../cards/types.js';
import { DEFAULT_LOCALE, type Translate, translator } from '../i18n/index.js';
import type { Messenger } from '../lark/messenger.js';
import { formatZoned } from '../time/zoned.js';
import { listDepartments } from './departments.js';
import { namesOf } from './person-names.js';
import { pollResults } from './poll-results.js';
import { countVoters } from './poll-votes.js';
import { closePoll, listEligible, type PollView, resultsVisible } from './polls.js';
import type { TenantSettings } from './settings.js';

/** What announcing needs. */
export interface PollAnnounceDeps {
  messenger: Messenger;
  settings(): Promise<TenantSettings>;
}

/** The agency's translator and time zone (shared cards are in the agency language). */
export async function agencyView(
  deps: Pick<PollAnnounceDeps, 'settings'>,
): Promise<{ t: Translate; tz: string }> {
  const s = await deps.settings();
  return { t: translator(s.locale ?? DEFAULT_LOCALE), tz: s.timezone };
}

/** Where the poll card goes: each target chat, or (sampled) each eligible person in p2p. */
export async function pollCardTargets(
  poll: PollView,
): Promise<Array<{ key: string; to: { chatId: string } | { openId: string } }>> {
  if (poll.sample) {
    return (await listEligible(poll.id)).map((openId) => ({
      key: `poll-card:${poll.id}:${openId}`,
      to: { openId },
    }));
  }
  return poll.chats.map((c) => ({ key: `poll-card:${poll.id}:${c.chatId}`, to: { chatId: c.chatId } }));
}

/** The poll card as it stands. */
export async function renderPollCard(poll: PollView, t: Translate, tz: string): Promise<Card> {
  // The creator's name and the count are read together (each batched with concurrent readers).
  const [names, voted] = await Promise.all([namesOf([poll.creator]), countVoters(poll)]);
  const data: PollCardData = {
    id: poll.id,
    kind: poll.kind,
    question: poll.question,
    options: poll.options,
    anonymous: poll.anonymous,
    multi: poll.multi,
    allowChange: poll.allowChange,
    live: poll.resultMode === 'live',
    sampled: poll.sample !== null,
    deadline: poll.deadline ? formatZoned(poll.deadline, tz) : null,
    creatorName: names.get(poll.creator) ?? poll.creator,
    open: poll.state === 'open',
    voted,
    eligible: poll.eligibleCount,
  };
  return buildPollCard(t, data);
}

/** Sends the poll card to every target (once per key). */
export async function sendPollCards(poll: PollView, deps: PollAnnounceDeps): Promise<number> {
  const { t, tz } = await agencyView(deps);
  const card = await renderPollCard(poll, t, tz);
  const targets = await pollCardTargets(poll);
  for (const { key, to } of targets) await deps.messenger.sendCard(key, to, card);
  return targets.length;
}

/** The results card (whoever asks sees the same aggregated figures). */
export async function renderResultsCard(poll: PollView, t: Translate): Promise<Card> {
  const results = await pollResults(poll);
  const names = new Map<string, string>(poll.chats.map((c) => [c.chatId, c.name || c.chatId]));
  if (results.byDept.length > 0) for (const d of await listDepartments()) names.set(d.id, d.name);
  return buildPollResultsCard(
    t,
    {
      id: poll.id,
      question: poll.question,
      final: poll.state === 'closed',
      weights: poll.kind === 'satisfaction' ? poll.options.map((o) => o.weight ?? 0) : null,
      names,
    },
    results,
  );
}

/**
 * Closes the poll (exactly once, see closePoll) and, for the one caller that closed it, posts the
 * results card to every target chat and to the creator, and turns the poll cards to closed.
 */
export async function closeAndAnnounce(
  id: string,
  by: string,
  deps: PollAnnounceDeps,
  now: Date,
): Promise<'closed' | 'already' | 'unknown'> {
  const closed = await closePoll(id, by, now);
  if (closed.kind !== 'closed') return closed.kind;
  const { poll } = closed;
  const { t, tz } = await agencyView(deps);
  if (!resultsVisible(poll)) throw new Error('a closed poll must show its results');
  const results = await renderResultsCard(poll, t);
  const chats = poll.chats.map((c) => c.chatId);
  for (const chatId of chats)
    await deps.messenger.sendCard(`poll-results:${poll.id}:${chatId}`, { chatId }, results);
  await deps.messenger.sendCard(`poll-results:${poll.id}:creator`, { openId: poll.creator }, results);
  const card = await renderPollCard(poll, t, tz);
  for (const { key } of await pollCardTargets(poll)) {
    await deps.messenger.patchCard(`poll-closed:${key}`, { outboxKey: key }, card);
  }
  return 'closed';
}
