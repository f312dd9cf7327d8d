/**
 * Message APIs: create, reply, patch (card update), urgent_app and the delayed card update.
 * Codes and HTTP statuses follow the error tables of 发送消息 / 回复消息 / 更新已发送的消息卡片 /
 * 发送应用内加急 / 延时更新消息卡片 (Open Platform docs, see the emulator README in index.ts).
 */
import { checkCard } from './card-rules.js';
import { type ApiRequest, bodyOf, type EmuContext } from './context.js';
import type { RateScope } from './rate-limits.js';
import { type ApiReply, cardFail, fieldViolation, imFail, ok } from './responses.js';
import { type EmuChat, ids, type StoredMessage } from './world.js';

const HOUR = 3_600_000;
const FOURTEEN_DAYS = 14 * 24 * HOUR;
const CALLBACK_TOKEN_TTL = 30 * 60_000;
const MSG_TYPES = new Set([
  'text',
  'post',
  'image',
  'file',
  'audio',
  'media',
  'sticker',
  'interactive',
  'share_chat',
  'share_user',
  'system',
]);

type Parsed = { ok: true; content: unknown } | { ok: false; reply: ApiReply };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A template or CardKit reference (`{type:"template"|"card", data}`), not card JSON. */
export function isCardReference(v: unknown): boolean {
  return isObj(v) && (v.type === 'template' || v.type === 'card') && isObj(v.data);
}

/** Parses and validates `content` for a msg_type, as the send / reply / patch APIs do. */
export function parseContent(msgType: string, raw: unknown): Parsed {
  if (typeof raw !== 'string' || raw === '')
    return { ok: false, reply: fieldViolation('content', 'content is required') };
  let content: unknown;
  try {
    content = JSON.parse(raw);
  } catch {
    return { ok: false, reply: imFail(230001, 'invalid message content, content is not valid JSON') };
  }
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (msgType === 'text') {
    if (!isObj(content) || typeof content.text !== 'string') {
      return { ok: false, reply: imFail(230001, 'invalid message content, text is required') };
    }
    if (bytes > 150 * 1024) return { ok: false, reply: imFail(230025) };
  } else if (msgType === 'interactive') {
    if (!isCardReference(content)) {
      const problems = checkCard(content);
      if (problems[0]) return { ok: false, reply: cardFail(problems[0]) };
    }
  } else if (msgType === 'post' && bytes > 30 * 1024) {
    return { ok: false, reply: imFail(230025) };
  }
  return { ok: true, content };
}

/** The msg_type a file uploaded with `file_type` must be sent as. */
function msgTypeForUpload(fileType: string): string {
  if (fileType === 'mp4') return 'media';
  if (fileType === 'opus') return 'audio';
  return 'file';
}

/**
 * Checks the `file_key` of a file / media / audio message: it must be a file this app uploaded
 * (230017 otherwise, as for keys from another app or the Drive API) whose upload type matches
 * the msg_type (230055). Answers the content as Feishu stores it, with the file name.
 */
function checkFileContent(ctx: EmuContext, msgType: string, content: unknown): Parsed {
  if (msgType !== 'file' && msgType !== 'media' && msgType !== 'audio') return { ok: true, content };
  if (!isObj(content) || typeof content.file_key !== 'string' || content.file_key === '') {
    return { ok: false, reply: imFail(230001, 'invalid message content, file_key is required') };
  }
  const upload = ctx.world.uploads.get(content.file_key);
  if (!upload) return { ok: false, reply: imFail(230017) };
  if (msgTypeForUpload(upload.fileType) !== msgType) return { ok: false, reply: imFail(230055) };
  return { ok: true, content: { ...content, file_name: upload.fileName } };
}

/** Whether a card is shared (`update_multi`), which PATCH requires before and after. 2.0 defaults to true. */
function isSharedCard(card: unknown): boolean {
  if (!isObj(card) || isCardReference(card)) return true;
  const config = isObj(card.config) ? card.config : {};
  return card.schema === '2.0' ? config.update_multi !== false : config.update_multi === true;
}

