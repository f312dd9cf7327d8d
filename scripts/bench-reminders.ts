import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { countCommands } from '../src/batching/command-count.js';
import { openTaskDoc, pendingAssignmentDocs, reminderJobDoc } from '../tests/support/reminder-seed.js';
import { connectDatabase } from '../src/db.js';
import type { TenantSettings } from '../src/domain/settings.js';
import { REMINDER_JOB, } from '../src/domain/task-reminders.js';
import { Scheduler } from '../src/jobs/scheduler.js';
import { registerTaskReminderJobs } from '../src/jobs/task-reminders.js';
import { createOutboxMessenger } from '../src/lark/outbox-messenger.js';
import { createSilentLogger } from '../src/logger.js';
import { Job } from '../src/models/job.js';
import { OutboxMessage } from '../src/models/outbox-message.js';
import { TaskAssignmentModel, TaskModel } from '../src/models/task.js';
import { ManualClock } from '../src/time/clock.js';
import { DEFAULT_QUIET_HOURS } from '../src/time/quiet-hours.js';
import { WorkCalendar } from '../src/time/workdays.js';
import { startBenchDb } from './local-db.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    due: { type: 'string', default: '100' },
    jobsPerTask: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '4' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const dueCount = Number(values.due);
const jobsPerTask = Number(values.jobsPerTask);
const concurrency = Number(values.concurrency);

const SH = 'Asia/Shanghai';
const NOW = new Date('2026-12-03T01:00:00Z'); // Thursday 09:00 Shanghai
const DAY = 86_400_000;
const BATCH = 5000;

