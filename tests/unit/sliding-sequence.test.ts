import { beforeEach, describe, expect, it } from 'vitest';
import { cleanupRateWindows, SEQUENCE_KEEP } from '../../src/lark/rate-limiter.js';
import { type SequenceSlot, SlidingSequence } from '../../src/lark/sliding-sequence.js';
import { RateSlot } from '../../src/models/rate-window.js';
import { slidingMax } from '../support/sliding-max.js';
import { useTestDb } from '../support/test-db.js';

/** A settable wall clock. */
function fakeNow(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const RULES = [
  { limit: 5, periodMs: 1_000 },
  { limit: 12, periodMs: 10_000 },
];

describe('SlidingSequence (real database)', () => {
  useTestDb();

  beforeEach(async () => {
    await RateSlot.deleteMany({});
  });

  it('admits a burst of L at once, then each further call P after its own call L slots back', async () => {
    const clock = fakeNow(1_000_000);
    const seq = new SlidingSequence('app:burst', RULES, 100, clock.now);
    const slots = (await Promise.all(
      Array.from({ length: 12 }, () => seq.reserve(60_000)),
    )) as SequenceSlot[];
    expect(slots.every((s) => s.ok)).toBe(true);
    expect(slots.map((s) => s.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const times = slots.map((s) => s.at - 1_000_000);
    // Own calls need no margin D (gate() waits for their answers); another process's would.
    expect(times).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
    // The 13th call is 12 back from slot 0 under the 10 s rule.
    const thirteenth = (await seq.reserve(60_000)) as SequenceSlot;
    expect(thirteenth.at - 1_000_000).toBe(10_000);
    const other = new SlidingSequence('app:burst', RULES, 100, clock.now);
    const fourteenth = (await other.reserve(60_000)) as SequenceSlot;
    expect(fourteenth.n).toBe(13);
    expect(fourteenth.at - 1_000_000).toBe(10_100); // slot 1 was another process's: + D
  });

  it('refuses without taking a slot when the slot time is further away than the caller will wait', async () => {
    const clock = fakeNow(2_000_000);
    const seq = new SlidingSequence('app:wait', RULES, 100, clock.now);
    for (let i = 0; i < 5; i++) expect((await seq.reserve(0)).ok).toBe(true);
    const refused = await seq.reserve(500);
    expect(refused).toEqual({ ok: false, retryAfterMs: 500 });
    expect(await RateSlot.countDocuments({ scope: 'app:wait' })).toBe(5);
  });

  it('keeps ≤ L per sliding window across three processes sharing the database', async () => {
    const clock = fakeNow(3_000_000);
    const processes = Array.from(
      { length: 3 },
      () => new SlidingSequence('app:shared', RULES, 100, clock.now),
    );
    const arrivals: number[] = [];
    const numbers = new Set<number>();
    for (let round = 0; round < 4; round++) {
      const got = await Promise.all(Array.from({ length: 9 }, (_, i) => processes[i % 3]!.reserve(60_000)));
      got.forEach((s, i) => {
        if (!s.ok) return;
        numbers.add(s.n);
        // Process 0's calls reach Feishu D = 100 ms after their slot time (its own calls stay
        // spaced: gate() waits for their answers), the others' on time.
        arrivals.push(s.at + (i % 3 === 0 ? 100 : 0));
      });
      clock.advance(137);
    }
    expect(arrivals).toHaveLength(36);
    expect(numbers.size).toBe(36); // every number once
    expect(slidingMax(arrivals, 1_000)).toBeLessThanOrEqual(5);
    expect(slidingMax(arrivals, 10_000)).toBeLessThanOrEqual(12);
  });

  it('waits for the answer of its own call L slots back before the next call', async () => {
    const seq = new SlidingSequence('app:gate', [{ limit: 2, periodMs: 200 }], 100);
    const a = (await seq.reserve(5_000)) as SequenceSlot;
    await seq.reserve(5_000);
    const c = (await seq.reserve(5_000)) as SequenceSlot;
    expect(c.n).toBe(2);
    let passed = false;
    const gate = seq.gate(c.n).then(() => {
      passed = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(passed).toBe(false); // slot 0's call is still unanswered
    const answeredAt = Date.now();
    seq.done(a.n, answeredAt);
    await gate;
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(195);
  });

  it('continues the numbering after a restart, and cleanup keeps the newest slots', async () => {
    const clock = fakeNow(4_000_000);
    const first = new SlidingSequence('app:restart', RULES, 100, clock.now);
    for (let i = 0; i < 3; i++) await first.reserve(60_000);
    const second = new SlidingSequence('app:restart', RULES, 100, clock.now);
    const next = (await second.reserve(60_000)) as SequenceSlot;
    expect(next.n).toBe(3);
    await RateSlot.collection.insertMany(
      Array.from({ length: SEQUENCE_KEEP + 5 }, (_, i) => ({
        _id: `app:old:${i}`,
        scope: 'app:old',
        n: i,
        at: new Date(0),
        until: new Date(0),
      })) as never[],
    );
    await cleanupRateWindows(new Date(clock.now() + 3_600_000));
    const left = await RateSlot.countDocuments({ scope: 'app:old' });
    expect(left).toBe(SEQUENCE_KEEP + 1);
    expect(await RateSlot.countDocuments({ scope: 'app:restart' })).toBe(4);
  });
});
