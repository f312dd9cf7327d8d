/** `/audit [n]` and `/audit export [起始日期]` end to end, on a seeded audit log. */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditInput, recordAudit } from '../../src/domain/audit.js';
import { PersonModel } from '../../src/models/person.js';
import { validateCard } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_audit_admin';
const MEMBER = 'ou_audit_member';
const GROUP = 'oc_audit_group';
const T0 = Date.parse('2026-03-01T00:00:00Z'); // 08:00 in Shanghai

/** Entry i happens at T0 + 2 h·i: 30 entries from 03-01 08:00 to 03-03 18:00 Shanghai time. */
function seeded(i: number): AuditInput {
  switch (i % 4) {
    case 0:
      return {
        actor: ADMIN,
        action: 'import.members',
        outcome: 'ok',
        target: `名单${i}.csv`,
        after: { total: 200, created: 197, skipped: 3 },
      };
    case 1:
      return {
        actor: ADMIN,
        action: 'dept.rename',
        outcome: 'ok',
        target: '办公室',
        before: { name: '办公室' },
        after: { name: `综合办公室${i}` },
      };
    case 2:
      return { actor: MEMBER, action: 'command:/admin add', outcome: 'refused', detail: 'role' };
    default:
      return {
        actor: 'ou_audit_ghost',
        action: 'holiday.add',
        outcome: 'ok',
        target: '2026-12-31',
        after: '休',
      };
  }
}

describe('/audit end to end', () => {
  useTestDb();
  let h: Harness;

  const ask = async (sender: string, text: string) => {
    const before = h.emulator.messagesTo({ openId: sender }).length;
    await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    return h.emulator.messagesTo({ openId: sender }).slice(before);
  };

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: MEMBER, name: '李明' });
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: [ADMIN, MEMBER] });
    await PersonModel.create([
      { openId: ADMIN, name: '王主任', roles: ['admin'] },
      { openId: MEMBER, name: '李明' },
    ]);
    for (let i = 0; i < 30; i++)
      await recordAudit({ ...seeded(i), eventId: `seed-${i}` }, new Date(T0 + i * 2 * 3_600_000));
  });
  afterAll(async () => h?.stop());

  it('/audit 5 lists the five newest entries, in Shanghai time, with names, labels and changes', async () => {
    const [reply] = await ask(ADMIN, '/audit 5');
    expect(reply!.msgType).toBe('interactive');
    expect(validateCard(reply!.content)).toEqual([]);
    const text = h.emulator.textOf(reply!);
    expect(text).toContain('审计日志（最近 5 条）');
    const times = [...text.matchAll(/2026-03-0\d \d\d:\d\d/g)].map((m) => m[0]);
    expect(times).toEqual([
      '2026-03-03 18:00',
      '2026-03-03 16:00',
      '2026-03-03 14:00',
      '2026-03-03 12:00',
      '2026-03-03 10:00',
    ]);
    // i = 29 (rename), 28 (import), 27 (holiday by an unknown person), 26 (refused), 25 (rename)
    expect(text).toContain('王主任 · 重命名部门 · 办公室 · 成功');
    expect(text).toContain('name: 办公室 → name: 综合办公室29');
    expect(text).toContain('王主任 · 导入成员 · 名单28.csv · 成功');
    expect(text).toContain('— → total: 200，created: 197，skipped: 3');
    expect(text).toContain('ou_audit_ghost · 添加节假日调整 · 2026-12-31 · 成功');
    expect(text).toContain('李明 · 使用命令 /admin add · 已拒绝');
    expect(text).toContain('无权限');
    expect(text).not.toContain('2026-03-03 08:00');
  });

  it('/audit export sends every entry as a UTF-8 CSV with BOM whose rows read back', async () => {
    const replies = await ask(ADMIN, '/audit export');
    expect(replies.map((m) => m.msgType)).toEqual(['text', 'file']);
    expect(h.emulator.textOf(replies[0]!)).toContain('已导出 30 条审计记录');
    const upload = h.emulator.uploadedFile(replies[1]!)!;
    expect(upload.fileName).toMatch(/^审计日志-\d{8}\.csv$/);
    expect([...upload.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(upload.bytes, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['时间', '操作人', '操作', '对象', '结果', '变更前', '变更后', '说明']);
    expect(rows).toHaveLength(31);
    expect(rows[1]).toEqual([
      '2026-03-01 08:00:00',
      `王主任 (${ADMIN})`,
      '导入成员',
      '名单0.csv',
      '成功',
      '',
      '{"total":200,"created":197,"skipped":3}',
      '',
    ]);
    expect(rows[2]).toEqual([
      '2026-03-01 10:00:00',
      `王主任 (${ADMIN})`,
      '重命名部门',
      '办公室',
      '成功',
      '{"name":"办公室"}',
      '{"name":"综合办公室1"}',
      '',
    ]);
    expect(rows[3]).toEqual([
      '2026-03-01 12:00:00',
      `李明 (${MEMBER})`,
      '使用命令 /admin add',
      '',
      '已拒绝',
      '',
      '',
      '无权限',
    ]);
    expect(rows[4]).toEqual([
      '2026-03-01 14:00:00',
      'ou_audit_ghost',
      '添加节假日调整',
      '2026-12-31',
      '成功',
      '',
      '休',
      '',
    ]);
    expect(rows[30]![0]).toBe('2026-03-03 18:00:00');
  });

  it('/audit export 2026-03-02 starts at midnight of that day in Shanghai; the export itself is audited', async () => {
    const replies = await ask(ADMIN, '审计 导出 2026年3月2日');
    const rows = parse(h.emulator.uploadedFile(replies[1]!)!.bytes, { bom: true }) as string[][];
    // Entries 8…29 (03-02 00:00 onwards) and the first export's own entry.
    expect(rows).toHaveLength(1 + 22 + 1);
    expect(rows[1]![0]).toBe('2026-03-02 00:00:00');
    expect(rows.at(-1)!.slice(1, 4)).toEqual([`王主任 (${ADMIN})`, '导出审计日志', '']);
  });

  it('answers a bad count or date with the usage, and refuses members and group chats', async () => {
    for (const bad of ['/audit 0', '/audit 101', '/audit abc']) {
      const [reply] = await ask(ADMIN, bad);
      expect(h.emulator.textOf(reply!)).toContain('用法：/audit [条数]');
    }
    const [badDate] = await ask(ADMIN, '/audit export 2026-02-30');
    expect(h.emulator.textOf(badDate!)).toContain('起始日期格式不对');
    const [refused] = await ask(MEMBER, '/audit');
    expect(h.emulator.textOf(refused!)).toContain('仅限管理员使用');
    const before = h.emulator.messagesTo({ chatId: GROUP }).length;
    await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: '/audit 5',
      mentionBot: true,
    });
    await h.settle();
    const [inGroup] = h.emulator.messagesTo({ chatId: GROUP }).slice(before);
    expect(h.emulator.textOf(inGroup!)).toContain('请在与我的单聊中使用');
  });
});
