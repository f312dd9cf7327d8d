/**
 * The Feishu / Lark Open API client: the official SDK's `Client` plus small typed wrappers that
 * return plain data and throw {@link LarkApiError} for every kind of failure.
 */
import {
  type Cache,
  Client,
  CTenantAccessToken,
  DefaultCache,
  Domain,
  defaultHttpInstance,
  type HttpInstance,
  type HttpRequestOptions,
  LoggerLevel,
} from '@larksuiteoapi/node-sdk';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { LarkApiError, toLarkApiError, unwrapLarkResponse } from './errors.js';

/** How a new message names its recipient. */
export type ReceiveIdType = 'chat_id' | 'open_id';

/** Message types the bot sends. */
export type MsgType = 'text' | 'interactive' | 'post' | 'file';

/** Upload types of im.v1.file.create; `stream` is any other file (CSV, XLSX…). mp4 / opus are media. */
export type UploadFileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';

/** The open_ids batch_get_id found, keyed by the email / mobile exactly as asked. */
export interface ResolvedUserIds {
  byEmail: Map<string, string>;
  byMobile: Map<string, string>;
}

/** Thrown by {@link LarkClient.downloadResource} when a file is larger than the caller's limit. */
export class ResourceTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`resource larger than ${limitBytes} bytes`);
    this.name = 'ResourceTooLargeError';
  }
}

/** A chat member as listed by im.v1.chatMembers.get (bots are not listed). */
export interface ChatMember {
  openId: string;
  name: string;
}

/** The parts of contact.v3.user.get the bot uses (ids are open_ids). */
export interface LarkUser {
  openId: string;
  name: string;
  enName?: string;
  email?: string;
  departmentIds: string[];
  leaderOpenId?: string;
  isTenantManager?: boolean;
  /** False when the account is frozen, resigned or not activated. */
  active: boolean;
}

/** Typed Open API calls; each throws {@link LarkApiError} on any failure. */
export interface LarkClient {
  readonly appId: string;
  /** The SDK client, for calls not wrapped here. */
  readonly sdk: Client;
  /** im.v1.message.create; `uuid` (≤ 50 chars) makes Feishu drop a repeat within one hour. */
  createMessage(input: {
    receiveIdType: ReceiveIdType;
    receiveId: string;
    msgType: MsgType;
    content: string;
    uuid?: string;
  }): Promise<{ messageId: string }>;
  /** im.v1.message.reply. */
  replyMessage(input: {
    messageId: string;
    msgType: MsgType;
    content: string;
    replyInThread?: boolean;
    uuid?: string;
  }): Promise<{ messageId: string }>;
  /** im.v1.message.patch: replaces a shared card (`update_multi`) the bot sent. */
  patchMessage(input: { messageId: string; content: string }): Promise<void>;
  /** im.v1.message.urgentApp: in-app buzz on a message the bot sent. */
  urgentApp(input: { messageId: string; openIds: string[] }): Promise<{ invalidOpenIds: string[] }>;
  /** POST /open-apis/interactive/v1/card/update: delayed update with a callback token (30 min, 2 uses). */
  updateCard(input: { token: string; card: unknown }): Promise<void>;
  /** Every member of a chat (all pages of 100), as open_ids. */
  getChatMembers(chatId: string): Promise<ChatMember[]>;
  /** One user by open_id. */
  getUser(openId: string): Promise<LarkUser>;
  /**
   * open_ids by email and mobile (contact.v3.user.batchGetId, 50 of each per call, so larger
   * lists take several calls). Unknown or resigned users are simply absent from the maps.
   */
  resolveUserIds(input: {
    emails?: readonly string[];
    mobiles?: readonly string[];
  }): Promise<ResolvedUserIds>;
  /** im.v1.file.create: uploads a file (≤ 30 MB, not empty) the bot can send as `msg_type: file`. */
  uploadFile(input: {
    fileName: string;
    fileType: UploadFileType;
    bytes: Buffer;
  }): Promise<{ fileKey: string }>;
  /**
   * im.v1.messageResource.get: the bytes of a file / image in a message users sent. With
   * `maxBytes`, stops reading and throws {@link ResourceTooLargeError} beyond it.
   */
  downloadResource(input: {
    messageId: string;
    fileKey: string;
    type: 'file' | 'image';
    maxBytes?: number;
  }): Promise<Buffer>;
  /** Forgets the cached tenant_access_token (after 99991663 and friends). */
  resetToken(): Promise<void>;
}

/** Options of {@link createLarkClient}. */
export interface LarkClientOptions {
  /** Token cache; a fresh one per client by default, so clients (and tests) never share tokens. */
  cache?: Cache;
  /** Per-request timeout (default 10 s); the SDK's own default is none. */
  timeoutMs?: number;
  /** Receives the SDK's own error lines at debug level (outcomes are logged by the callers). */
  log?: Logger;
  /** Transport override (tests); wrapped with the timeout. */
  httpInstance?: HttpInstance;
}

