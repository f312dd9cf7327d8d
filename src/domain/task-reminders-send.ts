/**
 * Sending the planned task reminders of a tick as one batch (group commit): the due jobs' tasks
 * in one query, their assignments in one, the recipients' languages in one, and every message
 * of every reminder in one outbox insert — a tick of 100 reminders makes a handful of commands
 * instead of several per reminder.
 *
 * Per reminder nothing changes: the task is re-read at send time; nothing goes out when it is no
 * longer open or its deadline changed; else ONE group message to the task's chat mentioning the
 * pending owners plus one p2p message to each, and at the `deadline` point a p2p to the leader
 * listing who is late. Message keys derive from the job key, so a re-run sends nothing twice.
 */
import { findByKeys, idPrefix } from '../batching/key-lookup.js';
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { JobView } from '../jobs/types.js';
import type { Target } from '../lark/messenger.js';
import type { Logger } from '../logger.js';
import { type TaskAssignmentDoc, TaskAssignmentModel, type TaskDoc, TaskModel } from '../models/task.js';
import { localesOf } from './person-locale.js';
import type { TenantSettings } from './settings.js';
import {
  deadlineText,
  mentionList,
  pendingAmong,
  type ReminderDeps,
  type ReminderPayload,
  type ReminderTask,
  toReminderTask,
} from './task-reminders.js';

/** What a reminder run sent (for logs and tests). */
export interface ReminderOutcome {
  sent: boolean;
  pending: string[];
  reason?: 'unknown' | 'not-open' | 'deadline-changed' | 'nobody-pending';
}

/** One message of a reminder. */
interface Outgoing {
  key: string;
  to: Target;
  text: string;
}

type ReminderJob = Pick<JobView<ReminderPayload>, 'key' | 'payload'>;

/** The given tasks by id, in one query (an equality when there is one). */
async function readTasks(ids: string[]): Promise<Map<string, ReminderTask>> {
  if (ids.length === 0) return new Map();
  const docs = (await findByKeys(
    TaskModel.collection as never,
    '_id',
    ids,
    {},
    { large: true },
  )) as TaskDoc[];
  return new Map(docs.map((doc) => [doc._id, toReminderTask(doc)]));
}

/**
 * The pending owners of the given tasks, in one query over their owners' assignments by _id
 * (`${taskId}:${openId}`): a unique-key lookup every engine serves from its index (FerretDB's
 * planner misjudges a long `$in` on `taskId` and scans). A removed owner is not in `owners`, and
 * an owner without an assignment has nothing pending — as with a query by task.
 */
async function readPending(tasks: ReminderTask[]): Promise<Map<string, string[]>> {
  const ids = tasks.flatMap((task) => task.owners.map((openId) => `${task._id}:${openId}`));
  if (ids.length === 0) return new Map(tasks.map((task) => [task._id, []]));
  const projection = { taskId: 1, openId: 1, state: 1, active: 1 };
  const rows = (await findByKeys(
    TaskAssignmentModel.collection as never,
    '_id',
    ids,
    { projection },
    { large: true, partition: (id) => ({ taskId: idPrefix(id) }) },
  )) as Pick<TaskAssignmentDoc, 'taskId' | 'openId' | 'state' | 'active'>[];
  const byTask = new Map<string, typeof rows>();
  for (const row of rows) byTask.set(row.taskId, [...(byTask.get(row.taskId) ?? []), row]);
  return new Map(tasks.map((task) => [task._id, pendingAmong(byTask.get(task._id) ?? [], task.owners)]));
}

/** The messages of one reminder whose task is open and has pending owners. */
function messagesOf(
  job: ReminderJob,
  task: ReminderTask,
  pending: string[],
  settings: TenantSettings,
  own: (openId: string) => Locale,
): Outgoing[] {
  const { point } = job.payload;
  const params = {
    title: task.title,
    deadline: deadlineText(task.deadline, settings.timezone),
    mentions: mentionList(pending),
  };
  const [groupKey, p2pKey] =
    point === 'created'
      ? (['reminder.groupCreated', 'reminder.p2pCreated'] as const)
      : point === 'deadline'
        ? (['reminder.groupOverdue', 'reminder.p2pOverdue'] as const)
        : (['reminder.group', 'reminder.p2p'] as const);
  const out: Outgoing[] = [];
  if (task.chatId)
    out.push({
      key: `${job.key}:group`,
      to: { chatId: task.chatId },
      text: t(settings.locale, groupKey, params),
    });
  for (const openId of pending)
    out.push({ key: `${job.key}:p2p:${openId}`, to: { openId }, text: t(own(openId), p2pKey, params) });
  if (point === 'deadline' && task.leader) {
    const leader = task.leader;
    out.push({
      key: `${job.key}:leader:${leader}`,
      to: { openId: leader },
      text: t(own(leader), 'reminder.leaderOverdue', params),
    });
  }
  return out;
}

/**
 * Sends the planned reminders of `jobs` (the {@link REMINDER_JOB} batch handler's work) and
 * returns each job's outcome by job key. A failed read or write throws for the whole batch
 * (every job is retried; the outbox keys make the retry send nothing twice).
 */
export async function sendTaskReminders(
  jobs: ReminderJob[],
  deps: ReminderDeps,
  log?: Logger,
): Promise<Map<string, ReminderOutcome>> {
  const outcomes = new Map<string, ReminderOutcome>();
  const tasks = await readTasks([...new Set(jobs.map((job) => job.payload.taskId))]);
  const live: { job: ReminderJob; task: ReminderTask }[] = [];
  for (const job of jobs) {
    const { taskId, point, deadline } = job.payload;
    const task = tasks.get(taskId);
    if (!task) outcomes.set(job.key, { sent: false, pending: [], reason: 'unknown' });
    else if (task.state !== 'open') outcomes.set(job.key, { sent: false, pending: [], reason: 'not-open' });
    else if (task.deadline.toISOString() !== deadline) {
      log?.info({ taskId, point }, 'reminder for an old deadline; not sent');
      outcomes.set(job.key, { sent: false, pending: [], reason: 'deadline-changed' });
    } else live.push({ job, task });
  }
  const pendingByTask = await readPending([...new Map(live.map(({ task }) => [task._id, task])).values()]);
  const due = live.filter(({ job, task }) => {
    const pending = pendingByTask.get(task._id) ?? [];
    if (pending.length > 0) return true;
    outcomes.set(job.key, { sent: false, pending, reason: 'nobody-pending' });
    return false;
  });
  if (due.length === 0) return outcomes;
  const settings = await deps.settings();
  const people = due.flatMap(({ task }) => [
    ...(pendingByTask.get(task._id) ?? []),
    ...(task.leader ? [task.leader] : []),
  ]);
  const own = await localesOf(people, settings.locale);
  const messages: Outgoing[] = [];
  for (const { job, task } of due) {
    const pending = pendingByTask.get(task._id)!;
    messages.push(...messagesOf(job, task, pending, settings, own));
    outcomes.set(job.key, { sent: true, pending });
  }
  await deps.messenger.sendTextToMany(messages);
  return outcomes;
}

/** Sends one planned reminder (a batch of one). */
export async function sendTaskReminder(
  job: ReminderJob,
  deps: ReminderDeps,
  log?: Logger,
): Promise<ReminderOutcome> {
  return (await sendTaskReminders([job], deps, log)).get(job.key)!;
}
