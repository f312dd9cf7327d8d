/**
 * The group-committed reminder tick: the due reminders of a tick are claimed, sent and finished
 * together. Two processes ticking at once send each reminder once; a process dying between any
 * two of the tick's writes loses nothing and sends nothing twice once another one takes over.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TenantSettings } from '../../src/domain/settings.js';
import { REMINDER_JOB, reminderJobKey } from '../../src/domain/task-reminders.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { registerTaskReminderJobs } from '../../src/jobs/task-reminders.js';
import { createOutboxMessenger } from '../../src/lark/outbox-messenger.js';
import { createSilentLogger } from '../../src/logger.js';
import { Job, JobClaim } from '../../src/models/job.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { TaskAssignmentModel, TaskModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { DEFAULT_QUIET_HOURS } from '../../src/time/quiet-hours.js';
import { WorkCalendar } from '../../src/time/workdays.js';
import { runCrashingAfter } from '../support/crash-writes.js';
import { openTaskDoc, pendingAssignmentDocs, reminderJobDoc } from '../support/reminder-seed.js';
import { useTestDb } from '../support/test-db.js';

const SH = 'Asia/Shanghai';
const NOW = new Date('2026-12-03T01:30:00Z'); // Thursday 09:30 Shanghai
const DAY = 86_400_000;
const TASKS = 60;
const LEASE_MS = 60_000;
/** Messages of one reminder: the group message and a p2p to each of the two owners. */
const PER_REMINDER = 3;

const settings: TenantSettings = {
  timezone: SH,
  quietHours: DEFAULT_QUIET_HOURS,
  workdays: 'mainland',
  locale: 'zh-CN',
};
const calendar = WorkCalendar.fromOverrides([], { tz: SH });
const deadline = new Date(NOW.getTime() + DAY);
const taskId = (i: number) => `T${String(i).padStart(4, '0')}`;

function makeScheduler(owner: string, clock: ManualClock): Scheduler {
  const scheduler = new Scheduler({ owner, clock, log: createSilentLogger(), leaseMs: LEASE_MS });
  registerTaskReminderJobs(scheduler, {
    messenger: createOutboxMessenger(clock),
    settings: async () => settings,
    calendar: async () => calendar,
    clock,
  });
  return scheduler;
}

/** 60 open tasks with two pending owners each, and one reminder job per task due now. */
async function seedDueReminders(): Promise<void> {
  const created = new Date(NOW.getTime() - 7 * DAY);
  const ids = Array.from({ length: TASKS }, (_, i) => taskId(i));
  await TaskModel.collection.insertMany(
    ids.map((id, i) => openTaskDoc(id, { chatId: `oc_chat_${i % 7}`, deadline, created })) as never[],
  );
  await TaskAssignmentModel.collection.insertMany(ids.flatMap(pendingAssignmentDocs) as never[]);
  await Job.collection.insertMany(ids.map((id) => reminderJobDoc(id, 'wd-1', deadline, NOW, created)) as never[]);
}

async function reminderJobs() {
  return Job.find({ name: REMINDER_JOB }).lean();
}

/** Every reminder's messages are queued, each key once. */
async function expectEachReminderQueuedOnce(): Promise<void> {
  const keys = (await OutboxMessage.find({}, { key: 1 }).lean()).map((m) => m.key);
  expect(keys).toHaveLength(TASKS * PER_REMINDER);
  expect(new Set(keys).size).toBe(keys.length);
  for (let i = 0; i < TASKS; i++) {
    const base = reminderJobKey(taskId(i), 'wd-1', deadline);
    expect(keys).toContain(`${base}:group`);
    expect(keys).toContain(`${base}:p2p:ou_${taskId(i)}_a`);
    expect(keys).toContain(`${base}:p2p:ou_${taskId(i)}_b`);
  }
}

describe('the group-committed reminder tick', () => {
  useTestDb();

  beforeEach(async () => {
    await Promise.all(
      [Job, JobClaim, OutboxMessage, TaskModel, TaskAssignmentModel].map((m) => m.collection.deleteMany({})),
    );
  });

  it('two schedulers ticking the same 60 due reminders at once: each queued once, each job finished', async () => {
    const clock = new ManualClock(NOW);
    const a = makeScheduler('owner-a', clock);
    const b = makeScheduler('owner-b', clock);
    await Promise.all([a.tick(), b.tick()]); // the daily overdue run of 09:00 (nothing overdue)
    await seedDueReminders();
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect(ra.ran + rb.ran).toBe(TASKS);
    expect(ra.failed + rb.failed + ra.retried + rb.retried).toBe(0);
    await expectEachReminderQueuedOnce();
    const jobs = await reminderJobs();
    expect(jobs.map((j) => j.state)).toEqual(Array(TASKS).fill('done'));
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
    expect(await JobClaim.countDocuments({ attempt: 1, jobKey: { $regex: `^${REMINDER_JOB}:` } })).toBe(
      TASKS,
    );
  });

  // The tick's writes as crash-writes counts them (its insertMany calls the driver's bulkWrite,
  // counted too): 1–2 claim tokens, 3 leases, 4–5 outbox messages, 6 finishes.
  it.each([
    [2, 'after the claim tokens, before the lease'],
    [3, 'between the lease and the outbox insert'],
    [5, 'between the outbox insert and the finish'],
  ])(
    'a process dying after %i write(s) (%s): the next one sends each reminder once after the lease',
    async (allowed) => {
      const clock = new ManualClock(NOW);
      const dying = makeScheduler('dying', clock);
      await dying.tick(); // the daily overdue run, before the crash point is counted
      await seedDueReminders();
      const crash = await runCrashingAfter(allowed, () => dying.tick());
      expect(crash.crashed).toBe(true);
      const queuedBefore = await OutboxMessage.countDocuments({});
      expect(queuedBefore).toBe(allowed >= 5 ? TASKS * PER_REMINDER : 0);

      const next = makeScheduler('next', clock);
      await next.tick();
      // Until the dead owner's lease (or its claim tokens) is older than a lease, nothing is redone.
      expect((await reminderJobs()).filter((j) => j.state === 'done')).toHaveLength(0);
      clock.advance(LEASE_MS + 1000);
      const result = await next.tick();
      expect(result).toMatchObject({ ran: TASKS, failed: 0, retried: 0 });
      await expectEachReminderQueuedOnce();
      const jobs = await reminderJobs();
      expect(jobs.every((j) => j.state === 'done' && j.attempts === 2 && j.leaseOwner === 'next')).toBe(true);
    },
  );
});
