/** Plain views of tasks, assignments and transitions as the rest of the bot reads them. */
import type { MessageKey, MessageParams } from '../i18n/index.js';
import type { AssignmentState, TaskCategory, TaskState } from '../models/task.js';

/** A task of the ledger (任务台账). */
export interface TaskView {
  /** Short id such as `T7K3Q`. */
  id: string;
  title: string;
  description: string;
  category: TaskCategory;
  creator: string;
  /** 督办领导 (open_id), if any. */
  leader: string | null;
  /** Active owners' open_ids in display order. */
  owners: string[];
  /** Group chat of the task card and group reminders (null: p2p only). */
  chatId: string | null;
  deptId: string | null;
  deadline: Date;
  requiresApproval: boolean;
  state: TaskState;
  version: number;
  reminderPolicy: unknown;
  /** Outbox key of the task card (`task-card:${id}`) once sent. */
  cardKey: string | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One owner's part of a task. */
export interface AssignmentView {
  taskId: string;
  openId: string;
  state: AssignmentState;
  version: number;
  /** 完成说明 of the latest submission. */
  note: string;
  /** Reason of the latest return (退回), '' when none or since resubmitted. */
  returnReason: string;
  confirmedAt: Date | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  /** False when removed from the task by an edit. */
  active: boolean;
}

/** One entry of a task's history. */
export interface TransitionView {
  id: string;
  taskId: string;
  owner: string | null;
  actor: string;
  action: string;
  from: string | null;
  to: string | null;
  note: string;
  detail: unknown;
  at: Date;
}

/** A refused task operation: a message key (src/i18n/messages/task.ts) and its values. */
export interface TaskError {
  key: MessageKey;
  params: MessageParams;
}

/** The result of a task operation. */
export type TaskResult<T> = ({ ok: true } & T) | { ok: false; error: TaskError };

/** Builds a refusal. */
export function taskError(key: MessageKey, params: MessageParams = {}): { ok: false; error: TaskError } {
  return { ok: false, error: { key, params } };
}

type TaskLean = {
  _id: string;
  title: string;
  description?: string | null;
  category: string;
  creator: string;
  leader?: string | null;
  owners?: string[] | null;
  chatId?: string | null;
  deptId?: string | null;
  deadline: Date;
  requiresApproval?: boolean | null;
  state?: string | null;
  version?: number | null;
  reminderPolicy?: unknown;
  cardKey?: string | null;
  closedAt?: Date | null;
  cancelledAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Converts a stored task (defaults filled in: FerretDB may drop empty arrays and nulls). */
export function toTaskView(doc: TaskLean): TaskView {
  return {
    id: doc._id,
    title: doc.title,
    description: doc.description ?? '',
    category: doc.category as TaskCategory,
    creator: doc.creator,
    leader: doc.leader ?? null,
    owners: [...(doc.owners ?? [])],
    chatId: doc.chatId ?? null,
    deptId: doc.deptId ?? null,
    deadline: doc.deadline,
    requiresApproval: doc.requiresApproval ?? true,
    state: (doc.state ?? 'open') as TaskState,
    version: doc.version ?? 0,
    reminderPolicy: doc.reminderPolicy ?? null,
    cardKey: doc.cardKey ?? null,
    closedAt: doc.closedAt ?? null,
    cancelledAt: doc.cancelledAt ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

type AssignmentLean = {
  taskId: string;
  openId: string;
  state?: string | null;
  version?: number | null;
  note?: string | null;
  returnReason?: string | null;
  confirmedAt?: Date | null;
  submittedAt?: Date | null;
  approvedAt?: Date | null;
  active?: boolean | null;
};

/** Converts a stored assignment. */
export function toAssignmentView(doc: AssignmentLean): AssignmentView {
  return {
    taskId: doc.taskId,
    openId: doc.openId,
    state: (doc.state ?? 'pending') as AssignmentState,
    version: doc.version ?? 0,
    note: doc.note ?? '',
    returnReason: doc.returnReason ?? '',
    confirmedAt: doc.confirmedAt ?? null,
    submittedAt: doc.submittedAt ?? null,
    approvedAt: doc.approvedAt ?? null,
    active: doc.active ?? true,
  };
}

type TransitionLean = {
  _id: string;
  taskId: string;
  owner?: string | null;
  actor: string;
  action: string;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  detail?: unknown;
  at: Date;
};

/** Converts a stored transition. */
export function toTransitionView(doc: TransitionLean): TransitionView {
  return {
    id: doc._id,
    taskId: doc.taskId,
    owner: doc.owner ?? null,
    actor: doc.actor,
    action: doc.action,
    from: doc.from ?? null,
    to: doc.to ?? null,
    note: doc.note ?? '',
    detail: doc.detail ?? null,
    at: doc.at,
  };
}
