import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContentItems } from '../../src/domain/content-items.js';
import { BroadcastScheduleModel } from '../../src/models/broadcast-schedule.js';
import { ManualClock } from '../../src/time/clock.js';
import { formatZoned } from '../../src/time/zoned.js';
import { validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const SH = 'Asia/Shanghai';
const HOUR = 3_600_000;
const BOOT = 'ou_bs_boot';
const GROUP = 'oc_bs_office';
const GROUP2 = 'oc_bs_finance';
const sh = (wall: string) => new Date(`${wall}:00+08:00`);

describe('a weekly broadcast schedule, end to end with a controlled clock', () => {
  useTestDb();
  let h: Harness;
  // Wednesday 2026-09-23 10:00 in Shanghai.
  const clock = new ManualClock(sh('2026-09-23T10:00'));

  async function say(text: string, chatId?: string): Promise<string> {
    const sent = await h.emulator.sendText({
      chatType: chatId ? 'group' : 'p2p',
      chatId,
      sender: BOOT,
      text,
      mentionBot: Boolean(chatId),
    });
    expect(sent.status).toBe(200);
    await h.settle();
    return h.emulator.messages
      .filter((m) => m.parentId === sent.messageId)
      .map((m) => h.emulator.textOf(m))
      .join('\n');
  }

  const flush = () => drainOnManualClock(h, clock);

  /** The broadcast cards a chat got, as 'MM-DD HH:mm title'. */
  const cards = (chatId: string) =>
    h.emulator
      .messagesTo({ chatId })
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes('清廉学习｜'))
      .map((m) => {
        expect(validateCard(m.current)).toEqual([]);
        const title = /清廉学习｜([^\s】]+)/.exec(h.emulator.textOf(m))![1];
        return `${formatZoned(new Date(m.createTime), SH, 'MM-DD HH:mm')} ${title}`;
      });

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: [BOOT] });
    h.emulator.addChat({ chatId: GROUP2, name: '财务处工作群', members: [BOOT] });
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: BOOT });
    await h.emulator.botAddedToChat({ chatId: GROUP2, operator: BOOT });
    await h.settle();
    await say('/dept add 办公室');
    await say('/dept add 财务处');
    await say('/chat bind 办公室', GROUP);
    await say('/chat bind 财务处', GROUP2);
    const body = '周一学习内容。';
    const base = {
      body,
      category: 'lesson' as const,
      source: '测试',
      imageKey: '',
      quiz: null,
      required: false,
    };
    await addContentItems(
      [
        { ...base, title: '周学甲', tags: ['周学'] },
        { ...base, title: '周学乙', tags: ['周学'] },
        { ...base, title: '周学丙', tags: ['周学'] },
      ],
      BOOT,
      clock.now(),
    );
  });
  afterAll(async () => h?.stop());

  it('fires Mondays at 09:00 Shanghai, skips the National Day holiday, rotates through the tag without repeats', async () => {
    const added = await say('/schedule add 每周一 09:00 目标 全部 标签 周学 跳过节假日');
    expect(added).toContain('下次推送：2026-09-28 09:00');
    const id = /推送计划 (S\w{4})/.exec(added)![1]!;
    expect(await say('/schedule list')).toContain(`${id}【运行中】每周一 09:00`);

    // Walk the clock through five Mondays hour by hour around 09:00, a few times a day otherwise.
    const end = sh('2026-11-02T12:00').getTime();
    for (let day = sh('2026-09-24T00:00').getTime(); day <= end; day += 24 * HOUR) {
      for (const hour of [8, 9, 10]) {
        if (day + hour * HOUR > end) break;
        clock.set(day + hour * HOUR);
        await h.bot.scheduler.tick();
        await flush();
      }
    }

    // 09-28 (a workday), 10-05 skipped (National Day holiday), 10-12, 10-19, 10-26 a new cycle, 11-02.
    const sent = cards(GROUP);
    expect(sent.map((c) => c.slice(0, 11))).toEqual([
      '09-28 09:00',
      '10-12 09:00',
      '10-19 09:00',
      '10-26 09:00',
      '11-02 09:00',
    ]);
    const titles = sent.map((c) => c.slice(12));
    expect(new Set(titles.slice(0, 3))).toEqual(new Set(['周学甲', '周学乙', '周学丙']));
    expect(titles.slice(3)).toEqual(titles.slice(0, 2));
    expect(cards(GROUP2)).toEqual(sent);
    expect((await BroadcastScheduleModel.findById(id).lean())?.sent).toHaveLength(2);

    // Paused: the next Monday passes without a card; resumed: the Monday after that fires.
    expect(await say(`/schedule pause ${id}`)).toContain('已暂停');
    clock.set(sh('2026-11-09T09:00'));
    await h.bot.scheduler.tick();
    await flush();
    expect(cards(GROUP)).toHaveLength(5);
    expect(await say(`/schedule resume ${id}`)).toContain('下次推送：2026-11-16 09:00');
    clock.set(sh('2026-11-16T09:00'));
    await h.bot.scheduler.tick();
    await flush();
    expect(cards(GROUP).at(-1)).toBe(`11-16 09:00 ${titles[2]}`);
  }, 240_000);

  it('explains a timing it cannot read and changes nothing', async () => {
    const before = await BroadcastScheduleModel.countDocuments();
    expect(await say('/schedule add 每周八 09:00 标签 周学')).toContain('推送时间“每周八 09:00”看不懂');
    expect(await say('/schedule add 每周一 25:00')).toContain('时间“25:00”看不懂');
    expect(await BroadcastScheduleModel.countDocuments()).toBe(before);
  });
});
