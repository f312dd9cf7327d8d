/** Feedback items (监督员意见 / 建言献策): storing, listing, replies and who receives them. */
import { isDuplicateKeyError } from '../dispatch/inbox.js';
import { FeedbackModel, FeedbackReplyClaimModel } from '../models/feedback.js';
import { formatZoned } from '../time/zoned.js';
import { listPeopleWithRole } from './people.js';
import { keyedBytes, keyedId, seal } from './sealing.js';

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
  sealedSender: string | null;
  day: string;
  state: 'open' | 'replied';
  replies: { by: string; byName: string; text: string; at: Date }[];
}

const ID_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The item id of an event (attempt 0; a later attempt only after an id collision). */
function idFor(eventId: string, attempt: number): string {
  const bytes = keyedBytes(`feedback:${eventId}:${attempt}`);
  return `F${[...bytes.subarray(0, 6)].map((b) => ID_CHARS[b % ID_CHARS.length]).join('')}`;
}

type FeedbackLean = {
  _id: string;
  text: string;
  anonymous: boolean;
  sender?: string | null;
  senderName?: string | null;
  relayToken?: string | null;
  sealedSender?: string | null;
  src?: string | null;
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
    sealedSender: d.sealedSender ?? null,
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
  /** The event (message or callback) that creates the item: a re-run finds the same item. */
  eventId: string;
}

/**
 * Stores an item exactly once per event: `_id` and `src` are keyed HMACs of the event id, so a
 * re-run after a crash finds the item instead of adding one. Anonymous: the sender is sealed and
 * only the day is kept; the returned view has no sender.
 */
export async function createFeedback(input: CreateFeedbackInput, now: Date): Promise<FeedbackView> {
  const day = formatZoned(now, input.timezone, 'YYYY-MM-DD');
  const src = keyedId(`feedback-src:${input.eventId}`);
  for (let attempt = 0; ; attempt++) {
    const base = {
      _id: idFor(input.eventId, attempt),
      src,
      text: input.text,
      anonymous: input.anonymous,
      day,
      state: 'open' as const,
    };
    const doc = input.anonymous
      ? {
          ...base,
          sender: null,
          senderName: '',
          relayToken: null,
          sealedSender: seal(input.sender),
          createdAt: null,
        }
      : {
          ...base,
          sender: input.sender,
          senderName: input.senderName,
          relayToken: null,
          sealedSender: null,
          createdAt: now,
        };
    try {
      await FeedbackModel.create(doc);
      return toView({ ...doc, replies: [] });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await FeedbackModel.findOne({ _id: { $eq: base._id } }).lean();
    if (existing?.src === src) return toView(existing as FeedbackLean);
    if (attempt >= 5) throw new Error('no free feedback id');
  }
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

/** A claimed reply: who wrote it and what, and whether it has been recorded on the item. */
export interface ReplyClaim {
  by: string;
  byName: string;
  text: string;
  at: Date;
  done: boolean;
}

/**
 * Claims one reply form submission (the reply itself is stored in the claim). `fresh` for the
 * first press; a later press gets the stored claim — unfinished when a crash stopped the first
 * one after the claim, so the caller finishes it (every later step is idempotent).
 */
export async function claimReply(
  id: string,
  nonce: string,
  reply: { by: string; byName: string; text: string },
  now: Date,
): Promise<{ fresh: boolean; claim: ReplyClaim }> {
  try {
    await FeedbackReplyClaimModel.create({ _id: `${id}:${nonce}`, ...reply, at: now, done: false });
    return { fresh: true, claim: { ...reply, at: now, done: false } };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const doc = await FeedbackReplyClaimModel.findOne({ _id: { $eq: `${id}:${nonce}` } }).lean();
  if (!doc) throw new Error('reply claim vanished');
  return {
    fresh: false,
    claim: {
      by: doc.by,
      byName: doc.byName ?? '',
      text: doc.text ?? '',
      at: doc.at,
      done: doc.done === true,
    },
  };
}

/** Marks a claimed reply finished (relayed and recorded). */
export async function finishReplyClaim(id: string, nonce: string): Promise<void> {
  await FeedbackReplyClaimModel.updateOne({ _id: { $eq: `${id}:${nonce}` } }, { $set: { done: true } });
}

/** Records a reply on the item, once per reply form (`nonce`). */
export async function addReply(
  id: string,
  reply: { by: string; byName: string; text: string; nonce: string },
  at: Date,
): Promise<void> {
  await FeedbackModel.updateOne(
    { _id: { $eq: id }, 'replies.nonce': { $ne: reply.nonce } },
    { $push: { replies: { ...reply, at } }, $set: { state: 'replied' } },
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