/** The `data` object of a message in API answers (see feishu-examples/im.v1.messages.create.response.json). */
export function messageData(ctx: EmuContext, m: StoredMessage): Record<string, unknown> {
  const data: Record<string, unknown> = { message_id: m.messageId };
  if (m.rootId) data.root_id = m.rootId;
  if (m.parentId) data.parent_id = m.parentId;
  if (m.threadId) data.thread_id = m.threadId;
  Object.assign(data, {
    msg_type: m.msgType,
    create_time: String(m.createTime),
    update_time: String(m.updateTime),
    deleted: false,
    updated: m.updates.length > 0,
    chat_id: m.chatId,
    sender: { id: ctx.app.appId, id_type: 'app_id', sender_type: 'app', tenant_key: ctx.app.tenantKey },
    body: { content: m.rawContent },
  });
  if (m.parentId) data.upper_message_id = m.parentId;
  return data;
}

/** The limiter keys for a message landing in a chat: per user in p2p chats, per chat in groups. */
function landingScope(chat: EmuChat): [RateScope, string] {
  return chat.chatType === 'p2p' ? ['user', chat.members[0] ?? chat.chatId] : ['chat', chat.chatId];
}

function dedupe(ctx: EmuContext, op: string, uuid: unknown): StoredMessage | undefined {
  if (typeof uuid !== 'string' || uuid === '') return undefined;
  const hit = ctx.world.uuids.get(`${op}:${uuid}`);
  if (!hit || ctx.clock() - hit.at > HOUR) return undefined;
  return ctx.world.byId.get(hit.messageId);
}

function limited(ctx: EmuContext, pair: [RateScope, string]): ApiReply | undefined {
  const v = ctx.limiter.take([pair]);
  return v ? imFail(230020) : undefined;
}

function resolveTarget(
  ctx: EmuContext,
  idType: string,
  id: string,
): { chat: EmuChat; openId?: string } | ApiReply {
  const w = ctx.world;
  if (idType === 'chat_id') {
    const chat = w.chats.get(id);
    if (!chat) return imFail(230001, 'invalid receive_id, chat not found');
    if (!chat.botInChat) return imFail(230002);
    return chat.chatType === 'p2p' ? { chat, openId: chat.members[0] } : { chat };
  }
  const user = [...w.users.values()].find((u) =>
    idType === 'open_id'
      ? u.openId === id
      : idType === 'email'
        ? u.email === id
        : idType === 'union_id'
          ? u.unionId === id
          : u.userId === id,
  );
  if (!user) return imFail(230013);
  return { chat: w.p2pChatOf(user.openId), openId: user.openId };
}

function validateUuid(uuid: unknown): ApiReply | undefined {
  if (uuid === undefined) return undefined;
  if (typeof uuid !== 'string' || uuid.length > 50)
    return fieldViolation('uuid', 'uuid is at most 50 characters');
  return undefined;
}

/** POST /open-apis/im/v1/messages?receive_id_type=… */
export function createMessage(ctx: EmuContext, req: ApiRequest): ApiReply {
  const idType = req.query.receive_id_type ?? '';
  if (!['open_id', 'chat_id', 'union_id', 'user_id', 'email'].includes(idType)) {
    return fieldViolation(
      'receive_id_type',
      'receive_id_type is required and must be open_id|union_id|user_id|email|chat_id',
    );
  }
  const b = bodyOf(req);
  if (typeof b.receive_id !== 'string' || b.receive_id === '')
    return fieldViolation('receive_id', 'receive_id is required');
  if (typeof b.msg_type !== 'string' || !MSG_TYPES.has(b.msg_type))
    return fieldViolation('msg_type', 'msg_type is invalid');
  const bad = validateUuid(b.uuid);
  if (bad) return bad;
  const target = resolveTarget(ctx, idType, b.receive_id);
  if ('status' in target) return target;
  const dup = dedupe(ctx, 'create', b.uuid);
  if (dup) return ok(messageData(ctx, dup));
  const parsed = parseContent(b.msg_type, b.content);
  if (!parsed.ok) return parsed.reply;
  const file = checkFileContent(ctx, b.msg_type, parsed.content);
  if (!file.ok) return file.reply;
  const refused = limited(ctx, landingScope(target.chat));
  if (refused) return refused;
  const m = store(ctx, {
    chat: target.chat,
    openId: target.openId,
    receiveIdType: idType,
    receiveId: b.receive_id,
    msgType: b.msg_type,
    content: file.content,
    rawContent: b.content as string,
    uuid: b.uuid as string | undefined,
  });
  if (typeof b.uuid === 'string' && b.uuid)
    ctx.world.uuids.set(`create:${b.uuid}`, { messageId: m.messageId, at: ctx.clock() });
  return ok(messageData(ctx, m));
}

