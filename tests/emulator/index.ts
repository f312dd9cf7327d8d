/**
 * Feishu Open Platform emulator for tests and the demo (not shipped in dist).
 *
 * Server side: answers the Open API calls the bot makes through `@larksuiteoapi/node-sdk`
 * (`new Client({appId, appSecret, domain: emu.baseUrl})`), with the documented shapes, error codes,
 * rate limits and card validation. Client side: pushes signed, encrypted events and card callbacks
 * to the bot exactly as Feishu does, with Feishu's retry schedule.
 *
 * Codes used (sources in the Open Platform docs, mirror wxkingstar/doc-hub-mcp `feishu/`):
 * - token: wrong secret → HTTP 200 `{code:10014,"app secret invalid"}`; missing token → 400/99991661;
 *   invalid or expired → 400/99991663 (通用错误码, 如何解决 99991663).
 * - message APIs: 400 with 230001 / 230002 / 230012 / 230013 / 230020 / 230025 / 230031 / 230099
 *   (发送消息, 回复消息, 更新已发送的消息卡片, 发送应用内加急 error tables); bad query/body fields → 400/99992402.
 * - gateway limit: 429 `{code:99991400, msg:"request trigger frequency limit"}` + x-ogw-ratelimit-* headers (频控策略).
 * - delayed update: 300020 / 300030 / 300040 / 11311 (延时更新消息卡片) with HTTP 200 (status not documented).
 * - chat members: 400/232001, 232006, 232011; user get: 400/41012; resources: 400/234001, 234003, 234004.
 * - file upload (上传文件): 400/234001 bad field, 234006 over 30 MB, 234010 empty; sending a file_key
 *   this app did not upload → 400/230017, upload type ≠ msg_type (mp4 → media, opus → audio) → 400/230055.
 * - user ids by email / mobile (batch_get_id): over 50 of either → 400/99992402.
 */
import type { Server } from 'node:http';
import { applyUpdate, issueCallbackToken } from './api-messages.js';
import { callbackValue, findButton } from './card-query.js';
import { checkCard } from './card-rules.js';
import type { AppIdentity, EmuContext } from './context.js';
import { Deliverer, type Delivery, type DeliveryAttempt } from './deliver.js';
import {
  botMemberEvent,
  buildMessageEvent,
  buildTextEvent,
  type CardActionInput,
  cardActionPayload,
  chatForMessage,
  type EventEnvelope,
  envelope,
  memberEvent,
  type TextMessageInput,
} from './events.js';
import { type ActiveFault, FaultBox, type FaultSpec } from './faults.js';
import {
  type RateLimitConfig,
  RateLimiter,
  type RateLimitViolation,
  type RateScope,
  resolveRateLimits,
} from './rate-limits.js';
import { renderMessageText } from './render-text.js';
import { type RecordedCall, startServer } from './server.js';
import { renderTranscript } from './transcript.js';
import {
  type EmuChat,
  type EmuFile,
  type EmuUpload,
  type EmuUser,
  ids,
  type StoredMessage,
  World,
} from './world.js';

export { callbackValue, findButton, walkComponents } from './card-query.js';
export {
  type CardProblem,
  cardBytes,
  cardWarnings,
  checkCard,
  countComponents,
  validateCard,
} from './card-rules.js';
export { buildSignedRequest, decryptFromLark, encryptForLark, signLarkRequest } from './crypto.js';
export { renderCardText, renderMessageText } from './render-text.js';
export { renderTranscript, type TranscriptOptions } from './transcript.js';
export type {
  ActiveFault,
  CardActionInput,
  Delivery,
  DeliveryAttempt,
  EmuChat,
  EmuFile,
  EmuUpload,
  EmuUser,
  EventEnvelope,
  FaultSpec,
  RateLimitConfig,
  RateLimitViolation,
  RateScope,
  RecordedCall,
  StoredMessage,
  TextMessageInput,
};

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  /** Bot open_id (default: random ou_…). */
  botOpenId?: string;
  /** Bot display name, used for `@name` in sendText (default 清廉助手). */
  botName?: string;
  tenantKey?: string;
  /** Delays between event delivery attempts (default Feishu's [15 s, 5 min, 1 h, 6 h]). */
  retryScheduleMs?: number[];
  /** Timeout of one event delivery attempt (default 3000 ms). */
  eventTimeoutMs?: number;
  /** Timeout of a card callback, after which the client shows 200341 (default 3000 ms). */
  callbackTimeoutMs?: number;
  /** true (default) = documented limits; false = never refuse (still measured); or partial overrides. */
  rateLimits?: boolean | Partial<RateLimitConfig>;
  port?: number;
  /** Clock for token expiry, uuid dedupe (1 h), callback tokens (30 min), 14-day edits. Default Date.now. */
  clock?: () => number;
}

