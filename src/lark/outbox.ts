/**
 * The durable outbox API: write what to send to Mongo first (idempotent by a caller-chosen key),
 * let the sender (sender.ts) deliver it, read the outcome back.
 *
 * Exactly-once: `key` is unique, so a retried event, a re-run job or a second instance enqueuing
 * the same key creates nothing new. Each message carries `uuid` = a hash of its key, which Feishu
 * uses to drop a repeated create / reply within one hour (see sender.ts for crash recovery).
 */

import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { insertsInto } from '../batching/collections.js';
import {
  OutboxClaim,
  OutboxMessage,
  type OutboxMessageDoc,
  OutboxResult,
  type OutboxState,
} from '../models/outbox-message.js';
import type { MsgType, ReceiveIdType, UploadFileType } from './client.js';
import { sentMessageId } from './outbox-claim.js';

/** Largest file the outbox stores (kept in the entry itself; MongoDB documents stop at 16 MB). */
export const MAX_OUTBOX_FILE_BYTES = 10 * 1024 * 1024;

/** Upload types sendable as `msg_type: file` (mp4 / opus would be media / audio messages). */
export type OutboxFileType = Exclude<UploadFileType, 'mp4' | 'opus'>;

const OUTBOX_FILE_TYPES: ReadonlySet<string> = new Set<OutboxFileType>([
  'pdf',
  'doc',
  'xls',
  'ppt',
  'stream',
]);

/** A message the bot sent: by its Feishu id, or by the outbox key that sent it (resolved once sent). */
export type MessageRef = { messageId: string; outboxKey?: never } | { outboxKey: string; messageId?: never };

/** What to deliver. `content` is always the JSON string Feishu expects. */
export type OutboxRequest =
  | { kind: 'send'; receiveIdType: ReceiveIdType; receiveId: string; msgType: MsgType; content: string }
  | {
      kind: 'reply';
      messageId: string;
      msgType: MsgType;
      content: string;
      replyInThread?: boolean;
      /** The chat the reply lands in: orders it with sends to that chat and applies its rate limit. */
      chatId?: string;
      /**
       * In a private chat, the person it goes to: the reply also takes that person's per-user
       * rate limit, which direct sends to them use too (Feishu counts both against the user).
       */
      openId?: string;
    }
  | ({ kind: 'patch'; content: string } & MessageRef)
  | ({ kind: 'urgent'; userIds: readonly string[] } & MessageRef)
  | { kind: 'card_update'; token: string; card: unknown }
  | {
      /** Uploaded, then sent as a file message (a retry may upload again; the send keeps its uuid). */
      kind: 'file';
      receiveIdType: ReceiveIdType;
      receiveId: string;
      fileName: string;
      fileType: OutboxFileType;
      bytes: Buffer;
    };

/** An outbox entry to create: the request plus its unique key. */
export type EnqueueInput = OutboxRequest & { key: string };

/** Options of {@link enqueue}. */
export interface EnqueueOptions {
  /** Deliver no earlier than this. */
  notBefore?: Date;
  /** The caller's "now" (its Clock); defaults to the system time. */
  now?: Date;
}

/** The outcome of {@link enqueue}. */
export interface EnqueueResult {
  /** False when the key already existed (nothing was written). */
  created: boolean;
  key: string;
  id: string;
}

/** Delivery status of one entry, as read by {@link getDelivery}. */
export interface DeliveryStatus {
  key: string;
  kind: string;
  state: OutboxState;
  attempts: number;
  /** The Feishu message id: of the new message (send / reply) or of the target (patch / urgent). */
  messageId: string | null;
  lastError: { code: number; msg: string; httpStatus: number | null } | null;
  sentAt: Date | null;
  nextAttemptAt: Date;
}

/** The `uuid` sent to Feishu for a key: a stable hash, 48 hex characters (the limit is 50). */
export function outboxUuid(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 48);
}

/** The delivery lane: entries of one lane go out one at a time, in enqueue order. */
export function laneOf(req: OutboxRequest): string {
  switch (req.kind) {
    case 'send':
    case 'file':
      return `${req.receiveIdType === 'chat_id' ? 'chat' : 'user'}:${req.receiveId}`;
    case 'reply':
      return req.chatId ? `chat:${req.chatId}` : `reply:${req.messageId}`;
    case 'patch':
    case 'urgent':
      return req.messageId ? `message:${req.messageId}` : `outbox:${req.outboxKey}`;
    case 'card_update':
      return `card:${req.token}`;
  }
}

