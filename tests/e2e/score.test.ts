import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastMessageKey } from '../../src/domain/broadcasts.js';
import { BroadcastModel, BroadcastResponseModel } from '../../src/models/broadcast.js';
import { DepartmentModel } from '../../src/models/department.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { PersonModel } from '../../src/models/person.js';
import { PledgeModel, PledgeSignatureModel, PledgeSignerModel } from '../../src/models/pledge.js';
import { PollEligibleModel, PollModel } from '../../src/models/poll.js';
import { PollVoteModel } from '../../src/models/poll-vote.js';
import { type TaskCategory, TaskModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_sc_boot';
const MEMBER = 'ou_sc_member';
const A = Array.from({ length: 10 }, (_, i) => `ou_sc_a${i}`); // 办公室
const B = Array.from({ length: 10 }, (_, i) => `ou_sc_b${i}`); // 财务处
const CHAT_A = 'oc_sc_office';
const CHAT_B = 'oc_sc_finance';
const NOV = (day: number, hour = 18) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const r1 = (n: number) => Math.round(n * 10) / 10;

describe('evaluation score (考核评分) on a seeded dataset, end to end', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  let deptA = '';
  let deptB = '';

  async function say(sender: string, text: string) {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    for (const r of replies) if (r.msgType === 'interactive') expect(validateCard(r.current)).toEqual([]);
    return replies.map((m) => h.emulator.textOf(m)).join('\n');
  }

  /** Tasks of one department: [category, due, closed on time, closed late]. */
  async function seedTasks(dept: string, rows: [TaskCategory, number, number, number][]) {
    let n = 0;
    for (const [category, due, onTime, late] of rows) {
      for (let i = 0; i < due; i++) {
        const deadline = NOV(20);
        const closedAt = i < onTime ? NOV(19) : i < onTime + late ? NOV(23) : null;
        await TaskModel.create({
          _id: `T${dept.slice(-3)}${category.slice(0, 2)}${n++}`.toUpperCase(),
          title: `任务${n}`,
          category,
          creator: BOOT,
          deptId: dept,
          deadline,
          state: closedAt ? 'closed' : 'open',
          closedAt,
          createdAt: NOV(1),
          updatedAt: NOV(1),
        });
      }
    }
    // A cancelled task and one due in October do not count.
    await TaskModel.create({
      _id: `TX${dept.slice(-4)}C`.toUpperCase(),
      title: '取消',
      category: 'key',
      creator: BOOT,
      deptId: dept,
      deadline: NOV(20),
      state: 'cancelled',
      createdAt: NOV(1),
      updatedAt: NOV(1),
    });
    await TaskModel.create({
      _id: `TX${dept.slice(-4)}O`.toUpperCase(),
      title: '十月',
      category: 'key',
      creator: BOOT,
      deptId: dept,
      deadline: new Date('2026-10-20T10:00:00Z'),
      state: 'open',
      createdAt: NOV(1),
      updatedAt: NOV(1),
    });
  }

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    h.emulator.addUser({ openId: MEMBER, name: '张华' });
    for (const name of ['办公室', '财务处', '后勤处'])
      expect(await say(BOOT, `/dept add ${name}`)).toContain(name);
    deptA = (await DepartmentModel.findOne({ name: '办公室' }).lean())!._id as unknown as string;
    deptB = (await DepartmentModel.findOne({ name: '财务处' }).lean())!._id as unknown as string;
    for (const [ids, dept] of [
      [A, deptA],
      [B, deptB],
    ] as const)
      for (const [i, openId] of ids.entries())
        await PersonModel.create({ openId, name: `${dept === deptA ? '办' : '财'}${i}`, deptId: dept });

    // Tasks: 办公室 create 4 (3 on time), key 4 (2 on time, 1 late), rectify 2 (1 on time, 1 late);
    // 财务处 create 2 (1 on time), key 5 (1 on time).
    await seedTasks(deptA, [
      ['create', 4, 3, 0],
      ['key', 4, 2, 1],
      ['rectify', 2, 1, 1],
    ]);
    await seedTasks(deptB, [
      ['create', 2, 1, 0],
      ['key', 5, 1, 0],
    ]);

    // Responsibility letter due 11-30: all 20 must sign; 办公室 9 signed, 财务处 4.
    await PledgeModel.create({
      _id: 'PSCORE',
      title: '责任书',
      kind: 'responsibility',
      creator: BOOT,
      deadline: NOV(30),
      version: 1,
      hash: 'h1',
      state: 'open',
      createdAt: NOV(1),
      updatedAt: NOV(1),
    });
    for (const openId of [...A, ...B])
      await PledgeSignerModel.create({
        _id: `PSCORE:${openId}`,
        pledgeId: 'PSCORE',
        openId,
        source: 'campaign',
        addedAt: NOV(1),
      });
    for (const openId of [...A.slice(0, 9), ...B.slice(0, 4)])
      await PledgeSignatureModel.create({
        _id: `PSCORE:1:${openId}:0`,
        pledgeId: 'PSCORE',
        version: 1,
        hash: 'h1',
        signer: openId,
        typedName: openId,
        at: NOV(5),
      });

    // A broadcast delivered to both chats: 8 of 办公室 and 3 of 财务处 pressed 已学习.
    await BroadcastModel.create({
      _id: 'BSCORE',
      sourceKey: 'score-test',
      itemId: 'C1',
      chatIds: [CHAT_A, CHAT_B],
      chatDepts: [deptA, deptB],
      createdAt: NOV(10, 9),
    });
    for (const chat of [CHAT_A, CHAT_B])
      await OutboxMessage.collection.insertOne({
        key: broadcastMessageKey('BSCORE', chat),
        state: 'sent',
        kind: 'send',
        createdAt: NOV(10, 9),
      });
    for (const [ids, dept, chatId, n] of [
      [A, deptA, CHAT_A, 8],
      [B, deptB, CHAT_B, 3],
    ] as const)
      for (const openId of ids.slice(0, n))
        await BroadcastResponseModel.create({
          _id: `BSCORE:ack:${openId}`,
          broadcastId: 'BSCORE',
          kind: 'ack',
          openId,
          deptId: dept,
          chatId,
          at: NOV(10, 10),
        });

    // A satisfaction poll (满意 100 / 基本满意 60 / 不满意 0), everyone eligible:
    // 办公室 6 voted (4 满意, 2 基本满意), 财务处 5 voted (1, 2, 2).
    await PollModel.create({
      _id: 'VSCORE',
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
      eligibleCount: 20,
      state: 'closed',
      createdAt: NOV(15),
    });
    for (const [ids, dept, chat] of [
      [A, deptA, CHAT_A],
      [B, deptB, CHAT_B],
    ] as const)
      for (const openId of ids)
        await PollEligibleModel.create({ _id: `VSCORE:${openId}`, poll: 'VSCORE', openId, chat, dept });
    const votes: [string, string, string, string][] = [
      ...['o1', 'o1', 'o1', 'o1', 'o2', 'o2'].map(
        (o, i) => [A[i]!, o, deptA, CHAT_A] as [string, string, string, string],
      ),
      ...['o1', 'o2', 'o2', 'o3', 'o3'].map(
        (o, i) => [B[i]!, o, deptB, CHAT_B] as [string, string, string, string],
      ),
    ];
    for (const [openId, option, dept, chat] of votes)
      await PollVoteModel.create({
        _id: `VSCORE:${openId}`,
        poll: 'VSCORE',
        openId,
        options: [option],
        chat,
        dept,
        votedAt: NOV(16),
      });
  }, 90_000);
  afterAll(async () => h?.stop());

  // By hand (default weights 30 / 40 / 30; sub-weights 50/50, 50/50, 30/30/40):
  const office = {
    organisation: 0.5 * 90 + 0.5 * 75, // signed 9/10, create tasks on time 3/4 → 82.5
    projects: 0.5 * ((3 / 4 + 2 / 2) / 2) * 100 + 0.5 * ((2 / 4 + 1 / 2) / 2) * 100, // completion 87.5, on time 50 → 68.75
    perception: 0.3 * 80 + 0.3 * 60 + 0.4 * r1((4 * 100 + 2 * 60) / 6), // 8/10 ack, 6/10 turnout, index 86.7 → 76.68
  };
  const finance = {
    organisation: 0.5 * 40 + 0.5 * 50, // 4/10, 1/2 → 45
    projects: 0.5 * 20 + 0.5 * 20, // key only: 1/5 closed, 1/5 on time → 20
    perception: 0.3 * 30 + 0.3 * 50 + 0.4 * ((100 + 2 * 60) / 5), // 3/10, 5/10, index 44 → 41.6
  };
  const total = (p: typeof office, w = [30, 40, 30]) =>
    r1((p.organisation * w[0]! + p.projects * w[1]! + p.perception * w[2]!) / 100);

  it('/score 办公室 2026-11 shows every part, equal to the values computed by hand', async () => {
    expect([office.organisation, office.projects, r1(office.perception)]).toEqual([82.5, 68.75, 76.7]);
    expect(total(office)).toBe(75.3);
    const text = await say(BOOT, '/score 办公室 2026-11');
    expect(text).toContain('考核评分 · 办公室 · 2026-11');
    expect(text).toContain(`总分 ${total(office)}（合格）`);
    expect(text).toContain(`组织保障（权重 30）：得分率 82.5，计 ${r1(82.5 * 0.3)} 分`);
    expect(text).toContain(
      `重点工程推进（权重 40）：得分率 ${r1(office.projects)}，计 ${r1(office.projects * 0.4)} 分`,
    );
    expect(text).toContain(
      `群众感知满意（权重 30）：得分率 ${r1(office.perception)}，计 ${r1(office.perception * 0.3)} 分`,
    );
    for (const line of [
      '责任书签署率（50%）：90',
      '组织类任务按时销号率（50%）：75',
      '任务完成率（分类平均）（50%）：87.5',
      '按时完成率（分类平均）（50%）：50',
      '知晓度（学习确认率）（30%）：80',
      '参与度（问卷参与率）（30%）：60',
      '满意度（满意度指数）（40%）：86.7',
    ])
      expect(text).toContain(line);
    expect(total(finance)).toBe(34);
    expect(await say(BOOT, '/score 财务处 2026-11')).toContain(`总分 ${total(finance)}（较差）`);
  }, 60_000);

  it('/score ranks the departments; one without data shows 暂无数据 and comes last', async () => {
    const text = await say(BOOT, '/score 2026-11');
    expect(text).toContain('部门考核排名 · 2026-11');
    expect(text).toContain(`1. 办公室：${total(office)}（合格）`);
    expect(text).toContain(`2. 财务处：${total(finance)}（较差）`);
    expect(text).toContain('3. 后勤处：暂无数据');
    // October has nothing but one task (not closed): only 重点工程 counts, at 0.
    expect(await say(BOOT, '/score 办公室 2026-10')).toContain('总分 0（较差）');
    const empty = await say(BOOT, '/score 后勤处');
    expect(empty).toContain('暂无数据');
    expect(empty).toContain('2026-11');
  }, 60_000);

  it('/score config changes the weights (sums checked), /score explain prints them; members may not', async () => {
    expect(await say(BOOT, '/score config 组织保障=50 重点工程=40 群众感知=20')).toContain(
      '合计为 110，应为 100',
    );
    expect(await say(BOOT, '/score config 重要性=10')).toContain('无法识别');
    expect(await say(BOOT, '/score config 组织保障=50 重点工程=30 群众感知=20')).toContain('考核权重已更新');
    expect(await say(BOOT, '/score 办公室 2026-11')).toContain(`总分 ${total(office, [50, 30, 20])}（`);
    const explain = await say(MEMBER, '/score explain');
    expect(explain).toContain('组织保障得分率 × 50%');
    expect(explain).toContain('优秀 ≥ 90，良好 ≥ 80，合格 ≥ 60，较差 < 60');
    expect(await say(MEMBER, '/score 办公室')).toContain('仅限');
    // A leader of 财务处 sees 财务处 only.
    await say(BOOT, `/role leader ${MEMBER} 财务处`);
    expect(await say(MEMBER, '/score 办公室 2026-11')).toContain('只能查看自己分管部门');
    const ranking = await say(MEMBER, '/score 2026-11');
    expect(ranking).toContain('1. 财务处');
    expect(ranking).not.toContain('办公室');
    expect(await say(MEMBER, '/score config 组织保障=30 重点工程=40 群众感知=30')).toContain('仅限');
    expect(await say(BOOT, '/score 办公室 2026-13')).toContain('无法识别期间');
    expect(await say(BOOT, '/score 宣传部')).toContain('没有找到部门');
  }, 60_000);
});
