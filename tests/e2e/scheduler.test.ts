import mongoose, { Schema } from 'mongoose';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { deleteFinishedJobs } from '../../src/jobs/cleanup.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import type { JobView, SchedulerOptions } from '../../src/jobs/types.js';
import { createSilentLogger } from '../../src/logger.js';
import { Job, JobClaim } from '../../src/models/job.js';
import { ManualClock } from '../../src/time/clock.js';
import { useTestDb } from '../support/test-db.js';

/** Side effects recorded durably, the way a handler writes its outbox rows. */
const Effect = mongoose.model(
  'SchedulerTestEffect',
  new Schema({ key: { type: String, unique: true }, n: Number }, { collection: 'scheduler_test_effects' }),
);

const T0 = new Date('2026-12-03T01:00:00Z'); // Thursday 09:00 Shanghai

function captureLogger(): {
  log: ReturnType<typeof createSilentLogger>;
  lines: () => Record<string, unknown>[];
} {
  const raw: string[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void raw.push(s) });
  return { log, lines: () => raw.map((s) => JSON.parse(s) as Record<string, unknown>) };
}

function makeScheduler(owner: string, clock: ManualClock, extra: Partial<SchedulerOptions> = {}): Scheduler {
  return new Scheduler({ owner, clock, log: createSilentLogger(), ...extra });
}

async function jobDoc(key: string) {
  const doc = await Job.findOne({ key }).lean();
  if (!doc) throw new Error(`no job ${key}`);
  return doc;
}

