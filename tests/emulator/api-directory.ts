/** Token, chat members, user lookup (by id, by email / mobile) and message resource download. */
import { type ApiRequest, bodyOf, type EmuContext } from './context.js';
import { type ApiReply, fail, fieldViolation, ok } from './responses.js';
import { type EmuUser, ids } from './world.js';

const TOKEN_TTL_S = 7200;
const REFRESH_BELOW_S = 30 * 60;

/**
 * POST /open-apis/auth/v3/tenant_access_token/internal. Like the platform, returns the same token
 * while it has ≥ 30 minutes left (with the remaining `expire`), a new one otherwise. A wrong secret
 * answers HTTP 200 `{code:10014, msg:"app secret invalid"}` (what the live API returns; the generic
 * error table lists 10014/10015), an unknown app id `{code:10003, msg:"invalid param"}`.
 */
export function tenantAccessToken(ctx: EmuContext, req: ApiRequest): ApiReply {
  const b = bodyOf(req);
  if (b.app_id !== ctx.app.appId) return { status: 200, body: { code: 10003, msg: 'invalid param' } };
  if (b.app_secret !== ctx.app.appSecret)
    return { status: 200, body: { code: 10014, msg: 'app secret invalid' } };
  const now = ctx.clock();
  for (const [token, exp] of ctx.tokens) {
    const left = Math.floor((exp - now) / 1000);
    if (left >= REFRESH_BELOW_S)
      return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: left } };
  }
  const token = ids.tenantToken();
  ctx.tokens.set(token, now + TOKEN_TTL_S * 1000);
  return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: TOKEN_TTL_S } };
}

/** Checks `Authorization: Bearer <token>`: 99991661 when missing, 99991663 when unknown or expired (HTTP 400). */
export function checkAuth(ctx: EmuContext, header: string | undefined): ApiReply | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1])
    return fail(
      400,
      99991661,
      'Missing access token for authorization. Please make a request with token attached.',
    );
  const exp = ctx.tokens.get(m[1]);
  if (exp === undefined || exp <= ctx.clock()) {
    return fail(
      400,
      99991663,
      'Invalid access token for authorization. Please make a request with token attached.',
    );
  }
  return undefined;
}

function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64');
}

function decodePageToken(token: string): number | undefined {
  try {
    const o = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown }).o;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : undefined;
  } catch {
    return undefined;
  }
}

/** GET /open-apis/im/v1/chats/:chat_id/members?member_id_type=&page_size=&page_token= (page_size ≤ 100, default 20). */
export function chatMembers(ctx: EmuContext, req: ApiRequest): ApiReply {
  const chat = ctx.world.chats.get(req.params.chat_id ?? '');
  if (!chat) return fail(400, 232006, 'Your request specifies a chat_id which is invalid.');
  if (!chat.botInChat) return fail(400, 232011, 'Operator can NOT be out of the chat.');
  const idType = req.query.member_id_type ?? 'open_id';
  if (!['open_id', 'union_id', 'user_id'].includes(idType)) {
    return fail(400, 232001, 'Your request contains an invalid request parameter.');
  }
  const size = req.query.page_size === undefined ? 20 : Number(req.query.page_size);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    return fail(
      400,
      232001,
      'Your request contains an invalid request parameter, ext=page_size must be 1-100',
    );
  }
  const start = req.query.page_token ? decodePageToken(req.query.page_token) : 0;
  if (start === undefined)
    return fail(400, 232001, 'Your request contains an invalid request parameter, ext=invalid page_token');
  const slice = chat.members.slice(start, start + size);
  const items = slice.map((openId) => {
    const u = ctx.world.users.get(openId);
    const memberId =
      idType === 'open_id' ? openId : idType === 'union_id' ? (u?.unionId ?? '') : (u?.userId ?? '');
    return {
      member_id_type: idType,
      member_id: memberId,
      name: u?.name ?? '',
      tenant_key: ctx.app.tenantKey,
    };
  });
  const hasMore = start + size < chat.members.length;
  return ok({
    items,
    page_token: hasMore ? encodePageToken(start + size) : '',
    has_more: hasMore,
    member_total: chat.members.length,
  });
}

