import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { Logger } from '../logger.js';
import { envelopeSchema } from './envelope.js';
import { decryptPayload } from './verify.js';

function domainOf(domain: string): string | lark.Domain {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain;
}

/**
 * Long-connection mode: the SDK's WSClient receives events over a WebSocket it opens, and
 * hands each merged frame to our own `invoke`, which feeds the same dispatcher as the
 * webhook. What `invoke` returns is the answer to a card callback.
 */
export function startLongConnection(config: Config, dispatcher: Dispatcher, log: Logger): { close(): void } {
  const invoke = async (data: unknown): Promise<unknown> => {
    let body = typeof data === 'string' ? (JSON.parse(data) as unknown) : data;
    if (body && typeof body === 'object' && 'encrypt' in body && typeof body.encrypt === 'string') {
      body = JSON.parse(decryptPayload(body.encrypt, config.encryptKey));
    }
    const parsed = envelopeSchema.safeParse(body);
    if (!parsed.success) {
      log.warn('long connection: frame is not a 2.0 envelope');
      return undefined;
    }
    if (parsed.data.header.event_type === 'card.action.trigger') return dispatcher.handleCardAction(parsed.data);
    await dispatcher.acceptEvent(parsed.data);
    return undefined;
  };
  const client = new lark.WSClient({
    appId: config.appId,
    appSecret: config.appSecret,
    domain: domainOf(config.domain),
    loggerLevel: lark.LoggerLevel.warn,
  });
  // WSClient only calls `invoke(data, { needCheck: false })` on the dispatcher it is given.
  void client.start({ eventDispatcher: { invoke } as unknown as lark.EventDispatcher });
  log.info('long connection started');
  return { close: () => client.close() };
}
