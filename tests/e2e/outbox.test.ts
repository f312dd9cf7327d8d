/**
 * Outbox + sender against the Open Platform emulator: crash recovery, retries, patch / urgent /
 * delayed card update. Time jumps use a ManualClock (the sender's business clock); rate limits
 * and the emulator run on real time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLarkClient, type LarkClient } from '../../src/lark/client.js';
import { deliver, scopesFor } from '../../src/lark/deliver.js';
import {
  type EnqueueInput,
  enqueue,
  enqueueMany,
  findOutboxMessage,
  findSent,
  getDelivery,
} from '../../src/lark/outbox.js';
import { claimMessage, findDueHeads } from '../../src/lark/outbox-claim.js';
import { RATE_RULES } from '../../src/lark/rate-rules.js';
import { Sender, type SenderOptions } from '../../src/lark/sender.js';
import { createSilentLogger } from '../../src/logger.js';
import { OutboxClaim, OutboxMessage } from '../../src/models/outbox-message.js';
import { ManualClock } from '../../src/time/clock.js';
import { type Emulator, startEmulator } from '../emulator/index.js';
import { useTestDb } from '../support/test-db.js';

const APP = {
  appId: 'cli_outbox_e2e',
  appSecret: 'secret-outbox',
  encryptKey: 'enc-key',
  verificationToken: 'vt',
};
const ALICE = 'ou_alice000000000000000000000001';
const BOB = 'ou_bob00000000000000000000000002';
const CHAT = 'oc_outbox000000000000000000000001';
const LONELY = 'oc_nobot0000000000000000000000001';
const HOUR = 3_600_000;

/** A small valid card JSON 2.0 that can be patched. */
function card(title: string) {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: `**${title}**` }] },
  };
}

const text = (s: string) => JSON.stringify({ text: s });
const sendText = (key: string, s: string, chatId = CHAT): EnqueueInput => ({
  key,
  kind: 'send',
  receiveIdType: 'chat_id',
  receiveId: chatId,
  msgType: 'text',
  content: text(s),
});