/** Input of {@link Emulator.sendFile}. */
export interface SendFileInput {
  chatId?: string;
  chatType: 'group' | 'p2p';
  sender: string;
  fileName: string;
  bytes: Buffer;
  fileKey?: string;
  contentType?: string;
}

/**
 * Result of a card click. `clientError` is what the Feishu client would show: 200671 non-200,
 * 200341 timeout, 200672 bad body, 200673 bad card, 200830 2.0 → 1.0.
 */
export interface CardClickResult {
  status: number;
  body: unknown;
  elapsedMs: number;
  /** The `c-…` token sent with the callback (for the delayed update API). */
  token: string;
  eventId: string;
  clientError?: number;
  /** Card problems when the answer carried an invalid card. */
  problems?: string[];
  /** Toast shown to the user, if any. */
  toast?: { type?: string; content?: string };
}

/** The running emulator. */
export interface Emulator {
  /** e.g. http://127.0.0.1:40123, use as LARK_DOMAIN / Client `domain`. */
  readonly baseUrl: string;
  readonly app: Readonly<AppIdentity>;
  readonly world: World;
  setBotEndpoints(eventsUrl: string, callbacksUrl: string): void;
  addUser(u: EmuUser): EmuUser;
  addChat(c: { chatId: string; name: string; members: string[] }): EmuChat;
  addFile(f: EmuFile): void;
  /** Files the bot uploaded (POST /open-apis/im/v1/files), by file_key. */
  readonly uploads: ReadonlyMap<string, EmuUpload>;
  /** The uploaded file a bot file message carries (by message or message id), with its bytes. */
  uploadedFile(m: StoredMessage | string): EmuUpload | undefined;
  /** Every API call received, in order. */
  readonly calls: RecordedCall[];
  /** Every message the bot sent (live array). */
  readonly messages: StoredMessage[];
  /** Every message users sent to the bot through the helpers (live array). */
  readonly inbound: StoredMessage[];
  message(messageId: string): StoredMessage | undefined;
  messagesTo(target: { chatId?: string; openId?: string }): StoredMessage[];
  /** Latest interactive message the bot sent to the chat / user. */
  latestCard(target: { chatId?: string; openId?: string }): StoredMessage | undefined;
  /** Plain-text rendering of a stored message's current content. */
  textOf(m: StoredMessage | string, locale?: string): string;
  /** Readable transcript of all messages (and card updates, buzzes) in time order. */
  transcript(opts?: { locale?: string; chatId?: string; since?: number }): string;
  /** Calls refused for rate limits (live array). */
  readonly rateLimitViolations: RateLimitViolation[];
  /** Max accepted calls in any sliding window of the scope; app scopes are keyed by operation (e.g. im.message.create). */
  maxRateObserved(scope: RateScope, key?: string): number;
  setRateLimits(r: boolean | Partial<RateLimitConfig>): void;
  injectFault(f: FaultSpec): ActiveFault;
  clearFaults(): void;
  /** Invalidates all issued tenant tokens (next calls get 99991663). */
  expireTokens(): void;
  /** Every delivery attempt (events and callbacks). */
  readonly deliveries: DeliveryAttempt[];
  sendText(input: TextMessageInput): Promise<Delivery & { messageId: string; chatId: string }>;
  sendFile(input: SendFileInput): Promise<Delivery & { messageId: string; fileKey: string; chatId: string }>;
  deliverEvent(
    eventType: string,
    event: object,
    opts?: { eventId?: string; createTime?: number },
  ): Promise<Delivery>;
  /** Delivers an already delivered event again (same event_id, fresh signature). */
  redeliver(eventId: string): Promise<Delivery>;
  addMemberToChat(input: { chatId: string; users: string[]; operator?: string }): Promise<Delivery>;
  removeMemberFromChat(input: { chatId: string; users: string[]; operator?: string }): Promise<Delivery>;
  botAddedToChat(input: {
    chatId: string;
    name?: string;
    members?: string[];
    operator: string;
  }): Promise<Delivery>;
  botRemovedFromChat(input: { chatId: string; operator: string }): Promise<Delivery>;
  clickCard(input: CardActionInput): Promise<CardClickResult>;
  /** Clicks the button with this text in the message's current card, using its callback value (and form name). */
  clickButton(input: {
    messageId: string;
    operator: string;
    text: string;
    formValue?: Record<string, unknown>;
  }): Promise<CardClickResult>;
  waitFor<T>(
    fn: () => T | undefined | false | null,
    opts?: { timeoutMs?: number; intervalMs?: number },
  ): Promise<T>;
  close(): Promise<void>;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Starts an emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const app: AppIdentity = {
    appId: opts.appId,
    appSecret: opts.appSecret,
    botOpenId: opts.botOpenId ?? ids.openId(),
    botName: opts.botName ?? '清廉助手',
    tenantKey: opts.tenantKey ?? ids.userId() + ids.userId(),
    encryptKey: opts.encryptKey,
    verificationToken: opts.verificationToken,
  };
  const clock = opts.clock ?? Date.now;
  const world = new World();
  const ctx: EmuContext = {
    app,
    world,
    limiter: new RateLimiter(resolveRateLimits(opts.rateLimits)),
    clock,
    tokens: new Map(),
  };
  const faults = new FaultBox();
  const calls: RecordedCall[] = [];
  const { server, baseUrl } = await startServer({ ctx, faults, calls }, opts.port);
  const deliverer = new Deliverer(
    opts.encryptKey,
    opts.retryScheduleMs ?? [15_000, 300_000, 3_600_000, 21_600_000],
    opts.eventTimeoutMs ?? 3000,
    clock,
  );
  const envelopes = new Map<string, EventEnvelope>();
  let eventsUrl: string | undefined;
  let callbacksUrl: string | undefined;

