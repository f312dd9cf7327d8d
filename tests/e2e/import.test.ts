/**
 * `/import members` end to end: an admin starts an import in p2p, sends a CSV / XLSX file, the
 * good rows land (one document per person), bad rows are reported by line in Chinese and write
 * nothing, a second send changes nothing, and refusals and stray files are answered.
 */

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { DepartmentModel, departmentNameKey } from '../../src/models/department.js';
import { PendingImportModel } from '../../src/models/pending-import.js';
import { PersonModel } from '../../src/models/person.js';
import type { StoredMessage } from '../emulator/index.js';
import { encodeGb18030 } from '../support/gb18030.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_import_admin';
const MEMBER = 'ou_import_member';
const DEPTS = [
  { _id: 'dept_agency', name: '市审计局', parentId: null, ancestors: [] },
  { _id: 'dept_office', name: '办公室', parentId: 'dept_agency', ancestors: ['dept_agency'] },
  { _id: 'dept_finance', name: '财务处', parentId: 'dept_agency', ancestors: ['dept_agency'] },
  {
    _id: 'dept_finance_1',
    name: '财务一科',
    parentId: 'dept_finance',
    ancestors: ['dept_agency', 'dept_finance'],
  },
  { _id: 'dept_discipline', name: '纪检组', parentId: 'dept_agency', ancestors: ['dept_agency'] },
];
const DEPT_NAMES = DEPTS.map((d) => d.name);

interface Person {
  openId: string;
  name: string;
  mobile: string;
  email: string;
  dept: string;
  role: string;
}

/** 200 people: identified by open_id, mobile or email in turn; a few leaders, supervisors, one admin. */
const PEOPLE: Person[] = Array.from({ length: 200 }, (_, i) => ({
  openId: `ou_import_${String(i).padStart(3, '0')}`,
  name: `干部${String(i).padStart(3, '0')}号`,
  mobile: `1391000${String(i).padStart(4, '0')}`,
  email: `cadre${i}@audit.gov.cn`,
  dept: DEPT_NAMES[i % DEPT_NAMES.length]!,
  role: i % 25 === 0 ? '领导' : i % 30 === 1 ? '监督员' : i === 7 ? '管理员' : i % 2 ? '' : '成员',
}));
const HEADER = ['姓名', 'open_id', '手机号', '邮箱', '部门', '角色'];

/** The table of the 200 rows; rows 17, 58 and 120 (Excel numbering, header = 1) are bad. */
function memberTable(): string[][] {
  const rows = PEOPLE.map((p, i) => {
    const id = i % 3 === 0 ? [p.openId, '', ''] : i % 3 === 1 ? ['', p.mobile, ''] : ['', '', p.email];
    return [p.name, ...id, p.dept, p.role];
  });
  rows[15]![4] = '宣传部'; // line 17: unknown department
  rows[56] = [PEOPLE[56]!.name, '', '13999999999', '', PEOPLE[56]!.dept, '']; // line 58: unknown mobile
  rows[118]![0] = ''; // line 120: no name
  return [HEADER, ...rows];
}
const BAD_INDEXES = new Set([15, 56, 118]);

function csvText(table: string[][]): string {
  return table
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');
}

