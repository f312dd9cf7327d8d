/**
 * A queue written in batches, one batch at a time: items pushed while a batch is being written
 * wait and go together into the next one. Under load the batches grow by themselves, and the
 * database never sees more than one of this queue's writes at once.
 */
export class SerialBatches<T> {
  private queue: T[] = [];
  private writing = false;

  /**
   * @param write handles one batch and settles each item itself (it must not throw).
   * @param maxBatch largest batch handed to `write`.
   */
  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly maxBatch = Number.POSITIVE_INFINITY,
  ) {}

  push(item: T): void {
    this.queue.push(item);
    if (!this.writing) void this.drain();
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        // Let the callers of this turn of the event loop join the batch.
        await new Promise<void>((r) => setImmediate(r));
        await this.write(this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.writing = false;
    }
  }
}
