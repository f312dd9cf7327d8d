import Router from '@koa/router';
import Koa from 'koa';
import type { CallbackResponse, Dispatcher } from '../dispatch/dispatcher.js';
import { i18nPair } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../time/clock.js';
import type { Envelope } from './envelope.js';
import { BodyTooLargeError, readRawBody } from './raw-body.js';
import { type TransportSecrets, UNSIGNED_BODY_LIMIT, type Unwrapped, unwrapRequest } from './unwrap.js';
import { checkSignatureHeaders, hasSignatureHeaders } from './verify.js';

export interface HttpAppOptions {
  secrets: TransportSecrets;
  dispatcher: Dispatcher;
  clock: Clock;
  log: Logger;
  /** True when the database answers. */
  healthCheck: () => Promise<boolean>;
  /** Limit for signed bodies (default 1 MB); unsigned ones get {@link UNSIGNED_BODY_LIMIT}. */
  bodyLimitBytes?: number;
}

const CALLBACK_DEADLINE_MS = 3_000;

function header(ctx: Koa.Context, name: string): string | undefined {
  const value = ctx.get(name);
  return value === '' ? undefined : value;
}

function errorToast(key: 'common.badAction' | 'common.internalError'): CallbackResponse {
  const pair = i18nPair(key);
  return { toast: { type: 'error', content: pair.zh_cn, i18n: pair } };
}

/**
 * The webhook transport: verifies and acks; all work happens in the dispatcher.
 * POST /lark/events, POST /lark/callbacks, GET /healthz; anything else is 404.
 *
 * Order of checks per request: signature headers (a stale or malformed one is refused before a
 * byte of the body is read) → the body, up to 1 MB when signed and 4 KB when not → the
 * signature over the raw bytes → only then JSON, decryption and the edge schemas. A signed
 * payload of the wrong shape is acknowledged (200) with one log line and never stored.
 */
export function createHttpApp(opts: HttpAppOptions): Koa {
  const app = new Koa();
  const router = new Router();
  const limit = opts.bodyLimitBytes ?? 1024 * 1024;

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is not read: close the connection after the answer.
        ctx.set('Connection', 'close');
        ctx.status = 413;
        ctx.body = { error: 'body too large' };
        return;
      }
      opts.log.error({ err: error, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal error' };
    }
  });

  async function read(ctx: Koa.Context): Promise<Unwrapped> {
    const headers = {
      timestamp: header(ctx, 'X-Lark-Request-Timestamp'),
      nonce: header(ctx, 'X-Lark-Request-Nonce'),
      signature: header(ctx, 'X-Lark-Signature'),
    };
    const nowMs = opts.clock.now().getTime();
    const signed = hasSignatureHeaders(headers);
    if (signed) {
      const early = checkSignatureHeaders(headers, nowMs);
      if (early) return { kind: 'rejected', status: 401, reason: early };
    }
    const raw = await readRawBody(ctx.req, signed ? limit : UNSIGNED_BODY_LIMIT);
    return unwrapRequest(headers, raw, opts.secrets, nowMs, signed);
  }

  /** Answers everything but a verified envelope; returns the envelope when there is one. */
  async function unwrap(ctx: Koa.Context, onJunk: () => unknown): Promise<Envelope | undefined> {
    const result = await read(ctx);
    switch (result.kind) {
      case 'envelope':
        return result.envelope;
      case 'challenge':
        ctx.status = 200;
        ctx.body = { challenge: result.challenge };
        return undefined;
      case 'junk': {
        const { kind: _kind, ...detail } = result;
        opts.log.warn(
          { route: ctx.path, ...detail },
          'signed payload of the wrong shape acknowledged and dropped',
        );
        ctx.status = 200;
        ctx.body = onJunk();
        return undefined;
      }
      case 'rejected':
        opts.log.warn({ route: ctx.path, status: result.status, reason: result.reason }, 'request rejected');
        ctx.status = result.status;
        ctx.body = { error: result.status === 401 ? 'unauthorized' : 'bad request' };
        return undefined;
    }
  }

  router.post('/lark/events', async (ctx) => {
    const envelope = await unwrap(ctx, () => ({ ok: true, outcome: 'ignored' }));
    if (!envelope) return;
    try {
      const outcome = await opts.dispatcher.acceptEvent(envelope);
      ctx.status = 200;
      ctx.body = { ok: true, outcome };
    } catch (error) {
      // Not stored (the database did not answer): ask Feishu to deliver again later.
      opts.log.error({ err: error, eventId: envelope.header.event_id }, 'cannot store event');
      ctx.status = 503;
      ctx.body = { error: 'temporarily unavailable' };
    }
  });

  router.post('/lark/callbacks', async (ctx) => {
    const started = Date.now();
    const envelope = await unwrap(ctx, () => errorToast('common.badAction'));
    if (!envelope) return;
    if (envelope.header.event_type !== 'card.action.trigger') {
      ctx.status = 200;
      ctx.body = {};
      return;
    }
    ctx.status = 200;
    try {
      ctx.body = await opts.dispatcher.handleCardAction(envelope);
    } catch (error) {
      // Feishu does not retry callbacks: the person gets a toast instead of a 5xx.
      opts.log.error({ err: error, eventId: envelope.header.event_id }, 'card callback failed');
      ctx.body = errorToast('common.internalError');
    }
    const elapsed = Date.now() - started;
    if (elapsed > CALLBACK_DEADLINE_MS) {
      opts.log.error({ eventId: envelope.header.event_id, elapsed }, 'card callback missed the 3 s deadline');
    }
  });

  router.get('/healthz', async (ctx) => {
    const ok = await opts.healthCheck().catch(() => false);
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'unavailable' };
  });

  app.use(router.routes());
  app.use(router.allowedMethods());
  app.use(async (ctx) => {
    ctx.status = 404;
    ctx.body = { error: 'not found' };
  });
  return app;
}
