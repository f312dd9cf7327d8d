import { describe, expect, it } from 'vitest';
import { CoalescedRuns } from '../../src/batching/coalesced-runs.js';

/** A task whose runs the test finishes by hand. */
function manualTask() {
  const runs: Array<{ key: string; finish: (v: number) => void; fail: (e: unknown) => void; queued: () => boolean }> = [];
  const task = (key: string, queued: () => boolean) =>
    new Promise<number>((finish, fail) => runs.push({ key, finish, fail, queued }));
  return { runs, task };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('CoalescedRuns', () => {
  it('one run per key at a time; requests made during a run share the next one', async () => {
    const { runs, task } = manualTask();
    const coalesced = new CoalescedRuns(task);
    const first = [coalesced.request('p'), coalesced.request('p')];
    await tick();
    expect(runs).toHaveLength(1);
    const second = [coalesced.request('p'), coalesced.request('p'), coalesced.request('p')];
    await tick();
    expect(runs).toHaveLength(1); // the second run waits for the first
    expect(runs[0]!.queued()).toBe(true);
    runs[0]!.finish(1);
    expect(await Promise.all(first)).toEqual([1, 1]);
    await tick();
    expect(runs).toHaveLength(2);
    expect(runs[1]!.queued()).toBe(false);
    runs[1]!.finish(2);
    expect(await Promise.all(second)).toEqual([2, 2, 2]);
    await tick();
    expect(runs).toHaveLength(2);
    expect(coalesced.busyKeys).toBe(0);
  });

  it('keys run independently, and a failed run rejects only its own requests', async () => {
    const { runs, task } = manualTask();
    const coalesced = new CoalescedRuns(task);
    const a = coalesced.request('a');
    const b = coalesced.request('b');
    await tick();
    expect(runs.map((r) => r.key)).toEqual(['a', 'b']);
    const later = coalesced.request('a');
    runs[0]!.fail(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    runs[1]!.finish(7);
    expect(await b).toBe(7);
    await tick();
    runs[2]!.finish(3);
    expect(await later).toBe(3);
  });

  it('a gathering time lets later requests join the same run', async () => {
    const { runs, task } = manualTask();
    const coalesced = new CoalescedRuns(task, 30);
    const early = coalesced.request('p');
    await new Promise((r) => setTimeout(r, 5));
    const late = coalesced.request('p');
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toHaveLength(1);
    runs[0]!.finish(5);
    expect(await Promise.all([early, late])).toEqual([5, 5]);
  });
});