describe('Scheduler on a real database', () => {
  useTestDb();

  it('runs each of 200 due jobs exactly once with two schedulers ticking concurrently', async () => {
    const clock = new ManualClock(T0);
    const seen = new Map<string, number>();
    const handler = async (job: JobView<{ i: number }>) => {
      seen.set(job.key, (seen.get(job.key) ?? 0) + 1);
      await Effect.updateOne({ key: job.key }, { $inc: { n: 1 } }, { upsert: true });
    };
    const a = makeScheduler('owner-a', clock);
    const b = makeScheduler('owner-b', clock);
    a.register('fanout', handler);
    b.register('fanout', handler);
    for (let i = 0; i < 200; i++) {
      const runAt = new Date(T0.getTime() - (i % 60) * 1000);
      expect(await a.schedule({ key: `fanout:${i}:ou_${i}`, name: 'fanout', runAt, payload: { i } })).toBe(
        true,
      );
    }
    const ranBy = { a: 0, b: 0 };
    for (let round = 0; round < 4; round++) {
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      ranBy.a += ra.ran;
      ranBy.b += rb.ran;
      expect(ra.failed + rb.failed + ra.retried + rb.retried + ra.skipped + rb.skipped).toBe(0);
      clock.advance(60_000);
    }
    expect(ranBy.a + ranBy.b).toBe(200);
    expect(ranBy.a).toBeGreaterThan(0);
    expect(ranBy.b).toBeGreaterThan(0);
    expect(seen.size).toBe(200);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const effects = await Effect.find({ key: /^fanout:/ }).lean();
    expect(effects).toHaveLength(200);
    expect(effects.every((e) => e.n === 1)).toBe(true);
    expect(await Job.countDocuments({ name: 'fanout', state: 'done' })).toBe(200);
    expect(await Job.countDocuments({ name: 'fanout', attempts: { $ne: 1 } })).toBe(0);
    expect(await JobClaim.countDocuments({ jobKey: /^fanout:/ })).toBe(200);
  });

  it('re-runs a job whose owner crashed once the lease expires, not before', async () => {
    const clock = new ManualClock(T0);
    const runs: string[] = [];
    const b = makeScheduler('owner-b', clock, { leaseMs: 60_000 });
    b.register('crashy', async (job, ctx) => {
      runs.push(`${job.key}@${ctx.now.toISOString()}#${job.attempts}`);
    });
    await b.schedule({ key: 'crashy:1', name: 'crashy', runAt: T0 });
    // Another process claimed it (same update a tick performs) and died mid-run.
    await Job.updateOne(
      { key: 'crashy:1' },
      {
        $set: { state: 'running', leaseOwner: 'dead-owner', leaseUntil: new Date(T0.getTime() + 60_000) },
        $inc: { attempts: 1 },
      },
    );
    clock.advance(59_000);
    expect(await b.tick()).toEqual({ ran: 0, skipped: 0, failed: 0, retried: 0 });
    clock.advance(2_000);
    expect(await b.tick()).toEqual({ ran: 1, skipped: 0, failed: 0, retried: 0 });
    expect(runs).toEqual(['crashy:1@2026-12-03T01:01:01.000Z#2']);
    expect(await jobDoc('crashy:1')).toMatchObject({ state: 'done', attempts: 2, leaseOwner: 'owner-b' });
  });

  it('takes the next attempt when a claimer died between its claim token and the lease', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-b', clock, { leaseMs: 60_000 });
    const attempts: number[] = [];
    s.register('half-claimed', async (job) => void attempts.push(job.attempts));
    await s.schedule({ key: 'half-claimed:1', name: 'half-claimed', runAt: T0 });
    await JobClaim.create({
      _id: 'half-claimed:1#1',
      jobKey: 'half-claimed:1',
      attempt: 1,
      owner: 'dead',
      createdAt: T0,
    });
    expect(await s.tick()).toMatchObject({ ran: 0 }); // the token is fresh: its owner may be mid-claim
    clock.advance(61_000);
    expect(await s.tick()).toMatchObject({ ran: 1 });
    expect(attempts).toEqual([2]);
    expect(await jobDoc('half-claimed:1')).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('lets a hung owner lose its lease: the other owner finishes the job, the hung one cannot mark it', async () => {
    const clock = new ManualClock(T0);
    const a = makeScheduler('owner-a', clock, { leaseMs: 60_000 });
    const b = makeScheduler('owner-b', clock, { leaseMs: 60_000 });
    let release: () => void = () => {};
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: string[] = [];
    a.register('hang', async () => {
      calls.push('a');
      await hung;
    });
    b.register('hang', async () => {
      calls.push('b');
    });
    await a.schedule({ key: 'hang:1', name: 'hang', runAt: T0 });
    const aTick = a.tick();
    await expect.poll(() => calls).toEqual(['a']);
    expect(await b.tick()).toMatchObject({ ran: 0 });
    clock.advance(61_000);
    expect(await b.tick()).toMatchObject({ ran: 1 });
    release();
    await aTick;
    expect(calls).toEqual(['a', 'b']);
    expect(await jobDoc('hang:1')).toMatchObject({ state: 'done', leaseOwner: 'owner-b', attempts: 2 });
  });

  it('schedules idempotently by key, also under concurrent calls', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock);
    s.register('once', async () => {});
    expect(await s.schedule({ key: 'once:1', name: 'once', runAt: T0, payload: { v: 1 } })).toBe(true);
    const later = new Date(T0.getTime() + 3_600_000);
    expect(await s.schedule({ key: 'once:1', name: 'once', runAt: later, payload: { v: 2 } })).toBe(false);
    expect(await Job.countDocuments({ key: 'once:1' })).toBe(1);
    expect(await jobDoc('once:1')).toMatchObject({ runAt: T0, payload: { v: 1 }, state: 'pending' });

    const results = await Promise.all(
      Array.from({ length: 10 }, () => s.schedule({ key: 'once:race', name: 'once', runAt: T0 })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await Job.countDocuments({ key: 'once:race' })).toBe(1);
  });

  it('skips stale jobs (logged) and runs fresh missed jobs late', async () => {
    const clock = new ManualClock(T0);
    const { log, lines } = captureLogger();
    const s = new Scheduler({ owner: 'owner-a', clock, log });
    const ran: string[] = [];
    s.register('remind', async (job) => void ran.push(job.key), { staleAfterMs: 3_600_000 });
    s.register('ontime', async (job) => void ran.push(job.key), { catchUp: false });
    await s.schedule({ key: 'remind:old', name: 'remind', runAt: new Date(T0.getTime() - 2 * 3_600_000) });
    await s.schedule({ key: 'remind:late', name: 'remind', runAt: new Date(T0.getTime() - 30 * 60_000) });
    await s.schedule({
      key: 'remind:own-limit',
      name: 'remind',
      runAt: new Date(T0.getTime() - 30 * 60_000),
      staleAfterMs: 60_000,
    });
    await s.schedule({ key: 'ontime:missed', name: 'ontime', runAt: new Date(T0.getTime() - 5 * 60_000) });
    await s.schedule({ key: 'ontime:fresh', name: 'ontime', runAt: new Date(T0.getTime() - 60_000) });
    expect(await s.tick()).toEqual({ ran: 2, skipped: 3, failed: 0, retried: 0 });
    expect(ran.sort()).toEqual(['ontime:fresh', 'remind:late']);
    expect(await jobDoc('remind:old')).toMatchObject({ state: 'skipped', skipReason: 'stale' });
    expect(await jobDoc('remind:own-limit')).toMatchObject({ state: 'skipped', skipReason: 'stale' });
    expect(await jobDoc('ontime:missed')).toMatchObject({ state: 'skipped', skipReason: 'stale' });
    expect(await jobDoc('remind:late')).toMatchObject({ state: 'done' });
    const skippedLogs = lines().filter((l) => l.msg === 'job skipped');
    expect(skippedLogs.map((l) => l.job).sort()).toEqual(['ontime:missed', 'remind:old', 'remind:own-limit']);
  });

  it('cancels pending jobs for good', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock);
    const ran: string[] = [];
    s.register('cancel-me', async (job) => void ran.push(job.key));
    await s.schedule({ key: 'cancel-me:1', name: 'cancel-me', runAt: T0 });
    expect(await s.cancel('cancel-me:1')).toBe(true);
    expect(await s.cancel('cancel-me:1')).toBe(false);
    expect(await s.schedule({ key: 'cancel-me:1', name: 'cancel-me', runAt: T0 })).toBe(false);
    expect(await s.tick()).toMatchObject({ ran: 0 });
    expect(ran).toEqual([]);
    expect(await jobDoc('cancel-me:1')).toMatchObject({ state: 'skipped', skipReason: 'cancelled' });
  });

  it('retries a failing handler with backoff, then marks it failed after maxAttempts', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock, { maxAttempts: 3 });
    const attempts: number[] = [];
    s.register('flaky', async (job) => {
      attempts.push(job.attempts);
      throw new Error(`boom ${job.attempts}`);
    });
    await s.schedule({ key: 'flaky:1', name: 'flaky', runAt: T0 });
    expect(await s.tick()).toEqual({ ran: 0, skipped: 0, failed: 0, retried: 1 });
    expect(await jobDoc('flaky:1')).toMatchObject({
      state: 'pending',
      attempts: 1,
      runAt: new Date(T0.getTime() + 30_000),
      scheduledAt: T0,
      leaseOwner: null,
    });
    expect((await jobDoc('flaky:1')).lastError).toContain('boom 1');
    clock.advance(29_000);
    expect(await s.tick()).toMatchObject({ retried: 0 }); // not yet due
    clock.advance(1_000);
    expect(await s.tick()).toMatchObject({ retried: 1 });
    expect((await jobDoc('flaky:1')).runAt).toEqual(new Date(clock.now().getTime() + 60_000));
    clock.advance(60_000);
    expect(await s.tick()).toEqual({ ran: 0, skipped: 0, failed: 1, retried: 0 });
    expect(attempts).toEqual([1, 2, 3]);
    const failed = await jobDoc('flaky:1');
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, finishedAt: clock.now() });
    expect(failed.lastError).toContain('boom 3');
    clock.advance(3_600_000);
    expect(await s.tick()).toMatchObject({ failed: 0, retried: 0 });
  });

  it('succeeds on a retry after a transient error', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock, { retryDelayMs: () => 5_000 });
    let calls = 0;
    s.register('transient', async () => {
      calls++;
      if (calls === 1) throw new Error('503 from the platform');
    });
    await s.schedule({ key: 'transient:1', name: 'transient', runAt: T0 });
    expect(await s.tick()).toMatchObject({ retried: 1 });
    clock.advance(5_000);
    expect(await s.tick()).toMatchObject({ ran: 1 });
    expect(await jobDoc('transient:1')).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('fails a job that keeps crashing its owner once attempts exceed maxAttempts', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock, { maxAttempts: 2 });
    const ran: number[] = [];
    s.register('poison', async (job) => void ran.push(job.attempts));
    await s.schedule({ key: 'poison:1', name: 'poison', runAt: T0 });
    await Job.updateOne(
      { key: 'poison:1' },
      { $set: { state: 'running', leaseOwner: 'dead', leaseUntil: T0 }, $inc: { attempts: 2 } },
    );
    clock.advance(1_000);
    expect(await s.tick()).toMatchObject({ failed: 1, ran: 0 });
    expect(ran).toEqual([]);
    expect(await jobDoc('poison:1')).toMatchObject({ state: 'failed', attempts: 3 });
  });

  it('never overlaps ticks in one process', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock, { concurrency: 1 });
    let active = 0;
    let maxActive = 0;
    s.register('serial', async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    });
    for (let i = 0; i < 5; i++) await s.schedule({ key: `serial:${i}`, name: 'serial', runAt: T0 });
    const p1 = s.tick();
    const p2 = s.tick();
    expect(p2).toBe(p1);
    expect(await p1).toMatchObject({ ran: 5 });
    expect(maxActive).toBe(1);
  });

  it('runs up to `concurrency` jobs of a tick at once, each exactly once', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock, { concurrency: 3 });
    let active = 0;
    let maxActive = 0;
    const ran: string[] = [];
    s.register('parallel', async (job) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 20));
      ran.push(job.key);
      active--;
    });
    for (let i = 0; i < 10; i++) await s.schedule({ key: `parallel:${i}`, name: 'parallel', runAt: T0 });
    expect(await s.tick()).toMatchObject({ ran: 10, failed: 0 });
    expect(maxActive).toBe(3);
    expect(ran.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `parallel:${i}`).sort());
    expect(await Job.countDocuments({ name: 'parallel', state: 'done', attempts: 1 })).toBe(10);
  });

  it('only claims jobs whose names it has registered', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock);
    s.register('mine', async () => {});
    await s.schedule({ key: 'theirs:1', name: 'theirs', runAt: T0 });
    expect(await s.tick()).toMatchObject({ ran: 0 });
    expect(await jobDoc('theirs:1')).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('start() ticks at once and every minute; stop() waits for the running tick', async () => {
    const clock = new ManualClock(T0);
    const s = makeScheduler('owner-a', clock);
    const done: string[] = [];
    s.register('started', async (job) => {
      await new Promise((r) => setTimeout(r, 150));
      done.push(job.key);
    });
    await s.schedule({ key: 'started:1', name: 'started', runAt: T0 });
    s.start();
    await expect.poll(async () => (await jobDoc('started:1')).state).toBe('running');
    await s.stop();
    expect(done).toEqual(['started:1']);
    expect(await jobDoc('started:1')).toMatchObject({ state: 'done' });
  });

  it('deletes done and skipped jobs older than N days, keeping failed ones', async () => {
    const now = new Date('2027-03-01T00:00:00Z');
    const day = 86_400_000;
    const base = { name: 'old', runAt: now, scheduledAt: now, createdAt: now };
    await Job.deleteMany({});
    await JobClaim.deleteMany({});
    await JobClaim.create([
      {
        _id: 'old:x#1',
        jobKey: 'old:x',
        attempt: 1,
        owner: 'a',
        createdAt: new Date(now.getTime() - 40 * day),
      },
      {
        _id: 'old:y#1',
        jobKey: 'old:y',
        attempt: 1,
        owner: 'a',
        createdAt: new Date(now.getTime() - 10 * day),
      },
    ]);
    await Job.insertMany([
      { ...base, key: 'old:done40', state: 'done', finishedAt: new Date(now.getTime() - 40 * day) },
      { ...base, key: 'old:skip40', state: 'skipped', finishedAt: new Date(now.getTime() - 40 * day) },
      { ...base, key: 'old:fail40', state: 'failed', finishedAt: new Date(now.getTime() - 40 * day) },
      { ...base, key: 'old:done10', state: 'done', finishedAt: new Date(now.getTime() - 10 * day) },
      { ...base, key: 'old:pending', state: 'pending' },
    ]);
    expect(await deleteFinishedJobs(now, 30)).toBe(2);
    const left = (await Job.find({ name: 'old' }).lean()).map((j) => j.key).sort();
    expect(left).toEqual(['old:done10', 'old:fail40', 'old:pending']);
    expect((await JobClaim.find({}).lean()).map((c) => c._id)).toEqual(['old:y#1']);
    await expect(deleteFinishedJobs(now, 0)).rejects.toThrow(RangeError);
  });
});
