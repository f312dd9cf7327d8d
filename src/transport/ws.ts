import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { i18nPair } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { checkEnvelope } from './envelope.js';
import { nestsTooDeep } from './shape-check.js';
import { decryptPayload } from './verify.js';

/**
 * Handles one frame of the long connection: a 2.0 envelope (as an object or JSON string,
 * encrypted or not). The connection is authenticated when it opens, so frames carry no
 * signature, but they pass the same edge schemas as webhook bodies: a frame of the wrong shape
 * is logged once and dropped (a card action gets the "card out of date" toast). Events are
 * stored and processed like webhook events; a card action's answer is returned, and the SDK
 * sends it back as the callback response.
 */
export function createLongConnectionHandler(
  dispatcher: Dispatcher,
  encryptKey: string,
  log: Logger,
): (data: unknown) => Promise<unknown> {
  return async (data) => {
    let body: unknown;
    try {
      body = typeof data === 'string' && !nestsTooDeep(data) ? JSON.parse(data) : data;
      if (body && typeof body === 'object' && 'encrypt' in body && typeof body.encrypt === 'string') {
        const plain = decryptPayload(body.encrypt, encryptKey);
        body = nestsTooDeep(plain) ? plain : JSON.parse(plain);
      }
    } catch {
      log.warn('long connection: frame is neither JSON nor decryptable, dropped');
      return undefined;
    }
    const checked = checkEnvelope(body);
    if (!checked.ok) {
      const { ok: _ok, ...detail } = checked;
      log.warn({ route: 'ws', ...detail }, 'long connection: frame of the wrong shape dropped');
      if (checked.eventType !== 'card.action.trigger') return undefined;
      const pair = i18nPair('common.badAction');
      return { toast: { type: 'error', content: pair.zh_cn, i18n: pair } };
    }
    if (checked.envelope.header.event_type === 'card.action.trigger') {
      return dispatcher.handleCardAction(checked.envelope);
    }
    await dispatcher.acceptEvent(checked.envelope);
    return undefined;
  };
}

function domainOf(domain: string): string | lark.Domain {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain;
}

/**
 * Long-connection mode: the SDK's WSClient opens the WebSocket, authenticates with the app
 * credentials and hands each merged frame to `invoke(data, { needCheck: false })` of the
 * dispatcher it is given — here our handler, feeding the same dispatch as the webhook.
 */
export function startLongConnection(config: Config, dispatcher: Dispatcher, log: Logger): { close(): void } {
  const invoke = createLongConnectionHandler(dispatcher, config.encryptKey, log);
  const client = new lark.WSClient({
    appId: config.appId,
    appSecret: config.appSecret,
    domain: domainOf(config.domain),
    loggerLevel: lark.LoggerLevel.warn,
  });
  void client.start({ eventDispatcher: { invoke } as unknown as lark.EventDispatcher });
  log.info('long connection started');
  return { close: () => client.close() };
}
