import mongoose from 'mongoose';

/**
 * One broadcast of a content item to a set of chats. `_id` is a short id (`B7K3Q`);
 * `sourceKey` is unique: `manual:<event id>` or `schedule:<schedule id>:<occurrence ISO>`, so a
 * retried event or a re-run schedule job finds the broadcast it already made. The chats are
 * fixed when it is created; each (broadcast, chat) send has the outbox key
 * `broadcast:<id>:<chat id>`, so resuming after a crash never sends a chat a second copy.
 */
const broadcastSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    sourceKey: { type: String, required: true, unique: true },
    itemId: { type: String, required: true },
    scheduleId: { type: String, default: null },
    chatIds: { type: [String], default: [] },
    /** Department (id) of each chat at send time, same order as chatIds ('' when unbound). */
    chatDepts: { type: [String], default: [] },
    required: { type: Boolean, default: false },
    /** 必学 only: delay of the one private reminder to those who did not press 已学习. */
    remindAfterMs: { type: Number, default: 24 * 3_600_000 },
    createdBy: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    /** Set once every chat's message is in the outbox. */
    enqueuedAt: { type: Date, default: null },
  },
  { collection: 'broadcasts', versionKey: false },
);
broadcastSchema.index({ scheduleId: 1, createdAt: -1 });
broadcastSchema.index({ createdAt: -1 });

export type BroadcastDoc = mongoose.InferSchemaType<typeof broadcastSchema>;
export const BroadcastModel = mongoose.model('Broadcast', broadcastSchema);

/**
 * A reader's response to a broadcast: `_id` = `${broadcastId}:${kind}:${openId}` — the unique
 * insert is the claim, so 已学习 counts once per person and only the first quiz answer counts.
 */
const broadcastResponseSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    broadcastId: { type: String, required: true },
    kind: { type: String, enum: ['ack', 'quiz'], required: true },
    openId: { type: String, required: true },
    deptId: { type: String, default: '' },
    chatId: { type: String, default: '' },
    /** Quiz only: the chosen option and whether it was right. */
    option: { type: Number, default: null },
    correct: { type: Boolean, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'broadcast_responses', versionKey: false },
);
broadcastResponseSchema.index({ broadcastId: 1, kind: 1 });

export type BroadcastResponseDoc = mongoose.InferSchemaType<typeof broadcastResponseSchema>;
export const BroadcastResponseModel = mongoose.model('BroadcastResponse', broadcastResponseSchema);
