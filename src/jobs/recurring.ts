/**
 * Recurring jobs: each cron occurrence becomes one Job with key `${name}:${occurrence ISO}`,
 * so it runs once across processes and restarts. Only the latest occurrence at or before
 * "now" is materialised; occurrences missed during downtime before it are logged as skipped.
 */
import type { Logger } from '../logger.js';
import { Job } from '../models/job.js';
import { type CronSpec, nextOccurrence, previousOccurrence } from './cron-next.js';

/** A registered recurring job as the scheduler keeps it. */
export interface RecurringSpec {
  name: string;
  cron: CronSpec;
  tz: string;
  payload: unknown;
}

/** The job key of one occurrence. */
export function occurrenceKey(name: string, occurrence: Date): string {
  return `${name}:${occurrence.toISOString()}`;
}

/** The occurrence that should be run now (latest at or before `now`), or null. */
export function latestOccurrence(spec: RecurringSpec, now: Date): Date | null {
  return previousOccurrence(spec.cron, now, spec.tz);
}

const MAX_COUNTED = 1000;

/**
 * Logs the occurrences between the previous job of `spec` and `current` that never became
 * jobs (the process was down). Called by whoever created the `current` occurrence's job, so
 * it is logged once across processes.
 */
export async function logMissedOccurrences(spec: RecurringSpec, current: Date, log: Logger): Promise<number> {
  const prior = await Job.findOne({ name: spec.name, scheduledAt: { $lt: current } })
    .sort({ scheduledAt: -1 })
    .lean();
  if (!prior) return 0;
  let missed = 0;
  let first: Date | undefined;
  let last: Date | undefined;
  for (let t = nextOccurrence(spec.cron, prior.scheduledAt, spec.tz); t && t < current; ) {
    missed++;
    first ??= t;
    last = t;
    if (missed >= MAX_COUNTED) break;
    t = nextOccurrence(spec.cron, t, spec.tz);
  }
  if (missed > 0) {
    log.warn(
      { job: spec.name, missed, first, last, runs: current, atLeast: missed >= MAX_COUNTED },
      'recurring occurrences missed while down were skipped; only the latest one is considered',
    );
  }
  return missed;
}
