/**
 * Polls and satisfaction surveys: creation (with the eligible voters), reading, listing and
 * closing exactly once. Knows nothing of Feishu: plain ids in, plain values out.
 */
import { randomInt } from 'node:crypto';
import { readsOf } from '../batching/collections.js';
import { PollClosureModel, PollEligibleModel, PollModel, type PollKind, type ResultMode } from '../models/poll.js';
import { isDuplicateKeyError } from '../dispatch/inbox.js';
import { insertKeyed, insertManyOnce } from './keyed-create.js';
import {
  assignSlices,
  type Candidate,
  distinctCandidates,
  type EligibleEntry,
  pickSample,
  type SampleSpec,
  sampleSize,
} from './poll-eligibility.js';

/** One choice of a poll; `weight` is the satisfaction score (satisfaction polls only). */
export interface PollOption {
  key: string;
  label: string;
  weight: number | null;
}

/** A poll as the rest of the bot reads it. */
export interface PollView {
  id: string;
  kind: PollKind;
  question: string;
  options: PollOption[];
  anonymous: boolean;
  multi: boolean;
  allowChange: boolean;
  resultMode: ResultMode;
  deadline: Date | null;
  creator: string;
  chats: Array<{ chatId: string; name: string }>;
  sample: SampleSpec | null;
  eligibleCount: number;
  state: 'open' | 'closed';
  closedAt: Date | null;
  closedBy: string | null;
  createdAt: Date;
}

/** What a new poll is made of. */
export interface CreatePollInput {
  kind: PollKind;
  question: string;
  options: Array<{ label: string; weight?: number | null }>;
  anonymous: boolean;
  multi: boolean;
  allowChange: boolean;
  resultMode: ResultMode;
  deadline: Date | null;
  creator: string;
  chats: Array<{ chatId: string; name: string }>;
  /** Members of the target chats (with departments); the eligible voters, or the sample pool. */
  candidates: Candidate[];
  sample: SampleSpec | null;
  /**
   * What created it (the event, or the form card and its submitter): the id derives from it and a
   * second call with the same key returns the poll the first made, with its stored voters.
   */
  sourceKey?: string;
}

/** Satisfaction options and their default weights (满意 100, 基本满意 60, 不满意 0). */
export const SATISFACTION_WEIGHTS = [100, 60, 0] as const;

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new short poll id: `V` and four characters without look-alikes (e.g. `V7K3Q`). */
export function newPollId(): string {
  let id = 'V';
  for (let i = 0; i < 4; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

type PollLean = {
  _id: string;
  kind: string;
  question: string;
  options?: Array<{ key?: string | null; label?: string | null; weight?: number | null }> | null;
  anonymous: boolean;
  multi: boolean;
  allowChange: boolean;
  resultMode: string;
  deadline?: Date | null;
  creator: string;
  chats?: Array<{ chatId?: string | null; name?: string | null }> | null;
  sample?: unknown;
  eligibleCount?: number | null;
  state?: string | null;
  closedAt?: Date | null;
  closedBy?: string | null;
  createdAt: Date;
};

function toView(doc: PollLean): PollView {
  return {
    id: doc._id,
    kind: doc.kind as PollKind,
    question: doc.question,
    options: (doc.options ?? []).map((o) => ({ key: o.key ?? '', label: o.label ?? '', weight: o.weight ?? null })),
    anonymous: doc.anonymous,
    multi: doc.multi,
    allowChange: doc.allowChange,
    resultMode: doc.resultMode as ResultMode,
    deadline: doc.deadline ?? null,
    creator: doc.creator,
    chats: (doc.chats ?? []).map((c) => ({ chatId: c.chatId ?? '', name: c.name ?? '' })),
    sample: (doc.sample as SampleSpec | null | undefined) ?? null,
    eligibleCount: doc.eligibleCount ?? 0,
    state: doc.state === 'closed' ? 'closed' : 'open',
    closedAt: doc.closedAt ?? null,
    closedBy: doc.closedBy ?? null,
    createdAt: doc.createdAt,
  };
}

/** The eligible voters of a new poll: everyone in the chats, or a random sample of them. */
export function chooseEligible(candidates: readonly Candidate[], sample: SampleSpec | null): EligibleEntry[] {
  const everyone = distinctCandidates(candidates);
  const chosen = sample ? pickSample(everyone, sampleSize(sample, everyone.length)) : everyone;
  return assignSlices(chosen);
}

/** Creates the poll and its eligible voters. */
export async function createPoll(input: CreatePollInput, now: Date): Promise<{ poll: PollView; eligible: EligibleEntry[] }> {
  const eligible = chooseEligible(input.candidates, input.sample);
  const fields = {
    kind: input.kind,
    question: input.question,
    options: input.options.map((o, i) => ({ key: `o${i + 1}`, label: o.label, weight: o.weight ?? null })),
    anonymous: input.anonymous,
    multi: input.multi,
    allowChange: input.anonymous ? false : input.allowChange,
    resultMode: input.resultMode,
    deadline: input.deadline,
    creator: input.creator,
    chats: input.chats,
    sample: input.sample,
    eligibleCount: eligible.length,
    state: 'open' as const,
    createdAt: now,
  };
  if (input.sourceKey) return createKeyedPoll(input.sourceKey, fields, eligible);
  let id = '';
  for (let attempt = 0; ; attempt++) {
    id = newPollId();
    try {
      await PollModel.create({ _id: id, ...fields });
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error) || attempt >= 8) throw error;
    }
  }
  if (eligible.length > 0) {
    await PollEligibleModel.insertMany(
      eligible.map((e) => ({ _id: `${id}:${e.openId}`, poll: id, openId: e.openId, chat: e.chat, dept: e.dept })),
    );
  }
  return { poll: (await getPoll(id))!, eligible };
}

