import { DedupeKeyModel, InboxClaimModel, InboxEventModel } from '../models/inbox-event.js';
import type { Envelope } from '../transport/envelope.js';

/** True for MongoDB's duplicate-key error. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Stores an event under its event_id; false when it was already stored (a redelivery). */
export async function recordEvent(envelope: Envelope, now: Date): Promise<boolean> {
  try {
    await InboxEventModel.create({
      _id: envelope.header.event_id,
      eventType: envelope.header.event_type,
      envelope,
      state: 'received',
      receivedAt: now,
    });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** Claims a secondary key for an event; false when another event owns it. Idempotent per event. */
export async function claimDedupeKey(key: string, eventId: string, now: Date): Promise<boolean> {
  try {
    await DedupeKeyModel.create({ _id: key, eventId, createdAt: now });
    return true;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const owner = await DedupeKeyModel.findById(key).lean();
    return owner?.eventId === eventId;
  }
}

/**
 * Takes the processing lease on a stored event; null when someone else holds it or it is
 * finished. The claim token insert makes the claim exclusive on both engines; the lease
 * update that follows is written by the winner alone.
 */
export async function claimEvent(eventId: string, owner: string, now: Date, leaseMs: number) {
  const current = await InboxEventModel.findById(eventId).lean();
  if (!current) return null;
  const claimable =
    current.state === 'received' || (current.state === 'processing' && (current.leaseUntil ?? now) < now);
  if (!claimable) return null;
  let attempt = (current.attempts ?? 0) + 1;
  for (;;) {
    try {
      await InboxClaimModel.create({ _id: `${eventId}#${attempt}`, owner, createdAt: now });
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // A claimer that died between its token and the lease leaves the token behind: once it is
      // older than a lease, the next attempt number is free to claim (else the event is stuck).
      const token = await InboxClaimModel.findById(`${eventId}#${attempt}`).lean();
      if (!token || token.createdAt.getTime() + leaseMs > now.getTime()) return null;
      attempt++;
    }
  }
  return InboxEventModel.findOneAndUpdate(
    { _id: { $eq: eventId }, attempts: current.attempts ?? 0 },
    { $set: { state: 'processing', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), attempts: attempt } },
    { returnDocument: 'after' },
  ).lean();
}

/** Finds events left unfinished by a crash (received, or processing with an expired lease). */
export async function findStranded(now: Date, olderThan: Date, limit: number): Promise<string[]> {
  const docs = await InboxEventModel.find({
    $or: [
      { state: 'received', receivedAt: { $lt: olderThan } },
      { state: 'processing', leaseUntil: { $lt: now } },
    ],
  })
    .sort({ receivedAt: 1 })
    .limit(limit)
    .select({ _id: 1 })
    .lean();
  return docs.map((d) => d._id);
}

/** Marks a claimed event finished. */
export async function finishEvent(
  eventId: string,
  owner: string,
  state: 'done' | 'failed' | 'duplicate',
  now: Date,
  error?: string,
): Promise<void> {
  await InboxEventModel.updateOne(
    { _id: { $eq: eventId }, leaseOwner: owner },
    { $set: { state, finishedAt: now, leaseUntil: null, lastError: error ?? null } },
  );
}

/** Deletes finished events older than `before` (no TTL indexes on FerretDB). */
export async function pruneInbox(before: Date): Promise<number> {
  const events = await InboxEventModel.deleteMany({
    state: { $in: ['done', 'failed', 'duplicate'] },
    finishedAt: { $lt: before },
  });
  const keys = await DedupeKeyModel.deleteMany({ createdAt: { $lt: before } });
  const claims = await InboxClaimModel.deleteMany({ createdAt: { $lt: before } });
  return events.deletedCount + keys.deletedCount + claims.deletedCount;
}
