/**
 * Builders of the payloads Feishu pushes, shaped after the verbatim doc examples in
 * /work/shared/feishu-examples (im.message.receive_v1, im.chat.member.*, card.action.trigger).
 */
import type { AppIdentity } from './context.js';
import { type EmuChat, type EmuUser, ids, type World } from './world.js';

/** A 2.0 event envelope. */
export interface EventEnvelope {
  schema: '2.0';
  header: {
    event_id: string;
    event_type: string;
    create_time: string;
    token: string;
    app_id: string;
    tenant_key: string;
  };
  event: Record<string, unknown>;
}

/** Wraps an event body in the 2.0 envelope (create_time in ms, as in the event examples). */
export function envelope(
  app: AppIdentity,
  eventType: string,
  event: object,
  opts: { eventId?: string; createTime?: number } = {},
): EventEnvelope {
  return {
    schema: '2.0',
    header: {
      event_id: opts.eventId ?? ids.eventId(),
      event_type: eventType,
      create_time: String(opts.createTime ?? Date.now()),
      token: app.verificationToken,
      app_id: app.appId,
      tenant_key: app.tenantKey,
    },
    event: event as Record<string, unknown>,
  };
}

/** `{union_id, user_id, open_id}` of a user (ids derived when the user is unknown). */
export function userIds(
  world: World,
  openId: string,
): { union_id: string; user_id: string; open_id: string } {
  const u = world.users.get(openId);
  return { union_id: u?.unionId ?? '', user_id: u?.userId ?? '', open_id: openId };
}

function requireUser(world: World, openId: string): EmuUser {
  const u = world.users.get(openId);
  if (!u) throw new Error(`emulator: unknown user ${openId}; call addUser first`);
  return u;
}

/** Input of {@link buildTextEvent}. */
export interface TextMessageInput {
  /** Group chat id; for p2p it defaults to the sender's p2p chat with the bot. */
  chatId?: string;
  chatType: 'group' | 'p2p';
  /** Sender open_id (must be a known user). */
  sender: string;
  text: string;
  /** Adds an @bot mention (key @_user_1). Group messages without it are not delivered to the bot. */
  mentionBot?: boolean;
  /** Other users mentioned, by open_id. `@<name>` in the text becomes their `@_user_N` key (appended when absent). */
  mentions?: string[];
  /** Makes the message a reply (parent_id / root_id). */
  parentId?: string;
}

interface Mention {
  key: string;
  id: { union_id: string; user_id: string; open_id: string };
  name: string;
  tenant_key: string;
}

/** Replaces `@name` in text with mention keys and builds the mentions array. */
function buildMentions(
  world: World,
  app: AppIdentity,
  input: TextMessageInput,
): { text: string; mentions: Mention[] } {
  let text = input.text;
  const mentions: Mention[] = [];
  const place = (name: string, key: string, prepend: boolean) => {
    const at = `@${name}`;
    if (text.includes(at)) text = text.replace(at, key);
    else text = prepend ? `${key} ${text}` : `${text} ${key}`;
  };
  if (input.mentionBot) {
    const key = `@_user_${mentions.length + 1}`;
    place(app.botName, key, true);
    mentions.push({
      key,
      id: { union_id: '', user_id: '', open_id: app.botOpenId },
      name: app.botName,
      tenant_key: app.tenantKey,
    });
  }
  for (const openId of input.mentions ?? []) {
    const u = requireUser(world, openId);
    const key = `@_user_${mentions.length + 1}`;
    place(u.name, key, false);
    mentions.push({ key, id: userIds(world, openId), name: u.name, tenant_key: app.tenantKey });
  }
  return { text, mentions };
}

/** Resolves the chat of a user message, creating the p2p chat when needed. */
export function chatForMessage(
  world: World,
  chatType: 'group' | 'p2p',
  sender: string,
  chatId?: string,
): EmuChat {
  if (chatType === 'p2p' && !chatId) return world.p2pChatOf(sender);
  const chat = world.chats.get(chatId ?? '');
  if (!chat) throw new Error(`emulator: unknown chat ${String(chatId)}; call addChat first`);
  return chat;
}

