/**
 * The task ledger (任务台账): create, per-owner close-out (销号) state machine, edit and cancel.
 * Knows nothing of Feishu: plain ids and values in, {@link TaskResult} values out.
 *
 * Concurrency (FerretDB 1.24 has no atomic conditional update): every change first inserts its
 * TaskTransition under the version key — `${taskId}:${openId}:${n}` for an owner's change,
 * `${taskId}:task:${n}` for a task-level one, n = stored version + 1. The unique insert is atomic
 * on both engines, so of two racing changes (or a double click) exactly one wins; the loser
 * answers "已处理" and changes nothing. The winner then writes the document at version n. A
 * crash between the two writes is healed by the next attempt, which rolls the stored
 * transition forward (the transition carries everything the document write needs).
 *
 * Permissions: admins and leaders create; a leader's owners must belong to departments they
 * lead (or below). Owners act on their own part only. The approver is the creator or the task's
 * leader (督办领导). Edit and cancel: the creator, the task's leader, a leader of the task's
 * department, or an admin. Every change is written to the audit log.
 */
import { randomInt } from 'node:crypto';
import { CoalescedRuns } from '../batching/coalesced-runs.js';
import { readsOf, updatesOf } from '../batching/collections.js';
import { insertDocument } from '../batching/model-insert.js';
import { PersonModel } from '../models/person.js';
import {
  type AssignmentState,
  TASK_CATEGORIES,
  TaskAssignmentModel,
  type TaskCategory,
  TaskModel,
  TaskTransitionModel,
} from '../models/task.js';
import { formatZoned } from '../time/zoned.js';
import type { Role } from './access.js';
import { recordAudit } from './audit.js';
import { findChat } from './chats.js';
import { findKeyed, insertKeyed, insertManyOnce, insertOnce } from './keyed-create.js';
import { mayTargetChat } from './target-scope.js';
import { notifyTaskChanged } from './task-listeners.js';
import {
  type AssignmentView,
  type TaskResult,
  type TaskView,
  type TransitionView,
  taskError,
  toAssignmentView,
  toTaskView,
  toTransitionView,
} from './task-views.js';

export {
  notifyTaskChanged,
  onTaskChanged,
  registerTaskListener,
  setTaskListenerErrorReporter,
  type TaskChange,
  type TaskChangeKind,
  type TaskListener,
} from './task-listeners.js';
export type { AssignmentView, TaskError, TaskResult, TaskView, TransitionView } from './task-views.js';

/** Who is acting: their open_id, roles and the departments they lead (with those below). */
export interface TaskActor {
  openId: string;
  roles: readonly Role[];
  leads: readonly string[];
}

/** Audits a task creation refused for department scope (an owner or the chat outside the leader's departments). */
async function auditCreateRefusal(
  actor: TaskActor,
  what: 'owner' | 'chat',
  target: string,
  now: Date,
): Promise<void> {
  await recordAudit(
    { actor: actor.openId, action: 'task.create', outcome: 'refused', target, detail: `scope:${what}` },
    now,
  );
}

/** What `createTask` needs. Owners and leader are open_ids. */
export interface CreateTaskInput {
  title: string;
  description?: string;
  /** Default 'other'. */
  category?: TaskCategory;
  owners: readonly string[];
  deadline: Date;
  leader?: string | null;
  /** Group chat of the card and group reminders. */
  chatId?: string | null;
  /** Department the task belongs to; default: the chat's, else the first owner's. */
  deptId?: string | null;
  /** 销号需审核 (default true). */
  requiresApproval?: boolean;
  reminderPolicy?: unknown;
  /** Zone for dates in error messages (default Asia/Shanghai). */
  timezone?: string;
  /**
   * What created it (the event, or the form card and its submitter): the id is derived from it
   * and a second call with the same key returns the task the first one made (keyed-create.ts).
   */
  sourceKey?: string;
}

/** What `editTask` may change. */
export interface EditTaskInput {
  deadline?: Date;
  /** The new complete owner list (open_ids). */
  owners?: readonly string[];
  timezone?: string;
}

/** Owner actions of the state machine. */
export type OwnerAction = 'confirm' | 'submit' | 'approve' | 'return';

/** Longest title accepted. */
export const MAX_TITLE_LENGTH = 100;
const OPEN_ID = /^ou_[\w-]+$/;
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const DEFAULT_TZ = 'Asia/Shanghai';

