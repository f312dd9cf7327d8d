/** Feishu-shaped API answers used by the emulator's handlers. */
import type { CardProblem } from './card-rules.js';
import { ids } from './world.js';

/** What a handler answers: HTTP status, JSON body (or raw bytes) and extra headers. */
export interface ApiReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON (file downloads). */
  bytes?: Buffer;
}

/** `{code:0, msg, data}` with HTTP 200. */
export function ok(data?: unknown, msg = 'success'): ApiReply {
  return { status: 200, body: data === undefined ? { code: 0, msg } : { code: 0, msg, data } };
}

/** A Feishu error body `{code, msg, error:{log_id, troubleshooter}}`. */
export function fail(status: number, code: number, msg: string, extra?: Record<string, unknown>): ApiReply {
  const logId = ids.logId();
  return {
    status,
    body: {
      code,
      msg,
      error: {
        log_id: logId,
        troubleshooter: `排查建议查看（Troubleshooting suggestions）： https://open.feishu.cn/search?from=openapi&log_id=${logId}&code=${code}`,
        ...extra,
      },
    },
  };
}

/** 99992402 field validation failed (HTTP 400), with `field_violations` as the gateway sends them. */
export function fieldViolation(field: string, description: string): ApiReply {
  return fail(400, 99992402, 'field validation failed', { field_violations: [{ field, description }] });
}

/** Messages of the documented message-API codes (发送消息 / 回复消息 / 更新卡片 error tables). */
export const IM_MSG: Record<number, string> = {
  230001: 'Your request contains an invalid request parameter.',
  230002: 'The bot can not be outside the group.',
  230012: 'Bot is NOT the sender of the message.',
  230013: 'Bot has NO availability to this user.',
  230017: 'Bot is NOT the owner of the resource.',
  230020: 'This operation triggers the frequency limit.',
  230025: 'The length of the message content reaches its limit.',
  230031: 'Message can only be modified within 14 days after sending.',
  230055: 'The type of file upload does not match the type of message being sent.',
  230099: 'Failed to create card content.',
};

/** An HTTP 400 message-API error with the documented message plus an optional `ext=` detail. */
export function imFail(code: number, ext?: string): ApiReply {
  const base = IM_MSG[code] ?? 'error';
  return fail(400, code, ext ? `${base.replace(/\.$/, '')}, ext=${ext}` : base);
}

/**
 * The body Feishu answers for an invalid card: 230025 for size, else 230099 with
 * `ext=ErrCode: <sub>; ErrPath: …; ErrMsg: …; ErrorValue: …; ` (see
 * feishu-examples/im.v1.messages.create.error.230099_200550.json).
 */
export function cardFail(problem: CardProblem): ApiReply {
  if (problem.code === 230025) return imFail(230025);
  const msg =
    `Failed to create card content, ext=ErrCode: ${problem.subCode ?? 200621}; ErrPath: ${problem.path}; ` +
    `ErrMsg: ${problem.message}; ErrorValue: ; `;
  return fail(400, 230099, msg);
}

/** 429 + 99991400, the gateway limit answer (频控策略). */
export function gatewayLimited(limit: number, resetSeconds: number): ApiReply {
  return {
    status: 429,
    body: { code: 99991400, msg: 'request trigger frequency limit' },
    headers: { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': String(resetSeconds) },
  };
}
