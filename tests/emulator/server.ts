/** HTTP plumbing of the emulator: routing, auth, gateway limits, faults and call recording. */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  batchGetUserIds,
  chatMembers,
  checkAuth,
  getUser,
  messageResource,
  tenantAccessToken,
} from './api-directory.js';
import { uploadFile } from './api-files.js';
import { createMessage, delayedCardUpdate, patchMessage, replyMessage, urgentApp } from './api-messages.js';
import type { ApiRequest, EmuContext } from './context.js';
import type { FaultBox } from './faults.js';
import { type MultipartPart, multipartBoundary, parseMultipart } from './multipart.js';
import { type ApiReply, fail, gatewayLimited, IM_MSG } from './responses.js';
import { ids } from './world.js';

/** One HTTP call the emulator received. `status` 0 = connection dropped by an injected fault. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: unknown;
  status: number;
  /** `code` of the JSON answer, when there was one. */
  code?: number;
  /** Operation name, e.g. `im.message.create` (undefined for unknown paths). */
  operation?: string;
  /** Wall-clock ms when the call arrived. */
  at: number;
  durationMs: number;
  /** True when an injected fault decided the answer. */
  faulted?: boolean;
}

type Handler = (ctx: EmuContext, req: ApiRequest) => ApiReply;

interface Route {
  method: string;
  re: RegExp;
  keys: string[];
  op: string;
  auth: boolean;
  handler: Handler;
}

function route(method: string, pattern: string, op: string, handler: Handler, auth = true): Route {
  const keys: string[] = [];
  const src = pattern
    .split('/')
    .map((seg) => {
      if (!seg.startsWith(':')) return seg;
      keys.push(seg.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { method, re: new RegExp(`^${src}$`), keys, op, auth, handler };
}

const ROUTES: Route[] = [
  route(
    'POST',
    '/open-apis/auth/v3/tenant_access_token/internal',
    'auth.tenant_access_token',
    tenantAccessToken,
    false,
  ),
  route('POST', '/open-apis/im/v1/messages', 'im.message.create', createMessage),
  route('POST', '/open-apis/im/v1/messages/:message_id/reply', 'im.message.reply', replyMessage),
  route('PATCH', '/open-apis/im/v1/messages/:message_id/urgent_app', 'im.message.urgent_app', urgentApp),
  route('PATCH', '/open-apis/im/v1/messages/:message_id', 'im.message.patch', patchMessage),
  route('POST', '/open-apis/interactive/v1/card/update', 'interactive.card.update', delayedCardUpdate),
  route('GET', '/open-apis/im/v1/chats/:chat_id/members', 'im.chat_members.get', chatMembers),
  route('POST', '/open-apis/contact/v3/users/batch_get_id', 'contact.user.batch_get_id', batchGetUserIds),
  route('GET', '/open-apis/contact/v3/users/:user_id', 'contact.user.get', getUser),
  route('POST', '/open-apis/im/v1/files', 'im.file.create', uploadFile),
  route(
    'GET',
    '/open-apis/im/v1/messages/:message_id/resources/:file_key',
    'im.message_resource.get',
    messageResource,
  ),
];

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function write(res: ServerResponse, reply: ApiReply): void {
  const headers: Record<string, string> = { 'x-tt-logid': ids.logId(), ...reply.headers };
  if (reply.bytes) {
    res.writeHead(reply.status, { ...headers, 'content-length': String(reply.bytes.length) });
    res.end(reply.bytes);
    return;
  }
  const text = JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function faultReply(status: number | undefined, code: number | undefined, msg: string | undefined): ApiReply {
  const http = status ?? (code === 99991400 ? 429 : 400);
  const c = code ?? http;
  const text =
    msg ??
    IM_MSG[c] ??
    (c === 99991400 ? 'request trigger frequency limit' : (STATUS_CODES[http] ?? 'error'));
  return fail(http, c, text);
}

/** Dependencies of the HTTP server. */
export interface ServerDeps {
  ctx: EmuContext;
  faults: FaultBox;
  calls: RecordedCall[];
}

/** Handles one request end to end. */
async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = Date.now();
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const query = Object.fromEntries(url.searchParams.entries());
  const raw = await readBody(req);
  const call: RecordedCall = {
    method,
    path: url.pathname,
    query,
    body: undefined,
    status: 0,
    at,
    durationMs: 0,
  };
  const finish = (reply: ApiReply): void => {
    call.status = reply.status;
    const b = reply.body as { code?: unknown } | undefined;
    if (typeof b?.code === 'number') call.code = b.code;
    call.durationMs = Date.now() - at;
    deps.calls.push(call);
    write(res, reply);
  };
  let parseError = false;
  let parts: MultipartPart[] | undefined;
  const boundary = multipartBoundary(req.headers['content-type']);
  if (boundary) {
    parts = parseMultipart(raw, boundary);
    parseError = parts === undefined;
    // Recorded without the file bytes: text fields as they are, files as their size.
    call.body = Object.fromEntries(
      (parts ?? []).map((p) => [
        p.name,
        p.filename === undefined && p.name !== 'file' ? p.data.toString('utf8') : `<${p.data.length} bytes>`,
      ]),
    );
  } else if (raw.length > 0) {
    try {
      call.body = JSON.parse(raw.toString('utf8'));
    } catch {
      parseError = true;
    }
  }
  const match = ROUTES.map((r) => ({ r, m: r.method === method ? r.re.exec(url.pathname) : null })).find(
    (x) => x.m,
  );
  call.operation = match?.r.op;

  const fault = deps.faults.take(method, url.pathname);
  if (fault) {
    call.faulted = true;
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.drop) {
      call.durationMs = Date.now() - at;
      deps.calls.push(call);
      req.socket.destroy();
      return;
    }
    if (fault.status !== undefined || fault.code !== undefined)
      return finish(faultReply(fault.status, fault.code, fault.msg));
    call.faulted = undefined;
  }
  if (!match?.m) return finish({ status: 404, body: { code: 404, msg: '404 page not found' } });
  if (parseError)
    return finish(
      fail(400, 9499, boundary ? 'Bad Request: invalid multipart body' : 'Bad Request: invalid JSON body'),
    );
  const { r, m } = match;
  if (r.auth) {
    const denied = checkAuth(deps.ctx, req.headers.authorization);
    if (denied) return finish(denied);
    const limit = deps.ctx.limiter.take([
      ['app_second', r.op],
      ['app_minute', r.op],
    ]);
    if (limit) {
      const perSecond = limit.scope === 'app_second';
      const cfg = deps.ctx.limiter.config;
      return finish(gatewayLimited(perSecond ? cfg.appPerSecond : cfg.appPerMinute, perSecond ? 1 : 60));
    }
  }
  const params: Record<string, string> = {};
  r.keys.forEach((k, i) => {
    params[k] = decodeURIComponent(m[i + 1] ?? '');
  });
  const reply = r.handler(deps.ctx, {
    method,
    pathname: url.pathname,
    params,
    query,
    body: call.body,
    parts,
  });
  finish(reply);
}

/** Starts the HTTP server on 127.0.0.1 (port 0 = any free port). */
export async function startServer(deps: ServerDeps, port = 0): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) write(res, fail(500, 1500, `emulator error: ${String(err)}`));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const addr = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${addr.port}` };
}
