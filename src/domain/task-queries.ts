/**
 * Which tasks someone may see. Admins and supervisors: every task. Leaders: tasks of the
 * departments they lead (and below), plus tasks they created, supervise or own. Members: tasks
 * they own, created or supervise.
 */
import { TaskAssignmentModel, TaskModel } from '../models/task.js';
import { type TaskView, toAssignmentView, toTaskView } from './task-views.js';
import { getTask, isFinished, type TaskActor } from './tasks.js';

/** What `/task list` asks for. `open`: open tasks in scope (the default). */
export type TaskListFilter =
  | { kind: 'open' }
  | { kind: 'mine' }
  | { kind: 'all' }
  | { kind: 'overdue' }
  | { kind: 'dept'; deptIds: string[] };

/** True for admins and supervisors, who see every task. */
export function seesAllTasks(actor: Pick<TaskActor, 'roles'>): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('supervisor');
}

function involved(openId: string): Record<string, unknown>[] {
  return [{ owners: openId }, { creator: openId }, { leader: openId }];
}

/** The Mongo filter of the tasks the actor may see. */
function scopeFilter(actor: TaskActor): Record<string, unknown> {
  if (seesAllTasks(actor)) return {};
  const or = involved(actor.openId);
  if (actor.roles.includes('leader') && actor.leads.length > 0)
    or.push({ deptId: { $in: [...actor.leads] } });
  return { $or: or };
}

/** May the actor see this task? */
export function maySeeTask(task: TaskView, actor: TaskActor): boolean {
  if (seesAllTasks(actor)) return true;
  if (task.owners.includes(actor.openId) || task.creator === actor.openId || task.leader === actor.openId)
    return true;
  return actor.roles.includes('leader') && task.deptId !== null && actor.leads.includes(task.deptId);
}

/** Tasks for `/task list`, by deadline (newest first for `all`), at most `limit`, with the total. */
export async function listTasksFor(
  actor: TaskActor,
  filter: TaskListFilter,
  now: Date,
  limit = 30,
): Promise<{ tasks: TaskView[]; total: number }> {
  const and: Record<string, unknown>[] = [scopeFilter(actor)];
  if (filter.kind === 'mine') and.push({ $or: involved(actor.openId) }, { state: 'open' });
  if (filter.kind === 'open') and.push({ state: 'open' });
  if (filter.kind === 'overdue') and.push({ state: 'open' }, { deadline: { $lt: now } });
  if (filter.kind === 'dept') and.push({ state: 'open' }, { deptId: { $in: filter.deptIds } });
  const query = { $and: and };
  const sort: Record<string, 1 | -1> = filter.kind === 'all' ? { createdAt: -1 } : { deadline: 1 };
  const [docs, total] = await Promise.all([
    TaskModel.find(query).sort(sort).limit(limit).lean(),
    TaskModel.countDocuments(query),
  ]);
  return { tasks: docs.map(toTaskView), total };
}

/** One task if the actor may see it; `undefined` when missing, `'forbidden'` when not theirs. */
export async function findVisibleTask(
  id: string,
  actor: TaskActor,
): Promise<TaskView | 'forbidden' | undefined> {
  const task = await getTask(id);
  if (!task) return undefined;
  return maySeeTask(task, actor) ? task : 'forbidden';
}

/** Finished and active owner counts per task (for list rows). */
export async function progressOf(
  tasks: readonly TaskView[],
): Promise<Map<string, { done: number; total: number }>> {
  const docs = await TaskAssignmentModel.find({ taskId: { $in: tasks.map((t) => t.id) } }).lean();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const out = new Map(tasks.map((t) => [t.id, { done: 0, total: 0 }]));
  for (const doc of docs) {
    const a = toAssignmentView(doc);
    const task = byId.get(a.taskId);
    const entry = out.get(a.taskId);
    if (!task || !entry || !a.active) continue;
    entry.total++;
    if (isFinished(task, a.state)) entry.done++;
  }
  return out;
}
