import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../src/app.js';
import { queueSend } from '../../src/domain/broadcast-queue.js';
import {
  broadcastMessageKey,
  createBroadcast,
  deliverBroadcast,
  resolveTargets,
} from '../../src/domain/broadcasts.js';
import { getContentItem } from '../../src/domain/content-items.js';
import { ensureStarterLibrary } from '../../src/domain/content-starter.js';
import { findDepartmentByName } from '../../src/domain/departments.js';
import { createLarkClient } from '../../src/lark/client.js';
import type { Messenger } from '../../src/lark/messenger.js';
import { createOutboxMessenger } from '../../src/lark/outbox-messenger.js';
import { createSilentLogger } from '../../src/logger.js';
import { BroadcastModel } from '../../src/models/broadcast.js';
import { ChatModel } from '../../src/models/chat.js';
import { Job } from '../../src/models/job.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { ManualClock } from '../../src/time/clock.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_crash_boot';
const CHATS = 200;
const chatIds = Array.from({ length: CHATS }, (_, i) => `oc_crash_${String(i).padStart(3, '0')}`);

describe('a broadcast to 200 chats survives a crash halfway', () => {
  useTestDb();
  let h: Harness;
  let bot: Bot;
  const clock = new ManualClock('2026-11-26T01:00:00Z');

  /** Waits until the outbox is empty, moving the manual clock to each retry / rate-window time. */
  async function flush(): Promise<void> {
    for (let round = 0; round < 2000; round++) {
      await bot.dispatcher.idle();
      const open = await OutboxMessage.find(
        { state: { $in: ['pending', 'sending'] } },
        { nextAttemptAt: 1 },
      ).lean();
      if (open.length === 0) return;
      const later = open.map((m) => m.nextAttemptAt.getTime()).filter((ms) => ms > clock.now().getTime());
      if (later.length === open.length) clock.set(Math.min(...later));
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the outbox did not drain');
  }

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    bot = h.bot;
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    await h.emulator.sendText({ chatType: 'p2p', sender: BOOT, text: '/dept add 机关' });
    await h.settle();
    const dept = (await findDepartmentByName('机关'))!;
    for (const chatId of chatIds) h.emulator.addChat({ chatId, name: chatId, members: [BOOT] });
    await ChatModel.insertMany(
      chatIds.map((chatId) => ({ chatId, name: chatId, deptId: dept.id, active: true })),
    );
  });
  afterAll(async () => {
    await bot?.stop();
    await h?.emulator.close();
  });

  it('resumes after a restart and every chat holds exactly one copy', async () => {
    await ensureStarterLibrary(clock.now());
    const item = (await getContentItem('C001'))!;
    const chats = await resolveTargets({ kind: 'all' });
    expect(chats).toHaveLength(CHATS);
    const { broadcast } = await createBroadcast(
      { sourceKey: 'test:crash', item, scheduleId: null, chats, createdBy: BOOT },
      clock.now(),
    );
    await queueSend(broadcast.id, clock.now());

    // The process that ran the job dies after enqueueing 100 chats: its job stays "running"
    // under its lease, and its outbox entries are delivered by the shared sender meanwhile.
    const jobKey = `broadcast.send:${broadcast.id}`;
    await Job.updateOne(
      { key: jobKey },
      {
        $set: {
          state: 'running',
          leaseOwner: 'crashed-host:1:dead',
          leaseUntil: new Date(clock.now().getTime() + 60_000),
          attempts: 1,
        },
      },
    );
    const real = createOutboxMessenger(clock);
    let sent = 0;
    const dying: Messenger = {
      ...real,
      async sendCardToMany(items, card) {
        if (sent >= CHATS / 2) throw new Error('simulated crash');
        sent += items.length;
        return real.sendCardToMany(items, card);
      },
    };
    await expect(
      deliverBroadcast(broadcast.id, { messenger: dying, locale: 'zh-CN' }, clock.now()),
    ).rejects.toThrow('simulated crash');
    await flush();
    const withCard = () => chatIds.filter((c) => h.emulator.messagesTo({ chatId: c }).length > 0).length;
    expect(withCard()).toBe(CHATS / 2);

    // Restart: a new bot process on the same database and emulator; its scheduler reclaims the
    // job once the dead owner's lease has expired and finishes the broadcast.
    await bot.stop();
    const log = createSilentLogger();
    bot = createBot({
      config: h.config,
      log,
      clock,
      larkClient: createLarkClient(h.config, { log }),
      runScheduler: false,
    });
    await bot.start();
    h.emulator.setBotEndpoints(
      `http://127.0.0.1:${bot.port()}/lark/events`,
      `http://127.0.0.1:${bot.port()}/lark/callbacks`,
    );
    await bot.scheduler.tick();
    expect((await Job.findOne({ key: jobKey }).lean())?.leaseOwner).toBe('crashed-host:1:dead'); // lease holds
    clock.advance(2 * 60_000);
    await bot.scheduler.tick();
    await flush();

    expect((await Job.findOne({ key: jobKey }).lean())?.state).toBe('done');
    for (const chatId of chatIds) {
      const copies = h.emulator
        .messagesTo({ chatId })
        .filter((m) => h.emulator.textOf(m).includes(item.title));
      expect(copies, chatId).toHaveLength(1);
    }
    expect(h.emulator.messages).toHaveLength(CHATS + 1); // the 200 cards and the /dept add answer
    const keys = chatIds.map((c) => broadcastMessageKey(broadcast.id, c));
    expect(await OutboxMessage.countDocuments({ key: { $in: keys }, state: 'sent' })).toBe(CHATS);
    console.log(
      JSON.stringify(h.emulator.rateLimitViolations.slice(0, 3)),
      h.emulator.rateLimitViolations.length,
      h.emulator.maxRateObserved('app_second', 'im.message.create'),
    );
    expect(h.emulator.rateLimitViolations).toHaveLength(0);

    // Another full run (say a second instance that missed the finish mark) changes nothing.
    await BroadcastModel.updateOne({ _id: broadcast.id }, { $set: { enqueuedAt: null } });
    await deliverBroadcast(broadcast.id, { messenger: real, locale: 'zh-CN' }, clock.now());
    await flush();
    expect(h.emulator.messages).toHaveLength(CHATS + 1);
  }, 180_000);
});
