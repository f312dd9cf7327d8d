/**
 * Reads documents by many values of one unique key. MongoDB serves `{ key: { $in: [...] } }`
 * from the key's index: one command for the batch. FerretDB 1.24 pushes only plain equalities
 * down to PostgreSQL and filters an `$in` itself over every row of the collection — fine for the
 * small collections (people, polls, chats, settings), a whole scan per batch for the ones that
 * grow without bound (tasks, assignments, eligible voters, signers, responses: measured 1.5 s
 * for an `$in` of 100 ids among 30k tasks, 13 s among 300k). Those are marked `large`: on
 * FerretDB their batch is read per partition (`{ poll: P, _id: { $in } }`, the equality pushed
 * down and the `$in` checked over that poll's rows only) or, without a partition, one index
 * lookup per key, a few at a time. The engine is asked once per connection.
 */
import mongoose from 'mongoose';

type Collection = mongoose.mongo.Collection;
type Document = mongoose.mongo.Document;
type FindOptions = mongoose.mongo.FindOptions;

/** How a collection's keys are best looked up on an engine that cannot serve `$in` from an index. */
export interface KeyLookupHints {
  /** The collection grows without bound: never scan it for a batch. */
  large?: boolean;
  /** The equality (pushed down to an index) that narrows a key to its group, e.g. its poll. */
  partition?: (key: string) => Document;
}

const PARALLEL_LOOKUPS = 8;
const engines = new WeakMap<object, Promise<boolean>>();

/** True when the server behind the default connection is FerretDB (its buildInfo says so). */
export function isFerretDb(): Promise<boolean> {
  const client = mongoose.connection.getClient();
  let known = engines.get(client);
  if (!known) {
    known = client
      .db('admin')
      .command({ buildInfo: 1 })
      .then((info) => 'ferretdbVersion' in info)
      .catch(() => false);
    engines.set(client, known);
  }
  return known;
}

/** The key before the first `:` of a compound id (`V7K3Q:ou_x` → `V7K3Q`). */
export function idPrefix(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

/** The documents whose `field` is one of `keys` (unique per document), by the cheapest route. */
export async function findByKeys(
  collection: Collection,
  field: string,
  keys: readonly string[],
  options: FindOptions = {},
  hints: KeyLookupHints = {},
): Promise<Document[]> {
  if (keys.length === 0) return [];
  const find = (filter: Document, n: number) =>
    // One reply for the whole batch (the default first batch of 101 would add getMores).
    collection.find(filter, { ...options, batchSize: n + 1 }).toArray();
  const matching = (some: readonly string[]) => (some.length === 1 ? { $eq: some[0] } : { $in: [...some] });
  if (keys.length === 1 || !hints.large || !(await isFerretDb()))
    return find({ [field]: matching(keys) }, keys.length);
  if (hints.partition) {
    const groups = new Map<string, { part: Document; keys: string[] }>();
    for (const key of keys) {
      const part = hints.partition(key);
      const id = JSON.stringify(part);
      const group = groups.get(id) ?? { part, keys: [] };
      group.keys.push(key);
      groups.set(id, group);
    }
    const found = await Promise.all(
      [...groups.values()].map((g) => find({ ...g.part, [field]: matching(g.keys) }, g.keys.length)),
    );
    return found.flat();
  }
  const found: Document[] = [];
  for (let i = 0; i < keys.length; i += PARALLEL_LOOKUPS) {
    const slice = keys.slice(i, i + PARALLEL_LOOKUPS);
    const docs = await Promise.all(
      slice.map((key) => collection.findOne({ [field]: { $eq: key } }, options)),
    );
    for (const doc of docs) if (doc) found.push(doc);
  }
  return found;
}
