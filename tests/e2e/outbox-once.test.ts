/**
 * The outbox records delivery itself: a message id once recorded is never followed by another
 * call, whatever the delay; a call whose answer was lost is repeated only inside Feishu's uuid
 * window (the emulator deduplicates by uuid for one hour on the same manual clock), and parked as
 * `unknown` after it. The sender's business clock and the emulator's clock are one ManualClock.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLarkClient, type LarkClient } from '../../src/lark/client.js';
import { deliver } from '../../src/lark/deliver.js';
import { type EnqueueInput, enqueue, findOutboxMessage, findSent } from '../../src/lark/outbox.js';
import { claimMessage, findDueHeads, resultId } from '../../src/lark/outbox-claim.js';
import { Sender } from '../../src/lark/sender.js';
import { createSilentLogger } from '../../src/logger.js';
import { OutboxClaim, OutboxMessage, OutboxResult } from '../../src/models/outbox-message.js';
import { ManualClock } from '../../src/time/clock.js';
import { type Emulator, startEmulator } from '../emulator/index.js';
import { useTestDb } from '../support/test-db.js';

const APP = {
  appId: 'cli_outbox_once',
  appSecret: 'secret-outbox-once',
  encryptKey: 'enc-key-once',
  verificationToken: 'vt-once',
};
const ALICE = 'ou_once00000000000000000000000001';
const CHAT = 'oc_once00000000000000000000000001';
const MINUTE = 60_000;
const CREATE = '/open-apis/im/v1/messages';

const text = (s: string) => JSON.stringify({ text: s });
const sendText = (key: string, s: string): EnqueueInput => ({
  key,
  kind: 'send',
  receiveIdType: 'chat_id',
  receiveId: CHAT,
  msgType: 'text',
  content: text(s),
});

describe('outbox delivery is recorded per entry: no second copy after any delay', () => {
  useTestDb();
  let emu: Emulator;
  let client: LarkClient;
  let clock = new ManualClock(Date.now());
  const log = createSilentLogger();

  const newSender = (owner: string) =>
    new Sender({ client, clock, log, owner, leaseMs: 30_000, retryBaseMs: 1_000, random: () => 0.5 });
  const copies = (s: string) => emu.messagesTo({ chatId: CHAT }).filter((m) => m.rawContent === text(s));
  const creates = (s: string) =>
    emu.calls.filter((c) => c.path === CREATE && (c.body as { content?: string }).content === text(s));

  /** A sender claims the entry, makes the call, and dies before recording anything. */
  async function callThenDie(key: string) {
    const [head] = await findDueHeads(clock.now(), [], 1);
    expect(head?.key).toBe(key);
    const claimed = await claimMessage(head!, 'dying-sender', clock.now(), 30_000);
    const answer = await deliver(client, claimed!, null);
    return { claimed: claimed!, messageId: answer.messageId! };
  }

  beforeAll(async () => {
    emu = await startEmulator({ ...APP, clock: () => clock.now().getTime() });
    emu.addUser({ openId: ALICE, name: '王小明' });
    emu.addChat({ chatId: CHAT, name: '恰好一次群', members: [ALICE] });
    client = createLarkClient({ ...APP, domain: emu.baseUrl }, { timeoutMs: 1_000 });
  });
  afterAll(async () => emu?.close());
  beforeEach(async () => {
    clock = new ManualClock(Date.now());
    await Promise.all([
      OutboxMessage.deleteMany({}),
      OutboxClaim.deleteMany({}),
      OutboxResult.deleteMany({}),
    ]);
  });
  afterEach(() => emu.clearFaults());

  it('a send whose answer was lost is repeated within the window with its uuid: one message', async () => {
    emu.injectFault({ method: 'POST', path: CREATE, delayMs: 1_500 }); // answered after the client gave up
    await enqueue(sendText('lost-answer', '答复丢失的通知'), { now: clock.now() });
    const sender = newSender('s1');
    expect(await sender.drain()).toMatchObject({ sent: 0, retried: 1 });
    await emu.waitFor(() => copies('答复丢失的通知').length === 1, { timeoutMs: 3_000 });
    expect(await findOutboxMessage('lost-answer')).toMatchObject({ state: 'pending', uncertain: true });

    clock.advance(20 * MINUTE); // an outage, still inside the window
    expect(await sender.drain()).toMatchObject({ sent: 1, unknown: 0 });
    expect(creates('答复丢失的通知')).toHaveLength(2);
    expect(copies('答复丢失的通知')).toHaveLength(1);
  });

  it('a message id recorded before the lease was lost is never sent again, even hours later', async () => {
    await enqueue(sendText('recorded', '已记录的通知'), { now: clock.now() });
    const { claimed, messageId } = await callThenDie('recorded');
    // The delivery record was written; the process died before marking the entry sent.
    await OutboxResult.create({ _id: resultId(claimed), messageId, at: clock.now() });

    clock.advance(2 * 60 * MINUTE); // beyond Feishu's uuid hour: a repeat would be a second copy
    expect(await newSender('heir').drain()).toMatchObject({ sent: 1, unknown: 0, failed: 0 });
    expect(creates('已记录的通知')).toHaveLength(1);
    expect(copies('已记录的通知')).toHaveLength(1);
    expect(await findSent('recorded')).toMatchObject({ messageId });
  });

  it('a call whose answer was never recorded is parked as unknown beyond the window, not resent', async () => {
    await enqueue(sendText('ambiguous', '无法确认的通知'), { now: clock.now() });
    await callThenDie('ambiguous');

    clock.advance(55 * MINUTE);
    const heir = newSender('heir');
    expect(await heir.drain()).toMatchObject({ sent: 0, unknown: 1 });
    expect(await findOutboxMessage('ambiguous')).toMatchObject({ state: 'unknown', lastError: { code: -5 } });
    expect(creates('无法确认的通知')).toHaveLength(1);
    expect(copies('无法确认的通知')).toHaveLength(1);
    expect(await heir.drain()).toMatchObject({ sent: 0, unknown: 0 }); // parked for good
  });

  it('an entry refused with a code (nothing delivered) is still sent after a long outage', async () => {
    emu.injectFault({ method: 'POST', path: CREATE, code: 230020 });
    await enqueue(sendText('refused', '限流后的通知'), { now: clock.now() });
    const sender = newSender('s2');
    expect(await sender.drain()).toMatchObject({ retried: 1 });
    expect(await findOutboxMessage('refused')).toMatchObject({ uncertain: false });
    clock.advance(55 * MINUTE);
    expect(await sender.drain()).toMatchObject({ sent: 1, unknown: 0 });
    expect(copies('限流后的通知')).toHaveLength(1);
  });

  it('fresh entries cost no extra query: the delivery check reads only for uncertain ones', async () => {
    const reads = vi.spyOn(OutboxResult, 'find');
    try {
      for (let i = 0; i < 20; i++) await enqueue(sendText(`fresh-${i}`, `第${i}条`), { now: clock.now() });
      const sender = newSender('s3');
      let sent = 0;
      for (let round = 0; round < 40 && sent < 20; round++) {
        sent += (await sender.drain()).sent; // 5 per second to one chat: some are put back
        clock.advance(1_000);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(sent).toBe(20);
      expect(reads).not.toHaveBeenCalled();

      await enqueue(sendText('taken-over', '接管的通知'), { now: clock.now() });
      await callThenDie('taken-over');
      clock.advance(MINUTE);
      expect(await newSender('s4').drain()).toMatchObject({ sent: 1 });
      expect(reads).toHaveBeenCalledTimes(1);
      expect(copies('接管的通知')).toHaveLength(1);
    } finally {
      reads.mockRestore();
    }
  });
});
