/**
 * Re-planning a task's reminders after its reminder policy changed (its own, or the agency
 * default it follows).
 *
 * The reminder jobs are keyed by task, point and deadline (`task.reminder:<id>:<point>:<deadline>`),
 * not by time, and `Scheduler.schedule` never moves an existing key. So when only the time of
 * a point moves (时间 09:00 → 10:00, or `wd-1` landing on another day because the policy
 * changed), `syncTaskReminders` alone would keep the old time; and a point the policy dropped
 * earlier (its job cancelled) could not come back. Before the usual sync (through the task
 * listeners, as any task edit), this module moves exactly those jobs in place: pending ones
 * whose planned time moved get the new time, and cancelled ones the new plan wants again become
 * pending at it. Each is one conditional update of the job (never a delete and a re-create), so
 * a crash at any point leaves every reminder scheduled, at its old or its new time. Jobs that
 * already ran (done / running) are never touched, so no reminder is sent twice, and a pending
 * job due within {@link SETTLED_MS} is left alone (a tick may be claiming it right now).
 */
import { dueMinuteOf } from '../jobs/claim.js';
import { Job } from '../models/job.js';
import { notifyTaskChanged } from './task-listeners.js';
import { planForTask, type ReminderDeps, readReminderTask, reminderJobKey } from './task-reminders.js';
import { getTask } from './tasks.js';

/** A pending job due sooner than this is left as it is. */
export const SETTLED_MS = 2 * 60_000;

/**
 * Moves the reminder jobs of `taskId` whose planned time the current policy changes (pending)
 * or that it wants again (cancelled) to their new times. Returns the keys moved.
 */
export async function moveReplannedReminders(
  taskId: string,
  deps: ReminderDeps,
  now: Date,
): Promise<string[]> {
  const task = await readReminderTask(taskId);
  if (!task) return [];
  const plan = await planForTask(task, deps, now);
  const moved: string[] = [];
  for (const point of plan) {
    const key = reminderJobKey(taskId, point.point, task.deadline);
    const job = await Job.findOne({ key }).lean();
    if (!job) continue;
    const at = point.at;
    const timing = { runAt: at, scheduledAt: at, dueMinute: dueMinuteOf(at, now) };
    let res: { modifiedCount: number } | undefined;
    if (
      job.state === 'pending' &&
      job.runAt.getTime() !== at.getTime() &&
      job.runAt.getTime() > now.getTime() + SETTLED_MS
    ) {
      res = await Job.updateOne({ key, state: 'pending', runAt: job.runAt }, { $set: timing });
    } else if (job.state === 'skipped' && job.skipReason === 'cancelled') {
      res = await Job.updateOne(
        { key, state: 'skipped', skipReason: 'cancelled' },
        { $set: { ...timing, state: 'pending', skipReason: null, finishedAt: null } },
      );
    }
    if (res?.modifiedCount === 1) moved.push(key);
  }
  return moved;
}

/**
 * Re-plans one task after a policy change: moves the jobs whose time changed, then tells the task listeners
 * (the reminder scheduler syncs on `edited`), exactly like an edit of the task.
 */
export async function replanAfterPolicyChange(
  taskId: string,
  actor: string,
  deps: ReminderDeps,
  now: Date,
): Promise<void> {
  await moveReplannedReminders(taskId, deps, now);
  const task = await getTask(taskId);
  if (task) await notifyTaskChanged({ kind: 'edited', task, actor, now, detail: {} });
}
