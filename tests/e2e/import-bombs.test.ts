/**
 * Hostile spreadsheets through `/import members`: XLSX bombs (wide rows reaching column XFD,
 * a shared-strings bomb, a sheet that declares 500 MB, a size header that lies, 100,000 rows)
 * and a too-wide CSV are each refused in under 2 s with a Chinese message naming the limit,
 * nothing is written, and another member's /whoami is answered meanwhile (also within 2 s).
 * The 2 s are the bot's own: from the stored event to its queued answer (download, read,
 * refusal). The whole round trip through the emulator's sender is bounded more loosely, as it
 * depends on the load of the shared test machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboxEventModel } from '../../src/models/inbox-event.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { PersonModel } from '../../src/models/person.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';
import {
  declaredHugeBomb,
  lyingHeaderBomb,
  manyRowsBomb,
  sharedStringsBomb,
  wideRowsBomb,
} from '../support/xlsx-bombs.js';

const ADMIN = 'ou_bomb_admin';
const MEMBER = 'ou_bomb_member';

interface Bomb {
  name: string;
  fileName: string;
  bytes: () => Buffer;
  expected: string;
}

const BOMBS: Bomb[] = [
  {
    name: 'wide rows: one value in column XFD on 600 rows',
    fileName: '名单-宽.xlsx',
    bytes: () => wideRowsBomb(600),
    expected: '第 2 行第 16384 列有内容，超过了 64 列的上限',
  },
  {
    name: 'a shared-strings table of a million entries whose header claims one',
    fileName: '名单-共享字符串.xlsx',
    bytes: () => sharedStringsBomb(1_000_000),
    expected: '文字条目超过 50000 条',
  },
  {
    name: 'a sheet that declares 500 MB unpacked',
    fileName: '名单-大.xlsx',
    bytes: () => declaredHugeBomb(500),
    expected: '解压后超过 20 MB 的上限',
  },
  {
    name: 'a sheet that declares 2 KB and inflates to 500 MB',
    fileName: '名单-谎报.xlsx',
    bytes: () => lyingHeaderBomb(500),
    expected: '文件可能已损坏',
  },
  {
    name: '100,000 rows',
    fileName: '名单-行.xlsx',
    bytes: () => manyRowsBomb(100_000),
    expected: '文件超过 5000 行数据的上限（读到第 5002 行时停止）',
  },
  {
    name: 'a CSV with a value in column 65',
    fileName: '名单-宽.csv',
    bytes: () => Buffer.from(`姓名,部门${',x'.repeat(63)}\n张三,办公室\n`),
    expected: '第 1 行第 65 列有内容，超过了 64 列的上限',
  },
];

describe('hostile spreadsheets are refused quickly while the bot keeps answering', () => {
  useTestDb();
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: MEMBER, name: '李明' });
    await h.emulator.sendText({ chatType: 'p2p', sender: ADMIN, text: '/import members' });
    await h.emulator.sendText({ chatType: 'p2p', sender: MEMBER, text: '/whoami' });
    await h.settle();
  });
  afterAll(async () => h?.stop());

  const textsTo = (openId: string) => h.emulator.messagesTo({ openId }).map((m) => h.emulator.textOf(m));
  /** From the stored event of a message to the last answer it queued, in ms. */
  const botTime = async (messageId: string) => {
    const event = await InboxEventModel.findOne({ 'envelope.event.message.message_id': messageId }).lean();
    const answers = await OutboxMessage.find({ key: { $regex: `^${event!._id}:reply:` } }).lean();
    expect(answers.length).toBeGreaterThan(0);
    return Math.max(...answers.map((a) => a.createdAt.getTime())) - event!.receivedAt.getTime();
  };

  for (const bomb of BOMBS) {
    it(`${bomb.name}: refused in under 2 s, /whoami answered meanwhile`, async () => {
      const bytes = bomb.bytes();
      const adminBefore = textsTo(ADMIN).length;
      const memberBefore = textsTo(MEMBER).length;
      const people = await PersonModel.countDocuments();
      const started = Date.now();
      let refusedAt = 0;
      let answeredAt = 0;
      const [file, whoami] = await Promise.all([
        h.emulator.sendFile({ chatType: 'p2p', sender: ADMIN, fileName: bomb.fileName, bytes }),
        h.emulator.sendText({ chatType: 'p2p', sender: MEMBER, text: '/whoami' }),
      ]);
      while ((!refusedAt || !answeredAt) && Date.now() - started < 20_000) {
        if (
          !refusedAt &&
          textsTo(ADMIN)
            .slice(adminBefore)
            .some((t) => t.includes(bomb.expected))
        ) {
          refusedAt = Date.now();
        }
        if (!answeredAt && textsTo(MEMBER).length > memberBefore) answeredAt = Date.now();
        await new Promise((r) => setTimeout(r, 10));
      }
      const answers = textsTo(ADMIN).slice(adminBefore);
      expect(refusedAt, answers.join('\n---\n')).toBeGreaterThan(0);
      expect(answeredAt).toBeGreaterThan(0);
      expect(await botTime(file.messageId)).toBeLessThan(2000);
      expect(await botTime(whoami.messageId)).toBeLessThan(2000);
      expect(refusedAt - started).toBeLessThan(10_000);
      expect(answeredAt - started).toBeLessThan(10_000);
      expect(textsTo(MEMBER).slice(memberBefore).join('\n')).toContain('李明');
      expect(answers.some((t) => t.includes('未导入任何数据') || t.includes('无法读取'))).toBe(true);
      await h.settle();
      expect(await PersonModel.countDocuments()).toBe(people);
    });
  }
});
