/** Display names of people the bot knows, for audit views and exports. */
import { readsOf } from '../batching/collections.js';
import { PersonModel } from '../models/person.js';

/** Up to this many names are read through the person read batcher (a card's creator, a few owners). */
const FEW = 5;

/** open_id → stored name, for those who have one (one query, shared with concurrent readers for a few). */
export async function namesOf(openIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(openIds.filter(Boolean))];
  if (ids.length === 0) return new Map();
  if (ids.length <= FEW) {
    const reads = readsOf<{ openId: string; name?: string | null }>(PersonModel, 'openId');
    const people = await Promise.all(ids.map((id) => reads.get(id)));
    return new Map(people.flatMap((p) => (p?.name ? [[p.openId, p.name] as [string, string]] : [])));
  }
  const people = await PersonModel.find({ openId: { $in: ids } }, { openId: 1, name: 1 }).lean();
  return new Map(people.filter((p) => p.name).map((p) => [p.openId, p.name]));
}
