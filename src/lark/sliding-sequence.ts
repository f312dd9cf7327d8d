/**
 * Exact sliding-window admission for the per-app limits (50 calls/s and 1000 calls/min), shared
 * by every process on one database.
 *
 * Calls of a scope are numbered 0, 1, 2, … by unique inserts of `<scope>:<n>` into
 * `rate_windows`; slot n carries a start time Tₙ chosen by whoever inserts it:
 *
 *   Tₙ = max(now, Tₙ₋₁, Tₙ₋ₗ + P + D) for every rule (L calls per P ms),
 *
 * and its call is made at Tₙ (never earlier, at most D later). Claim: any L+1 calls reach Feishu
 * more than P apart. Proof: their slots s₀ < … < s_L satisfy s_L − L ≥ s₀, so arrival(s_L) ≥
 * T(s_L) ≥ T(s_L − L) + P + D ≥ T(s₀) + P + D − δ > arrival(s₀) + P − δ, where δ bounds how far
 * the times fall out of order across processes (two processes computing the same n from the
 * same history differ only in their `now`, i.e. by an insert's round trip plus clock skew). With
 * D covering both the lateness of a call and δ, no sliding window of P holds L + 1 calls. ∎
 *
 * Unlike fixed windows (rate-rules.ts), which must leave room for a whole window's burst on each
 * side of a boundary (≤ 40/s for 50/s), this admits bursts of L and sustains L per P + D:
 * 500 broadcast cards go out in ≈ 9 × (1 s + D) instead of 12.5 s.
 *
 * A process knows the times of every slot below its `next` (its own inserts, or read back when
 * an insert found the number taken), which is all the formula needs for n < next + L. Slots are
 * never given back: a reserved slot whose call is not made only wastes a place.
 */

import { InsertBatcher } from '../batching/insert-batcher.js';
import { SerialBatches } from '../batching/serial-batches.js';
import { RateSlot } from '../models/rate-window.js';

/** At most `limit` calls in any sliding window of `periodMs`. */
export interface SlidingRule {
  limit: number;
  periodMs: number;
}

/** The per-app rules of the message APIs. */
export const APP_SLIDING_RULES: readonly SlidingRule[] = [
  { limit: 50, periodMs: 1_000 },
  { limit: 1_000, periodMs: 60_000 },
];

/**
 * Default D (ms): how late another process's call may reach Feishu after its slot time, plus
 * cross-process disorder. This process's own calls need no margin: before a call, {@link
 * SlidingSequence.gate} waits until the answer to its own call L slots back has come (that
 * call reached Feishu before its answer left) and P has passed since, which also covers an
 * event loop stalled between a slot's time and its request.
 */
export const DEFAULT_SLOT_MARGIN_MS = 100;

const slotInserts = new InsertBatcher(() => RateSlot.collection);

/** A reserved slot: make the call at `at` (epoch ms), not earlier and at most D later. */
export interface SequenceSlot {
  ok: true;
  n: number;
  at: number;
}

/** No slot within the allowed wait: ask again after `retryAfterMs`. */
export interface SequenceRefused {
  ok: false;
  retryAfterMs: number;
}

interface Request {
  maxWaitMs: number;
  resolve: (r: SequenceSlot | SequenceRefused) => void;
  reject: (e: unknown) => void;
}

/** One scope's sequence (e.g. `app:<appId>`); one instance per process and scope. */
export class SlidingSequence {
  /** Slot number → start time, for the last `span` slots below `next`. */
  private readonly times = new Map<number, number>();
  private next = -1;
  private readonly span: number;
  private readonly requests: SerialBatches<Request>;
  /** This process's slots whose calls have not been answered yet: n → resolves with the answer time. */
  private readonly open = new Map<number, { done: Promise<number>; finish: (at: number) => void }>();
  /** Answer times of this process's recent calls. */
  private readonly answered = new Map<number, number>();

  constructor(
    private readonly scope: string,
    private readonly rules: readonly SlidingRule[] = APP_SLIDING_RULES,
    private readonly marginMs = DEFAULT_SLOT_MARGIN_MS,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.span = Math.max(...rules.map((r) => r.limit));
    this.requests = new SerialBatches((batch) => this.serveOrReject(batch), this.span);
  }

  /** Reserves the next slot if its time is at most `maxWaitMs` away. */
  reserve(maxWaitMs: number): Promise<SequenceSlot | SequenceRefused> {
    return new Promise((resolve, reject) => this.requests.push({ maxWaitMs, resolve, reject }));
  }

