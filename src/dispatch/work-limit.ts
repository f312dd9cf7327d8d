/**
 * At most `max` pieces of work at once; the rest wait in arrival order. Stored events are
 * processed through it, so a burst of 200 does not flood the database pool ahead of the next
 * events' stores — the acks stay quick, and the work follows at the pace the database holds.
 */
export class WorkLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((go) => this.waiting.push(go));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
