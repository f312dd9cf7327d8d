/** File upload, file messages, resource download and user ids by email / mobile, client against the emulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient, type LarkClient, ResourceTooLargeError } from '../../src/lark/client.js';
import { type Emulator, startEmulator } from '../emulator/index.js';

const APP = { appId: 'cli_files_e2e', appSecret: 'secret-files', encryptKey: 'enc', verificationToken: 'vt' };
const ALICE = 'ou_files_alice';
const people = Array.from({ length: 120 }, (_, i) => ({
  openId: `ou_files_${String(i).padStart(3, '0')}`,
  name: `成员${i}`,
  mobile: `1380000${String(i).padStart(4, '0')}`,
  email: `user${i}@example.gov.cn`,
}));

describe('files and user ids through the Lark client', () => {
  let emu: Emulator;
  let client: LarkClient;

  beforeAll(async () => {
    emu = await startEmulator({ ...APP, rateLimits: false });
    emu.addUser({ openId: ALICE, name: '张三', mobile: '+86 139-0000-0001', email: 'zhang@example.gov.cn' });
    for (const p of people) emu.addUser(p);
    client = createLarkClient({ ...APP, domain: emu.baseUrl });
  });
  afterAll(async () => emu?.close());

  it('uploads a file as multipart and sends it as a file message whose bytes read back', async () => {
    const bytes = Buffer.from('\uFEFF时间,操作人\n2026-03-02 09:00,王主任\n', 'utf8');
    const { fileKey } = await client.uploadFile({ fileName: '审计日志.csv', fileType: 'stream', bytes });
    expect(fileKey).toMatch(/^file_v3_/);
    const upload = emu.calls.find((c) => c.operation === 'im.file.create');
    expect(upload?.body).toMatchObject({
      file_type: 'stream',
      file_name: '审计日志.csv',
      file: `<${bytes.length} bytes>`,
    });
    const sent = await client.createMessage({
      receiveIdType: 'open_id',
      receiveId: ALICE,
      msgType: 'file',
      content: JSON.stringify({ file_key: fileKey }),
    });
    const m = emu.message(sent.messageId)!;
    expect(m.msgType).toBe('file');
    expect(emu.textOf(m)).toBe('[文件: 审计日志.csv]');
    expect(emu.uploadedFile(m)?.bytes.equals(bytes)).toBe(true);
  });

  it('answers the real errors for unknown keys, type mismatches and empty files', async () => {
    await expect(
      client.createMessage({
        receiveIdType: 'open_id',
        receiveId: ALICE,
        msgType: 'file',
        content: JSON.stringify({ file_key: 'file_v3_unknown' }),
      }),
    ).rejects.toMatchObject({ code: 230017, httpStatus: 400, retryable: false });
    const video = await client.uploadFile({ fileName: 'a.mp4', fileType: 'mp4', bytes: Buffer.from('x') });
    await expect(
      client.createMessage({
        receiveIdType: 'open_id',
        receiveId: ALICE,
        msgType: 'file',
        content: JSON.stringify({ file_key: video.fileKey }),
      }),
    ).rejects.toMatchObject({ code: 230055 });
    await expect(
      client.uploadFile({ fileName: 'empty.csv', fileType: 'stream', bytes: Buffer.alloc(0) }),
    ).rejects.toMatchObject({ code: 234010, httpStatus: 400 });
  });

  it('downloads a file a user sent, with a size limit and the real error for a wrong message', async () => {
    const bytes = Buffer.alloc(300_000, 7);
    const file = { messageId: 'om_files_list', fileKey: 'file_v3_00ab_list', fileName: '名单.xlsx', bytes };
    emu.addFile(file);
    const got = await client.downloadResource({
      messageId: file.messageId,
      fileKey: file.fileKey,
      type: 'file',
    });
    expect(got.equals(bytes)).toBe(true);
    await expect(
      client.downloadResource({
        messageId: file.messageId,
        fileKey: file.fileKey,
        type: 'file',
        maxBytes: 100_000,
      }),
    ).rejects.toBeInstanceOf(ResourceTooLargeError);
    await expect(
      client.downloadResource({ messageId: 'om_other', fileKey: file.fileKey, type: 'file' }),
    ).rejects.toMatchObject({ code: 234003, httpStatus: 400 });
  });

  it('resolves emails and mobiles to open_ids in calls of at most 50 each', async () => {
    const before = emu.calls.filter((c) => c.operation === 'contact.user.batch_get_id').length;
    const got = await client.resolveUserIds({
      emails: [...people.slice(0, 60).map((p) => p.email), 'nobody@example.gov.cn'],
      mobiles: [...people.slice(60).map((p) => p.mobile), '13900000001', '13700000000'],
    });
    const calls = emu.calls.filter((c) => c.operation === 'contact.user.batch_get_id').slice(before);
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.query.user_id_type === 'open_id')).toBe(true);
    expect(got.byEmail.size).toBe(60);
    expect(got.byEmail.get('user7@example.gov.cn')).toBe(people[7]!.openId);
    expect(got.byEmail.has('nobody@example.gov.cn')).toBe(false);
    expect(got.byMobile.size).toBe(61);
    expect(got.byMobile.get('13900000001')).toBe(ALICE);
    expect(got.byMobile.get(people[100]!.mobile)).toBe(people[100]!.openId);
    expect(got.byMobile.has('13700000000')).toBe(false);
  });
});
