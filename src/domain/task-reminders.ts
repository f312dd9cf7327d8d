/**
 * Task reminders and the escalation ladder.
 *
 * - {@link syncTaskReminders} turns a task's plan (task-reminders-plan.ts) into one scheduler job
 *   per point, keyed `task.reminder:<taskId>:<point>:<deadline ISO>`: an edited deadline makes new
 *   keys and the old pending ones are cancelled; a closed or cancelled task has none left.
 * - sendTaskReminders (task-reminders-send.ts, the job handler, a tick's due reminders at once)
 *   re-reads the tasks: nothing when one is no longer open or its deadline changed; else ONE
 *   group message to the task's chat mentioning the pending owners plus one p2p message to each.
 *   At the `deadline` point the messages say the task is overdue and the leader gets a p2p.
 * - {@link sendOverdueDigest} (the daily 09:00 job, workdays only): one combined nudge per late
 *   owner listing all their overdue tasks, buzzed (urgent) once that day when any of them is
 *   {@link BUZZ_AFTER_WORKDAYS} or more workdays overdue; one combined list per leader.
 *
 * Every message key is derived from the job key (the daily run: from the local day), so a re-run, a retry or a second process sends
 * nothing twice (the outbox drops a repeated key). "Pending" owners are the active assignments
 * still `pending` (未确认) or `confirmed` (已确认): someone who has submitted waits for the
 * approver and is not chased.
 */
import { type Markup, markup, textMention } from '../../cards/escape.js';
import type { Messenger } from '../lark/messenger.js';
import { t, type Locale } from '../i18n/index.js';
import type { JobView } from '../jobs/types.js';
import { Job } from '../models/job.js';
import { type TaskAssignmentDoc, TaskAssignmentModel, type TaskDoc, TaskModel } from '../models/task.js';
import type { WorkCalendar } from '../time/workdays.js';
import { formatZoned, zonedDateTime, zonedDayKey } from '../time/zoned.js';
import { localesOf } from './person-locale.js';
import type { TenantSettings } from './settings.js';
import { effectivePolicy, planReminders, type PlannedReminder } from './task-reminders-plan.js';
import { readReminderKeys, writeReminderKeys } from './task-reminders-index.js';
import { loadDefaultReminderPolicy } from './task-reminders-policy.js';

/** Job name of one planned reminder. */
export const REMINDER_JOB = 'task.reminder';
/** Job name of the daily overdue nudges (recurring, 09:00 in the agency time zone). */
export const OVERDUE_JOB = 'task.overdue-daily';
/** The daily overdue job's cron expression. */
export const OVERDUE_CRON = '0 9 * * *';
/** Overdue workdays after which the daily nudge is also buzzed (urgent). */
export const BUZZ_AFTER_WORKDAYS = 3;

/** Payload of a {@link REMINDER_JOB} job. */
export interface ReminderPayload {
  taskId: string;
  point: string;
  /** The deadline the plan was made for (ISO); a job for an old deadline sends nothing. */
  deadline: string;
}

/** What the reminder code needs from the bot. */
export interface ReminderDeps {
  messenger: Messenger;
  settings(): Promise<TenantSettings>;
  calendar(): Promise<WorkCalendar>;
}

/** The scheduler operations syncing needs (a Scheduler satisfies it). */
export interface ReminderScheduler {
  schedule(input: { key: string; name: string; runAt: Date; payload?: unknown }): Promise<boolean>;
  cancel(key: string): Promise<boolean>;
}

/** A task as the reminders read it. */
export interface ReminderTask {
  _id: string;
  title: string;
  creator: string;
  leader: string | null;
  chatId: string | null;
  deadline: Date;
  createdAt: Date;
  state: string;
  reminderPolicy: unknown;
  /** Owners in display order. */
  owners: string[];
}

/** The job key of one point of a task's plan. */
export function reminderJobKey(taskId: string, point: string, deadline: Date): string {
  return `${REMINDER_JOB}:${taskId}:${point}:${deadline.toISOString()}`;
}

/** The reminders' view of a stored task. */
export function toReminderTask(doc: TaskDoc & { _id: string }): ReminderTask {
  return {
    _id: doc._id,
    title: doc.title,
    creator: doc.creator,
    leader: doc.leader ?? null,
    chatId: doc.chatId ?? null,
    deadline: doc.deadline,
    createdAt: doc.createdAt,
    state: doc.state,
    reminderPolicy: doc.reminderPolicy ?? null,
    owners: doc.owners ?? [],
  };
}

