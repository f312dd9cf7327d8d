/**
 * The task ledger's files end to end: `/task import` of a CSV / XLSX ledger (good rows become
 * tasks with their assignments, bad rows are reported by line in Chinese and write nothing, a
 * second send creates nothing), refusals, and `/task export` — the five ledgers as an XLSX
 * workbook (read back from the emulator's uploaded bytes) or as CSV files, a leader's export
 * holding only their departments.
 */

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskImportKeyModel } from '../../src/domain/task-import.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { ChatModel } from '../../src/models/chat.js';
import { DepartmentModel, departmentNameKey } from '../../src/models/department.js';
import { PersonModel } from '../../src/models/person.js';
import { TaskAssignmentModel, TaskModel, TaskTransitionModel } from '../../src/models/task.js';
import { formatZoned } from '../../src/time/zoned.js';
import type { StoredMessage } from '../emulator/index.js';
import { encodeGb18030 } from '../support/gb18030.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const TZ = 'Asia/Shanghai';
const ADMIN = 'ou_ledger_admin';
const LEADER = 'ou_ledger_leader';
const MEMBER = 'ou_ledger_member';
const SUPERVISOR = 'ou_ledger_supervisor';
const CHAT = 'oc_ledger_office';

const DEPTS = [
  { _id: 'dept_agency', name: '市审计局', parentId: null, ancestors: [] },
  { _id: 'dept_office', name: '办公室', parentId: 'dept_agency', ancestors: ['dept_agency'] },
  { _id: 'dept_finance', name: '财务处', parentId: 'dept_agency', ancestors: ['dept_agency'] },
];

/** Twelve staff: six in 办公室, six in 财务处. */
const STAFF = Array.from({ length: 12 }, (_, i) => ({
  openId: `ou_staff_${String(i).padStart(2, '0')}`,
  name: `干部${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`,
  mobile: `1391111${String(i).padStart(4, '0')}`,
  email: `staff${i}@audit.gov.cn`,
  deptId: i < 6 ? 'dept_office' : 'dept_finance',
}));
const S = (i: number) => STAFF[i]!;
const HEADER = ['任务', '类别', '负责人', '截止时间', '督办领导', '群'];
const CATEGORIES = ['创建任务', '整改任务', '重点工作', '其他', ''];

/** 30 data rows (lines 2–31); lines 5, 12 and 20 are bad. */
function ledgerTable(): string[][] {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const owners =
      i % 4 === 0
        ? `${S(i % 12).name}、${S((i + 1) % 12).name}`
        : i % 4 === 1
          ? S(i % 12).openId
          : i % 4 === 2
            ? S(i % 12).mobile
            : `${S(i % 12).email},${S((i + 5) % 12).name}`;
    return [
      `清廉任务第${String(i + 1).padStart(2, '0')}项`,
      CATEGORIES[i % CATEGORIES.length]!,
      owners,
      `2027-0${(i % 9) + 1}-1${i % 10} 18:00`,
      i % 3 === 0 ? '王局长' : '',
      i % 5 === 0 ? '办公室工作群' : '',
    ];
  });
  rows[3]![2] = `${S(1).name}、赵无名`; // line 5: unknown owner
  rows[10]![3] = '2020-01-01 18:00'; // line 12: deadline passed
  rows[18]![0] = ''; // line 20: no title
  return [HEADER, ...rows];
}
const BAD_LINES = [5, 12, 20];

function csvText(table: string[][]): string {
  return table
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');
}

