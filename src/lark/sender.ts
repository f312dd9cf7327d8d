/**
 * The sender: delivers outbox entries (outbox.ts) to the Open API under the platform's rate limits.
 *
 * Per entry: claim a lease (claimed in batches, outbox-batch.ts), reserve the call's per-app slot
 * (an exact sliding window shared through the database, sliding-sequence.ts) and the slots of its
 * chat / user / message (fixed windows, rate-limiter.ts) for the slot's time, wait for that time
 * in-process (or put the entry back without counting an attempt), make the SDK call, record the
 * outcome fenced by the lease generation (deliveries recorded in batches). The hot path's
 * database writes are coalesced into a few `insertMany` / `updateMany` per batch: a 500-chat
 * broadcast goes out at the platform's 50/s (bench:broadcast). Retries with exponential backoff and jitter on 230020, 99991400, HTTP 429,
 * 5xx, network errors and token errors; anything else fails at once and is logged with its code.
 *
 * Order and parallelism: entries of one lane (a chat, a user, a card) go out one at a time in
 * enqueue order, across every process (an entry waits while an earlier one of its lane is pending
 * or sending); different lanes go out in parallel, up to `concurrency` calls per process, so a
 * broadcast is not serialised behind one chat's 5/s.
 *
 * Crash safety and exactly-once: an entry is in Mongo before anything is sent. If a sender dies
 * after claiming, the lease expires and another sender (or the restarted one) takes it over. The
 * outbox records delivery itself: a call that returned a message id leaves it in outbox_results
 * before the entry is marked sent, and an entry whose earlier call may have gone through (a lease
 * taken over, a timeout, a dropped connection, a 5xx: `uncertain`) is first checked for such a
 * recorded id — one read per claimed batch, none when no entry is uncertain — and marked sent with
 * it instead of being called again, after any delay. What remains is the call made whose answer
 * was never recorded: it is repeated with the same `uuid` only while Feishu still drops a repeated
 * create / reply (`uuidWindowMs`, default 50 min after the entry's first claim, which precedes
 * every call); after that the entry is parked as `unknown` (logged, counted, not sent) rather than
 * risk a second copy. Repeated patches are harmless (same content); a repeated urgent buzzes
 * twice and a repeated card_update uses the token's second use; both need a crash in a window of
 * milliseconds. Retries stop after `maxAttempts` with delays capped so that they end within the
 * uuid's hour.
 */
import type { Logger } from '../logger.js';
import { OutboxMessage, type OutboxMessageDoc } from '../models/outbox-message.js';
import type { Clock } from '../time/clock.js';
import { chatOfEntry, INACTIVE_CHAT_CODE, inactiveChatsAmong } from './chat-gate.js';
import type { LarkClient } from './client.js';
import { deliver, laneScope, scopesFor } from './deliver.js';
import { type LarkApiError, toLarkApiError } from './errors.js';
import { cleanupOutbox, onEnqueue } from './outbox.js';
import { claimMessages, SentRecorder } from './outbox-batch.js';
import {
  BAD_REFERENCE_CODE,
  deferMessage,
  findDueHeads,
  findEarlierDeliveries,
  markFailed,
  markRetry,
  markUnknown,
  resolveTarget,
} from './outbox-claim.js';
import { cleanupRateWindows, type RateGranted, RateLimiter } from './rate-limiter.js';
import type { RateScope } from './rate-rules.js';
import { SlidingSequence } from './sliding-sequence.js';

/** Options of {@link Sender}. */
export interface SenderOptions {
  client: LarkClient;
  /** Business time: leases, retry times, due times. Rate limits always use real time. */
  clock: Clock;
  log: Logger;
  /** Unique per process (host:pid:random); recorded as the lease owner. */
  owner: string;
  /** Lease on a claimed entry (default 30 s); a crashed sender's entries are retried after it. */
  leaseMs?: number;
  /** Calls per entry before it fails (default 10). */
  maxAttempts?: number;
  /** Idle poll interval of the loop (default 250 ms); enqueue in this process wakes it at once. */
  pollMs?: number;
  /**
   * Entries in progress per process, one per lane at most (default 128). An entry waits in
   * progress for its per-app slot time, so a burst of 50 calls in one second needs ≥ 50.
   */
  concurrency?: number;
  /** First retry delay (default 1 s), doubled per attempt, with jitter. */
  retryBaseMs?: number;
  /** Cap of a retry delay (default 5 min; 10 attempts then end within the uuid's hour). */
  retryMaxMs?: number;
  /** Longest in-process wait for a full rate window before putting the entry back (default 5 s). */
  maxRateWaitMs?: number;
  /** How often the loop deletes old rate windows and old outbox entries (default 60 s). */
  housekeepingMs?: number;
  /** Shared limiter of the per-chat, per-user and per-message rules (default: a new one). */
  limiter?: RateLimiter;
  /** Margin D of the per-app sliding sequence (sliding-sequence.ts; default 150 ms). */
  appSlotMarginMs?: number;
  /** Jitter source in [0, 1) (tests pin it). */
  random?: () => number;
  /**
   * How long after an entry's first claim a possibly delivered create / reply / file may be
   * repeated (default 50 min, inside Feishu's one-hour uuid deduplication); later it is parked.
   */
  uuidWindowMs?: number;
}

