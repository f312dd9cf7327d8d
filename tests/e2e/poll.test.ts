import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app.js';
import { closeAndAnnounce } from '../../src/domain/poll-announce.js';
import { createLarkClient } from '../../src/lark/client.js';
import { createSilentLogger } from '../../src/logger.js';
import { PollEligibleModel, PollModel } from '../../src/models/poll.js';
import { PollBallotModel, PollVoteModel, PollVoterModel } from '../../src/models/poll-vote.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_poll_boot';
const G1 = 'oc_poll_office';
const G2 = 'oc_poll_finance';
const G3 = 'oc_poll_discipline';
const person = (n: number) => `ou_poll_m${String(n).padStart(2, '0')}`;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => person(a + i));
const G1_MEMBERS = [BOOT, ...range(1, 10)];
const G2_MEMBERS = range(11, 20);
const G3_MEMBERS = [...range(21, 28), person(1), person(2)];
const EVERYONE = [...new Set([...G1_MEMBERS, ...G2_MEMBERS, ...G3_MEMBERS])];

/** Thursday 2026-11-26 10:00 in Shanghai. */
const START = '2026-11-26T02:00:00Z';

describe('polls and satisfaction surveys, end to end', () => {
  const { uri } = useTestDb();
  let h: Harness;
  const clock = new ManualClock(START);

  async function say(sender: string, text: string, opts: { chatId?: string; mentions?: string[] } = {}) {
    // Time moves on between commands (the platform's per-second send limits are on this clock).
    clock.advance(1500);
    const sent = await h.emulator.sendText({
      chatType: opts.chatId ? 'group' : 'p2p',
      chatId: opts.chatId,
      sender,
      text,
      mentionBot: Boolean(opts.chatId),
      mentions: opts.mentions,
    });
    expect(sent.status).toBe(200);
    await h.settle();
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    for (const r of replies) if (r.msgType === 'interactive') expect(validateCard(r.current)).toEqual([]);
    return replies.map((m) => h.emulator.textOf(m)).join('\n');
  }

  async function click(
    messageId: string,
    operator: string,
    text: string,
    formValue?: Record<string, unknown>,
  ) {
    const result = await h.emulator.clickButton({ messageId, operator, text, formValue });
    await h.settle();
    expect(result.status).toBe(200);
    expect(result.clientError).toBeUndefined();
    return result;
  }

  const pollCard = (chatId: string) => {
    const card = h.emulator.latestCard({ chatId })!;
    expect(validateCard(card.current)).toEqual([]);
    return card;
  };
  const idFrom = (text: string) => /投票 (V[A-Z0-9]{4})/.exec(text)?.[1] ?? '';

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    for (let i = 1; i <= 28; i++) h.emulator.addUser({ openId: person(i), name: `成员${i}` });
    for (const [chatId, name, members] of [
      [G1, '办公室工作群', G1_MEMBERS],
      [G2, '财务处工作群', G2_MEMBERS],
      [G3, '纪检组工作群', G3_MEMBERS],
    ] as const) {
      h.emulator.addChat({ chatId, name, members: [...members] });
      await h.emulator.botAddedToChat({ chatId, operator: BOOT });
    }
    await h.settle();
    for (const d of ['机关', '办公室 机关', '财务处 机关', '纪检组 机关']) await say(BOOT, `/dept add ${d}`);
    for (const n of [1, 2, 3, 4, 5, 6])
      await say(BOOT, `/role member @成员${n} 办公室`, { mentions: [person(n)] });
    for (const n of [11, 12]) await say(BOOT, `/role member @成员${n} 财务处`, { mentions: [person(n)] });
    expect(await say(BOOT, '/chat bind 办公室', { chatId: G1 })).toContain('办公室');
    expect(await say(BOOT, '/chat bind 财务处', { chatId: G2 })).toContain('财务处');
    expect(await say(BOOT, '/chat bind 纪检组', { chatId: G3 })).toContain('纪检组');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('bad input says what to type and starts nothing', async () => {
    expect(await say(BOOT, '/poll new 只有问题', { chatId: G1 })).toContain('请至少写两个选项');
    expect(await say(BOOT, '/poll new 问题 | 甲 | 甲', { chatId: G1 })).toContain('不能重复');
    expect(await say(BOOT, '/poll new 问题 | 甲 | 乙 抽样 很多', { chatId: G1 })).toContain('抽样 30%');
    expect(await say(BOOT, '/poll new 问题 | 甲 | 乙 截止 2026-11-01 18:00', { chatId: G1 })).toContain(
      '已经过去',
    );
    expect(await say(BOOT, '/poll new 问题 | 甲 | 乙')).toContain('群 全部');
    expect(await say(person(3), '/poll new 问题 | 甲 | 乙', { chatId: G1 })).toContain('仅限');
    expect(await PollModel.countDocuments()).toBe(0);
    const form = await say(BOOT, '投票', { chatId: G1 });
    expect(form).toContain('发起投票');
  });

  it('named poll: buttons, a toast, one vote per person, a change when allowed, live results', async () => {
    const answer = await say(BOOT, '/poll new 本季度廉洁教育形式 | 专题讲座 | 警示片 | 现场参观 可改', {
      chatId: G1,
    });
    expect(answer).toContain('可投票 11 人');
    const id = idFrom(answer);
    const card = pollCard(G1);
    expect(h.emulator.textOf(card)).toContain('本季度廉洁教育形式');
    const first = await click(card.messageId, person(1), '专题讲座');
    expect(first.toast?.content).toContain('已投票：专题讲座');
    const changed = await click(card.messageId, person(1), '警示片');
    expect(changed.toast?.content).toContain('已改为：警示片');
    await click(card.messageId, person(2), '警示片');
    await click(card.messageId, person(3), '现场参观');
    const outsider = await click(card.messageId, person(11), '专题讲座');
    expect(outsider.toast?.content).toContain('不在本次投票的参与范围');
    expect(await PollVoteModel.countDocuments({ poll: id })).toBe(3);
    const results = await say(person(2), `/poll results ${id}`, { chatId: G1 });
    expect(results).toContain('参与：3 / 11');
    expect(results).toMatch(/警示片：█+░* 66\.7%（2 票）/);

    const multi = idFrom(
      await say(BOOT, '/poll new 愿意参加哪些活动 | 读书会 | 参观 | 讲座 多选', { chatId: G1 }),
    );
    const mcard = pollCard(G1);
    const ticked = await click(mcard.messageId, person(4), '提交', { poll_opt_o1: true, poll_opt_o3: true });
    expect(ticked.toast?.content).toContain('读书会、讲座');
    const again = await click(mcard.messageId, person(4), '提交', { poll_opt_o2: true });
    expect(again.toast?.content).toContain('已经投过票');
    const none = await click(mcard.messageId, person(5), '提交', {});
    expect(none.toast?.content).toContain('请至少勾选一项');
    expect((await PollVoteModel.findById(`${multi}:${person(4)}`).lean())?.options).toEqual(['o1', 'o3']);
  });

  let satisfaction = '';
  it('anonymous satisfaction survey across chats: hidden results, final votes, reminders to non-voters only', async () => {
    const answer = await say(BOOT, '/poll satisfaction 清廉机关创建工作 截止 2026-11-26 18:00 群 全部');
    satisfaction = idFrom(answer) || (/(V[A-Z0-9]{4})/.exec(answer)?.[1] ?? '');
    expect(answer).toContain(`可投票 ${EVERYONE.length} 人`);
    const cards = [G1, G2, G3].map(pollCard);
    expect(h.emulator.textOf(cards[0]!)).toContain('匿名');
    expect(h.emulator.textOf(cards[0]!)).not.toContain('查看结果');
    // 15 voters: office 1–6 (满意 ×4, 基本满意 ×2), finance 11–17, discipline 21–22.
    const votes: Array<[string, number, string]> = [
      ...range(1, 4).map((p) => [p, 0, '满意'] as [string, number, string]),
      [person(5), 0, '基本满意'],
      [person(6), 0, '基本满意'],
      ...range(11, 15).map((p) => [p, 1, '满意'] as [string, number, string]),
      [person(16), 1, '不满意'],
      [person(17), 1, '基本满意'],
      [person(21), 2, '不满意'],
      [person(22), 2, '满意'],
    ];
    for (const [who, chat, option] of votes) {
      const r = await click(cards[chat]!.messageId, who, option);
      expect(r.toast?.content).toContain('已匿名提交');
      expect(r.toast?.content).not.toContain(option);
    }
    const twice = await click(cards[0]!.messageId, person(1), '不满意');
    expect(twice.toast?.content).toContain('已经投过票');
    expect(await PollBallotModel.countDocuments({ poll: satisfaction })).toBe(votes.length);
    expect(await say(person(1), `/poll results ${satisfaction}`)).toContain('投票结束后公布');
    expect(await say(BOOT, `/poll export ${satisfaction}`)).toContain('投票结束后公布');

    const voters = new Set(votes.map((v) => v[0]));
    const before = new Map(EVERYONE.map((p) => [p, h.emulator.messagesTo({ openId: p }).length]));
    expect(await say(BOOT, `/poll remind ${satisfaction}`)).toContain(
      `已私信提醒 ${EVERYONE.length - voters.size} 位`,
    );
    for (const p of EVERYONE) {
      const fresh = h.emulator.messagesTo({ openId: p }).slice(before.get(p));
      const reminded = fresh.some((m) => h.emulator.textOf(m).includes('还没有参与'));
      expect(reminded, p).toBe(!voters.has(p));
    }
  });

  it('closes exactly once at the deadline across two processes and announces the results', async () => {
    const bot2 = createBot({
      config: { ...h.config, port: 0 },
      log: createSilentLogger(),
      clock,
      larkClient: createLarkClient(h.config, { log: createSilentLogger() }),
      runScheduler: false,
      owner: 'second-process',
    });
    clock.set('2026-11-26T10:00:30Z');
    const [a, b] = await Promise.all([h.bot.scheduler.tick(), bot2.scheduler.tick()]);
    expect(a.ran + b.ran).toBeGreaterThanOrEqual(1);
    const deps = { messenger: h.bot.services.messenger, settings: h.bot.services.settings };
    expect(
      await Promise.all([
        closeAndAnnounce(satisfaction, 'x', deps, clock.now()),
        closeAndAnnounce(satisfaction, 'y', deps, clock.now()),
      ]),
    ).toEqual(['already', 'already']);
    await h.settle();
    // The emulator's tenant token expired over those 8 hours: the sender retries a moment later.
    clock.advance(2000);
    await h.settle();
    await bot2.scheduler.stop();
    for (const chatId of [G1, G2, G3]) {
      const results = h.emulator
        .messagesTo({ chatId })
        .filter((m) => h.emulator.textOf(m).includes(`【投票结果 ${satisfaction}】`));
      expect(results).toHaveLength(1);
      expect(validateCard(results[0]!.current)).toEqual([]);
    }
    const text = h.emulator.textOf(
      h.emulator
        .messagesTo({ chatId: G2 })
        .filter((m) => h.emulator.textOf(m).includes('投票结果'))
        .at(-1)!,
    );
    expect(text).toContain(`参与：15 / ${EVERYONE.length}`);
    // 满意 10, 基本满意 3, 不满意 2 → (1000 + 180 + 0) / 15 = 78.7
    expect(text).toContain('满意度指数：**78.7**');
    expect(text).toMatch(/办公室工作群（6 人）/);
    expect(text).toMatch(/纪检组工作群：为保护匿名不单独显示/);
    // Complementary suppression: 纪检组 alone would be 15 − 6 − 财务处, so 财务处 is hidden with it.
    expect(text).toMatch(/财务处工作群：为保护匿名不单独显示/);
    // The card no longer has buttons; a press on a stale copy is refused.
    const closedCard = h.emulator
      .messagesTo({ chatId: G1 })
      .find((m) => h.emulator.textOf(m).includes(`【满意度调查 ${satisfaction}】`))!;
    expect(h.emulator.textOf(closedCard)).toContain('投票已结束');
    const late = await h.emulator.clickCard({
      messageId: closedCard.messageId,
      operator: person(7),
      value: { a: 'poll.vote', p: satisfaction, o: 'o1' },
    });
    expect(late.toast?.content).toContain('投票已结束');
    expect((await PollModel.findById(satisfaction).lean())?.closedBy).toBe('auto');
  });

  it('no collection the anonymous poll touched links a voter to a choice', async () => {
    const db = mongoose.connection.db!;
    const voterIds = (await PollVoterModel.find({ poll: satisfaction }).lean()).map((v) => v.openId);
    expect(voterIds).toHaveLength(15);
    for (const b of await db.collection('poll_ballots').find({ poll: satisfaction }).toArray()) {
      expect(Object.keys(b).sort()).toEqual(['_id', 'chat', 'dept', 'gen', 'options', 'poll']);
      expect(String(b._id)).toMatch(/^[0-9a-f]{32}$/);
      expect(typeof b._id).toBe('string');
    }
    for (const v of await db.collection('poll_voters').find({ poll: satisfaction }).toArray()) {
      expect(Object.keys(v).sort()).toEqual(['_id', 'openId', 'poll']);
    }
    const choiceMarker = /"o"\s*:\s*"o\d+"|poll_opt_o\d+"\s*:\s*(true|"true")/;
    let inspected = 0;
    for (const { name } of await db.listCollections().toArray()) {
      for (const doc of await db.collection(name).find({}).toArray()) {
        const s = JSON.stringify(doc);
        if (!s.includes(satisfaction)) continue;
        inspected++;
        const voter = voterIds.find((v) => s.includes(v));
        if (voter) expect(choiceMarker.test(s), `${name}: ${s.slice(0, 300)}`).toBe(false);
        if (name === 'poll_ballots') expect(voter).toBeUndefined();
      }
    }
    expect(inspected).toBeGreaterThan(30);
    expect(await PollEligibleModel.countDocuments({ poll: satisfaction })).toBe(EVERYONE.length);
    expect(uri()).toContain('/t_');
  });

  it('exports aggregated figures only for an anonymous poll; close, list and export a named one', async () => {
    const before = h.emulator.messagesTo({ openId: BOOT }).length;
    expect(await say(BOOT, `/poll export ${satisfaction} csv`)).toContain('匿名投票只导出汇总结果');
    const files = h.emulator
      .messagesTo({ openId: BOOT })
      .slice(before)
      .filter((m) => m.msgType === 'file');
    expect(files.length).toBeGreaterThanOrEqual(2);
    const csv = files.map((m) => h.emulator.uploadedFile(m)!.bytes.toString('utf8')).join('\n');
    expect(csv).toContain('满意,10,66.7');
    expect(csv).not.toMatch(/ou_poll_/);
    expect(await say(person(3), `/poll export ${satisfaction}`)).toContain('仅限');

    const named = (await PollModel.findOne({ question: '本季度廉洁教育形式' }).lean())!._id;
    expect(await say(person(1), `/poll close ${named}`)).toContain('仅限');
    expect(await say(BOOT, `/poll close ${named}`)).toContain('已结束，结果已公布');
    expect(await say(BOOT, `/poll close ${named}`)).toContain('已经结束');
    const list = await say(person(1), '/poll list');
    expect(list).toContain(named);
    expect(list).toContain(satisfaction);
    const xlsxBefore = h.emulator.messagesTo({ openId: BOOT }).length;
    await say(BOOT, `/poll export ${named}`);
    const xlsx = h.emulator
      .messagesTo({ openId: BOOT })
      .slice(xlsxBefore)
      .find((m) => m.msgType === 'file')!;
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(h.emulator.uploadedFile(xlsx)!.bytes as never);
    const votes = book.getWorksheet('投票明细')!;
    expect(votes.rowCount).toBe(4);
    expect(JSON.stringify(votes.getSheetValues())).toContain('警示片');
  });

  it('sampling 20 from 3 chats picks 20 distinct members; only they may vote', {
    timeout: 90_000,
  }, async () => {
    const answer = await say(BOOT, '/poll satisfaction 作风建设 抽样 20人 群 全部');
    expect(answer).toContain('随机抽取 20 人');
    const id = /(V[A-Z0-9]{4})/.exec(answer)![1]!;
    const sampled = (await PollEligibleModel.find({ poll: id }).lean()).map((e) => e.openId);
    expect(new Set(sampled).size).toBe(20);
    for (const p of sampled) expect(EVERYONE).toContain(p);
    const gotCard = EVERYONE.filter((p) =>
      h.emulator
        .messagesTo({ openId: p })
        .some((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(id)),
    );
    expect(gotCard.sort()).toEqual([...sampled].sort());
    for (const chatId of [G1, G2, G3]) {
      expect(
        h.emulator.messagesTo({ chatId }).some((m) => h.emulator.textOf(m).includes('随机抽样调查')),
      ).toBe(true);
    }
    const insider = sampled[0]!;
    const outsider = EVERYONE.find((p) => !sampled.includes(p))!;
    const card = h.emulator.latestCard({ openId: insider })!;
    const refused = await click(card.messageId, outsider, '满意');
    expect(refused.toast?.content).toContain('不在本次投票的参与范围');
    const accepted = await click(card.messageId, insider, '满意');
    expect(accepted.toast?.content).toContain('已匿名提交');
    expect(await PollVoterModel.countDocuments({ poll: id })).toBe(1);
  });
});
