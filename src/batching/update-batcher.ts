/**
 * Coalesces updates of single documents (by one key field) into one `updateMany` per flush and
 * per distinct change: a burst of events finishing with the same `{ state: 'done' }` becomes one
 * command. Dates in the change are stamps (finishedAt, updatedAt): they do not split a group,
 * and the group is written with the latest of them. One flush at a time per collection; two
 * updates of one document never share a flush, so they land in the order they were asked.
 *
 * A caller resolves once the flush holding its update is acknowledged; a failed command rejects
 * the callers of its group only.
 */
import type mongoose from 'mongoose';
import { SerialBatches } from './serial-batches.js';

type Collection = mongoose.mongo.Collection;
type Document = mongoose.mongo.Document;

/** One update: the document's key, extra conditions, and the `$set` (and `$unset`) to apply. */
export interface KeyedUpdate {
  key: string;
  where?: Document;
  set?: Document;
  unset?: readonly string[];
}

interface Waiting extends KeyedUpdate {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The group an update belongs to: its conditions and change, with the `$set` dates left out. */
function groupKey(w: KeyedUpdate): string {
  const set = JSON.stringify(w.set ?? {}, function (this: Record<string, unknown>, k, v) {
    return this[k] instanceof Date ? '<date>' : v;
  });
  return JSON.stringify([w.where ?? {}, w.unset ?? []]) + set;
}

/** The group's `$set`, with each date field at its latest value. */
function mergedSet(group: Waiting[]): Document | undefined {
  const first = group[0]?.set;
  if (!first) return undefined;
  const merged: Document = { ...first };
  for (const [field, value] of Object.entries(first)) {
    if (!(value instanceof Date)) continue;
    let latest = value;
    for (const w of group) {
      const other = w.set?.[field];
      if (other instanceof Date && other > latest) latest = other;
    }
    merged[field] = latest;
  }
  return merged;
}

export class UpdateBatcher {
  private readonly batches: SerialBatches<Waiting>;

  /**
   * @param collection resolved at write time.
   * @param field the key field updates are addressed by (`_id` unless said otherwise).
   */
  constructor(
    private readonly collection: () => Collection,
    private readonly field = '_id',
    maxBatch = 500,
    lingerMs = 0,
  ) {
    this.batches = new SerialBatches(
      (batch) => this.write(batch),
      maxBatch,
      (w) => w.key,
      lingerMs,
    );
  }

  /** Applies the update; resolves once it is acknowledged. */
  update(update: KeyedUpdate): Promise<void> {
    return new Promise<void>((resolve, reject) => this.batches.push({ ...update, resolve, reject }));
  }

  drain(): Promise<void> {
    return this.batches.drain();
  }

  private async write(batch: Waiting[]): Promise<void> {
    const groups = new Map<string, Waiting[]>();
    for (const w of batch) {
      const key = groupKey(w);
      const group = groups.get(key);
      if (group) group.push(w);
      else groups.set(key, [w]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      const change: Document = {};
      const set = mergedSet(group);
      if (set) change.$set = set;
      if (first.unset?.length) change.$unset = Object.fromEntries(first.unset.map((f) => [f, 1]));
      try {
        if (group.length === 1) {
          await this.collection().updateOne({ [this.field]: { $eq: first.key }, ...first.where }, change);
        } else {
          const keys = group.map((w) => w.key);
          await this.collection().updateMany({ [this.field]: { $in: keys }, ...first.where }, change);
        }
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
  }
}
