/**
 * The batchers of the hot paths, one per collection and kind, shared by every caller in the
 * process (a batcher only coalesces what goes through it). `drainBatchers` flushes them all at
 * shutdown, before the connection closes.
 */
import { idPrefix, type KeyLookupHints } from './key-lookup.js';
import type mongoose from 'mongoose';
import { InsertBatcher } from './insert-batcher.js';
import { ReadBatcher } from './read-batcher.js';
import { UpdateBatcher } from './update-batcher.js';

type AnyModel = Pick<mongoose.Model<never>, 'collection'>;
type Drainable = { drain(): Promise<void> };

/**
 * The collections that grow without bound, and the equality that narrows a compound `_id`
 * (`<poll>:<open_id>`) to its group — see key-lookup.ts for why FerretDB needs to know.
 */
const LOOKUP_HINTS: Record<string, KeyLookupHints> = {
  tasks: { large: true },
  task_assignments: { large: true, partition: (id) => ({ taskId: idPrefix(id) }) },
  poll_eligible: { large: true, partition: (id) => ({ poll: idPrefix(id) }) },
  pledge_signers: { large: true, partition: (id) => ({ pledgeId: idPrefix(id) }) },
  broadcast_responses: { large: true, partition: (id) => ({ broadcastId: idPrefix(id) }) },
};

/** In a burst, how long a hot-path batch waits for more callers before it is written. */
export const BURST_LINGER_MS = 2;

const all = new Map<string, InsertBatcher | UpdateBatcher | ReadBatcher>();

function shared<T extends InsertBatcher | UpdateBatcher | ReadBatcher>(key: string, make: () => T): T {
  let batcher = all.get(key) as T | undefined;
  if (!batcher) {
    batcher = make();
    all.set(key, batcher);
  }
  return batcher;
}

/** Group-committed inserts into the model's collection (`uniqueField`: the key whose order is kept). */
export function insertsInto(model: AnyModel, uniqueField = '_id'): InsertBatcher {
  return shared(
    `insert:${model.collection.collectionName}:${uniqueField}`,
    () => new InsertBatcher(() => model.collection as never, 200, uniqueField, BURST_LINGER_MS),
  );
}

/** Group-committed updates of the model's documents addressed by `field`. */
export function updatesOf(model: AnyModel, field = '_id'): UpdateBatcher {
  return shared(
    `update:${model.collection.collectionName}:${field}`,
    () => new UpdateBatcher(() => model.collection as never, field, 500, BURST_LINGER_MS),
  );
}

/** Batched reads of the model's documents by the unique indexed `field`. */
export function readsOf<T extends mongoose.mongo.Document>(model: AnyModel, field = '_id'): ReadBatcher<T> {
  return shared(
    `read:${model.collection.collectionName}:${field}`,
    () =>
      new ReadBatcher(
        () => model.collection as never,
        field,
        500,
        BURST_LINGER_MS,
        field === '_id' ? LOOKUP_HINTS[model.collection.collectionName] : undefined,
      ),
  ) as ReadBatcher<T>;
}

/** Resolves once every write queued in any batcher is acknowledged (shutdown). */
export async function drainBatchers(): Promise<void> {
  await Promise.all(
    [...all.values()]
      .filter((b): b is InsertBatcher | UpdateBatcher => 'drain' in b)
      .map((b: Drainable) => b.drain()),
  );
}
