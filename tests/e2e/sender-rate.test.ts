/**
 * The sender's rate limits against the emulator's sliding windows, on real time:
 * one chat at full speed, two senders sharing one database, a broadcast across chats,
 * a user's p2p chat and repeated patches of one card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient, type LarkClient } from '../../src/lark/client.js';
import { enqueue, findSent } from '../../src/lark/outbox.js';
import { Sender } from '../../src/lark/sender.js';
import { createSilentLogger } from '../../src/logger.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { systemClock } from '../../src/time/clock.js';
import { type Emulator, type RecordedCall, startEmulator } from '../emulator/index.js';
import { slidingMax } from '../support/sliding-max.js';
import { useTestDb } from '../support/test-db.js';

const APP = { appId: 'cli_rate_e2e', appSecret: 'secret-rate', encryptKey: 'enc', verificationToken: 'vt' };
const ALICE = 'ou_alice_rate0000000000000000001';
const log = createSilentLogger();
const text = (s: string) => JSON.stringify({ text: s });

async function waitUntil(fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const allSent = (prefix: string, n: number) => async () =>
  (await OutboxMessage.countDocuments({ key: { $regex: `^${prefix}` }, state: 'sent' })) === n;

describe('sender rate limits (real time, emulator sliding windows)', () => {
  useTestDb();
  let emu: Emulator;
  let client: LarkClient;

  const creates = (pred: (c: RecordedCall) => boolean) =>
    emu.calls.filter((c) => c.operation === 'im.message.create' && c.status === 200 && pred(c));
  const toChat = (chatId: string) => (c: RecordedCall) =>
    (c.body as { receive_id?: string }).receive_id === chatId;

  beforeAll(async () => {
    emu = await startEmulator(APP);
    emu.addUser({ openId: ALICE, name: '王小明' });
    for (let i = 0; i < 30; i++)
      emu.addChat({ chatId: `oc_rate_${i}`, name: `第${i}党支部`, members: [ALICE] });
    client = createLarkClient({ ...APP, domain: emu.baseUrl });
  });

  afterAll(async () => {
    await emu?.close();
  });

  it('delivers 60 messages to one chat in order at ≤ 5 per sliding second', { timeout: 40_000 }, async () => {
    const chatId = 'oc_rate_0';
    const sender = new Sender({ client, clock: systemClock, log, owner: 'solo', pollMs: 100 });
    for (let i = 0; i < 60; i++) {
      await enqueue({
        key: `one:${i}`,
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: chatId,
        msgType: 'text',
        content: text(`第${i}条`),
      });
    }
    const started = Date.now();
    sender.start();
    await waitUntil(allSent('one:', 60), 30_000);
    const elapsed = Date.now() - started;
    await sender.stop();

    const got = emu.messagesTo({ chatId });
    expect(got.map((m) => m.rawContent)).toEqual(Array.from({ length: 60 }, (_, i) => text(`第${i}条`)));
    expect(emu.maxRateObserved('chat', chatId)).toBeLessThanOrEqual(5);
    expect(slidingMax(creates(toChat(chatId)).map((c) => c.at))).toBeLessThanOrEqual(5);
    expect(emu.rateLimitViolations).toEqual([]);
    expect(sender.summary).toEqual({ sent: 60, failed: 0, retried: 0, deferred: 0, unknown: 0 });
    console.info(
      `[measure] 60 messages to one chat: ${elapsed} ms (${((60 * 1000) / elapsed).toFixed(2)}/s), ` +
        `max per sliding second ${emu.maxRateObserved('chat', chatId)}`,
    );
  });

  it('keeps one chat at ≤ 5/s with two senders on the same database, each message once, in order', {
    timeout: 30_000,
  }, async () => {
    const chatId = 'oc_rate_1';
    const a = new Sender({ client, clock: systemClock, log, owner: 'proc-a', pollMs: 50 });
    const b = new Sender({ client, clock: systemClock, log, owner: 'proc-b', pollMs: 50 });
    for (let i = 0; i < 30; i++) {
      await enqueue({
        key: `two:${i}`,
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: chatId,
        msgType: 'text',
        content: text(`双发第${i}条`),
      });
    }
    const started = Date.now();
    a.start();
    b.start();
    await waitUntil(allSent('two:', 30), 20_000);
    const elapsed = Date.now() - started;
    await Promise.all([a.stop(), b.stop()]);

    const got = emu.messagesTo({ chatId });
    expect(got.map((m) => m.rawContent)).toEqual(Array.from({ length: 30 }, (_, i) => text(`双发第${i}条`)));
    expect(emu.maxRateObserved('chat', chatId)).toBeLessThanOrEqual(5);
    expect(emu.rateLimitViolations).toEqual([]);
    expect(a.summary.sent + b.summary.sent).toBe(30);
    expect(a.summary.sent).toBeGreaterThan(0);
    expect(b.summary.sent).toBeGreaterThan(0);
    console.info(
      `[measure] 30 messages, one chat, two senders: ${elapsed} ms, split ${a.summary.sent}/${b.summary.sent}, ` +
        `max per sliding second ${emu.maxRateObserved('chat', chatId)}`,
    );
  });

  it('sends a broadcast to many chats in parallel, within the app limits', { timeout: 30_000 }, async () => {
    const chats = Array.from({ length: 24 }, (_, i) => `oc_rate_${i + 2}`);
    const sender = new Sender({
      client,
      clock: systemClock,
      log,
      owner: 'broadcast',
      pollMs: 50,
      concurrency: 8,
    });
    for (const chatId of chats) {
      for (let j = 0; j < 2; j++) {
        await enqueue({
          key: `bc:${chatId}:${j}`,
          kind: 'send',
          receiveIdType: 'chat_id',
          receiveId: chatId,
          msgType: 'text',
          content: text(`廉洁文化推送 ${j}`),
        });
      }
    }
    const started = Date.now();
    sender.start();
    await waitUntil(allSent('bc:', 48), 20_000);
    const elapsed = Date.now() - started;
    await sender.stop();

    for (const chatId of chats) {
      expect(emu.messagesTo({ chatId }).map((m) => m.rawContent)).toEqual(
        [0, 1].map((j) => text(`廉洁文化推送 ${j}`)),
      );
    }
    const appRate = emu.maxRateObserved('app_second', 'im.message.create');
    expect(appRate).toBeLessThanOrEqual(50);
    expect(emu.rateLimitViolations).toEqual([]);
    // Serialised behind one chat's limit no second would see more than 5 calls; in parallel
    // across chats the app rules are what bound the rate (no wall-clock assertion: figures only).
    expect(appRate).toBeGreaterThan(5);
    console.info(
      `[measure] broadcast 24 chats x 2: ${elapsed} ms, max app calls per sliding second ${appRate}`,
    );
  });

  it('limits messages to one user (open_id) to ≤ 5/s', { timeout: 20_000 }, async () => {
    const sender = new Sender({ client, clock: systemClock, log, owner: 'p2p', pollMs: 50 });
    for (let i = 0; i < 12; i++) {
      await enqueue({
        key: `p2p:${i}`,
        kind: 'send',
        receiveIdType: 'open_id',
        receiveId: ALICE,
        msgType: 'text',
        content: text(`私信${i}`),
      });
    }
    sender.start();
    await waitUntil(allSent('p2p:', 12), 15_000);
    await sender.stop();
    expect(emu.maxRateObserved('user', ALICE)).toBeLessThanOrEqual(5);
    expect(emu.rateLimitViolations).toEqual([]);
  });

  it('patches one card 12 times at ≤ 5/s, the last patch winning', { timeout: 20_000 }, async () => {
    const card = (n: number) =>
      JSON.stringify({
        schema: '2.0',
        config: { update_multi: true },
        header: { title: { tag: 'plain_text', content: `进度 ${n}` }, template: 'blue' },
        body: { elements: [{ tag: 'markdown', content: `已完成 ${n}` }] },
      });
    const sender = new Sender({ client, clock: systemClock, log, owner: 'patcher', pollMs: 50 });
    await enqueue({
      key: 'prog',
      kind: 'send',
      receiveIdType: 'chat_id',
      receiveId: 'oc_rate_29',
      msgType: 'interactive',
      content: card(0),
    });
    for (let i = 1; i <= 12; i++)
      await enqueue({ key: `prog:patch:${i}`, kind: 'patch', outboxKey: 'prog', content: card(i) });
    sender.start();
    await waitUntil(allSent('prog', 13), 15_000);
    await sender.stop();
    const messageId = (await findSent('prog'))!.messageId!;
    expect(emu.maxRateObserved('message_patch', messageId)).toBeLessThanOrEqual(5);
    expect(emu.message(messageId)!.updates).toHaveLength(12);
    expect(emu.textOf(messageId)).toContain('已完成 12');
    expect(emu.rateLimitViolations).toEqual([]);
  });
});
