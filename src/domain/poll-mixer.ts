/**
 * The ballot mixer of anonymous polls. A vote is one insert of a voter record whose `sealed`
 * field holds the choice encrypted under the process key; the mixer turns sealed votes into
 * ballots in shuffled batches of at least {@link MIN_BATCH} (smaller only at close), so neither
 * natural order, `_id` nor any time ties a ballot to a voter; at close it rewrites the whole
 * poll's ballots in random order under random ids, so batch membership vanishes too.
 *
 * Safe with several processes: one holder per poll at a time (a lease confirmed by a unique
 * claim ticket, as elsewhere in the codebase). Safe across crashes: the batch in flight is written
 * to the mix document before its ballots; ballot ids are HMAC(key, voter id), so finishing a
 * batch again only meets duplicate keys; the reshuffle switches the counted generation in one
 * write after the new generation is complete.
 */
import { randomBytes } from 'node:crypto';
import { CoalescedRuns } from '../batching/coalesced-runs.js';
import { isDuplicateKeyError } from '../dispatch/inbox.js';
import { PollBallotModel, PollMixClaimModel, PollMixModel, PollVoterModel } from '../models/poll-vote.js';
import { keyedId, unseal } from './sealing.js';

/** Fewest sealed votes moved into ballots together while a poll is open. */
export const MIN_BATCH = 5;
const LEASE_MS = 30_000;
const PAGE = 1000;

/** The sealed content of an anonymous vote. */
export interface SealedVote {
  o: string[];
  c: string | null;
  d: string | null;
}

type MixLean = { _id: string; seq?: number | null; batch?: string[] | null; counted?: number | null; final?: boolean | null };

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomBytes(4).readUInt32BE(0) % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

type MixState = MixLean & { until?: Date | null; holder?: string | null };

