/**
 * Broadcasts: a content item posted as a card to a fixed set of chats, as a durable job.
 *
 * - {@link createBroadcast} fixes the chats once, under a unique `sourceKey` (a retried event
 *   or a re-run schedule job gets the same broadcast back).
 * - {@link deliverBroadcast} writes one outbox entry per chat under `broadcast:<id>:<chat>`;
 *   it may run any number of times (the command runs it at once, the `broadcast.send` job
 *   again after a crash): the outbox keeps one entry per key and Feishu drops a repeated uuid,
 *   so no chat ever gets a second copy. The shared sender holds the platform rate limits.
 * - {@link recordResponse}: 已学习 and quiz answers, one per person (unique insert = claim).
 */
import { insertsInto, readsOf } from '../batching/collections.js';
import { buildBroadcastCard } from '../../cards/broadcast-card.js';
import { type Locale, t } from '../i18n/index.js';
import type { Messenger } from '../lark/messenger.js';
import { BroadcastModel, BroadcastResponseModel } from '../models/broadcast.js';
import { ChatModel } from '../models/chat.js';
import { OutboxMessage } from '../models/outbox-message.js';
import { type ContentItem, getContentItem, newShortId } from './content-items.js';
import { withDescendants } from './departments.js';

/** Who a broadcast goes to. */
export type Targets = { kind: 'all' } | { kind: 'depts'; ids: string[] } | { kind: 'chats'; ids: string[] };

/** A broadcast as read back. */
export interface BroadcastView {
  id: string;
  itemId: string;
  scheduleId: string | null;
  chatIds: string[];
  chatDepts: string[];
  required: boolean;
  remindAfterMs: number;
  createdAt: Date;
  enqueuedAt: Date | null;
}

/** Default delay of the 必学 reminder. */
export const DEFAULT_REMIND_AFTER_MS = 24 * 3_600_000;

/** Chats whose copies are written to the outbox in one batch (one insert of many entries). */
export const ENQUEUE_BATCH = 50;

/** The outbox key of one chat's copy of a broadcast. */
export function broadcastMessageKey(broadcastId: string, chatId: string): string {
  return `broadcast:${broadcastId}:${chatId}`;
}

/** The chats (with their departments) the targets name now: active chats only. */
export async function resolveTargets(targets: Targets): Promise<Array<{ chatId: string; deptId: string }>> {
  let filter: Record<string, unknown>;
  if (targets.kind === 'all') filter = { active: true, deptId: { $ne: null } };
  else if (targets.kind === 'depts')
    filter = { active: true, deptId: { $in: await withDescendants(targets.ids.map(String)) } };
  else filter = { active: true, chatId: { $in: targets.ids.map(String) } };
  const docs = await ChatModel.find(filter, { chatId: 1, deptId: 1 }).sort({ chatId: 1 }).lean();
  return docs.map((d) => ({ chatId: d.chatId, deptId: d.deptId ?? '' }));
}

function toView(doc: {
  _id: string;
  itemId: string;
  scheduleId?: string | null;
  chatIds?: string[] | null;
  chatDepts?: string[] | null;
  required?: boolean | null;
  remindAfterMs?: number | null;
  createdAt: Date;
  enqueuedAt?: Date | null;
}): BroadcastView {
  return {
    id: doc._id,
    itemId: doc.itemId,
    scheduleId: doc.scheduleId ?? null,
    chatIds: doc.chatIds ?? [],
    chatDepts: doc.chatDepts ?? [],
    required: doc.required ?? false,
    remindAfterMs: doc.remindAfterMs ?? DEFAULT_REMIND_AFTER_MS,
    createdAt: doc.createdAt,
    enqueuedAt: doc.enqueuedAt ?? null,
  };
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Input of {@link createBroadcast}. */
export interface NewBroadcast {
  sourceKey: string;
  item: ContentItem;
  scheduleId: string | null;
  chats: Array<{ chatId: string; deptId: string }>;
  createdBy: string;
  remindAfterMs?: number;
}

/** Creates the broadcast for `sourceKey`, or returns the one that key already made. */
export async function createBroadcast(
  input: NewBroadcast,
  now: Date,
): Promise<{ broadcast: BroadcastView; created: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const existing = await findBroadcastBySource(input.sourceKey);
    if (existing) return { broadcast: existing, created: false };
    const doc = {
      _id: newShortId('B'),
      sourceKey: input.sourceKey,
      itemId: input.item.id,
      scheduleId: input.scheduleId,
      chatIds: input.chats.map((c) => c.chatId),
      chatDepts: input.chats.map((c) => c.deptId),
      required: input.item.required,
      remindAfterMs: input.remindAfterMs ?? DEFAULT_REMIND_AFTER_MS,
      createdBy: input.createdBy,
      createdAt: now,
      enqueuedAt: null,
    };
    try {
      await BroadcastModel.collection.insertOne(doc as never);
      return { broadcast: toView(doc), created: true };
    } catch (error) {
      // A clash on sourceKey: a racer created it (read it next loop); on _id: a new id.
      if (!isDuplicateKey(error) || attempt >= 5) throw error;
    }
  }
}

/** The broadcast a source key made, if any. */
export async function findBroadcastBySource(sourceKey: string): Promise<BroadcastView | undefined> {
  const doc = await BroadcastModel.findOne({ sourceKey: { $eq: sourceKey } }).lean();
  return doc ? toView(doc) : undefined;
}

