/**
 * The job scheduler. The schedule lives in the `jobs` collection, never in process memory:
 * every tick claims due jobs one at a time (claim token + findOneAndUpdate lease, see
 * claim.ts), so any number of processes can tick the same database and each job runs once
 * (at-least-once if a process crashes mid-run; handlers must be idempotent, see JobHandler).
 *
 * States: pending → running (claimed, lease held) → done | failed | skipped; a handler error
 * returns the job to pending with a later runAt (backoff) until maxAttempts. A running job
 * whose lease expired (its owner crashed) is claimable again.
 */

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import { Job, type SkipReason } from '../models/job.js';
import type { Clock } from '../time/clock.js';
import { type ClaimedJob, dueMinuteOf, minutesBetween, TickClaimer } from './claim.js';
import { parseCron } from './cron-next.js';
import { latestOccurrence, logMissedOccurrences, occurrenceKey, type RecurringSpec } from './recurring.js';
import type {
  JobHandler,
  JobView,
  RecurringOptions,
  RegisterOptions,
  ScheduleInput,
  SchedulerOptions,
  TickResult,
  TimeZoneSource,
} from './types.js';

/** Lateness tolerated by handlers registered with `catchUp: false` (one tick plus slack). */
export const ON_TIME_GRACE_MS = 2 * 60_000;

/** Default staleness of a recurring occurrence. */
export const DEFAULT_RECURRING_STALE_MS = 60 * 60_000;

/** Default retry delay: 30 s, 1 min, 2 min, … capped at 1 h. */
export function defaultRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** A lease owner id unique per process: host, pid and a random suffix. */
export function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

interface Registration {
  handler: JobHandler;
  staleAfterMs: number | null;
  recurring?: RecurringSpec;
  /** Where the recurring spec's time zone comes from; resolved at the start of every tick. */
  tzSource?: TimeZoneSource;
}

type Outcome = keyof TickResult;

/** Where this owner's hold on one attempt is written: finish and renew only touch it. */
interface Hold {
  key: string;
  attempt: number;
}

/** Renews a lease on a timer; stop() waits for a renewal in flight so it cannot race the final write. */
function keepLease(renew: () => Promise<void>, everyMs: number): { stop(): Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    chain = chain.then(renew);
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await chain;
    },
  };
}

/** Routes node-cron's own messages (e.g. missed beats under CPU load) into our logger. */
function cronLogger(log: Logger): CronLogger {
  return {
    info: (msg) => log.info({ source: 'node-cron' }, msg),
    warn: (msg) => log.warn({ source: 'node-cron' }, msg),
    error: (msg, err) => log.error({ source: 'node-cron', err: err ?? msg }, String(msg)),
    debug: (msg) => log.debug({ source: 'node-cron' }, String(msg)),
  };
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return text.slice(0, 2000);
}