/** Maps LARK_DOMAIN (`feishu`, `lark` or a base URL) to the SDK's `domain`. */
export function toSdkDomain(domain: string): Domain | string {
  if (domain === 'feishu') return Domain.Feishu;
  if (domain === 'lark') return Domain.Lark;
  return domain.replace(/\/+$/, '');
}

function withTimeout(base: HttpInstance, timeoutMs: number): HttpInstance {
  const t = <D>(opts?: HttpRequestOptions<D>): HttpRequestOptions<D> => ({ timeout: timeoutMs, ...opts });
  return {
    request: (opts) => base.request(t(opts)),
    get: (url, opts) => base.get(url, t(opts)),
    delete: (url, opts) => base.delete(url, t(opts)),
    head: (url, opts) => base.head(url, t(opts)),
    options: (url, opts) => base.options(url, t(opts)),
    post: (url, data, opts) => base.post(url, data, t(opts)),
    put: (url, data, opts) => base.put(url, data, t(opts)),
    patch: (url, data, opts) => base.patch(url, data, t(opts)),
  };
}

/** Summarises SDK log arguments without request bodies (the token request carries the secret). */
function summarize(args: unknown[]): string {
  return args
    .flat(2)
    .map((a) => {
      if (a instanceof Error) return a.message;
      if (typeof a === 'object' && a !== null) {
        const o = a as { message?: unknown; response?: { status?: unknown; data?: unknown } };
        return JSON.stringify({ message: o.message, status: o.response?.status, data: o.response?.data });
      }
      return String(a);
    })
    .join(' ')
    .slice(0, 1000);
}

function sdkLogger(log: Logger | undefined) {
  const write =
    (level: string) =>
    (...args: unknown[]) => {
      log?.debug({ sdkLevel: level }, summarize(args));
    };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    trace: write('trace'),
  };
}

async function call<T>(
  fn: () => Promise<{ code?: number; msg?: string; data?: T } | undefined>,
): Promise<T | undefined> {
  let res: { code?: number; msg?: string; data?: T } | undefined;
  try {
    res = await fn();
  } catch (error) {
    throw toLarkApiError(error);
  }
  return unwrapLarkResponse(res);
}

function requireMessageId(data: { message_id?: string } | undefined): { messageId: string } {
  if (!data?.message_id)
    throw new LarkApiError({ code: -1, msg: 'answer without message_id', httpStatus: 200 });
  return { messageId: data.message_id };
}

const BATCH_GET_ID_MAX = 50;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isReadable(value: unknown): value is AsyncIterable<Buffer> & { destroy(): void } {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value && 'destroy' in value;
}

/** Reads a stream to its end, or throws {@link ResourceTooLargeError} past `maxBytes`. */
async function readAll(
  stream: AsyncIterable<Buffer> & { destroy(): void },
  maxBytes: number,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new ResourceTooLargeError(maxBytes);
    }
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}

/** A download error's body arrives as a stream; read it (small) so the Feishu code is known. */
async function withReadBody(error: unknown): Promise<unknown> {
  const response = (error as { response?: { data?: unknown } } | undefined)?.response;
  if (!response || !isReadable(response.data)) return error;
  try {
    const text = (await readAll(response.data, 64 * 1024)).toString('utf8');
    response.data = JSON.parse(text);
  } catch {
    response.data = undefined;
  }
  return error;
}

/** The SDK's shared axios instance (its interceptor answers `data`, hence the cast). */
const sdkHttp = defaultHttpInstance as unknown as HttpInstance;

