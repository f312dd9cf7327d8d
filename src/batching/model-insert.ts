/**
 * A model's document inserted through its collection's insert batcher, cast and validated as
 * `Model.create` would (defaults, types, required fields), so moving a hot-path `create` onto
 * the group commit keeps what is stored. True when inserted, false on a duplicate unique key.
 */
import type mongoose from 'mongoose';
import { insertsInto } from './collections.js';

/** The parts of a mongoose model this needs (any schema). */
interface BuildableModel {
  collection: mongoose.Collection;
  new (
    doc: Record<string, unknown>,
  ): {
    validate(): Promise<void>;
    toObject(opts?: { depopulate?: boolean }): Record<string, unknown>;
  };
}

export async function insertDocument(
  model: BuildableModel,
  doc: Record<string, unknown>,
  uniqueField = '_id',
): Promise<boolean> {
  const built = new model(doc);
  await built.validate();
  return insertsInto(model as never, uniqueField).insert(built.toObject({ depopulate: true }));
}
