/**
 * State transitions of outbox entries, used by the sender. Every write after a claim is fenced by
 * `claimSeq` (the lease generation), so a sender whose lease was taken over cannot overwrite the
 * new holder's outcome.
 *
 * Claiming is a findOneAndUpdate lease (atomic on MongoDB) confirmed by inserting a ticket
 * `<id>:<claimSeq>` into outbox_claims: FerretDB 1.24 lets concurrent findOneAndUpdate calls on
 * one document both succeed (measured: up to 15 of 20 racing claimers "won"), but only one insert
 * of a given `_id` can succeed there too, so exactly one sender proceeds per generation.
 */
import { OutboxClaim, OutboxMessage, type OutboxMessageDoc, OutboxResult } from '../models/outbox-message.js';
import type { LarkApiError } from './errors.js';

/** `lastError.code` recorded when a lease expired (the holder crashed or stalled mid-call). */
export const LEASE_EXPIRED_CODE = -3;

/** `lastError.code` when a patch / urgent names an outbox key that failed or does not exist. */
export const BAD_REFERENCE_CODE = -4;

/** `lastError.code` of an entry parked as `unknown` (delivered or not, nobody can tell). */
export const UNKNOWN_DELIVERY_CODE = -5;

/** The filter of entries a sender may claim now: due pending ones and expired leases. */
export function dueFilter(now: Date) {
  return {
    $or: [
      { state: 'pending' as const, nextAttemptAt: { $lte: now } },
      { state: 'sending' as const, leaseUntil: { $lte: now } },
    ],
  };
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

function isClaimable(doc: OutboxMessageDoc, now: Date): boolean {
  if (doc.state === 'pending') return doc.nextAttemptAt <= now;
  return (
    doc.state === 'sending' &&
    doc.leaseUntil !== null &&
    doc.leaseUntil !== undefined &&
    doc.leaseUntil <= now
  );
}

/**
 * The head of each lane not in `exclude` (lanes busy in this process) when it can be claimed
 * now, oldest first, at most `limit`. The head is the lane's earliest unfinished entry, so an
 * entry waiting for a retry, or leased by another sender, holds back the rest of its lane.
 * Asks again without the lanes already seen, so one long lane cannot hide the others.
 */
export async function findDueHeads(
  now: Date,
  exclude: Iterable<string>,
  limit: number,
): Promise<OutboxMessageDoc[]> {
  const seen = new Set(exclude);
  const heads: OutboxMessageDoc[] = [];
  for (let round = 0; round < 4 && heads.length < limit; round++) {
    const batch = limit * 2 + 8;
    // One query per state: an equality FerretDB serves from an index, so the entries already
    // sent (most of the collection) are never read; merged back into lane order by seq.
    const parts = await Promise.all(
      (['pending', 'sending'] as const).map(
        (state) =>
          OutboxMessage.find({ state, notBefore: { $lte: now }, lane: { $nin: [...seen] } })
            // File bytes (up to 10 MB each) are not needed to pick heads; the claim reads the full entry.
            .select({ bytes: 0 })
            .sort({ seq: 1 })
            .limit(batch)
            .lean() as Promise<OutboxMessageDoc[]>,
      ),
    );
    const full = parts.some((p) => p.length >= batch);
    const docs = parts
      .flat()
      .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))
      .slice(0, batch);
    for (const doc of docs) {
      if (seen.has(doc.lane)) continue;
      seen.add(doc.lane);
      if (isClaimable(doc, now)) heads.push(doc);
      if (heads.length >= limit) break;
    }
    if (!full) break;
  }
  return heads;
}

/** True when an earlier entry of the same lane is still pending or being sent (order is kept). */
export async function hasEarlierUnfinished(doc: OutboxMessageDoc): Promise<boolean> {
  const hit = await OutboxMessage.exists({
    lane: doc.lane,
    state: { $in: ['pending', 'sending'] },
    seq: { $lt: doc.seq },
  });
  return hit !== null;
}

/** Where a patch / urgent entry points: a Feishu message id, not yet known, or a dead end. */
export type TargetResolution =
  | { state: 'ready'; messageId: string | null }
  | { state: 'wait'; until: Date }
  | { state: 'bad'; msg: string };

/** Resolves `outboxKey` references to the message id the referenced send produced. */
export async function resolveTarget(doc: OutboxMessageDoc): Promise<TargetResolution> {
  if (!doc.outboxKey) return { state: 'ready', messageId: doc.messageId ?? null };
  const ref = await OutboxMessage.findOne({ key: doc.outboxKey }).lean();
  if (!ref) return { state: 'bad', msg: `no outbox entry with key ${doc.outboxKey}` };
  if (ref.state === 'sent') {
    const id = await sentMessageId(ref as OutboxMessageDoc);
    return id
      ? { state: 'ready', messageId: id }
      : { state: 'bad', msg: `${doc.outboxKey} has no message id` };
  }
  if (ref.state === 'failed' || ref.state === 'unknown')
    return {
      state: 'bad',
      msg: `referenced message ${doc.outboxKey} ${ref.state === 'failed' ? 'failed' : 'has no known message id'}`,
    };
  return { state: 'wait', until: ref.nextAttemptAt };
}

