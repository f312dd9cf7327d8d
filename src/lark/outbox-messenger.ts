import { renderUserSpans, stripMarks } from '../../cards/escape.js';
import { renderCardUserText } from '../../cards/render-card.js';
import type { Card } from '../../cards/types.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../time/clock.js';
import { inactiveChatsAmong, isChatInactive } from './chat-gate.js';
import type { Messenger, Target } from './messenger.js';
import { enqueue, enqueueMany, type MessageRef } from './outbox.js';

/** A text message's content, user text escaped for text messages (see cards/escape.ts). */
function text(value: string): string {
  return JSON.stringify({ text: renderUserSpans(value, 'text') });
}

/** A card's content; user text left marked by a builder is escaped here (a no-op after `card()`). */
function cardContent(card: Card): string {
  return JSON.stringify(renderCardUserText(card));
}

function receiver(to: Target): { receiveIdType: 'chat_id' | 'open_id'; receiveId: string } {
  return 'chatId' in to
    ? { receiveIdType: 'chat_id', receiveId: to.chatId }
    : { receiveIdType: 'open_id', receiveId: to.openId };
}

function ref(message: { messageId: string } | { outboxKey: string }): MessageRef {
  return 'messageId' in message ? { messageId: message.messageId } : { outboxKey: message.outboxKey };
}

/** Options of {@link createOutboxMessenger}. */
export interface OutboxMessengerOptions {
  /** Logs sends skipped because their chat is inactive. */
  log?: Logger;
}

/**
 * The {@link Messenger} over the durable outbox: every call only writes to Mongo under its
 * key (idempotent); the sender (woken by each enqueue) delivers. Sends and replies to a group
 * the bot was removed from are not enqueued (see chat-gate.ts).
 */
export function createOutboxMessenger(clock: Clock, opts: OutboxMessengerOptions = {}): Messenger {
  const now = () => ({ now: clock.now() });
  /** True (and logged) when `chatId` is a chat the bot left. */
  const refused = async (key: string, chatId: string | undefined): Promise<boolean> => {
    if (!chatId || !(await isChatInactive(chatId))) return false;
    opts.log?.info({ key, chatId }, 'not sent: the bot is no longer in this chat');
    return true;
  };
  /** The items whose target is not a chat the bot left (one query for all of them). */
  const liveOnly = async <T extends { key: string; to: Target }>(items: ReadonlyArray<T>): Promise<T[]> => {
    const chatIds = items.flatMap(({ to }) => ('chatId' in to ? [to.chatId] : []));
    const inactive = await inactiveChatsAmong(chatIds);
    return items.filter(({ key, to }) => {
      if (!('chatId' in to) || !inactive.has(to.chatId)) return true;
      opts.log?.info({ key, chatId: to.chatId }, 'not sent: the bot is no longer in this chat');
      return false;
    });
  };
  return {
    async sendText(key, to, value) {
      if (await refused(key, 'chatId' in to ? to.chatId : undefined)) return;
      await enqueue({ key, kind: 'send', ...receiver(to), msgType: 'text', content: text(value) }, now());
    },
    async sendCard(key, to, card) {
      if (await refused(key, 'chatId' in to ? to.chatId : undefined)) return;
      await enqueue(
        { key, kind: 'send', ...receiver(to), msgType: 'interactive', content: cardContent(card) },
        now(),
      );
    },
    async sendCardToMany(items, card) {
      const content = cardContent(card);
      const live = await liveOnly(items);
      return enqueueMany(
        live.map(({ key, to }) => ({ key, kind: 'send', ...receiver(to), msgType: 'interactive', content })),
        now(),
      );
    },
    async sendTextToMany(items) {
      const live = await liveOnly(items);
      return enqueueMany(
        live.map(({ key, to, text: value }) => ({
          key,
          kind: 'send',
          ...receiver(to),
          msgType: 'text',
          content: text(value),
        })),
        now(),
      );
    },
    async replyText(key, messageId, value, chatId, p2pUser) {
      // A private chat cannot be left by the bot: only group replies are checked.
      if (!p2pUser && (await refused(key, chatId))) return;
      await enqueue(
        { key, kind: 'reply', messageId, chatId, openId: p2pUser, msgType: 'text', content: text(value) },
        now(),
      );
    },
    async replyCard(key, messageId, card, chatId, p2pUser) {
      // A private chat cannot be left by the bot: only group replies are checked.
      if (!p2pUser && (await refused(key, chatId))) return;
      await enqueue(
        {
          key,
          kind: 'reply',
          messageId,
          chatId,
          openId: p2pUser,
          msgType: 'interactive',
          content: cardContent(card),
        },
        now(),
      );
    },
    async patchCard(key, message, card) {
      await enqueue({ key, kind: 'patch', ...ref(message), content: cardContent(card) }, now());
    },
    async updateCardByToken(key, token, card) {
      await enqueue({ key, kind: 'card_update', token, card: renderCardUserText(card) }, now());
    },
    async sendFile(key, to, file) {
      if (await refused(key, 'chatId' in to ? to.chatId : undefined)) return;
      await enqueue(
        { key, kind: 'file', ...receiver(to), ...file, fileName: stripMarks(file.fileName) },
        now(),
      );
    },
    async urgent(key, message, openIds) {
      await enqueue({ key, kind: 'urgent', ...ref(message), userIds: openIds }, now());
    },
  };
}
