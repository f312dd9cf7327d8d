/**
 * End-to-end harness: the Open Platform emulator plus a real bot (HTTP transport, dispatcher,
 * outbox, sender, scheduler) on the test database. Used by the e2e tests and the demo.
 */
import { randomBytes } from 'node:crypto';
import { type Bot, type BotOptions, createBot } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { createLarkClient, type LarkClient } from '../../src/lark/client.js';
import { createSilentLogger, type Logger } from '../../src/logger.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { type Clock, type ManualClock, systemClock } from '../../src/time/clock.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../emulator/index.js';

/** Secrets shared by the emulator and the bot under test. */
export const TEST_APP = {
  appId: 'cli_test_qinglian',
  appSecret: 'test-app-secret',
  encryptKey: 'test-encrypt-key',
  verificationToken: 'test-verification-token',
};

export interface HarnessOptions {
  admins?: string[];
  clock?: Clock;
  log?: Logger;
  emulator?: Partial<EmulatorOptions>;
  bot?: Partial<Omit<BotOptions, 'config'>>;
  /** Start the every-minute scheduler tick (default false in tests: they tick by hand). */
  runScheduler?: boolean;
}

export interface Harness {
  emulator: Emulator;
  bot: Bot;
  config: Config;
  /**
   * The bot's Open API client (the harness's own, unless `bot.larkClient` was given). A test whose
   * manual clock runs hours ahead drops its token with `resetToken()`: the SDK's token cache runs
   * on the wall clock, the emulator's tokens expire on the manual one.
   */
  larkClient: LarkClient;
  /** Waits until the bot has processed every accepted event and sent everything due. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the emulator and a bot wired to it; the database must already be connected. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({
    ...TEST_APP,
    retryScheduleMs: [200, 400, 800],
    clock: opts.clock ? () => opts.clock!.now().getTime() : undefined,
    ...opts.emulator,
  });
  const config: Config = {
    ...TEST_APP,
    domain: emulator.baseUrl,
    mode: 'webhook',
    mongodbUri: 'mongodb://unused-in-tests',
    port: 0,
    timezone: 'Asia/Shanghai',
    bootstrapAdmins: opts.admins ?? [],
    logLevel: 'silent',
  };
  const log = opts.log ?? createSilentLogger();
  const larkClient = opts.bot?.larkClient ?? createLarkClient(config, { log });
  const bot = createBot({
    config,
    log,
    clock: opts.clock,
    larkClient,
    runScheduler: opts.runScheduler ?? false,
    ...opts.bot,
  });
  await bot.start();
  const base = `http://127.0.0.1:${bot.port()}`;
  emulator.setBotEndpoints(`${base}/lark/events`, `${base}/lark/callbacks`);
  return {
    emulator,
    bot,
    config,
    larkClient,
    async settle() {
      // Until no event is being processed and nothing is left in the outbox that is due now or,
      // on the real clock, was only put back for a moment (a full rate window defers an entry by
      // a few hundred ms). A manual clock does not move by itself: there only what is due counts.
      const deadline = Date.now() + 60_000;
      const graceMs = opts.clock ? 0 : 15_000;
      while (Date.now() < deadline) {
        await bot.dispatcher.idle();
        const soon = new Date((opts.clock ?? systemClock).now().getTime() + graceMs);
        const waiting = await OutboxMessage.countDocuments({
          state: { $in: ['pending', 'sending'] },
          nextAttemptAt: { $lte: soon },
        });
        if (waiting === 0) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('harness: the bot did not settle within 60 s');
    },
    async stop() {
      await bot.stop();
      await emulator.close();
    },
  };
}

/** A 2.0 envelope as Feishu would build it for the test app (fresh event_id). */
export function testEnvelope(eventType: string, event: Record<string, unknown>) {
  return {
    schema: '2.0' as const,
    header: {
      event_id: randomBytes(16).toString('hex'),
      event_type: eventType,
      create_time: String(Date.now()),
      token: TEST_APP.verificationToken,
      app_id: TEST_APP.appId,
      tenant_key: 'tenant',
    },
    event,
  };
}

/** Sends a private message to the bot and returns its answers, rendered as text. */
export async function askPrivately(h: Harness, sender: string, text: string): Promise<string[]> {
  const chat = h.emulator.world.p2pChatOf(sender);
  const before = h.emulator.messagesTo({ chatId: chat.chatId }).length;
  await h.emulator.sendText({ chatType: 'p2p', sender, text });
  await h.settle();
  return h.emulator
    .messagesTo({ chatId: chat.chatId })
    .slice(before)
    .map((m) => h.emulator.textOf(m));
}

/**
 * Waits until the outbox is empty under a manual clock, moving the clock to each retry time
 * (the emulator expires tenant tokens on that clock, and the sender retries after a short
 * backoff). Throws with the stuck entries when it does not drain.
 */
export async function drainOnManualClock(h: Harness, clock: ManualClock): Promise<void> {
  for (let round = 0; round < 400; round++) {
    await h.bot.dispatcher.idle();
    const open = await OutboxMessage.find({ state: { $in: ['pending', 'sending'] } }).lean();
    if (open.length === 0) return;
    const now = clock.now().getTime();
    const later = open.map((m) => m.nextAttemptAt.getTime()).filter((ms) => ms > now);
    if (later.length > 0) clock.set(Math.min(...later));
    await new Promise((r) => setTimeout(r, 20));
  }
  const stuck = await OutboxMessage.find({ state: { $in: ['pending', 'sending'] } }).lean();
  throw new Error(
    `the outbox did not drain at ${clock.now().toISOString()}: ${JSON.stringify(stuck).slice(0, 2000)}`,
  );
}
