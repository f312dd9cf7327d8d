import mongoose from 'mongoose';

/**
 * One feedback item (监督员意见 / 建言献策), `_id` = `F` + 6 characters. A named item keeps its
 * sender; an anonymous one keeps only `relayToken` (random, opaque) and the calendar day — no
 * open_id, no name, no exact time. The token resolves to a person only in `feedback_relays`.
 */
const replySchema = new mongoose.Schema(
  {
    by: { type: String, required: true },
    byName: { type: String, default: '' },
    text: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const feedbackSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    text: { type: String, required: true },
    anonymous: { type: Boolean, required: true },
    /** Named items only. */
    sender: { type: String, default: null },
    senderName: { type: String, default: '' },
    /** Anonymous items only: the key into `feedback_relays`. */
    relayToken: { type: String, default: null },
    /** YYYY-MM-DD in the agency's zone (anonymous items have no finer time). */
    day: { type: String, required: true },
    /** Named items only. */
    createdAt: { type: Date, default: null },
    state: { type: String, enum: ['open', 'replied'], default: 'open' },
    replies: { type: [replySchema], default: [] },
  },
  { collection: 'feedback_items', versionKey: false },
);
feedbackSchema.index({ day: -1 });
export const FeedbackModel = mongoose.model('Feedback', feedbackSchema);

/**
 * The relay of anonymous feedback: random token → open_id and nothing else (no text, no time,
 * no feedback id). Read only by the reply relay in src/domain/feedback-relay.ts.
 */
const relaySchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    openId: { type: String, required: true },
  },
  { collection: 'feedback_relays', versionKey: false },
);
export const FeedbackRelayModel = mongoose.model('FeedbackRelay', relaySchema);

/**
 * Claims of reply submissions, `_id` = `${feedbackId}:${formNonce}`: the unique insert makes a
 * double press of one reply form relay once (FerretDB's conditional updates are not atomic).
 */
const replyClaimSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'feedback_reply_claims', versionKey: false },
);
export const FeedbackReplyClaimModel = mongoose.model('FeedbackReplyClaim', replyClaimSchema);
