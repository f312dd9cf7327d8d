/**
 * `/report export [起] [止]` end to end: a seeded dataset in two departments (tasks in and out of
 * the period, signatures, an anonymous and a named poll with votes, a broadcast with an ack and
 * quiz answers), the workbook read back from the emulator's uploaded bytes — its five sheets,
 * only the rows of the period, a leader's file holding only their department, polls aggregated
 * with no voter anywhere in the file — and bad ranges answered in Chinese with no file.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastMessageKey } from '../../src/domain/broadcasts.js';
import { computeScore } from '../../src/domain/score.js';
import { loadScoreWeights } from '../../src/domain/score-config.js';
import { collectScoreFigures } from '../../src/domain/score-figures.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { BroadcastModel, BroadcastResponseModel } from '../../src/models/broadcast.js';
import { ChatModel } from '../../src/models/chat.js';
import { ContentItemModel } from '../../src/models/content-item.js';
import { DepartmentModel, departmentNameKey } from '../../src/models/department.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { PersonModel } from '../../src/models/person.js';
import { PledgeModel, PledgeSignatureModel, PledgeSignerModel } from '../../src/models/pledge.js';
import { PollEligibleModel, PollModel } from '../../src/models/poll.js';
import { PollBallotModel, PollVoteModel, PollVoterModel } from '../../src/models/poll-vote.js';
import { TaskModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import type { StoredMessage } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_rep_admin';
const LEADER = 'ou_rep_leader';
const LEADER_B = 'ou_rep_leader_b';
const SUPERVISOR = 'ou_rep_supervisor';
const MEMBER = 'ou_rep_member';
const OFFICE = 'dept_rep_office';
const FINANCE = 'dept_rep_finance';
const CHAT_A = 'oc_rep_office';
const CHAT_B = 'oc_rep_finance';

/** Staff: four in each department (task owners and signers). */
const STAFF_A = ['ou_rep_a0', 'ou_rep_a1', 'ou_rep_a2', 'ou_rep_a3'];
const STAFF_B = ['ou_rep_b0', 'ou_rep_b1', 'ou_rep_b2', 'ou_rep_b3'];
/** Voters: six in 办公室, five in 财务处 — they appear nowhere else, so no cell may name them. */
const VOTERS_A = Array.from({ length: 6 }, (_, i) => `ou_rep_va${i}`);
const VOTERS_B = Array.from({ length: 5 }, (_, i) => `ou_rep_vb${i}`);
const VOTER_NAMES = new Map(
  [...VOTERS_A, ...VOTERS_B].map((id, i) => [id, `投票人${'甲乙丙丁戊己庚辛壬癸子'[i]}`]),
);
const nameOf = (id: string) => VOTER_NAMES.get(id) ?? `干部${id.slice(-2)}`;

/** A time on a day of 2026 in Beijing. */
const AT = (month: number, day: number, hour = 10) =>
  new Date(
    `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`,
  );

