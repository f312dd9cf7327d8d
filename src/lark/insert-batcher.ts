/**
 * Coalesces single-document inserts into unordered `insertMany`s, one at a time: what is queued
 * while one is written goes into the next. On FerretDB 1.24 a batch of 50 inserts costs about as much as two single inserts
 * (measured: 50 in ≈ 7 ms, against ≈ 2.5 ms each when sent one by one in parallel), and the
 * sender's hot path is made of unique inserts (claim tickets, rate-limit slots), so a broadcast
 * that would need hundreds of round trips per second needs a few.
 *
 * Each caller still learns its own outcome: `true` when its document was inserted, `false` when
 * its `_id` was taken (duplicate key, 11000); any other error rejects that caller only.
 */
import type mongoose from 'mongoose';
import { SerialBatches } from './serial-batches.js';

type Collection = mongoose.mongo.Collection;
type Document = mongoose.mongo.Document;

interface Waiting {
  doc: Document;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

/** The per-document errors of an unordered insertMany (the driver gives one or many). */
function writeErrorsOf(error: unknown): { index: number; code?: number }[] | undefined {
  const raw = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (raw === undefined || raw === null) return undefined;
  return (Array.isArray(raw) ? raw : [raw]) as { index: number; code?: number }[];
}

/** One batcher per collection; `insert` resolves once the batch holding the document is written. */
export class InsertBatcher {
  private readonly batches: SerialBatches<Waiting>;

  /** @param collection resolved at write time (the connection may be opened after construction). */
  constructor(
    private readonly collection: () => Collection,
    maxBatch = 200,
  ) {
    this.batches = new SerialBatches((batch) => this.write(batch), maxBatch);
  }

  /** Inserts `doc`; true when inserted, false when a document with its `_id` exists. */
  insert(doc: Document): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => this.batches.push({ doc, resolve, reject }));
  }

  private async write(batch: Waiting[]): Promise<void> {
    const failed = new Map<number, unknown>();
    try {
      await this.collection().insertMany(
        batch.map((w) => w.doc),
        { ordered: false },
      );
    } catch (error) {
      const perDoc = writeErrorsOf(error);
      if (!perDoc) {
        for (const w of batch) w.reject(error);
        return;
      }
      for (const e of perDoc) failed.set(e.index, e.code === 11000 ? 'duplicate' : error);
    }
    batch.forEach((w, i) => {
      const outcome = failed.get(i);
      if (outcome === undefined) w.resolve(true);
      else if (outcome === 'duplicate') w.resolve(false);
      else w.reject(outcome);
    });
  }
}
