/**
 * Registers the sign-off reminder jobs: one {@link PLEDGE_REMINDER_JOB} per planned point and
 * the daily {@link PLEDGE_OVERDUE_JOB} at 09:00 in the agency zone; re-plans a document
 * whenever it changes. Returns the function that stops listening.
 */
import { registerPledgeListener } from '../domain/pledge-listeners.js';
import {
  PLEDGE_OVERDUE_JOB,
  PLEDGE_REMINDER_JOB,
  type PledgeReminderPayload,
  sendPledgeOverdue,
  sendPledgeReminder,
  syncPledgeReminders,
} from '../domain/pledge-reminders.js';
import { OVERDUE_CRON, type ReminderDeps } from '../domain/task-reminders.js';
import type { Clock } from '../time/clock.js';
import type { Scheduler } from './scheduler.js';
import { REMINDER_STALE_MS } from './task-reminders.js';

/** Registers the handlers on `scheduler` and listens for document changes. */
export function registerPledgeJobs(scheduler: Scheduler, deps: ReminderDeps & { clock: Clock }): () => void {
  scheduler.register<PledgeReminderPayload>(
    PLEDGE_REMINDER_JOB,
    async (job, ctx) => {
      const pending = await sendPledgeReminder(job, deps);
      ctx.log.info(
        { pledgeId: job.payload.pledgeId, point: job.payload.point, pending: pending.length },
        'pledge reminder',
      );
    },
    { staleAfterMs: REMINDER_STALE_MS },
  );
  scheduler.registerRecurring({
    name: PLEDGE_OVERDUE_JOB,
    cron: OVERDUE_CRON,
    // The agency's time zone (`/config set timezone`), read every tick.
    tz: async () => (await deps.settings()).timezone,
    handler: async (job, ctx) => {
      const outcome = await sendPledgeOverdue(job, deps);
      ctx.log.info({ nudged: outcome.nudged.length, buzzed: outcome.buzzed.length }, 'pledge overdue nudges');
    },
  });
  return registerPledgeListener(async (pledgeId) => {
    await syncPledgeReminders(pledgeId, deps, scheduler, deps.clock.now());
  });
}