interface NewMessage {
  chat: EmuChat;
  openId?: string;
  receiveIdType?: string;
  receiveId?: string;
  msgType: string;
  content: unknown;
  rawContent: string;
  uuid?: string;
  parent?: StoredMessage;
  replyInThread?: boolean;
}

function store(ctx: EmuContext, n: NewMessage): StoredMessage {
  const now = ctx.clock();
  let threadId: string | undefined;
  if (n.parent && (n.replyInThread || n.parent.threadId)) {
    threadId = n.parent.threadId ?? ids.thread();
    n.parent.threadId = threadId;
  }
  return ctx.world.addMessage({
    messageId: ids.message(),
    chatId: n.chat.chatId,
    chatType: n.chat.chatType,
    senderType: 'app',
    senderId: ctx.app.appId,
    openId: n.openId ?? (n.chat.chatType === 'p2p' ? n.chat.members[0] : undefined),
    receiveIdType: n.receiveIdType,
    receiveId: n.receiveId,
    msgType: n.msgType,
    content: n.content,
    rawContent: n.rawContent,
    current: n.content,
    uuid: n.uuid,
    parentId: n.parent?.messageId,
    rootId: n.parent ? (n.parent.rootId ?? n.parent.messageId) : undefined,
    threadId,
    replyInThread: n.replyInThread,
    updates: [],
    urgent: [],
    createTime: now,
    updateTime: now,
  });
}

/** POST /open-apis/im/v1/messages/:message_id/reply */
export function replyMessage(ctx: EmuContext, req: ApiRequest): ApiReply {
  const parent = ctx.world.byId.get(req.params.message_id ?? '');
  if (!parent) return imFail(230001, 'invalid message_id');
  const b = bodyOf(req);
  if (typeof b.msg_type !== 'string' || !MSG_TYPES.has(b.msg_type))
    return fieldViolation('msg_type', 'msg_type is invalid');
  const bad = validateUuid(b.uuid);
  if (bad) return bad;
  const chat = ctx.world.chats.get(parent.chatId);
  if (!chat?.botInChat) return imFail(230002);
  const dup = dedupe(ctx, 'reply', b.uuid);
  if (dup) return ok(messageData(ctx, dup));
  const parsed = parseContent(b.msg_type, b.content);
  if (!parsed.ok) return parsed.reply;
  const file = checkFileContent(ctx, b.msg_type, parsed.content);
  if (!file.ok) return file.reply;
  const refused = limited(ctx, landingScope(chat));
  if (refused) return refused;
  const m = store(ctx, {
    chat,
    msgType: b.msg_type,
    content: file.content,
    rawContent: b.content as string,
    uuid: b.uuid as string | undefined,
    parent,
    replyInThread: b.reply_in_thread === true,
  });
  if (typeof b.uuid === 'string' && b.uuid)
    ctx.world.uuids.set(`reply:${b.uuid}`, { messageId: m.messageId, at: ctx.clock() });
  return ok(messageData(ctx, m));
}

/** PATCH /open-apis/im/v1/messages/:message_id — update a shared card the bot sent. */
export function patchMessage(ctx: EmuContext, req: ApiRequest): ApiReply {
  const m = ctx.world.byId.get(req.params.message_id ?? '');
  if (!m) return imFail(230001, 'invalid message_id');
  if (m.senderType !== 'app') return imFail(230001, 'the message was not sent by this app');
  if (m.msgType !== 'interactive') return imFail(230001, 'only interactive (card) messages can be updated');
  if (ctx.clock() - m.createTime > FOURTEEN_DAYS) return imFail(230031);
  if (!isSharedCard(m.current)) return imFail(230001, 'the card must declare config.update_multi: true');
  const b = bodyOf(req);
  const parsed = parseContent('interactive', b.content);
  if (!parsed.ok) return parsed.reply;
  if (!isSharedCard(parsed.content))
    return imFail(230001, 'the new card must declare config.update_multi: true');
  const refused = limited(ctx, ['message_patch', m.messageId]);
  if (refused) return refused;
  applyUpdate(ctx, m, 'patch', parsed.content);
  return ok(undefined);
}

