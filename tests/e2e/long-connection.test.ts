import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { createLongConnectionHandler } from '../../src/transport/ws.js';
import { encryptForLark } from '../emulator/index.js';
import { type Harness, startHarness, TEST_APP, testEnvelope } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_ws_admin';
const GROUP = 'oc_ws_group';

describe('long-connection frames feed the same dispatch', () => {
  useTestDb();
  let h: Harness;
  let handle: (data: unknown) => Promise<unknown>;

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addChat({ chatId: GROUP, name: '长连接测试群', members: [ADMIN] });
    handle = createLongConnectionHandler(h.bot.dispatcher, TEST_APP.encryptKey, createSilentLogger());
  });
  afterAll(async () => h?.stop());

  it('an event frame (JSON string, then the same frame encrypted) is handled once', async () => {
    const frame = testEnvelope('im.chat.member.bot.added_v1', { chat_id: GROUP, name: '长连接测试群' });
    expect(await handle(JSON.stringify(frame))).toBeUndefined();
    await handle({ encrypt: encryptForLark(TEST_APP.encryptKey, JSON.stringify(frame)) });
    await h.settle();
    const sent = h.emulator.messagesTo({ chatId: GROUP });
    expect(sent).toHaveLength(1);
    expect(h.emulator.textOf(sent[0]!)).toContain('/chat bind');
  });

  it('a card action frame returns the callback answer', async () => {
    const answer = await handle(
      testEnvelope('card.action.trigger', {
        operator: { open_id: ADMIN },
        token: 'c-token',
        action: { tag: 'button', value: { a: 'no.such.action' } },
        context: { open_chat_id: GROUP, open_message_id: 'om_x' },
      }),
    );
    expect(answer).toMatchObject({ toast: { type: 'error' } });
  });
});
