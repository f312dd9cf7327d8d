import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectory, type Directory } from '../../src/domain/people.js';
import { createLarkClient } from '../../src/lark/client.js';
import { createSilentLogger } from '../../src/logger.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { ChatModel } from '../../src/models/chat.js';
import { DepartmentModel } from '../../src/models/department.js';
import { PersonModel } from '../../src/models/person.js';
import { ManualClock } from '../../src/time/clock.js';
import { type Emulator, startEmulator, validateCard } from '../emulator/index.js';
import { type Harness, startHarness, TEST_APP } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_org_boot_wang'; // BOT_ADMINS
const LI = 'ou_org_li'; // becomes leader of 办公室
const ZHAO = 'ou_org_zhao'; // becomes leader of 财务处
const ZHANG = 'ou_org_zhang'; // plain member
const SUN = 'ou_org_sun'; // becomes supervisor
const CHEN = 'ou_org_chen'; // assigned to 文秘科 by LI
const ZHOU = 'ou_org_zhou'; // made admin by BOOT
const OFFICE_GROUP = 'oc_org_office';
const OFFICE_GROUP_2 = 'oc_org_office_two';
const FINANCE_GROUP = 'oc_org_finance';

const PEOPLE: Array<[string, string]> = [
  [BOOT, '王主任'],
  [LI, '李明'],
  [ZHAO, '赵强'],
  [ZHANG, '张华'],
  [SUN, '孙丽'],
  [CHEN, '陈静'],
  [ZHOU, '周敏'],
];

/** Sends a command (p2p unless `chatId`), waits, and returns the bot's replies as text. */
async function say(
  h: Harness,
  sender: string,
  text: string,
  opts: { chatId?: string; mentions?: string[] } = {},
): Promise<string> {
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
  for (const r of replies) if (r.msgType === 'interactive') expect(validateCard(r.content)).toEqual([]);
  return replies.map((m) => h.emulator.textOf(m)).join('\n');
}

async function deptId(name: string): Promise<string> {
  const doc = await DepartmentModel.findOne({ name }).lean();
  if (!doc) throw new Error(`no department ${name}`);
  return doc._id;
}

async function refusals(actor: string, action: string) {
  return AuditEntryModel.find({ actor, action, outcome: 'refused' }).lean();
}

function contactCalls(h: Harness, openId: string): number {
  return h.emulator.calls.filter(
    (c) => c.operation === 'contact.user.get' && c.path.endsWith(`/${openId}`) && c.status === 200,
  ).length;
}

