/**
 * The weekly digest's settings: the day and hour it goes out (default Monday 09:00 in the agency
 * time zone) and who unsubscribed (leaders and admins are subscribed by default).
 */
import { DigestOptOutModel, DigestScheduleModel } from '../models/digest-settings.js';

/** When the weekly digest goes out: `weekday` 0 = Sunday … 6 = Saturday, local `hour` 0–23. */
export interface DigestTime {
  weekday: number;
  hour: number;
}

/** Monday 09:00. */
export const DEFAULT_DIGEST_TIME: DigestTime = { weekday: 1, hour: 9 };

const SCHEDULE = 'weekly';

const DAY_WORDS: Record<string, number> = {
  周日: 0,
  周天: 0,
  星期日: 0,
  星期天: 0,
  sunday: 0,
  sun: 0,
  周一: 1,
  星期一: 1,
  monday: 1,
  mon: 1,
  周二: 2,
  星期二: 2,
  tuesday: 2,
  tue: 2,
  周三: 3,
  星期三: 3,
  wednesday: 3,
  wed: 3,
  周四: 4,
  星期四: 4,
  thursday: 4,
  thu: 4,
  周五: 5,
  星期五: 5,
  friday: 5,
  fri: 5,
  周六: 6,
  星期六: 6,
  saturday: 6,
  sat: 6,
};

/**
 * Parses `周一 09:00` (also `星期一 9:00`, `Monday 09:00`). Only whole hours: the digest job runs
 * hourly. Returns undefined for anything else.
 */
export function parseDigestTime(words: readonly string[]): DigestTime | undefined {
  if (words.length !== 2) return undefined;
  const weekday = DAY_WORDS[words[0]!.toLowerCase()];
  const m = /^(\d{1,2})[:：]00$/.exec(words[1]!);
  if (weekday === undefined || !m) return undefined;
  const hour = Number(m[1]);
  return hour <= 23 ? { weekday, hour } : undefined;
}

/** The configured time, or the default. */
export async function loadDigestTime(): Promise<DigestTime> {
  const doc = await DigestScheduleModel.findOne({ _id: { $eq: SCHEDULE } }).lean();
  return doc ? { weekday: doc.weekday, hour: doc.hour } : { ...DEFAULT_DIGEST_TIME };
}

/** Stores the time (the caller has validated it). */
export async function saveDigestTime(time: DigestTime, by: string, now: Date): Promise<void> {
  await DigestScheduleModel.updateOne(
    { _id: { $eq: SCHEDULE } },
    { $set: { weekday: time.weekday, hour: time.hour, updatedBy: by, updatedAt: now } },
    { upsert: true },
  );
}

/** Records an opt-out; false when they had already unsubscribed. */
export async function unsubscribeDigest(openId: string, now: Date): Promise<boolean> {
  try {
    await DigestOptOutModel.create({ _id: String(openId), at: now });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
}

/** Removes an opt-out; false when they were subscribed already. */
export async function subscribeDigest(openId: string): Promise<boolean> {
  const res = await DigestOptOutModel.deleteOne({ _id: { $eq: String(openId) } });
  return res.deletedCount === 1;
}

/** Everyone who unsubscribed. */
export async function listDigestOptOuts(): Promise<Set<string>> {
  const docs = await DigestOptOutModel.find({}, { _id: 1 }).lean();
  return new Set(docs.map((d) => String(d._id)));
}