  const push = (env: EventEnvelope): Promise<Delivery> => {
    if (!eventsUrl) throw new Error('emulator: call setBotEndpoints before delivering events');
    envelopes.set(env.header.event_id, env);
    return deliverer.deliverEvent(eventsUrl, env);
  };
  const deliverEvent = (eventType: string, event: object, o?: { eventId?: string; createTime?: number }) =>
    push(envelope(app, eventType, event, { ...o, createTime: o?.createTime ?? clock() }));

  const clickCard = async (input: CardActionInput): Promise<CardClickResult> => {
    if (!callbacksUrl) throw new Error('emulator: call setBotEndpoints before clicking cards');
    const m = world.byId.get(input.messageId);
    if (m?.senderType !== 'app' || m.msgType !== 'interactive') {
      throw new Error(`emulator: ${input.messageId} is not a card the bot sent`);
    }
    const token = issueCallbackToken(ctx, m.messageId);
    const payload = cardActionPayload(world, app, input, m.chatId, token);
    const timeoutMs = opts.callbackTimeoutMs ?? 3000;
    const r = await deliverer.postCallback(callbacksUrl, payload, timeoutMs);
    const result: CardClickResult = {
      status: r.status,
      body: undefined,
      elapsedMs: r.elapsedMs,
      token,
      eventId: payload.header.event_id,
    };
    if (r.status === 0) return { ...result, clientError: r.error?.startsWith('timeout') ? 200341 : 200342 };
    try {
      result.body = JSON.parse(r.text);
    } catch {
      result.body = r.text;
      return { ...result, clientError: r.status === 200 ? 200672 : 200671 };
    }
    if (r.status !== 200) return { ...result, clientError: 200671 };
    return applyCallbackAnswer(ctx, m, result);
  };

