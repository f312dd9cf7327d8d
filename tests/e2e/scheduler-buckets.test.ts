import { describe, expect, it } from 'vitest';
import { minuteKey, minutesBetween } from '../../src/jobs/claim.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createSilentLogger } from '../../src/logger.js';
import { Job } from '../../src/models/job.js';
import { ManualClock } from '../../src/time/clock.js';
import { useTestDb } from '../support/test-db.js';

const T0 = new Date('2026-12-03T01:00:00Z');

function make(owner: string, clock: ManualClock, runs: string[], extra: { fullScanEveryMs?: number } = {}) {
  const s = new Scheduler({ owner, clock, log: createSilentLogger(), retryDelayMs: () => 90_000, ...extra });
  let failOnce = true;
  s.register('bucketed', async (job) => {
    if (job.key.startsWith('bucketed:flaky') && failOnce) {
      failOnce = false;
      throw new Error('first attempt fails');
    }
    runs.push(`${owner}:${job.key}`);
  });
  return s;
}

describe('due-minute buckets (ticks look jobs up by equality, not by a runAt range)', () => {
  useTestDb();

  it('buckets are UTC minutes', () => {
    expect(minuteKey(T0)).toBe('2026-12-03T01:00');
    expect(minutesBetween(T0.getTime() - 60_000, T0.getTime() + 30_000)).toEqual([
      '2026-12-03T00:59',
      '2026-12-03T01:00',
    ]);
  });

  it('finds jobs another process scheduled into the past, retries, and legacy jobs at the safety scan', async () => {
    const clock = new ManualClock(T0);
    const runs: string[] = [];
    const a = make('a', clock, runs, { fullScanEveryMs: 60 * 60_000 });
    const b = make('b', clock, runs);
    expect(await a.tick()).toMatchObject({ ran: 0 }); // first tick: a full scan
    clock.advance(30_000);
    // Process b schedules a job due "an hour ago" during a's minute: it lands in the current bucket.
    await b.schedule({ key: 'bucketed:late', name: 'bucketed', runAt: new Date(T0.getTime() - 3_600_000) });
    expect((await Job.findOne({ key: 'bucketed:late' }).lean())?.dueMinute).toBe('2026-12-03T01:00');
    await b.schedule({ key: 'bucketed:flaky', name: 'bucketed', runAt: new Date(T0.getTime() + 60_000) });
    clock.advance(40_000);
    expect(await a.tick()).toMatchObject({ ran: 1, retried: 1 });
    expect(runs).toEqual(['a:bucketed:late']);
    // The retry moved the job to the bucket of its new runAt (90 s later).
    expect((await Job.findOne({ key: 'bucketed:flaky' }).lean())?.dueMinute).toBe('2026-12-03T01:02');
    clock.advance(100_000);
    expect(await a.tick()).toMatchObject({ ran: 1 });
    expect(runs).toEqual(['a:bucketed:late', 'a:bucketed:flaky']);

    // A job written without a bucket (e.g. by an older version) is not in any bucket: a's
    // bucket ticks miss it, the periodic full scan finds it.
    await Job.create({
      key: 'bucketed:legacy',
      name: 'bucketed',
      runAt: clock.now(),
      scheduledAt: clock.now(),
      state: 'pending',
      createdAt: clock.now(),
    });
    clock.advance(60_000);
    expect(await a.tick()).toMatchObject({ ran: 0 });
    clock.advance(60 * 60_000);
    expect(await a.tick()).toMatchObject({ ran: 1 });
    expect(runs).toContain('a:bucketed:legacy');
  });

  it('scans fully after a gap of more than two hours', async () => {
    const clock = new ManualClock(T0);
    const runs: string[] = [];
    const a = make('gap', clock, runs);
    await a.tick();
    await Job.create({
      key: 'bucketed:old',
      name: 'bucketed',
      runAt: clock.now(),
      scheduledAt: clock.now(),
      state: 'pending',
      createdAt: clock.now(),
    });
    clock.advance(3 * 60 * 60_000);
    expect(await a.tick()).toMatchObject({ ran: 1 });
  });
});
