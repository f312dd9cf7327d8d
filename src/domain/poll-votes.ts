/**
 * Casting votes. One vote per person holds under any concurrency because the only exclusive
 * step is a unique-`_id` insert (atomic on MongoDB and FerretDB alike); nothing reads, changes
 * and writes back a shared document.
 *
 * Named polls store one PollVote per voter. Anonymous polls store one PollVoter per voter with
 * the choice sealed under the process key; src/domain/poll-mixer.ts turns sealed votes into
 * ballots (no voter, no time) in shuffled batches, so nothing a database reader sees links them.
 *
 * Under a burst every write goes through the collection's group-commit batcher (one insertMany
 * per flush, each press still learns its own outcome; one updateMany per distinct change), and
 * the voter count shown on the card is one count per poll per flush.
 */
import { CoalescedRuns } from '../batching/coalesced-runs.js';
import { insertsInto, updatesOf } from '../batching/collections.js';
import { PollVoteModel, PollVoterModel } from '../models/poll-vote.js';
import type { EligibleEntry } from './poll-eligibility.js';
import type { SealedVote } from './poll-mixer.js';
import { findEligible, isVotingOver, type PollView } from './polls.js';
import { seal } from './sealing.js';

/** Why a vote was not taken. */
export type VoteRefusal = 'closed' | 'not_eligible' | 'already' | 'bad_choice' | 'no_choice' | 'too_many';

/** What happened to a vote. */
export type VoteOutcome = { ok: true; changed: boolean } | { ok: false; reason: VoteRefusal };

/** Checks the chosen option keys against the poll: known, distinct, one unless multi-choice. */
export function checkChoice(poll: PollView, options: readonly string[]): VoteRefusal | null {
  const known = new Set(poll.options.map((o) => o.key));
  const chosen = [...new Set(options)];
  if (chosen.length === 0) return 'no_choice';
  if (chosen.some((o) => !known.has(o))) return 'bad_choice';
  if (!poll.multi && chosen.length > 1) return 'too_many';
  return null;
}

/**
 * Records one person's vote (see the module comment for what is stored). `known`: their
 * eligibility as the caller read it together with the poll (null: not eligible), else read here.
 */
export async function castVote(
  poll: PollView,
  openId: string,
  options: readonly string[],
  now: Date,
  known?: EligibleEntry | null,
): Promise<VoteOutcome> {
  if (isVotingOver(poll, now)) return { ok: false, reason: 'closed' };
  const bad = checkChoice(poll, options);
  if (bad) return { ok: false, reason: bad };
  const eligible = known === undefined ? await findEligible(poll.id, openId) : known;
  if (!eligible) return { ok: false, reason: 'not_eligible' };
  const chosen = poll.options.map((o) => o.key).filter((k) => options.includes(k));
  const slice = { chat: eligible.chat, dept: eligible.dept };
  if (poll.anonymous) return castAnonymous(poll.id, openId, chosen, slice);
  const id = `${poll.id}:${openId}`;
  const vote = { _id: id, poll: poll.id, openId, options: chosen, ...slice, votedAt: now };
  if (await insertsInto(PollVoteModel).insert(vote)) return { ok: true, changed: false };
  if (!poll.allowChange) return { ok: false, reason: 'already' };
  // Batched per distinct change; two changes by one voter never share a flush (order kept).
  await updatesOf(PollVoteModel).update({ key: id, set: { options: chosen, votedAt: now } });
  return { ok: true, changed: true };
}

/**
 * Anonymous: ONE insert — the voter record with the choice sealed in it. That insert is the
 * durable "vote counted" and the one-vote guard; the mixer later moves it into a ballot batch.
 * Nothing remembers the choice in clear, so it cannot be changed.
 */
async function castAnonymous(
  pollId: string,
  openId: string,
  chosen: string[],
  slice: { chat: string | null; dept: string | null },
): Promise<VoteOutcome> {
  const vote: SealedVote = { o: chosen, c: slice.chat, d: slice.dept };
  const voter = { _id: `${pollId}:${openId}`, poll: pollId, openId, sealed: seal(JSON.stringify(vote), 256) };
  if (!(await insertsInto(PollVoterModel).insert(voter))) return { ok: false, reason: 'already' };
  return { ok: true, changed: false };
}

/** Who has voted (open_ids), for reminders and the turnout. */
export async function listVoters(poll: PollView): Promise<string[]> {
  const filter = { poll: { $eq: poll.id } };
  const docs = poll.anonymous
    ? await PollVoterModel.find(filter).select({ openId: 1 }).lean()
    : await PollVoteModel.find(filter).select({ openId: 1 }).lean();
  return docs.map((d) => d.openId);
}

/** One count per poll at a time; every caller waiting meanwhile shares the next one. */
const voterCounts = new CoalescedRuns<number>((key) => {
  const [kind, pollId] = [key.slice(0, 1), key.slice(2)];
  const filter = { poll: { $eq: pollId } };
  return kind === 'a' ? PollVoterModel.countDocuments(filter).exec() : PollVoteModel.countDocuments(filter).exec();
});

/**
 * How many have voted (a count: no cursor). Coalesced per poll: a burst of card answers costs a
 * few counts, each started after its callers asked (so a caller's own vote is in it).
 */
export function countVoters(poll: PollView): Promise<number> {
  return voterCounts.request(`${poll.anonymous ? 'a' : 'n'}:${poll.id}`);
}

/** A named poll's votes (the anonymous ones cannot be listed: nothing records them by person). */
export async function listNamedVotes(poll: PollView): Promise<Array<{ openId: string; options: string[]; votedAt: Date }>> {
  if (poll.anonymous) return [];
  const docs = await PollVoteModel.find({ poll: { $eq: poll.id } }).sort({ votedAt: 1 }).lean();
  return docs.map((d) => ({ openId: d.openId, options: [...(d.options ?? [])], votedAt: d.votedAt }));
}
