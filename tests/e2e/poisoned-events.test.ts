/**
 * Poisoned events: a stored event gets three attempts — counted when claimed, so a run that
 * crashed the process counts — then it is parked as `poisoned`, reported once to each admin
 * (id, type and time, no user content) and never run again, by the sweep or a redelivery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CommandInput } from '../../src/commands/registry.js';
import { claimEvent, MAX_EVENT_ATTEMPTS, recordEvent } from '../../src/dispatch/inbox.js';
import { reportPoisonedEvent } from '../../src/dispatch/poisoned-report.js';
import { createSilentLogger } from '../../src/logger.js';
import { InboxEventModel } from '../../src/models/inbox-event.js';
import { ManualClock } from '../../src/time/clock.js';
import type { Envelope } from '../../src/transport/envelope.js';
import { envelope as buildEnvelope } from '../emulator/events.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_poison_admin';
const MEMBER = 'ou_poison_member';
const GROUP = 'oc_poison_group';
const SECRET_TEXT = '/explode 这是用户写的内容';

describe('an event that keeps failing', () => {
  useTestDb();
  const clock = new ManualClock(Date.parse('2026-03-02T02:00:00Z'));
  let h: Harness;
  let runs = 0;

  beforeAll(async () => {
    h = await startHarness({ clock, admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王管理' });
    h.emulator.addUser({ openId: MEMBER, name: '李成员' });
    h.emulator.addChat({ chatId: GROUP, name: '毒事件测试群', members: [ADMIN] });
    h.bot.commands.add({
      path: ['explode'],
      aliases: [],
      summary: 'cmd.notCommand',
      usage: 'cmd.notCommand',
      roles: 'everyone',
      where: 'any',
      args: z.custom<CommandInput>(),
      async run() {
        runs++;
        throw new Error('handler bug');
      },
    });
  });
  afterAll(async () => h?.stop());

  const adminTexts = () => h.emulator.messagesTo({ openId: ADMIN }).map((m) => h.emulator.textOf(m));
  const stored = (id: string) => InboxEventModel.findById(id).lean();

  it('a handler that throws is retried, parked as poisoned after 3 attempts, reported once, never re-run', async () => {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender: MEMBER, text: SECRET_TEXT });
    await h.settle();
    const event = await InboxEventModel.findOne({ eventType: 'im.message.receive_v1' })
      .sort({ receivedAt: -1 })
      .lean();
    const id = event!._id;
    expect(sent.status).toBe(200);
    expect(runs).toBe(1);
    expect(event).toMatchObject({ state: 'processing', attempts: 1, leaseOwner: null });

    // Not before the retry delay; then once per sweep.
    expect(await h.bot.dispatcher.recoverStranded()).toBe(0);
    for (const attempt of [2, 3]) {
      clock.advance(61_000);
      expect(await h.bot.dispatcher.recoverStranded()).toBe(1);
      await h.bot.dispatcher.idle();
      expect(runs).toBe(attempt);
    }
    await drainOnManualClock(h, clock);
    expect(await stored(id)).toMatchObject({ state: 'poisoned', attempts: MAX_EVENT_ATTEMPTS });

    const reports = adminTexts().filter((t) => t.includes(id));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('im.message.receive_v1');
    expect(reports[0]).toContain('2026-03-02 10:00');
    expect(reports[0]).toContain('已处理失败 3 次');
    expect(reports[0]).not.toContain('这是用户写的内容');
    expect(reports[0]).not.toContain('explode');

    // Parked for good: no sweep, no redelivery and no later time runs it again.
    clock.advance(10 * 60_000);
    expect(await h.bot.dispatcher.recoverStranded()).toBe(0);
    const again = await h.emulator.redeliver(id);
    expect(again.status).toBe(200);
    await drainOnManualClock(h, clock);
    expect(runs).toBe(3);
    expect(adminTexts().filter((t) => t.includes(id))).toHaveLength(1);
    expect(await stored(id)).toMatchObject({ state: 'poisoned', attempts: 3 });
  });

  it('attempts that crashed the process count: the next sweep parks it without running it, reported once', async () => {
    const envelope = buildEnvelope(
      h.emulator.app,
      'im.chat.member.bot.added_v1',
      { chat_id: GROUP, name: '毒事件测试群' },
      { createTime: clock.now().getTime() },
    ) as Envelope;
    const id = envelope.header.event_id;
    expect(await recordEvent(envelope, clock.now())).toBe(true);
    // Three processes each claimed it and died mid-run (the lease then runs out).
    for (let i = 1; i <= MAX_EVENT_ATTEMPTS; i++) {
      expect(await claimEvent(id, `crashed-${i}`, clock.now(), 120_000)).toMatchObject({ attempts: i });
      clock.advance(121_000);
    }
    // A process that crashed after reporting but before parking: the report is not repeated.
    const doc = (await stored(id))!;
    const exhausted = {
      exhausted: true as const,
      eventId: id,
      eventType: doc.eventType,
      receivedAt: doc.receivedAt,
      attempts: doc.attempts,
    };
    await reportPoisonedEvent(h.bot.services, exhausted, createSilentLogger());

    expect(await h.bot.dispatcher.recoverStranded()).toBe(1);
    await drainOnManualClock(h, clock);
    expect(await stored(id)).toMatchObject({ state: 'poisoned', attempts: 3 });
    expect(h.emulator.messagesTo({ chatId: GROUP })).toHaveLength(0); // the handler never ran a 4th time
    const reports = adminTexts().filter((t) => t.includes(id));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('im.chat.member.bot.added_v1');

    clock.advance(10 * 60_000);
    expect(await h.bot.dispatcher.recoverStranded()).toBe(0);
    expect(await claimEvent(id, 'someone', clock.now(), 120_000)).toBeNull();
  });
});
