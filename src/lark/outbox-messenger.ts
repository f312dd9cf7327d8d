import type { Card } from '../../cards/types.js';
import type { Clock } from '../time/clock.js';
import type { Messenger, Target } from './messenger.js';
import { enqueue, type MessageRef } from './outbox.js';

function text(value: string): string {
  return JSON.stringify({ text: value });
}

function cardContent(card: Card): string {
  return JSON.stringify(card);
}

function receiver(to: Target): { receiveIdType: 'chat_id' | 'open_id'; receiveId: string } {
  return 'chatId' in to ? { receiveIdType: 'chat_id', receiveId: to.chatId } : { receiveIdType: 'open_id', receiveId: to.openId };
}

function ref(message: { messageId: string } | { outboxKey: string }): MessageRef {
  return 'messageId' in message ? { messageId: message.messageId } : { outboxKey: message.outboxKey };
}

/**
 * The {@link Messenger} over the durable outbox: every call only writes to Mongo under its
 * key (idempotent); the sender (woken by each enqueue) delivers.
 */
export function createOutboxMessenger(clock: Clock): Messenger {
  const now = () => ({ now: clock.now() });
  return {
    async sendText(key, to, value) {
      await enqueue({ key, kind: 'send', ...receiver(to), msgType: 'text', content: text(value) }, now());
    },
    async sendCard(key, to, card) {
      await enqueue({ key, kind: 'send', ...receiver(to), msgType: 'interactive', content: cardContent(card) }, now());
    },
    async replyText(key, messageId, value, chatId) {
      await enqueue({ key, kind: 'reply', messageId, chatId, msgType: 'text', content: text(value) }, now());
    },
    async replyCard(key, messageId, card, chatId) {
      await enqueue({ key, kind: 'reply', messageId, chatId, msgType: 'interactive', content: cardContent(card) }, now());
    },
    async patchCard(key, message, card) {
      await enqueue({ key, kind: 'patch', ...ref(message), content: cardContent(card) }, now());
    },
    async updateCardByToken(key, token, card) {
      await enqueue({ key, kind: 'card_update', token, card }, now());
    },
    async urgent(key, message, openIds) {
      await enqueue({ key, kind: 'urgent', ...ref(message), userIds: openIds }, now());
    },
  };
}
