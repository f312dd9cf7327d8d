/**
 * Registers the weekly digest job: an hourly recurring job in the agency time zone whose
 * handler sends only in the configured day and hour (`/digest time`, default Monday 09:00).
 */
import { sendWeeklyDigest, type WeeklyDigestDeps } from '../domain/digest-weekly.js';
import type { Scheduler } from './scheduler.js';

/** Job name of the hourly digest check. */
export const DIGEST_JOB = 'digest.weekly';

/** Registers the handler on `scheduler` (call once per Scheduler, before its first tick). */
export function registerDigestJobs(scheduler: Scheduler, deps: WeeklyDigestDeps): void {
  scheduler.registerRecurring({
    name: DIGEST_JOB,
    cron: '0 * * * *',
    tz: async () => (await deps.settings()).timezone,
    handler: async (job, ctx) => {
      const outcome = await sendWeeklyDigest(job.scheduledAt, deps, ctx.log);
      if (outcome.due) ctx.log.info(outcome, 'weekly digest');
    },
  });
}