describe('organisation: admins, departments, roles and scope, end to end', () => {
  useTestDb();
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT] });
    for (const [openId, name] of PEOPLE) h.emulator.addUser({ openId, name });
    h.emulator.addChat({ chatId: OFFICE_GROUP, name: '办公室工作群', members: PEOPLE.map(([id]) => id) });
    h.emulator.addChat({ chatId: OFFICE_GROUP_2, name: '办公室值班群', members: [BOOT, LI] });
    h.emulator.addChat({ chatId: FINANCE_GROUP, name: '财务处工作群', members: [BOOT, ZHAO] });
    for (const chatId of [OFFICE_GROUP, OFFICE_GROUP_2, FINANCE_GROUP]) {
      await h.emulator.botAddedToChat({ chatId, operator: BOOT });
    }
    await h.settle();
  });
  afterAll(async () => h?.stop());

  it("refuses a non-admin's /admin add politely, audits it, and changes nothing", async () => {
    const text = await say(h, ZHANG, '/admin add @周敏', { mentions: [ZHOU] });
    expect(text).toContain('抱歉');
    expect(text).toContain('仅限管理员');
    const entries = await refusals(ZHANG, 'command:/admin add');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail).toBe('role');
    const zhou = await PersonModel.findOne({ openId: ZHOU }).lean();
    expect(zhou?.roles ?? []).not.toContain('admin');
  });

  it('an admin adds an admin; a BOT_ADMINS admin cannot be removed by command', async () => {
    expect(await say(h, BOOT, '管理员 添加 @周敏', { mentions: [ZHOU] })).toContain('已将 周敏 设为管理员');
    expect((await PersonModel.findOne({ openId: ZHOU }).lean())?.roles).toContain('admin');
    const added = await AuditEntryModel.findOne({ action: 'admin.add', outcome: 'ok', target: ZHOU }).lean();
    expect(added?.after).toMatchObject({ roles: ['admin'] });

    expect(await say(h, BOOT, '/admin add @周敏', { mentions: [ZHOU] })).toContain('已经是管理员');

    const refused = await say(h, ZHOU, '/admin remove @王主任', { mentions: [BOOT] });
    expect(refused).toContain('BOT_ADMINS');
    expect((await refusals(ZHOU, 'admin.remove'))[0]?.detail).toBe('bootstrap_admin');

    const list = await say(h, ZHANG, '/admin list');
    expect(list).toContain('管理员（2 位）');
    expect(list).toContain('王主任（系统配置');
    expect(list).toContain('周敏');
  });

  it('builds a three-level tree by command and shows it with /dept tree', async () => {
    expect(await say(h, BOOT, '/dept add 机关')).toContain('已添加顶级部门“机关”');
    expect(await say(h, BOOT, '/dept add 办公室 机关')).toContain('已添加部门“办公室”，上级部门：机关');
    expect(await say(h, BOOT, '部门 添加 文秘科 办公室')).toContain('上级部门：机关 / 办公室');
    expect(await say(h, BOOT, '/dept add 财务处 机关')).toContain('已添加部门“财务处”');

    const office = await deptId('办公室');
    const top = await deptId('机关');
    expect((await DepartmentModel.findById(await deptId('文秘科')).lean())?.ancestors).toEqual([top, office]);
    expect(await deptId('文秘科')).toMatch(/^d_[0-9a-f]+$/);

    const tree = await say(h, BOOT, '/dept tree');
    expect(tree).toContain('【组织架构】');
    const lines = tree.split('\n');
    const at = (name: string) => lines.findIndex((l) => l.includes(`${name}（`));
    expect(lines[at('机关')]).toMatch(/^机关（0 人）/);
    expect(lines[at('办公室')]).toMatch(/^├ 办公室/);
    expect(lines[at('文秘科')]).toMatch(/^│ └ 文秘科/);
    expect(lines[at('财务处')]).toMatch(/^└ 财务处/);
    expect(at('机关')).toBeLessThan(at('办公室'));
    expect(at('办公室')).toBeLessThan(at('文秘科'));
    expect(at('文秘科')).toBeLessThan(at('财务处'));

    const list = await say(h, BOOT, '/dept list');
    expect(list).toContain('部门列表（4 个）');
    expect(list).toContain('机关 / 办公室 / 文秘科');

    expect(await say(h, BOOT, '/dept add 办公室')).toContain('已有名为“办公室”的部门');
    expect(await say(h, BOOT, '/dept add 档案室 不存在处')).toContain('没有找到上级部门“不存在处”');
    expect(await DepartmentModel.countDocuments()).toBe(4);
  });

  it('renames, moves and removes departments by the rules', async () => {
    await say(h, BOOT, '/dept add 临时组 文秘科');
    expect(await say(h, BOOT, '/dept rename 临时组 专班')).toContain('已将部门“临时组”改名为“专班”');
    const renamed = await AuditEntryModel.findOne({ action: 'dept.rename', outcome: 'ok' }).lean();
    expect(renamed?.before).toEqual({ name: '临时组' });
    expect(renamed?.after).toEqual({ name: '专班' });

    expect(await say(h, BOOT, '/dept rename 专班 财务处')).toContain('已有名为“财务处”的部门');
    expect(await say(h, BOOT, '/dept rename 不存在 新名')).toContain('/dept list');

    const notEmpty = await say(h, BOOT, '/dept remove 办公室');
    expect(notEmpty).toContain('部门“办公室”下还有 1 个下级部门');
    expect((await refusals(BOOT, 'dept.remove'))[0]?.detail).toBe('not_empty');

    expect(await say(h, BOOT, '/dept move 机关 文秘科')).toContain('上级部门不能是它自己或它的下级部门');
    expect(await say(h, BOOT, '/dept move 专班 财务处')).toContain('已将“专班”移到“财务处”下');
    const special = await DepartmentModel.findById(await deptId('专班')).lean();
    expect(special?.ancestors).toEqual([await deptId('机关'), await deptId('财务处')]);

    expect(await say(h, BOOT, '/dept remove 专班')).toContain('已删除部门“专班”');
    expect(await DepartmentModel.findOne({ name: '专班' }).lean()).toBeNull();
  });

  it('assigns leaders, a supervisor and members; a leader acts only within their departments', async () => {
    expect(await say(h, BOOT, '/role leader @李明 办公室', { mentions: [LI] })).toContain(
      '已将 李明 设为“办公室”的负责领导',
    );
    expect(await say(h, BOOT, '角色 领导 @赵强 财务处', { mentions: [ZHAO] })).toContain(
      '“财务处”的负责领导',
    );
    expect(await say(h, BOOT, '/role supervisor @孙丽', { mentions: [SUN] })).toContain(
      '已将 孙丽 设为特邀监督员',
    );
    const li = await PersonModel.findOne({ openId: LI }).lean();
    expect(li?.leads).toEqual([await deptId('办公室')]);
    expect(li?.deptId).toBe(await deptId('办公室'));

    // The 办公室 leader assigns within 办公室's sub-department …
    expect(await say(h, LI, '/role member @陈静 文秘科', { mentions: [CHEN] })).toContain(
      '已将 陈静 设为“文秘科”的成员',
    );
    expect((await PersonModel.findOne({ openId: CHEN }).lean())?.deptId).toBe(await deptId('文秘科'));
    const assigned = await AuditEntryModel.findOne({
      actor: LI,
      action: 'role.member',
      outcome: 'ok',
    }).lean();
    expect(assigned?.before).toMatchObject({ department: null });
    expect(assigned?.after).toMatchObject({ department: '文秘科' });

    // … but cannot touch 财务处.
    const zhangBefore = await PersonModel.findOne({ openId: ZHANG }).lean();
    expect(await say(h, LI, '/role member @张华 财务处', { mentions: [ZHANG] })).toContain(
      '“财务处”不是您分管的部门',
    );
    expect((await refusals(LI, 'role.member'))[0]?.detail).toBe('scope_member');
    expect((await PersonModel.findOne({ openId: ZHANG }).lean())?.deptId ?? null).toBe(
      zhangBefore?.deptId ?? null,
    );
    expect(await say(h, LI, '/dept add 档案室 财务处')).toContain('只能在自己分管的部门下');
    expect(await say(h, LI, '/dept rename 财务处 计财处')).toContain('“财务处”不在您分管的部门之下');
    expect((await refusals(LI, 'dept.rename'))[0]?.detail).toBe('scope_dept');
    expect(await DepartmentModel.findOne({ name: '计财处' }).lean()).toBeNull();

    // The 财务处 leader cannot take someone out of 办公室's sub-department.
    expect(await say(h, ZHAO, '/role member @陈静 财务处', { mentions: [CHEN] })).toContain(
      '不在您分管的范围内',
    );
    expect((await PersonModel.findOne({ openId: CHEN }).lean())?.deptId).toBe(await deptId('文秘科'));

    // A leader may not appoint leaders (a role refusal, audited by the command runner).
    expect(await say(h, LI, '/role leader @张华 文秘科', { mentions: [ZHANG] })).toContain('仅限管理员');
    expect(await refusals(LI, 'command:/role leader')).toHaveLength(1);

    // A leader may add and remove below their own department.
    expect(await say(h, LI, '/dept add 档案室 办公室')).toContain('已添加部门“档案室”');
    expect(await say(h, LI, '/dept remove 档案室')).toContain('已删除部门“档案室”');
  });

  it('/help explains the organisation commands; a wrong form gets the usage', async () => {
    const dept = await say(h, ZHANG, '/help dept');
    expect(dept).toContain('命令说明：/dept');
    expect(dept).toContain('中文别名：部门 添加');
    expect(dept).toContain('例如：/dept add 文秘科 办公室');
    expect(dept).toContain('可使用：管理员、分管领导');
    const role = await say(h, ZHANG, '/help 角色');
    expect(role).toContain('例如：/role leader @张三 办公室');
    expect(await say(h, BOOT, '/role boss @张华', { mentions: [ZHANG] })).toContain(
      '/role member @同事 [部门]',
    );
    expect(await say(h, BOOT, '/admin add')).toContain('例如：/admin add @张三');
    expect(await say(h, BOOT, '/dept rename 办公室')).toContain('/dept rename <旧名> <新名>');
  });

  it('a supervisor may look but not change configuration', async () => {
    expect(await say(h, SUN, '/dept add 纪检组')).toContain('仅限管理员、分管领导使用');
    expect(await refusals(SUN, 'command:/dept add')).toHaveLength(1);
    expect(await say(h, SUN, '/chat bind 办公室', { chatId: OFFICE_GROUP })).toContain('仅限管理员');
    expect(await say(h, SUN, '/admin add @张华', { mentions: [ZHANG] })).toContain('仅限管理员');
    expect(await say(h, SUN, '/dept members 办公室')).toContain('负责领导：李明');
    expect(await DepartmentModel.findOne({ name: '纪检组' }).lean()).toBeNull();
  });

  it('the role form card applies the same checks to whoever presses it', async () => {
    await say(h, BOOT, '/role', { chatId: OFFICE_GROUP });
    const form = h.emulator.latestCard({ chatId: OFFICE_GROUP })!;
    expect(validateCard(form.content)).toEqual([]);
    expect(h.emulator.textOf(form)).toContain('设置人员角色');
    const finance = await deptId('财务处');
    const formValue = { role_person: ZHANG, role_kind: 'member', role_dept: finance };

    const byMember = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ZHANG,
      text: '确认设置',
      formValue,
    });
    expect(byMember.toast?.type).toBe('error');
    expect(byMember.toast?.content).toContain('仅限管理员');

    const byLeader = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: LI,
      text: '确认设置',
      formValue,
    });
    expect(byLeader.toast?.type).toBe('error');
    expect(byLeader.toast?.content).toContain('“财务处”不是您分管的部门');
    expect((await refusals(LI, 'role.member')).length).toBe(2);
    expect((await PersonModel.findOne({ openId: ZHANG }).lean())?.deptId ?? null).toBeNull();

    const byAdmin = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: BOOT,
      text: '确认设置',
      formValue,
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.clientError).toBeUndefined();
    expect(byAdmin.toast?.type).toBe('success');
    expect(byAdmin.toast?.content).toContain('已将 张华 设为“财务处”的成员');
    expect(h.emulator.textOf(h.emulator.message(form.messageId)!)).toContain('操作人');
    expect((await PersonModel.findOne({ openId: ZHANG }).lean())?.deptId).toBe(finance);
  });

  it('binds chats to existing departments by admin or the department leader only', async () => {
    expect(await say(h, BOOT, '/chat bind 办公室', { chatId: OFFICE_GROUP })).toContain(
      '已将本群绑定到“办公室”',
    );
    expect((await ChatModel.findOne({ chatId: OFFICE_GROUP }).lean())?.deptId).toBe(await deptId('办公室'));

    expect(await say(h, LI, '/chat bind 办公室', { chatId: OFFICE_GROUP_2 })).toContain(
      '已将本群绑定到“办公室”',
    );

    expect(await say(h, ZHAO, '/chat bind 办公室', { chatId: FINANCE_GROUP })).toContain(
      '“办公室”不是您分管的部门',
    );
    expect((await refusals(ZHAO, 'chat.bind'))[0]?.detail).toBe('scope_chat');
    expect((await ChatModel.findOne({ chatId: FINANCE_GROUP }).lean())?.deptId ?? null).toBeNull();

    const unknown = await say(h, BOOT, '/chat bind 宣传处', { chatId: FINANCE_GROUP });
    expect(unknown).toContain('没有找到部门“宣传处”');
    expect(unknown).toContain('/dept list');

    // The 财务处 leader binds their own group through the form, which offers only 财务处.
    await say(h, ZHAO, '/chat bind', { chatId: FINANCE_GROUP });
    const form = h.emulator.latestCard({ chatId: FINANCE_GROUP })!;
    expect(h.emulator.textOf(form)).toContain('机关 / 财务处');
    expect(h.emulator.textOf(form)).not.toContain('办公室');
    const officeByForm = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ZHAO,
      text: '确认绑定',
      formValue: { department: await deptId('办公室') },
    });
    expect(officeByForm.toast?.type).toBe('error');
    const done = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ZHAO,
      text: '确认绑定',
      formValue: { department: await deptId('财务处') },
    });
    expect(done.toast?.content).toContain('已将本群绑定到“财务处”');

    const list = await say(h, SUN, '/chat list');
    expect(list).toContain('办公室工作群 → 办公室');
    expect(list).toContain('财务处工作群 → 财务处');
    expect(await say(h, BOOT, '/dept remove 财务处')).toContain('1 个绑定群聊');
  });

  it('/whoami shows the department path and roles; contact data is fetched once', async () => {
    const chen = await say(h, CHEN, '/whoami');
    expect(chen).toContain('姓名：陈静');
    expect(chen).toContain('部门：机关 / 办公室 / 文秘科');
    expect(chen).toContain('身份：成员');
    expect(chen).toContain('语言：简体中文（跟随机构设置）');

    const li = await say(h, LI, '我是谁');
    expect(li).toContain('部门：机关 / 办公室');
    expect(li).toContain('分管领导');
    expect(li).toContain('分管部门：办公室');

    const boot = await say(h, BOOT, '/whoami');
    expect(boot).toContain('管理员');

    // 陈静 was looked up when LI assigned her; repeated commands within a day ask no more.
    await say(h, CHEN, '/whoami');
    expect(contactCalls(h, CHEN)).toBe(1);
  });
});

