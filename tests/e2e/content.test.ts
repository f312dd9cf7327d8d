import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BroadcastResponseModel } from '../../src/models/broadcast.js';
import { ContentItemModel } from '../../src/models/content-item.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_ct_boot';
const ZHANG = 'ou_ct_zhang';
const LI = 'ou_ct_li';
const WANG = 'ou_ct_wang';
const GROUP = 'oc_ct_office';

const BAD_FILE = `# 廉洁小课堂
分类：廉政课
标签：微课

正文

# 
正文二

# 答题
问题：哪个对？
选项：甲 | 乙
答案：丙
正文三
`;

const GOOD_FILE = `# 拒收红包的三种说法
分类：微课
标签：拒贿、导入
必学：是
问题：收到红包最好的做法是？
选项：收下不声张 | 当面婉拒或登记上交 | 转交同事
答案：B
解析：当面婉拒，无法退还的及时登记上交。

一是讲纪律，二是讲感情，三是讲后果。

# 家书一封
分类：家风家训
标签：家风、导入
来源：本单位原创

清白传家。
`;

describe('content library, broadcast card, 已学习 and quiz, end to end', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z');

  async function say(sender: string, text: string, chatId?: string): Promise<string> {
    const sent = await h.emulator.sendText({
      chatType: chatId ? 'group' : 'p2p',
      chatId,
      sender,
      text,
      mentionBot: Boolean(chatId),
    });
    expect(sent.status).toBe(200);
    await h.settle();
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    for (const r of replies) if (r.msgType === 'interactive') expect(validateCard(r.content)).toEqual([]);
    return replies.map((m) => h.emulator.textOf(m)).join('\n');
  }

  async function sendFile(sender: string, fileName: string, text: string): Promise<string> {
    const before = h.emulator.messagesTo({ openId: sender }).length;
    await h.emulator.sendFile({ chatType: 'p2p', sender, fileName, bytes: Buffer.from(text) });
    await h.settle();
    return h.emulator
      .messagesTo({ openId: sender })
      .slice(before)
      .map((m) => h.emulator.textOf(m))
      .join('\n');
  }

  const flush = () => drainOnManualClock(h, clock);

  async function click(messageId: string, operator: string, text: string) {
    const res = await h.emulator.clickButton({ messageId, operator, text });
    await h.settle();
    expect(res.status).toBe(200);
    expect(res.clientError).toBeUndefined();
    return res.toast?.content ?? '';
  }

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [ZHANG, '张华'],
      [LI, '李明'],
      [WANG, '王强'],
    ] as const)
      h.emulator.addUser({ openId, name });
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: [BOOT, ZHANG, LI, WANG] });
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: BOOT });
    await h.settle();
    await say(BOOT, '/dept add 办公室');
    await say(BOOT, '/role member @张华 办公室'.replace('@张华', ZHANG));
    expect(await say(BOOT, '/chat bind 办公室', GROUP)).toContain('办公室');
  });
  afterAll(async () => h?.stop());

  it('lists the starter library and rejects a malformed import with line-numbered Chinese errors, importing nothing', async () => {
    const list = await say(ZHANG, '/content list');
    expect(list).toContain('C001');
    expect(list).toMatch(/学习内容库（共 3\d 条）/);
    const before = await ContentItemModel.countDocuments();

    expect(await say(ZHANG, '/content import')).toContain('仅限');
    expect(await say(BOOT, '内容 导入')).toContain('10 分钟内');
    const rejected = await sendFile(BOOT, '学习内容.md', BAD_FILE);
    expect(rejected).toContain('有 3 处错误，未导入任何内容');
    expect(rejected).toContain('第 2 行：分类“廉政课”不存在');
    expect(rejected).toContain('第 7 行：缺少标题');
    expect(rejected).toContain('第 13 行：答案“丙”对不上选项');
    expect(await ContentItemModel.countDocuments()).toBe(before);

    const done = await sendFile(BOOT, '学习内容.md', GOOD_FILE);
    expect(done).toContain('已导入 2 条学习内容');
    expect(await ContentItemModel.countDocuments()).toBe(before + 2);
    expect(await say(BOOT, '/content list 导入')).toContain('拒收红包的三种说法');
  });

  it('counts 已学习 once per person, tallies quiz answers and reminds non-readers of required reading once', async () => {
    const id = (await ContentItemModel.findOne({ title: '拒收红包的三种说法' }).lean())!._id;
    const answer = await say(BOOT, `/broadcast ${id} 本群 提醒 2`, GROUP);
    expect(answer).toContain('发往 1 个群');
    expect(answer).toContain('2 小时后');
    const broadcastId = /已开始推送 (B\w{4})/.exec(answer)![1]!;
    const card = h.emulator
      .messagesTo({ chatId: GROUP })
      .find((m) => h.emulator.textOf(m).includes('清廉学习｜拒收红包'))!;
    expect(validateCard(card.current)).toEqual([]);

    expect(await click(card.messageId, ZHANG, '已学习')).toContain('已记录');
    expect(await click(card.messageId, ZHANG, '已学习')).toContain('已学习过');
    expect(await click(card.messageId, LI, '已学习')).toContain('已记录');
    expect(await BroadcastResponseModel.countDocuments({ broadcastId, kind: 'ack' })).toBe(2);

    expect(await click(card.messageId, ZHANG, 'B. 当面婉拒或登记上交')).toContain('回答正确！解析：当面婉拒');
    expect(await click(card.messageId, WANG, 'A. 收下不声张')).toContain('回答错误，正确答案是 B。解析');
    expect(await click(card.messageId, WANG, 'B. 当面婉拒或登记上交')).toContain('以首次为准');

    const stats = await say(BOOT, `/broadcast stats ${broadcastId}`);
    expect(stats).toContain('送达：1/1 个群');
    expect(stats).toContain('已学习：2 人');
    expect(stats).toContain('答题：2 人，答对 1 人，正确率 50%');
    expect(stats).toContain('办公室：送达 1 群，已学习 1 人，答题 1 人，正确率 100%');
    expect(stats).toContain('未分配部门：送达 0 群，已学习 1 人，答题 1 人，正确率 0%');

    // Two hours later: one private reminder to each member who has not pressed 已学习.
    clock.advance(2 * 3_600_000 + 60_000);
    await h.bot.scheduler.tick();
    await flush();
    const reminded = (openId: string) =>
      h.emulator
        .messagesTo({ openId })
        .filter((m) => h.emulator.textOf(m).includes('必学内容「拒收红包的三种说法」'));
    expect(reminded(WANG)).toHaveLength(1);
    expect(reminded(BOOT)).toHaveLength(1);
    expect(reminded(ZHANG)).toHaveLength(0);
    expect(reminded(LI)).toHaveLength(0);
    clock.advance(3_600_000);
    await h.bot.scheduler.tick();
    await flush();
    expect(reminded(WANG)).toHaveLength(1);
    expect(await OutboxMessage.countDocuments({ key: { $in: [`broadcast:${broadcastId}:${GROUP}`] } })).toBe(
      1,
    );
  });
});
