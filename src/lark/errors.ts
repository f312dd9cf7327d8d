/**
 * One error type for every failed Open API call, whatever way the SDK reported it:
 * HTTP 200 with a non-zero `code` (returned by the SDK), HTTP 4xx/5xx (thrown as AxiosError with
 * the Feishu body in `response.data`), a network failure or timeout (AxiosError without a
 * response), or a failed tenant_access_token fetch (a plain Error from the SDK's token manager).
 */

/** Feishu codes worth retrying: 230020 message rate limit, 99991400 gateway rate limit. */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([230020, 99991400]);

/** Codes meaning the tenant_access_token is missing, invalid or expired: refetch it and retry. */
export const TOKEN_CODES: ReadonlySet<number> = new Set([99991661, 99991663, 99991677]);

/** `code` used when no Feishu code is known (network error, timeout, unparseable answer). */
export const NETWORK_ERROR_CODE = -1;

/** `code` for a failure that is neither an answer nor a transport error (a bug): not retried. */
export const UNEXPECTED_ERROR_CODE = -2;

/** A failed Open API call. */
export class LarkApiError extends Error {
  /** Feishu `code`, or {@link NETWORK_ERROR_CODE}. */
  readonly code: number;
  /** Feishu `msg` or the transport's message. */
  readonly msg: string;
  /** HTTP status, when an answer arrived. */
  readonly httpStatus: number | undefined;
  /** The failure happened while fetching the tenant_access_token. */
  readonly tokenFetch: boolean;

  constructor(init: {
    code: number;
    msg: string;
    httpStatus?: number;
    tokenFetch?: boolean;
    cause?: unknown;
  }) {
    super(`Lark API error ${init.code}${init.httpStatus ? ` (HTTP ${init.httpStatus})` : ''}: ${init.msg}`, {
      cause: init.cause,
    });
    this.name = 'LarkApiError';
    this.code = init.code;
    this.msg = init.msg;
    this.httpStatus = init.httpStatus;
    this.tokenFetch = init.tokenFetch ?? false;
  }

  /** The token cache should be dropped before the next call. */
  get tokenInvalid(): boolean {
    return TOKEN_CODES.has(this.code);
  }

  /**
   * Worth another attempt later: rate limits, 429, 5xx, network errors, token problems (a
   * rotated secret can be fixed by an admin). Everything else (bad card 230099, bot not in chat
   * 230002, no permission, ...) will fail the same way again.
   */
  get retryable(): boolean {
    return this.retryableCode;
  }

  /**
   * The request may have reached Feishu and been carried out although no answer says so: no
   * answer at all (timeout, dropped connection) or a 5xx. A refusal with a code (rate limit, 4xx)
   * or a failed token fetch means the call itself was not made or not acted on.
   */
  get mayHaveArrived(): boolean {
    if (this.tokenFetch) return false;
    if (this.httpStatus === undefined) return this.code === NETWORK_ERROR_CODE;
    return this.httpStatus >= 500;
  }

  private get retryableCode(): boolean {
    if (this.code === NETWORK_ERROR_CODE || this.tokenFetch || this.tokenInvalid) return true;
    if (RETRYABLE_CODES.has(this.code)) return true;
    return this.httpStatus === 429 || (this.httpStatus !== undefined && this.httpStatus >= 500);
  }
}

interface AxiosLike {
  isAxiosError?: boolean;
  message?: string;
  code?: string;
  config?: { url?: string };
  response?: { status?: number; data?: unknown };
}

function bodyCode(data: unknown): { code?: number; msg?: string } {
  if (typeof data !== 'object' || data === null) return {};
  const { code, msg } = data as { code?: unknown; msg?: unknown };
  return {
    code: typeof code === 'number' ? code : undefined,
    msg: typeof msg === 'string' ? msg : undefined,
  };
}

/** Converts anything the SDK threw into a {@link LarkApiError}. */
export function toLarkApiError(error: unknown): LarkApiError {
  if (error instanceof LarkApiError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as AxiosLike;
  const tokenFetch = e.config?.url?.includes('/auth/v3/') ?? false;
  if (e.isAxiosError) {
    const status = e.response?.status;
    const body = bodyCode(e.response?.data);
    if (status === undefined) {
      return new LarkApiError({
        code: NETWORK_ERROR_CODE,
        msg: `${e.code ?? 'network error'}: ${e.message ?? ''}`.trim(),
        tokenFetch,
        cause: error,
      });
    }
    return new LarkApiError({
      code: body.code ?? status,
      msg: body.msg ?? e.message ?? `HTTP ${status}`,
      httpStatus: status,
      tokenFetch,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const token = /failed to get tenant_access_token, code: (-?\d+|unknown), msg: (.*)$/.exec(message);
  if (token) {
    const code = Number(token[1]);
    return new LarkApiError({
      code: Number.isFinite(code) ? code : NETWORK_ERROR_CODE,
      msg: token[2] ?? message,
      tokenFetch: true,
      cause: error,
    });
  }
  return new LarkApiError({ code: UNEXPECTED_ERROR_CODE, msg: message, cause: error });
}

/** Checks an SDK answer (HTTP 200): returns its `data` when `code` is 0, throws otherwise. */
export function unwrapLarkResponse<T>(
  res: { code?: number; msg?: string; data?: T } | undefined,
): T | undefined {
  if (!res || typeof res !== 'object') {
    throw new LarkApiError({ code: NETWORK_ERROR_CODE, msg: 'empty answer from the Open API' });
  }
  if (res.code !== undefined && res.code !== 0) {
    throw new LarkApiError({ code: res.code, msg: res.msg ?? '', httpStatus: 200 });
  }
  return res.data;
}
