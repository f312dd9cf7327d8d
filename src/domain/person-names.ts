/** Display names of people the bot knows, for audit views and exports. */
import { PersonModel } from '../models/person.js';

/** open_id → stored name, for those who have one (one query). */
export async function namesOf(openIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(openIds.filter(Boolean))];
  if (ids.length === 0) return new Map();
  const people = await PersonModel.find({ openId: { $in: ids } }, { openId: 1, name: 1 }).lean();
  return new Map(people.filter((p) => p.name).map((p) => [p.openId, p.name]));
}