/** Claims and runs due jobs from Mongo; one instance per process. */
export class Scheduler {
  readonly owner: string;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempts: number) => number;
  private readonly maxJobsPerTick: number;
  private readonly concurrency: number;
  private readonly registry = new Map<string, Registration>();
  /** Last occurrence key ensured per recurring name (an optimisation; Mongo is the truth). */
  private readonly ensured = new Map<string, string>();
  private readonly fullScanEveryMs: number;
  /** Every due-minute bucket up to this one (ms) was drained by an earlier tick. */
  private scannedUpTo: number | undefined;
  private lastFullScan = Number.NEGATIVE_INFINITY;
  private inflight: Promise<TickResult> | undefined;
  private task: ScheduledTask | undefined;
  private stopping = false;

  constructor(opts: SchedulerOptions) {
    this.owner = opts.owner;
    this.clock = opts.clock;
    this.log = opts.log.child({ component: 'scheduler', owner: opts.owner });
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.retryDelayMs = opts.retryDelayMs ?? defaultRetryDelayMs;
    this.maxJobsPerTick = opts.maxJobsPerTick ?? 500;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.fullScanEveryMs = opts.fullScanEveryMs ?? 6 * 60 * 60_000;
  }

  /** Registers the handler for jobs named `name`. This process only claims registered names. */
  register<P>(name: string, handler: JobHandler<P>, opts: RegisterOptions = {}): void {
    if (this.registry.has(name)) throw new Error(`job "${name}" is already registered`);
    const staleAfterMs = opts.staleAfterMs ?? (opts.catchUp === false ? ON_TIME_GRACE_MS : null);
    this.registry.set(name, { handler: handler as JobHandler, staleAfterMs });
  }

  /**
   * Registers a cron-driven job: every occurrence of `cron` in `tz` becomes a job keyed
   * `${name}:${occurrence ISO}` when a tick reaches it. After downtime only the latest missed
   * occurrence runs, if fresher than staleAfterMs; earlier ones are skipped and logged.
   */
  registerRecurring<P>(opts: RecurringOptions<P>): void {
    const spec: RecurringSpec = {
      name: opts.name,
      cron: parseCron(opts.cron),
      tz: typeof opts.tz === 'string' ? opts.tz : 'UTC',
      payload: opts.payload ?? {},
    };
    this.register(opts.name, opts.handler, { staleAfterMs: opts.staleAfterMs ?? DEFAULT_RECURRING_STALE_MS });
    const reg = this.registry.get(opts.name);
    if (reg) {
      reg.recurring = spec;
      reg.tzSource = opts.tz;
    }
  }

  /**
   * Creates the job unless one with the same key exists (then nothing changes, whatever its
   * state). Returns true when this call created it.
   */
  async schedule<P>(input: ScheduleInput<P>): Promise<boolean> {
    const reg = this.registry.get(input.name);
    const doc = {
      key: input.key,
      name: input.name,
      runAt: input.runAt,
      scheduledAt: input.runAt,
      payload: input.payload ?? {},
      dueMinute: dueMinuteOf(input.runAt, this.clock.now()),
      state: 'pending',
      attempts: 0,
      staleAfterMs: input.staleAfterMs ?? reg?.staleAfterMs ?? null,
      createdAt: this.clock.now(),
    };
    try {
      const res = await Job.updateOne({ key: input.key }, { $setOnInsert: doc }, { upsert: true });
      return res.upsertedCount === 1;
    } catch (err) {
      // Two concurrent upserts of one key: the loser hits the unique index.
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  /** Cancels a pending job (it becomes skipped/cancelled and stays so). True when it was pending. */
  async cancel(key: string): Promise<boolean> {
    const res = await Job.updateOne(
      { key, state: 'pending' },
      { $set: { state: 'skipped', skipReason: 'cancelled', finishedAt: this.clock.now() } },
    );
    return res.modifiedCount === 1;
  }

  /**
   * Claims and runs every due job (up to maxJobsPerTick), `concurrency` at a time. Ticks in one
   * process never overlap: a call during a tick returns that tick's result.
   */
  tick(): Promise<TickResult> {
    if (!this.inflight) {
      this.inflight = this.runTick().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  /** Ticks now and then at the start of every minute until stop(). */
  start(): void {
    if (this.task) return;
    this.stopping = false;
    const safeTick = () => {
      this.tick().catch((err: unknown) => this.log.error({ err }, 'scheduler tick failed'));
    };
    // node-cron only drives the minute beat; '* * * * *' fires every minute in any zone.
    this.task = cron.schedule('* * * * *', safeTick, {
      name: `scheduler:${this.owner}`,
      logger: cronLogger(this.log),
    });
    safeTick();
  }

  /** Stops the minute ticks and waits for an in-flight tick (which stops after its current job). */
  async stop(): Promise<void> {
    this.stopping = true;
    const task = this.task;
    this.task = undefined;
    if (task) await task.destroy();
    await this.inflight?.catch(() => {});
  }

  private async runTick(): Promise<TickResult> {
    const result: TickResult = { ran: 0, skipped: 0, failed: 0, retried: 0 };
    if (this.registry.size === 0) return result;
    await this.ensureRecurring();
    const startedAt = this.clock.now().getTime();
    const minutes = this.bucketsToScan(startedAt);
    const claimer = new TickClaimer({
      owner: this.owner,
      leaseMs: this.leaseMs,
      names: [...this.registry.keys()],
      now: this.clock.now(),
      tried: new Set(),
      log: this.log,
      minutes,
    });
    let drained = false;
    let started = 0;
    const worker = async () => {
      while (!drained && started < this.maxJobsPerTick && !this.stopping) {
        started++;
        const claimed = await claimer.next(this.clock.now());
        if (!claimed) {
          drained = true;
          return;
        }
        result[await this.process(claimed)]++;
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    if (drained) {
      if (minutes === null) this.lastFullScan = startedAt;
      this.scannedUpTo = startedAt;
    }
    return result;
  }

  /**
   * The due-minute buckets this tick looks in: from the minute before the last drained tick's
   * (a job scheduled during that minute by another process lands there) to now; null = scan
   * the whole schedule (first tick, a gap over two hours, a clock moved back, or the periodic
   * safety scan).
   */
  private bucketsToScan(now: number): string[] | null {
    const last = this.scannedUpTo;
    if (last === undefined || now - this.lastFullScan >= this.fullScanEveryMs) return null;
    if (now < last - 60_000 || now - last > 2 * 60 * 60_000) return null;
    return minutesBetween(last - 60_000, now);
  }

  /** Makes sure the latest due occurrence of every recurring job exists as a job. */
  private async ensureRecurring(): Promise<void> {
    const now = this.clock.now();
    const zones = new Map<TimeZoneSource, Promise<string>>();
    for (const { recurring, tzSource } of this.registry.values()) {
      if (!recurring) continue;
      if (typeof tzSource === 'function') {
        if (!zones.has(tzSource)) zones.set(tzSource, tzSource());
        const previous = recurring.tz;
        recurring.tz = await zones.get(tzSource)!.catch((err: unknown) => {
          this.log.warn({ err, job: recurring.name }, 'cannot read the time zone; keeping the last one');
          return previous;
        });
      }
      const occurrence = latestOccurrence(recurring, now);
      if (!occurrence) continue;
      const key = occurrenceKey(recurring.name, occurrence);
      if (this.ensured.get(recurring.name) === key) continue;
      const created = await this.schedule({
        key,
        name: recurring.name,
        runAt: occurrence,
        payload: recurring.payload,
      });
      if (created) await logMissedOccurrences(recurring, occurrence, this.log);
      this.ensured.set(recurring.name, key);
    }
  }

  private async process({ before, attempt }: ClaimedJob): Promise<Outcome> {
    const now = this.clock.now();
    const hold: Hold = { key: before.key, attempt };
    const reg = this.registry.get(before.name);
    const log = this.log.child({ job: before.key, jobName: before.name, attempt });
    if (!reg) return this.finishFailed(hold, 'no handler registered', log);
    const reclaimed = before.state === 'running';
    if (reclaimed)
      log.warn({ previousOwner: before.leaseOwner }, 'job lease expired (owner crashed?); claiming it again');
    const dueSince = reclaimed && before.leaseUntil ? before.leaseUntil : before.runAt;
    if (reg.recurring) {
      const latest = latestOccurrence(reg.recurring, now);
      if (latest && before.scheduledAt < latest) return this.finishSkipped(hold, 'superseded', log);
    }
    const staleAfterMs = before.staleAfterMs ?? reg.staleAfterMs;
    if (staleAfterMs !== null && now.getTime() - dueSince.getTime() > staleAfterMs) {
      return this.finishSkipped(hold, 'stale', log, { dueSince, staleAfterMs });
    }
    if (attempt > this.maxAttempts) return this.finishFailed(hold, 'too many attempts (lease expired)', log);
    const view: JobView = {
      key: before.key,
      name: before.name,
      runAt: before.runAt,
      scheduledAt: before.scheduledAt,
      payload: before.payload,
      attempts: attempt,
    };
    const lease = keepLease(() => this.renewLease(hold, log), Math.max(1000, this.leaseMs / 3));
    try {
      await reg.handler(view, { now, log });
    } catch (err) {
      await lease.stop();
      return this.handleError(hold, err, log);
    }
    await lease.stop();
    const owned = await this.finish(hold, { state: 'done', finishedAt: this.clock.now(), leaseUntil: null });
    if (!owned) log.warn('job finished after its lease was taken over; the other run may repeat its effects');
    return 'ran';
  }

  private async handleError(hold: Hold, err: unknown, log: Logger): Promise<Outcome> {
    const lastError = errorText(err);
    if (hold.attempt >= this.maxAttempts) {
      log.error({ err }, 'job failed for good');
      await this.finish(hold, { state: 'failed', lastError, finishedAt: this.clock.now(), leaseUntil: null });
      return 'failed';
    }
    const runAt = new Date(this.clock.now().getTime() + this.retryDelayMs(hold.attempt));
    log.warn({ err, retryAt: runAt }, 'job failed; retry scheduled');
    await this.finish(hold, {
      state: 'pending',
      runAt,
      dueMinute: dueMinuteOf(runAt, this.clock.now()),
      lastError,
      leaseOwner: null,
      leaseUntil: null,
    });
    return 'retried';
  }

  private async finishSkipped(
    hold: Hold,
    reason: SkipReason,
    log: Logger,
    extra: object = {},
  ): Promise<Outcome> {
    log.warn({ reason, ...extra }, 'job skipped');
    await this.finish(hold, {
      state: 'skipped',
      skipReason: reason,
      finishedAt: this.clock.now(),
      leaseUntil: null,
    });
    return 'skipped';
  }

  private async finishFailed(hold: Hold, lastError: string, log: Logger): Promise<Outcome> {
    log.error({ reason: lastError }, 'job failed for good');
    await this.finish(hold, { state: 'failed', lastError, finishedAt: this.clock.now(), leaseUntil: null });
    return 'failed';
  }

  /** Filter matching the job only while this owner still holds `hold`. */
  private held(hold: Hold) {
    return { key: hold.key, state: 'running' as const, leaseOwner: this.owner, attempts: hold.attempt };
  }

  /** Applies `set` only while this owner still holds the attempt. */
  private async finish(hold: Hold, set: Record<string, unknown>): Promise<boolean> {
    const res = await Job.updateOne(this.held(hold), { $set: set });
    return res.modifiedCount === 1;
  }

  private async renewLease(hold: Hold, log: Logger): Promise<void> {
    try {
      const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs);
      await Job.updateOne(this.held(hold), { $set: { leaseUntil } });
    } catch (err) {
      log.warn({ err }, 'could not renew job lease');
    }
  }
}
