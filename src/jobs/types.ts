/** Types shared by the scheduler, its recurring helper and job handlers. */
import type { Logger } from '../logger.js';
import type { Clock } from '../time/clock.js';

/** What a handler sees of its job. */
export interface JobView<P = unknown> {
  key: string;
  name: string;
  /** When this attempt became due (a retry moves it forward). */
  runAt: Date;
  /** The originally scheduled time, e.g. the cron occurrence; use this for "which period". */
  scheduledAt: Date;
  payload: P;
  /** 1 on the first run; a re-run after a crash or an error counts up. */
  attempts: number;
}

/** Per-run context: the claim time and a logger carrying the job key. */
export interface JobContext {
  now: Date;
  log: Logger;
}

/**
 * Does the work of one job. Delivery is at-least-once: a handler may run again after a crash
 * or a lost lease, so it must produce its effects idempotently — write messages to the
 * durable outbox under unique keys derived from `job.key` (never send directly), and make
 * database changes conditional. Throwing schedules a retry with backoff until maxAttempts.
 */
export type JobHandler<P = unknown> = (job: JobView<P>, ctx: JobContext) => Promise<void>;

/**
 * Does the work of many jobs of one name at once (a tick's due reminders): one bulk read and one
 * bulk write per step instead of several single operations per job. Same delivery rules as
 * {@link JobHandler}. Returns the jobs that failed (key → error), which are retried one by one;
 * throwing fails (and retries) them all.
 */
export type BatchJobHandler<P = unknown> = (
  jobs: JobView<P>[],
  ctx: JobContext,
) => Promise<ReadonlyMap<string, unknown> | undefined>;

/** Options for Scheduler.register(). */
export interface RegisterOptions {
  /**
   * Skip (and log) a job claimed more than this long after it became due. Unset: late jobs
   * always run. A job's own staleAfterMs (given to schedule()) wins.
   */
  staleAfterMs?: number;
  /** false = only run on time: defaults staleAfterMs to ON_TIME_GRACE_MS. Default true. */
  catchUp?: boolean;
}

/** Input of Scheduler.schedule(). */
export interface ScheduleInput<P = unknown> {
  /** Unique identity: job name + period + recipient. Scheduling an existing key changes nothing. */
  key: string;
  name: string;
  runAt: Date;
  payload?: P;
  /** Overrides the registration's staleAfterMs for this job. */
  staleAfterMs?: number;
}

/** What one tick did. */
export interface TickResult {
  /** Handlers that completed. */
  ran: number;
  /** Jobs skipped as stale or superseded. */
  skipped: number;
  /** Jobs that failed for good (maxAttempts reached). */
  failed: number;
  /** Handler errors with a retry scheduled. */
  retried: number;
}

/** Options for the Scheduler constructor. */
export interface SchedulerOptions {
  /** Unique per process, e.g. defaultOwner(); written into leases. */
  owner: string;
  clock: Clock;
  log: Logger;
  /** Lease length; renewed while a handler runs. Default 60 s. */
  leaseMs?: number;
  /** Claims before a job fails for good. Default 5. */
  maxAttempts?: number;
  /** Delay before retry number `attempts` (1-based). Default 30 s · 2^(attempts−1), at most 1 h. */
  retryDelayMs?: (attempts: number) => number;
  /** Upper bound of jobs one tick processes. Default 500. */
  maxJobsPerTick?: number;
  /** Jobs claimed together (one token insert, one lease update). Default 100. */
  claimBatch?: number;
  /**
   * Single-job handlers one tick runs at the same time (a batch handler gets its jobs at once).
   * Default 4: handlers are already safe to run concurrently (another process may run any job).
   */
  concurrency?: number;
  /**
   * How often a tick also scans the whole schedule by runAt (a range query, which FerretDB
   * cannot serve from an index) instead of only the due-minute buckets since the last tick.
   * The first tick of a process and any tick after a gap of more than two hours always scan
   * fully. Default 6 h.
   */
  fullScanEveryMs?: number;
}

/** A fixed IANA time zone, or a function returning the current one. */
export type TimeZoneSource = string | (() => Promise<string>);

/** Input of Scheduler.registerRecurring(). */
export interface RecurringOptions<P = unknown> {
  /** Handler name; occurrence job keys are `${name}:${occurrence ISO}`. */
  name: string;
  /** 5-field cron expression read in `tz`, e.g. '0 9 * * 1' = Mondays 09:00. */
  cron: string;
  /**
   * The IANA time zone the cron is read in, or a function reading it (e.g. the agency's
   * `/config set timezone`), called once per tick so a change applies from the next occurrence.
   */
  tz: TimeZoneSource;
  handler: JobHandler<P>;
  /** An occurrence claimed later than this is skipped. Default 1 h. */
  staleAfterMs?: number;
  /** Payload given to every occurrence. */
  payload?: P;
}
