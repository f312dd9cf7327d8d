/**
 * A person's own language (`/lang`), stored on their Person document. The dispatcher answers
 * in it before the agency's language (tenant settings) and zh-CN.
 */
import type { Locale } from '../i18n/index.js';
import { PersonModel } from '../models/person.js';
import { withOrgLock } from './org-lock.js';

/** Sets (or with null clears) a person's language; creates the Person document when new. */
export async function setPersonLocale(openId: string, locale: Locale | null): Promise<void> {
  // Under the organisation lease: FerretDB rewrites the whole document on update.
  await withOrgLock(() =>
    PersonModel.updateOne(
      { openId: { $eq: openId } },
      { $set: { locale }, $setOnInsert: { openId } },
      { upsert: true },
    ),
  );
}

/** A person's own language, or null when they have not chosen one (or are unknown). */
export async function getPersonLocale(openId: string): Promise<Locale | null> {
  const doc = await PersonModel.findOne({ openId: { $eq: openId } }, { locale: 1 }).lean();
  return (doc?.locale as Locale | null | undefined) ?? null;
}

/** Each person's language for private messages: their own choice, else `fallback` (one query). */
export async function localesOf(
  openIds: readonly string[],
  fallback: Locale,
): Promise<(openId: string) => Locale> {
  const ids = [...new Set(openIds)];
  const docs = ids.length
    ? await PersonModel.find({ openId: { $in: ids } }, { openId: 1, locale: 1 }).lean()
    : [];
  const chosen = new Map(docs.filter((d) => d.locale).map((d) => [d.openId, d.locale as Locale]));
  return (openId) => chosen.get(openId) ?? fallback;
}
