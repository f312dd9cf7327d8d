/**
 * The durable outbox: every message the bot sends, patches or buzzes is written here first and
 * delivered later by the sender (src/lark/sender.ts). See src/lark/outbox.ts for the API.
 */
import mongoose, { type InferSchemaType, Schema } from 'mongoose';

/**
 * Lifecycle: pending → sending (leased by one sender) → sent | failed; sending → pending on retry;
 * `unknown`: parked without another call, because an earlier call may have delivered it and
 * Feishu's uuid window (1 h) that would drop a repeat has passed (see sender.ts).
 */
export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed', 'unknown'] as const;

/** One of {@link OUTBOX_STATES}. */
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What the sender does with a message. */
export const OUTBOX_KINDS = ['send', 'reply', 'patch', 'urgent', 'card_update', 'file'] as const;

/** One of {@link OUTBOX_KINDS}. */
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

const outboxSchema = new Schema(
  {
    /** Caller-chosen identity (event id + n, or job + period + recipient); unique. */
    key: { type: String, required: true, unique: true },
    kind: { type: String, enum: OUTBOX_KINDS, required: true },
    /** Messages of one lane (a chat, a user, a card) are delivered one at a time, in `seq` order. */
    lane: { type: String, required: true },
    /** Sortable delivery order: due time (base 36, padded) + the document id. */
    seq: { type: String, required: true },
    /** Sent to Feishu as `uuid` (create / reply): a stable hash of the key. */
    uuid: { type: String, required: true },

    receiveIdType: { type: String, default: null },
    receiveId: { type: String, default: null },
    msgType: { type: String, default: null },
    /** The JSON string Feishu expects (`content`), or the card JSON string for card_update. */
    content: { type: String, default: null },
    /** Target of reply / patch / urgent, when given directly. */
    messageId: { type: String, default: null },
    /** Target of patch / urgent given as the outbox key of an earlier send; resolved at delivery. */
    outboxKey: { type: String, default: null },
    /** The chat a reply lands in, when known (per-chat rate limit). */
    chatId: { type: String, default: null },
    replyInThread: { type: Boolean, default: null },
    userIds: { type: [String], default: undefined },
    /** Callback token for card_update. */
    token: { type: String, default: null },
    /** kind file: the name shown in the chat, the upload type and the bytes (BSON binary). */
    fileName: { type: String, default: null },
    fileType: { type: String, default: null },
    bytes: { type: Buffer, default: null },

    state: { type: String, enum: OUTBOX_STATES, default: 'pending' },
    /** SDK calls made so far (a call lost in a crash counts when the lease is taken over). */
    attempts: { type: Number, default: 0 },
    /** Claims so far; the fencing token of the current lease (see outbox-claim.ts). */
    claimSeq: { type: Number, default: 0 },
    /**
     * When the entry was first claimed, written by that claim (no extra write): no call was made
     * before it, so the uuid window of every call starts after it.
     */
    firstClaimAt: { type: Date, default: null },
    /**
     * An earlier call may have delivered the message without its answer being recorded (a lease
     * taken over, a timeout, a dropped connection, a 5xx): before the next call the sender looks
     * for a recorded message id, and repeats the call only within the uuid window.
     */
    uncertain: { type: Boolean, default: false },
    /** Earliest delivery time the caller asked for. */
    notBefore: { type: Date, required: true },
    /** When the message may next be claimed (moved by retries and deferrals). */
    nextAttemptAt: { type: Date, required: true },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    lastError: {
      type: new Schema(
        { code: { type: Number }, msg: { type: String }, httpStatus: { type: Number, default: null } },
        { _id: false },
      ),
      default: null,
    },
    result: {
      type: new Schema({ messageId: { type: String, default: null } }, { _id: false }),
      default: null,
    },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    failedAt: { type: Date, default: null },
  },
  { collection: 'outbox_messages', versionKey: false, minimize: false },
);

outboxSchema.index({ state: 1, nextAttemptAt: 1 });
outboxSchema.index({ state: 1, leaseUntil: 1 });
outboxSchema.index({ lane: 1, state: 1, seq: 1 });
outboxSchema.index({ state: 1, sentAt: 1 });

/** A stored outbox document. */
export type OutboxMessageDoc = InferSchemaType<typeof outboxSchema> & { _id: mongoose.Types.ObjectId };

/** The outbox collection. */
export const OutboxMessage = mongoose.model('OutboxMessage', outboxSchema);

const claimSchema = new Schema(
  {
    /** `<outbox id>:<claimSeq>`: at most one sender can hold a given claim generation. */
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'outbox_claims', versionKey: false },
);

claimSchema.index({ at: 1 });

/**
 * Claim tickets. FerretDB 1.24 does not serialise concurrent findOneAndUpdate calls on one
 * document (two senders can both "win" a lease), but it does enforce unique `_id`s, so every
 * lease is confirmed by inserting a ticket for its claim generation.
 */
export const OutboxClaim = mongoose.model('OutboxClaim', claimSchema);

const resultSchema = new Schema(
  {
    /** `<outbox entry _id>:<claimSeq>`: the lease generation that recorded the delivery. */
    _id: { type: String, required: true },
    messageId: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'outbox_results', versionKey: false },
);

resultSchema.index({ at: 1 });

/**
 * Message ids of entries recorded as sent in a batch (src/lark/outbox-batch.ts): one
 * `updateMany` marks the batch sent, and each entry's message id, which differs per entry, is
 * inserted here in one `insertMany` instead of one update per entry. Readers look here when an
 * entry's `result` is empty.
 */
export const OutboxResult = mongoose.model('OutboxResult', resultSchema);