/** Takes the lease on a due entry, or returns null when another sender has it. */
export async function claimMessage(
  doc: OutboxMessageDoc,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<OutboxMessageDoc | null> {
  const takeover = doc.state === 'sending';
  const after = (await OutboxMessage.findOneAndUpdate(
    { _id: doc._id, claimSeq: doc.claimSeq, ...dueFilter(now) },
    {
      $set: {
        state: 'sending',
        leaseOwner: owner,
        leaseUntil: new Date(now.getTime() + leaseMs),
        ...(doc.claimSeq === 0 ? { firstClaimAt: now } : {}),
        ...(takeover
          ? {
              // The dead holder may have made the call: look for its message id, repeat only within the uuid window.
              uncertain: true,
              lastError: {
                code: LEASE_EXPIRED_CODE,
                msg: `lease of ${doc.leaseOwner} expired`,
                httpStatus: null,
              },
            }
          : {}),
      },
      // A takeover counts the lost call as an attempt, so a message that kills its sender ends.
      $inc: { claimSeq: 1, ...(takeover ? { attempts: 1 } : {}) },
    },
    { returnDocument: 'after' },
  ).lean()) as OutboxMessageDoc | null;
  if (!after) return null;
  try {
    await OutboxClaim.collection.insertOne({
      _id: `${after._id}:${after.claimSeq}`,
      owner,
      at: now,
    } as never);
  } catch (error) {
    if (isDuplicateKey(error)) return null;
    throw error;
  }
  return after;
}

/** The id of an entry's result row: one per lease generation, so a holder whose lease was taken over cannot leave its id. */
export function resultId(doc: Pick<OutboxMessageDoc, '_id' | 'claimSeq'>): string {
  return `${doc._id}:${doc.claimSeq}`;
}

/** The message id a sent entry produced (recorded on the entry, or beside it by a batch). */
export async function sentMessageId(
  doc: Pick<OutboxMessageDoc, '_id' | 'state' | 'result' | 'claimSeq'>,
): Promise<string | null> {
  if (doc.result?.messageId) return doc.result.messageId;
  if (doc.state !== 'sent') return null;
  const row = await OutboxResult.findOne({ _id: { $eq: resultId(doc) } }).lean();
  return row?.messageId ?? null;
}

function fence(doc: OutboxMessageDoc) {
  return { _id: doc._id, claimSeq: doc.claimSeq };
}

const released = { leaseOwner: null, leaseUntil: null };

function errorOf(error: Pick<LarkApiError, 'code' | 'msg' | 'httpStatus'>) {
  return { code: error.code, msg: error.msg.slice(0, 500), httpStatus: error.httpStatus ?? null };
}

/**
 * Puts the entry back for another attempt at `nextAttemptAt`, counting this one. `uncertain`: the
 * call may have been carried out (no answer, or a 5xx), so the next one is a repeat.
 */
export async function markRetry(
  doc: OutboxMessageDoc,
  nextAttemptAt: Date,
  error: Pick<LarkApiError, 'code' | 'msg' | 'httpStatus'>,
  uncertain = false,
): Promise<boolean> {
  const res = await OutboxMessage.updateOne(fence(doc), {
    $set: {
      state: 'pending',
      nextAttemptAt,
      lastError: errorOf(error),
      ...released,
      ...(uncertain ? { uncertain: true } : {}),
    },
    $inc: { attempts: 1 },
  });
  return res.matchedCount > 0;
}

/** Gives up on the entry; `counted` adds the call just made to `attempts`. */
export async function markFailed(
  doc: OutboxMessageDoc,
  now: Date,
  error: Pick<LarkApiError, 'code' | 'msg' | 'httpStatus'>,
  counted: boolean,
): Promise<boolean> {
  const res = await OutboxMessage.updateOne(fence(doc), {
    $set: { state: 'failed', failedAt: now, lastError: errorOf(error), ...released },
    ...(counted ? { $inc: { attempts: 1 } } : {}),
  });
  return res.matchedCount > 0;
}

/**
 * Parks an entry whose earlier call may have delivered it, once a repeat could no longer be
 * dropped by Feishu's uuid window: never called again (a second copy is worse than none); logged
 * and counted by the sender.
 */
export async function markUnknown(doc: OutboxMessageDoc, now: Date, msg: string): Promise<boolean> {
  const res = await OutboxMessage.updateOne(fence(doc), {
    $set: {
      state: 'unknown',
      failedAt: now,
      lastError: { code: UNKNOWN_DELIVERY_CODE, msg, httpStatus: null },
      ...released,
    },
  });
  return res.matchedCount > 0;
}

/**
 * Message ids recorded by earlier lease generations of uncertain entries (a holder that got its
 * answer but lost its lease, or died, before marking the entry sent), in one read for a batch.
 * Empty, without a query, when no entry is uncertain: fresh entries cost nothing.
 */
export async function findEarlierDeliveries(docs: readonly OutboxMessageDoc[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const ids = docs
    .filter((d) => d.uncertain)
    .flatMap((d) => Array.from({ length: Math.max(0, d.claimSeq - 1) }, (_, i) => `${d._id}:${i + 1}`));
  if (ids.length === 0) return found;
  const rows = await OutboxResult.find({ _id: { $in: ids } }).lean();
  for (const row of rows) {
    if (!row.messageId) continue;
    const entry = row._id.slice(0, row._id.lastIndexOf(':'));
    if (!found.has(entry)) found.set(entry, row.messageId);
  }
  return found;
}

/** Puts the entry back without counting an attempt (rate limit full, target not sent yet). */
export async function deferMessage(doc: OutboxMessageDoc, nextAttemptAt: Date): Promise<boolean> {
  const res = await OutboxMessage.updateOne(fence(doc), {
    $set: { state: 'pending', nextAttemptAt, ...released },
  });
  return res.matchedCount > 0;
}
