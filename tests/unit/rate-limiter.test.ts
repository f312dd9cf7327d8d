import { beforeEach, describe, expect, it } from 'vitest';
import { cleanupRateWindows, RateLimiter } from '../../src/lark/rate-limiter.js';
import { maxPerSlidingWindow, RATE_RULES, type RateRule } from '../../src/lark/rate-rules.js';
import { RateSlot } from '../../src/models/rate-window.js';
import { slidingMax } from '../support/sliding-max.js';
import { useTestDb } from '../support/test-db.js';

/** A settable wall clock for the limiter. */
function fakeNow(start: number) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v), advance: (ms: number) => (t += ms) };
}

describe('rate rules', () => {
  it('never let more than the platform limit through any sliding window, within their delay budget', () => {
    expect(maxPerSlidingWindow(RATE_RULES.chat, 1000, 100)).toBe(5);
    expect(maxPerSlidingWindow(RATE_RULES.chat, 1000, 101)).toBeGreaterThan(5);
    expect(maxPerSlidingWindow(RATE_RULES.user, 1000, 100)).toBe(5);
    expect(maxPerSlidingWindow(RATE_RULES.message, 1000, 100)).toBe(5);
    // Fixed windows for 50/s: one call per 25 ms holds for D ≤ 225 ms but sends only 40/s.
    const app: RateRule = { name: 'app', windowMs: 25, slots: 1 };
    expect(maxPerSlidingWindow(app, 1000, 225)).toBe(50);
    expect(maxPerSlidingWindow(app, 1000, 226)).toBeGreaterThan(50);
  });

  it('shows why 1 per 250 ms has no room for delay', () => {
    const naive: RateRule = { name: 'x', windowMs: 250, slots: 1 };
    expect(maxPerSlidingWindow(naive, 1000, 0)).toBe(5);
    expect(maxPerSlidingWindow(naive, 1000, 1)).toBe(6);
  });
});

