import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { registerJobCleanup } from '../../src/jobs/cleanup.js';
import { occurrenceKey } from '../../src/jobs/recurring.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import type { JobView } from '../../src/jobs/types.js';
import { createSilentLogger, type Logger } from '../../src/logger.js';
import { Job } from '../../src/models/job.js';
import { ManualClock } from '../../src/time/clock.js';
import { useTestDb } from '../support/test-db.js';

const SH = 'Asia/Shanghai';
const HOUR = 3_600_000;

function captureLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void raw.push(s) });
  return { log, lines: () => raw.map((s) => JSON.parse(s) as Record<string, unknown>) };
}

async function jobDoc(key: string) {
  const doc = await Job.findOne({ key }).lean();
  if (!doc) throw new Error(`no job ${key}`);
  return doc;
}

describe('recurring jobs on a real database', () => {
  useTestDb();

  it('runs each Monday 09:00 Shanghai occurrence once across two processes and catches up only the latest', async () => {
    // Sunday 2026-12-06 20:00 Shanghai.
    const clock = new ManualClock('2026-12-06T12:00:00Z');
    const { log, lines } = captureLogger();
    const runs: { owner: string; scheduledAt: string; payload: unknown }[] = [];
    const make = (owner: string) => {
      const s = new Scheduler({ owner, clock, log });
      s.registerRecurring({
        name: 'weekly-digest',
        cron: '0 9 * * 1',
        tz: SH,
        staleAfterMs: 2 * HOUR,
        payload: { scope: 'all' },
        handler: async (job: JobView<{ scope: string }>) => {
          runs.push({ owner, scheduledAt: job.scheduledAt.toISOString(), payload: job.payload });
        },
      });
      return s;
    };
    const a = make('proc-a');
    const b = make('proc-b');

    // First start: the last occurrence (Mon 30 Nov) is long past, so it is recorded as skipped.
    const [r1a, r1b] = await Promise.all([a.tick(), b.tick()]);
    expect(r1a.ran + r1b.ran).toBe(0);
    expect(r1a.skipped + r1b.skipped).toBe(1);
    expect(await jobDoc('weekly-digest:2026-11-30T01:00:00.000Z')).toMatchObject({
      state: 'skipped',
      skipReason: 'stale',
    });

    // Monday 09:00 Shanghai = 01:00 UTC: exactly one process runs it.
    clock.set('2026-12-07T01:00:00.000Z');
    const [r2a, r2b] = await Promise.all([a.tick(), b.tick()]);
    expect(r2a.ran + r2b.ran).toBe(1);
    expect(runs.map((r) => r.scheduledAt)).toEqual(['2026-12-07T01:00:00.000Z']);
    expect(runs[0]?.payload).toEqual({ scope: 'all' });
    clock.advance(5 * 60_000);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);

    // A restart (new process objects) does not run it again.
    const a2 = make('proc-a2');
    expect(await a2.tick()).toEqual({ ran: 0, skipped: 0, failed: 0, retried: 0 });

    // Down from Mon 7 Dec until Mon 28 Dec 10:00 (occurrences 14 and 21 Dec missed):
    // only the latest (28 Dec 09:00, one hour old) runs; the missed ones are logged.
    clock.set('2026-12-28T02:00:00.000Z');
    const [r3a, r3b] = await Promise.all([a2.tick(), b.tick()]);
    expect(r3a.ran + r3b.ran).toBe(1);
    expect(runs.map((r) => r.scheduledAt)).toEqual(['2026-12-07T01:00:00.000Z', '2026-12-28T01:00:00.000Z']);
    expect(await Job.countDocuments({ name: 'weekly-digest' })).toBe(3);
    const missed = lines().filter((l) => typeof l.msg === 'string' && l.msg.includes('missed while down'));
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({
      job: 'weekly-digest',
      missed: 2,
      first: '2026-12-14T01:00:00.000Z',
      last: '2026-12-21T01:00:00.000Z',
    });

    // Down until 4 hours after the next occurrence: too stale, skipped and logged.
    clock.set('2027-01-04T05:00:00.000Z');
    const [r4a, r4b] = await Promise.all([a2.tick(), b.tick()]);
    expect(r4a.ran + r4b.ran).toBe(0);
    expect(r4a.skipped + r4b.skipped).toBe(1);
    expect(await jobDoc('weekly-digest:2027-01-04T01:00:00.000Z')).toMatchObject({ skipReason: 'stale' });
    expect(runs).toHaveLength(2);
  });

  it('reads a changing time zone every tick: the next 09:00 follows the new zone', async () => {
    // Tuesday 2026-12-08 08:00 Shanghai.
    const clock = new ManualClock('2026-12-08T00:00:00Z');
    let zone = SH;
    let reads = 0;
    const runs: string[] = [];
    const s = new Scheduler({ owner: 'tz-proc', clock, log: createSilentLogger() });
    s.registerRecurring({
      name: 'daily-nine',
      cron: '0 9 * * *',
      tz: async () => {
        reads++;
        return zone;
      },
      handler: async (job) => {
        runs.push(job.scheduledAt.toISOString());
      },
    });
    await s.tick(); // 08:00 Shanghai: yesterday's 09:00 is stale, nothing runs
    clock.set('2026-12-08T01:00:00Z'); // 09:00 Shanghai
    expect((await s.tick()).ran).toBe(1);
    expect(runs).toEqual(['2026-12-08T01:00:00.000Z']);
    zone = 'Europe/London';
    clock.set('2026-12-09T01:00:00Z'); // 09:00 Shanghai, 01:00 London: not yet
    expect((await s.tick()).ran).toBe(0);
    clock.set('2026-12-09T09:00:00Z'); // 09:00 London
    expect((await s.tick()).ran).toBe(1);
    expect(runs).toEqual(['2026-12-08T01:00:00.000Z', '2026-12-09T09:00:00.000Z']);
    expect(reads).toBe(4);
  });

  it('skips an older occurrence left pending once a newer one is due (superseded)', async () => {
    const clock = new ManualClock('2027-01-11T01:00:00.000Z');
    const s = new Scheduler({ owner: 'proc-c', clock, log: createSilentLogger() });
    const runs: string[] = [];
    s.registerRecurring({
      name: 'daily-check',
      cron: '0 9 * * *',
      tz: SH,
      staleAfterMs: 48 * HOUR,
      handler: async (job) => void runs.push(job.scheduledAt.toISOString()),
    });
    // A process created the 11 Jan occurrence and crashed before running it.
    const jan11 = new Date('2027-01-11T01:00:00.000Z');
    await s.schedule({ key: occurrenceKey('daily-check', jan11), name: 'daily-check', runAt: jan11 });
    clock.set('2027-01-12T01:30:00.000Z');
    expect(await s.tick()).toEqual({ ran: 1, skipped: 1, failed: 0, retried: 0 });
    expect(runs).toEqual(['2027-01-12T01:00:00.000Z']);
    expect(await jobDoc('daily-check:2027-01-11T01:00:00.000Z')).toMatchObject({ skipReason: 'superseded' });
  });

  it('registers the job clean-up as a recurring job', async () => {
    const clock = new ManualClock('2027-03-01T19:30:00.000Z'); // 03:30 Shanghai
    const s = new Scheduler({ owner: 'proc-d', clock, log: createSilentLogger() });
    registerJobCleanup(s, { tz: SH, olderThanDays: 30 });
    const old = new Date('2027-01-01T00:00:00Z');
    await Job.create({
      key: 'ancient:1',
      name: 'ancient',
      runAt: old,
      scheduledAt: old,
      createdAt: old,
      state: 'done',
      finishedAt: old,
    });
    expect(await s.tick()).toMatchObject({ ran: 1 });
    expect(await Job.countDocuments({ key: 'ancient:1' })).toBe(0);
    expect(await Job.countDocuments({ name: 'job-cleanup', state: 'done' })).toBe(1);
  });

  it('rejects a bad cron expression at registration', () => {
    const s = new Scheduler({ owner: 'proc-e', clock: new ManualClock(0), log: createSilentLogger() });
    expect(() =>
      s.registerRecurring({ name: 'bad', cron: '0 9 * *', tz: SH, handler: async () => {} }),
    ).toThrow(/5 fields/);
    expect(() => s.register('dup', async () => {})).not.toThrow();
    expect(() => s.register('dup', async () => {})).toThrow(/already registered/);
  });
});
