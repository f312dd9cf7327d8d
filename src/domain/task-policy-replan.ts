/**
 * Re-planning a task's reminders after its reminder policy changed (its own, or the agency
 * default it follows).
 *
 * The reminder jobs are keyed by task, point and deadline (`task.reminder:<id>:<point>:<deadline>`),
 * not by time, and `Scheduler.schedule` never moves an existing key. So when only the time of
 * a point moves (时间 09:00 → 10:00, or `wd-1` landing on another day because the calendar
 * changed nothing but the policy did), `syncTaskReminders` alone would keep the old time; and a
 * point the policy dropped earlier (its job cancelled) could not come back. Before the usual
 * sync (through the task listeners, as any task edit), this module removes exactly those jobs:
 * pending ones whose planned time moved, and cancelled ones the new plan wants again. Jobs that
 * already ran (done / running) are never touched, so no reminder is sent twice, and a pending
 * job due within {@link SETTLED_MS} is left alone (a tick may be claiming it right now).
 */
import { Job } from '../models/job.js';
import { notifyTaskChanged } from './task-listeners.js';
import { planForTask, type ReminderDeps, readReminderTask, reminderJobKey } from './task-reminders.js';
import { getTask } from './tasks.js';

/** A pending job due sooner than this is left as it is. */
export const SETTLED_MS = 2 * 60_000;

/**
 * Removes the reminder jobs of `taskId` whose planned time the current policy moves (pending)
 * or that it wants again (cancelled), so the next sync schedules them at the new times.
 * Returns the keys removed.
 */
export async function releaseMovedReminders(
  taskId: string,
  deps: ReminderDeps,
  now: Date,
): Promise<string[]> {
  const task = await readReminderTask(taskId);
  if (!task) return [];
  const plan = await planForTask(task, deps, now);
  const released: string[] = [];
  for (const point of plan) {
    const key = reminderJobKey(taskId, point.point, task.deadline);
    const job = await Job.findOne({ key }).lean();
    if (!job) continue;
    const moved =
      job.state === 'pending' &&
      job.runAt.getTime() !== point.at.getTime() &&
      job.runAt.getTime() > now.getTime() + SETTLED_MS;
    const revived = job.state === 'skipped' && job.skipReason === 'cancelled';
    if (!moved && !revived) continue;
    const res = await Job.deleteOne({ key, state: job.state, runAt: job.runAt });
    if (res.deletedCount === 1) released.push(key);
  }
  return released;
}

/**
 * Re-plans one task after a policy change: frees the moved jobs, then tells the task listeners
 * (the reminder scheduler syncs on `edited`), exactly like an edit of the task.
 */
export async function replanAfterPolicyChange(
  taskId: string,
  actor: string,
  deps: ReminderDeps,
  now: Date,
): Promise<void> {
  await releaseMovedReminders(taskId, deps, now);
  const task = await getTask(taskId);
  if (task) await notifyTaskChanged({ kind: 'edited', task, actor, now, detail: {} });
}