/** Reads a task (null when unknown). */
export async function readReminderTask(taskId: string): Promise<ReminderTask | null> {
  const doc = await TaskModel.findById(taskId).lean();
  return doc ? toReminderTask(doc) : null;
}

/** The owners among a task's assignment rows who have not finished, in the task's owner order. */
export function pendingAmong(
  rows: ReadonlyArray<Pick<TaskAssignmentDoc, 'openId' | 'state' | 'active'>>,
  order: readonly string[] = [],
): string[] {
  const pending = rows
    .filter((r) => r.active !== false && (r.state === 'pending' || r.state === 'confirmed'))
    .map((r) => r.openId);
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return pending.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Open ids of the owners of `taskId` who have not finished, in the task's owner order. */
export async function pendingOwnerIds(taskId: string, order: readonly string[] = []): Promise<string[]> {
  // Plain equality (taskId is a validated string): FerretDB pushes it down to SQL; `$eq` it filters itself.
  return pendingAmong(await TaskAssignmentModel.find({ taskId }).lean(), order);
}

/** The plan of a task under the current settings (empty when the task is not open). */
export async function planForTask(
  task: ReminderTask,
  deps: ReminderDeps,
  now: Date,
): Promise<PlannedReminder[]> {
  if (task.state !== 'open') return [];
  const [settings, calendar, agencyDefault] = await Promise.all([
    deps.settings(),
    deps.calendar(),
    loadDefaultReminderPolicy(),
  ]);
  return planReminders({
    deadline: task.deadline,
    createdAt: task.createdAt,
    now,
    policy: effectivePolicy(task.reminderPolicy, agencyDefault),
    tz: settings.timezone,
    quietHours: settings.quietHours,
    calendar,
  });
}

/** What {@link syncTaskReminders} changed. */
export interface SyncResult {
  scheduled: string[];
  cancelled: string[];
}

/**
 * Makes the pending reminder jobs of `taskId` match its current plan: schedules the missing
 * points (idempotent by key) and cancels pending jobs that are no longer planned (old deadline,
 * task closed or cancelled, policy changed). Call it whenever a task is created, edited,
 * cancelled or closed; calling it twice changes nothing.
 */
export async function syncTaskReminders(
  taskId: string,
  deps: ReminderDeps,
  scheduler: ReminderScheduler,
  now: Date,
): Promise<SyncResult> {
  const task = await readReminderTask(taskId);
  const plan = task ? await planForTask(task, deps, now) : [];
  const wanted = new Map(plan.map((p) => [reminderJobKey(taskId, p.point, task!.deadline), p] as const));
  const known = await readReminderKeys(taskId);
  const jobs = (await Promise.all(known.map((key) => Job.findOne({ key }).lean()))).filter((j) => j !== null);
  // The creation notice goes out once, whatever the deadline it was sent with.
  const notified = jobs.some(
    (j) =>
      (j.payload as ReminderPayload).point === 'created' && (j.state === 'done' || j.state === 'running'),
  );
  if (notified) for (const [key, p] of wanted) if (p.point === 'created') wanted.delete(key);
  const result: SyncResult = { scheduled: [], cancelled: [] };
  for (const job of jobs) {
    if (job.state !== 'pending' || wanted.has(job.key)) continue;
    if (await scheduler.cancel(job.key)) result.cancelled.push(job.key);
  }
  for (const [key, p] of wanted) {
    const payload: ReminderPayload = { taskId, point: p.point, deadline: task!.deadline.toISOString() };
    if (await scheduler.schedule({ key, name: REMINDER_JOB, runAt: p.at, payload }))
      result.scheduled.push(key);
  }
  // Keep the keys that may still matter: those wanted now, and a sent creation notice.
  const keep = new Set([
    ...wanted.keys(),
    ...jobs.filter((j) => j.key.includes(':created:') && j.state !== 'skipped').map((j) => j.key),
  ]);
  if (keep.size > 0 || known.length > 0) await writeReminderKeys(taskId, [...keep], now);
  return result;
}

/**
 * `<at user_id="ou_x"></at>` mentions built from ids, separated by spaces (Feishu fills in the
 * names), as markup `t()` inserts unescaped.
 */
export function mentionList(openIds: readonly string[]): Markup {
  return markup(openIds.map(textMention).filter(Boolean).join(' '));
}

/** A deadline as the reminders show it, in the agency's time zone. */
export function deadlineText(deadline: Date, tz: string): string {
  return formatZoned(deadline, tz, 'YYYY-MM-DD HH:mm');
}

/** One late task of an owner or a leader. */
export interface OverdueItem {
  taskId: string;
  title: string;
  deadline: Date;
  leader: string | null;
  /** Workdays from the due day to today (≥ 1). */
  overdueWorkdays: number;
  late: string[];
}

/**
 * The open tasks overdue by at least one workday on `today` (the due day itself does not count:
 * the deadline notice covers it), with their late owners.
 */
export async function listOverdue(
  now: Date,
  today: string,
  calendar: WorkCalendar,
  tz: string,
): Promise<OverdueItem[]> {
  const tasks = await TaskModel.find({ state: 'open', deadline: { $lt: now } }).lean();
  const items: OverdueItem[] = [];
  for (const task of tasks.sort(
    (a, b) => a.deadline.getTime() - b.deadline.getTime() || a._id.localeCompare(b._id),
  )) {
    const overdueWorkdays = calendar.workdaysBetween(zonedDayKey(task.deadline, tz), today);
    if (overdueWorkdays < 1) continue;
    const late = await pendingOwnerIds(task._id, task.owners ?? []);
    if (late.length === 0) continue;
    items.push({
      taskId: task._id,
      title: task.title,
      deadline: task.deadline,
      leader: task.leader ?? null,
      overdueWorkdays,
      late,
    });
  }
  return items;
}

/** Groups items by a key function that may give several keys per item. */
function groupBy(items: OverdueItem[], keys: (i: OverdueItem) => string[]): Map<string, OverdueItem[]> {
  const out = new Map<string, OverdueItem[]>();
  for (const item of items) {
    for (const k of keys(item)) out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

/**
 * Message keys of one day's overdue run derive from the agency's local day, not the job key:
 * a time zone changed during the day makes a second 09:00 occurrence, which then sends nothing.
 */
export function overdueKeyBase(day: string): string {
  return `${OVERDUE_JOB}:${day}`;
}

/** What the daily overdue run sent. */
export interface OverdueOutcome {
  restDay: boolean;
  nudged: string[];
  buzzed: string[];
  leaders: string[];
}

/**
 * The daily escalation (the {@link OVERDUE_JOB} handler's work) for the day of
 * `job.scheduledAt`: nothing on a rest day; else one nudge per late owner (buzzed when any of
 * their tasks is at least {@link BUZZ_AFTER_WORKDAYS} workdays overdue — at most once per owner
 * per day) and one combined overdue list per leader.
 */
export async function sendOverdueDigest(
  job: Pick<JobView, 'key' | 'scheduledAt'>,
  deps: ReminderDeps,
): Promise<OverdueOutcome> {
  const [settings, calendar] = await Promise.all([deps.settings(), deps.calendar()]);
  const tz = settings.timezone;
  const today = zonedDayKey(job.scheduledAt, tz);
  const outcome: OverdueOutcome = { restDay: false, nudged: [], buzzed: [], leaders: [] };
  if (!calendar.isWorkday(today)) return { ...outcome, restDay: true };
  const items = await listOverdue(job.scheduledAt, today, calendar, tz);
  const own = await localesOf(
    items.flatMap((i) => [...i.late, ...(i.leader ? [i.leader] : [])]),
    settings.locale,
  );
  const line = (
    locale: Locale,
    i: OverdueItem,
    key: 'reminder.dailyNudgeLine' | 'reminder.leaderDailyLine',
  ) =>
    t(locale, key, {
      title: i.title,
      deadline: deadlineText(i.deadline, tz),
      days: i.overdueWorkdays,
      mentions: mentionList(i.late),
    });
  const base = overdueKeyBase(today);
  for (const [openId, list] of groupBy(items, (i) => i.late)) {
    const key = `${base}:nudge:${openId}`;
    const lines = list.map((i) => line(own(openId), i, 'reminder.dailyNudgeLine')).join('\n');
    await deps.messenger.sendText(
      key,
      { openId },
      t(own(openId), 'reminder.dailyNudge', { lines: markup(lines) }),
    );
    outcome.nudged.push(openId);
    if (list.some((i) => i.overdueWorkdays >= BUZZ_AFTER_WORKDAYS)) {
      await deps.messenger.urgent(`${base}:buzz:${openId}`, { outboxKey: key }, [openId]);
      outcome.buzzed.push(openId);
    }
  }
  for (const [leader, list] of groupBy(items, (i) => (i.leader ? [i.leader] : []))) {
    const lines = list.map((i) => line(own(leader), i, 'reminder.leaderDailyLine')).join('\n');
    await deps.messenger.sendText(
      `${base}:leader:${leader}`,
      { openId: leader },
      t(own(leader), 'reminder.leaderDaily', { lines: markup(lines) }),
    );
    outcome.leaders.push(leader);
  }
  return outcome;
}

/** What {@link remindNow} did. */
export type RemindNowResult =
  | { kind: 'unknown' }
  | { kind: 'forbidden'; task: ReminderTask }
  | { kind: 'not-open'; task: ReminderTask }
  | { kind: 'nobody'; task: ReminderTask }
  | { kind: 'sent'; task: ReminderTask; pending: string[] };

/**
 * `/task remind`: nudges the pending owners of `taskId` now (a group message to the task's chat
 * and a p2p to each), when `actor` is the creator, the leader or an admin. Message keys derive
 * from `keyBase` (the command's event id), so a redelivered command sends nothing twice.
 */
export async function remindNow(
  input: { taskId: string; actor: string; actorName: string; isAdmin: boolean; keyBase: string },
  deps: ReminderDeps,
): Promise<RemindNowResult> {
  const task = await readReminderTask(input.taskId);
  if (!task) return { kind: 'unknown' };
  if (!input.isAdmin && input.actor !== task.creator && input.actor !== task.leader)
    return { kind: 'forbidden', task };
  if (task.state !== 'open') return { kind: 'not-open', task };
  const pending = await pendingOwnerIds(task._id, task.owners);
  if (pending.length === 0) return { kind: 'nobody', task };
  const settings = await deps.settings();
  const params = {
    title: task.title,
    deadline: deadlineText(task.deadline, settings.timezone),
    mentions: mentionList(pending),
    actor: input.actorName || mentionList([input.actor]),
  };
  if (task.chatId) {
    await deps.messenger.sendText(
      `${input.keyBase}:remind:group`,
      { chatId: task.chatId },
      t(settings.locale, 'reminder.groupManual', params),
    );
  }
  const own = await localesOf(pending, settings.locale);
  for (const openId of pending) {
    await deps.messenger.sendText(
      `${input.keyBase}:remind:p2p:${openId}`,
      { openId },
      t(own(openId), 'reminder.p2pManual', params),
    );
  }
  return { kind: 'sent', task, pending };
}

/** One line of a dry run. */
export type PreviewEntry =
  | { kind: 'reminder'; at: Date; taskId: string; title: string; point: string; owners: string[] }
  | { kind: 'overdue'; at: Date; openId: string; taskIds: string[]; titles: string[]; buzz: boolean }
  | { kind: 'leader'; at: Date; leader: string; taskIds: string[] };

/** The dry run of one day. */
export interface DayPreview {
  day: string;
  restDay: boolean;
  entries: PreviewEntry[];
}

/**
 * `/task preview`: who would be reminded of what on `day` ('YYYY-MM-DD' in the agency zone),
 * from the pending reminder jobs and the daily overdue run, as things stand now. Sends nothing.
 */
export async function previewDay(day: string, deps: ReminderDeps): Promise<DayPreview> {
  const [settings, calendar] = await Promise.all([deps.settings(), deps.calendar()]);
  const tz = settings.timezone;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const from = zonedDateTime(tz, y, m, d);
  const to = zonedDateTime(tz, y, m, d + 1);
  const jobs = await Job.find({
    name: REMINDER_JOB,
    state: 'pending',
    runAt: { $gte: from, $lt: to },
  }).lean();
  const entries: PreviewEntry[] = [];
  for (const job of jobs) {
    const payload = job.payload as ReminderPayload;
    const task = await readReminderTask(payload.taskId);
    if (task?.state !== 'open' || task.deadline.toISOString() !== payload.deadline) continue;
    const owners = await pendingOwnerIds(task._id, task.owners);
    if (owners.length === 0) continue;
    entries.push({
      kind: 'reminder',
      at: job.runAt,
      taskId: task._id,
      title: task.title,
      point: payload.point,
      owners,
    });
  }
  const restDay = !calendar.isWorkday(day);
  if (!restDay) {
    const at = zonedDateTime(tz, y, m, d, 9, 0);
    const items = await listOverdue(at, day, calendar, tz);
    for (const [openId, list] of groupBy(items, (i) => i.late)) {
      entries.push({
        kind: 'overdue',
        at,
        openId,
        taskIds: list.map((i) => i.taskId),
        titles: list.map((i) => i.title),
        buzz: list.some((i) => i.overdueWorkdays >= BUZZ_AFTER_WORKDAYS),
      });
    }
    for (const [leader, list] of groupBy(items, (i) => (i.leader ? [i.leader] : []))) {
      entries.push({ kind: 'leader', at, leader, taskIds: list.map((i) => i.taskId) });
    }
  }
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { day, restDay, entries };
}