describe('/task import and /task export end to end', () => {
  useTestDb();
  let h: Harness;

  const p2p = async (sender: string, text: string) => {
    const before = h.emulator.messagesTo({ openId: sender }).length;
    await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    return h.emulator.messagesTo({ openId: sender }).slice(before);
  };
  const sendFile = async (sender: string, fileName: string, bytes: Buffer) => {
    const before = h.emulator.messagesTo({ openId: sender }).length;
    await h.emulator.sendFile({ chatType: 'p2p', sender, fileName, bytes });
    await h.settle();
    return h.emulator.messagesTo({ openId: sender }).slice(before);
  };
  const textOf = (m: StoredMessage) => h.emulator.textOf(m);
  const resultCard = (msgs: StoredMessage[]) =>
    textOf(msgs.find((m) => m.msgType === 'interactive' && textOf(m).includes('导入结果'))!);
  const taskCards = (to: { chatId?: string; openId?: string }) =>
    h.emulator
      .messagesTo(to)
      .filter((m) => m.msgType === 'interactive' && !textOf(m).includes('导入结果'))
      .map((m) => textOf(m));

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: LEADER, name: '王局长' });
    h.emulator.addUser({ openId: MEMBER, name: '李明' });
    h.emulator.addUser({ openId: SUPERVISOR, name: '陈监督' });
    for (const p of STAFF)
      h.emulator.addUser({ openId: p.openId, name: p.name, mobile: p.mobile, email: p.email });
    h.emulator.addChat({
      chatId: CHAT,
      name: '办公室工作群',
      members: [ADMIN, ...STAFF.map((p) => p.openId)],
    });
    await DepartmentModel.insertMany(
      DEPTS.map((d) => ({ ...d, nameKey: departmentNameKey(d.name), createdBy: ADMIN })),
    );
    await PersonModel.insertMany([
      { openId: ADMIN, name: '王主任', roles: ['admin'] },
      { openId: LEADER, name: '王局长', deptId: 'dept_office', leads: ['dept_office'] },
      { openId: MEMBER, name: '李明', deptId: 'dept_office' },
      { openId: SUPERVISOR, name: '陈监督', roles: ['supervisor'] },
      // Stored names only (no mobile/email): those are found through the directory.
      ...STAFF.map((p) => ({ openId: p.openId, name: p.name, deptId: p.deptId })),
    ]);
    await ChatModel.create({ chatId: CHAT, name: '办公室工作群', deptId: 'dept_office', active: true });
  });
  afterAll(async () => h?.stop());

  it('a member is refused /task import, politely, and it is audited; a stray file gets the hint', async () => {
    const replies = await p2p(MEMBER, '/task import');
    expect(textOf(replies.at(-1)!)).toContain('仅限管理员、分管领导使用');
    expect(
      await AuditEntryModel.exists({ actor: MEMBER, action: 'command:/task import', outcome: 'refused' }),
    ).toBeTruthy();
    const stray = await sendFile(MEMBER, '台账.csv', Buffer.from(csvText(ledgerTable())));
    expect(textOf(stray[0]!)).toContain('当前没有等待导入的任务');
    expect(await TaskModel.countDocuments({})).toBe(0);
  });

  it('imports a CSV ledger of 30 rows: 27 tasks with their owners, 3 bad rows reported by line', async () => {
    const [guide, template] = await p2p(ADMIN, '/task import');
    expect(textOf(guide!)).toContain('10 分钟内');
    expect(textOf(guide!)).toContain('督办领导');
    expect(template!.msgType).toBe('file');
    const upload = h.emulator.uploadedFile(template!)!;
    expect(upload.fileName).toBe('任务导入模板.csv');
    expect(upload.bytes.toString('utf8').replace(/^\uFEFF/, '')).toMatch(
      /^任务,类别,负责人,截止时间,督办领导,群/,
    );

    const bytes = Buffer.from(`\uFEFF${csvText(ledgerTable())}`, 'utf8');
    const replies = await sendFile(ADMIN, '清廉台账.csv', bytes);
    expect(textOf(replies[0]!)).toContain('正在导入');
    const card = resultCard(replies);
    expect(card).toContain('共 30 行：新建任务 **27** 项，此前已导入 0 项，跳过 **3** 行');
    expect(card).toContain('第 5 行：找不到负责人“赵无名”');
    expect(card).toContain('第 12 行：截止时间“2020-01-01 18:00”已过');
    expect(card).toContain('第 20 行：缺少任务名称');

    const tasks = await TaskModel.find({}).lean();
    expect(tasks).toHaveLength(27);
    const table = ledgerTable();
    const byTitle = new Map(tasks.map((t) => [t.title, t]));
    for (const line of BAD_LINES) {
      const title = table[line - 1]![0]!;
      if (title) expect(byTitle.has(title), `line ${line} must not be imported`).toBe(false);
    }
    // Row-by-row: owners (names, open_ids, mobiles, emails), category, deadline, leader, group.
    for (let i = 0; i < 30; i++) {
      if (BAD_LINES.includes(i + 2)) continue;
      const row = table[i + 1]!;
      const task = byTitle.get(row[0]!)!;
      expect(task, row[0]).toBeDefined();
      const owners =
        i % 4 === 0
          ? [S(i % 12).openId, S((i + 1) % 12).openId]
          : i % 4 === 3
            ? [S(i % 12).openId, S((i + 5) % 12).openId]
            : [S(i % 12).openId];
      expect(task.owners).toEqual(owners);
      expect(task.category).toBe(['create', 'rectify', 'key', 'other', 'other'][i % 5]);
      expect(formatZoned(task.deadline, TZ)).toBe(row[3]);
      expect(task.leader).toBe(i % 3 === 0 ? LEADER : null);
      expect(task.chatId).toBe(i % 5 === 0 ? CHAT : null);
      expect(task.creator).toBe(ADMIN);
      expect(task.state).toBe('open');
      const assignments = await TaskAssignmentModel.find({ taskId: task._id }).lean();
      expect(assignments.map((a) => a.openId).sort()).toEqual([...owners].sort());
      expect(assignments.every((a) => a.state === 'pending')).toBe(true);
      expect(await TaskTransitionModel.exists({ taskId: task._id, action: 'create' })).toBeTruthy();
    }
    expect(await TaskImportKeyModel.countDocuments({ taskId: { $ne: null } })).toBe(27);
    const audit = await AuditEntryModel.findOne({ action: 'task.import' }).lean();
    expect(audit).toMatchObject({
      actor: ADMIN,
      target: '清廉台账.csv',
      after: { total: 30, created: 27, existing: 0, skipped: 3 },
    });

    // Each new task's card went out as for /task add: to its group, else to creator, leader and owners.
    const groupCards = taskCards({ chatId: CHAT });
    for (const i of [0, 5, 15, 20, 25]) {
      expect(groupCards.filter((c) => c.includes(table[i + 1]![0]!))).toHaveLength(1);
    }
    expect(taskCards({ openId: S(2).openId }).some((c) => c.includes(table[2 + 1]![0]!))).toBe(true);
    const cardsBefore = taskCards({ openId: ADMIN }).length + groupCards.length;

    // The same file again (pending import still open): no new task.
    const again = await sendFile(ADMIN, '清廉台账.csv', bytes);
    expect(resultCard(again)).toContain('新建任务 **0** 项，此前已导入 27 项，跳过 **3** 行');
    expect(await TaskModel.countDocuments({})).toBe(27);
    expect(taskCards({ openId: ADMIN }).length + taskCards({ chatId: CHAT }).length).toBe(cardsBefore);
    expect(await TaskImportKeyModel.countDocuments({ cardSent: true })).toBe(27);

    // Bad rows fixed, saved by Excel as GB18030: only those rows are new.
    const fixed = ledgerTable();
    fixed[4]![2] = S(1).name;
    fixed[11]![3] = '2027-02-01 09:30';
    fixed[19]![0] = '清廉任务补录';
    await p2p(ADMIN, '导入任务');
    const third = await sendFile(ADMIN, '清廉台账-修改.csv', encodeGb18030(csvText(fixed)));
    expect(resultCard(third)).toContain('新建任务 **3** 项，此前已导入 27 项，跳过 **0** 行');
    expect(await TaskModel.countDocuments({})).toBe(30);
  });

  it('imports an XLSX ledger with Excel date cells', async () => {
    await p2p(ADMIN, '任务 导入');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(HEADER);
    // Excel keeps a typed date as a date value (its wall time, stored as UTC).
    ws.addRow(['XLSX 任务一', '整改任务', S(2).name, new Date(Date.UTC(2027, 2, 1, 18, 0)), '', '']);
    ws.addRow(['XLSX 任务二', '重点工作', `${S(3).name}、${S(4).openId}`, '2027-03-02 09:00', '王局长', '']);
    ws.addRow(['XLSX 任务三', '什么类', S(3).name, '2027-03-03', '', '']);
    ws.addRow(['XLSX 任务四', '', S(5).name, new Date(Date.UTC(2027, 2, 4)), '', '不存在的群']);
    const replies = await sendFile(ADMIN, '台账.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const card = resultCard(replies);
    expect(card).toContain('共 4 行：新建任务 **2** 项');
    expect(card).toContain('第 4 行：类别“什么类”无法识别');
    expect(card).toContain('第 5 行：群“不存在的群”不存在或尚未绑定部门');
    const one = await TaskModel.findOne({ title: 'XLSX 任务一' }).lean();
    expect(formatZoned(one!.deadline, TZ)).toBe('2027-03-01 18:00');
    expect(one!.category).toBe('rectify');
    const two = await TaskModel.findOne({ title: 'XLSX 任务二' }).lean();
    expect(two!.owners).toEqual([S(3).openId, S(4).openId]);
    expect(await TaskModel.exists({ title: { $in: ['XLSX 任务三', 'XLSX 任务四'] } })).toBeNull();
  });

  it('a leader imports only tasks whose owners are in their departments', async () => {
    await p2p(LEADER, '/task import');
    const table = [
      HEADER,
      ['领导导入一', '其他', S(0).name, '2027-05-01 18:00', '', ''],
      ['领导导入二', '其他', S(7).name, '2027-05-01 18:00', '', ''],
    ];
    const card = resultCard(await sendFile(LEADER, '分管台账.csv', Buffer.from(csvText(table))));
    expect(card).toContain('新建任务 **1** 项');
    expect(card).toContain(`第 3 行：负责人“${S(7).name}”不在您分管的部门`);
    expect(await TaskModel.findOne({ title: '领导导入一' }).lean()).toMatchObject({ creator: LEADER });
  });

  it('the import started last takes the file: /import members after /task import, and back', async () => {
    await p2p(ADMIN, '/task import');
    await p2p(ADMIN, '/import members');
    const members = `姓名,open_id,部门\r\n${S(0).name},${S(0).openId},办公室`;
    expect(resultCard(await sendFile(ADMIN, '名单.csv', Buffer.from(members)))).toContain('成员导入结果');
    await p2p(ADMIN, '/task import');
    const ledger = csvText([HEADER, ['交替导入', '', S(0).name, '2027-06-01 18:00', '', '']]);
    const card = resultCard(await sendFile(ADMIN, '台账.csv', Buffer.from(ledger)));
    expect(card).toContain('任务导入结果');
    expect(card).toContain('新建任务 **1** 项');
  });

  describe('export', () => {
    const NOW = Date.now();
    const day = 86_400_000;
    const at = (offsetDays: number) => new Date(NOW + offsetDays * day);

    beforeAll(async () => {
      await Promise.all([
        TaskModel.deleteMany({}),
        TaskAssignmentModel.deleteMany({}),
        TaskTransitionModel.deleteMany({}),
      ]);
      const base = { description: '', requiresApproval: true, version: 1, updatedAt: at(-1) };
      await TaskModel.insertMany([
        {
          ...base,
          _id: 'TA001',
          title: '建立廉政风险防控台账',
          category: 'create',
          creator: ADMIN,
          leader: LEADER,
          owners: [S(0).openId, S(1).openId],
          deptId: 'dept_office',
          deadline: at(5),
          state: 'open',
          createdAt: at(-10),
        },
        {
          ...base,
          _id: 'TA002',
          title: '整改差旅费报销问题',
          category: 'rectify',
          creator: ADMIN,
          leader: LEADER,
          owners: [S(2).openId],
          deptId: 'dept_office',
          deadline: at(-3),
          state: 'closed',
          closedAt: at(-2),
          createdAt: at(-9),
        },
        {
          ...base,
          _id: 'TA003',
          title: '财务处公车管理整改',
          category: 'rectify',
          creator: ADMIN,
          owners: [S(7).openId],
          deptId: 'dept_finance',
          deadline: at(-2),
          state: 'open',
          createdAt: at(-8),
        },
        {
          ...base,
          _id: 'TA004',
          title: '财务处创建清廉科室',
          category: 'create',
          creator: ADMIN,
          owners: [S(8).openId],
          deptId: 'dept_finance',
          deadline: at(20),
          state: 'open',
          createdAt: at(-7),
        },
      ]);
      await TaskAssignmentModel.insertMany([
        {
          _id: `TA001:${S(0).openId}`,
          taskId: 'TA001',
          openId: S(0).openId,
          state: 'confirmed',
          confirmedAt: at(-9),
        },
        { _id: `TA001:${S(1).openId}`, taskId: 'TA001', openId: S(1).openId, state: 'pending' },
        {
          _id: `TA002:${S(2).openId}`,
          taskId: 'TA002',
          openId: S(2).openId,
          state: 'approved',
          note: '已全部退回多报金额',
          confirmedAt: at(-8),
          submittedAt: at(-3),
          approvedAt: at(-2),
        },
        {
          _id: `TA003:${S(7).openId}`,
          taskId: 'TA003',
          openId: S(7).openId,
          state: 'submitted',
          submittedAt: at(-1),
        },
        { _id: `TA004:${S(8).openId}`, taskId: 'TA004', openId: S(8).openId, state: 'pending' },
      ]);
      const owner2 = S(2).openId;
      await TaskTransitionModel.insertMany([
        { _id: 'TA002:task:1', taskId: 'TA002', actor: ADMIN, action: 'create', to: 'open', at: at(-9) },
        {
          _id: `TA002:${owner2}:1`,
          taskId: 'TA002',
          owner: owner2,
          actor: owner2,
          action: 'confirm',
          from: 'pending',
          to: 'confirmed',
          at: at(-8),
        },
        {
          _id: `TA002:${owner2}:2`,
          taskId: 'TA002',
          owner: owner2,
          actor: owner2,
          action: 'submit',
          from: 'confirmed',
          to: 'submitted',
          note: '已退回部分金额',
          at: at(-5),
        },
        {
          _id: `TA002:${owner2}:3`,
          taskId: 'TA002',
          owner: owner2,
          actor: LEADER,
          action: 'return',
          from: 'submitted',
          to: 'confirmed',
          note: '请附退款凭证',
          at: at(-4),
        },
        {
          _id: `TA002:${owner2}:4`,
          taskId: 'TA002',
          owner: owner2,
          actor: owner2,
          action: 'submit',
          from: 'confirmed',
          to: 'submitted',
          note: '已全部退回多报金额',
          at: at(-3),
        },
        {
          _id: `TA002:${owner2}:5`,
          taskId: 'TA002',
          owner: owner2,
          actor: LEADER,
          action: 'approve',
          from: 'submitted',
          to: 'approved',
          at: at(-2),
        },
      ]);
    });

    async function exportedWorkbook(sender: string, text: string) {
      const replies = await p2p(sender, text);
      const file = replies.find((m) => m.msgType === 'file');
      expect(file, JSON.stringify(replies.map((m) => textOf(m)))).toBeDefined();
      const upload = h.emulator.uploadedFile(file!)!;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(upload.bytes as unknown as ArrayBuffer);
      const sheet = (name: string) =>
        (wb.getWorksheet(name)!.getSheetValues() as unknown[][])
          .filter(Boolean)
          .map((r) => r.slice(1).map((c) => (c === undefined || c === null ? '' : String(c))));
      return { replies, upload, wb, sheet };
    }

    it('an admin gets one XLSX workbook with the five ledgers', async () => {
      const { replies, upload, wb, sheet } = await exportedWorkbook(ADMIN, '/task export');
      // The answer and the file share the person's lane; read the answer wherever it is.
      expect(replies.map(textOf).join('\n')).toContain('已导出 4 项任务');
      expect(upload.fileName).toMatch(/^任务台账-\d{8}\.xlsx$/);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        '任务清单',
        '责任清单',
        '创建时限清单',
        '整改清单',
        '销号清单',
      ]);

      const tasks = sheet('任务清单');
      expect(tasks[0]).toEqual([
        '编号',
        '任务',
        '类别',
        '负责人',
        '督办领导',
        '截止时间',
        '状态',
        '创建人',
        '创建时间',
      ]);
      expect(tasks.slice(1).map((r) => r[0])).toEqual(['TA001', 'TA002', 'TA003', 'TA004']);
      expect(tasks[1]).toEqual([
        'TA001',
        '建立廉政风险防控台账',
        '创建任务',
        `${S(0).name}、${S(1).name}`,
        '王局长',
        formatZoned(at(5), TZ),
        '进行中',
        '王主任',
        formatZoned(at(-10), TZ),
      ]);
      expect(tasks[2]![6]).toBe('已销号');
      expect(tasks[3]![6]).toBe('已逾期');

      const duties = sheet('责任清单');
      expect(duties[0]).toEqual([
        '编号',
        '任务',
        '负责人',
        '部门',
        '状态',
        '确认时间',
        '提交时间',
        '销号时间',
      ]);
      expect(duties).toHaveLength(1 + 5);
      expect(duties[1]).toEqual([
        'TA001',
        '建立廉政风险防控台账',
        S(0).name,
        '办公室',
        '已确认',
        formatZoned(at(-9), TZ),
        '',
        '',
      ]);
      expect(duties[3]).toEqual([
        'TA002',
        '整改差旅费报销问题',
        S(2).name,
        '办公室',
        '已销号',
        formatZoned(at(-8), TZ),
        formatZoned(at(-3), TZ),
        formatZoned(at(-2), TZ),
      ]);

      const deadlines = sheet('创建时限清单');
      expect(deadlines[0]).toEqual(['编号', '任务', '负责人', '督办领导', '截止时间', '状态', '剩余时限']);
      expect(deadlines.slice(1).map((r) => [r[0], r[6]])).toEqual([
        ['TA001', '剩余 5 天'],
        ['TA004', '剩余 20 天'],
      ]);

      const rectify = sheet('整改清单');
      expect(rectify[0]).toEqual([
        '编号',
        '任务',
        '负责人',
        '督办领导',
        '截止时间',
        '状态',
        '整改进度',
        '退回次数',
        '退回原因',
      ]);
      expect(rectify.slice(1).map((r) => r[0])).toEqual(['TA002', 'TA003']);
      expect(rectify[1]![6]).toBe('1/1 人已销号，0 人待审核');
      expect(rectify[1]![7]).toBe('1');
      expect(rectify[1]![8]).toContain('请附退款凭证');
      expect(rectify[2]![5]).toBe('已逾期');
      expect(rectify[2]![6]).toBe('0/1 人已销号，1 人待审核');

      const closeouts = sheet('销号清单');
      expect(closeouts[0]).toEqual(['编号', '任务', '类别', '负责人', '完成说明', '审核人', '销号时间']);
      expect(closeouts.slice(1)).toEqual([
        [
          'TA002',
          '整改差旅费报销问题',
          '整改任务',
          S(2).name,
          '已全部退回多报金额',
          '王局长',
          formatZoned(at(-2), TZ),
        ],
      ]);

      expect(await AuditEntryModel.findOne({ action: 'task.export', actor: ADMIN }).lean()).toMatchObject({
        outcome: 'ok',
        after: { format: 'xlsx', tasks: 4, scope: 'all' },
      });
    });

    it("a leader's export holds only the tasks of their departments", async () => {
      const { replies, sheet } = await exportedWorkbook(LEADER, '导出台账');
      expect(replies.map(textOf).join('\n')).toContain('仅含您分管部门的任务');
      expect(
        sheet('任务清单')
          .slice(1)
          .map((r) => r[0]),
      ).toEqual(['TA001', 'TA002']);
      expect(
        sheet('责任清单')
          .slice(1)
          .map((r) => r[0]),
      ).toEqual(['TA001', 'TA001', 'TA002']);
      expect(
        sheet('整改清单')
          .slice(1)
          .map((r) => r[0]),
      ).toEqual(['TA002']);
      expect(
        sheet('创建时限清单')
          .slice(1)
          .map((r) => r[0]),
      ).toEqual(['TA001']);
    });

    it('a date range selects tasks by creation day; csv sends five CSV files with a BOM', async () => {
      const from = formatZoned(at(-8), TZ, 'YYYY-MM-DD');
      const to = formatZoned(at(-7), TZ, 'YYYY-MM-DD');
      const replies = await p2p(SUPERVISOR, `/task export csv ${from} ${to}`);
      const files = replies.filter((m) => m.msgType === 'file').map((m) => h.emulator.uploadedFile(m)!);
      expect(files.map((f) => f.fileName.replace(/-\d{8}\.csv$/, ''))).toEqual([
        '任务清单',
        '责任清单',
        '创建时限清单',
        '整改清单',
        '销号清单',
      ]);
      for (const f of files) expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const tasks = parse(files[0]!.bytes.toString('utf8').slice(1)) as string[][];
      expect(tasks[0]![0]).toBe('编号');
      expect(tasks.slice(1).map((r) => r[0])).toEqual(['TA003', 'TA004']);
    });

    it('in a group, the workbook goes to the requester privately', async () => {
      const mineBefore = h.emulator.messagesTo({ openId: ADMIN }).length;
      const groupBefore = h.emulator.messagesTo({ chatId: CHAT }).length;
      await h.emulator.sendText({
        chatType: 'group',
        chatId: CHAT,
        sender: ADMIN,
        text: '/task export',
        mentionBot: true,
      });
      await h.settle();
      const group = h.emulator.messagesTo({ chatId: CHAT }).slice(groupBefore);
      expect(group.some((m) => m.msgType === 'file')).toBe(false);
      expect(group.map((m) => textOf(m)).join('\n')).toContain('文件已通过单聊发给您');
      const mine = h.emulator.messagesTo({ openId: ADMIN }).slice(mineBefore);
      expect(
        mine.filter((m) => m.msgType === 'file').map((m) => h.emulator.uploadedFile(m)!.fileName),
      ).toEqual([expect.stringMatching(/^任务台账-\d{8}\.xlsx$/)]);
    });

    it('a member may not export; bad arguments get the usage', async () => {
      const refused = await p2p(MEMBER, '/task export');
      expect(textOf(refused.at(-1)!)).toContain('仅限');
      expect(refused.some((m) => m.msgType === 'file')).toBe(false);
      const bad = await p2p(ADMIN, '/task export 明天');
      expect(textOf(bad.at(-1)!)).toContain('可写 csv 和一至两个日期');
    });
  });
});