  const emu: Emulator = {
    baseUrl,
    app,
    world,
    setBotEndpoints(e, c) {
      eventsUrl = e;
      callbacksUrl = c;
    },
    addUser: (u) => world.addUser(u),
    addChat: (c) => world.addChat(c),
    addFile: (f) => {
      world.files.push(f);
    },
    uploads: world.uploads,
    uploadedFile(m) {
      const msg = typeof m === 'string' ? world.byId.get(m) : m;
      const content = msg?.content;
      const key = isObj(content) && typeof content.file_key === 'string' ? content.file_key : undefined;
      return key ? world.uploads.get(key) : undefined;
    },
    calls,
    messages: world.messages,
    inbound: world.inbound,
    message: (id) => world.byId.get(id),
    messagesTo: (t) => world.messagesTo(t),
    latestCard: (t) =>
      world
        .messagesTo(t)
        .filter((m) => m.msgType === 'interactive')
        .at(-1),
    textOf(m, locale) {
      const msg = typeof m === 'string' ? world.byId.get(m) : m;
      return msg ? renderMessageText(msg.msgType, msg.current, locale) : '';
    },
    transcript: (o) => renderTranscript(world, { ...o, botName: app.botName }),
    rateLimitViolations: ctx.limiter.violations,
    maxRateObserved: (scope, key) => ctx.limiter.maxObserved(scope, key),
    setRateLimits(r) {
      ctx.limiter.config = resolveRateLimits(r);
    },
    injectFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    expireTokens: () => ctx.tokens.clear(),
    deliveries: deliverer.attempts,
    async sendText(input) {
      const { event, messageId, chat } = buildTextEvent(world, app, input, clock());
      if (chat.chatType === 'group' && !input.mentionBot) {
        return {
          eventId: '',
          status: 0,
          attempts: 0,
          skipped: 'group message without @bot',
          messageId,
          chatId: chat.chatId,
        };
      }
      return { ...(await deliverEvent('im.message.receive_v1', event)), messageId, chatId: chat.chatId };
    },
    async sendFile(input) {
      const chat = chatForMessage(world, input.chatType, input.sender, input.chatId);
      const fileKey = input.fileKey ?? ids.fileKey();
      const content = JSON.stringify({ file_key: fileKey, file_name: input.fileName });
      const { event, messageId } = buildMessageEvent(
        world,
        app,
        { chat, sender: input.sender, messageType: 'file', content },
        clock(),
      );
      world.files.push({
        messageId,
        fileKey,
        fileName: input.fileName,
        bytes: input.bytes,
        contentType: input.contentType,
      });
      return {
        ...(await deliverEvent('im.message.receive_v1', event)),
        messageId,
        fileKey,
        chatId: chat.chatId,
      };
    },
    deliverEvent,
    redeliver(eventId) {
      const env = envelopes.get(eventId);
      if (!env) throw new Error(`emulator: no delivered event ${eventId}`);
      return push(env);
    },
    addMemberToChat({ chatId, users, operator }) {
      const chat = chatForMessage(world, 'group', '', chatId);
      for (const u of users) if (!chat.members.includes(u)) chat.members.push(u);
      return deliverEvent(
        'im.chat.member.user.added_v1',
        memberEvent(world, app, chat, users, operator ?? users[0] ?? ''),
      );
    },
    removeMemberFromChat({ chatId, users, operator }) {
      const chat = chatForMessage(world, 'group', '', chatId);
      chat.members = chat.members.filter((m) => !users.includes(m));
      return deliverEvent(
        'im.chat.member.user.deleted_v1',
        memberEvent(world, app, chat, users, operator ?? users[0] ?? ''),
      );
    },
    botAddedToChat({ chatId, name, members, operator }) {
      const chat =
        world.chats.get(chatId) ??
        world.addChat({ chatId, name: name ?? chatId, members: members ?? [operator] });
      chat.botInChat = true;
      return deliverEvent('im.chat.member.bot.added_v1', botMemberEvent(world, app, chat, operator));
    },
    botRemovedFromChat({ chatId, operator }) {
      const chat = chatForMessage(world, 'group', '', chatId);
      chat.botInChat = false;
      return deliverEvent('im.chat.member.bot.deleted_v1', botMemberEvent(world, app, chat, operator));
    },
    clickCard,
    clickButton({ messageId, operator, text, formValue }) {
      const m = world.byId.get(messageId);
      const found = m ? findButton(m.current, text) : undefined;
      if (!found) throw new Error(`emulator: no button "${text}" in ${messageId}`);
      const inForm = found.form !== undefined;
      return clickCard({
        messageId,
        operator,
        value: callbackValue(found.element),
        tag: 'button',
        name: typeof found.element.name === 'string' ? found.element.name : undefined,
        formValue: inForm ? (formValue ?? {}) : formValue,
      });
    },
    waitFor: (fn, o) => waitFor(fn, o),
    close: () => closeAll(server, deliverer),
  };
  return emu;
}

/** Applies a callback answer as the Feishu client would (toast, raw card update). */
function applyCallbackAnswer(ctx: EmuContext, m: StoredMessage, result: CardClickResult): CardClickResult {
  const body = result.body;
  if (!isObj(body)) return { ...result, clientError: 200672 };
  if (body.toast !== undefined) {
    const t = body.toast;
    if (!isObj(t) || !['info', 'success', 'error', 'warning'].includes(String(t.type ?? 'info'))) {
      return { ...result, clientError: 200672 };
    }
    result.toast = { type: t.type as string | undefined, content: t.content as string | undefined };
  }
  if (body.card === undefined) return result;
  const card = body.card;
  if (!isObj(card) || (card.type !== 'raw' && card.type !== 'template') || !isObj(card.data)) {
    return { ...result, clientError: 200673 };
  }
  if (card.type === 'raw') {
    const was2 = isObj(m.current) && m.current.schema === '2.0';
    if (was2 && card.data.schema !== '2.0') return { ...result, clientError: 200830 };
    const problems = checkCard(card.data);
    if (problems.length)
      return { ...result, clientError: 200673, problems: problems.map((p) => `${p.path}: ${p.message}`) };
    applyUpdate(ctx, m, 'callback_response', card.data);
  } else {
    if (typeof card.data.template_id !== 'string') return { ...result, clientError: 200673 };
    applyUpdate(ctx, m, 'callback_response', { type: 'template', data: card.data });
  }
  return result;
}

/** Polls `fn` until it returns a truthy value (returned) or the timeout passes (throws). */
export async function waitFor<T>(
  fn: () => T | undefined | false | null,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`waitFor: timed out after ${opts.timeoutMs ?? 5000} ms`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 20));
  }
}

async function closeAll(server: Server, deliverer: Deliverer): Promise<void> {
  deliverer.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
