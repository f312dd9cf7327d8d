/**
 * One Open API call per outbox entry (two for a file: upload, then send), and the rate-limit
 * scopes that call needs. A file's upload is not counted against the per-app rules: files are
 * rare and those rules keep a margin below the platform's (rate-rules.ts).
 */
import type { OutboxMessageDoc } from '../models/outbox-message.js';
import type { LarkClient, MsgType, ReceiveIdType, UploadFileType } from './client.js';
import { LarkApiError, UNEXPECTED_ERROR_CODE } from './errors.js';
import { RATE_RULES, type RateScope } from './rate-rules.js';

/** The per-chat, per-user or per-message scope of an entry's call, if it has one. */
export function laneScope(doc: OutboxMessageDoc, targetMessageId: string | null): RateScope | null {
  if ((doc.kind === 'send' || doc.kind === 'file') && doc.receiveId) {
    return { rule: doc.receiveIdType === 'chat_id' ? RATE_RULES.chat : RATE_RULES.user, key: doc.receiveId };
  }
  if (doc.kind === 'reply' && doc.chatId) return { rule: RATE_RULES.chat, key: doc.chatId };
  if (doc.kind === 'patch' && targetMessageId) return { rule: RATE_RULES.message, key: targetMessageId };
  return null;
}

/**
 * The per-chat, per-user and per-message scopes an entry's call takes (the per-app limits are
 * kept by the sender's sliding sequence, sliding-sequence.ts): a reply in a private chat also
 * counts against the person it reaches, then {@link laneScope}.
 */
export function scopesFor(doc: OutboxMessageDoc, targetMessageId: string | null): RateScope[] {
  const scopes: RateScope[] = [];
  if (doc.kind === 'reply' && doc.receiveIdType === 'open_id' && doc.receiveId)
    scopes.push({ rule: RATE_RULES.user, key: doc.receiveId });
  const lane = laneScope(doc, targetMessageId);
  if (lane) scopes.push(lane);
  return scopes;
}

/** Bytes as read back from Mongo: a Buffer, or the driver's Binary (lean reads), or a Uint8Array. */
export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const binary = value as { buffer?: unknown; position?: unknown } | null;
  if (binary && binary.buffer instanceof Uint8Array) {
    const used = typeof binary.position === 'number' ? binary.position : binary.buffer.length;
    return toBuffer(binary.buffer.subarray(0, used));
  }
  throw new LarkApiError({ code: UNEXPECTED_ERROR_CODE, msg: 'outbox entry bytes are not binary' });
}

function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) {
    throw new LarkApiError({ code: UNEXPECTED_ERROR_CODE, msg: `outbox entry without ${what}` });
  }
  return value;
}

/**
 * Makes the call for one entry. Returns the message id to record (the new message for send /
 * reply, the target for patch / urgent); throws {@link LarkApiError}.
 */
export async function deliver(
  client: LarkClient,
  doc: OutboxMessageDoc,
  targetMessageId: string | null,
): Promise<{ messageId: string | null }> {
  switch (doc.kind) {
    case 'send':
      return client.createMessage({
        receiveIdType: need(doc.receiveIdType, 'receiveIdType') as ReceiveIdType,
        receiveId: need(doc.receiveId, 'receiveId'),
        msgType: need(doc.msgType, 'msgType') as MsgType,
        content: need(doc.content, 'content'),
        uuid: doc.uuid,
      });
    case 'reply':
      return client.replyMessage({
        messageId: need(doc.messageId, 'messageId'),
        msgType: need(doc.msgType, 'msgType') as MsgType,
        content: need(doc.content, 'content'),
        ...(doc.replyInThread ? { replyInThread: true } : {}),
        uuid: doc.uuid,
      });
    case 'patch': {
      const messageId = need(targetMessageId, 'target message');
      await client.patchMessage({ messageId, content: need(doc.content, 'content') });
      return { messageId };
    }
    case 'urgent': {
      const messageId = need(targetMessageId, 'target message');
      await client.urgentApp({ messageId, openIds: doc.userIds ?? [] });
      return { messageId };
    }
    case 'file': {
      // A retry uploads again (an unsent upload costs nothing); the create keeps the entry's uuid.
      const { fileKey } = await client.uploadFile({
        fileName: need(doc.fileName, 'fileName'),
        fileType: need(doc.fileType, 'fileType') as UploadFileType,
        bytes: toBuffer(need(doc.bytes, 'bytes')),
      });
      return client.createMessage({
        receiveIdType: need(doc.receiveIdType, 'receiveIdType') as ReceiveIdType,
        receiveId: need(doc.receiveId, 'receiveId'),
        msgType: 'file',
        content: JSON.stringify({ file_key: fileKey }),
        uuid: doc.uuid,
      });
    }
    case 'card_update':
      await client.updateCard({
        token: need(doc.token, 'token'),
        card: JSON.parse(need(doc.content, 'card')),
      });
      return { messageId: null };
    default:
      throw new LarkApiError({ code: UNEXPECTED_ERROR_CODE, msg: `unknown outbox kind ${String(doc.kind)}` });
  }
}
