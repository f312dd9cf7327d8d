/**
 * Registers the task reminder jobs with the scheduler: one {@link REMINDER_JOB} per planned
 * point (scheduled by syncTaskReminders; a tick's due ones are handled as one batch) and the recurring {@link OVERDUE_JOB} at 09:00 every
 * day in the agency time zone (it does nothing on rest days).
 */
import {
  OVERDUE_CRON,
  OVERDUE_JOB,
  REMINDER_JOB,
  type ReminderDeps,
  type ReminderPayload,
  sendOverdueDigest,
  syncTaskReminders,
  type SyncResult,
} from '../domain/task-reminders.js';
import { registerTaskListener } from '../domain/task-listeners.js';
import { sendTaskReminders } from '../domain/task-reminders-send.js';
import type { Clock } from '../time/clock.js';
import type { Scheduler } from './scheduler.js';

/** A reminder point claimed later than this (the bot was down) is skipped and logged. */
export const REMINDER_STALE_MS = 12 * 60 * 60_000;

/** What the rest of the bot uses once the jobs are registered. */
export interface TaskReminders {
  /** Re-plans a task's reminders; call after it is created, edited, cancelled or closed. */
  sync(taskId: string): Promise<SyncResult>;
}

/** Registers the handlers on `scheduler` (call once per Scheduler, before its first tick). */
export function registerTaskReminderJobs(
  scheduler: Scheduler,
  deps: ReminderDeps & { clock: Clock },
): TaskReminders {
  // A tick's due reminders are sent together: a few bulk reads and one outbox insert.
  scheduler.registerBatch<ReminderPayload>(
    REMINDER_JOB,
    async (jobs, ctx) => {
      const outcomes = await sendTaskReminders(jobs, deps, ctx.log);
      for (const job of jobs) {
        const outcome = outcomes.get(job.key);
        ctx.log.info(
          { job: job.key, taskId: job.payload.taskId, point: job.payload.point, ...outcome },
          'task reminder',
        );
      }
      return undefined;
    },
    { staleAfterMs: REMINDER_STALE_MS },
  );
  scheduler.registerRecurring({
    name: OVERDUE_JOB,
    cron: OVERDUE_CRON,
    // The agency's time zone (`/config set timezone`), read every tick.
    tz: async () => (await deps.settings()).timezone,
    handler: async (job, ctx) => {
      const outcome = await sendOverdueDigest(job, deps);
      ctx.log.info(outcome, 'overdue nudges');
    },
  });
  return { sync: (taskId) => syncTaskReminders(taskId, deps, scheduler, deps.clock.now()) };
}

/**
 * Re-plans a task's reminders whenever the task domain reports it created, edited, cancelled
 * or closed (owner progress needs nothing: each reminder re-reads who is pending). Returns the
 * function that stops listening.
 */
export function listenForTaskChanges(reminders: TaskReminders): () => void {
  return registerTaskListener(async (change) => {
    if (change.kind === 'progress') return;
    await reminders.sync(change.task.id);
  });
}
