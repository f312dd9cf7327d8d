import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/dispatch/inbox.js';
import { InboxEventModel } from '../../src/models/inbox-event.js';
import { ManualClock } from '../../src/time/clock.js';
import type { Envelope } from '../../src/transport/envelope.js';
import { type Harness, startHarness, TEST_APP } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const GROUP = 'oc_crash_group';

describe('an event stored by a process that crashed before acting', () => {
  useTestDb();
  const clock = new ManualClock(Date.now());
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ clock });
    h.emulator.addUser({ openId: 'ou_crash_admin', name: '王主任' });
    h.emulator.addChat({ chatId: GROUP, name: '恢复测试群', members: ['ou_crash_admin'] });
  });
  afterAll(async () => h?.stop());

  it('is resumed once by a live process after its lease, and a redelivery changes nothing', async () => {
    const envelope: Envelope = {
      schema: '2.0',
      header: {
        event_id: randomBytes(16).toString('hex'),
        event_type: 'im.chat.member.bot.added_v1',
        create_time: String(clock.now().getTime()),
        token: TEST_APP.verificationToken,
        app_id: TEST_APP.appId,
        tenant_key: 'tenant',
      },
      event: { chat_id: GROUP, name: '恢复测试群' },
    };
    // The crashed process stored the event (and acked it) but never processed it.
    expect(await recordEvent(envelope, clock.now())).toBe(true);

    expect(await h.bot.dispatcher.recoverStranded()).toBe(0); // still within the lease: not stranded yet
    clock.advance(5 * 60_000);
    expect(await h.bot.dispatcher.recoverStranded()).toBe(1);
    await h.settle();
    expect(await h.bot.dispatcher.recoverStranded()).toBe(0);

    const delivery = await h.emulator.deliverEvent(envelope.header.event_type, envelope.event, {
      eventId: envelope.header.event_id,
    });
    expect(delivery.status).toBe(200);
    await h.settle();

    expect(h.emulator.messagesTo({ chatId: GROUP })).toHaveLength(1);
    expect((await InboxEventModel.findById(envelope.header.event_id).lean())?.state).toBe('done');
  });
});
