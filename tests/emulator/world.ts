/** The emulator's small world: users, chats, files, messages, tokens. Plain data plus lookups. */
import { randomBytes } from 'node:crypto';

/** A user of the tenant. */
export interface EmuUser {
  openId: string;
  name: string;
  enName?: string;
  departmentIds?: string[];
  mobile?: string;
  email?: string;
  /** Derived when not given: on_<hex> and a short user_id. */
  unionId?: string;
  userId?: string;
}

/** A chat. `members` are user open_ids (the bot is tracked by `botInChat`). */
export interface EmuChat {
  chatId: string;
  name: string;
  members: string[];
  chatType: 'group' | 'p2p';
  botInChat: boolean;
}

/** A file users sent to the bot, served by GET …/messages/:message_id/resources/:file_key. */
export interface EmuFile {
  /** When set, the file is only served for this message id (Feishu answers 234003 otherwise). */
  messageId?: string;
  fileKey: string;
  fileName: string;
  bytes: Buffer;
  /** Content-Type to serve (default application/octet-stream). */
  contentType?: string;
}

/** A file the bot uploaded with POST /open-apis/im/v1/files (sendable as msg_type file). */
export interface EmuUpload {
  fileKey: string;
  fileType: string;
  fileName: string;
  bytes: Buffer;
  /** Clock ms of the upload. */
  at: number;
}

/** One change applied to a stored card message. */
export interface MessageUpdate {
  via: 'patch' | 'card_update' | 'callback_response';
  at: number;
  /** Parsed card JSON (or the template reference for template updates). */
  content: unknown;
}

/** A message in the world: sent by the bot through the API, or by a user through the emulator helpers. */
export interface StoredMessage {
  messageId: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  /** `app` for messages the bot sent, `user` for messages delivered to the bot. */
  senderType: 'app' | 'user';
  /** Sender open_id for user messages; the app id for bot messages. */
  senderId: string;
  /** For bot messages sent with receive_id_type=open_id (or into a p2p chat): the user. */
  openId?: string;
  receiveIdType?: string;
  receiveId?: string;
  msgType: string;
  /** Parsed content as first sent (a card object for interactive messages). */
  content: unknown;
  /** The raw `content` string as sent. */
  rawContent: string;
  /** The current content: for cards, the latest patch / update applied. */
  current: unknown;
  uuid?: string;
  parentId?: string;
  rootId?: string;
  threadId?: string;
  replyInThread?: boolean;
  updates: MessageUpdate[];
  /** Mentions of a user's message (key → display name), for readable transcripts. */
  mentions?: Array<{ key: string; name: string }>;
  urgent: Array<{ at: number; userIds: string[]; invalid: string[] }>;
  createTime: number;
  updateTime: number;
}

/** A callback update token (`c-…`) issued with a card.action.trigger. */
export interface CallbackToken {
  token: string;
  messageId: string;
  issuedAt: number;
  uses: number;
}

/** Random lowercase hex of `bytes` bytes. */
export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Ids that look like the platform's. */
export const ids = {
  message: () => `om_${hex(16)}`,
  chat: () => `oc_${hex(16)}`,
  openId: () => `ou_${hex(16)}`,
  unionId: () => `on_${hex(16)}`,
  userId: () => hex(4),
  thread: () => `omt_${hex(6)}`,
  fileKey: () => `file_v3_00${hex(2)}_${hex(16)}`,
  eventId: () => hex(16),
  tenantToken: () => `t-g${hex(20)}`,
  callbackToken: () => `c-${hex(20)}`,
  logId: () => {
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    const stamp = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
    return `${stamp}${hex(10).toUpperCase()}`;
  },
};

/** In-memory world state. */
export class World {
  readonly users = new Map<string, EmuUser>();
  readonly chats = new Map<string, EmuChat>();
  readonly files: EmuFile[] = [];
  /** Files the bot uploaded, by file_key. */
  readonly uploads = new Map<string, EmuUpload>();
  /** Messages the bot sent through the API. */
  readonly messages: StoredMessage[] = [];
  /** Messages users sent to the bot (through the emulator helpers). */
  readonly inbound: StoredMessage[] = [];
  readonly byId = new Map<string, StoredMessage>();
  readonly p2pChats = new Map<string, string>();
  readonly callbackTokens = new Map<string, CallbackToken>();
  /** uuid dedupe: `${operation}:${uuid}` → message id and time. */
  readonly uuids = new Map<string, { messageId: string; at: number }>();

  addUser(u: EmuUser): EmuUser {
    const full: EmuUser = {
      ...u,
      unionId: u.unionId ?? `on_${hex(16)}`,
      userId: u.userId ?? hex(4),
    };
    this.users.set(u.openId, full);
    return full;
  }

  addChat(c: {
    chatId: string;
    name: string;
    members: string[];
    chatType?: 'group' | 'p2p';
    botInChat?: boolean;
  }): EmuChat {
    const chat: EmuChat = {
      chatId: c.chatId,
      name: c.name,
      members: [...new Set(c.members)],
      chatType: c.chatType ?? 'group',
      botInChat: c.botInChat ?? true,
    };
    this.chats.set(c.chatId, chat);
    return chat;
  }

  /** The p2p chat between the bot and a user (created on first use). */
  p2pChatOf(openId: string): EmuChat {
    let chatId = this.p2pChats.get(openId);
    if (!chatId) {
      chatId = ids.chat();
      this.p2pChats.set(openId, chatId);
      const name = this.users.get(openId)?.name ?? openId;
      this.addChat({ chatId, name, members: [openId], chatType: 'p2p' });
    }
    return this.chats.get(chatId)!;
  }

  addMessage(m: StoredMessage): StoredMessage {
    (m.senderType === 'app' ? this.messages : this.inbound).push(m);
    this.byId.set(m.messageId, m);
    return m;
  }

  /** Bot messages sent to a chat (any receive_id_type) or to a user (open_id, or their p2p chat). */
  messagesTo(target: { chatId?: string; openId?: string }): StoredMessage[] {
    return this.messages.filter((m) => {
      if (target.chatId && m.chatId !== target.chatId) return false;
      if (target.openId && m.openId !== target.openId) return false;
      return true;
    });
  }
}
