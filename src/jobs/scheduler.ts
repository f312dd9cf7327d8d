/**
 * The job scheduler. The schedule lives in the `jobs` collection, never in process memory:
 * every tick claims its due jobs in batches (one claim-token insert and one lease update per
 * batch, see claim.ts) and finishes them together (finish.ts), so any number of processes can
 * tick the same database and each job runs once (at-least-once if a process crashes mid-run;
 * handlers must be idempotent, see JobHandler). A batch handler gets all its due jobs at once.
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
import { type ClaimedJob, claimBatch, type ClaimParams, dueMinuteOf, minutesBetween } from './claim.js';
import { FINISH_STAMP, type Finish, finishMany, type Hold, keepLeases, renewLeases } from './finish.js';
import { parseCron } from './cron-next.js';
import { latestOccurrence, logMissedOccurrences, occurrenceKey, type RecurringSpec } from './recurring.js';
import type {
  BatchJobHandler,
  JobHandler,
  JobView,
  RecurringOptions,
  RegisterOptions,
  ScheduleInput,
  SchedulerOptions,
  TickResult,
  TimeZoneSource,
} from './types.js';

/** Placeholder of `finishedAt` in a finish: one stamp for the whole batch (see finishMany). */
const FINISHED_AT = FINISH_STAMP;

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
  /** Set when the jobs of this name are handled together. */
  batch?: BatchJobHandler;
  staleAfterMs: number | null;
  recurring?: RecurringSpec;
  /** Where the recurring spec's time zone comes from; resolved at the start of every tick. */
  tzSource?: TimeZoneSource;
}

type Outcome = keyof TickResult;

