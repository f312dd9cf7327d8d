/**
 * Coalesces reads of single documents by one indexed key into one `find({ key: { $in } })` per
 * flush: a burst of 200 events reading their senders' profiles makes a few queries, not 200. One
 * read in flight per batcher; reads asked while it runs go together into the next, so a read
 * asked after a write was acknowledged sees that write.
 */
import { findByKeys, type KeyLookupHints } from './key-lookup.js';
import type mongoose from 'mongoose';
import { SerialBatches } from './serial-batches.js';

type Collection = mongoose.mongo.Collection;
type Document = mongoose.mongo.Document;

interface Waiting {
  key: string;
  resolve: (doc: Document | null) => void;
  reject: (error: unknown) => void;
}

export class ReadBatcher<T extends Document = Document> {
  private readonly batches: SerialBatches<Waiting>;

  /**
   * @param collection resolved at read time.
   * @param field an indexed field, unique per document (`_id` unless said otherwise).
   */
  constructor(
    private readonly collection: () => Collection,
    private readonly field = '_id',
    maxBatch = 500,
    lingerMs = 0,
    private readonly hints: KeyLookupHints = {},
  ) {
    this.batches = new SerialBatches((batch) => this.read(batch), maxBatch, undefined, lingerMs);
  }

  /** The document whose key is `key`, or null. */
  get(key: string): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) =>
      this.batches.push({ key, resolve: resolve as (doc: Document | null) => void, reject }),
    );
  }

  private async read(batch: Waiting[]): Promise<void> {
    const keys = [...new Set(batch.map((w) => w.key))];
    try {
      const docs = await findByKeys(this.collection(), this.field, keys, {}, this.hints);
      const byKey = new Map(docs.map((d) => [String(d[this.field]), d]));
      for (const w of batch) w.resolve(byKey.get(w.key) ?? null);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