async function xlsxBytes(table: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成员名单');
  for (const [i, row] of table.entries()) {
    // Excel keeps typed phone numbers as numbers.
    ws.addRow(row.map((c, col) => (i > 0 && col === 2 && c ? Number(c) : c)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('/import members end to end', () => {
  useTestDb();
  let h: Harness;

  const p2p = async (sender: string, text: string) => {
    await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
  };
  const sendFile = async (sender: string, fileName: string, bytes: Buffer) => {
    const before = h.emulator.messagesTo({ openId: sender }).length;
    await h.emulator.sendFile({ chatType: 'p2p', sender, fileName, bytes });
    await h.settle();
    return h.emulator.messagesTo({ openId: sender }).slice(before);
  };
  const textOf = (m: StoredMessage) => h.emulator.textOf(m);
  const resultCard = (msgs: StoredMessage[]) => textOf(msgs.find((m) => m.msgType === 'interactive')!);

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: MEMBER, name: '李明' });
    for (const p of PEOPLE)
      h.emulator.addUser({ openId: p.openId, name: p.name, mobile: p.mobile, email: p.email });
    await DepartmentModel.insertMany(
      DEPTS.map((d) => ({ ...d, nameKey: departmentNameKey(d.name), createdBy: ADMIN })),
    );
  });
  afterAll(async () => h?.stop());

  beforeEach(async () => {
    await PersonModel.deleteMany({ openId: { $regex: '^ou_import_\\d' } });
  });

  async function expectImported(): Promise<void> {
    const stored = await PersonModel.find({ openId: { $regex: '^ou_import_\\d' } }).lean();
    expect(stored).toHaveLength(197);
    const byId = new Map(stored.map((p) => [p.openId, p]));
    for (const [i, p] of PEOPLE.entries()) {
      const doc = byId.get(p.openId);
      if (BAD_INDEXES.has(i)) {
        expect(doc, `row ${i + 2} must not be written`).toBeUndefined();
        continue;
      }
      const deptId = DEPTS.find((d) => d.name === p.dept)!._id;
      expect(doc).toMatchObject({ name: p.name, deptId });
      expect(doc!.leads).toEqual(p.role === '领导' ? [deptId] : []);
      expect(doc!.roles, JSON.stringify(doc)).toEqual(
        p.role === '监督员' ? ['supervisor'] : p.role === '管理员' ? ['admin'] : [],
      );
    }
  }

  it('a member is refused /import members, politely, and it is audited', async () => {
    await p2p(MEMBER, '/import members');
    expect(textOf(h.emulator.messagesTo({ openId: MEMBER }).at(-1)!)).toContain('仅限管理员使用');
    expect(
      await AuditEntryModel.exists({ actor: MEMBER, action: 'command:/import members', outcome: 'refused' }),
    ).toBeTruthy();
  });

  it('a file nobody is waiting for gets the hint', async () => {
    const replies = await sendFile(MEMBER, '名单.csv', Buffer.from(csvText(memberTable())));
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!)).toContain('当前没有等待导入的任务');
    expect(await PersonModel.countDocuments({ openId: { $regex: '^ou_import_\\d' } })).toBe(0);
  });

  it('imports 200 rows from a CSV: 197 land, 3 bad rows are reported by line and write nothing', async () => {
    const before = h.emulator.messagesTo({ openId: ADMIN }).length;
    await p2p(ADMIN, '/import members');
    const [guide, template] = h.emulator.messagesTo({ openId: ADMIN }).slice(before);
    expect(textOf(guide!)).toContain('10 分钟内');
    expect(textOf(guide!)).toContain('姓名');
    expect(template!.msgType).toBe('file');
    expect(h.emulator.uploadedFile(template!)?.fileName).toBe('成员导入模板.csv');

    const bytes = Buffer.from(`\uFEFF${csvText(memberTable())}`, 'utf8');
    const replies = await sendFile(ADMIN, '成员名单.csv', bytes);
    expect(textOf(replies[0]!)).toContain('正在导入');
    const card = resultCard(replies);
    expect(card).toContain('共 200 行：新增 **197** 人，更新 **0** 人，无变化 0 人，跳过 **3** 行');
    expect(card).toContain('第 17 行：部门“宣传部”不存在，请先用 /dept add 创建');
    expect(card).toContain('第 58 行：飞书通讯录中找不到“13999999999”');
    expect(card).toContain('第 120 行：缺少姓名');
    expect(replies.filter((m) => m.msgType === 'file')).toHaveLength(0);
    await expectImported();

    const audits = await AuditEntryModel.find({ action: 'import.members' }).lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: ADMIN,
      outcome: 'ok',
      target: '成员名单.csv',
      after: { total: 200, created: 197, updated: 0, unchanged: 0, skipped: 3 },
    });

    // The same file again: nothing changes, nothing is written.
    const stamps = new Map(
      (await PersonModel.find({}, { openId: 1, updatedAt: 1 }).lean()).map((p) => [
        p.openId,
        p.updatedAt?.getTime(),
      ]),
    );
    const again = await sendFile(ADMIN, '成员名单.csv', bytes);
    expect(resultCard(again)).toContain('新增 **0** 人，更新 **0** 人，无变化 197 人，跳过 **3** 行');
    const after = await PersonModel.find({}, { openId: 1, updatedAt: 1 }).lean();
    expect(after.every((p) => stamps.get(p.openId) === p.updatedAt?.getTime())).toBe(true);
    expect(await AuditEntryModel.countDocuments({ action: 'import.members' })).toBe(2);
  });

  it('imports the same content from an XLSX file', async () => {
    await p2p(ADMIN, '导入 成员');
    const replies = await sendFile(ADMIN, '成员名单.xlsx', await xlsxBytes(memberTable()));
    const card = resultCard(replies);
    expect(card).toContain('新增 **197** 人');
    expect(card).toContain('第 17 行：部门“宣传部”不存在');
    expect(card).toContain('第 58 行');
    expect(card).toContain('第 120 行：缺少姓名');
    await expectImported();
  });

  it('imports a CSV saved by Excel on a Chinese Windows (GB18030)', async () => {
    await p2p(ADMIN, '/import members');
    const replies = await sendFile(ADMIN, '成员名单-GBK.csv', encodeGb18030(csvText(memberTable())));
    expect(resultCard(replies)).toContain('新增 **197** 人');
    await expectImported();
  });

  it('updates changed people only, and grants roles without taking any away', async () => {
    await p2p(ADMIN, '/import members');
    await sendFile(ADMIN, '成员名单.csv', Buffer.from(csvText(memberTable())));
    // Person 2 moves to 纪检组 as a leader; person 25 (a leader) is listed as a plain member.
    const table = memberTable();
    table[3] = [PEOPLE[2]!.name, '', '', PEOPLE[2]!.email, '纪检组', '领导'];
    table[26]![5] = '成员';
    const replies = await sendFile(ADMIN, '调整.csv', Buffer.from(csvText(table)));
    expect(resultCard(replies)).toContain('新增 **0** 人，更新 **1** 人，无变化 196 人');
    expect(await PersonModel.findOne({ openId: PEOPLE[2]!.openId }).lean()).toMatchObject({
      deptId: 'dept_discipline',
      leads: ['dept_discipline'],
    });
    expect(PEOPLE[25]!.role).toBe('领导');
    const leadsBefore = [DEPTS.find((d) => d.name === PEOPLE[25]!.dept)!._id];
    expect((await PersonModel.findOne({ openId: PEOPLE[25]!.openId }).lean())?.leads).toEqual(leadsBefore);
  });

  it('lists the first 20 errors and sends every error as a CSV file when there are more', async () => {
    await p2p(ADMIN, '/import members');
    const table = [
      HEADER,
      ...Array.from({ length: 25 }, (_, i) => [
        `临时${i}`,
        '',
        `1370000${String(i).padStart(4, '0')}`,
        '',
        '宣传部',
        '',
      ]),
    ];
    const replies = await sendFile(ADMIN, '错误很多.csv', Buffer.from(csvText(table)));
    const card = resultCard(replies);
    expect(card).toContain('跳过 **25** 行');
    expect(card).toContain('第 21 行');
    expect(card).not.toContain('第 22 行');
    expect(card).toContain('另有 5 行错误未列出');
    const file = replies.find((m) => m.msgType === 'file')!;
    const upload = h.emulator.uploadedFile(file)!;
    expect(upload.fileName).toBe('导入错误-错误很多.csv');
    const rows = parse(upload.bytes, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['行号', '姓名', '问题']);
    expect(rows).toHaveLength(26);
    expect(rows[25]).toEqual(['26', '临时24', '部门“宣传部”不存在，请先用 /dept add 创建']);
  });

  it('answers a file of another type, an old .xls, a file over 5 MB and a file without the columns', async () => {
    await p2p(ADMIN, '/import members');
    expect(textOf((await sendFile(ADMIN, '通知.pdf', Buffer.from('%PDF-1.4')))[0]!)).toContain(
      '请发送 CSV（.csv）或 Excel（.xlsx）文件',
    );
    expect(textOf((await sendFile(ADMIN, '名单.xls', Buffer.from('old')))[0]!)).toContain(
      '.xlsx 或 CSV 后重新发送',
    );
    const big = await sendFile(ADMIN, '大名单.csv', Buffer.alloc(5 * 1024 * 1024 + 1, 0x41));
    expect(textOf(big.at(-1)!)).toContain('文件超过 5 MB');
    const noColumns = await sendFile(ADMIN, '缺列.csv', Buffer.from('名字,备注\n张三,无\n'));
    expect(textOf(noColumns.at(-1)!)).toContain('表头缺少：open_id、手机号或邮箱（至少一项）、部门');
    expect(await PersonModel.countDocuments({ openId: { $regex: '^ou_import_\\d' } })).toBe(0);
  });

  it('writes nothing when the directory cannot be reached, and stops waiting after 10 minutes', async () => {
    await p2p(ADMIN, '/import members');
    h.emulator.injectFault({ method: 'POST', path: '/open-apis/contact/v3/users/batch_get_id', status: 500 });
    const failed = await sendFile(ADMIN, '成员名单.csv', Buffer.from(csvText(memberTable())));
    expect(textOf(failed.at(-1)!)).toContain('暂时无法查询飞书通讯录，本次未导入任何数据');
    expect(await PersonModel.countDocuments({ openId: { $regex: '^ou_import_\\d' } })).toBe(0);

    await PendingImportModel.updateOne({ _id: ADMIN }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    const late = await sendFile(ADMIN, '成员名单.csv', Buffer.from(csvText(memberTable())));
    expect(late).toHaveLength(1);
    expect(textOf(late[0]!)).toContain('当前没有等待导入的任务');
  });
});
