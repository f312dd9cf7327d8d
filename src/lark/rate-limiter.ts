/**
 * Cross-process rate limiter over fixed windows stored in Mongo (rules and proof in rate-rules.ts).
 *
 * Taking a slot is a plain insert of `<rule>:<key>:<windowMs>:<window>:<slot>`; a duplicate-key
 * error (11000) means someone else holds that slot. We do not use the conditional-upsert counter
 * (`updateOne({_id, n: {$lt: L}}, {$inc: {n: 1}}, {upsert: true})`): FerretDB 1.24 applies
 * concurrent conditional updates of one document without isolation (lost `$inc`s, measured: 40
 * concurrent increments against a limit of 10 all "succeeded"), while unique inserts hold on both
 * engines. A call takes one slot in each of its scopes; when a later scope is full, the slots
 * already taken are deleted again.
 */

import { InsertBatcher } from '../batching/insert-batcher.js';
import { RateSlot } from '../models/rate-window.js';
import type { RateRule, RateScope } from './rate-rules.js';

/** All slots taken: call the API, keep the slot ids (only to give them back if the call is not made). */
export interface RateGranted {
  ok: true;
  slots: string[];
  /** Per scope (same order): when the window of the slot taken ends (epoch ms). */
  windowEnds: number[];
}

/** A scope was full: nothing is held; try again after `retryAfterMs`. */
export interface RateRefused {
  ok: false;
  retryAfterMs: number;
  scope: RateScope;
}

/** The outcome of {@link RateLimiter.acquire}. */
export type RateDecision = RateGranted | RateRefused;

/** Slot inserts of this process, coalesced per event-loop turn into one insertMany. */
const slotInserts = new InsertBatcher(() => RateSlot.collection);

/** Takes and gives back rate-limit slots; one instance per process is enough. */
export class RateLimiter {
  private readonly nowMs: () => number;
  /** Per scope: the window seen last and the first slot not known to be taken (saves inserts). */
  private readonly hints = new Map<string, { window: number; next: number }>();

  /** @param nowMs wall-clock source (real time by default; limits are about real time). */
  constructor(nowMs: () => number = Date.now) {
    this.nowMs = nowMs;
  }

  /**
   * Takes one slot in every scope, in order, or none of them. `atMs` (default now) is when the
   * call will be made: a call planned for later takes a slot in that later window.
   */
  async acquire(scopes: readonly RateScope[], atMs?: number): Promise<RateDecision> {
    const taken: string[] = [];
    const windowEnds: number[] = [];
    for (const scope of scopes) {
      const got = await this.takeSlot(scope.rule, scope.key, atMs);
      if (typeof got === 'number') {
        await this.release(taken);
        return { ok: false, retryAfterMs: got, scope };
      }
      taken.push(got.id);
      windowEnds.push(got.windowEnd);
    }
    return { ok: true, slots: taken, windowEnds };
  }

  /** Gives slots back (the call they were taken for was not made). */
  async release(slots: readonly string[]): Promise<void> {
    if (slots.length === 0) return;
    await RateSlot.deleteMany({ _id: { $in: [...slots] } });
    for (const id of slots) {
      const parts = id.split(':');
      const slot = Number(parts.pop());
      const window = Number(parts.pop());
      const hint = this.hints.get(parts.join(':'));
      if (hint && hint.window === window) hint.next = Math.min(hint.next, slot);
    }
  }

  /**
   * Returns the slot taken, or the milliseconds until the scope's next window. Slot numbers are
   * handed out synchronously from the per-scope hint, so concurrent callers in this process try
   * different slots instead of colliding on the same insert.
   */
  private async takeSlot(
    rule: RateRule,
    key: string,
    atMs?: number,
  ): Promise<{ id: string; windowEnd: number } | number> {
    const now = Math.max(this.nowMs(), atMs ?? 0);
    const window = Math.floor(now / rule.windowMs);
    const windowEnd = (window + 1) * rule.windowMs;
    const scopeId = `${rule.name}:${key}:${rule.windowMs}`;
    let hint = this.hints.get(scopeId);
    if (!hint || hint.window !== window) {
      if (this.hints.size > 10_000) this.hints.clear();
      hint = { window, next: 0 };
      this.hints.set(scopeId, hint);
    }
    while (hint.next < rule.slots) {
      const id = `${scopeId}:${window}:${hint.next++}`;
      if (await slotInserts.insert({ _id: id, until: new Date(windowEnd) })) return { id, windowEnd };
    }
    return Math.max(1, windowEnd - this.nowMs());
  }
}

/**
 * Deletes fixed-window slots whose window ended more than `keepMs` before `now`, and all but the
 * newest {@link SEQUENCE_KEEP} slots of each sliding sequence (a sequence's newest slot must
 * survive, or a process starting later would number its calls from scratch beside a running one).
 * Returns how many were deleted.
 */
export async function cleanupRateWindows(now: Date, keepMs = 120_000): Promise<number> {
  const fixed = await RateSlot.deleteMany({
    scope: { $exists: false },
    until: { $lt: new Date(now.getTime() - keepMs) },
  });
  let deleted = fixed.deletedCount;
  const scopes = (await RateSlot.collection.distinct('scope')) as unknown[];
  for (const scope of scopes) {
    if (typeof scope !== 'string') continue;
    const top = await RateSlot.collection.findOne({ scope } as never, {
      sort: { n: -1 },
      projection: { n: 1 },
    });
    const n = (top as { n?: number } | null)?.n;
    if (typeof n !== 'number') continue;
    const res = await RateSlot.deleteMany({ scope: { $eq: scope }, n: { $lt: n - SEQUENCE_KEEP } });
    deleted += res.deletedCount;
  }
  return deleted;
}

/** Slots kept per sliding sequence: enough for its longest rule (1000 calls per minute). */
export const SEQUENCE_KEEP = 1_000;
