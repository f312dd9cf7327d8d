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
 * finds non-voters to remind. It holds nothing about the choice and no time.
 */
const voterSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    poll: { type: String, required: true },
    openId: { type: String, required: true },
  },
  { collection: 'poll_voters', versionKey: false },
);
voterSchema.index({ poll: 1 });
export const PollVoterModel = mongoose.model('PollVoter', voterSchema);

/**
 * Anonymous polls, part two: what was chosen, one document per vote with a random `_id` (not an
 * ObjectId, which embeds the time and order) — no voter, no time, no sequence. `chat` / `dept`
 * are the voter's breakdown slice, null when that slice is too small to stay anonymous.
 * Counted, never read one by one. (FerretDB 1.24's `$inc` is not atomic under concurrency, so
 * counts are not kept as shared counter documents.)
 */
const ballotSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    poll: { type: String, required: true },
    options: { type: [String], default: [] },
    chat: { type: String, default: null },
    dept: { type: String, default: null },
  },
  { collection: 'poll_ballots', versionKey: false },
);
ballotSchema.index({ poll: 1 });
export const PollBallotModel = mongoose.model('PollBallot', ballotSchema);