/** A claimed job past its checks, about to run. */
interface Runnable {
  hold: Hold;
  view: JobView;
  reg: Registration;
  log: Logger;
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
  private readonly claimBatch: number;
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
    this.claimBatch = Math.max(1, opts.claimBatch ?? 100);
    this.fullScanEveryMs = opts.fullScanEveryMs ?? 6 * 60 * 60_000;
  }

  /** Registers the handler for jobs named `name`. This process only claims registered names. */
  register<P>(name: string, handler: JobHandler<P>, opts: RegisterOptions = {}): void {
    if (this.registry.has(name)) throw new Error(`job "${name}" is already registered`);
    const staleAfterMs = opts.staleAfterMs ?? (opts.catchUp === false ? ON_TIME_GRACE_MS : null);
    this.registry.set(name, { handler: handler as JobHandler, staleAfterMs });
  }

  /**
   * Registers a handler that gets all the due jobs named `name` of a claimed batch at once
   * (group commit: one bulk read and one bulk write per step for the whole tick).
   */
  registerBatch<P>(name: string, handler: BatchJobHandler<P>, opts: RegisterOptions = {}): void {
    this.register(
      name,
      async () => {
        throw new Error(`job "${name}" is handled in batches`);
      },
      opts,
    );
    const reg = this.registry.get(name);
    if (reg) reg.batch = handler as BatchJobHandler;
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
    const params: ClaimParams = {
      owner: this.owner,
      leaseMs: this.leaseMs,
      names: [...this.registry.keys()],
      now: this.clock.now(),
      tried: new Set(),
      log: this.log,
      minutes,
    };
    let drained = false;
    let started = 0;
    while (started < this.maxJobsPerTick && !this.stopping) {
      const limit = Math.min(this.claimBatch, this.maxJobsPerTick - started);
      const batch = await claimBatch({ ...params, now: this.clock.now() }, limit);
      started += batch.claimed.length;
      if (batch.claimed.length > 0) await this.processBatch(batch.claimed, result);
      if (!batch.more || batch.found === 0) {
        drained = true;
        break;
      }
    }
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

  /**
   * Runs one claimed batch: the checks (unknown name, superseded, stale, too many attempts),
   * then every batch handler once with its jobs and the single handlers `concurrency` at a
   * time, all leases renewed together meanwhile; then every finish in one write per change.
   */
  private async processBatch(claimed: ClaimedJob[], result: TickResult): Promise<void> {
    const finishes: Finish[] = [];
    const outcomes: Outcome[] = [];
    const settle = (hold: Hold, outcome: Outcome, set: Record<string, unknown>) => {
      finishes.push({ hold, set });
      outcomes.push(outcome);
    };
    const runnable: Runnable[] = [];
    for (const job of claimed) {
      const checked = this.check(job);
      if ('outcome' in checked) settle(checked.hold, checked.outcome, checked.set);
      else runnable.push(checked);
    }
    const holds = claimed.map(({ before, attempt }) => ({ key: before.key, attempt }));
    const renew = () =>
      renewLeases(this.owner, holds, new Date(this.clock.now().getTime() + this.leaseMs), this.log);
    const lease = keepLeases(renew, Math.max(1000, this.leaseMs / 3));
    try {
      await this.runAll(runnable, (r, err) => {
        if (err === undefined)
          settle(r.hold, 'ran', { state: 'done', finishedAt: FINISHED_AT, leaseUntil: null });
        else {
          const { outcome, set } = this.errorFinish(r.hold, err, r.log);
          settle(r.hold, outcome, set);
        }
      });
    } finally {
      await lease.stop();
    }
    const lost = await finishMany(this.owner, finishes, this.clock.now());
    for (const key of lost)
      this.log.warn(
        { job: key },
        'job finished after its lease was taken over; the other run may repeat its effects',
      );
    for (const outcome of outcomes) result[outcome]++;
  }

  /** Runs the batch handlers once each and the single handlers `concurrency` at a time. */
  private async runAll(runnable: Runnable[], done: (r: Runnable, err: unknown) => void): Promise<void> {
    const batches = new Map<BatchJobHandler, Runnable[]>();
    const singles: Runnable[] = [];
    for (const r of runnable) {
      if (r.reg.batch) batches.set(r.reg.batch, [...(batches.get(r.reg.batch) ?? []), r]);
      else singles.push(r);
    }
    const runBatch = async (handler: BatchJobHandler, jobs: Runnable[]) => {
      try {
        const failed = await handler(
          jobs.map((r) => r.view),
          { now: this.clock.now(), log: this.log.child({ jobName: jobs[0]!.view.name, jobs: jobs.length }) },
        );
        for (const r of jobs)
          done(r, failed?.has(r.view.key) ? (failed.get(r.view.key) ?? 'failed') : undefined);
      } catch (err) {
        for (const r of jobs) done(r, err ?? 'failed');
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < singles.length) {
        const r = singles[next++]!;
        try {
          await r.reg.handler(r.view, { now: this.clock.now(), log: r.log });
          done(r, undefined);
        } catch (err) {
          done(r, err ?? 'failed');
        }
      }
    };
    await Promise.all([
      ...[...batches].map(([handler, jobs]) => runBatch(handler, jobs)),
      ...Array.from({ length: Math.min(this.concurrency, singles.length) }, worker),
    ]);
  }

  /** A claimed job's checks: a finish when it must not run, else what running it needs. */
  private check({
    before,
    attempt,
  }: ClaimedJob): Runnable | { hold: Hold; outcome: Outcome; set: Record<string, unknown> } {
    const now = this.clock.now();
    const hold: Hold = { key: before.key, attempt };
    const reg = this.registry.get(before.name);
    const log = this.log.child({ job: before.key, jobName: before.name, attempt });
    const failed = (lastError: string) => {
      log.error({ reason: lastError }, 'job failed for good');
      return {
        hold,
        outcome: 'failed' as const,
        set: { state: 'failed', lastError, finishedAt: FINISHED_AT, leaseUntil: null },
      };
    };
    const skipped = (reason: SkipReason, extra: object = {}) => {
      log.warn({ reason, ...extra }, 'job skipped');
      return {
        hold,
        outcome: 'skipped' as const,
        set: { state: 'skipped', skipReason: reason, finishedAt: FINISHED_AT, leaseUntil: null },
      };
    };
    if (!reg) return failed('no handler registered');
    const reclaimed = before.state === 'running';
    if (reclaimed)
      log.warn({ previousOwner: before.leaseOwner }, 'job lease expired (owner crashed?); claiming it again');
    const dueSince = reclaimed && before.leaseUntil ? before.leaseUntil : before.runAt;
    if (reg.recurring) {
      const latest = latestOccurrence(reg.recurring, now);
      if (latest && before.scheduledAt < latest) return skipped('superseded');
    }
    const staleAfterMs = before.staleAfterMs ?? reg.staleAfterMs;
    if (staleAfterMs !== null && now.getTime() - dueSince.getTime() > staleAfterMs) {
      return skipped('stale', { dueSince, staleAfterMs });
    }
    if (attempt > this.maxAttempts) return failed('too many attempts (lease expired)');
    const view: JobView = {
      key: before.key,
      name: before.name,
      runAt: before.runAt,
      scheduledAt: before.scheduledAt,
      payload: before.payload,
      attempts: attempt,
    };
    return { hold, view, reg, log };
  }

  /** The write after a handler error: a retry with backoff, or failed for good after maxAttempts. */
  private errorFinish(
    hold: Hold,
    err: unknown,
    log: Logger,
  ): { outcome: Outcome; set: Record<string, unknown> } {
    const lastError = errorText(err);
    if (hold.attempt >= this.maxAttempts) {
      log.error({ err }, 'job failed for good');
      return {
        outcome: 'failed',
        set: { state: 'failed', lastError, finishedAt: FINISHED_AT, leaseUntil: null },
      };
    }
    const runAt = new Date(this.clock.now().getTime() + this.retryDelayMs(hold.attempt));
    log.warn({ err, retryAt: runAt }, 'job failed; retry scheduled');
    const set = {
      state: 'pending',
      runAt,
      dueMinute: dueMinuteOf(runAt, this.clock.now()),
      lastError,
      leaseOwner: null,
      leaseUntil: null,
    };
    return { outcome: 'retried', set };
  }
}