/** Builds an im.message.receive_v1 event body for a user message and stores the message in the world. */
export function buildMessageEvent(
  world: World,
  app: AppIdentity,
  input: {
    chat: EmuChat;
    sender: string;
    messageType: string;
    content: string;
    mentions?: Mention[];
    parentId?: string;
  },
  now: number,
): { event: Record<string, unknown>; messageId: string } {
  requireUser(world, input.sender);
  const messageId = ids.message();
  const parent = input.parentId ? world.byId.get(input.parentId) : undefined;
  const message: Record<string, unknown> = { message_id: messageId };
  if (input.parentId) {
    message.root_id = parent?.rootId ?? input.parentId;
    message.parent_id = input.parentId;
  }
  Object.assign(message, {
    create_time: String(now),
    update_time: String(now),
    chat_id: input.chat.chatId,
    chat_type: input.chat.chatType,
    message_type: input.messageType,
    content: input.content,
  });
  if (parent?.threadId) message.thread_id = parent.threadId;
  if (input.mentions && input.mentions.length > 0) message.mentions = input.mentions;
  message.user_agent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 13_2_1) Lark/7.30.0 LarkLocale/zh_CN';
  world.addMessage({
    messageId,
    mentions: input.mentions?.map((m) => ({ key: m.key, name: m.name })),
    chatId: input.chat.chatId,
    chatType: input.chat.chatType,
    senderType: 'user',
    senderId: input.sender,
    msgType: input.messageType,
    content: JSON.parse(input.content) as unknown,
    rawContent: input.content,
    current: JSON.parse(input.content) as unknown,
    parentId: input.parentId,
    rootId: input.parentId ? (parent?.rootId ?? input.parentId) : undefined,
    threadId: parent?.threadId,
    updates: [],
    urgent: [],
    createTime: now,
    updateTime: now,
  });
  const event = {
    sender: { sender_id: userIds(world, input.sender), sender_type: 'user', tenant_key: app.tenantKey },
    message,
  };
  return { event, messageId };
}

/** Builds the im.message.receive_v1 event of a text message. */
export function buildTextEvent(world: World, app: AppIdentity, input: TextMessageInput, now: number) {
  const chat = chatForMessage(world, input.chatType, input.sender, input.chatId);
  const { text, mentions } = buildMentions(world, app, input);
  return {
    chat,
    ...buildMessageEvent(
      world,
      app,
      {
        chat,
        sender: input.sender,
        messageType: 'text',
        content: JSON.stringify({ text }),
        mentions,
        parentId: input.parentId,
      },
      now,
    ),
  };
}

/** Event body of im.chat.member.user.added_v1 / deleted_v1. */
export function memberEvent(
  world: World,
  app: AppIdentity,
  chat: EmuChat,
  users: string[],
  operator: string,
) {
  return {
    chat_id: chat.chatId,
    operator_id: userIds(world, operator),
    external: false,
    operator_tenant_key: app.tenantKey,
    users: users.map((openId) => ({
      name: world.users.get(openId)?.name ?? '',
      tenant_key: app.tenantKey,
      user_id: userIds(world, openId),
    })),
    name: chat.name,
    i18n_names: { zh_cn: chat.name, en_us: chat.name },
  };
}

/** Event body of im.chat.member.bot.added_v1 / deleted_v1. */
export function botMemberEvent(world: World, app: AppIdentity, chat: EmuChat, operator: string) {
  return {
    chat_id: chat.chatId,
    operator_id: userIds(world, operator),
    external: false,
    operator_tenant_key: app.tenantKey,
    name: chat.name,
    i18n_names: { zh_cn: chat.name, en_us: chat.name },
  };
}

/** What the user did on a card, for card.action.trigger. */
export interface CardActionInput {
  messageId: string;
  /** Operator open_id. */
  operator: string;
  /** `action.value` (the callback behavior's value). */
  value?: unknown;
  /** `action.form_value` for a form submit. */
  formValue?: Record<string, unknown>;
  /** Component tag (default "button"). */
  tag?: string;
  /** Component name (the submit button's name for a form). */
  name?: string;
  /** Selected option (select_static, overflow, pickers outside a form). */
  option?: string;
  /** Selected options (multi selects outside a form). */
  options?: string[];
  /** Input value (input outside a form). */
  inputValue?: string;
  /** Checker state. */
  checked?: boolean;
  /** Default Asia/Shanghai. */
  timezone?: string;
}

/** Builds the card.action.trigger callback (create_time in µs, as in the callback examples). */
export function cardActionPayload(
  world: World,
  app: AppIdentity,
  input: CardActionInput,
  chatId: string,
  token: string,
) {
  const action: Record<string, unknown> = {};
  if (input.value !== undefined) action.value = input.value;
  action.tag = input.tag ?? 'button';
  action.timezone = input.timezone ?? 'Asia/Shanghai';
  if (input.formValue !== undefined) action.form_value = input.formValue;
  if (input.name !== undefined) action.name = input.name;
  if (input.option !== undefined) action.option = input.option;
  if (input.options !== undefined) action.options = input.options;
  if (input.inputValue !== undefined) action.input_value = input.inputValue;
  if (input.checked !== undefined) action.checked = input.checked;
  return {
    schema: '2.0' as const,
    header: {
      event_id: ids.eventId(),
      token: app.verificationToken,
      create_time: String(Date.now() * 1000),
      event_type: 'card.action.trigger',
      tenant_key: app.tenantKey,
      app_id: app.appId,
    },
    event: {
      operator: { tenant_key: app.tenantKey, ...userIds(world, input.operator) },
      token,
      action,
      host: 'im_message',
      context: { open_message_id: input.messageId, open_chat_id: chatId },
    },
  };
}
