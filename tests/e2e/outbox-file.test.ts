/**
 * The outbox `file` kind against the emulator: bytes stored as BSON binary, upload-then-send,
 * and exactly one file message after a crash or a retry (the create keeps the entry's uuid).
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLarkClient, type LarkClient } from '../../src/lark/client.js';
import { deliver } from '../../src/lark/deliver.js';
import { type EnqueueInput, enqueue, getDelivery, MAX_OUTBOX_FILE_BYTES } from '../../src/lark/outbox.js';
import { claimMessage, findDueHeads } from '../../src/lark/outbox-claim.js';
import { createOutboxMessenger } from '../../src/lark/outbox-messenger.js';
import { Sender } from '../../src/lark/sender.js';
import { createSilentLogger } from '../../src/logger.js';
import { OutboxClaim, OutboxMessage } from '../../src/models/outbox-message.js';
import { ManualClock } from '../../src/time/clock.js';
import { type Emulator, startEmulator } from '../emulator/index.js';
import { useTestDb } from '../support/test-db.js';

const APP = { appId: 'cli_outbox_file', appSecret: 'secret-of', encryptKey: 'enc', verificationToken: 'vt' };
const ADMIN = 'ou_outbox_file_admin';
const CSV = Buffer.from('\uFEFF时间,操作人,操作\n2026-03-02 09:00,王主任,导入成员\n', 'utf8');

const fileEntry = (key: string, bytes = CSV): EnqueueInput => ({
  key,
  kind: 'file',
  receiveIdType: 'open_id',
  receiveId: ADMIN,
  fileName: '审计日志.csv',
  fileType: 'stream',
  bytes,
});

describe('outbox file entries', () => {
  useTestDb();
  let emu: Emulator;
  let client: LarkClient;
  let clock: ManualClock;
  const log = createSilentLogger();
  const newSender = (owner: string) =>
    new Sender({
      client,
      clock,
      log,
      owner,
      leaseMs: 30_000,
      retryBaseMs: 1_000,
      retryMaxMs: 60_000,
      random: () => 0.5,
    });
  const fileMessages = () => emu.messagesTo({ openId: ADMIN }).filter((m) => m.msgType === 'file');
  const calls = (operation: string) => emu.calls.filter((c) => c.operation === operation);

  beforeAll(async () => {
    emu = await startEmulator({ ...APP, rateLimits: false });
    emu.addUser({ openId: ADMIN, name: '王主任' });
    client = createLarkClient({ ...APP, domain: emu.baseUrl }, { timeoutMs: 1_000 });
  });
  afterAll(async () => emu?.close());
  beforeEach(async () => {
    clock = new ManualClock(Date.now());
    await Promise.all([OutboxMessage.deleteMany({}), OutboxClaim.deleteMany({})]);
    emu.world.messages.length = 0;
    emu.calls.length = 0;
    emu.clearFaults();
  });

  it('stores the bytes as binary and sends one file message whose bytes read back', async () => {
    await createOutboxMessenger(clock).sendFile(
      'export-1',
      { openId: ADMIN },
      {
        fileName: '审计日志.csv',
        fileType: 'stream',
        bytes: CSV,
      },
    );
    const raw = await OutboxMessage.collection.findOne({ key: 'export-1' });
    expect(raw?.bytes).toBeInstanceOf(mongoose.mongo.Binary);
    expect(raw).toMatchObject({
      kind: 'file',
      lane: `user:${ADMIN}`,
      fileName: '审计日志.csv',
      fileType: 'stream',
    });
    expect(await newSender('s1').drain()).toMatchObject({ sent: 1, failed: 0 });
    const [m] = fileMessages();
    expect(fileMessages()).toHaveLength(1);
    expect(emu.uploadedFile(m!)).toMatchObject({ fileName: '审计日志.csv', fileType: 'stream' });
    expect(emu.uploadedFile(m!)?.bytes.equals(CSV)).toBe(true);
    expect((await getDelivery('export-1'))?.messageId).toBe(m!.messageId);
  });

  it('a crash after the calls but before the record: the heir uploads again, one message (same uuid)', async () => {
    await enqueue(fileEntry('crash-file'), { now: clock.now() });
    const [head] = await findDueHeads(clock.now(), [], 1);
    const claimed = await claimMessage(head!, 'dying-sender', clock.now(), 30_000);
    const first = await deliver(client, claimed!, null); // uploaded and sent, then the process died
    clock.advance(31_000);
    expect(await newSender('heir').drain()).toMatchObject({ sent: 1 });
    expect(calls('im.file.create')).toHaveLength(2);
    const creates = calls('im.message.create');
    expect(creates).toHaveLength(2);
    expect(new Set(creates.map((c) => (c.body as { uuid?: string }).uuid)).size).toBe(1);
    expect(fileMessages()).toHaveLength(1);
    expect((await getDelivery('crash-file'))?.messageId).toBe(first.messageId);
  });

  it('retries when the send fails after the upload worked, and still sends one message', async () => {
    emu.injectFault({ method: 'POST', path: '/open-apis/im/v1/messages', status: 500 });
    await enqueue(fileEntry('retry-file'), { now: clock.now() });
    const sender = newSender('s1');
    expect(await sender.drain()).toMatchObject({ sent: 0, retried: 1 });
    clock.advance(61_000);
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    expect(calls('im.file.create')).toHaveLength(2);
    expect(fileMessages()).toHaveLength(1);
    expect(await getDelivery('retry-file')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('keeps lane order: a text then a file to the same chat arrive in that order', async () => {
    const messenger = createOutboxMessenger(clock);
    await messenger.sendText('order-1', { openId: ADMIN }, '导入结果如下');
    await messenger.sendFile(
      'order-2',
      { openId: ADMIN },
      { fileName: '错误明细.csv', fileType: 'stream', bytes: CSV },
    );
    await newSender('s1').drain();
    expect(emu.messagesTo({ openId: ADMIN }).map((m) => m.msgType)).toEqual(['text', 'file']);
  });

  it('refuses empty files and files over the cap with a clear error, writing nothing', async () => {
    await expect(enqueue(fileEntry('empty', Buffer.alloc(0)))).rejects.toThrow(/non-empty/);
    await expect(enqueue(fileEntry('huge', Buffer.alloc(MAX_OUTBOX_FILE_BYTES + 1)))).rejects.toThrow(
      /审计日志\.csv" is 10\.0 MB; the outbox takes at most 10\.0 MB/,
    );
    expect(await OutboxMessage.countDocuments()).toBe(0);
  });
});