/** A new short task id: `T` and four characters without look-alikes (e.g. `T7K3Q`). */
export function newTaskId(): string {
  let id = 'T';
  for (let i = 0; i < 4; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** True for admins. */
function isAdmin(actor: TaskActor): boolean {
  return actor.roles.includes('admin');
}

/** May the actor approve or return submissions of this task? The creator or the task's leader. */
export function isApprover(task: TaskView, openId: string): boolean {
  return task.creator === openId || task.leader === openId;
}

/** May the actor edit or cancel this task? Creator, task leader, a leader of its department, admins. */
export function mayManageTask(task: TaskView, actor: TaskActor): boolean {
  return (
    isAdmin(actor) ||
    isApprover(task, actor.openId) ||
    (task.deptId !== null && actor.roles.includes('leader') && actor.leads.includes(task.deptId))
  );
}

/** True when this owner has finished: approved, or submitted when approval is not required. */
export function isFinished(task: Pick<TaskView, 'requiresApproval'>, state: AssignmentState): boolean {
  return state === 'approved' || (!task.requiresApproval && state === 'submitted');
}

/** One task, if it exists. */
export async function getTask(id: string): Promise<TaskView | undefined> {
  // Through the read batcher: a burst of owners pressing a task's card reads it once per flush.
  const doc = await readsOf<Parameters<typeof toTaskView>[0]>(TaskModel).get(id.trim().toUpperCase());
  return doc ? toTaskView(doc) : undefined;
}

/** A task's assignments, read once per task at a time (owners pressing together share the next read). */
const assignmentReads = new CoalescedRuns((taskId) => TaskAssignmentModel.find({ taskId: { $eq: taskId } }).lean().exec());

/** The task's assignments (active ones in owner order, then removed ones). */
export async function listAssignments(
  taskId: string,
  opts: { includeInactive?: boolean } = {},
): Promise<AssignmentView[]> {
  const [docs, task] = await Promise.all([
    assignmentReads.request(taskId),
    readsOf<{ owners?: string[] | null }>(TaskModel).get(taskId),
  ]);
  const views = docs.map(toAssignmentView).filter((a) => opts.includeInactive || a.active);
  const order = new Map((task?.owners ?? []).map((o, i) => [o, i]));
  const rank = (a: AssignmentView) => (a.active ? (order.get(a.openId) ?? 999) : 1000);
  return views.sort((a, b) => rank(a) - rank(b));
}

/** The task's history, oldest first. */
export async function listTransitions(taskId: string): Promise<TransitionView[]> {
  const docs = await TaskTransitionModel.find({ taskId: { $eq: taskId } })
    .sort({ at: 1, _id: 1 })
    .lean();
  return docs.map(toTransitionView);
}

/** Active owners who have not finished (not approved; not submitted when approval is not required). */
export async function pendingOwners(task: TaskView): Promise<string[]> {
  if (task.state !== 'open') return [];
  const assignments = await listAssignments(task.id);
  return assignments.filter((a) => !isFinished(task, a.state)).map((a) => a.openId);
}

/** Creates a task with one assignment per owner; audits it and fires the hook. */
export async function createTask(
  input: CreateTaskInput,
  actor: TaskActor,
  now: Date,
): Promise<TaskResult<{ task: TaskView }>> {
  if (input.sourceKey) {
    // A re-run of the event that created it: finish what the crash interrupted, check nothing again.
    const earlier = await findKeyed<{ _id: string; sourceKey?: string | null }>(
      TaskModel,
      'T',
      input.sourceKey,
    );
    if (earlier) return completeCreate(earlier._id, now);
  }
  const tz = input.timezone ?? DEFAULT_TZ;
  const title = input.title.trim();
  if (!isAdmin(actor) && !actor.roles.includes('leader')) return taskError('task.err.forbiddenCreate');
  if (title === '') return taskError('task.err.titleMissing');
  if (title.length > MAX_TITLE_LENGTH) return taskError('task.err.titleTooLong', { max: MAX_TITLE_LENGTH });
  const owners = [...new Set(input.owners.map((o) => o.trim()))];
  if (owners.length === 0) return taskError('task.err.ownerMissing');
  const bad = owners.find((o) => !OPEN_ID.test(o));
  if (bad !== undefined) return taskError('task.err.ownerUnknown', { name: bad });
  if (input.leader && !OPEN_ID.test(input.leader))
    return taskError('task.err.leaderUnknown', { name: input.leader });
  if (Number.isNaN(input.deadline.getTime())) return taskError('task.err.deadlineMissing');
  if (input.deadline.getTime() <= now.getTime()) return pastDeadline(input.deadline, now, tz);
  const category = input.category ?? 'other';
  if (!TASK_CATEGORIES.includes(category)) return taskError('task.err.titleMissing');
  const people = await PersonModel.find({ openId: { $in: owners } }).lean();
  const deptOf = new Map(people.map((p) => [p.openId, p.deptId ?? null]));
  if (!isAdmin(actor)) {
    const outside = owners.find((o) => !actor.leads.includes(deptOf.get(o) ?? ''));
    if (outside !== undefined) {
      const person = people.find((p) => p.openId === outside);
      await auditCreateRefusal(actor, 'owner', outside, now);
      return taskError('task.err.ownerOutside', { name: person?.name || outside });
    }
  }
  let deptId = input.deptId ?? null;
  if (input.chatId) {
    const chat = await findChat(input.chatId);
    if (chat && !chat.active) return taskError('task.err.chatUnknown');
    // Department scope: a leader's task card goes only to a chat bound to their departments.
    if (!mayTargetChat(actor, chat?.deptId ? chat : undefined)) {
      await auditCreateRefusal(actor, 'chat', input.chatId, now);
      return taskError('scope.task.chatOutside', { name: chat?.name || input.chatId });
    }
    deptId ??= chat?.deptId ?? null;
  }
  deptId ??= deptOf.get(owners[0]!) ?? null;

  const fields = {
    title,
    description: (input.description ?? '').trim(),
    category,
    creator: actor.openId,
    leader: input.leader ?? null,
    owners,
    chatId: input.chatId ?? null,
    deptId,
    deadline: input.deadline,
    requiresApproval: input.requiresApproval ?? true,
    state: 'open' as const,
    version: 1,
    reminderPolicy: input.reminderPolicy ?? null,
    cardKey: null,
    closedAt: null,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
  };
  let id = '';
  if (input.sourceKey) {
    id = (await insertKeyed(TaskModel, 'T', input.sourceKey, fields)).id;
  } else {
    for (let attempt = 0; ; attempt++) {
      id = newTaskId();
      try {
        await TaskModel.create({ _id: id, ...fields });
        break;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= 8) throw error;
      }
    }
  }
  return completeCreate(id, now);
}

/**
 * The writes that follow the task document, each idempotent (derived `_id`s, a keyed audit
 * entry, keyed reminder jobs): a re-run after a crash between any two of them completes the
 * task without doubling anything. Reads the stored task, so a re-run uses what was stored.
 */
async function completeCreate(id: string, now: Date): Promise<TaskResult<{ task: TaskView }>> {
  const stored = (await TaskModel.findById(id).lean())!;
  const { owners, title, deadline, leader, chatId, creator } = stored;
  await insertManyOnce(
    TaskAssignmentModel,
    owners.map((openId) =>
      new TaskAssignmentModel({
        _id: `${id}:${openId}`,
        taskId: id,
        openId,
        state: 'pending',
        version: 0,
        active: true,
      }).toObject(),
    ),
  );
  await insertOnce(
    TaskTransitionModel,
    new TaskTransitionModel({
      _id: `${id}:task:1`,
      taskId: id,
      owner: null,
      actor: creator,
      action: 'create',
      from: null,
      to: 'open',
      detail: { title, owners, deadline, leader, chatId },
      at: stored.createdAt,
    }).toObject(),
  );
  await recordAudit(
    {
      actor: creator,
      action: 'task.create',
      outcome: 'ok',
      target: id,
      after: { title, owners, deadline },
      key: `task.create:${id}`,
    },
    stored.createdAt,
  );
  const task = (await getTask(id))!;
  await notifyTaskChanged({ kind: 'created', task, actor: creator, now });
  return { ok: true, task };
}

function pastDeadline(deadline: Date, now: Date, tz: string) {
  const example = formatZoned(new Date(now.getTime() + 7 * 86_400_000), tz, 'YYYY-MM-DD 18:00');
  return taskError('task.err.deadlinePast', { deadline: formatZoned(deadline, tz), example });
}

/** Records where the task card was sent (the outbox key it is patched through). */
export async function setTaskCardKey(taskId: string, cardKey: string): Promise<void> {
  await TaskModel.updateOne({ _id: { $eq: taskId } }, { $set: { cardKey } });
}

/** The state an owner action moves to, from which states it is allowed. */
const MOVES: Record<OwnerAction, { from: AssignmentState[]; to: AssignmentState }> = {
  confirm: { from: ['pending'], to: 'confirmed' },
  submit: { from: ['pending', 'confirmed'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'confirmed' },
};

/** The assignment fields a transition sets (also used to roll a stored transition forward). */
function assignmentSet(action: string, to: string, note: string, at: Date): Record<string, unknown> {
  const set: Record<string, unknown> = { state: to };
  if (action === 'confirm') set.confirmedAt = at;
  if (action === 'submit') Object.assign(set, { submittedAt: at, note, returnReason: '' });
  if (action === 'approve') set.approvedAt = at;
  if (action === 'return') Object.assign(set, { returnReason: note, submittedAt: null });
  return set;
}

/** After a lost version claim: makes sure the winner's transition reached the document. */
async function rollAssignmentForward(id: string, n: number): Promise<void> {
  const t = await TaskTransitionModel.findById(`${id}:${n}`).lean();
  if (!t?.to) return;
  await TaskAssignmentModel.updateOne(
    { _id: { $eq: id }, version: { $lt: n } },
    { $set: { ...assignmentSet(t.action, t.to, t.note ?? '', t.at), version: n } },
  );
}

/**
 * An owner's step: `confirm` and `submit` (with `note`, required) by the owner themself;
 * `approve` and `return` (with `reason`, required) by the creator or the task's leader. Closes
 * the task when every active owner has finished. A double click or a concurrent change answers
 * `task.err.alreadyHandled` (or the state error) and changes nothing.
 */
export async function applyOwnerAction(
  taskId: string,
  owner: string,
  action: OwnerAction,
  actor: TaskActor,
  opts: { note?: string; reason?: string },
  now: Date,
): Promise<TaskResult<{ task: TaskView; assignment: AssignmentView; closed: boolean }>> {
  const task = await getTask(taskId);
  if (!task) return taskError('task.err.notFound', { id: taskId });
  if (task.state === 'closed') return taskError('task.err.closed', { id: task.id });
  if (task.state === 'cancelled') return taskError('task.err.cancelled', { id: task.id });
  const assignmentId = `${task.id}:${owner}`;
  const doc = await readsOf<Parameters<typeof toAssignmentView>[0]>(TaskAssignmentModel).get(assignmentId);
  const current = doc ? toAssignmentView(doc) : undefined;
  const ownAction = action === 'confirm' || action === 'submit';
  if (ownAction && (actor.openId !== owner || !current?.active)) return taskError('task.err.notOwner');
  if (!ownAction) {
    if (!task.requiresApproval) return taskError('task.err.noApproval');
    if (!isApprover(task, actor.openId)) return taskError('task.err.notApprover');
  }
  if (!current?.active) return taskError('task.err.notOwner');
  const move = MOVES[action];
  if (!move.from.includes(current.state)) {
    const repeated = current.state === move.to || (action === 'confirm' && current.state !== 'pending');
    if (repeated) return taskError('task.err.alreadyHandled');
    return taskError('task.err.badState', {
      state: `task.state.${current.state}`,
      action: `task.action.${action}`,
    });
  }
  const note =
    (action === 'return' ? opts.reason : action === 'submit' ? opts.note : opts.note)?.trim() ?? '';
  if (action === 'submit' && note === '') return taskError('task.err.noteMissing');
  if (action === 'return' && note === '') return taskError('task.err.reasonMissing');

  const n = current.version + 1;
  // The version claim and the assignment write are group-committed with the burst's other
  // presses (one insertMany, one updateMany per distinct change); the unique claim still decides.
  const claimed = await insertDocument(TaskTransitionModel, {
    _id: `${assignmentId}:${n}`,
    taskId: task.id,
    owner,
    actor: actor.openId,
    action,
    from: current.state,
    to: move.to,
    note,
    at: now,
  });
  if (!claimed) {
    await rollAssignmentForward(assignmentId, n);
    return taskError('task.err.alreadyHandled');
  }
  await updatesOf(TaskAssignmentModel).update({
    key: assignmentId,
    where: { version: { $lt: n } },
    set: { ...assignmentSet(action, move.to, note, now), version: n },
  });
  await recordAudit(
    {
      actor: actor.openId,
      action: `task.${action}`,
      outcome: 'ok',
      target: assignmentId,
      before: { state: current.state },
      after: { state: move.to },
      detail: note,
    },
    now,
  );
  const closed = await closeIfDone(task, actor.openId, now);
  const after = (await getTask(task.id))!;
  const assignment = toAssignmentView((await readsOf<Parameters<typeof toAssignmentView>[0]>(TaskAssignmentModel).get(assignmentId))!);
  await notifyTaskChanged({
    kind: 'progress',
    task: after,
    actor: actor.openId,
    now,
    detail: { owner, action },
  });
  if (closed) await notifyTaskChanged({ kind: 'closed', task: after, actor: actor.openId, now });
  return { ok: true, task: after, assignment, closed };
}

/**
 * Claims the next task version with a task-level transition and writes `set` at that version.
 * Returns false when another change claimed it first (the stored one is rolled forward).
 * Exported for task-level changes kept in their own modules (e.g. task-policy.ts).
 */
export async function changeTask(
  task: TaskView,
  actor: string,
  action: string,
  set: Record<string, unknown>,
  extra: { from?: string; to?: string; note?: string; before?: unknown },
  now: Date,
): Promise<boolean> {
  const n = task.version + 1;
  try {
    await TaskTransitionModel.create({
      _id: `${task.id}:task:${n}`,
      taskId: task.id,
      owner: null,
      actor,
      action,
      from: extra.from ?? task.state,
      to: extra.to ?? task.state,
      note: extra.note ?? '',
      detail: { before: extra.before ?? null, set },
      at: now,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const t = await TaskTransitionModel.findById(`${task.id}:task:${n}`).lean();
    const stored = (t?.detail as { set?: Record<string, unknown> } | null)?.set;
    if (stored) await writeTask(task.id, n, stored, t!.at);
    return false;
  }
  await writeTask(task.id, n, set, now);
  return true;
}

async function writeTask(id: string, n: number, set: Record<string, unknown>, at: Date): Promise<void> {
  const fields = { ...set };
  if (typeof fields.deadline === 'string') fields.deadline = new Date(fields.deadline);
  await TaskModel.updateOne(
    { _id: { $eq: id }, version: { $lt: n } },
    { $set: { ...fields, version: n, updatedAt: at } },
  );
}

/** Closes the task when every active owner has finished; true when this call closed it. */
async function closeIfDone(task: TaskView, actor: string, now: Date): Promise<boolean> {
  const fresh = (await getTask(task.id))!;
  if (fresh.state !== 'open') return false;
  const assignments = await listAssignments(task.id);
  if (assignments.length === 0 || !assignments.every((a) => isFinished(fresh, a.state))) return false;
  const closed = await changeTask(
    fresh,
    actor,
    'close',
    { state: 'closed', closedAt: now },
    { to: 'closed' },
    now,
  );
  if (closed) {
    await recordAudit(
      { actor, action: 'task.close', outcome: 'ok', target: task.id, after: { state: 'closed' } },
      now,
    );
  }
  return closed;
}

/** Cancels an open task (creator, task leader, department leader, admin); history is kept. */
export async function cancelTask(
  taskId: string,
  actor: TaskActor,
  opts: { reason?: string },
  now: Date,
): Promise<TaskResult<{ task: TaskView }>> {
  const task = await getTask(taskId);
  if (!task) return taskError('task.err.notFound', { id: taskId });
  if (!mayManageTask(task, actor)) {
    await recordAudit(
      { actor: actor.openId, action: 'task.cancel', outcome: 'refused', target: task.id, detail: 'scope' },
      now,
    );
    return taskError('task.err.forbiddenManage');
  }
  if (task.state === 'closed') return taskError('task.err.closed', { id: task.id });
  if (task.state === 'cancelled') return taskError('task.err.cancelled', { id: task.id });
  const note = opts.reason?.trim() ?? '';
  const won = await changeTask(
    task,
    actor.openId,
    'cancel',
    { state: 'cancelled', cancelledAt: now },
    { to: 'cancelled', note },
    now,
  );
  if (!won) return taskError('task.err.alreadyHandled');
  await recordAudit(
    {
      actor: actor.openId,
      action: 'task.cancel',
      outcome: 'ok',
      target: task.id,
      before: { state: 'open' },
      after: { state: 'cancelled' },
      detail: note,
    },
    now,
  );
  const after = (await getTask(task.id))!;
  await notifyTaskChanged({ kind: 'cancelled', task: after, actor: actor.openId, now });
  return { ok: true, task: after };
}

/**
 * Changes the deadline and/or the owner list of an open task. Removed owners' assignments are
 * kept inactive (history); a re-added owner continues where they were. May close the task when
 * every remaining owner has finished.
 */
export async function editTask(
  taskId: string,
  input: EditTaskInput,
  actor: TaskActor,
  now: Date,
): Promise<TaskResult<{ task: TaskView; added: string[]; removed: string[]; closed: boolean }>> {
  const task = await getTask(taskId);
  if (!task) return taskError('task.err.notFound', { id: taskId });
  if (!mayManageTask(task, actor)) {
    await recordAudit(
      { actor: actor.openId, action: 'task.edit', outcome: 'refused', target: task.id, detail: 'scope' },
      now,
    );
    return taskError('task.err.forbiddenManage');
  }
  if (task.state === 'closed') return taskError('task.err.closed', { id: task.id });
  if (task.state === 'cancelled') return taskError('task.err.cancelled', { id: task.id });
  const set: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  if (input.deadline) {
    if (Number.isNaN(input.deadline.getTime())) return taskError('task.err.deadlineMissing');
    if (input.deadline.getTime() <= now.getTime())
      return pastDeadline(input.deadline, now, input.timezone ?? DEFAULT_TZ);
    if (input.deadline.getTime() !== task.deadline.getTime()) {
      set.deadline = input.deadline;
      before.deadline = task.deadline;
    }
  }
  let added: string[] = [];
  let removed: string[] = [];
  if (input.owners) {
    const owners = [...new Set(input.owners)];
    if (owners.length === 0) return taskError('task.err.ownerMissing');
    const bad = owners.find((o) => !OPEN_ID.test(o));
    if (bad !== undefined) return taskError('task.err.ownerUnknown', { name: bad });
    added = owners.filter((o) => !task.owners.includes(o));
    removed = task.owners.filter((o) => !owners.includes(o));
    // Department scope: whoever edits (the creator and the 督办领导 included) adds only people of
    // the departments they lead; admins anyone.
    if (!isAdmin(actor) && added.length > 0) {
      const people = await PersonModel.find({ openId: { $in: added } }).lean();
      const person = (o: string) => people.find((p) => p.openId === o);
      const outside = added.find((o) => !actor.leads.includes(person(o)?.deptId ?? ''));
      if (outside !== undefined) {
        await recordAudit(
          {
            actor: actor.openId,
            action: 'task.edit',
            outcome: 'refused',
            target: task.id,
            detail: 'scope:owner',
          },
          now,
        );
        return taskError('task.err.ownerOutside', { name: person(outside)?.name || outside });
      }
    }
    if (added.length + removed.length > 0) {
      set.owners = owners;
      before.owners = task.owners;
    }
  }
  if (Object.keys(set).length === 0) return taskError('task.err.editNothing');
  const won = await changeTask(task, actor.openId, 'edit', set, { before, note: '' }, now);
  if (!won) return taskError('task.err.alreadyHandled');
  for (const openId of added) {
    await TaskAssignmentModel.updateOne(
      { _id: { $eq: `${task.id}:${openId}` } },
      {
        $set: { active: true },
        $setOnInsert: { taskId: task.id, openId, state: 'pending', version: 0, note: '', returnReason: '' },
      },
      { upsert: true },
    );
  }
  if (removed.length > 0) {
    await TaskAssignmentModel.updateMany(
      { _id: { $in: removed.map((o) => `${task.id}:${o}`) } },
      { $set: { active: false } },
    );
  }
  await recordAudit(
    { actor: actor.openId, action: 'task.edit', outcome: 'ok', target: task.id, before, after: set },
    now,
  );
  const closed = await closeIfDone(task, actor.openId, now);
  const after = (await getTask(task.id))!;
  const detail = { deadline: 'deadline' in set, owners: 'owners' in set };
  await notifyTaskChanged({ kind: 'edited', task: after, actor: actor.openId, now, detail });
  if (closed) await notifyTaskChanged({ kind: 'closed', task: after, actor: actor.openId, now });
  return { ok: true, task: after, added, removed, closed };
}