describe('contact cache refresh after a day (directory over the emulated contact API)', () => {
  useTestDb();
  const clock = new ManualClock(Date.now());
  const QIAN = 'ou_org_cache_qian';
  const GHOST = 'ou_org_cache_ghost';
  let emulator: Emulator;
  let directory: Directory;

  beforeAll(async () => {
    // The webhook checks request timestamps against the bot's clock, so the day-long jump is
    // tested on the directory itself, against the same emulator the e2e tests use.
    emulator = await startEmulator({ ...TEST_APP });
    emulator.addUser({ openId: QIAN, name: '钱七' });
    const log = createSilentLogger();
    const client = createLarkClient({ ...TEST_APP, domain: emulator.baseUrl }, { log });
    directory = createDirectory({ client, clock, log, bootstrapAdmins: [] });
  });
  afterAll(async () => emulator?.close());

  const calls = (openId: string) =>
    emulator.calls.filter((c) => c.operation === 'contact.user.get' && c.path.endsWith(`/${openId}`)).length;

  it('reads the contact API once per 24 hours and keeps the name when it fails', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await directory.ensurePerson(QIAN)).name).toBe('钱七');
      clock.advance(60_000);
    }
    expect(calls(QIAN)).toBe(1);

    emulator.world.users.get(QIAN)!.name = '钱七七';
    clock.advance(23 * 60 * 60 * 1000);
    expect(await directory.displayName(QIAN)).toBe('钱七');
    expect(calls(QIAN)).toBe(1);

    clock.advance(2 * 60 * 60 * 1000);
    expect(await directory.displayName(QIAN)).toBe('钱七七');
    expect(calls(QIAN)).toBe(2);
    expect((await PersonModel.findOne({ openId: QIAN }).lean())?.contactFetchedAt).toEqual(clock.now());

    // Unknown to the contact API: the mention name is kept, and the API is not asked again at once.
    expect((await directory.ensurePerson(GHOST, { name: '访客' })).name).toBe('访客');
    expect((await directory.ensurePerson(GHOST, { name: '访客' })).name).toBe('访客');
    expect(calls(GHOST)).toBe(1);
    expect(await directory.displayName('ou_org_nobody')).toBe('ou_org_nobody');
  });
});