/** Takes the poll's mixer lease; null when another holder has it. `known`: the mix document as just read. */
async function claimMix(pollId: string, holder: string, known?: MixState | null): Promise<MixLean | null> {
  let doc = known === undefined ? ((await PollMixModel.findById(pollId).lean()) as MixState | null) : known;
  if (!doc) {
    try {
      await PollMixModel.create({ _id: pollId });
      doc = { _id: pollId, seq: 0 };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      doc = (await PollMixModel.findById(pollId).lean()) as MixState | null;
      if (!doc) return null;
    }
  }
  const now = Date.now();
  if (doc.holder && doc.until && doc.until.getTime() > now) return null;
  const seq = (doc.seq ?? 0) + 1;
  try {
    await PollMixClaimModel.create({ _id: `${pollId}#${seq}`, holder });
  } catch (error) {
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
  return (await PollMixModel.findOneAndUpdate(
    { _id: { $eq: pollId } },
    { $set: { seq, holder, until: new Date(now + LEASE_MS) } },
    { returnDocument: 'after' },
  ).lean()) as MixLean | null;
}

async function insertIgnoringDuplicates(docs: object[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await PollBallotModel.collection.insertMany(docs as never[], { ordered: false });
  } catch (error) {
    const list = (error as { writeErrors?: unknown }).writeErrors;
    const errors = Array.isArray(list) ? list : list ? [list] : [];
    if (errors.length === 0 || !errors.every((e) => (e as { code?: unknown }).code === 11000)) throw error;
  }
}

type VoterLean = { _id: string; sealed?: string | null };

/**
 * Moves one recorded batch of sealed votes into ballots (ONE insertMany, shuffled), then unseals
 * the voters. `read`: the voters as just read with their seals (else they are read here).
 * The batch stays recorded on the mix document until the holder releases it (or records the
 * next): finishing it again only meets duplicate ballots and voters without seals.
 */
async function moveBatch(pollId: string, voterIds: string[], read?: VoterLean[]): Promise<void> {
  const voters = read ?? ((await PollVoterModel.find({ _id: { $in: voterIds }, sealed: { $exists: true } }).lean()) as VoterLean[]);
  const ballots = voters.map((v) => {
    const vote = JSON.parse(unseal(v.sealed as string)) as SealedVote;
    return { _id: keyedId(`ballot:${v._id}`), poll: pollId, options: vote.o, chat: vote.c, dept: vote.d, gen: 0 };
  });
  await insertIgnoringDuplicates(shuffle(ballots));
  if (voters.length > 0) await PollVoterModel.updateMany({ _id: { $in: voters.map((v) => v._id) } }, { $unset: { sealed: 1 } });
}

/** At close: the whole poll's ballots again, in random order under random ids, as generation 1. */
async function reshuffle(pollId: string, counted: number): Promise<void> {
  if (counted !== 1) {
    await PollBallotModel.deleteMany({ poll: { $eq: pollId }, gen: 1 });
    const old = await PollBallotModel.find({ poll: { $eq: pollId }, gen: { $ne: 1 } }).lean();
    const fresh = old.map((b) => ({
      _id: randomBytes(16).toString('hex'),
      poll: pollId,
      options: [...(b.options ?? [])],
      chat: b.chat ?? null,
      dept: b.dept ?? null,
      gen: 1,
    }));
    if (fresh.length > 0) await PollBallotModel.collection.insertMany(shuffle(fresh) as never[]);
    await PollMixModel.updateOne({ _id: { $eq: pollId } }, { $set: { counted: 1 } });
  }
  await PollBallotModel.deleteMany({ poll: { $eq: pollId }, gen: { $ne: 1 } });
  await PollMixModel.updateOne({ _id: { $eq: pollId } }, { $set: { final: true } });
}

/**
 * Runs the mixer on a poll: finishes a batch a crash left, moves pending sealed votes when at
 * least MIN_BATCH wait (all of them when `final`), and when `final` reshuffles the poll.
 * Idempotent. 'busy' when another holder is at it, 'idle' when there was nothing to do.
 * `recheck` (default yes): after a run, look again for votes that found the lease taken (an
 * in-process caller that will run the mixer again anyway says no).
 */
export async function mixBallots(
  pollId: string,
  opts: { final: boolean; recheck?: () => boolean },
): Promise<'done' | 'busy' | 'idle'> {
  let outcome = await mixOnce(pollId, opts);
  // A vote that found the lease taken counted on this holder: once released, look again (any
  // such vote was stored before the release, so this count sees it).
  while (outcome === 'done' && !opts.final && (opts.recheck?.() ?? true)) {
    const pending = await PollVoterModel.countDocuments({ poll: { $eq: pollId }, sealed: { $exists: true } });
    if (pending < MIN_BATCH) break;
    outcome = await mixOnce(pollId, opts);
  }
  return outcome;
}

async function mixOnce(pollId: string, opts: { final: boolean }): Promise<'done' | 'busy' | 'idle'> {
  const pendingFilter = { poll: { $eq: pollId }, sealed: { $exists: true } };
  let known: MixState | null | undefined;
  if (!opts.final) {
    // The common case after a vote: one count and the mix document (read together), no lease.
    const [pending, doc] = await Promise.all([
      PollVoterModel.countDocuments(pendingFilter),
      PollMixModel.findById(pollId).lean().exec() as Promise<MixState | null>,
    ]);
    const stranded = doc?.batch !== undefined && doc?.batch !== null;
    if (pending < MIN_BATCH && !stranded) return 'idle';
    known = doc;
  }
  const holder = randomBytes(8).toString('hex');
  const mix = await claimMix(pollId, holder, known);
  if (!mix) return 'busy';
  try {
    if (mix.batch && mix.batch.length > 0) await moveBatch(pollId, mix.batch);
    // Votes that raced the close stay sealed: counting them now would publish a batch of one.
    if (mix.final) return 'done';
    for (;;) {
      const pending = (await PollVoterModel.find(pendingFilter).select({ _id: 1, sealed: 1 }).limit(PAGE).lean()) as VoterLean[];
      if (pending.length === 0 || (!opts.final && pending.length < MIN_BATCH)) break;
      const ids = pending.map((v) => v._id);
      await PollMixModel.updateOne({ _id: { $eq: pollId } }, { $set: { batch: ids } });
      await moveBatch(pollId, ids, pending);
      if (pending.length < PAGE) break;
    }
    if (opts.final) await reshuffle(pollId, mix.counted ?? 0);
    return 'done';
  } finally {
    await PollMixModel.updateOne({ _id: { $eq: pollId }, holder }, { $set: { holder: null, until: null }, $unset: { batch: 1 } });
  }
}

/**
 * One open-phase mixer run per poll at a time in this process; votes arriving meanwhile share the
 * next. A run waits MIX_GATHER_MS for more votes first: mixing is not on the answer's path, and
 * a burst then costs a few runs of about ten commands each, not one per flush of votes.
 */
const MIX_GATHER_MS = 200;
const openMixes = new CoalescedRuns(
  (pollId, queued) => mixBallots(pollId, { final: false, recheck: () => !queued() }),
  MIX_GATHER_MS,
);

/**
 * After an anonymous vote: runs the mixer on the poll once for every vote stored before this
 * call and not yet moved (coalesced per poll: a burst costs a few runs, not one per vote).
 */
export function mixAfterVote(pollId: string): Promise<'done' | 'busy' | 'idle'> {
  return openMixes.request(pollId);
}

/**
 * The ballot generation the results of a poll count: the open-phase ballots while open; once
 * closed, the mixer is run to the end first (waiting for another holder, or out the lease of one
 * that died), and then the
 * reshuffled generation. Either generation is complete whenever it is the counted one.
 */
export async function countedGeneration(pollId: string, closed: boolean): Promise<0 | 1> {
  if (!closed) return 0;
  let mix = (await PollMixModel.findById(pollId).lean()) as MixLean | null;
  // Waits out the lease of a holder that died (LEASE_MS) before counting without it.
  const giveUpAt = Date.now() + LEASE_MS + 5_000;
  while (!mix?.final && Date.now() < giveUpAt) {
    if ((await mixBallots(pollId, { final: true })) === 'busy') await new Promise((r) => setTimeout(r, 100));
    mix = (await PollMixModel.findById(pollId).lean()) as MixLean | null;
  }
  return mix?.counted === 1 ? 1 : 0;
}
