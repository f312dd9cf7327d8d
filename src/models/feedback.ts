import mongoose from 'mongoose';

/**
 * One feedback item (监督员意见 / 建言献策), `_id` = `F` + 6 characters derived with a keyed HMAC
 * from the event that created it (a re-run finds it; a reader without the key cannot link it to
 * that event). A named item keeps its sender; an anonymous one keeps only `sealedSender` (the
 * open_id encrypted under the process key, src/domain/sealing.ts) and the calendar day — no
 * open_id, no name, no exact time. (`relayToken` → `feedback_relays`: items stored before
 * sealing, read only to relay a reply.)
 */
const replySchema = new mongoose.Schema(
  {
    by: { type: String, required: true },
    byName: { type: String, default: '' },
    text: { type: String, required: true },
    at: { type: Date, required: true },
    /** The reply form's nonce: a finished-again reply is not added twice. */
    nonce: { type: String, default: null },
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
    /** Anonymous items only: the sender's open_id, sealed (only this process can open it). */
    sealedSender: { type: String, default: null },
    /** Anonymous items stored before sealing: the key into `feedback_relays`. */
    relayToken: { type: String, default: null },
    /** HMAC of the creating event id: tells a re-run's own item from a (rare) id collision. */
    src: { type: String, default: null },
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
 * The relay of anonymous feedback stored before sealing: random token → open_id and nothing else
 * (no text, no time, no feedback id). No longer written; read only by the reply relay in
 * src/domain/feedback-relay.ts.
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
 * double press of one reply form relay once (FerretDB's conditional updates are not atomic). The
 * claim holds the reply, so a press after a crash finishes it (`done` once recorded on the item).
 */
const replyClaimSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    by: { type: String, required: true },
    byName: { type: String, default: '' },
    text: { type: String, default: '' },
    at: { type: Date, required: true },
    done: { type: Boolean, default: false },
  },
  { collection: 'feedback_reply_claims', versionKey: false },
);
export const FeedbackReplyClaimModel = mongoose.model('FeedbackReplyClaim', replyClaimSchema);
