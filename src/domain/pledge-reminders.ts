/**
 * Reminders of sign-off documents, on the task reminders' policy and rules: the agency's
 * default policy (without the creation notice — the signer card is that), workdays, 调休 and
 * quiet hours (task-reminders-plan.ts). Each point is one job keyed
 * `pledge.reminder:<id>:<point>:<deadline ISO>`; it re-reads who has not signed the current
 * version and nudges only them. At the deadline the leader gets the list of non-signers; the
 * daily 09:00 run nudges non-signers of overdue documents on workdays and buzzes (urgent) from
 * {@link BUZZ_AFTER_WORKDAYS} workdays overdue on.
 */
import { t } from '../i18n/index.js';
import type { JobView } from '../jobs/types.js';
import { PledgeModel } from '../models/pledge.js';
import { formatZoned, zonedDayKey } from '../time/zoned.js';
import { localesOf } from './person-locale.js';
import { pendingSigners } from './pledge-signatures.js';
import { getPledge, type PledgeView } from './pledges.js';
import {
  BUZZ_AFTER_WORKDAYS,
  mentionList,
  type ReminderDeps,
  type ReminderScheduler,
} from './task-reminders.js';
import { planReminders } from './task-reminders-plan.js';
import { loadDefaultReminderPolicy } from './task-reminders-policy.js';

/** Job name of one planned reminder of a document. */
export const PLEDGE_REMINDER_JOB = 'pledge.reminder';
/** Job name of the daily overdue nudges (09:00, workdays). */
export const PLEDGE_OVERDUE_JOB = 'pledge.overdue-daily';

/** Payload of a {@link PLEDGE_REMINDER_JOB} job. */
export interface PledgeReminderPayload {
  pledgeId: string;
  point: string;
  deadline: string;
}

/** Schedules the document's reminder points (idempotent by key); points of an old deadline send nothing. */
export async function syncPledgeReminders(
  pledgeId: string,
  deps: ReminderDeps,
  scheduler: ReminderScheduler,
  now: Date,
): Promise<string[]> {
  const pledge = await getPledge(pledgeId);
  if (pledge?.state !== 'open') return [];
  const [settings, calendar, policy] = await Promise.all([
    deps.settings(),
    deps.calendar(),
    loadDefaultReminderPolicy(),
  ]);
  const plan = planReminders({
    deadline: pledge.deadline,
    createdAt: pledge.createdAt,
    now,
    policy: { ...policy, onCreate: false },
    tz: settings.timezone,
    quietHours: settings.quietHours,
    calendar,
  });
  const scheduled: string[] = [];
  for (const p of plan) {
    const key = `${PLEDGE_REMINDER_JOB}:${pledgeId}:${p.point}:${pledge.deadline.toISOString()}`;
    const payload: PledgeReminderPayload = {
      pledgeId,
      point: p.point,
      deadline: pledge.deadline.toISOString(),
    };
    if (await scheduler.schedule({ key, name: PLEDGE_REMINDER_JOB, runAt: p.at, payload }))
      scheduled.push(key);
  }
  return scheduled;
}

function params(pledge: PledgeView, tz: string, pending: readonly string[]) {
  return {
    title: pledge.title,
    deadline: formatZoned(pledge.deadline, tz),
    mentions: mentionList(pending),
    count: pending.length,
  };
}

/** Sends one planned reminder to the signers who have not signed the current version. */
export async function sendPledgeReminder(
  job: Pick<JobView<PledgeReminderPayload>, 'key' | 'payload'>,
  deps: ReminderDeps,
): Promise<string[]> {
  const pledge = await getPledge(job.payload.pledgeId);
  if (pledge?.state !== 'open' || pledge.deadline.toISOString() !== job.payload.deadline) return [];
  const pending = await pendingSigners(pledge);
  if (pending.length === 0) return [];
  const settings = await deps.settings();
  const own = await localesOf([...pending, ...(pledge.leader ? [pledge.leader] : [])], settings.locale);
  const p = params(pledge, settings.timezone, pending);
  const overdue = job.payload.point === 'deadline';
  for (const openId of pending) {
    await deps.messenger.sendText(
      `${job.key}:p2p:${openId}`,
      { openId },
      t(own(openId), overdue ? 'pledge.remind.overdue' : 'pledge.remind.before', p),
    );
  }
  if (overdue && pledge.leader) {
    await deps.messenger.sendText(
      `${job.key}:leader:${pledge.leader}`,
      { openId: pledge.leader },
      t(own(pledge.leader), 'pledge.remind.leader', p),
    );
  }
  return pending;
}

/** What the daily run did. */
export interface PledgeOverdueOutcome {
  nudged: string[];
  buzzed: string[];
}

/** The daily run (workdays): one nudge per non-signer of each overdue document; buzzed from 3 workdays on. */
export async function sendPledgeOverdue(
  job: Pick<JobView, 'key' | 'scheduledAt'>,
  deps: ReminderDeps,
): Promise<PledgeOverdueOutcome> {
  const [settings, calendar] = await Promise.all([deps.settings(), deps.calendar()]);
  const tz = settings.timezone;
  const today = zonedDayKey(job.scheduledAt, tz);
  // Keys per local day: a time zone changed during the day makes a second 09:00 run send nothing.
  const base = `${PLEDGE_OVERDUE_JOB}:${today}`;
  const outcome: PledgeOverdueOutcome = { nudged: [], buzzed: [] };
  if (!calendar.isWorkday(today)) return outcome;
  const docs = await PledgeModel.find({ state: 'open', deadline: { $lt: job.scheduledAt } }).lean();
  for (const doc of docs) {
    const days = calendar.workdaysBetween(zonedDayKey(doc.deadline, tz), today);
    if (days < 1) continue;
    const pledge = (await getPledge(doc._id))!;
    const pending = await pendingSigners(pledge);
    const own = await localesOf(pending, settings.locale);
    for (const openId of pending) {
      const key = `${base}:${pledge.id}:nudge:${openId}`;
      await deps.messenger.sendText(
        key,
        { openId },
        t(own(openId), 'pledge.remind.daily', { ...params(pledge, tz, []), days }),
      );
      outcome.nudged.push(openId);
      if (days >= BUZZ_AFTER_WORKDAYS) {
        await deps.messenger.urgent(`${base}:${pledge.id}:buzz:${openId}`, { outboxKey: key }, [openId]);
        outcome.buzzed.push(openId);
      }
    }
  }
  return outcome;
}