/** Records an update of a stored card message. */
export function applyUpdate(
  ctx: EmuContext,
  m: StoredMessage,
  via: 'patch' | 'card_update' | 'callback_response',
  content: unknown,
): void {
  const at = ctx.clock();
  m.updates.push({ via, at, content });
  m.current = content;
  m.updateTime = at;
}

/** PATCH /open-apis/im/v1/messages/:message_id/urgent_app?user_id_type=open_id */
export function urgentApp(ctx: EmuContext, req: ApiRequest): ApiReply {
  const idType = req.query.user_id_type;
  if (!idType || !['open_id', 'union_id', 'user_id'].includes(idType)) {
    return fieldViolation('user_id_type', 'user_id_type is required');
  }
  const m = ctx.world.byId.get(req.params.message_id ?? '');
  if (!m) return imFail(230001, 'invalid message_id');
  if (m.senderType !== 'app') return imFail(230012);
  const list = bodyOf(req).user_id_list;
  if (!Array.isArray(list) || list.length === 0)
    return fieldViolation('user_id_list', 'user_id_list is required');
  const chat = ctx.world.chats.get(m.chatId);
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const raw of list) {
    const id = String(raw);
    const user = [...ctx.world.users.values()].find((u) =>
      idType === 'open_id' ? u.openId === id : idType === 'union_id' ? u.unionId === id : u.userId === id,
    );
    if (user && chat?.members.includes(user.openId)) valid.push(user.openId);
    else invalid.push(id);
  }
  if (valid.length === 0) return imFail(230001, 'all user ids are invalid');
  m.urgent.push({ at: ctx.clock(), userIds: valid, invalid });
  return ok({ invalid_user_id_list: invalid });
}

/**
 * POST /open-apis/interactive/v1/card/update — delayed update with a callback token
 * (valid 30 minutes, 2 uses). The doc's error table has no HTTP status column; the emulator answers
 * these errors with HTTP 200 and the non-zero code (assumption).
 */
export function delayedCardUpdate(ctx: EmuContext, req: ApiRequest): ApiReply {
  const b = bodyOf(req);
  const token = b.token;
  if (typeof token !== 'string' || !token.startsWith('c-'))
    return { status: 200, body: { code: 300020, msg: '更新卡片的 token 格式错误' } };
  const t = ctx.world.callbackTokens.get(token);
  if (!t || ctx.clock() - t.issuedAt > CALLBACK_TOKEN_TTL)
    return { status: 200, body: { code: 300030, msg: '更新卡片的 token 失效' } };
  if (t.uses >= 2) return { status: 200, body: { code: 300040, msg: '更新卡片的 token 超过使用限制次数' } };
  const card = b.card;
  if (!isObj(card)) return { status: 200, body: { code: 10002, msg: 'card 参数校验错误' } };
  if (!isCardReference(card) && card.type !== 'template') {
    const problems = checkCard(card);
    if (problems[0]) {
      const p = problems[0];
      return { status: 200, body: { code: 11311, msg: `card format invalid: ${p.path}: ${p.message}` } };
    }
  }
  const m = ctx.world.byId.get(t.messageId);
  if (!m) return { status: 200, body: { code: 200000, msg: '该消息卡片已被撤回' } };
  t.uses += 1;
  applyUpdate(ctx, m, 'card_update', card);
  return ok(undefined, 'ok');
}

/** Issues a callback update token for a card message (used by clickCard). */
export function issueCallbackToken(ctx: EmuContext, messageId: string): string {
  const token = ids.callbackToken();
  ctx.world.callbackTokens.set(token, { token, messageId, issuedAt: ctx.clock(), uses: 0 });
  return token;
}
