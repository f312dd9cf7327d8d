/**
 * Objects created by a command or a form are keyed by what created them (the event, or the form
 * card and the person who submitted it), so a re-run of the stored event after a crash finds the
 * object instead of creating another.
 *
 * The short human id (`T7K3Q`) is derived from that source key: candidate n is the prefix and
 * four characters of sha256(`<sourceKey>#<n>`). A clash with another object's id moves to the next
 * candidate, which is just as deterministic, so a re-run walks the same list and finds its own
 * object (recognised by the `sourceKey` stored on it). Ids stay unique through the `_id` index
 * (a unique insert, atomic on FerretDB too); no counter, no random value.
 */
import { createHash } from 'node:crypto';
import type mongoose from 'mongoose';

/** Letters and digits without look-alikes (no I, O, 0, 1). */
export const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** How many candidate ids a source key has (a 9th clash in 32⁴ ids is not expected). */
export const KEYED_ID_CANDIDATES = 8;

/** Candidate `n` of the short id for `sourceKey`: the prefix and four alphabet characters. */
export function keyedShortId(prefix: string, sourceKey: string, n: number): string {
  const digest = createHash('sha256').update(`${sourceKey}#${n}`).digest();
  let id = prefix;
  for (let i = 0; i < 4; i++) id += ID_ALPHABET[digest[i]! % ID_ALPHABET.length];
  return id;
}

/** Every candidate short id of `sourceKey`, in the order they are tried. */
export function keyedShortIds(prefix: string, sourceKey: string): string[] {
  return Array.from({ length: KEYED_ID_CANDIDATES }, (_, n) => keyedShortId(prefix, sourceKey, n));
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

// biome-ignore lint/suspicious/noExplicitAny: any model whose documents have string ids
type KeyedModel = mongoose.Model<any>;

/** The object `sourceKey` created before (one read over its candidate ids), or null. */
export async function findKeyed<T extends { _id: string; sourceKey?: string | null }>(
  model: KeyedModel,
  prefix: string,
  sourceKey: string,
): Promise<T | null> {
  const docs = (await model.find({ _id: { $in: keyedShortIds(prefix, sourceKey) } }).lean()) as T[];
  return docs.find((d) => d.sourceKey === sourceKey) ?? null;
}

/**
 * Inserts `fields` (with `sourceKey`) under the first free candidate id of `sourceKey`. When a
 * candidate holds the object this key created (a racer, or an earlier run), returns that one with
 * `created: false` and writes nothing.
 */
export async function insertKeyed<T extends { _id: string; sourceKey?: string | null }>(
  model: KeyedModel,
  prefix: string,
  sourceKey: string,
  fields: Record<string, unknown>,
): Promise<{ id: string; created: boolean; doc: T | null }> {
  for (const id of keyedShortIds(prefix, sourceKey)) {
    try {
      await model.collection.insertOne({ ...fields, _id: id, sourceKey } as never);
      return { id, created: true, doc: null };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const holder = (await model.findById(id).lean()) as T | null;
      if (holder?.sourceKey === sourceKey) return { id, created: false, doc: holder };
    }
  }
  throw new Error(`no free id for ${prefix} ${sourceKey} after ${KEYED_ID_CANDIDATES} candidates`);
}

/** Inserts documents whose `_id`s are derived keys; those already present are left as they are. */
export async function insertManyOnce(model: KeyedModel, docs: Record<string, unknown>[]): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    const res = await model.collection.insertMany(docs as never[], { ordered: false });
    return res.insertedCount;
  } catch (error) {
    const raw = (error as { writeErrors?: unknown }).writeErrors;
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    if (list.length === 0 || !list.every((e) => (e as { code?: unknown }).code === 11000)) throw error;
    return (error as { result?: { insertedCount?: number } }).result?.insertedCount ?? 0;
  }
}

/** Inserts one document with a derived `_id`; false when it already exists. */
export async function insertOnce(model: KeyedModel, doc: Record<string, unknown>): Promise<boolean> {
  try {
    await model.collection.insertOne(doc as never);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