  /** Serves one batch of requests; a database error rejects the whole batch. */
  private async serveOrReject(batch: Request[]): Promise<void> {
    try {
      await this.serve(batch);
    } catch (error) {
      for (const r of batch) r.reject(error);
    }
  }

  private timeFor(n: number, previous: number | undefined, now: number, batch: Map<number, number>): number {
    let at = Math.max(now, previous ?? 0);
    for (const rule of this.rules) {
      const k = n - rule.limit;
      const back = batch.get(k) ?? this.times.get(k);
      // Own calls need no margin: gate() waits for their answers (see DEFAULT_SLOT_MARGIN_MS).
      const own = batch.has(k) || this.open.has(k) || this.answered.has(k);
      if (back !== undefined) at = Math.max(at, back + rule.periodMs + (own ? 0 : this.marginMs));
    }
    return at;
  }

  private async serve(batch: Request[]): Promise<void> {
    let pending = batch;
    for (let round = 0; pending.length > 0; round++) {
      if (this.next < 0 || round > 0) await this.load();
      if (round > 20) throw new Error(`rate sequence ${this.scope}: no free slot after 20 rounds`);
      const now = this.nowMs();
      const planned: { req: Request; n: number; at: number }[] = [];
      const batchTimes = new Map<number, number>();
      let previous = this.times.get(this.next - 1);
      for (const req of pending) {
        const n = this.next + planned.length;
        const at = this.timeFor(n, previous, now, batchTimes);
        if (at - now > req.maxWaitMs) {
          req.resolve({ ok: false, retryAfterMs: Math.max(1, at - now - req.maxWaitMs) });
          continue;
        }
        planned.push({ req, n, at });
        batchTimes.set(n, at);
        previous = at;
      }
      if (planned.length === 0) return;
      const outcomes = await Promise.all(
        planned.map((p) =>
          slotInserts.insert({
            _id: `${this.scope}:${p.n}`,
            scope: this.scope,
            n: p.n,
            at: new Date(p.at),
            until: new Date(p.at + this.maxPeriod() + this.marginMs),
          }),
        ),
      );
      pending = [];
      // Times after a number another process took were planned from a guess of its time: those
      // slots stay (as places without a call) and their callers ask again after a reload.
      const firstTaken = outcomes.indexOf(false);
      planned.forEach((p, i) => {
        if (!outcomes[i]) {
          pending.push(p.req);
          return;
        }
        this.times.set(p.n, p.at);
        if (firstTaken >= 0 && i > firstTaken) {
          this.answered.set(p.n, p.at);
          pending.push(p.req);
          return;
        }
        let finish: (at: number) => void = () => {};
        const done = new Promise<number>((r) => {
          finish = r;
        });
        this.open.set(p.n, { done, finish });
        p.req.resolve({ ok: true, n: p.n, at: p.at });
      });
      this.next = Math.max(this.next, ...planned.filter((_, i) => outcomes[i]).map((p) => p.n + 1));
      this.prune();
    }
  }

  /**
   * Resolves when this process may make the call of slot `n` (at or after its time): every own
   * call `limit` slots back has been answered at least `periodMs` ago.
   */
  async gate(n: number): Promise<void> {
    for (const rule of this.rules) {
      const k = n - rule.limit;
      const open = this.open.get(k);
      const at = open ? await open.done : this.answered.get(k);
      if (at === undefined) continue;
      const wait = at + rule.periodMs - this.nowMs();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** Records that slot `n`'s call was answered (or will not be made) at `at`. */
  done(n: number, at: number = this.nowMs()): void {
    const open = this.open.get(n);
    if (!open) return;
    this.open.delete(n);
    this.answered.set(n, at);
    open.finish(at);
    if (this.answered.size > this.span * 2) {
      for (const k of this.answered.keys()) if (k < n - this.span) this.answered.delete(k);
    }
  }

  private maxPeriod(): number {
    return Math.max(...this.rules.map((r) => r.periodMs));
  }

  /** Reads the scope's recent slots (after another process took numbers this one tried). */
  private async load(): Promise<void> {
    const rows = (await RateSlot.collection
      .find({ scope: this.scope } as never, { projection: { n: 1, at: 1 } })
      .toArray()) as unknown as { n: number; at: Date }[];
    for (const r of rows) this.times.set(r.n, r.at.getTime());
    const top = rows.reduce((m, r) => Math.max(m, r.n), -1);
    this.next = Math.max(this.next, top + 1, 0);
    this.prune();
  }

  private prune(): void {
    if (this.times.size <= this.span * 2) return;
    for (const n of this.times.keys()) if (n < this.next - this.span) this.times.delete(n);
  }
}