/** GET /open-apis/contact/v3/users/:user_id?user_id_type=open_id (unknown id → 400 / 41012). */
export function getUser(ctx: EmuContext, req: ApiRequest): ApiReply {
  const idType = req.query.user_id_type ?? 'open_id';
  const id = req.params.user_id ?? '';
  const u = [...ctx.world.users.values()].find((x) =>
    idType === 'open_id' ? x.openId === id : idType === 'union_id' ? x.unionId === id : x.userId === id,
  );
  if (!u) return fail(400, 41012, 'user id invalid error');
  const user: Record<string, unknown> = {
    union_id: u.unionId,
    user_id: u.userId,
    open_id: u.openId,
    name: u.name,
    en_name: u.enName ?? '',
    nickname: '',
    mobile_visible: u.mobile !== undefined,
    avatar: {
      avatar_72: `https://s1-imfile.feishucdn.com/static-resource/v1/${u.openId}~?image_size=72x72`,
      avatar_240: `https://s1-imfile.feishucdn.com/static-resource/v1/${u.openId}~?image_size=240x240`,
      avatar_640: `https://s1-imfile.feishucdn.com/static-resource/v1/${u.openId}~?image_size=640x640`,
      avatar_origin: `https://s1-imfile.feishucdn.com/static-resource/v1/${u.openId}~`,
    },
    status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
    department_ids: u.departmentIds ?? ['0'],
    is_tenant_manager: false,
    employee_type: 1,
    job_title: '',
  };
  if (u.email !== undefined) user.email = u.email;
  if (u.mobile !== undefined) user.mobile = u.mobile;
  return ok({ user });
}

/** GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file|image → the bytes. */
export function messageResource(ctx: EmuContext, req: ApiRequest): ApiReply {
  const type = req.query.type;
  if (type !== 'file' && type !== 'image') return fail(400, 234001, 'Invalid request param.');
  const messageId = req.params.message_id ?? '';
  const file = ctx.world.files.find((f) => f.fileKey === req.params.file_key);
  if (!file || (file.messageId !== undefined && file.messageId !== messageId)) {
    return fail(400, 234003, 'File not in message.');
  }
  const m = ctx.world.byId.get(messageId);
  if (m && !ctx.world.chats.get(m.chatId)?.botInChat) return fail(400, 234004, 'App not in chat.');
  return {
    status: 200,
    body: undefined,
    bytes: file.bytes,
    headers: {
      'content-type': file.contentType ?? 'application/octet-stream',
      'content-disposition': `attachment; filename="${encodeURIComponent(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    },
  };
}

/** Mainland numbers match with or without +86; spaces and dashes are ignored. */
function mobileKey(mobile: string): string {
  const digits = mobile.replace(/[\s-]/g, '');
  return digits.startsWith('+86') ? digits.slice(3) : digits;
}

/**
 * POST /open-apis/contact/v3/users/batch_get_id?user_id_type=open_id — open_ids by email and
 * mobile (通过手机号或邮箱获取用户 ID). At most 50 emails and 50 mobiles per call (99992402
 * beyond). Answers `data.user_list`: one item per queried email / mobile, with `user_id` (in the
 * requested id type) and `status` only when a user was found.
 */
export function batchGetUserIds(ctx: EmuContext, req: ApiRequest): ApiReply {
  const idType = req.query.user_id_type ?? 'open_id';
  if (!['open_id', 'union_id', 'user_id'].includes(idType)) {
    return fieldViolation('user_id_type', 'user_id_type must be open_id|union_id|user_id');
  }
  const b = bodyOf(req);
  const list = (v: unknown): string[] | undefined =>
    v === undefined ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  const emails = list(b.emails);
  const mobiles = list(b.mobiles);
  if (!emails) return fieldViolation('emails', 'emails must be an array of strings');
  if (!mobiles) return fieldViolation('mobiles', 'mobiles must be an array of strings');
  if (emails.length > 50)
    return fieldViolation('emails', 'the length of emails must be less than or equal to 50');
  if (mobiles.length > 50)
    return fieldViolation('mobiles', 'the length of mobiles must be less than or equal to 50');
  const users = [...ctx.world.users.values()];
  const idOf = (u: EmuUser) =>
    idType === 'open_id' ? u.openId : idType === 'union_id' ? u.unionId : u.userId;
  const status = {
    is_frozen: false,
    is_resigned: false,
    is_activated: true,
    is_exited: false,
    is_unjoin: false,
  };
  const found = (u: EmuUser | undefined) => (u ? { user_id: idOf(u), status } : {});
  const userList = [
    ...emails.map((email) => ({
      ...found(users.find((u) => u.email !== undefined && u.email.toLowerCase() === email.toLowerCase())),
      email,
    })),
    ...mobiles.map((mobile) => ({
      ...found(users.find((u) => u.mobile !== undefined && mobileKey(u.mobile) === mobileKey(mobile))),
      mobile,
    })),
  ];
  return ok({ user_list: userList });
}
