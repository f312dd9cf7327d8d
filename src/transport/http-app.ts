import Router from '@koa/router';
import Koa from 'koa';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../time/clock.js';
import { BodyTooLargeError, readRawBody } from './raw-body.js';
import { type TransportSecrets, unwrapRequest } from './unwrap.js';

export interface HttpAppOptions {
  secrets: TransportSecrets;
  dispatcher: Dispatcher;
  clock: Clock;
  log: Logger;
  /** True when the database answers. */
  healthCheck: () => Promise<boolean>;
  bodyLimitBytes?: number;
}

const CALLBACK_DEADLINE_MS = 3_000;

function header(ctx: Koa.Context, name: string): string | undefined {
  const value = ctx.get(name);
  return value === '' ? undefined : value;
}

/**
 * The webhook transport: verifies and acks; all work happens in the dispatcher.
 * POST /lark/events, POST /lark/callbacks, GET /healthz; anything else is 404.
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
        ctx.status = 413;
        ctx.body = { error: 'body too large' };
        return;
      }
      opts.log.error({ err: error, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal error' };
    }
  });

  async function unwrap(ctx: Koa.Context) {
    const raw = await readRawBody(ctx.req, limit);
    const result = unwrapRequest(
      {
        timestamp: header(ctx, 'X-Lark-Request-Timestamp'),
        nonce: header(ctx, 'X-Lark-Request-Nonce'),
        signature: header(ctx, 'X-Lark-Signature'),
      },
      raw,
      opts.secrets,
      opts.clock.now().getTime(),
    );
    if (result.kind === 'rejected') {
      opts.log.warn({ path: ctx.path, status: result.status, reason: result.reason }, 'request rejected');
      ctx.status = result.status;
      ctx.body = { error: result.status === 401 ? 'unauthorized' : 'bad request' };
      return undefined;
    }
    if (result.kind === 'challenge') {
      ctx.status = 200;
      ctx.body = { challenge: result.challenge };
      return undefined;
    }
    return result.envelope;
  }

  router.post('/lark/events', async (ctx) => {
    const envelope = await unwrap(ctx);
    if (!envelope) return;
    try {
      const outcome = await opts.dispatcher.acceptEvent(envelope);
      ctx.status = 200;
      ctx.body = { ok: true, outcome };
    } catch (error) {
      // Not stored: ask Feishu to deliver again later.
      opts.log.error({ err: error, eventId: envelope.header.event_id }, 'cannot store event');
      ctx.status = 503;
      ctx.body = { error: 'temporarily unavailable' };
    }
  });

  router.post('/lark/callbacks', async (ctx) => {
    const started = Date.now();
    const envelope = await unwrap(ctx);
    if (!envelope) return;
    if (envelope.header.event_type !== 'card.action.trigger') {
      ctx.status = 200;
      ctx.body = {};
      return;
    }
    ctx.status = 200;
    ctx.body = await opts.dispatcher.handleCardAction(envelope);
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
