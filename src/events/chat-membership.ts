import type { EventHandler } from '../dispatch/dispatcher.js';
import { recordBotJoined, recordBotLeft } from '../domain/chats.js';
import { botMembershipSchema } from '../transport/envelope.js';
import { onUserAddedForPledges } from './pledge-newcomers.js';

/** The bot was added to a group: remember the chat and greet it with how to bind it. */
export const onBotAdded: EventHandler = async (ctx, event) => {
  const parsed = botMembershipSchema.safeParse(event);
  if (!parsed.success) {
    ctx.log.warn('malformed bot.added event');
    return;
  }
  const { chat_id: chatId, name } = parsed.data;
  await recordBotJoined(chatId, name ?? '', ctx.now());
  await ctx.services.messenger.sendText(`${ctx.eventId}:greeting`, { chatId }, ctx.t('chat.greeting'));
};

/** The bot was removed: mark the chat inactive so nothing more is sent there. */
export const onBotRemoved: EventHandler = async (ctx, event) => {
  const parsed = botMembershipSchema.safeParse(event);
  if (!parsed.success) {
    ctx.log.warn('malformed bot.deleted event');
    return;
  }
  await recordBotLeft(parsed.data.chat_id, ctx.now());
};

/** Event handlers by event type. */
export const eventHandlers: Record<string, EventHandler> = {
  'im.chat.member.bot.added_v1': onBotAdded,
  'im.chat.member.bot.deleted_v1': onBotRemoved,
  'im.chat.member.user.added_v1': onUserAddedForPledges,
};
