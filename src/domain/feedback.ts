/** Feedback items (监督员意见 / 建言献策): storing, listing, replies and who receives them. */
import { randomBytes } from 'node:crypto';
import { isDuplicateKeyError } from '../dispatch/inbox.js';
import { FeedbackModel, FeedbackReplyClaimModel } from '../models/feedback.js';
import { formatZoned } from '../time/zoned.js';
import { createRelayToken } from './feedback-relay.js';
import { listPeopleWithRole } from './people.js';

/** Longest feedback text accepted. */
export const FEEDBACK_MAX_CHARS = 1000;

/** A feedback item as handlers see it (an anonymous one has no sender at all). */
export interface FeedbackView {
  id: string;
  text: string;
  anonymous: boolean;
  sender: string | null;
  senderName: string;
  relayToken: string | null;
  day: string;
  state: 'open' | 'replied';
  replies: { by: string; byName: string; text: string; at: Date }[];
}

const ID_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newId(): string {
  return `F${[...randomBytes(6)].map((b) => ID_CHARS[b % ID_CHARS.length]).join('')}`;
}

type FeedbackLean = {
  _id: string;
  text: string;
  anonymous: boolean;
  sender?: string | null;
  senderName?: string | null;
  relayToken?: string | null;
  day: string;
  state?: string | null;
  replies?: { by: string; byName?: string | null; text: string; at: Date }[];
};

function toView(d: FeedbackLean): FeedbackView {
  return {
    id: d._id,
    text: d.text,
    anonymous: d.anonymous,
    sender: d.sender ?? null,
    senderName: d.senderName ?? '',
    relayToken: d.relayToken ?? null,
    day: d.day,
    state: d.state === 'replied' ? 'replied' : 'open',
    replies: (d.replies ?? []).map((r) => ({ by: r.by, byName: r.byName ?? '', text: r.text, at: r.at })),
  };
}

/** Input of {@link createFeedback}. */
export interface CreateFeedbackInput {
  text: string;
  anonymous: boolean;
  sender: string;
  senderName: string;
  timezone: string;
}

/**
 * Stores an item. Anonymous: the sender becomes a relay token (separate collection) and only
 * the day is kept; the returned view has no sender.
 */
export async function createFeedback(input: CreateFeedbackInput, now: Date): Promise<FeedbackView> {
  const day = formatZoned(now, input.timezone, 'YYYY-MM-DD');
  const base = { _id: newId(), text: input.text, anonymous: input.anonymous, day, state: 'open' as const };
  const doc = input.anonymous
    ? {
        ...base,
        sender: null,
        senderName: '',
        relayToken: await createRelayToken(input.sender),
        createdAt: null,
      }
    : { ...base, sender: input.sender, senderName: input.senderName, relayToken: null, createdAt: now };
  await FeedbackModel.create(doc);
  return toView({ ...doc, replies: [] });
}

/** One item by id. */
export async function getFeedback(id: string): Promise<FeedbackView | undefined> {
  const doc = await FeedbackModel.findOne({ _id: { $eq: id } }).lean();
  return doc ? toView(doc as FeedbackLean) : undefined;
}

/** The newest items, newest day first. */
export async function listFeedback(limit: number): Promise<FeedbackView[]> {
  const docs = await FeedbackModel.find({}).sort({ day: -1, _id: 1 }).limit(limit).lean();
  return docs.map((d) => toView(d as FeedbackLean));
}

/** Claims one reply form submission; false when it was already submitted (double press). */
export async function claimReply(id: string, nonce: string, by: string, now: Date): Promise<boolean> {
  try {
    await FeedbackReplyClaimModel.create({ _id: `${id}:${nonce}`, by, at: now });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** Records a reply on the item. */
export async function addReply(
  id: string,
  reply: { by: string; byName: string; text: string },
  now: Date,
): Promise<void> {
  await FeedbackModel.updateOne(
    { _id: { $eq: id } },
    { $push: { replies: { ...reply, at: now } }, $set: { state: 'replied' } },
  );
}

/** The outbox key of the card forwarding item `id` to `openId`. */
export function feedbackCardKey(id: string, openId: string): string {
  return `feedback:${id}:to:${openId}`;
}

/** Everyone who receives feedback: stored supervisors and admins plus the bootstrap admins. */
export async function listFeedbackRecipients(bootstrapAdmins: readonly string[]): Promise<string[]> {
  const [supervisors, admins] = await Promise.all([
    listPeopleWithRole('supervisor'),
    listPeopleWithRole('admin'),
  ]);
  return [
    ...new Set([...bootstrapAdmins, ...admins.map((p) => p.openId), ...supervisors.map((p) => p.openId)]),
  ];
}
