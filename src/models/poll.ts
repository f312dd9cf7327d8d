import mongoose from 'mongoose';

/** Poll kinds: a general poll, or the satisfaction preset (满意 / 基本满意 / 不满意). */
export const POLL_KINDS = ['general', 'satisfaction'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** When results may be seen: live while open, or only after the poll closed. */
export const RESULT_MODES = ['live', 'after_close'] as const;
export type ResultMode = (typeof RESULT_MODES)[number];

/**
 * A poll or satisfaction survey (投票 / 问卷). `_id` is a short human id such as `V7K3Q`
 * (random, retried on a clash). Who may vote is in PollEligible; votes are in PollVote (named
 * polls) or split into PollVoter + PollBallot (anonymous polls, see poll-vote.ts).
 */
const pollSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: POLL_KINDS, required: true },
    question: { type: String, required: true },
    /** Options in display order; `key` (o1, o2…) is what votes store. */
    options: { type: [{ _id: false, key: String, label: String, weight: Number }], default: [] },
    anonymous: { type: Boolean, required: true },
    multi: { type: Boolean, required: true },
    /** Named polls only: a voter may change their vote until close. */
    allowChange: { type: Boolean, required: true },
    resultMode: { type: String, enum: RESULT_MODES, required: true },
    deadline: { type: Date, default: null },
    creator: { type: String, required: true },
    /** Target group chats, with their names at creation. */
    chats: { type: [{ _id: false, chatId: String, name: String }], default: [] },
    /** 抽样: the poll went in p2p to a random sample of the chats' members. */
    sample: { type: mongoose.Schema.Types.Mixed, default: null },
    eligibleCount: { type: Number, default: 0 },
    state: { type: String, enum: ['open', 'closed'], default: 'open' },
    closedAt: { type: Date, default: null },
    /** 'auto' for the deadline, else the open_id who closed it. */
    closedBy: { type: String, default: null },
    createdAt: { type: Date, required: true },
    /** What created it (event or form submission); the id is derived from it (keyed-create.ts). */
    sourceKey: { type: String, default: null },
  },
  { collection: 'polls', versionKey: false },
);
pollSchema.index({ state: 1, deadline: 1 });
export type PollDoc = mongoose.InferSchemaType<typeof pollSchema>;
export const PollModel = mongoose.model('Poll', pollSchema);

/**
 * Someone who may vote, `_id` = `${pollId}:${openId}`. `chat` and `dept` are the breakdown slice
 * the person's vote is counted in; a slice too small to stay anonymous is stored as null
 * (counted only in the total), see poll-eligibility.ts.
 */
const eligibleSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    poll: { type: String, required: true },
    openId: { type: String, required: true },
    chat: { type: String, default: null },
    dept: { type: String, default: null },
  },
  { collection: 'poll_eligible', versionKey: false },
);
eligibleSchema.index({ poll: 1 });
export const PollEligibleModel = mongoose.model('PollEligible', eligibleSchema);

/**
 * The close claim, `_id` = poll id: inserting it is the one atomic step (on FerretDB too) that
 * decides which process (or command) closes a poll and announces its results.
 */
const closureSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'poll_closures', versionKey: false },
);
export const PollClosureModel = mongoose.model('PollClosure', closureSchema);