/** Sortable order: due time in base 36 (fixed width), then the id (ObjectIds grow per process). */
export function seqOf(dueAt: Date, id: Types.ObjectId): string {
  return `${Math.max(0, dueAt.getTime()).toString(36).padStart(10, '0')}:${id.toHexString()}`;
}

function requireJson(what: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') throw new TypeError(`outbox: ${what} must be a JSON string`);
  try {
    JSON.parse(value);
  } catch {
    throw new TypeError(`outbox: ${what} is not valid JSON`);
  }
}

function validate(input: EnqueueInput): void {
  if (typeof input.key !== 'string' || input.key.trim() === '')
    throw new TypeError('outbox: key is required');
  switch (input.kind) {
    case 'send':
      if (!input.receiveId) throw new TypeError('outbox: receiveId is required');
      requireJson('content', input.content);
      return;
    case 'reply':
      if (!input.messageId) throw new TypeError('outbox: messageId is required');
      requireJson('content', input.content);
      return;
    case 'patch':
    case 'urgent':
      if (!input.messageId === !input.outboxKey)
        throw new TypeError('outbox: give exactly one of messageId, outboxKey');
      if (input.kind === 'patch') requireJson('content', input.content);
      else if (input.userIds.length === 0) throw new TypeError('outbox: userIds is empty');
      return;
    case 'card_update':
      if (!input.token) throw new TypeError('outbox: token is required');
      if (typeof input.card !== 'object' || input.card === null)
        throw new TypeError('outbox: card must be an object');
      return;
    case 'file':
      if (!input.receiveId) throw new TypeError('outbox: receiveId is required');
      if (!input.fileName.trim()) throw new TypeError('outbox: fileName is required');
      if (!OUTBOX_FILE_TYPES.has(input.fileType))
        throw new TypeError(`outbox: fileType must be one of ${[...OUTBOX_FILE_TYPES].join(', ')}`);
      if (!Buffer.isBuffer(input.bytes) || input.bytes.length === 0)
        throw new TypeError('outbox: bytes must be a non-empty Buffer (Feishu refuses empty files)');
      if (input.bytes.length > MAX_OUTBOX_FILE_BYTES) {
        const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
        throw new RangeError(
          `outbox: file "${input.fileName}" is ${mb(input.bytes.length)} MB; the outbox takes at most ${mb(MAX_OUTBOX_FILE_BYTES)} MB`,
        );
      }
      return;
  }
}

function fieldsOf(input: EnqueueInput): Record<string, unknown> {
  switch (input.kind) {
    case 'send':
      return {
        receiveIdType: input.receiveIdType,
        receiveId: input.receiveId,
        msgType: input.msgType,
        content: input.content,
      };
    case 'reply':
      return {
        messageId: input.messageId,
        msgType: input.msgType,
        content: input.content,
        replyInThread: input.replyInThread ?? null,
        chatId: input.chatId ?? null,
        ...(input.openId ? { receiveIdType: 'open_id' as const, receiveId: input.openId } : {}),
      };
    case 'patch':
      return {
        messageId: input.messageId ?? null,
        outboxKey: input.outboxKey ?? null,
        content: input.content,
      };
    case 'urgent':
      return {
        messageId: input.messageId ?? null,
        outboxKey: input.outboxKey ?? null,
        userIds: [...input.userIds],
      };
    case 'card_update':
      return { token: input.token, content: JSON.stringify(input.card) };
    case 'file':
      return {
        receiveIdType: input.receiveIdType,
        receiveId: input.receiveId,
        msgType: 'file',
        fileName: input.fileName,
        fileType: input.fileType,
        bytes: input.bytes,
      };
  }
}

const listeners = new Set<() => void>();