describe('RateLimiter (real database)', () => {
  useTestDb();

  beforeEach(async () => {
    await RateSlot.deleteMany({});
  });

  it('grants one call per 275 ms window per chat and says when the next window opens', async () => {
    const clock = fakeNow(1_000_000_000_000 - (1_000_000_000_000 % 275));
    const limiter = new RateLimiter(clock.now);
    const chat = [{ rule: RATE_RULES.chat, key: 'oc_a' }];
    expect((await limiter.acquire(chat)).ok).toBe(true);
    clock.advance(100);
    const refused = await limiter.acquire(chat);
    expect(refused).toMatchObject({ ok: false, retryAfterMs: 175 });
    expect((await limiter.acquire([{ rule: RATE_RULES.chat, key: 'oc_b' }])).ok).toBe(true);
    clock.advance(175);
    expect((await limiter.acquire(chat)).ok).toBe(true);
  });

  it('fills multi-slot windows exactly to their size, across limiter instances (processes)', async () => {
    const clock = fakeNow(5_000_000_000_000);
    const a = new RateLimiter(clock.now);
    const b = new RateLimiter(clock.now);
    const rule = { name: 'multi-test', windowMs: 5000, slots: 71 };
    const scope = [{ rule, key: 'cli_x' }];
    const results = await Promise.all(Array.from({ length: 90 }, (_, i) => (i % 2 ? a : b).acquire(scope)));
    expect(results.filter((r) => r.ok)).toHaveLength(rule.slots);
  });

  it('decides concurrent grabs of a one-slot window by the unique index: exactly one wins', async () => {
    const clock = fakeNow(6_000_000_000_000);
    const limiters = Array.from({ length: 5 }, () => new RateLimiter(clock.now));
    const scope = [{ rule: RATE_RULES.chat, key: 'oc_race' }];
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => limiters[i % 5]!.acquire(scope)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('takes all scopes or none: gives back earlier slots when a later scope is full', async () => {
    const clock = fakeNow(7_000_000_000_000);
    const limiter = new RateLimiter(clock.now);
    expect((await limiter.acquire([{ rule: RATE_RULES.chat, key: 'oc_full' }])).ok).toBe(true);
    const before = await RateSlot.countDocuments();
    const decision = await limiter.acquire([
      { rule: RATE_RULES.user, key: 'ou_y' },
      { rule: RATE_RULES.message, key: 'om_y' },
      { rule: RATE_RULES.chat, key: 'oc_full' },
    ]);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.scope.key).toBe('oc_full');
    expect(await RateSlot.countDocuments()).toBe(before);
    const granted = await limiter.acquire([{ rule: RATE_RULES.user, key: 'ou_y' }]);
    expect(granted.ok).toBe(true);
    if (granted.ok) {
      await limiter.release(granted.slots);
      expect((await limiter.acquire([{ rule: RATE_RULES.user, key: 'ou_y' }])).ok).toBe(true);
    }
  });

  /** A greedy caller: retries at random points, its granted calls land 0 or 100 ms late. */
  async function greedyArrivals(rule: RateRule, key: string, start: number): Promise<number[]> {
    const clock = fakeNow(start);
    const limiter = new RateLimiter(clock.now);
    const scope = [{ rule, key }];
    const arrivals: number[] = [];
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    while (arrivals.length < 40) {
      const d = await limiter.acquire(scope);
      if (d.ok) {
        arrivals.push(clock.now() + (rand() < 0.5 ? 0 : 100));
        clock.advance(Math.floor(rand() * 40));
      } else {
        clock.advance(Math.max(1, Math.floor(rand() * d.retryAfterMs)));
      }
    }
    return arrivals;
  }

  it('keeps every sliding second at ≤ 5 for a greedy caller whose calls land up to 100 ms late', async () => {
    const arrivals = await greedyArrivals(RATE_RULES.chat, 'oc_greedy', 8_000_000_000_137);
    expect(slidingMax(arrivals, 1000)).toBeLessThanOrEqual(5);
  });

  it('(control) 1 call per 250 ms lets 6 land within a second when the first two are 100 ms late', async () => {
    const naive: RateRule = { name: 'naive', windowMs: 250, slots: 1 };
    const base = 8_100_000_000_000;
    const schedule = [240, 260, 500, 750, 1000, 1250];
    const delays = [100, 100, 0, 0, 0, 0];
    const run = async (rule: RateRule) => {
      const clock = fakeNow(base);
      const limiter = new RateLimiter(clock.now);
      const arrivals: number[] = [];
      for (const [i, at] of schedule.entries()) {
        clock.set(base + at);
        if ((await limiter.acquire([{ rule, key: 'oc_ctl' }])).ok) arrivals.push(at + (delays[i] ?? 0));
      }
      return arrivals;
    };
    expect(slidingMax(await run(naive), 1000)).toBe(6);
    expect(slidingMax(await run(RATE_RULES.chat), 1000)).toBeLessThanOrEqual(5);
  });

  it('cleans up windows that ended long ago', async () => {
    const clock = fakeNow(9_000_000_000_000);
    const limiter = new RateLimiter(clock.now);
    await limiter.acquire([{ rule: RATE_RULES.chat, key: 'oc_old' }]);
    clock.advance(10 * 60_000);
    await limiter.acquire([{ rule: RATE_RULES.chat, key: 'oc_new' }]);
    const removed = await cleanupRateWindows(new Date(clock.now()));
    expect(removed).toBe(1);
    expect(await RateSlot.countDocuments()).toBe(1);
  });

  it('takes a slot in a later window for a call planned later', async () => {
    const clock = fakeNow(9_500_000_000_000 - (9_500_000_000_000 % 275));
    const limiter = new RateLimiter(clock.now);
    const later = await limiter.acquire([{ rule: RATE_RULES.chat, key: 'oc_later' }], clock.now() + 600);
    expect(later.ok && later.windowEnds[0]).toBe(clock.now() + 825);
    // The current window is still free.
    expect((await limiter.acquire([{ rule: RATE_RULES.chat, key: 'oc_later' }])).ok).toBe(true);
  });
});
