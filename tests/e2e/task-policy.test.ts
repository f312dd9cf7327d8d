import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMINDER_JOB } from '../../src/domain/task-reminders.js';
import { ReminderSettingsModel } from '../../src/domain/task-reminders-policy.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { Job } from '../../src/models/job.js';
import { TaskModel, TaskTransitionModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { formatZoned } from '../../src/time/zoned.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const SH = 'Asia/Shanghai';
const HOUR = 3_600_000;
const sh = (wall: string) => new Date(`${wall}:00+08:00`);
const at = (ms: number) => formatZoned(new Date(ms), SH, 'MM-DD HH:mm');

const BOOT = 'ou_pol_boot'; // BOT_ADMINS
const LI = 'ou_pol_li'; // leader of 办公室
const ZHANG = 'ou_pol_zhang'; // member of 办公室
const CHEN = 'ou_pol_chen'; // member of 办公室
const GROUP = 'oc_pol_office';
const TITLE_A = '报送廉政风险点材料';
const TITLE_B = '整改报告复核';

/**
 * December 2026 has no holiday: Tue 12-01 … Fri 12-11. Task A (张华) is due Thu 12-10 18:00,
 * task B (陈静) Fri 12-11 18:00; both follow the built-in default at first.
 */
describe('/task policy: agency default and per-task reminder policies, end to end', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock(sh('2026-12-01T10:00'));
  let a = '';
  let b = '';

  const flush = () => drainOnManualClock(h, clock);

  /** Sends a command (p2p unless `chatId`) and returns the bot's replies as text. */
  async function say(sender: string, text: string, opts: { chatId?: string; mentions?: string[] } = {}) {
    const sent = await h.emulator.sendText({
      chatType: opts.chatId ? 'group' : 'p2p',
      chatId: opts.chatId,
      sender,
      text,
      mentionBot: Boolean(opts.chatId),
      mentions: opts.mentions,
    });
    expect(sent.status).toBe(200);
    await flush();
    return h.emulator.messages
      .filter((m) => m.parentId === sent.messageId)
      .map((m) => h.emulator.textOf(m))
      .join('\n');
  }

  /** The bot's p2p messages (not replies to commands) to `openId` about `title`, as 'MM-DD HH:mm'. */
  const p2pTimes = (openId: string, title: string) =>
    h.emulator
      .messagesTo({ openId })
      .filter((m) => m.msgType === 'text' && !m.parentId && h.emulator.textOf(m).includes(title))
      .map((m) => at(m.createTime));

  /** Everything a policy change may touch: pending reminder jobs, the default, the tasks' own policies. */
  async function snapshot() {
    const jobs = await Job.find({ name: REMINDER_JOB, state: 'pending' }).lean();
    const tasks = await TaskModel.find({}).sort({ _id: 1 }).lean();
    return {
      jobs: jobs.map((j) => `${j.key} ${j.runAt.toISOString()}`).sort(),
      default: (await ReminderSettingsModel.findById('tenant').lean())?.policy ?? null,
      own: tasks.map((t) => [t._id, t.reminderPolicy ?? null, t.version]),
    };
  }

  const pendingPoints = async (taskId: string) =>
    (await Job.find({ name: REMINDER_JOB, 'payload.taskId': taskId, state: 'pending' }).lean())
      .map((j) => `${at(j.runAt.getTime())} ${(j.payload as { point: string }).point}`)
      .sort();

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [LI, '李明'],
      [ZHANG, '张华'],
      [CHEN, '陈静'],
    ] as const) {
      h.emulator.addUser({ openId, name });
    }
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: [BOOT, LI, ZHANG, CHEN] });
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: BOOT });
    await flush();
    await say(BOOT, '/dept add 办公室');
    await say(BOOT, '/role leader @李明 办公室', { mentions: [LI] });
    await say(BOOT, '/role member @张华 办公室', { mentions: [ZHANG] });
    await say(BOOT, '/role member @陈静 办公室', { mentions: [CHEN] });
    expect(await say(BOOT, '/chat bind 办公室', { chatId: GROUP })).toContain('办公室');
    expect(
      await say(BOOT, `/task add ${TITLE_A} @张华 截止 2026-12-10 18:00`, {
        chatId: GROUP,
        mentions: [ZHANG],
      }),
    ).toContain('已布置任务');
    expect(
      await say(BOOT, `/task add ${TITLE_B} @陈静 截止 2026-12-11 18:00`, {
        chatId: GROUP,
        mentions: [CHEN],
      }),
    ).toContain('已布置任务');
    a = (await TaskModel.findOne({ title: TITLE_A }).lean())!._id;
    b = (await TaskModel.findOne({ title: TITLE_B }).lean())!._id;
    await h.bot.scheduler.tick(); // the creation notices
    await flush();
  });
  afterAll(async () => h?.stop());

  it('shows the built-in default in plain Chinese', async () => {
    const shown = await say(ZHANG, `/task policy ${a}`);
    expect(shown).toContain('单位默认提醒规则：创建时提醒；截止前第 3、1 个工作日及当天 09:00；截止时提醒');
    expect(shown).toContain(`任务 ${a}「${TITLE_A}」的提醒规则：`);
    expect(shown).toContain('（按单位默认）');
    expect(await pendingPoints(a)).toEqual([
      '12-07 09:00 wd-3',
      '12-09 09:00 wd-1',
      '12-10 09:00 wd-0',
      '12-10 18:00 deadline',
    ]);
  });

  it("a member's attempt is refused and changes nothing", async () => {
    const before = await snapshot();
    expect(await say(CHEN, '/task policy 默认 提前 1')).toContain('只有管理员可以修改单位默认提醒规则');
    expect(await say(ZHANG, `提醒规则 ${a} 提前 1 时间 15:00`)).toContain(
      '只有任务的布置人、督办领导、所在部门的分管领导或管理员',
    );
    expect(await snapshot()).toEqual(before);
    expect(
      await AuditEntryModel.countDocuments({ action: 'task.policy', outcome: 'refused', target: a }),
    ).toBe(1);
    expect(await AuditEntryModel.countDocuments({ action: 'task.policy.default', outcome: 'refused' })).toBe(
      1,
    );
  });

  it('bad input is answered in Chinese with exactly what to type; nothing changes', async () => {
    const before = await snapshot();
    const cases: Array<[string, string]> = [
      ['/task policy 默认 时间 25:00', '提醒时间“25:00”有误，请写 00:00–23:59 之间的时间，例如：时间 09:00'],
      ['/task policy 默认 提前 31', '须是 0–30 之间的整数'],
      ['/task policy 默认 提前 3,-1', '提前 3,1,0'],
      ['/task policy 默认 提前 1,2,3,4,5,6,7,8,9,10,11', '最多写 10 个（您写了 11 个）'],
      [`/task policy ${a} 提醒 开`, '看不懂“提醒”'],
      [`/task policy ${a} 创建 也许`, '“创建”后面请写“开”或“关”'],
      [`/task policy ${a} 提前`, '“提前”后面请写上取值，例如：提前 3,1,0'],
      ['/task policy TZZZZ 提前 1', '没有找到编号为 TZZZZ 的任务'],
      ['/task policy 提前 1', '请写明要设置单位默认还是某项任务'],
      ['/task policy 默认 恢复默认', '/task policy T1234 恢复默认'],
    ];
    for (const [text, expected] of cases) expect(await say(BOOT, text)).toContain(expected);
    expect(await snapshot()).toEqual(before);
  });

  it("a task's own policy wins over the default; a new default re-plans the others; 恢复默认 returns", async () => {
    // The department's leader gives B its own policy: 1 workday before at 15:00, nothing at the deadline.
    expect(await say(LI, `任务 提醒规则 ${b} 提前 1 时间 15:00 截止 关`)).toContain(
      `已将任务 ${b} 的提醒规则改为：创建时提醒；截止前第 1 个工作日 15:00；截止时不提醒`,
    );
    expect(await pendingPoints(b)).toEqual(['12-10 15:00 wd-1']);
    // The admin changes the default: 2 workdays before and the due day at 10:00 (other parts kept).
    const dueDay = () => Job.findOne({ 'payload.taskId': a, 'payload.point': 'wd-0' }).lean();
    const dueDayBefore = (await dueDay())!;
    expect(await say(BOOT, '/task policy 默认 提前 2,0 时间 10:00')).toContain(
      '已将单位默认提醒规则改为：创建时提醒；截止前第 2 个工作日及当天 10:00；截止时提醒。已按新规则重新安排 1 项',
    );
    expect(await pendingPoints(a)).toEqual(['12-08 10:00 wd-2', '12-10 10:00 wd-0', '12-10 18:00 deadline']);
    // Moved in place (one update, never deleted and re-created: a crash cannot lose it).
    const dueDayAfter = (await dueDay())!;
    expect(String(dueDayAfter._id)).toBe(String(dueDayBefore._id));
    expect(dueDayAfter.runAt.getTime() - dueDayBefore.runAt.getTime()).toBe(3_600_000);
    expect(await pendingPoints(b)).toEqual(['12-10 15:00 wd-1']); // its own policy wins
    const shownB = await say(CHEN, `/task policy ${b}`);
    expect(shownB).toContain('截止前第 1 个工作日 15:00');
    expect(shownB).toContain('（本任务单独设置）');
    expect(await say(BOOT, '/task policy 默认 提前 0,2 时间 10:00')).toContain('提醒规则没有变化');

    const hooks: Record<string, () => Promise<void>> = {
      '12-10 16:00': async () => {
        expect(await say(BOOT, `/task policy ${b} 恢复默认`)).toContain(
          `任务 ${b} 已恢复按单位默认提醒：创建时提醒；截止前第 2 个工作日及当天 10:00；截止时提醒`,
        );
        expect(await pendingPoints(b)).toEqual(['12-11 10:00 wd-0', '12-11 18:00 deadline']);
      },
    };
    // Moves the clock from one due time to the next (pending jobs, the daily 09:00 run, the hooks).
    const end = sh('2026-12-11T20:00').getTime();
    const hookTimes = Object.keys(hooks).map((k) => sh(`2026-${k.replace(' ', 'T')}`).getTime());
    for (;;) {
      const now = clock.now().getTime();
      const next = await Job.findOne({ state: 'pending', runAt: { $gt: new Date(now) } })
        .sort({ runAt: 1 })
        .lean();
      const nine = sh(`${formatZoned(new Date(now), SH, 'YYYY-MM-DD')}T09:00`).getTime();
      const stops = [next?.runAt.getTime(), nine > now ? nine : nine + 24 * HOUR, ...hookTimes];
      const t = Math.min(...stops.filter((ms): ms is number => ms !== undefined && ms > now));
      if (t > end) break;
      clock.set(t);
      await hooks[at(t)]?.();
      await h.bot.scheduler.tick();
      await flush();
    }

    // A follows the new default: the old 09:00 points (12-07, 12-09, 12-10) never fire.
    expect(p2pTimes(ZHANG, TITLE_A)).toEqual([
      '12-01 10:00', // created
      '12-08 10:00', // 2 workdays before
      '12-10 10:00', // the due day
      '12-10 18:00', // the deadline
      '12-11 09:00', // the daily overdue nudge
    ]);
    // B: its own 15:00 reminder, then (after 恢复默认) the default's due day and deadline.
    expect(p2pTimes(CHEN, TITLE_B)).toEqual(['12-01 10:00', '12-10 15:00', '12-11 10:00', '12-11 18:00']);
    const group = h.emulator
      .messagesTo({ chatId: GROUP })
      .filter((m) => m.msgType === 'text' && !m.parentId && h.emulator.textOf(m).includes(TITLE_B))
      .map((m) => at(m.createTime));
    expect(group).toEqual(['12-01 10:00', '12-10 15:00', '12-11 10:00', '12-11 18:00']);

    // History and audit like other task edits.
    const history = await TaskTransitionModel.find({ taskId: b, action: 'policy' }).sort({ _id: 1 }).lean();
    expect(history.map((t) => t.note)).toEqual([
      '提醒规则：创建时提醒；截止前第 1 个工作日 15:00；截止时不提醒',
      '提醒规则恢复单位默认',
    ]);
    expect(history.map((t) => t.actor)).toEqual([LI, BOOT]);
    expect(await say(LI, `/task show ${b}`)).toContain('修改提醒规则');
    expect(await AuditEntryModel.countDocuments({ action: 'task.policy', outcome: 'ok', target: b })).toBe(2);
    expect(await AuditEntryModel.countDocuments({ action: 'task.policy.default', outcome: 'ok' })).toBe(1);
    expect((await TaskModel.findById(b).lean())?.reminderPolicy ?? null).toBeNull();
  }, 240_000);
});