/**
 * The poll of `sourceKey` (keyed-create.ts): created now, or found when a re-run of the same event
 * follows a crash. The voters are one insert, so they are either all stored (and kept: a new
 * random sample must not replace them) or not at all (then this run's choice is stored).
 */
async function createKeyedPoll(
  sourceKey: string,
  fields: Record<string, unknown>,
  chosen: EligibleEntry[],
): Promise<{ poll: PollView; eligible: EligibleEntry[] }> {
  const { _id: _ignored, ...doc } = new PollModel({ _id: 'V', ...fields }).toObject();
  const { id } = await insertKeyed(PollModel, 'V', sourceKey, doc);
  const stored = await PollEligibleModel.find({ poll: { $eq: id } }).lean();
  let eligible: EligibleEntry[] = stored.map((e) => ({
    openId: e.openId,
    chat: e.chat ?? null,
    dept: e.dept ?? null,
  }));
  if (stored.length === 0 && chosen.length > 0) {
    await insertManyOnce(
      PollEligibleModel,
      chosen.map((e) => ({ _id: `${id}:${e.openId}`, poll: id, openId: e.openId, chat: e.chat, dept: e.dept })),
    );
    eligible = chosen;
    await PollModel.updateOne({ _id: { $eq: id } }, { $set: { eligibleCount: chosen.length } });
  }
  return { poll: (await getPoll(id))!, eligible };
}

/**
 * One poll by id (case-insensitive), if it exists. Read through the poll read batcher: a burst
 * of presses reads each poll once per flush, and a flush starts after the reader asked, so a
 * close acknowledged before is seen.
 */
export async function getPoll(id: string): Promise<PollView | undefined> {
  const doc = await readsOf<PollLean>(PollModel).get(String(id).toUpperCase());
  return doc ? toView(doc) : undefined;
}

/** The newest polls (optionally only those with these ids), newest first. */
export async function listPolls(limit: number, ids?: readonly string[]): Promise<PollView[]> {
  const filter = ids ? { _id: { $in: [...ids] } } : {};
  const docs = await PollModel.find(filter).sort({ createdAt: -1 }).limit(limit).lean();
  return docs.map((d) => toView(d as PollLean));
}

/** Poll ids this person may vote in. */
export async function pollsEligibleFor(openId: string): Promise<string[]> {
  const docs = await PollEligibleModel.find({ openId: { $eq: String(openId) } }).select({ poll: 1 }).lean();
  return docs.map((d) => d.poll);
}

type EligibleLean = { _id: string; openId: string; chat?: string | null; dept?: string | null };

/** The eligible voter record of one person, if they may vote (batched read by `_id`). */
export async function findEligible(pollId: string, openId: string): Promise<EligibleEntry | undefined> {
  const doc = await readsOf<EligibleLean>(PollEligibleModel).get(`${pollId}:${openId}`);
  return doc ? { openId: doc.openId, chat: doc.chat ?? null, dept: doc.dept ?? null } : undefined;
}

/** Every eligible voter's open_id. */
export async function listEligible(pollId: string): Promise<string[]> {
  const docs = await PollEligibleModel.find({ poll: { $eq: pollId } }).select({ openId: 1 }).lean();
  return docs.map((d) => d.openId);
}

/** Open polls whose deadline has passed. */
export async function listDuePolls(now: Date): Promise<string[]> {
  const docs = await PollModel.find({ state: 'open', deadline: { $ne: null, $lte: now } }).select({ _id: 1 }).lean();
  return docs.map((d) => d._id);
}

/**
 * Closes a poll exactly once: the close claim (a unique insert) decides, across processes and
 * commands. Returns the closed poll to the winner, `already` to everyone else.
 */
export async function closePoll(
  id: string,
  by: string,
  now: Date,
): Promise<{ kind: 'closed'; poll: PollView } | { kind: 'already' | 'unknown' }> {
  const poll = await getPoll(id);
  if (!poll) return { kind: 'unknown' };
  if (poll.state === 'closed') return { kind: 'already' };
  try {
    await PollClosureModel.create({ _id: poll.id, by, at: now });
  } catch (error) {
    if (isDuplicateKeyError(error)) return { kind: 'already' };
    throw error;
  }
  await PollModel.updateOne({ _id: { $eq: poll.id } }, { $set: { state: 'closed', closedAt: now, closedBy: by } });
  return { kind: 'closed', poll: { ...poll, state: 'closed', closedAt: now, closedBy: by } };
}

/** True when voting is over: closed, or past the deadline (the close job may not have run yet). */
export function isVotingOver(poll: PollView, now: Date): boolean {
  return poll.state === 'closed' || (poll.deadline !== null && poll.deadline.getTime() <= now.getTime());
}

/** True when the results may be shown: live polls always, the others once closed. */
export function resultsVisible(poll: PollView): boolean {
  return poll.resultMode === 'live' || poll.state === 'closed';
}