/** Calls `fn` after every enqueue in this process (the sender's wake-up); returns an unsubscribe. */
export function onEnqueue(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The stored document of a new entry. */
function entryDoc(input: EnqueueInput, opts: EnqueueOptions) {
  validate(input);
  const now = opts.now ?? new Date();
  const dueAt = opts.notBefore && opts.notBefore > now ? opts.notBefore : now;
  const _id = new Types.ObjectId();
  return {
    _id,
    key: input.key,
    kind: input.kind,
    lane: laneOf(input),
    seq: seqOf(dueAt, _id),
    uuid: outboxUuid(input.key),
    ...fieldsOf(input),
    state: 'pending',
    attempts: 0,
    claimSeq: 0,
    firstClaimAt: null,
    uncertain: false,
    notBefore: dueAt,
    nextAttemptAt: dueAt,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    result: null,
    createdAt: now,
    sentAt: null,
    failedAt: null,
  };
}

function wake(): void {
  for (const fn of listeners) fn();
}

/**
 * Writes a message to the outbox. Idempotent by `key`: when the key exists, nothing is written
 * and `created` is false (the stored entry wins, even if its content differs).
 */
export async function enqueue(input: EnqueueInput, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  const doc = entryDoc(input, opts);
  // Group-committed: the replies of a burst of events are written in a few inserts.
  if (!(await insertsInto(OutboxMessage, 'key').insert(doc))) {
    const existing = await OutboxMessage.findOne({ key: input.key }, { _id: 1 }).lean();
    return { created: false, key: input.key, id: existing ? String(existing._id) : '' };
  }
  wake();
  return { created: true, key: input.key, id: doc._id.toHexString() };
}

/** Write errors of an unordered bulk insert, when every one of them is a duplicate key. */
function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown })?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every((e) => (e as { code?: unknown }).code === 11000);
}

/**
 * Writes many entries in one unordered insert (a broadcast to hundreds of chats): each is
 * idempotent by its key as with {@link enqueue}; keys already present are left as they are.
 * Returns how many entries were created.
 */
export async function enqueueMany(inputs: EnqueueInput[], opts: EnqueueOptions = {}): Promise<number> {
  if (inputs.length === 0) return 0;
  const docs = inputs.map((input) => entryDoc(input, opts));
  let created = docs.length;
  try {
    await OutboxMessage.collection.insertMany(docs, { ordered: false });
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
    created = (error as { result?: { insertedCount?: number } }).result?.insertedCount ?? 0;
  }
  if (created > 0) wake();
  return created;
}

export async function findOutboxMessage(key: string): Promise<OutboxMessageDoc | null> {
  return (await OutboxMessage.findOne({ key }).lean()) as OutboxMessageDoc | null;
}

/** The delivery status of a key, or null when it was never enqueued. */
export async function getDelivery(key: string): Promise<DeliveryStatus | null> {
  const doc = await findOutboxMessage(key);
  if (!doc) return null;
  return {
    key: doc.key,
    kind: doc.kind,
    state: doc.state as OutboxState,
    attempts: doc.attempts,
    messageId: await sentMessageId(doc),
    lastError: doc.lastError
      ? {
          code: doc.lastError.code ?? 0,
          msg: doc.lastError.msg ?? '',
          httpStatus: doc.lastError.httpStatus ?? null,
        }
      : null,
    sentAt: doc.sentAt ?? null,
    nextAttemptAt: doc.nextAttemptAt,
  };
}

/** The Feishu message id and time of a delivered entry, or null while not (or never) delivered. */
export async function findSent(key: string): Promise<{ messageId: string | null; sentAt: Date } | null> {
  const doc = await OutboxMessage.findOne({ key, state: 'sent' }).lean();
  if (!doc?.sentAt) return null;
  return { messageId: await sentMessageId(doc), sentAt: doc.sentAt };
}

/**
 * Deletes delivered and failed entries older than `retainMs` (default 30 days) and old claim
 * tickets. A key can be enqueued again once its entry is gone, so keep `retainMs` longer than any
 * job's re-run window.
 */
export async function cleanupOutbox(now: Date, retainMs = 30 * 86_400_000): Promise<number> {
  const before = new Date(now.getTime() - retainMs);
  const sent = await OutboxMessage.deleteMany({ state: 'sent', sentAt: { $lt: before } });
  const failed = await OutboxMessage.deleteMany({
    state: { $in: ['failed', 'unknown'] },
    failedAt: { $lt: before },
  });
  await OutboxClaim.deleteMany({ at: { $lt: new Date(now.getTime() - 86_400_000) } });
  await OutboxResult.deleteMany({ at: { $lt: before } });
  return sent.deletedCount + failed.deletedCount;
}
