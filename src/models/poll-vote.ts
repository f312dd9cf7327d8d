import mongoose from 'mongoose';

/**
 * A named poll's vote, `_id` = `${pollId}:${openId}` (the unique `_id` makes one vote per person
 * under any concurrency). A change of vote (when the poll allows it) rewrites `options`.
 */
const voteSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    poll: { type: String, required: true },
    openId: { type: String, required: true },
    options: { type: [String], default: [] },
    chat: { type: String, default: null },
    dept: { type: String, default: null },
    votedAt: { type: Date, required: true },
  },
  { collection: 'poll_votes', versionKey: false },
);
voteSchema.index({ poll: 1 });
export const PollVoteModel = mongoose.model('PollVote', voteSchema);

/**
 * Anonymous polls, part one: who has voted, `_id` = `${pollId}:${openId}` — enforces one vote and
 * finds non-voters to remind. Inserting it IS the vote: `sealed` holds the choice and slice
 * encrypted under the process key (src/domain/sealing.ts, random nonce, padded) until the mixer
 * (src/domain/poll-mixer.ts) moves it into a shuffled batch of ballots and unsets it. No time.
 */
const voterSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    poll: { type: String, required: true },
    openId: { type: String, required: true },
    sealed: { type: String, default: undefined },
  },
  { collection: 'poll_voters', versionKey: false },
);
voterSchema.index({ poll: 1 });
export const PollVoterModel = mongoose.model('PollVoter', voterSchema);

/**
 * Anonymous polls, part two: what was chosen, one document per vote — no voter, no time, no
 * sequence. Written only by the mixer, in shuffled batches of at least five: while the poll is
 * open `_id` = HMAC(key, voter id) (a re-run after a crash finds it; unlinkable without the key),
 * `gen` 0; at close the whole poll is rewritten in random order under random ids with `gen` 1.
 * `chat` / `dept` are the voter's breakdown slice, null when that slice is too small to stay
 * anonymous. Counted, never read one by one. (FerretDB 1.24's `$inc` is not atomic under
 * concurrency, so counts are not kept as shared counter documents.)
 */
const ballotSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    poll: { type: String, required: true },
    options: { type: [String], default: [] },
    chat: { type: String, default: null },
    dept: { type: String, default: null },
    gen: { type: Number, default: 0 },
  },
  { collection: 'poll_ballots', versionKey: false },
);
ballotSchema.index({ poll: 1 });
export const PollBallotModel = mongoose.model('PollBallot', ballotSchema);

/**
 * The mixer's state per anonymous poll, `_id` = poll id: its lease (`seq` is the claim generation,
 * confirmed by a unique ticket in `poll_mix_claims`), the batch in flight (voter ids, so a re-run
 * after a crash finishes the same batch), and the close-time reshuffle (`counted`: which ballot
 * generation the results count; `final`: all done).
 */
const mixSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, default: 0 },
    holder: { type: String, default: null },
    until: { type: Date, default: null },
    batch: { type: [String], default: undefined },
    counted: { type: Number, default: 0 },
    final: { type: Boolean, default: false },
  },
  { collection: 'poll_mixes', versionKey: false },
);
export const PollMixModel = mongoose.model('PollMix', mixSchema);

/** Claim tickets of the mixer lease, `_id` = `${pollId}#${seq}` (unique: one holder per generation). */
const mixClaimSchema = new mongoose.Schema(
  { _id: { type: String, required: true }, holder: { type: String, required: true } },
  { collection: 'poll_mix_claims', versionKey: false },
);
export const PollMixClaimModel = mongoose.model('PollMixClaim', mixClaimSchema);
