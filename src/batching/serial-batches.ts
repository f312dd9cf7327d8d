/**
 * A queue written in batches, one batch at a time (group commit): items pushed while a batch is
 * being written wait and go together into the next one. Under load the batches grow by
 * themselves, and the database never sees more than one of this queue's writes at once.
 *
 * Order per key: when `keyOf` is given, a batch never holds two items with the same key; the
 * later one waits for a following batch, so writes to one key land in the order they were pushed.
 */
export class SerialBatches<T> {
  private queue: T[] = [];
  private writing = false;
  private readonly idleWaiters: (() => void)[] = [];

  /**
   * @param write handles one batch and settles each item itself (it must not throw).
   * @param maxBatch largest batch handed to `write`.
   * @param keyOf the key whose order must be kept (optional).
   * @param lingerMs during a burst (the last batch held more than one item), how long a batch
   *   waits for more before it is written; a lone item is written at once.
   */
  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly maxBatch = Number.POSITIVE_INFINITY,
    private readonly keyOf?: (item: T) => string | undefined,
    private readonly lingerMs = 0,
  ) {}

  private lastBatchSize = 0;

  push(item: T): void {
    this.queue.push(item);
    if (!this.writing) void this.run();
  }

  /** Items waiting or being written. */
  get pending(): number {
    return this.queue.length + (this.writing ? 1 : 0);
  }

  /** Resolves once everything pushed so far is written (shutdown). */
  drain(): Promise<void> {
    if (!this.writing && this.queue.length === 0) return Promise.resolve();
    return new Promise((done) => this.idleWaiters.push(done));
  }

  private async run(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        // Let the callers of this turn of the event loop join the batch (and, in a burst, the
        // callers of the next few milliseconds: fewer, fuller writes).
        await new Promise<void>((r) => setImmediate(r));
        if (this.lingerMs > 0 && this.lastBatchSize > 1 && this.queue.length < this.maxBatch)
          await new Promise<void>((r) => setTimeout(r, this.lingerMs));
        const batch = this.take();
        this.lastBatchSize = batch.length;
        await this.write(batch);
      }
    } finally {
      this.writing = false;
      for (const done of this.idleWaiters.splice(0)) done();
    }
  }

  private take(): T[] {
    if (!this.keyOf) return this.queue.splice(0, this.maxBatch);
    const batch: T[] = [];
    const rest: T[] = [];
    const seen = new Set<string>();
    for (const item of this.queue) {
      const key = batch.length < this.maxBatch ? this.keyOf(item) : undefined;
      if (batch.length >= this.maxBatch || (key !== undefined && seen.has(key))) {
        rest.push(item);
        continue;
      }
      if (key !== undefined) seen.add(key);
      batch.push(item);
    }
    this.queue = rest;
    return batch;
  }
}