async function insertInBatches(
  collection: mongoose.Collection,
  docs: () => Generator<object>,
): Promise<number> {
  let batch: object[] = [];
  let n = 0;
  for (const doc of docs()) {
    batch.push(doc);
    if (batch.length >= BATCH) {
      await collection.insertMany(batch as never[], { ordered: false });
      n += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await collection.insertMany(batch as never[], { ordered: false });
    n += batch.length;
  }
  return n;
}

const CREATED = new Date(NOW.getTime() - 7 * DAY);
const taskDoc = (id: string, deadline: Date) =>
  openTaskDoc(id, {
    chatId: `oc_bench_${Number(id.slice(1)) % 50}`,
    deadline,
    created: CREATED,
    creator: 'ou_bench_admin',
    leader: 'ou_bench_leader',
  });
const jobDoc = (taskId: string, point: string, deadline: Date, runAt: Date) =>
  reminderJobDoc(taskId, point, deadline, runAt, CREATED);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** One size's figures, for the summary against the targets. */
const results: { n: number; tickMs: number; idleMs: number; perDue: number }[] = [];

async function runSize(baseUri: string, n: number): Promise<void> {
  const url = new URL(baseUri);
  url.pathname = `/qinglian_bench_rem_${n}_${Date.now()}`;
  const log = createSilentLogger();
  await connectDatabase(url.toString(), log);
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  const notDue = n - dueCount;
  const id = (i: number) => `T${String(i).padStart(7, '0')}`;
  // Not-due tasks: deadlines 5–35 days ahead, `jobsPerTask` pending reminder jobs each in the future.
  const deadlineOf = (i: number) => new Date(NOW.getTime() + (5 + (i % 30)) * DAY + 9 * 3_600_000);
  const load = await timed(async () => {
    await insertInBatches(TaskModel.collection, function* () {
      for (let i = 0; i < n; i++)
        yield taskDoc(id(i), i < notDue ? deadlineOf(i) : new Date(NOW.getTime() + DAY));
    });
    await insertInBatches(TaskAssignmentModel.collection, function* () {
      for (let i = 0; i < n; i++) yield* pendingAssignmentDocs(id(i));
    });
    return insertInBatches(Job.collection, function* () {
      const points = ['wd-3', 'wd-1', 'wd-0', 'deadline'].slice(-jobsPerTask);
      for (let i = 0; i < notDue; i++) {
        const deadline = deadlineOf(i);
        for (const [k, point] of points.entries()) {
          yield jobDoc(id(i), point, deadline, new Date(deadline.getTime() - (points.length - k) * DAY));
        }
      }
    });
  });

  // The local database refreshes its planner statistics about a second after a bulk change
  // (scripts/ferretdb/gin.go), as autovacuum would within a minute; measure after that.
  await new Promise((r) => setTimeout(r, 3000));

  const clock = new ManualClock(NOW);
  const settings: TenantSettings = {
    timezone: SH,
    quietHours: DEFAULT_QUIET_HOURS,
    workdays: 'mainland',
    locale: 'zh-CN',
  };
  const calendar = WorkCalendar.fromOverrides([], { tz: SH });
  const scheduler = new Scheduler({ owner: 'bench', clock, log, concurrency });
  registerTaskReminderJobs(scheduler, {
    messenger: createOutboxMessenger(clock),
    settings: async () => settings,
    calendar: async () => calendar,
    clock,
  });
  // Warm-up: connections, and the daily overdue occurrence (stale at this hour, skipped).
  await scheduler.tick();
  const idleBefore = await timed(() => scheduler.tick());

  // Claiming alone: 100 due jobs under a handler that does nothing.
  const claimOnly = new Scheduler({ owner: 'bench-claim', clock, log, concurrency });
  claimOnly.register(REMINDER_JOB, async () => {});
  await claimOnly.tick(); // a process's first tick scans the whole schedule once
  await insertInBatches(Job.collection, function* () {
    for (let i = notDue; i < n; i++) yield jobDoc(id(i), 'wd-2', new Date(NOW.getTime() + DAY), NOW);
  });
  const claim = await timed(() => claimOnly.tick());

  // The due ones: a 1-workday-before reminder due now.
  await insertInBatches(Job.collection, function* () {
    for (let i = notDue; i < n; i++) yield jobDoc(id(i), 'wd-1', new Date(NOW.getTime() + DAY), NOW);
  });
  const commands = countCommands();
  const tick = await timed(() => scheduler.tick());
  commands.stop();
  const idleCommands = countCommands();
  const idleAfter = await timed(() => scheduler.tick());
  idleCommands.stop();
  const outbox = await OutboxMessage.countDocuments({});
  const jobs = await Job.estimatedDocumentCount();
  const perDue = commands.total() / Math.max(1, tick.value.ran);
  const byName = Object.entries(commands.byName())
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  console.log(
    [
      `tasks ${String(n).padStart(6)}`,
      `jobs ${String(jobs).padStart(7)}`,
      `load ${(load.ms / 1000).toFixed(1)} s`,
      `claim-only tick ${claim.ms.toFixed(0)} ms (${claim.value.ran} jobs)`,
      `tick ${tick.ms.toFixed(0)} ms (ran ${tick.value.ran}, outbox +${outbox}; target ≤ 300 ms)`,
      `idle tick ${idleBefore.ms.toFixed(1)} / ${idleAfter.ms.toFixed(1)} ms (${idleCommands.total()} commands)`,
      `commands ${commands.total()} = ${perDue.toFixed(2)} per due reminder (target ≤ 0.2): ${byName}`,
    ].join(' | '),
  );
  console.log(`  slowest commands of the tick: ${commands.slowest(5)}`);
  results.push({ n, tickMs: tick.ms, idleMs: idleAfter.ms, perDue });
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
}

async function main(): Promise<void> {
  const db = await startBenchDb('qinglian-bench-rem-');
  const uri = db.uri;
  console.log(
    `${dueCount} due reminders (2 owners + 1 group each); ${jobsPerTask} pending future jobs per not-due task; ${concurrency} jobs at a time`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (figures are noisy when it is high)`,
  );
  for (const n of sizes) await runSize(uri, n);
  await db.stop();
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(
    `target: tick with ${dueCount} due ≤ 300 ms at every size; idle tick flat; ≤ 0.2 commands per due reminder`,
  );
  for (const r of results)
    console.log(
      `measured ${String(r.n).padStart(6)} tasks: tick ${fmt(r.tickMs)} ${r.tickMs <= 300 ? 'ok' : 'MISSED'}, idle ${r.idleMs.toFixed(1)} ms, ${r.perDue.toFixed(2)} commands per due ${r.perDue <= 0.2 ? 'ok' : 'MISSED'}`,
    );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
