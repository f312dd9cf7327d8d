import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChange } from '../../cards/digest-card.js';
import { broadcastMessageKey } from '../../src/domain/broadcasts.js';
import { translator } from '../../src/i18n/index.js';
import { BroadcastModel, BroadcastResponseModel } from '../../src/models/broadcast.js';
import { DepartmentModel } from '../../src/models/department.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { PersonModel } from '../../src/models/person.js';
import { PollEligibleModel, PollModel } from '../../src/models/poll.js';
import { PollVoteModel } from '../../src/models/poll-vote.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_dc_boot';
const LEAD = 'ou_dc_lead';
const FIN = Array.from({ length: 9 }, (_, i) => `ou_dc_f${i}`); // 财务处, with LEAD: 10 people
const OFF = Array.from({ length: 5 }, (_, i) => `ou_dc_o${i}`); // 办公室: 5 people
const CHAT_F = 'oc_dc_finance';
const CHAT_O = 'oc_dc_office';
const at = (s: string) => new Date(`2026-${s}:00+08:00`);

describe('digest week-over-week changes on a seeded two-week dataset', () => {
  useTestDb();
  let h: Harness;
  /** Thursday 2026-11-26 10:00: this week 11-19 10:00 → 11-26 10:00, last week 11-12 10:00 → 11-19 10:00. */
  const clock = new ManualClock(at('11-26T10:00'));
  let finance = '';
  let office = '';

  async function say(sender: string, text: string) {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    for (const r of replies) if (r.msgType === 'interactive') expect(validateCard(r.current)).toEqual([]);
    return replies;
  }
  const textOf = (replies: Awaited<ReturnType<typeof say>>) =>
    replies.map((m) => h.emulator.textOf(m)).join('\n');

  /** A broadcast delivered to `chats`; `acks` press 已学习, `answers` answer its quiz ([openId, right?]). */
  async function broadcast(
    id: string,
    created: string,
    chats: [string, string][],
    acks: [string, string][],
    answers: [string, string, boolean][],
  ) {
    await BroadcastModel.create({
      _id: id,
      sourceKey: `digest-changes:${id}`,
      itemId: 'C1',
      chatIds: chats.map(([c]) => c),
      chatDepts: chats.map(([, d]) => d),
      createdAt: at(created),
    });
    for (const [chat] of chats)
      await OutboxMessage.collection.insertOne({
        key: broadcastMessageKey(id, chat),
        state: 'sent',
        kind: 'send',
        createdAt: at(created),
      });
    for (const [openId, dept] of acks)
      await BroadcastResponseModel.create({
        _id: `${id}:ack:${openId}`,
        broadcastId: id,
        kind: 'ack',
        openId,
        deptId: dept,
        chatId: dept === finance ? CHAT_F : CHAT_O,
        at: at(created),
      });
    for (const [openId, dept, correct] of answers)
      await BroadcastResponseModel.create({
        _id: `${id}:quiz:${openId}`,
        broadcastId: id,
        kind: 'quiz',
        openId,
        deptId: dept,
        chatId: CHAT_F,
        option: correct ? 0 : 1,
        correct,
        at: at(created),
      });
  }

  /** A closed satisfaction poll of the 10 people of 财务处; `votes` in order of FIN then LEAD. */
  async function satisfactionPoll(id: string, created: string, votes: string[]) {
    await PollModel.create({
      _id: id,
      kind: 'satisfaction',
      question: '您对本部门作风建设满意吗？',
      options: [
        { key: 'o1', label: '满意', weight: 100 },
        { key: 'o2', label: '基本满意', weight: 60 },
        { key: 'o3', label: '不满意', weight: 0 },
      ],
      anonymous: false,
      multi: false,
      allowChange: false,
      resultMode: 'after_close',
      creator: BOOT,
      eligibleCount: 10,
      state: 'closed',
      createdAt: at(created),
    });
    const people = [...FIN, LEAD];
    for (const openId of people)
      await PollEligibleModel.create({
        _id: `${id}:${openId}`,
        poll: id,
        openId,
        chat: CHAT_F,
        dept: finance,
      });
    for (const [i, option] of votes.entries())
      await PollVoteModel.create({
        _id: `${id}:${people[i]}`,
        poll: id,
        openId: people[i],
        options: [option],
        chat: CHAT_F,
        dept: finance,
        votedAt: at(created),
      });
  }

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    h.emulator.addUser({ openId: LEAD, name: '陈处长' });
    for (const name of ['办公室', '财务处'])
      expect(textOf(await say(BOOT, `/dept add ${name}`))).toContain(name);
    office = String((await DepartmentModel.findOne({ name: '办公室' }).lean())!._id);
    finance = String((await DepartmentModel.findOne({ name: '财务处' }).lean())!._id);
    expect(textOf(await say(BOOT, `/role leader ${LEAD} 财务处`))).toContain('财务处');
    for (const [i, openId] of FIN.entries())
      await PersonModel.create({ openId, name: `财${i}`, deptId: finance });
    for (const [i, openId] of OFF.entries())
      await PersonModel.create({ openId, name: `办${i}`, deptId: office });
    const fin = (ids: string[]) => ids.map((o) => [o, finance] as [string, string]);

    // Last week: one broadcast to 财务处 only — 6 of 10 已学习, quiz 1 right of 4.
    await broadcast(
      'BDCPREV',
      '11-13T09:00',
      [[CHAT_F, finance]],
      fin(FIN.slice(0, 6)),
      FIN.slice(0, 4).map((o, i) => [o, finance, i === 0]),
    );
    // This week: one broadcast to both — 财务处 8 of 10 已学习, quiz 4 right of 5; 办公室 3 of 5, no answers.
    await broadcast(
      'BDCNOW',
      '11-20T09:00',
      [
        [CHAT_F, finance],
        [CHAT_O, office],
      ],
      [...fin(FIN.slice(0, 8)), ...OFF.slice(0, 3).map((o) => [o, office] as [string, string])],
      FIN.slice(0, 5).map((o, i) => [o, finance, i < 4]),
    );
    // Satisfaction polls of 财务处: last week 8 of 10 voted (6 满意, 2 基本满意);
    // this week 7 of 10 (3 满意, 3 基本满意, 1 不满意). One from two weeks ago counts in neither.
    await satisfactionPoll('VDCPREV', '11-14T09:00', ['o1', 'o1', 'o1', 'o1', 'o1', 'o1', 'o2', 'o2']);
    await satisfactionPoll('VDCNOW', '11-21T09:00', ['o1', 'o1', 'o1', 'o2', 'o2', 'o2', 'o3']);
    await satisfactionPoll('VDCOLD', '11-05T09:00', ['o3', 'o3', 'o3', 'o3', 'o3']);
  }, 90_000);
  afterAll(async () => h?.stop());

  it('a figure with its change: arrows in points, 持平, — when a week has no data', () => {
    const t = translator('zh-CN');
    expect(withChange(t, 82, 77.1, '%')).toBe('82%（↑4.9）');
    expect(withChange(t, 64, 90, '')).toBe('64（↓26）');
    expect(withChange(t, 50, 50, '%')).toBe('50%（持平）');
    expect(withChange(t, 40, null, '%')).toBe('40%（—）');
    expect(withChange(t, null, 40, '%')).toBe('暂无数据（—）');
    expect(withChange(t, null, null, '%')).toBe('—');
    expect(withChange(translator('en-US'), 70, 80, '%')).toBe('70% (↓10)');
  });

  it("a leader's digest shows this week's figures with the change from last week, computed by hand", async () => {
    // By hand — 财务处 (10 people):
    //   知晓度 8/10 = 80 % against 6/10 = 60 %            → ↑20
    //   参与度 7/10 = 70 % against 8/10 = 80 %            → ↓10
    //   满意度 (3×100 + 3×60 + 0)/7 = 68.6 against (6×100 + 2×60)/8 = 90 → ↓21.4
    //   答题正确率 4/5 = 80 % against 1/4 = 25 %           → ↑55
    const satisfactionNow = Math.round(((3 * 100 + 3 * 60) / 7) * 10) / 10;
    expect(satisfactionNow).toBe(68.6);
    const replies = await say(LEAD, '/digest now');
    const text = textOf(replies);
    expect(text).toContain('财务处');
    expect(text).toContain(
      `知晓度 80%（↑20），参与度 70%（↓10），满意度 ${satisfactionNow}（↓21.4），答题正确率 80%（↑55）`,
    );
    expect(text).not.toContain('办公室');
    // The card keeps its chart of tasks closed, this week against last.
    const card = JSON.stringify(replies.map((r) => r.current));
    expect(card).toContain('"tag":"chart"');
  }, 60_000);

  it("an admin's digest shows — where a department has no data in either week", async () => {
    const text = textOf(await say(BOOT, '/digest now'));
    // 办公室: 3 of 5 已学习 this week, nothing last week; no polls and no answers in either.
    expect(text).toContain('知晓度 60%（—），参与度 —，满意度 —，答题正确率 —');
    expect(text).toContain('知晓度 80%（↑20），参与度 70%（↓10）');
  }, 60_000);
});
