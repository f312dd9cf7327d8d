/**
 * Nothing is sent to a group the bot was removed from: the messenger refuses to enqueue there,
 * and the sender drops entries already queued for it without calling the API. The Chat
 * document's `active` flag is the switch (cleared on `im.chat.member.bot.deleted_v1`, set again
 * when the bot is added back); chats the bot has no document for are treated as active.
 */
import { readsOf } from '../batching/collections.js';
import { ChatModel } from '../models/chat.js';
import type { OutboxMessageDoc } from '../models/outbox-message.js';

/** `lastError.code` of an entry dropped because its chat is inactive (the bot left the group). */
export const INACTIVE_CHAT_CODE = -5;

/** True when the bot knows the chat and it is marked inactive. */
export async function isChatInactive(chatId: string): Promise<boolean> {
  // Asked for every reply in a group: batched with the other replies of the moment.
  const chat = await readsOf<{ active?: boolean }>(ChatModel, 'chatId').get(chatId);
  return chat?.active === false;
}

/** Those of `chatIds` the bot knows and has marked inactive (one query for a whole broadcast). */
export async function inactiveChatsAmong(chatIds: string[]): Promise<Set<string>> {
  if (chatIds.length === 0) return new Set();
  const rows = await ChatModel.find(
    { chatId: { $in: chatIds.map(String) }, active: false },
    { chatId: 1 },
  ).lean();
  return new Set(rows.map((r) => r.chatId));
}

/** The chat an outbox entry would post into, when known (sends and files to a chat_id, replies with a chatId). */
export function chatOfEntry(
  doc: Pick<OutboxMessageDoc, 'kind' | 'receiveIdType' | 'receiveId' | 'chatId'>,
): string | null {
  const toChat = doc.kind === 'send' || doc.kind === 'file';
  if (toChat && doc.receiveIdType === 'chat_id' && doc.receiveId) return doc.receiveId;
  if (doc.kind === 'reply' && doc.chatId) return doc.chatId;
  return null;
}

/** The inactive chat an entry targets, or null when it may be delivered. */
export async function inactiveChatOf(
  doc: Pick<OutboxMessageDoc, 'kind' | 'receiveIdType' | 'receiveId' | 'chatId'>,
): Promise<string | null> {
  const chatId = chatOfEntry(doc);
  return chatId && (await isChatInactive(chatId)) ? chatId : null;
}
