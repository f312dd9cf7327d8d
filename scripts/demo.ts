/**
 * `npm run demo`: starts the local database, the Open Platform emulator and the bot, plays a
 * scripted scenario through real signed and encrypted events, prints what each person sees
 * (cards rendered as text) and exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../src/db.js';
import { ensureStarterLibrary, starterId } from '../src/domain/content-starter.js';
import { createSilentLogger } from '../src/logger.js';
import { ContentItemModel } from '../src/models/content-item.js';
import { DepartmentModel } from '../src/models/department.js';
import { startHarness } from '../tests/support/harness.js';
import { type LocalDb, startLocalDb } from './local-db.js';

const ADMIN = 'ou_demo_admin_wang';
const LI = 'ou_demo_member_li';
const ZHANG = 'ou_demo_member_zhang';
const ZHAO = 'ou_demo_supervisor_zhao';
const SUN = 'ou_demo_member_sun';
const GROUP = 'oc_demo_office_group';

const out = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  let db: LocalDb | undefined;
  let dataDir: string | undefined;
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    out('▶ 启动本地数据库（FerretDB + 内嵌 PostgreSQL）…');
    dataDir = mkdtempSync(join(tmpdir(), 'qinglian-demo-'));
    db = await startLocalDb({ dir: dataDir, backend: 'embedded', durable: false, logLevel: 'none' });
    uri = db.uri;
  }
  const dbUrl = new URL(uri);
  dbUrl.pathname = `/qinglian_demo_${Date.now()}`;
  const log = createSilentLogger();
  await connectDatabase(dbUrl.toString(), log);

  out('▶ 启动飞书开放平台模拟器与机器人…');
  const h = await startHarness({ admins: [ADMIN], log });
  const emu = h.emulator;
  emu.addUser({ openId: ADMIN, name: '王主任' });
  emu.addUser({ openId: LI, name: '李明' });
  emu.addUser({ openId: ZHANG, name: '张华' });
  emu.addUser({ openId: ZHAO, name: '赵敏', mobile: '+8613800000001' });
  emu.addUser({ openId: SUN, name: '孙磊', email: 'sunlei@example.gov.cn' });
  emu.addChat({ chatId: GROUP, name: '办公室工作群', members: [ADMIN, LI, ZHANG] });

  const step = async (title: string, act: () => Promise<unknown>) => {
    out();
    out(`━━ ${title} ━━`);
    // Messages of the previous step are all older than this instant.
    await new Promise((r) => setTimeout(r, 3));
    const since = Date.now();
    await act();
    await h.settle();
    const text = emu.transcript({ since, locale: 'zh_cn' }).trim();
    out(text || '（无消息）');
  };

  await step('1. 管理员把机器人拉进“办公室工作群”', () =>
    emu.botAddedToChat({ chatId: GROUP, name: '办公室工作群', members: [ADMIN, LI, ZHANG], operator: ADMIN }),
  );
  await step('2. 管理员王主任建立部门（机关 → 办公室 → 综合科），并在群里绑定办公室', async () => {
    for (const text of ['/dept add 机关', '/dept add 办公室 机关', '/dept add 综合科 办公室']) {
      await emu.sendText({ chatType: 'p2p', sender: ADMIN, text });
      await h.settle();
    }
    await emu.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: '/chat bind 办公室',
      mentionBot: true,
    });
  });
  await step('3. 成员李明询问帮助', () =>
    emu.sendText({ chatId: GROUP, chatType: 'group', sender: LI, text: '/help', mentionBot: true }),
  );
  await step('4. 成员张华尝试管理员命令（应被婉拒）', () =>
    emu.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ZHANG,
      text: '/chat bind 财务科',
      mentionBot: true,
    }),
  );
  await step('5. 张华输错命令（给出最接近的命令）', () =>
    emu.sendText({ chatId: GROUP, chatType: 'group', sender: ZHANG, text: '/hlep', mentionBot: true }),
  );
  await step('6. 同一事件被飞书重复推送三次（只回复一次）', async () => {
    const first = await emu.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: LI,
      text: '帮助',
      mentionBot: true,
    });
    await emu.redeliver(first.eventId);
    await emu.redeliver(first.eventId);
  });
  await step('7. 王主任用表单卡片改绑部门；张华点按钮被拒', async () => {
    await emu.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: '/chat bind',
      mentionBot: true,
    });
    await h.settle();
    const form = emu.latestCard({ chatId: GROUP })!;
    const refused = await emu.clickButton({
      messageId: form.messageId,
      operator: ZHANG,
      text: '确认绑定',
      formValue: {},
    });
    out(`    （张华点击“确认绑定”，看到提示：${refused.toast?.content ?? '无'}）`);
    const section = await DepartmentModel.findOne({ name: '综合科' }).lean();
    const done = await emu.clickButton({
      messageId: form.messageId,
      operator: ADMIN,
      text: '确认绑定',
      formValue: { department: section?._id },
    });
    out(`    （王主任点击“确认绑定”，看到提示：${done.toast?.content ?? '无'}）`);
  });
  await step('8. 王主任私聊查看已绑定的群', () =>
    emu.sendText({ chatType: 'p2p', sender: ADMIN, text: '/chat list' }),
  );
  await step(
    '9. 王主任任命李明为办公室负责领导；李明把张华分到综合科，再查看组织架构和“我是谁”',
    async () => {
      await emu.sendText({
        chatType: 'p2p',
        sender: ADMIN,
        text: '/role leader @李明 办公室',
        mentions: [LI],
      });
      await h.settle();
      await emu.sendText({
        chatType: 'p2p',
        sender: LI,
        text: '/role member @张华 综合科',
        mentions: [ZHANG],
      });
      await h.settle();
      await emu.sendText({ chatType: 'p2p', sender: LI, text: '/dept tree' });
      await h.settle();
      await emu.sendText({ chatType: 'p2p', sender: LI, text: '/whoami' });
    },
  );

  await step('10. 王主任导入成员名单（CSV，含 1 行错误：部门不存在）', async () => {
    await emu.sendText({ chatType: 'p2p', sender: ADMIN, text: '/import members' });
    await h.settle();
    const csv = [
      '姓名,open_id,手机号,邮箱,部门,角色',
      '赵敏,,13800000001,,机关,监督员',
      '孙磊,,,sunlei@example.gov.cn,综合科,成员',
      '钱进,ou_demo_unknown_qian,,,宣传部,成员',
    ].join('\n');
    await emu.sendFile({
      chatType: 'p2p',
      sender: ADMIN,
      fileName: '成员名单.csv',
      bytes: Buffer.from(`\uFEFF${csv}`, 'utf8'),
    });
  });
  await step('11. 王主任设置年末休息日和免打扰时段；监督员赵敏尝试改配置（被婉拒）', async () => {
    await emu.sendText({ chatType: 'p2p', sender: ADMIN, text: '/holiday add 2026-12-31 休 年末调休' });
    await h.settle();
    await emu.sendText({ chatType: 'p2p', sender: ADMIN, text: '/config set quiet-hours 21:30-07:30' });
    await h.settle();
    await emu.sendText({ chatType: 'p2p', sender: ZHAO, text: '/config set locale English' });
  });
  await step('12. 王主任查看最近 6 条审计记录', () =>
    emu.sendText({ chatType: 'p2p', sender: ADMIN, text: '/audit 6' }),
  );
  await step('13. 王主任在群里布置整改任务；张华确认、提交销号；王主任审核通过（卡片原地更新）', async () => {
    await emu.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: '/task add 廉政风险点排查 @张华 截止 2026-12-18 18:00 类别 整改任务',
      mentionBot: true,
      mentions: [ZHANG],
    });
    await h.settle();
    const card = emu.latestCard({ chatId: GROUP })!;
    const press = async (who: string, name: string, text: string, formValue?: Record<string, unknown>) => {
      const r = await emu.clickButton({ messageId: card.messageId, operator: who, text, formValue });
      await h.settle();
      out(`    （${name}点击“${text}”，看到提示：${r.toast?.content ?? '无'}）`);
    };
    await press(LI, '李明', '确认收到');
    await press(ZHANG, '张华', '确认收到');
    await press(ZHANG, '张华', '提交销号', { task_note: '已完成岗位廉政风险点排查，形成清单 12 条' });
    await press(ADMIN, '王主任', '通过', {});
  });
  await step('14. 王主任发起《清廉履职承诺书》，群成员在单聊中阅读并签署；输错姓名被婉拒', async () => {
    await emu.sendText({ chatType: 'p2p', sender: ADMIN, text: '/pledge new' });
    await h.settle();
    const form = emu.latestCard({ openId: ADMIN })!;
    await emu.clickButton({
      messageId: form.messageId,
      operator: ADMIN,
      text: '发起签署',
      formValue: {
        pledge_title: '2026 年度清廉履职承诺书',
        pledge_kind: 'pledge',
        pledge_text: '本人郑重承诺：严守纪律规矩，不收受礼品礼金，不以权谋私，自觉接受监督。',
        pledge_chats: [GROUP],
        pledge_deadline: '2026-12-31 18:00 +0800',
      },
    });
    await h.settle();
    const sign = async (who: string, typed: string, open = true) => {
      const card = emu.latestCard({ openId: who })!;
      if (open) await emu.clickButton({ messageId: card.messageId, operator: who, text: '阅读并签署' });
      await h.settle();
      const r = await emu.clickButton({
        messageId: card.messageId,
        operator: who,
        text: '确认签署',
        formValue: { pledge_name: typed },
      });
      await h.settle();
      out(`    （${typed}：${r.toast?.content ?? '无提示'}）`);
    };
    await sign(ZHANG, '张三');
    await sign(ZHANG, '张华', false);
    await sign(LI, '李明');
  });
  await step('15. 王主任向本群推送一条清廉学习内容；李明点“已学习”并答题', async () => {
    await ensureStarterLibrary(new Date()); // the starter library is also added on first use
    const item = await ContentItemModel.findById(starterId(0)).lean(); // 杨震“四知”, with a quiz
    await emu.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: `/broadcast ${item?._id ?? ''} 本群`,
      mentionBot: true,
    });
    await h.settle();
    const card = emu.latestCard({ chatId: GROUP })!;
    const r = await emu.clickButton({ messageId: card.messageId, operator: LI, text: '已学习' });
    await h.settle();
    out(`    （李明点击“已学习”：${r.toast?.content ?? '无提示'}）`);
    const quiz = item?.quiz as { options: string[]; answer: number };
    const choice = `${'ABCD'[quiz.answer]}. ${quiz.options[quiz.answer]}`;
    const answer = await emu.clickButton({ messageId: card.messageId, operator: LI, text: choice });
    await h.settle();
    out(`    （李明答题选“${choice}”：${answer.toast?.content ?? '无提示'}）`);
  });
  await step('16. 机器人被移出工作群后，不再向该群发送任何消息', async () => {
    await emu.botRemovedFromChat({ chatId: GROUP, operator: ADMIN });
    await h.settle();
    const before = emu.calls.length;
    await h.bot.services.messenger.sendText(
      'demo:reminder-after-removal',
      { chatId: GROUP },
      '（一条定时提醒）',
    );
    await h.settle();
    const toGroup = emu.calls
      .slice(before)
      .filter((c) => JSON.stringify(c.body ?? '').includes(GROUP)).length;
    out(`    （一条发往该群的定时提醒被拦下：模拟器收到 ${toGroup} 次发往该群的调用）`);
  });

  const violations = emu.rateLimitViolations.length;
  out();
  out(`✔ 演示完成：机器人共发送 ${emu.messages.length} 条消息，频控告警 ${violations} 次。`);

  await h.stop();
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  await db?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `演示失败 / demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
