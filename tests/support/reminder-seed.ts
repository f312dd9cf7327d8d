/**
 * Stored documents for reminder ticks, written straight to the collections (a test or a benchmark
 * seeding thousands): an open task with two pending owners, their assignments, and a pending
 * reminder job. Shared by tests/e2e/task-reminders-batch.test.ts and scripts/bench-reminders.ts.
 */
import { REMINDER_JOB, reminderJobKey } from '../../src/domain/task-reminders.js';
import { minuteKey } from '../../src/jobs/claim.js';

/** The two owners every seeded task has. */
export const seededOwners = (taskId: string): string[] => [`ou_${taskId}_a`, `ou_${taskId}_b`];

/** An open task needing approval, owned by {@link seededOwners}. */
export function openTaskDoc(id: string, o: { chatId: string; deadline: Date; created: Date; creator?: string; leader?: string }) {
  return {
    _id: id,
    title: `任务 ${id}`,
    description: '',
    category: 'other',
    creator: o.creator ?? 'ou_admin',
    leader: o.leader ?? 'ou_leader',
    owners: seededOwners(id),
    chatId: o.chatId,
    deptId: null,
    deadline: o.deadline,
    requiresApproval: true,
    state: 'open',
    version: 1,
    reminderPolicy: null,
    cardKey: null,
    closedAt: null,
    cancelledAt: null,
    createdAt: o.created,
    updatedAt: o.created,
  };
}

/** The pending assignments of a seeded task's owners. */
export function pendingAssignmentDocs(taskId: string) {
  return seededOwners(taskId).map((openId) => ({
    _id: `${taskId}:${openId}`,
    taskId,
    openId,
    state: 'pending',
    version: 0,
    note: '',
    returnReason: '',
    active: true,
  }));
}

/** A pending reminder job for `point` of the task's deadline, due at `runAt`. */
export function reminderJobDoc(taskId: string, point: string, deadline: Date, runAt: Date, created: Date) {
  return {
    key: reminderJobKey(taskId, point, deadline),
    name: REMINDER_JOB,
    runAt,
    dueMinute: minuteKey(runAt),
    scheduledAt: runAt,
    payload: { taskId, point, deadline: deadline.toISOString() },
    state: 'pending',
    attempts: 0,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    skipReason: null,
    finishedAt: null,
    staleAfterMs: null,
    createdAt: created,
  };
}
