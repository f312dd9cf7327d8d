/**
 * The only reader and writer of `feedback_relays`: an anonymous sender is stored as a random
 * token → open_id pair, with no text, time or feedback id, and is resolved only to deliver a
 * reply. No command lists, exports or audits this collection.
 */
import { randomBytes } from 'node:crypto';
import { FeedbackRelayModel } from '../models/feedback.js';

/** Stores a fresh relay token for `openId` and returns it. */
export async function createRelayToken(openId: string): Promise<string> {
  const token = randomBytes(18).toString('base64url');
  await FeedbackRelayModel.create({ _id: token, openId });
  return token;
}

/** The open_id behind a relay token, for delivering a reply; undefined when unknown. */
export async function resolveRelayToken(token: string): Promise<string | undefined> {
  const doc = await FeedbackRelayModel.findOne({ _id: { $eq: token } }).lean();
  return doc?.openId;
}
