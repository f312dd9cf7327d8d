import mongoose from 'mongoose';

/**
 * Every event Feishu delivered, keyed by its event_id (the unique `_id`), stored before it
 * acts so a redelivery is recognised and a crash mid-processing is resumed. `attempts` counts
 * claims (a run that crashed the process counts too); after three an event is `poisoned`:
 * parked for good, never re-run by itself.
 */
const inboxEventSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    eventType: { type: String, required: true },
    envelope: { type: mongoose.Schema.Types.Mixed, required: true },
    state: {
      type: String,
      enum: ['received', 'processing', 'done', 'failed', 'duplicate', 'poisoned'],
      required: true,
    },
    attempts: { type: Number, default: 0 },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    receivedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    lastError: { type: String, default: null },
  },
  { collection: 'inbox_events', versionKey: false },
);
inboxEventSchema.index({ state: 1, leaseUntil: 1 });

export const InboxEventModel = mongoose.model('InboxEvent', inboxEventSchema);

/**
 * Secondary dedupe keys (e.g. `msg:<message_id>`): Feishu may deliver one message under
 * two event_ids; the first event to claim the key owns it.
 */
const dedupeKeySchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'dedupe_keys', versionKey: false },
);

export const DedupeKeyModel = mongoose.model('DedupeKey', dedupeKeySchema);

/**
 * Claim tokens `${eventId}#${attempt}`: inserting one decides which process handles an
 * attempt. A unique-key insert is atomic on MongoDB and FerretDB alike, while FerretDB 1.x
 * findAndModify is a read followed by an unconditional write, so two claimers could both win.
 */
const inboxClaimSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'inbox_claims', versionKey: false },
);

export const InboxClaimModel = mongoose.model('InboxClaim', inboxClaimSchema);
