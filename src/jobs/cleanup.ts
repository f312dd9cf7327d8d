/**
 * Deletes finished jobs. FerretDB 1.x has no TTL indexes, so old done/skipped jobs are
 * removed by an explicit recurring job instead. Failed jobs are kept for inspection.
 */
import { forgetDeliveredToSenders } from '../domain/feedback-relay.js';
import { Job, JobClaim } from '../models/job.js';
import type { Scheduler } from './scheduler.js';

const DAY_MS = 86_400_000;

/**
 * Deletes done and skipped jobs that finished more than `olderThanDays` before `now`, and
 * claim tokens older than that (tokens matter only while their attempt is being claimed).
 * Returns the number of jobs deleted.
 */
export async function deleteFinishedJobs(now: Date, olderThanDays: number): Promise<number> {
  if (!(olderThanDays >= 1)) throw new RangeError(`olderThanDays must be at least 1: ${olderThanDays}`);
  const cutoff = new Date(now.getTime() - olderThanDays * DAY_MS);
  const res = await Job.deleteMany({ state: { $in: ['done', 'skipped'] }, finishedAt: { $lt: cutoff } });
  await JobClaim.deleteMany({ createdAt: { $lt: cutoff } });
  return res.deletedCount;
}

/** Options for {@link registerJobCleanup}. */
export interface JobCleanupOptions {
  tz: string;
  /** Default daily at 03:30. */
  cron?: string;
  /** Default 30. */
  olderThanDays?: number;
}

/** Registers the recurring `job-cleanup` job on `scheduler`. */
export function registerJobCleanup(scheduler: Scheduler, opts: JobCleanupOptions): void {
  const olderThanDays = opts.olderThanDays ?? 30;
  scheduler.registerRecurring({
    name: 'job-cleanup',
    cron: opts.cron ?? '30 3 * * *',
    tz: opts.tz,
    staleAfterMs: DAY_MS,
    handler: async (_job, ctx) => {
      const deleted = await deleteFinishedJobs(ctx.now, olderThanDays);
      // Answers to anonymous feedback senders a restart left behind (normally gone within seconds).
      await forgetDeliveredToSenders();
      ctx.log.info({ deleted, olderThanDays }, 'deleted finished jobs');
    },
  });
}
