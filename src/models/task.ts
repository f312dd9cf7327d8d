import mongoose from 'mongoose';

/** Task categories, as in the campaign's ledgers. */
export const TASK_CATEGORIES = ['create', 'rectify', 'key', 'other'] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];

/** Per-owner states: 未确认 → 已确认 → 已提交 → 已销号 (or back to 已确认 when returned). */
export const ASSIGNMENT_STATES = ['pending', 'confirmed', 'submitted', 'approved'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** Task states. */
export const TASK_STATES = ['open', 'closed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/**
 * A task of the ledger (任务台账). `_id` is a short human id such as `T7K3Q` (unique; generated
 * randomly and retried on a clash, never from a shared counter — counters are not atomic on
 * FerretDB). Per-owner progress lives in TaskAssignment documents, history in TaskTransition.
 * `version` is bumped by every task-level change; a change first inserts the TaskTransition
 * `${_id}:task:${version + 1}` (a unique insert — the only write atomic on FerretDB too), so two
 * concurrent changes cannot both win.
 */
const taskSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    category: { type: String, enum: TASK_CATEGORIES, required: true },
    creator: { type: String, required: true },
    /** 督办领导: receives escalations; approves close-outs with the creator. */
    leader: { type: String, default: null },
    /** Owners' open_ids in display order (their progress is in TaskAssignment). */
    owners: { type: [String], default: [] },
    /** Group chat the task card and group reminders go to (null: p2p only). */
    chatId: { type: String, default: null },
    deptId: { type: String, default: null },
    deadline: { type: Date, required: true },
    /** 销号需审核: a submission must be approved by the creator or the leader. */
    requiresApproval: { type: Boolean, default: true },
    state: { type: String, enum: TASK_STATES, default: 'open' },
    version: { type: Number, default: 0 },
    /** Reminder offsets chosen for this task (null = the agency default policy). */
    reminderPolicy: { type: mongoose.Schema.Types.Mixed, default: null },
    /** Outbox key of the card sent to the chat; the card is patched in place through it. */
    cardKey: { type: String, default: null },
    /** What created it (event or form submission); the id is derived from it (keyed-create.ts). */
    sourceKey: { type: String, default: null },
    closedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'tasks', versionKey: false },
);
taskSchema.index({ state: 1, deadline: 1 });
taskSchema.index({ owners: 1, state: 1 });
taskSchema.index({ deptId: 1, state: 1 });

export type TaskDoc = mongoose.InferSchemaType<typeof taskSchema>;
export const TaskModel = mongoose.model('Task', taskSchema);

/** One owner's part of a task; `_id` = `${taskId}:${openId}`. */
const assignmentSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    openId: { type: String, required: true },
    state: { type: String, enum: ASSIGNMENT_STATES, default: 'pending' },
    /** Bumped by every transition of this assignment (see TaskTransition). */
    version: { type: Number, default: 0 },
    /** 完成说明 of the latest submission. */
    note: { type: String, default: '' },
    /** Reason of the latest return (退回). */
    returnReason: { type: String, default: '' },
    confirmedAt: { type: Date, default: null },
    submittedAt: { type: Date, default: null },
    approvedAt: { type: Date, default: null },
    /** False when removed from the task by an edit (kept for history). */
    active: { type: Boolean, default: true },
  },
  { collection: 'task_assignments', versionKey: false },
);
assignmentSchema.index({ taskId: 1 });
assignmentSchema.index({ openId: 1, state: 1 });

export type TaskAssignmentDoc = mongoose.InferSchemaType<typeof assignmentSchema>;
export const TaskAssignmentModel = mongoose.model('TaskAssignment', assignmentSchema);

/**
 * The append-only history (the audit trail of 销号). `_id` is the transition's version key:
 * `${taskId}:task:${n}` for task-level changes, `${taskId}:${openId}:${n}` for an owner's.
 * Inserting it is how a transition claims its version: a duplicate means someone else (or a
 * double click) got there first, and the second attempt changes nothing.
 */
const transitionSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    /** The owner this transition is about (null for task-level ones). */
    owner: { type: String, default: null },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    from: { type: String, default: null },
    to: { type: String, default: null },
    note: { type: String, default: '' },
    /** Anything else worth keeping (old and new deadline, owners added/removed, …). */
    detail: { type: mongoose.Schema.Types.Mixed, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'task_transitions', versionKey: false },
);
transitionSchema.index({ taskId: 1, at: 1 });

export type TaskTransitionDoc = mongoose.InferSchemaType<typeof transitionSchema>;
export const TaskTransitionModel = mongoose.model('TaskTransition', transitionSchema);
