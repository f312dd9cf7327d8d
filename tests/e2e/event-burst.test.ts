import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCommands } from '../../src/batching/command-count.js';
import { InboxEventModel } from '../../src/models/inbox-event.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const PEOPLE = Array.from({ length: 50 }, (_, i) => `ou_burst_${i}`);

describe('a burst of 50 events at once (group commit)', () => {
  useTestDb();
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    for (const [i, openId] of PEOPLE.entries()) h.emulator.addUser({ openId, name: `同事${i}` });
  });
  afterAll(async () => h?.stop());

  it('acks every event, answers each exactly once, and stores the burst in fewer writes than events', async () => {
    const commands = countCommands();
    const deliveries = await Promise.all(
      PEOPLE.map((sender) => h.emulator.sendText({ chatType: 'p2p', sender, text: '/whoami' })),
    );
    expect(deliveries.map((d) => d.status)).toEqual(PEOPLE.map(() => 200));
    // The same 50 events delivered again at once (Feishu retries what it thinks was lost).
    const again = await Promise.all(deliveries.map((d) => h.emulator.redeliver(d.eventId)));
    expect(again.every((d) => d.status === 200)).toBe(true);
    await h.emulator.waitFor(() => PEOPLE.every((p) => h.emulator.messagesTo({ openId: p }).length >= 1));
    await h.settle();
    const inboxInserts = commands.byTarget()['insert inbox_events'] ?? 0;
    commands.stop();

    for (const p of PEOPLE) {
      const replies = h.emulator.messagesTo({ openId: p });
      expect(replies).toHaveLength(1);
      expect(h.emulator.textOf(replies[0]!)).toContain(`同事${PEOPLE.indexOf(p)}`);
    }
    const states = await InboxEventModel.find({ eventType: 'im.message.receive_v1' }).lean();
    expect(states).toHaveLength(50);
    expect(states.every((e) => e.state === 'done' && e.attempts === 1)).toBe(true);
    // 100 stores asked (50 events, each twice): coalesced into fewer inserts than events.
    expect(inboxInserts).toBeGreaterThan(0);
    expect(inboxInserts).toBeLessThan(50);
  });
});