/** Creates the client for the configured app and domain. */
export function createLarkClient(
  config: Pick<Config, 'appId' | 'appSecret' | 'domain'>,
  opts: LarkClientOptions = {},
): LarkClient {
  const cache = opts.cache ?? new DefaultCache();
  const sdk = new Client({
    appId: config.appId,
    appSecret: config.appSecret,
    domain: toSdkDomain(config.domain),
    cache,
    // LoggerLevel.fatal is 0, which the SDK treats as "unset" and turns into info.
    loggerLevel: LoggerLevel.error,
    logger: sdkLogger(opts.log),
    httpInstance: withTimeout(opts.httpInstance ?? sdkHttp, opts.timeoutMs ?? 10_000),
  });
  const msg = sdk.im.v1.message;

  return {
    appId: config.appId,
    sdk,
    async createMessage(input) {
      const data = await call(() =>
        msg.create({
          params: { receive_id_type: input.receiveIdType },
          data: {
            receive_id: input.receiveId,
            msg_type: input.msgType,
            content: input.content,
            ...(input.uuid ? { uuid: input.uuid } : {}),
          },
        }),
      );
      return requireMessageId(data);
    },
    async replyMessage(input) {
      const data = await call(() =>
        msg.reply({
          path: { message_id: input.messageId },
          data: {
            msg_type: input.msgType,
            content: input.content,
            ...(input.replyInThread ? { reply_in_thread: true } : {}),
            ...(input.uuid ? { uuid: input.uuid } : {}),
          },
        }),
      );
      return requireMessageId(data);
    },
    async patchMessage(input) {
      await call(() =>
        msg.patch({ path: { message_id: input.messageId }, data: { content: input.content } }),
      );
    },
    async urgentApp(input) {
      const data = await call(() =>
        msg.urgentApp({
          path: { message_id: input.messageId },
          params: { user_id_type: 'open_id' },
          data: { user_id_list: input.openIds },
        }),
      );
      return { invalidOpenIds: data?.invalid_user_id_list ?? [] };
    },
    async updateCard(input) {
      await call(() =>
        sdk.request<{ code?: number; msg?: string; data?: unknown }>({
          method: 'POST',
          url: '/open-apis/interactive/v1/card/update',
          data: { token: input.token, card: input.card },
        }),
      );
    },
    async getChatMembers(chatId) {
      const members: ChatMember[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < 1000; page++) {
        const data = await call(() =>
          sdk.im.v1.chatMembers.get({
            path: { chat_id: chatId },
            params: {
              member_id_type: 'open_id',
              page_size: 100,
              ...(pageToken ? { page_token: pageToken } : {}),
            },
          }),
        );
        for (const m of data?.items ?? []) {
          if (m.member_id) members.push({ openId: m.member_id, name: m.name ?? '' });
        }
        pageToken = data?.page_token;
        if (!data?.has_more || !pageToken) break;
      }
      return members;
    },
    async getUser(openId) {
      const data = await call(() =>
        sdk.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }),
      );
      const u = data?.user;
      if (!u) throw new LarkApiError({ code: -1, msg: 'answer without user', httpStatus: 200 });
      const s = u.status;
      return {
        openId: u.open_id ?? openId,
        name: u.name ?? '',
        ...(u.en_name ? { enName: u.en_name } : {}),
        ...(u.email || u.enterprise_email ? { email: u.email || u.enterprise_email } : {}),
        departmentIds: u.department_ids ?? [],
        ...(u.leader_user_id ? { leaderOpenId: u.leader_user_id } : {}),
        ...(u.is_tenant_manager !== undefined ? { isTenantManager: u.is_tenant_manager } : {}),
        active: !(s?.is_frozen || s?.is_resigned || s?.is_exited) && s?.is_activated !== false,
      };
    },
    async resolveUserIds(input) {
      const byEmail = new Map<string, string>();
      const byMobile = new Map<string, string>();
      const emails = chunks([...new Set(input.emails ?? [])], BATCH_GET_ID_MAX);
      const mobiles = chunks([...new Set(input.mobiles ?? [])], BATCH_GET_ID_MAX);
      for (let i = 0; i < Math.max(emails.length, mobiles.length); i++) {
        const data = await call(() =>
          sdk.contact.v3.user.batchGetId({
            params: { user_id_type: 'open_id' },
            data: { emails: emails[i] ?? [], mobiles: mobiles[i] ?? [], include_resigned: false },
          }),
        );
        for (const u of data?.user_list ?? []) {
          if (!u.user_id) continue;
          if (u.email) byEmail.set(u.email, u.user_id);
          if (u.mobile) byMobile.set(u.mobile, u.user_id);
        }
      }
      return { byEmail, byMobile };
    },
    async uploadFile(input) {
      let res: { file_key?: string } | null;
      try {
        res = await sdk.im.v1.file.create({
          data: { file_type: input.fileType, file_name: input.fileName, file: input.bytes },
        });
      } catch (error) {
        throw toLarkApiError(error);
      }
      // The SDK answers only `data`, so an HTTP 200 answer with a non-zero code arrives as null.
      if (!res?.file_key)
        throw new LarkApiError({ code: -1, msg: 'upload answered without file_key', httpStatus: 200 });
      return { fileKey: res.file_key };
    },
    async downloadResource(input) {
      try {
        const res = await sdk.im.v1.messageResource.get({
          path: { message_id: input.messageId, file_key: input.fileKey },
          params: { type: input.type },
        });
        const stream = res.getReadableStream() as unknown;
        if (!isReadable(stream))
          throw new LarkApiError({ code: -1, msg: 'download answered without a body' });
        return await readAll(stream, input.maxBytes ?? Number.POSITIVE_INFINITY);
      } catch (error) {
        if (error instanceof ResourceTooLargeError || error instanceof LarkApiError) throw error;
        throw toLarkApiError(await withReadBody(error));
      }
    },
    async resetToken() {
      // An expiry in the past makes the cache report "no token", so the next call fetches one.
      await cache.set(CTenantAccessToken, '', 1, { namespace: config.appId });
    },
  };
}
