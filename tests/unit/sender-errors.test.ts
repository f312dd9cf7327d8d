import { Domain } from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { toSdkDomain } from '../../src/lark/client.js';
import { LarkApiError, toLarkApiError, unwrapLarkResponse } from '../../src/lark/errors.js';
import { backoffMs } from '../../src/lark/sender.js';

/** The shape axios throws for an HTTP error answer. */
function axiosError(
  status: number | undefined,
  data?: unknown,
  url = 'https://open.feishu.cn/open-apis/im/v1/messages',
) {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    isAxiosError: true,
    code: status === undefined ? 'ECONNRESET' : 'ERR_BAD_REQUEST',
    config: { url },
    response: status === undefined ? undefined : { status, data },
  });
}

describe('Lark error classification', () => {
  it.each([
    ['230020 message rate limit', axiosError(400, { code: 230020, msg: 'limit' }), 230020, true],
    ['99991400 gateway limit', axiosError(429, { code: 99991400, msg: 'limit' }), 99991400, true],
    ['HTTP 500 without a Feishu body', axiosError(500, '<html>'), 500, true],
    ['HTTP 503 with a Feishu body', axiosError(503, { code: 1500, msg: 'busy' }), 1500, true],
    ['connection reset', axiosError(undefined), -1, true],
    ['invalid token', axiosError(400, { code: 99991663, msg: 'invalid token' }), 99991663, true],
    ['bad card', axiosError(400, { code: 230099, msg: 'Failed to create card content' }), 230099, false],
    ['bot not in chat', axiosError(400, { code: 230002, msg: 'outside' }), 230002, false],
    ['no permission', axiosError(400, { code: 99991672, msg: 'scope' }), 99991672, false],
  ])('%s', (_name, thrown, code, retryable) => {
    const e = toLarkApiError(thrown);
    expect(e).toBeInstanceOf(LarkApiError);
    expect({ code: e.code, retryable: e.retryable }).toEqual({ code, retryable });
  });

  it('reads the SDK token manager error and marks it as a token fetch', () => {
    const e = toLarkApiError(
      new Error('failed to get tenant_access_token, code: 10014, msg: app secret invalid'),
    );
    expect(e).toMatchObject({ code: 10014, msg: 'app secret invalid', tokenFetch: true, retryable: true });
    const http = toLarkApiError(
      axiosError(
        400,
        { code: 10003, msg: 'invalid param' },
        'http://x/open-apis/auth/v3/tenant_access_token/internal',
      ),
    );
    expect(http).toMatchObject({ tokenFetch: true, retryable: true });
  });

  it('does not retry a programming error', () => {
    expect(toLarkApiError(new TypeError('boom'))).toMatchObject({ code: -2, retryable: false });
  });

  it('turns an HTTP 200 answer with a non-zero code into an error', () => {
    expect(unwrapLarkResponse({ code: 0, data: { a: 1 } })).toEqual({ a: 1 });
    expect(() => unwrapLarkResponse({ code: 300030, msg: 'token expired' })).toThrow(LarkApiError);
    try {
      unwrapLarkResponse({ code: 230020, msg: 'limit' });
    } catch (e) {
      expect(e).toMatchObject({ code: 230020, httpStatus: 200, retryable: true });
    }
  });
});

describe('backoff and domains', () => {
  it('doubles from the base, caps, and jitters within [0.5, 1)', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 300_000, () => 0.999999))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(backoffMs(20, 1000, 300_000, () => 0)).toBe(150_000);
    expect(backoffMs(1, 1000, 300_000, () => 0)).toBe(500);
  });

  it('keeps ten attempts within the hour Feishu remembers a uuid', () => {
    let total = 0;
    for (let n = 1; n < 10; n++) total += backoffMs(n, 1000, 300_000, () => 0.999999);
    expect(total).toBeLessThan(3_600_000);
  });

  it('maps LARK_DOMAIN to the SDK domain', () => {
    expect(toSdkDomain('feishu')).toBe(Domain.Feishu);
    expect(toSdkDomain('lark')).toBe(Domain.Lark);
    expect(toSdkDomain('http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000');
  });
});