describe('the last admin', () => {
  useTestDb();
  const SOLO = 'ou_org_solo';
  const HELPER = 'ou_org_helper';
  let h: Harness;

  beforeAll(async () => {
    // The first admin (BOT_ADMINS) appoints SOLO; later BOT_ADMINS is emptied and the bot restarted.
    const first = await startHarness({ admins: [BOOT] });
    first.emulator.addUser({ openId: BOOT, name: '王主任' });
    first.emulator.addUser({ openId: SOLO, name: '吴一' });
    await say(first, BOOT, '/admin add @吴一', { mentions: [SOLO] });
    await first.stop();
    h = await startHarness({ admins: [] });
    h.emulator.addUser({ openId: SOLO, name: '吴一' });
    h.emulator.addUser({ openId: HELPER, name: '郑二' });
  });
  afterAll(async () => h?.stop());

  it('cannot remove themselves, until another admin exists', async () => {
    const text = await say(h, SOLO, '/admin remove @吴一', { mentions: [SOLO] });
    expect(text).toContain('不能移除最后一位管理员');
    expect((await refusals(SOLO, 'admin.remove'))[0]?.detail).toBe('last_admin');
    expect((await PersonModel.findOne({ openId: SOLO }).lean())?.roles).toContain('admin');

    await say(h, SOLO, '/admin add @郑二', { mentions: [HELPER] });
    expect(await say(h, SOLO, '/admin remove @吴一', { mentions: [SOLO] })).toContain(
      '已取消 吴一 的管理员身份',
    );
    expect(await say(h, HELPER, '/admin remove @郑二', { mentions: [HELPER] })).toContain(
      '不能移除最后一位管理员',
    );
  });
});
