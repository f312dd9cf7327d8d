/**
 * Who receives a reply to an anonymous item: the sender sealed in the item (only this process,
 * which holds the key, can open it), or — for items stored before sealing — the open_id behind
 * the item's relay token in `feedback_relays`. Nothing lists, exports or audits either.
 * Also forgets what the bot sent an anonymous sender once it has been delivered.
 */
import { FeedbackRelayModel } from '../models/feedback.js';
import { OutboxMessage, OutboxResult } from '../models/outbox-message.js';
import { unseal } from './sealing.js';

/** The open_id an anonymous item's reply goes to; undefined when unknown. */
export async function resolveAnonymousSender(item: {
  sealedSender: string | null;
  relayToken: string | null;
}): Promise<string | undefined> {
  if (item.sealedSender) return unseal(item.sealedSender);
  if (!item.relayToken) return undefined;
  const doc = await FeedbackRelayModel.findOne({ _id: { $eq: item.relayToken } }).lean();
  return doc?.openId;
}

/**
 * Outbox keys of messages addressed to an anonymous sender (the confirmation, the form, relayed
 * replies): kept only until delivered, then deleted by {@link forgetDeliveredToSenders}.
 */
export const FORGET_PREFIX = 'forget:';

/**
 * Deletes delivered (or finally failed) outbox entries under {@link FORGET_PREFIX} with their
 * delivery records: nothing is left that addresses an anonymous sender with a time. Returns how
 * many entries were deleted.
 */
export async function forgetDeliveredToSenders(): Promise<number> {
  const done = await OutboxMessage.find({
    key: { $regex: `^${FORGET_PREFIX}` },
    state: { $in: ['sent', 'failed'] },
  })
    .select({ _id: 1 })
    .lean();
  if (done.length === 0) return 0;
  const ids = done.map((d) => d._id);
  for (const id of ids) await OutboxResult.deleteMany({ _id: { $regex: `^${String(id)}:` } });
  const res = await OutboxMessage.deleteMany({ _id: { $in: ids } });
  return res.deletedCount;
}

const FORGET_AFTER_MS = [5_000, 30_000, 120_000, 600_000];

/**
 * Sweeps soon after something was queued under {@link FORGET_PREFIX}: a few in-process timers
 * (unref'd, no scheduler jobs); the daily cleanup job and every later feedback sweep too, so a
 * restart in between leaves a row only until then.
 */
export function forgetSoon(onError: (error: unknown) => void): void {
  for (const ms of FORGET_AFTER_MS)
    setTimeout(() => void forgetDeliveredToSenders().catch(onError), ms).unref();
}