describe('outbox and sender against the emulator', () => {
  useTestDb();
  let emu: Emulator;
  let client: LarkClient;
  let clock: ManualClock;
  let callbacks: Server;
  const log = createSilentLogger();

  const newSender = (owner: string, extra: Partial<SenderOptions> = {}) =>
    new Sender({
      client,
      clock,
      log,
      owner,
      leaseMs: 30_000,
      retryBaseMs: 1_000,
      retryMaxMs: 60_000,
      random: () => 0.5,
      ...extra,
    });

  beforeAll(async () => {
    emu = await startEmulator(APP);
    emu.addUser({ openId: ALICE, name: '王小明' });
    emu.addUser({ openId: BOB, name: '李华' });
    emu.addChat({ chatId: CHAT, name: '清廉机关推进群', members: [ALICE, BOB] });
    emu.world.addChat({ chatId: LONELY, name: '无机器人群', members: [ALICE], botInChat: false });
    callbacks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((r) => callbacks.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(callbacks.address() as AddressInfo).port}`;
    emu.setBotEndpoints(`${url}/lark/events`, `${url}/lark/callbacks`);
    client = createLarkClient({ ...APP, domain: emu.baseUrl }, { timeoutMs: 1_000 });
  });

  afterAll(async () => {
    await emu?.close();
    await new Promise<void>((r) => (callbacks ? callbacks.close(() => r()) : r()));
  });

  beforeEach(async () => {
    clock = new ManualClock(Date.now());
    // Rate slots stay: the emulator remembers recent calls too.
    await Promise.all([OutboxMessage.deleteMany({}), OutboxClaim.deleteMany({})]);
    emu.clearFaults();
  });

  afterEach(() => emu.clearFaults());

  const sentTo = (chatId: string, s: string) =>
    emu.messagesTo({ chatId }).filter((m) => m.rawContent === text(s));
  const callsFor = (path: string) => emu.calls.filter((c) => c.path === path);

  it('delivers a message enqueued before a sender died holding its lease, once, after the lease', async () => {
    await enqueue(sendText('crash-before-send', '会议通知'), { now: clock.now() });
    const [head] = await findDueHeads(clock.now(), [], 1);
    expect(await claimMessage(head!, 'dead-sender', clock.now(), 30_000)).not.toBeNull();

    const heir = newSender('heir');
    expect(await heir.drain()).toMatchObject({ sent: 0 });
    clock.advance(31_000);
    expect(await heir.drain()).toMatchObject({ sent: 1, failed: 0 });
    expect(sentTo(CHAT, '会议通知')).toHaveLength(1);
    // The lost lease counts as an attempt (the sender cannot know whether the dead one called).
    expect(await getDelivery('crash-before-send')).toMatchObject({ state: 'sent', attempts: 2 });
    expect((await findOutboxMessage('crash-before-send'))?.lastError?.code).toBe(-3);
  });

  it('repeats a call lost between the SDK answer and the record with the same uuid: one copy', async () => {
    await enqueue(sendText('crash-after-send', '请于周五前提交自查报告'), { now: clock.now() });
    const [head] = await findDueHeads(clock.now(), [], 1);
    const claimed = await claimMessage(head!, 'dying-sender', clock.now(), 30_000);
    const first = await deliver(client, claimed!, null); // the call went out, then the process died
    clock.advance(31_000);
    expect(await newSender('heir').drain()).toMatchObject({ sent: 1 });

    const creates = callsFor('/open-apis/im/v1/messages').filter(
      (c) => (c.body as { content?: string }).content === text('请于周五前提交自查报告'),
    );
    expect(creates).toHaveLength(2);
    expect(new Set(creates.map((c) => (c.body as { uuid?: string }).uuid)).size).toBe(1);
    expect(sentTo(CHAT, '请于周五前提交自查报告')).toHaveLength(1);
    expect(await findSent('crash-after-send')).toMatchObject({ messageId: first.messageId });
  });

  it('retries a call whose answer never came (timeout) and Feishu drops the repeat by uuid', async () => {
    emu.injectFault({ method: 'POST', path: '/open-apis/im/v1/messages', delayMs: 1_500 });
    await enqueue(sendText('slow', '廉政提醒'), { now: clock.now() });
    const sender = newSender('s1');
    expect(await sender.drain()).toMatchObject({ sent: 0, retried: 1 });
    await emu.waitFor(() => sentTo(CHAT, '廉政提醒').length === 1, { timeoutMs: 3_000 });
    clock.advance(60_000);
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    expect(sentTo(CHAT, '廉政提醒')).toHaveLength(1);
    expect(await getDelivery('slow')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('retries 230020, 429/99991400, HTTP 500 and dropped connections, then succeeds', async () => {
    const path = '/open-apis/im/v1/messages';
    emu.injectFault({ method: 'POST', path, code: 230020 });
    emu.injectFault({ method: 'POST', path, code: 99991400 });
    emu.injectFault({ method: 'POST', path, status: 500 });
    emu.injectFault({ method: 'POST', path, drop: true });
    await enqueue(sendText('flaky', '第一季度测评结果'), { now: clock.now() });
    const sender = newSender('s1');
    const codes: Array<number | undefined> = [];
    for (let i = 0; i < 4; i++) {
      expect(await sender.drain()).toMatchObject({ sent: 0, retried: 1 });
      const d = await getDelivery('flaky');
      codes.push(d?.lastError?.httpStatus ?? d?.lastError?.code);
      expect(await sender.drain()).toMatchObject({ sent: 0, retried: 0 }); // backoff: not due yet
      clock.advance(61_000);
    }
    expect(codes).toEqual([400, 429, 500, -1]);
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    expect(sentTo(CHAT, '第一季度测评结果')).toHaveLength(1);
    expect(await getDelivery('flaky')).toMatchObject({ state: 'sent', attempts: 5 });
  });

  it('backs off exponentially: 1 s, 2 s, 4 s … (jitter pinned at 0.75)', async () => {
    emu.injectFault({ method: 'POST', path: '/open-apis/im/v1/messages', status: 503, times: 3 });
    await enqueue(sendText('backoff', '通知'), { now: clock.now() });
    const sender = newSender('s1');
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = clock.now().getTime();
      await sender.drain();
      const next = (await getDelivery('backoff'))!.nextAttemptAt.getTime();
      delays.push(next - before);
      clock.set(next);
    }
    expect(delays).toEqual([750, 1500, 3000]);
    expect(await sender.drain()).toMatchObject({ sent: 1 });
  });

  it('fails a non-retryable answer at once, records the code and never calls again', async () => {
    await enqueue(sendText('no-bot', '你好', LONELY), { now: clock.now() });
    await enqueue(
      {
        key: 'bad-card',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: CHAT,
        msgType: 'interactive',
        content: JSON.stringify({ schema: '2.0', body: { elements: [{ tag: 'no_such_tag' }] } }),
      },
      { now: clock.now() },
    );
    const sender = newSender('s1');
    const calls = emu.calls.length;
    expect(await sender.drain()).toMatchObject({ sent: 0, failed: 2, retried: 0 });
    expect(emu.calls.length - calls).toBe(2);
    expect(await getDelivery('no-bot')).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: { code: 230002, httpStatus: 400 },
    });
    expect(await getDelivery('bad-card')).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: { code: 230099 },
    });
    clock.advance(HOUR);
    expect(await sender.drain()).toMatchObject({ sent: 0, failed: 0 });
    expect(emu.calls.length - calls).toBe(2);
  });

  it('stops after maxAttempts of retryable failures', async () => {
    emu.injectFault({ method: 'POST', path: '/open-apis/im/v1/messages', status: 502, times: 3 });
    await enqueue(sendText('gives-up', '放弃'), { now: clock.now() });
    const sender = newSender('s1', { maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await sender.drain();
      // Within the uuid window: a 502 may have been carried out, so a repeat an hour later would
      // be parked as unknown instead (tests/e2e/outbox-once.test.ts).
      clock.advance(2 * 60_000);
    }
    expect(await getDelivery('gives-up')).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: { httpStatus: 502 },
    });
    expect(sentTo(CHAT, '放弃')).toHaveLength(0);
  });

  it('refetches the tenant token after 99991663 and retries', async () => {
    const sender = newSender('s1');
    await enqueue(sendText('tok-1', '一'), { now: clock.now() });
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    emu.expireTokens();
    await enqueue(sendText('tok-2', '二'), { now: clock.now() });
    expect(await sender.drain()).toMatchObject({ retried: 1 });
    expect((await getDelivery('tok-2'))?.lastError?.code).toBe(99991663);
    clock.advance(60_000);
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    expect(sentTo(CHAT, '二')).toHaveLength(1);
  });

  it('is idempotent end to end: re-enqueuing a delivered key sends nothing', async () => {
    const sender = newSender('s1');
    await enqueue(sendText('once', '只发一次'), { now: clock.now() });
    await sender.drain();
    expect((await enqueue(sendText('once', '只发一次'), { now: clock.now() })).created).toBe(false);
    expect(await sender.drain()).toMatchObject({ sent: 0 });
    expect(sentTo(CHAT, '只发一次')).toHaveLength(1);
  });

  it('counts a reply in a private chat against the person too, keeping it in the chat lane', async () => {
    const reply: EnqueueInput = {
      key: 'p2p-reply',
      kind: 'reply',
      messageId: 'om_question',
      chatId: 'oc_p2p_alice',
      openId: ALICE,
      msgType: 'text',
      content: JSON.stringify({ text: '好的' }),
    };
    await enqueue(reply, { now: clock.now() });
    const doc = (await findOutboxMessage('p2p-reply'))!;
    expect(doc.lane).toBe('chat:oc_p2p_alice');
    expect(scopesFor(doc, null)).toEqual([
      { rule: RATE_RULES.user, key: ALICE },
      { rule: RATE_RULES.chat, key: 'oc_p2p_alice' },
    ]);
  });

  it('writes a batch in one insert, skipping keys already queued, and delivers each once', async () => {
    const sender = newSender('s1');
    await enqueue(sendText('batch-1', '批量一'), { now: clock.now() });
    const batch = ['batch-0', 'batch-1', 'batch-2', 'batch-1'].map((key, i) => sendText(key, `批量${i}`));
    expect(await enqueueMany(batch, { now: clock.now() })).toBe(2);
    expect(await enqueueMany(batch, { now: clock.now() })).toBe(0);
    expect(await OutboxMessage.countDocuments({ key: /^batch-/ })).toBe(3);
    await sender.drain();
    expect(sentTo(CHAT, '批量一')).toHaveLength(1); // the first write of batch-1 won
    expect(sentTo(CHAT, '批量0')).toHaveLength(1);
    expect(sentTo(CHAT, '批量2')).toHaveLength(1);
    expect(sentTo(CHAT, '批量1')).toHaveLength(0);
  });

  it('patches a card by the outbox key of its send, once that send has a message id', async () => {
    await enqueue(
      {
        key: 'sign:1',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: CHAT,
        msgType: 'interactive',
        content: JSON.stringify(card('待签收')),
      },
      { now: clock.now() },
    );
    await enqueue(
      { key: 'sign:1:patch', kind: 'patch', outboxKey: 'sign:1', content: JSON.stringify(card('已签收')) },
      { now: clock.now() },
    );
    expect(await newSender('s1').drain()).toMatchObject({ sent: 2, failed: 0 });
    const sent = await findSent('sign:1');
    const m = emu.message(sent!.messageId!)!;
    expect(m.updates.map((u) => u.via)).toEqual(['patch']);
    expect(emu.textOf(m)).toContain('已签收');
    expect(await getDelivery('sign:1:patch')).toMatchObject({ state: 'sent', messageId: sent!.messageId });
    const patch = emu.calls.find(
      (c) => c.method === 'PATCH' && c.path === `/open-apis/im/v1/messages/${sent!.messageId}`,
    );
    expect(patch?.body).toEqual({ content: JSON.stringify(card('已签收')) });
  });

  it('fails a patch whose referenced send failed, without calling the API', async () => {
    await enqueue(sendText('doomed', '你好', LONELY), { now: clock.now() });
    await enqueue(
      { key: 'doomed:patch', kind: 'patch', outboxKey: 'doomed', content: JSON.stringify(card('x')) },
      { now: clock.now() },
    );
    expect(await newSender('s1').drain()).toMatchObject({ failed: 2 });
    expect(await getDelivery('doomed:patch')).toMatchObject({
      state: 'failed',
      attempts: 0,
      lastError: { code: -4 },
    });
  });

  it('buzzes users on a sent message with urgent_app (open_id list)', async () => {
    await enqueue(
      {
        key: 'task:9',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: CHAT,
        msgType: 'interactive',
        content: JSON.stringify(card('逾期任务')),
      },
      { now: clock.now() },
    );
    await enqueue(
      { key: 'task:9:urgent', kind: 'urgent', outboxKey: 'task:9', userIds: [ALICE, BOB] },
      { now: clock.now() },
    );
    expect(await newSender('s1').drain()).toMatchObject({ sent: 2 });
    const messageId = (await findSent('task:9'))!.messageId!;
    const call = emu.calls.find((c) => c.path === `/open-apis/im/v1/messages/${messageId}/urgent_app`);
    expect(call).toMatchObject({
      method: 'PATCH',
      query: { user_id_type: 'open_id' },
      body: { user_id_list: [ALICE, BOB] },
      status: 200,
    });
    expect(emu.message(messageId)!.urgent).toEqual([
      expect.objectContaining({ userIds: [ALICE, BOB], invalid: [] }),
    ]);
  });

  it('updates a card later with the callback token (card_update)', async () => {
    await enqueue(
      {
        key: 'poll:3',
        kind: 'send',
        receiveIdType: 'open_id',
        receiveId: ALICE,
        msgType: 'interactive',
        content: JSON.stringify(card('满意度调查')),
      },
      { now: clock.now() },
    );
    const sender = newSender('s1');
    await sender.drain();
    const messageId = (await findSent('poll:3'))!.messageId!;
    const click = await emu.clickCard({ messageId, operator: ALICE, value: { action: 'vote' } });
    expect(click.status).toBe(200);
    await enqueue(
      { key: `cb:${click.eventId}`, kind: 'card_update', token: click.token, card: card('感谢参与') },
      { now: clock.now() },
    );
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    const m = emu.message(messageId)!;
    expect(m.updates.map((u) => u.via)).toEqual(['card_update']);
    expect(emu.textOf(m)).toContain('感谢参与');
    const call = emu.calls.find((c) => c.path === '/open-apis/interactive/v1/card/update');
    expect(call?.body).toEqual({ token: click.token, card: card('感谢参与') });
  });

  it('fails a card_update whose token is unknown (code 300030, HTTP 200)', async () => {
    await enqueue(
      { key: 'cb:stale', kind: 'card_update', token: 'c-0000', card: card('x') },
      { now: clock.now() },
    );
    expect(await newSender('s1').drain()).toMatchObject({ failed: 1 });
    expect(await getDelivery('cb:stale')).toMatchObject({
      state: 'failed',
      lastError: { code: 300030, httpStatus: 200 },
    });
  });

  it('replies in a thread with the uuid and records the reply id', async () => {
    await enqueue(sendText('root', '议题：作风建设'), { now: clock.now() });
    const sender = newSender('s1');
    await sender.drain();
    const root = (await findSent('root'))!.messageId!;
    await enqueue(
      {
        key: 'reply-1',
        kind: 'reply',
        messageId: root,
        chatId: CHAT,
        msgType: 'text',
        content: text('收到'),
        replyInThread: true,
      },
      { now: clock.now() },
    );
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    const reply = emu.message((await findSent('reply-1'))!.messageId!)!;
    expect(reply).toMatchObject({ parentId: root, replyInThread: true });
    expect(reply.threadId).toBeTruthy();
  });

  it('holds a message until notBefore', async () => {
    await enqueue(sendText('later', '明早提醒'), {
      now: clock.now(),
      notBefore: new Date(clock.now().getTime() + HOUR),
    });
    const sender = newSender('s1');
    expect(await sender.drain()).toMatchObject({ sent: 0 });
    clock.advance(HOUR);
    expect(await sender.drain()).toMatchObject({ sent: 1 });
  });
});
