/**
 * One run of a task per key at a time, shared by every request made meanwhile: a request that
 * comes while the key's task runs is served by the NEXT run, which starts when the current one
 * ends and serves everything asked in between. A burst of N requests for one key thus costs a
 * handful of runs, not N, and every request is served by a run that started after it was made
 * (so that run sees whatever the requester stored before asking).
 *
 * In-process only; what must stay exclusive across processes keeps its own claim.
 */
interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class CoalescedRuns<T> {
  private readonly waiting = new Map<string, Waiter<T>[]>();
  private readonly running = new Set<string>();

  /**
   * @param task the work for one key; `queued()` tells it, while it runs, whether requests are
   *   already waiting for a next run (a task may then skip a final re-check of its own).
   * @param gatherMs how long a run waits for more requests before it starts (0: the requests of
   *   the current turn of the event loop only). For work off the answer's path, a short wait
   *   turns a burst into fewer, larger runs.
   */
  constructor(
    private readonly task: (key: string, queued: () => boolean) => Promise<T>,
    private readonly gatherMs = 0,
  ) {}

  /** Resolves with the result of a run of `key` that started after this call. */
  request(key: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.running.has(key)) void this.loop(key);
    });
  }

  /** Keys with a run in progress or requested. */
  get busyKeys(): number {
    return new Set([...this.running, ...this.waiting.keys()]).size;
  }

  private async loop(key: string): Promise<void> {
    this.running.add(key);
    try {
      for (;;) {
        // Let the requests of this turn of the event loop (or of the gathering time) join the run.
        await new Promise<void>((r) => (this.gatherMs > 0 ? setTimeout(r, this.gatherMs) : setImmediate(r)));
        const served = this.waiting.get(key);
        if (!served || served.length === 0) break;
        this.waiting.delete(key);
        try {
          const value = await this.task(key, () => (this.waiting.get(key)?.length ?? 0) > 0);
          for (const w of served) w.resolve(value);
        } catch (error) {
          for (const w of served) w.reject(error);
        }
      }
    } finally {
      this.running.delete(key);
      this.waiting.delete(key);
    }
  }
}