/** Kinds whose repeat Feishu drops by `uuid` within an hour (a repeat after that is a second message). */
const UUID_KINDS: ReadonlySet<string> = new Set(['send', 'reply', 'file']);

/** What a drain (or the loop so far) did. */
export interface SendSummary {
  sent: number;
  failed: number;
  /** Calls that failed with a retryable error and were scheduled again. */
  retried: number;
  /** Entries put back without an attempt (rate limit still full, target not sent yet). */
  deferred: number;
  /** Entries parked as `unknown`: possibly delivered, too late to repeat safely. */
  unknown: number;
}

/** Retry delay after `attempts` calls: base·2^(attempts−1) capped at max, times a jitter in [0.5, 1). */
export function backoffMs(
  attempts: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.5 + random() * 0.5));
}

/** The bytes of a file entry (claims read entries without them). */
async function loadBytes(doc: OutboxMessageDoc): Promise<OutboxMessageDoc['bytes']> {
  const row = await OutboxMessage.findById(doc._id, { bytes: 1 }).lean();
  return (row?.bytes ?? null) as OutboxMessageDoc['bytes'];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Lane heads read per query when the outbox is busy, and how long they are reused (real time). */
const HEAD_BATCH = 64;
/** Fewest free places worth a claim while entries are in progress. */
const MIN_CLAIM_BATCH = 16;
const HEAD_CACHE_MS = 1_000;

/** Delivers outbox entries; one instance per process. */
export class Sender {
  readonly owner: string;
  private readonly client: LarkClient;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly maxRateWaitMs: number;
  private readonly housekeepingMs: number;
  private readonly limiter: RateLimiter;
  private readonly appSlots: SlidingSequence;
  private readonly recorder = new SentRecorder();
  private readonly random: () => number;
  private readonly uuidWindowMs: number;

  private readonly inflight = new Map<string, Promise<void>>();
  private readonly busyLanes = new Set<string>();
  /** Real time before which a lane's own rate window is known to be full (saves idle waits). */
  private readonly laneReadyAt = new Map<string, number>();
  /** Earliest laneReadyAt of a head the last fill skipped (0 = none). */
  private skippedUntil = 0;
  private readonly totals: SendSummary = { sent: 0, failed: 0, retried: 0, deferred: 0, unknown: 0 };
  private loop: Promise<void> | undefined;
  private stopping = false;
  private woken = false;
  private wakeWaiter: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private lastHousekeeping = 0;
  /**
   * Lane heads read by the last query, used for the next fills while fresh: reading the due
   * heads is the sender's one query that grows with the outbox (FerretDB cannot serve it from an
   * index), so a broadcast to hundreds of chats must not repeat it for every free slot.
   * A stale head is harmless: its claim is fenced and simply fails.
   */
  private headCache: OutboxMessageDoc[] = [];
  private headCacheUntil = 0;

  constructor(opts: SenderOptions) {
    this.owner = opts.owner;
    this.client = opts.client;
    this.clock = opts.clock;
    this.log = opts.log.child({ owner: opts.owner });
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.maxAttempts = opts.maxAttempts ?? 10;
    this.pollMs = opts.pollMs ?? 250;
    this.concurrency = Math.max(1, opts.concurrency ?? 128);
    this.retryBaseMs = opts.retryBaseMs ?? 1_000;
    this.retryMaxMs = opts.retryMaxMs ?? 300_000;
    this.maxRateWaitMs = opts.maxRateWaitMs ?? 5_000;
    this.housekeepingMs = opts.housekeepingMs ?? 60_000;
    this.limiter = opts.limiter ?? new RateLimiter();
    this.appSlots = new SlidingSequence(`app:${opts.client.appId}`, undefined, opts.appSlotMarginMs);
    this.random = opts.random ?? Math.random;
    this.uuidWindowMs = opts.uuidWindowMs ?? 50 * 60_000;
  }

  /** Counts since this sender was created. */
  get summary(): SendSummary {
    return { ...this.totals };
  }

  /** Starts the delivery loop (idempotent). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.unsubscribe = onEnqueue(() => {
      this.headCacheUntil = 0; // new work may have become a lane head
      this.wake();
    });
    this.loop = this.run();
  }

  /** Stops claiming, lets in-flight calls finish and record their outcome, then resolves. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.unsubscribe?.();
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** Makes the loop look for work now (called after an enqueue in this process). */
  wake(): void {
    this.woken = true;
    this.wakeWaiter?.();
  }

  /**
   * Delivers everything that is due now (including what becomes claimable as earlier entries of
   * a lane finish) and returns what happened. For tests and the demo; not meant to run beside start().
   */
  async drain(): Promise<SendSummary> {
    const before = this.summary;
    for (;;) {
      const started = await this.fill();
      if (started > 0) continue;
      if (this.inflight.size > 0) await Promise.race(this.inflight.values());
      else if (this.skippedUntil > 0) await sleep(Math.max(1, this.skippedUntil - Date.now()));
      else break;
    }
    const after = this.summary;
    return {
      sent: after.sent - before.sent,
      failed: after.failed - before.failed,
      retried: after.retried - before.retried,
      deferred: after.deferred - before.deferred,
      unknown: after.unknown - before.unknown,
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.fill();
        await this.housekeep();
      } catch (error) {
        this.log.error({ err: error }, 'sender tick failed');
      }
      const laneWait = this.skippedUntil > 0 ? Math.max(1, this.skippedUntil - Date.now()) : this.pollMs;
      await this.idle(Math.min(this.pollMs, laneWait));
    }
    await Promise.allSettled([...this.inflight.values()]);
  }

  private async idle(ms: number): Promise<void> {
    if (!this.woken) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.wakeWaiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeWaiter = undefined;
    }
    this.woken = false;
  }

  private async housekeep(): Promise<void> {
    if (Date.now() - this.lastHousekeeping < this.housekeepingMs) return;
    this.lastHousekeeping = Date.now();
    await cleanupRateWindows(new Date());
    await cleanupOutbox(this.clock.now());
  }

  /**
   * Claims due lane heads up to the free capacity and starts them; returns how many started.
   * Skips lanes whose own rate window this process just filled, and patch / urgent entries whose
   * referenced send has no message id yet.
   */
  private async fill(): Promise<number> {
    const free = this.concurrency - this.inflight.size;
    this.skippedUntil = 0;
    if (free <= 0 || (this.stopping && this.loop)) return 0;
    // While busy, claim in batches: each claim costs a few round trips whatever its size.
    if (this.inflight.size > 0 && free < Math.min(MIN_CLAIM_BATCH, this.concurrency)) return 0;
    const heads = await this.dueHeads(Math.min(free, HEAD_BATCH) + 8);
    const realNow = Date.now();
    if (this.laneReadyAt.size > 1_000) {
      for (const [lane, at] of this.laneReadyAt) if (at <= realNow) this.laneReadyAt.delete(lane);
    }
    const candidates: OutboxMessageDoc[] = [];
    for (const head of heads) {
      const readyAt = this.laneReadyAt.get(head.lane) ?? 0;
      if (readyAt <= realNow) {
        this.laneReadyAt.delete(head.lane);
        candidates.push(head);
      } else if (this.skippedUntil === 0 || readyAt < this.skippedUntil) {
        this.skippedUntil = readyAt;
      }
    }
    const ready = await Promise.all(
      candidates.map(async (h) => !h.outboxKey || (await resolveTarget(h)).state !== 'wait'),
    );
    // From idle, a small first claim gets the first calls out sooner; later claims are larger.
    const want = this.inflight.size === 0 ? Math.min(free, MIN_CLAIM_BATCH) : free;
    const chosen = candidates.filter((_, i) => ready[i]).slice(0, want);
    if (chosen.length === 0) return 0;
    const claimed = await claimMessages(chosen, this.owner, this.clock.now(), this.leaseMs);
    const chats = claimed.map(chatOfEntry).filter((c): c is string => c !== null);
    const [inactive, earlier] = await Promise.all([
      inactiveChatsAmong([...new Set(chats)]),
      findEarlierDeliveries(claimed),
    ]);
    for (const doc of claimed) this.dispatch(doc, inactive, earlier.get(String(doc._id)));
    return claimed.length;
  }

  /** Up to `want` due lane heads, from the cache when it is fresh and large enough. */
  private async dueHeads(want: number): Promise<OutboxMessageDoc[]> {
    const realNow = Date.now();
    this.headCache = this.headCache.filter((h) => !this.busyLanes.has(h.lane));
    if (this.headCache.length < want || realNow >= this.headCacheUntil) {
      this.headCache = await findDueHeads(this.clock.now(), this.busyLanes, Math.max(want, HEAD_BATCH));
      this.headCacheUntil = realNow + HEAD_CACHE_MS;
    }
    return this.headCache.splice(0, want);
  }

  private dispatch(doc: OutboxMessageDoc, inactiveChats: ReadonlySet<string>, deliveredAs?: string): void {
    const id = String(doc._id);
    this.busyLanes.add(doc.lane);
    const work = (deliveredAs ? this.recordEarlier(doc, deliveredAs) : this.process(doc, inactiveChats))
      .catch((error: unknown) => {
        // A database error: the lease expires and the entry is taken over later.
        this.log.error({ err: error, key: doc.key }, 'outbox entry not recorded; retried after the lease');
      })
      .finally(() => {
        this.busyLanes.delete(doc.lane);
        this.inflight.delete(id);
        this.wake();
      });
    this.inflight.set(id, work);
  }

  private async process(doc: OutboxMessageDoc, inactiveChats: ReadonlySet<string>): Promise<void> {
    const log = this.log.child({ key: doc.key, kind: doc.kind });
    if (doc.attempts >= this.maxAttempts) {
      const error = doc.lastError ?? { code: -3, msg: 'lease expired', httpStatus: null };
      await markFailed(
        doc,
        this.clock.now(),
        { code: error.code ?? -3, msg: error.msg ?? '', httpStatus: undefined },
        false,
      );
      this.totals.failed++;
      log.error(
        { code: error.code, attempts: doc.attempts },
        'outbox entry failed: attempts exhausted by lost leases',
      );
      return;
    }
    if (await this.dropIfChatInactive(doc, inactiveChats, log)) return;
    const target = await resolveTarget(doc);
    if (target.state === 'wait') {
      await deferMessage(doc, new Date(Math.max(target.until.getTime(), this.clock.now().getTime() + 500)));
      this.totals.deferred++;
      return;
    }
    if (target.state === 'bad') {
      await markFailed(
        doc,
        this.clock.now(),
        { code: BAD_REFERENCE_CODE, msg: target.msg, httpStatus: undefined },
        false,
      );
      this.totals.failed++;
      log.error({ code: BAD_REFERENCE_CODE, msg: target.msg }, 'outbox entry failed: bad reference');
      return;
    }
    if (await this.parkIfTooLate(doc, log)) return;
    if (doc.kind === 'file' && !doc.bytes) doc.bytes = await loadBytes(doc);
    const granted = await this.acquire(scopesFor(doc, target.messageId));
    if (!granted) {
      await deferMessage(doc, new Date(this.clock.now().getTime() + 1_000));
      this.totals.deferred++;
      log.warn('rate limit still full; entry put back');
      return;
    }
    if (laneScope(doc, target.messageId)) this.laneReadyAt.set(doc.lane, granted.windowEnds.at(-1) ?? 0);
    try {
      await this.call(doc, target.messageId, log, granted.answered);
    } finally {
      granted.answered();
    }
  }

  /** Marks sent, without a call, an entry an earlier lease generation delivered as `messageId`. */
  private async recordEarlier(doc: OutboxMessageDoc, messageId: string): Promise<void> {
    const log = this.log.child({ key: doc.key, kind: doc.kind });
    await this.recorder.record(doc, messageId, this.clock.now());
    this.totals.sent++;
    log.info({ messageId }, 'outbox entry already delivered by an earlier attempt; recorded, not sent again');
  }

  /**
   * Parks a create / reply / file whose earlier call may have delivered it once a repeat would
   * fall outside Feishu's uuid window; true when parked.
   */
  private async parkIfTooLate(doc: OutboxMessageDoc, log: Logger): Promise<boolean> {
    if (!doc.uncertain || !UUID_KINDS.has(doc.kind)) return false;
    const first = (doc.firstClaimAt ?? doc.createdAt).getTime();
    const age = this.clock.now().getTime() - first;
    if (age < this.uuidWindowMs) return false;
    const msg = `an earlier call may have delivered it; ${Math.round(age / 60_000)} min after the first attempt a repeat could be a second copy`;
    await markUnknown(doc, this.clock.now(), msg);
    this.totals.unknown++;
    log.error(
      { attempts: doc.attempts, firstAttemptAt: new Date(first) },
      'outbox entry parked as unknown: not sent again',
    );
    return true;
  }

  /** Fails an entry for a group the bot was removed from, without calling the API. */
  private async dropIfChatInactive(
    doc: OutboxMessageDoc,
    inactiveChats: ReadonlySet<string>,
    log: Logger,
  ): Promise<boolean> {
    const chatId = chatOfEntry(doc);
    if (!chatId || !inactiveChats.has(chatId)) return false;
    const msg = `chat ${chatId} is inactive: the bot was removed from it`;
    await markFailed(doc, this.clock.now(), { code: INACTIVE_CHAT_CODE, msg, httpStatus: undefined }, false);
    this.totals.failed++;
    log.warn({ code: INACTIVE_CHAT_CODE, chatId }, 'outbox entry dropped: the bot is no longer in this chat');
    return true;
  }

  private async call(
    doc: OutboxMessageDoc,
    targetMessageId: string | null,
    log: Logger,
    answered: () => void,
  ): Promise<void> {
    let error: LarkApiError;
    try {
      const { messageId } = await deliver(this.client, doc, targetMessageId).finally(answered);
      if (!(await this.recorder.record(doc, messageId, this.clock.now()))) {
        log.warn('lease was taken over before the delivery was recorded (the repeat carries the same uuid)');
      }
      this.totals.sent++;
      log.debug({ messageId }, 'outbox entry delivered');
      return;
    } catch (caught) {
      error = toLarkApiError(caught);
    }
    if (error.tokenInvalid) await this.client.resetToken();
    const attempts = doc.attempts + 1;
    const detail = { code: error.code, msg: error.msg, httpStatus: error.httpStatus, attempts };
    if (error.retryable && attempts < this.maxAttempts) {
      const delay = backoffMs(attempts, this.retryBaseMs, this.retryMaxMs, this.random);
      await markRetry(doc, new Date(this.clock.now().getTime() + delay), error, error.mayHaveArrived);
      this.totals.retried++;
      log.warn({ ...detail, retryInMs: delay }, 'outbox call failed; will retry');
      return;
    }
    await markFailed(doc, this.clock.now(), error, true);
    this.totals.failed++;
    log.error(detail, 'outbox entry failed');
  }

  /**
   * Reserves the call's per-app slot (sliding-sequence.ts) and its lane slots for the slot's
   * time, then waits until the call may be made; retries in-process up to maxRateWaitMs (real
   * time). Resolves with the lane grant and `answered` (to call once the call's answer came, or
   * it failed), or null when the entry should be put back.
   */
  private async acquire(laneScopes: RateScope[]): Promise<(RateGranted & { answered: () => void }) | null> {
    const deadline = Date.now() + this.maxRateWaitMs;
    for (;;) {
      const slot = await this.appSlots.reserve(Math.max(0, deadline - Date.now()));
      if (!slot.ok) return null;
      const answered = () => this.appSlots.done(slot.n);
      let lane: Awaited<ReturnType<RateLimiter['acquire']>>;
      try {
        lane = await this.limiter.acquire(laneScopes, slot.at);
        if (lane.ok) {
          const wait = slot.at - Date.now();
          if (wait > 0) await sleep(wait);
          await this.appSlots.gate(slot.n);
          return { ...lane, answered };
        }
      } catch (error) {
        answered();
        throw error;
      }
      // The lane's window is full: this app slot goes unused (it only wastes a place).
      answered();
      const retryAt = Date.now() + lane.retryAfterMs + Math.floor(this.random() * 5);
      if (retryAt > deadline) return null;
      await sleep(retryAt - Date.now());
    }
  }
}
