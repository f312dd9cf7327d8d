/**
 * Setting reminder policies: the agency default (admins) and a task's own (its creator, its
 * 督办领导, a leader of its department, or an admin — as for edits). A task's own change is a
 * task-level transition (`<task>:task:<n>`, action `policy`) like any edit, so it shows in the
 * history and races resolve the same way; both are audited, refusals too. After a change the
 * affected open tasks are re-planned (task-policy-replan.ts).
 */
import { TaskModel } from '../models/task.js';
import { recordAudit } from './audit.js';
import { replanAfterPolicyChange } from './task-policy-replan.js';
import { samePolicy } from './task-policy-text.js';
import type { ReminderDeps } from './task-reminders.js';
import { type ReminderPolicy, reminderPolicySchema } from './task-reminders-plan.js';
import { loadDefaultReminderPolicy, saveDefaultReminderPolicy } from './task-reminders-policy.js';
import { type TaskResult, type TaskView, taskError } from './task-views.js';
import { changeTask, getTask, mayManageTask, type TaskActor } from './tasks.js';

/** A task's own policy when it has a valid one, else null (it follows the agency default). */
export function ownPolicyOf(task: Pick<TaskView, 'reminderPolicy'>): ReminderPolicy | null {
  if (task.reminderPolicy === null || task.reminderPolicy === undefined) return null;
  const parsed = reminderPolicySchema.safeParse(task.reminderPolicy);
  return parsed.success ? parsed.data : null;
}

/**
 * Sets (or with `policy` null clears) the own policy of an open task. `note` is the history
 * line (the policy in words). `changed` is false when it was already so (nothing written).
 */
export async function setTaskReminderPolicy(
  taskId: string,
  policy: ReminderPolicy | null,
  actor: TaskActor,
  opts: { note: string; deps: ReminderDeps },
  now: Date,
): Promise<TaskResult<{ task: TaskView; changed: boolean }>> {
  const task = await getTask(taskId);
  if (!task) return taskError('reminderPolicy.err.notFound', { id: taskId });
  if (!mayManageTask(task, actor)) {
    await recordAudit(
      { actor: actor.openId, action: 'task.policy', outcome: 'refused', target: task.id, detail: 'scope' },
      now,
    );
    return taskError('reminderPolicy.err.forbiddenTask');
  }
  if (task.state === 'closed') return taskError('task.err.closed', { id: task.id });
  if (task.state === 'cancelled') return taskError('task.err.cancelled', { id: task.id });
  const before = ownPolicyOf(task);
  const valid = policy === null ? null : reminderPolicySchema.parse(policy);
  const same = before === null || valid === null ? before === valid : samePolicy(before, valid);
  if (same) return { ok: true, task, changed: false };
  const won = await changeTask(
    task,
    actor.openId,
    'policy',
    { reminderPolicy: valid },
    { before: { reminderPolicy: before }, note: opts.note },
    now,
  );
  if (!won) return taskError('task.err.alreadyHandled');
  await recordAudit(
    {
      actor: actor.openId,
      action: 'task.policy',
      outcome: 'ok',
      target: task.id,
      before: { reminderPolicy: before },
      after: { reminderPolicy: valid },
      detail: opts.note,
    },
    now,
  );
  await replanAfterPolicyChange(task.id, actor.openId, opts.deps, now);
  return { ok: true, task: (await getTask(task.id))!, changed: true };
}

/** Open tasks that follow the agency default (no valid own policy), by id. */
export async function listTasksOnDefaultPolicy(): Promise<string[]> {
  const docs = await TaskModel.find({ state: 'open' }, { _id: 1, reminderPolicy: 1 }).lean();
  return docs
    .filter((d) => ownPolicyOf({ reminderPolicy: d.reminderPolicy ?? null }) === null)
    .map((d) => d._id)
    .sort();
}

/**
 * Sets the agency default policy (admins only) and re-plans every open task that follows it.
 * `replanned` counts those tasks; `changed` is false when the default was already so.
 */
export async function setAgencyReminderPolicy(
  policy: ReminderPolicy,
  actor: TaskActor,
  deps: ReminderDeps,
  now: Date,
): Promise<TaskResult<{ changed: boolean; replanned: number }>> {
  if (!actor.roles.includes('admin')) {
    await recordAudit(
      { actor: actor.openId, action: 'task.policy.default', outcome: 'refused', detail: 'role' },
      now,
    );
    return taskError('reminderPolicy.err.forbiddenDefault');
  }
  const before = await loadDefaultReminderPolicy();
  const valid = reminderPolicySchema.parse(policy);
  if (samePolicy(before, valid)) return { ok: true, changed: false, replanned: 0 };
  await saveDefaultReminderPolicy(valid, actor.openId, now);
  await recordAudit(
    { actor: actor.openId, action: 'task.policy.default', outcome: 'ok', before, after: valid },
    now,
  );
  const ids = await listTasksOnDefaultPolicy();
  for (const id of ids) await replanAfterPolicyChange(id, actor.openId, deps, now);
  return { ok: true, changed: true, replanned: ids.length };
}
