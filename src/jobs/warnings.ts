/** Registers the daily early-warning check at 09:00 in the agency time zone. */
import { checkWarnings, type WarningDeps } from '../domain/warnings.js';
import type { Scheduler } from './scheduler.js';

/** Job name of the daily warning check. */
export const WARNINGS_JOB = 'warnings.daily';

/** Adds the handler on `scheduler` (call once per Scheduler, before its first tick). */
export function registerWarningJobs(scheduler: Scheduler, deps: WarningDeps): void {
  scheduler.registerRecurring({
    name: WARNINGS_JOB,
    cron: '0 9 * * *',
    tz: async () => (await deps.settings()).timezone,
    handler: async (job, ctx) => {
      const changes = await checkWarnings(job.scheduledAt, deps, ctx.log);
      if (changes.length > 0) ctx.log.info({ changes: changes.length }, 'early warnings changed');
    },
  });
}