/** One broadcast by id. */
export async function getBroadcast(id: string): Promise<BroadcastView | undefined> {
  // Through the read batcher: everybody pressing 已学习 at once reads the broadcast once per flush.
  const doc = await readsOf<Parameters<typeof toView>[0]>(BroadcastModel).get(String(id).toUpperCase());
  return doc ? toView(doc) : undefined;
}

/** The newest broadcast, if any. */
export async function latestBroadcast(): Promise<BroadcastView | undefined> {
  const doc = await BroadcastModel.findOne({}).sort({ createdAt: -1 }).lean();
  return doc ? toView(doc) : undefined;
}

/** What delivering needs. */
export interface DeliverDeps {
  messenger: Pick<Messenger, 'sendCardToMany'>;
  /** The language of group cards (the agency's). */
  locale: Locale;
}

/**
 * Puts every chat's copy of the broadcast into the outbox (idempotent; see the module note).
 * Returns how many chats it covered, or undefined when the broadcast or its item is gone.
 */
export async function deliverBroadcast(
  broadcastId: string,
  deps: DeliverDeps,
  now: Date,
): Promise<number | undefined> {
  const broadcast = await getBroadcast(broadcastId);
  if (!broadcast) return undefined;
  if (broadcast.enqueuedAt) return broadcast.chatIds.length;
  const item = await getContentItem(broadcast.itemId);
  if (!item) return undefined;
  const card = buildBroadcastCard((key, params) => t(deps.locale, key, params), broadcast.id, item);
  // One unordered insert per batch of chats; a crash between batches leaves the rest to the
  // next run, and keys already written are skipped by the outbox.
  for (let i = 0; i < broadcast.chatIds.length; i += ENQUEUE_BATCH) {
    const batch = broadcast.chatIds.slice(i, i + ENQUEUE_BATCH);
    await deps.messenger.sendCardToMany(
      batch.map((chatId) => ({ key: broadcastMessageKey(broadcast.id, chatId), to: { chatId } })),
      card,
    );
  }
  await BroadcastModel.updateOne({ _id: broadcast.id }, { $set: { enqueuedAt: now } });
  return broadcast.chatIds.length;
}

/** A reader's response. */
export interface ResponseInput {
  broadcastId: string;
  kind: 'ack' | 'quiz';
  openId: string;
  deptId: string;
  chatId: string;
  option?: number;
  correct?: boolean;
}

/**
 * Records a response once per person and kind. Returns `first: false` and the stored one when
 * this person had already responded (their first answer counts).
 */
export async function recordResponse(
  input: ResponseInput,
  now: Date,
): Promise<{ first: boolean; option: number | null; correct: boolean | null }> {
  const _id = `${input.broadcastId}:${input.kind}:${input.openId}`;
  // Group-committed with the other presses of the burst; a second press meets the unique key.
  const first = await insertsInto(BroadcastResponseModel).insert({
    _id,
    broadcastId: input.broadcastId,
    kind: input.kind,
    openId: input.openId,
    deptId: input.deptId,
    chatId: input.chatId,
    option: input.option ?? null,
    correct: input.correct ?? null,
    at: now,
  });
  if (first) return { first: true, option: input.option ?? null, correct: input.correct ?? null };
  const doc = await readsOf<{ option?: number | null; correct?: boolean | null }>(BroadcastResponseModel).get(_id);
  return { first: false, option: doc?.option ?? null, correct: doc?.correct ?? null };
}

/** The people who pressed 已学习 on a broadcast. */
export async function acknowledgers(broadcastId: string): Promise<Set<string>> {
  const docs = await BroadcastResponseModel.find(
    { broadcastId: { $eq: broadcastId }, kind: 'ack' },
    { openId: 1 },
  ).lean();
  return new Set(docs.map((d) => d.openId));
}

/** Per department ('' = none): chats delivered, 已学习, quiz answers and right answers. */
export interface BroadcastFigures {
  chats: number;
  delivered: number;
  acks: number;
  answered: number;
  correct: number;
  byDept: Map<string, { delivered: number; acks: number; answered: number; correct: number }>;
}

/** Counts a broadcast's deliveries (sent outbox entries) and responses. */
export async function broadcastFigures(b: BroadcastView): Promise<BroadcastFigures> {
  const keys = b.chatIds.map((c) => broadcastMessageKey(b.id, c));
  const sent = await OutboxMessage.find({ key: { $in: keys }, state: 'sent' }, { key: 1 }).lean();
  const sentKeys = new Set(sent.map((s) => s.key));
  const byDept: BroadcastFigures['byDept'] = new Map();
  const row = (dept: string) => {
    const known = byDept.get(dept);
    if (known) return known;
    const fresh = { delivered: 0, acks: 0, answered: 0, correct: 0 };
    byDept.set(dept, fresh);
    return fresh;
  };
  b.chatIds.forEach((chatId, i) => {
    if (sentKeys.has(broadcastMessageKey(b.id, chatId))) row(b.chatDepts[i] ?? '').delivered++;
  });
  const responses = await BroadcastResponseModel.find({ broadcastId: { $eq: b.id } }).lean();
  const figures: BroadcastFigures = {
    chats: b.chatIds.length,
    delivered: sentKeys.size,
    acks: 0,
    answered: 0,
    correct: 0,
    byDept,
  };
  for (const r of responses) {
    const d = row(r.deptId ?? '');
    if (r.kind === 'ack') {
      figures.acks++;
      d.acks++;
    } else {
      figures.answered++;
      d.answered++;
      if (r.correct) {
        figures.correct++;
        d.correct++;
      }
    }
  }
  return figures;
}
