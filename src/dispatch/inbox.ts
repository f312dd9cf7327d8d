import { insertsInto, updatesOf } from '../batching/collections.js';
import { DedupeKeyModel, InboxClaimModel, InboxEventModel } from '../models/inbox-event.js';
import type { Envelope } from '../transport/envelope.js';

/** True for MongoDB's duplicate-key error. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** The processing lease a fresh event is stored with: the storing process runs it, attempt 1. */
export interface FreshClaim {
  owner: string;
  leaseMs: number;
}

/** A stored event as a claim returns it. */
export interface ClaimedEvent {
  _id: string;
  eventType: string;
  envelope: unknown;
  receivedAt: Date;
  attempts?: number | null;
}

/**
 * Stores an event under its event_id; false when it was already stored (a redelivery). With
 * `claim`, the event is stored already leased to the caller (attempt 1): the unique insert is the
 * claim, so a fresh event costs one write, group-committed with the burst it arrives in.
 */
export async function recordEvent(envelope: Envelope, now: Date, claim?: FreshClaim): Promise<boolean> {
  return insertsInto(InboxEventModel).insert({
    _id: envelope.header.event_id,
    eventType: envelope.header.event_type,
    envelope,
    state: claim ? 'processing' : 'received',
    attempts: claim ? 1 : 0,
    leaseOwner: claim?.owner ?? null,
    leaseUntil: claim ? new Date(now.getTime() + claim.leaseMs) : null,
    receivedAt: now,
    finishedAt: null,
    lastError: null,
  });
}

/** The claim a fresh event stored by {@link recordEvent} with a lease stands for. */
export function freshlyClaimed(envelope: Envelope, now: Date): ClaimedEvent {
  return {
    _id: envelope.header.event_id,
    eventType: envelope.header.event_type,
    envelope,
    receivedAt: now,
    attempts: 1,
  };
}

/** Claims a secondary key for an event; false when another event owns it. Idempotent per event. */
export async function claimDedupeKey(key: string, eventId: string, now: Date): Promise<boolean> {
  if (await insertsInto(DedupeKeyModel).insert({ _id: key, eventId, createdAt: now })) return true;
  const owner = await DedupeKeyModel.findById(key).lean();
  return owner?.eventId === eventId;
}

/** Runs an event gets; one that has used them all is parked as poisoned instead of run again. */
export const MAX_EVENT_ATTEMPTS = 3;
/** How long after a failed run (the handler threw) the event is tried again. */
export const EVENT_RETRY_DELAY_MS = 60_000;

/** An event that has used up its attempts and must be parked (and reported) instead of run. */
export interface ExhaustedEvent {
  exhausted: true;
  eventId: string;
  eventType: string;
  receivedAt: Date;
  attempts: number;
}

/**
 * Takes the processing lease on a stored event; null when someone else holds it or it is
 * finished. The claim token insert makes the claim exclusive on both engines; the lease
 * update that follows is written by the winner alone. The attempt is counted here, when it
 * is claimed, so a run that crashes the process counts; an event whose {@link MAX_EVENT_ATTEMPTS}
 * are used up is not claimed (null) but handed to `onExhausted`, which parks it.
 */
export async function claimEvent(
  eventId: string,
  owner: string,
  now: Date,
  leaseMs: number,
  onExhausted?: (event: ExhaustedEvent) => Promise<void>,
) {
  const current = await InboxEventModel.findById(eventId).lean();
  if (!current) return null;
  const claimable =
    current.state === 'received' || (current.state === 'processing' && (current.leaseUntil ?? now) < now);
  if (!claimable) return null;
  if ((current.attempts ?? 0) >= MAX_EVENT_ATTEMPTS) {
    await onExhausted?.(exhausted(current));
    return null;
  }
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
    {
      $set: {
        state: 'processing',
        leaseOwner: owner,
        leaseUntil: new Date(now.getTime() + leaseMs),
        attempts: attempt,
      },
    },
    { returnDocument: 'after' },
  ).lean();
}

function exhausted(doc: {
  _id: string;
  eventType: string;
  receivedAt: Date;
  attempts?: number | null;
}): ExhaustedEvent {
  return {
    exhausted: true,
    eventId: doc._id,
    eventType: doc.eventType,
    receivedAt: doc.receivedAt,
    attempts: doc.attempts ?? 0,
  };
}

/**
 * After a run that threw: hands the event back for another run after `delayMs` (its lease
 * ends then, and the stranded sweep picks it up), or, when that was its last attempt, returns
 * it as {@link ExhaustedEvent} to be parked.
 */
export async function failEventAttempt(
  event: { _id: string; eventType: string; receivedAt: Date; attempts?: number | null },
  owner: string,
  now: Date,
  error: string,
  delayMs = EVENT_RETRY_DELAY_MS,
): Promise<ExhaustedEvent | undefined> {
  if ((event.attempts ?? 0) >= MAX_EVENT_ATTEMPTS) return exhausted(event);
  await InboxEventModel.updateOne(
    { _id: { $eq: event._id }, leaseOwner: owner },
    { $set: { leaseOwner: null, leaseUntil: new Date(now.getTime() + delayMs), lastError: error } },
  );
  return undefined;
}

/** Parks an exhausted event for good: `poisoned`, never claimable again, kept for inspection. */
export async function parkPoisonedEvent(eventId: string, now: Date, error?: string): Promise<void> {
  await InboxEventModel.updateOne(
    { _id: { $eq: eventId }, state: { $in: ['received', 'processing'] } },
    {
      $set: {
        state: 'poisoned',
        finishedAt: now,
        leaseOwner: null,
        leaseUntil: null,
        ...(error ? { lastError: error } : {}),
      },
    },
  );
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

/** Marks a claimed event finished (group-committed: a burst finishing together is one update). */
export async function finishEvent(
  eventId: string,
  owner: string,
  state: 'done' | 'failed' | 'duplicate',
  now: Date,
  error?: string,
): Promise<void> {
  await updatesOf(InboxEventModel).update({
    key: eventId,
    // `state` narrows FerretDB's pushed-down equality to the events in progress (not every event
    // this process ever finished), so the batch's `_id $in` is checked over a handful of rows.
    where: { state: 'processing', leaseOwner: owner },
    set: { state, finishedAt: now, leaseUntil: null, lastError: error ?? null },
  });
}

/** Deletes finished events older than `before` (no TTL indexes on FerretDB). */
export async function pruneInbox(before: Date): Promise<number> {
  const events = await InboxEventModel.deleteMany({
    state: { $in: ['done', 'failed', 'duplicate', 'poisoned'] },
    finishedAt: { $lt: before },
  });
  const keys = await DedupeKeyModel.deleteMany({ createdAt: { $lt: before } });
  const claims = await InboxClaimModel.deleteMany({ createdAt: { $lt: before } });
  return events.deletedCount + keys.deletedCount + claims.deletedCount;
}