describe('/report export end to end', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock(AT(11, 26, 10));

  const p2p = async (sender: string, text: string) => {
    const before = h.emulator.messagesTo({ openId: sender }).length;
    await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    return h.emulator.messagesTo({ openId: sender }).slice(before);
  };
  const textOf = (m: StoredMessage) => h.emulator.textOf(m);

  /** Sends the command, expects one XLSX file and reads every sheet back as rows of text. */
  async function exportedWorkbook(sender: string, text: string) {
    const replies = await p2p(sender, text);
    const files = replies.filter((m) => m.msgType === 'file');
    expect(files, JSON.stringify(replies.map(textOf))).toHaveLength(1);
    const upload = h.emulator.uploadedFile(files[0]!)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(upload.bytes as unknown as ArrayBuffer);
    const sheet = (name: string) =>
      (wb.getWorksheet(name)!.getSheetValues() as unknown[][])
        .filter(Boolean)
        .map((r) => r.slice(1).map((c) => (c === undefined || c === null ? '' : String(c))));
    const everyCell = wb.worksheets.flatMap((w) => sheet(w.name).flat()).join('\n');
    return { replies, upload, wb, sheet, everyCell, answer: replies.map(textOf).join('\n') };
  }

  async function task(id: string, dept: string, fields: Record<string, unknown>) {
    await TaskModel.create({
      _id: id,
      title: `任务${id}`,
      category: 'key',
      creator: ADMIN,
      owners: [dept === OFFICE ? STAFF_A[0]! : STAFF_B[0]!],
      deptId: dept,
      updatedAt: AT(11, 1),
      ...fields,
    });
  }

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN], clock });
    for (const [openId, name] of [
      [ADMIN, '王主任'],
      [LEADER, '李处长'],
      [LEADER_B, '赵处长'],
      [SUPERVISOR, '陈监督'],
      [MEMBER, '孙干事'],
    ] as const)
      h.emulator.addUser({ openId, name });
    await DepartmentModel.insertMany(
      [
        { _id: OFFICE, name: '办公室', parentId: null, ancestors: [] },
        { _id: FINANCE, name: '财务处', parentId: null, ancestors: [] },
      ].map((d) => ({ ...d, nameKey: departmentNameKey(d.name), createdBy: ADMIN })),
    );
    await PersonModel.insertMany([
      { openId: ADMIN, name: '王主任', roles: ['admin'] },
      { openId: LEADER, name: '李处长', deptId: OFFICE, leads: [OFFICE] },
      { openId: LEADER_B, name: '赵处长', deptId: FINANCE, leads: [FINANCE] },
      { openId: SUPERVISOR, name: '陈监督', roles: ['supervisor'] },
      { openId: MEMBER, name: '孙干事', deptId: OFFICE },
      ...STAFF_A.map((openId) => ({ openId, name: nameOf(openId), deptId: OFFICE })),
      ...STAFF_B.map((openId) => ({ openId, name: nameOf(openId), deptId: FINANCE })),
      ...VOTERS_A.map((openId) => ({ openId, name: nameOf(openId), deptId: OFFICE })),
      ...VOTERS_B.map((openId) => ({ openId, name: nameOf(openId), deptId: FINANCE })),
    ]);
    await ChatModel.insertMany([
      { chatId: CHAT_A, name: '办公室工作群', deptId: OFFICE, active: true },
      { chatId: CHAT_B, name: '财务处工作群', deptId: FINANCE, active: true },
    ]);

    // Tasks (now: 11-26): in November by creation, close-out or still open; TA3 and TA5 not.
    await task('TA4', OFFICE, { createdAt: AT(10, 5), deadline: AT(11, 20, 18) }); // open, overdue
    await task('TA2', OFFICE, {
      createdAt: AT(10, 10),
      deadline: AT(11, 8, 18),
      state: 'closed',
      closedAt: AT(11, 5),
    });
    await task('TA1', OFFICE, { createdAt: AT(11, 3), deadline: AT(12, 10, 18), category: 'create' });
    await task('TB1', FINANCE, {
      createdAt: AT(11, 10),
      deadline: AT(11, 11, 18),
      state: 'closed',
      closedAt: AT(11, 12),
    });
    await task('TA3', OFFICE, {
      createdAt: AT(10, 1),
      deadline: AT(10, 25, 18),
      state: 'closed',
      closedAt: AT(10, 20),
    });
    await task('TA5', OFFICE, {
      createdAt: AT(10, 2),
      deadline: AT(11, 30, 18),
      state: 'cancelled',
      cancelledAt: AT(10, 15),
    });

    // A responsibility letter: a0 and b0 signed in November, a1 in October.
    await PledgeModel.create({
      _id: 'PREP1',
      title: '清廉机关创建任务责任书',
      kind: 'responsibility',
      creator: ADMIN,
      deadline: AT(11, 30, 18),
      version: 1,
      hash: 'f'.repeat(64),
      text: '签字有效，签署担责',
      createdAt: AT(10, 1),
      updatedAt: AT(10, 1),
    });
    for (const openId of [STAFF_A[0]!, STAFF_A[1]!, STAFF_B[0]!])
      await PledgeSignerModel.create({
        _id: `PREP1:${openId}`,
        pledgeId: 'PREP1',
        openId,
        source: 'campaign',
        addedAt: AT(10, 1),
      });
    for (const [openId, at] of [
      [STAFF_A[0]!, AT(11, 6)],
      [STAFF_B[0]!, AT(11, 7)],
      [STAFF_A[1]!, AT(10, 20)],
    ] as const)
      await PledgeSignatureModel.create({
        _id: `PREP1:v1:${openId}:0`,
        pledgeId: 'PREP1',
        version: 1,
        hash: 'f'.repeat(64),
        signer: openId,
        typedName: nameOf(openId),
        at,
      });

    // An anonymous poll: 办公室 5 of 6 voted (4 了解, 1 不了解), 财务处 3 of 5 (2, 1) — a slice
    // under 5 respondents, hidden when seen by department.
    const chats = [
      { chatId: CHAT_A, name: '办公室工作群' },
      { chatId: CHAT_B, name: '财务处工作群' },
    ];
    await PollModel.create({
      _id: 'VANON',
      kind: 'general',
      question: '您是否了解本单位廉政举报渠道？',
      options: [
        { key: 'o1', label: '了解', weight: null },
        { key: 'o2', label: '不了解', weight: null },
      ],
      anonymous: true,
      multi: false,
      allowChange: false,
      resultMode: 'live',
      creator: ADMIN,
      chats,
      eligibleCount: 11,
      state: 'closed',
      createdAt: AT(11, 15),
    });
    for (const [ids, dept, chat] of [
      [VOTERS_A, OFFICE, CHAT_A],
      [VOTERS_B, FINANCE, CHAT_B],
    ] as const)
      for (const openId of ids)
        await PollEligibleModel.create({ _id: `VANON:${openId}`, poll: 'VANON', openId, chat, dept });
    const ballots: [string, string, string, string][] = [
      ...['o1', 'o1', 'o1', 'o1', 'o2'].map(
        (o, i) => [VOTERS_A[i]!, o, OFFICE, CHAT_A] as [string, string, string, string],
      ),
      ...['o1', 'o1', 'o2'].map(
        (o, i) => [VOTERS_B[i]!, o, FINANCE, CHAT_B] as [string, string, string, string],
      ),
    ];
    for (const [i, [openId, option, dept, chat]] of ballots.entries()) {
      await PollVoterModel.create({ _id: `VANON:${openId}`, poll: 'VANON', openId });
      await PollBallotModel.create({ _id: `ballot${i}`, poll: 'VANON', options: [option], chat, dept });
    }

    // A named satisfaction poll of 办公室: 3 满意, 2 基本满意 → index 84; aggregated only here too.
    await PollModel.create({
      _id: 'VNAMED',
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
      creator: ADMIN,
      chats: [chats[0]],
      eligibleCount: 6,
      state: 'closed',
      createdAt: AT(11, 16),
    });
    for (const openId of VOTERS_A)
      await PollEligibleModel.create({
        _id: `VNAMED:${openId}`,
        poll: 'VNAMED',
        openId,
        chat: CHAT_A,
        dept: OFFICE,
      });
    for (const [i, option] of ['o1', 'o1', 'o1', 'o2', 'o2'].entries())
      await PollVoteModel.create({
        _id: `VNAMED:${VOTERS_A[i]}`,
        poll: 'VNAMED',
        openId: VOTERS_A[i],
        options: [option],
        chat: CHAT_A,
        dept: OFFICE,
        votedAt: AT(11, 17),
      });
    // An October poll: outside the period.
    await PollModel.create({
      _id: 'VOCT',
      kind: 'general',
      question: '十月的投票',
      options: [
        { key: 'o1', label: '是', weight: null },
        { key: 'o2', label: '否', weight: null },
      ],
      anonymous: false,
      multi: false,
      allowChange: false,
      resultMode: 'live',
      creator: ADMIN,
      chats,
      eligibleCount: 0,
      state: 'closed',
      createdAt: AT(10, 10),
    });

    // A broadcast with a quiz to both chats: a0 pressed 已学习 and answered right, b0 answered wrong.
    await ContentItemModel.create({
      _id: 'C901',
      title: '杨震暮夜却金',
      body: '天知，神知，我知，子知。',
      category: 'story',
      quiz: { question: '“四知”出自谁？', options: ['杨震', '包拯'], answer: 0, explanation: '' },
      createdAt: AT(10, 1),
      updatedAt: AT(10, 1),
    });
    await BroadcastModel.create({
      _id: 'BREP1',
      sourceKey: 'report-test',
      itemId: 'C901',
      chatIds: [CHAT_A, CHAT_B],
      chatDepts: [OFFICE, FINANCE],
      createdAt: AT(11, 12, 9),
    });
    for (const chat of [CHAT_A, CHAT_B])
      await OutboxMessage.collection.insertOne({
        key: broadcastMessageKey('BREP1', chat),
        state: 'sent',
        kind: 'send',
        createdAt: AT(11, 12, 9),
      });
    const responses = [
      { kind: 'ack' as const, openId: STAFF_A[0]!, deptId: OFFICE, chatId: CHAT_A, correct: null },
      {
        kind: 'quiz' as const,
        openId: STAFF_A[0]!,
        deptId: OFFICE,
        chatId: CHAT_A,
        option: 0,
        correct: true,
      },
      {
        kind: 'quiz' as const,
        openId: STAFF_B[0]!,
        deptId: FINANCE,
        chatId: CHAT_B,
        option: 1,
        correct: false,
      },
    ];
    for (const r of responses)
      await BroadcastResponseModel.create({
        _id: `BREP1:${r.kind}:${r.openId}`,
        broadcastId: 'BREP1',
        ...r,
        at: AT(11, 12, 11),
      });
  }, 90_000);
  afterAll(async () => h?.stop());

  const ids = (rows: string[][]) => rows.slice(1).map((r) => r[0]);
  const people = {
    office: 1 + 1 + STAFF_A.length + VOTERS_A.length,
    finance: 1 + STAFF_B.length + VOTERS_B.length,
  };

  it('an admin gets the five sheets of this month, rows of the period only', async () => {
    const { upload, wb, sheet, answer } = await exportedWorkbook(ADMIN, '/report export');
    expect(upload.fileName).toBe('清廉机关工作报表-20261101-20261126.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['任务', '签署', '投票', '学习', '评分']);
    expect(answer).toContain('已导出 2026-11-01 至 2026-11-26 的工作报表：任务 4 项、签署 2 份、投票 2 个');

    const tasks = sheet('任务');
    expect(tasks[0]).toEqual([
      '编号',
      '任务',
      '类别',
      '部门',
      '负责人',
      '截止时间',
      '状态',
      '销号时间',
      '是否按时',
    ]);
    expect(ids(tasks)).toEqual(['TA4', 'TA2', 'TA1', 'TB1']);
    expect(tasks[1]).toEqual([
      'TA4',
      '任务TA4',
      '重点工作',
      '办公室',
      nameOf(STAFF_A[0]!),
      '2026-11-20 18:00',
      '已逾期',
      '',
      '否',
    ]);
    expect(tasks[2]!.slice(6)).toEqual(['已销号', '2026-11-05 10:00', '是']);
    expect(tasks[3]!.slice(2, 4)).toEqual(['创建任务', '办公室']);
    expect(tasks[3]!.slice(6)).toEqual(['进行中', '', '']);
    expect(tasks[4]!.slice(3)).toEqual([
      '财务处',
      nameOf(STAFF_B[0]!),
      '2026-11-11 18:00',
      '已销号',
      '2026-11-12 10:00',
      '否',
    ]);

    const signatures = sheet('签署');
    expect(signatures[0]).toEqual([
      '文件编号',
      '文件名称',
      '类型',
      '版本',
      '版本哈希',
      '姓名',
      '部门',
      '签署时间',
      '状态',
      '签署姓名',
    ]);
    expect(signatures.slice(1)).toEqual([
      [
        'PREP1',
        '清廉机关创建任务责任书',
        '责任书',
        '1',
        'f'.repeat(64),
        nameOf(STAFF_A[0]!),
        '办公室',
        '2026-11-06 10:00:00',
        '有效',
        nameOf(STAFF_A[0]!),
      ],
      [
        'PREP1',
        '清廉机关创建任务责任书',
        '责任书',
        '1',
        'f'.repeat(64),
        nameOf(STAFF_B[0]!),
        '财务处',
        '2026-11-07 10:00:00',
        '有效',
        nameOf(STAFF_B[0]!),
      ],
    ]);

    const polls = sheet('投票');
    expect(polls[0]!.slice(0, 12)).toEqual([
      '编号',
      '问题',
      '类型',
      '匿名',
      '群聊',
      '发起时间',
      '状态',
      '应参与人数',
      '已参与人数',
      '参与率(%)',
      '满意度指数',
      '说明',
    ]);
    expect(polls[0]!.slice(12)).toEqual(['选项1', '票数1', '选项2', '票数2', '选项3', '票数3']);
    expect(ids(polls)).toEqual(['VANON', 'VNAMED']);
    expect(polls[1]).toEqual([
      'VANON',
      '您是否了解本单位廉政举报渠道？',
      '投票',
      '是',
      '办公室工作群、财务处工作群',
      '2026-11-15 10:00',
      '已结束',
      '11',
      '8',
      '72.7',
      '',
      '',
      '了解',
      '6',
      '不了解',
      '2',
    ]);
    expect(polls[2]).toEqual([
      'VNAMED',
      '您对本部门作风建设满意吗？',
      '满意度调查',
      '否',
      '办公室工作群',
      '2026-11-16 10:00',
      '已结束',
      '6',
      '5',
      '83.3',
      '84',
      '',
      '满意',
      '3',
      '基本满意',
      '2',
      '不满意',
      '0',
    ]);

    const learning = sheet('学习');
    expect(learning[0]).toEqual([
      '推送编号',
      '内容编号',
      '内容标题',
      '推送时间',
      '目标群数',
      '送达群数',
      '已学习人数',
      '应学习人数',
      '学习率(%)',
      '答题人数',
      '答对人数',
      '正确率(%)',
    ]);
    const audience = people.office + people.finance;
    expect(learning.slice(1)).toEqual([
      [
        'BREP1',
        'C901',
        '杨震暮夜却金',
        '2026-11-12 09:00',
        '2',
        '2',
        '1',
        String(audience),
        String(Math.round(1000 / audience) / 10),
        '2',
        '1',
        '50',
      ],
    ]);

    const scores = sheet('评分');
    expect(scores[0]).toEqual([
      '排名',
      '部门',
      '总分',
      '等级',
      '组织保障',
      '责任书签署率',
      '组织类任务按时销号率',
      '重点工程推进',
      '任务完成率（分类平均）',
      '按时完成率（分类平均）',
      '群众感知满意',
      '知晓度（学习确认率）',
      '参与度（问卷参与率）',
      '满意度（满意度指数）',
    ]);
    expect(
      scores
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['办公室', '财务处']);
    // The same figures as /score computes for the period.
    const period = { label: '', from: AT(11, 1, 0), to: clock.now() };
    const weights = await loadScoreWeights();
    for (const row of scores.slice(1)) {
      const dept = row[1] === '办公室' ? OFFICE : FINANCE;
      const expected = computeScore(await collectScoreFigures(dept, period), weights);
      expect(expected.total).not.toBeNull();
      expect(row[2]).toBe(String(expected.total));
      expect(row[5]).toBe(String(expected.parts[0]!.subs[0]!.value ?? '暂无数据'));
    }

    const audit = await AuditEntryModel.findOne({ action: 'report.export', actor: ADMIN }).lean();
    expect(audit).toMatchObject({
      outcome: 'ok',
      target: '2026-11-01~2026-11-26',
      after: { scope: 'all', rows: { tasks: 4, signatures: 2, polls: 2, learning: 1, scores: 2 } },
    });
  });

  it('polls are aggregated only: no voter id or name anywhere in the workbook', async () => {
    const { everyCell, wb } = await exportedWorkbook(SUPERVISOR, '导出报表');
    expect(everyCell).toContain('VANON');
    for (const [openId, name] of VOTER_NAMES) {
      expect(everyCell).not.toContain(openId);
      expect(everyCell).not.toContain(name);
    }
    expect(everyCell).not.toContain('ou_');
    expect(wb.worksheets).toHaveLength(5);
  });

  it("a leader's file holds only their department", async () => {
    const { sheet, everyCell, answer } = await exportedWorkbook(LEADER, '报表导出');
    expect(answer).toContain('仅含您分管部门的数据');
    expect(ids(sheet('任务'))).toEqual(['TA4', 'TA2', 'TA1']);
    expect(
      sheet('签署')
        .slice(1)
        .map((r) => [r[5], r[6]]),
    ).toEqual([[nameOf(STAFF_A[0]!), '办公室']]);
    const polls = sheet('投票');
    // 办公室 has 5 respondents, 财务处 3: showing 办公室's 5 (了解 4, 不了解 1) next to the
    // admin's total (了解 6, 不了解 2) would give 财务处's three away, so both stay hidden.
    expect(polls[1]).toEqual([
      'VANON',
      '您是否了解本单位廉政举报渠道？',
      '投票',
      '是',
      '办公室工作群',
      '2026-11-15 10:00',
      '已结束',
      '6',
      '',
      '',
      '',
      '部分部门为保护匿名未计入票数（参与不足 5 人，或可由其他数字推算）',
      '了解',
      '',
      '不了解',
      '',
    ]);
    expect(ids(polls)).toEqual(['VANON', 'VNAMED']);
    expect(sheet('学习').slice(1)).toEqual([
      [
        'BREP1',
        'C901',
        '杨震暮夜却金',
        '2026-11-12 09:00',
        '1',
        '1',
        '1',
        String(people.office),
        String(Math.round(1000 / people.office) / 10),
        '1',
        '1',
        '100',
      ],
    ]);
    expect(
      sheet('评分')
        .slice(1)
        .map((r) => r[1]),
    ).toEqual(['办公室']);
    for (const word of ['财务处', 'TB1', nameOf(STAFF_B[0]!)]) expect(everyCell).not.toContain(word);
    const audit = await AuditEntryModel.findOne({ action: 'report.export', actor: LEADER }).lean();
    expect(audit?.after).toMatchObject({ scope: [OFFICE], rows: { tasks: 3, signatures: 1, polls: 2 } });
  });

  it("a department slice under 5 respondents is not counted in its leader's file", async () => {
    const { sheet } = await exportedWorkbook(LEADER_B, '/report export');
    const polls = sheet('投票');
    expect(ids(polls)).toEqual(['VANON']);
    expect(polls[1]!.slice(7, 12)).toEqual([
      '5',
      '',
      '',
      '',
      '部分部门为保护匿名未计入票数（参与不足 5 人，或可由其他数字推算）',
    ]);
    expect(polls[1]!.slice(12)).toEqual(['了解', '', '不了解', '']);
  });

  it('a range selects by day, the end day included', async () => {
    const { upload, sheet } = await exportedWorkbook(ADMIN, '/report export 2026-11-11 2026-11-12');
    expect(upload.fileName).toBe('清廉机关工作报表-20261111-20261112.xlsx');
    // TA4 and TA1 were open at the end, TB1 closed on the 12th; TA2 closed before the 11th.
    expect(ids(sheet('任务'))).toEqual(['TA4', 'TA1', 'TB1']);
    expect(sheet('签署')).toHaveLength(1);
    expect(sheet('投票')).toHaveLength(1);
    expect(ids(sheet('学习'))).toEqual(['BREP1']);
    const audit = await AuditEntryModel.findOne({
      action: 'report.export',
      target: '2026-11-11~2026-11-12',
    }).lean();
    expect(audit?.actor).toBe(ADMIN);
  });

  it('bad dates or a start after the end get a Chinese answer with an example, and no file', async () => {
    const before = await AuditEntryModel.countDocuments({ action: 'report.export' });
    for (const [text, expected] of [
      ['/report export 2026-11-30 2026-11-01', '起始日期 2026-11-30 晚于结束日期 2026-11-01'],
      ['/report export 2026-12-01', '起始日期 2026-12-01 晚于结束日期 2026-11-26'],
      ['/report export 11月', '无法识别日期，请写成 YYYY-MM-DD，例如 /report export 2026-11-01 2026-11-30'],
      ['/report export 2026-02-30', '无法识别日期'],
      ['/report export 2026-11-01 2026-11-02 2026-11-03', '无法识别日期'],
    ] as const) {
      const replies = await p2p(ADMIN, text);
      expect(replies.some((m) => m.msgType === 'file')).toBe(false);
      expect(replies.map(textOf).join('\n')).toContain(expected);
    }
    expect(await AuditEntryModel.countDocuments({ action: 'report.export' })).toBe(before);
  });

  it('a member is refused, politely, and the refusal is audited', async () => {
    const replies = await p2p(MEMBER, '/report export');
    expect(replies.some((m) => m.msgType === 'file')).toBe(false);
    expect(replies.map(textOf).join('\n')).toContain('仅限管理员、分管领导、特邀监督员使用');
    expect(
      await AuditEntryModel.exists({ actor: MEMBER, action: 'command:/report export', outcome: 'refused' }),
    ).toBeTruthy();
  });

  it('in a group, the workbook goes to the requester privately', async () => {
    h.emulator.addChat({ chatId: CHAT_A, name: '办公室工作群', members: [ADMIN, LEADER] });
    const groupBefore = h.emulator.messagesTo({ chatId: CHAT_A }).length;
    const mineBefore = h.emulator.messagesTo({ openId: ADMIN }).length;
    await h.emulator.sendText({
      chatType: 'group',
      chatId: CHAT_A,
      sender: ADMIN,
      text: '/report export',
      mentionBot: true,
    });
    await h.settle();
    const group = h.emulator.messagesTo({ chatId: CHAT_A }).slice(groupBefore);
    expect(group.some((m) => m.msgType === 'file')).toBe(false);
    expect(group.map(textOf).join('\n')).toContain('文件已通过单聊发给您');
    const mine = h.emulator.messagesTo({ openId: ADMIN }).slice(mineBefore);
    expect(mine.filter((m) => m.msgType === 'file').map((m) => h.emulator.uploadedFile(m)!.fileName)).toEqual(
      ['清廉机关工作报表-20261101-20261126.xlsx'],
    );
  });
});
