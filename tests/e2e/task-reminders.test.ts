import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantSettings } from '../../src/domain/settings.js';
import {
  OVERDUE_JOB,
  overdueKeyBase,
  REMINDER_JOB,
  type ReminderDeps,
} from '../../src/domain/task-reminders.js';
import { DEFAULT_REMINDER_POLICY, planReminders } from '../../src/domain/task-reminders-plan.js';
import {
  applyOwnerAction,
  cancelTask,
  createTask,
  editTask,
  registerTaskListener,
  type TaskActor,
} from '../../src/domain/tasks.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { registerTaskReminderJobs } from '../../src/jobs/task-reminders.js';
import { createOutboxMessenger } from '../../src/lark/outbox-messenger.js';
import { createSilentLogger } from '../../src/logger.js';
import { Job } from '../../src/models/job.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { ManualClock } from '../../src/time/clock.js';
import { addDays } from '../../src/time/day-key.js';
import { DEFAULT_QUIET_HOURS } from '../../src/time/quiet-hours.js';
import { WorkCalendar } from '../../src/time/workdays.js';
import { formatZoned, zonedDayKey } from '../../src/time/zoned.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const SH = 'Asia/Shanghai';
const HOUR = 3_600_000;
const sh = (wall: string) => new Date(`${wall}:00+08:00`);
const at = (ms: number) => formatZoned(new Date(ms), SH, 'MM-DD HH:mm');

const BOOT = 'ou_boot_admin';
const LEADER = 'ou_leader_chen';
const ZHANG = 'ou_zhang';
const LI = 'ou_li';
const WANG = 'ou_wang';
const ZHAO = 'ou_zhao';
const GROUP = 'oc_office_group';
/** How a text message mentions someone. */
const tag = (openId: string) => `<at user_id="${openId}"></at>`;
const admin: TaskActor = { openId: BOOT, roles: ['admin', 'member'], leads: [] };

async function mustCreate(input: Parameters<typeof createTask>[0], now: Date): Promise<string> {
  const res = await createTask(input, admin, now);
  if (!res.ok) throw new Error(`createTask failed: ${JSON.stringify(res.error)}`);
  return res.task.id;
}

async function act(taskId: string, owner: string, action: 'confirm' | 'submit' | 'approve', now: Date) {
  const actor: TaskActor = action === 'approve' ? admin : { openId: owner, roles: ['member'], leads: [] };
  const res = await applyOwnerAction(taskId, owner, action, actor, { note: '已按要求完成' }, now);
  if (!res.ok) throw new Error(`${action} failed: ${JSON.stringify(res.error)}`);
}

describe('task reminders and the escalation ladder, end to end through the emulator', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock(sh('2026-09-29T10:00'));
  let t1 = '';

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [LEADER, '陈书记'],
      [ZHANG, '张伟'],
      [LI, '李娜'],
      [WANG, '王强'],
      [ZHAO, '赵敏'],
    ] as const) {
      h.emulator.addUser({ openId, name });
    }
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: [BOOT, ZHANG, LI, WANG] });
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: BOOT });
    await h.settle();
  });
  afterAll(async () => h?.stop());

  /** The bot's p2p messages to `openId` about `title` (or any), as 'MM-DD HH:mm text'. */
  const p2p = (openId: string, title?: string) =>
    h.emulator
      .messagesTo({ openId })
      .map((m) => `${at(m.createTime)} ${h.emulator.textOf(m)}`)
      .filter((s) => !title || s.includes(title));

  const flush = () => drainOnManualClock(h, clock);

  it('reminds at the right Shanghai times, skips the holiday, honours the 调休 Saturday, escalates and stops', async () => {
    t1 = await mustCreate(
      {
        title: '报送廉政风险点排查表',
        owners: [ZHANG, LI, WANG],
        deadline: sh('2026-10-12T18:00'),
        leader: LEADER,
        chatId: GROUP,
        timezone: SH,
      },
      clock.now(),
    );
    const t2 = await mustCreate(
      { title: '签订党风廉政建设责任书', owners: [WANG], deadline: sh('2026-10-13T18:00'), leader: LEADER },
      clock.now(),
    );
    const jobs = await Job.find({ name: REMINDER_JOB, 'payload.taskId': t1 }).sort({ runAt: 1 }).lean();
    expect(jobs.map((j) => `${at(j.runAt.getTime())} ${(j.payload as { point: string }).point}`)).toEqual([
      '09-29 10:00 created',
      '10-08 09:00 wd-3',
      '10-10 09:00 wd-1',
      '10-12 09:00 wd-0',
      '10-12 18:00 deadline',
    ]);

    // Zhao's task is closed before its reminders are due: they are cancelled and never sent.
    let t3 = '';
    const hooks: Record<string, () => Promise<void>> = {
      '10-08 10:00': async () => {
        t3 = await mustCreate(
          { title: '清理办公用房', owners: [ZHAO], deadline: sh('2026-10-10T18:00'), chatId: GROUP },
          clock.now(),
        );
      },
      '10-09 12:00': async () => {
        await act(t1, ZHANG, 'confirm', clock.now());
        await act(t1, ZHANG, 'submit', clock.now());
        await act(t1, ZHANG, 'approve', clock.now());
        await act(t3, ZHAO, 'confirm', clock.now());
        await act(t3, ZHAO, 'submit', clock.now());
        await act(t3, ZHAO, 'approve', clock.now());
      },
      '10-14 08:00': async () => {
        await act(t1, LI, 'submit', clock.now());
      },
      '10-15 12:00': async () => {
        const res = await cancelTask(t2, admin, { reason: '并入其他任务' }, clock.now());
        expect(res.ok).toBe(true);
      },
    };
    const end = sh('2026-10-16T12:00').getTime();
    for (let t = clock.now().getTime(); t <= end; t += HOUR) {
      clock.set(t);
      await hooks[at(t)]?.();
      await h.bot.scheduler.tick();
      await flush();
    }

    const title1 = '报送廉政风险点排查表';
    // Zhang finished on 10-09: nothing after that.
    expect(p2p(ZHANG, title1).map((s) => s.slice(0, 11))).toEqual(['09-29 10:00', '10-08 09:00']);
    // Li: created, 3 workdays before (10-08, across National Day), 1 workday before (the 调休
    // Saturday 10-10), the due day, the deadline notice, one overdue nudge; submitted on 10-14.
    const li = p2p(LI);
    expect(li.map((s) => s.slice(0, 11))).toEqual([
      '09-29 10:00',
      '10-08 09:00',
      '10-10 09:00',
      '10-12 09:00',
      '10-12 18:00',
      '10-13 09:00',
    ]);
    expect(li[0]).toContain('新任务');
    expect(li[4]).toContain('已于 2026-10-12 18:00 到期');
    expect(li[5]).toContain('已逾期 1 个工作日');

    // One group message per reminder time, mentioning only those still pending.
    const group = h.emulator
      .messagesTo({ chatId: GROUP })
      .map((m) => `${at(m.createTime)} ${h.emulator.textOf(m)}`)
      .filter((s) => s.includes(title1));
    expect(group.map((s) => s.slice(0, 11))).toEqual([
      '09-29 10:00',
      '10-08 09:00',
      '10-10 09:00',
      '10-12 09:00',
      '10-12 18:00',
    ]);
    expect(group[1]).toContain(tag(ZHANG));
    expect(group[2]).not.toContain(tag(ZHANG));
    expect(group[2]).toContain(tag(LI));
    expect(group[2]).toContain(tag(WANG));

    // Zhao's task (due on the 调休 Saturday 10-10) closed on 10-09 12:00: its creation and
    // 1-workday-before reminders only; the due-day and deadline ones were cancelled.
    expect(p2p(ZHAO).map((s) => s.slice(0, 11))).toEqual(['10-08 10:00', '10-09 09:00']);
    expect(await Job.countDocuments({ 'payload.taskId': t3, state: 'pending' })).toBe(0);

    // Wang: one combined nudge per workday; from the third overdue workday it is buzzed once.
    const wangDaily = p2p(WANG).filter((s) => s.includes('以下任务已逾期'));
    expect(wangDaily.map((s) => s.slice(0, 11))).toEqual([
      '10-13 09:00',
      '10-14 09:00',
      '10-15 09:00',
      '10-16 09:00',
    ]);
    expect(wangDaily[1]).toContain('签订党风廉政建设责任书');
    expect(wangDaily[1]).toContain(title1);
    expect(wangDaily[3]).not.toContain('签订党风廉政建设责任书'); // cancelled on 10-15
    const buzzed = h.emulator
      .messagesTo({ openId: WANG })
      .filter((m) => m.urgent.length > 0)
      .map((m) => `${at(m.createTime)} ${m.urgent.length} ${m.urgent[0]!.userIds.join(',')}`);
    expect(buzzed).toEqual([`10-15 09:00 1 ${WANG}`, `10-16 09:00 1 ${WANG}`]);
    expect(h.emulator.messagesTo({ openId: LI }).some((m) => m.urgent.length > 0)).toBe(false);

    // The leader: a notice at each deadline, and ONE combined overdue list per workday.
    const leader = p2p(LEADER);
    expect(leader.map((s) => s.slice(0, 11))).toEqual([
      '10-12 18:00',
      '10-13 09:00',
      '10-13 18:00',
      '10-14 09:00',
      '10-15 09:00',
      '10-16 09:00',
    ]);
    expect(leader[0]).toContain(tag(LI));
    expect(leader[0]).not.toContain(tag(ZHANG));
    expect(leader[3]).toContain(title1);
    expect(leader[3]).toContain('签订党风廉政建设责任书');
    expect(leader[4]).not.toContain(tag(LI)); // Li submitted on 10-14
  }, 420_000); // a simulated month: ≈ 90 s alone, up to twice that beside another heavy file on 2 cores

  async function say(sender: string, text: string, chatId?: string): Promise<string> {
    const sent = await h.emulator.sendText({
      chatType: chatId ? 'group' : 'p2p',
      chatId,
      sender,
      text,
      mentionBot: Boolean(chatId),
    });
    expect(sent.status).toBe(200);
    await flush();
    return h.emulator.messages
      .filter((m) => m.parentId === sent.messageId)
      .map((m) => h.emulator.textOf(m))
      .join('\n');
  }

  it('/task remind nudges the pending owners now, for the creator, the leader or an admin only', async () => {
    expect(await say(ZHANG, `/task remind ${t1}`)).toContain('只有任务的创建人、督办领导或管理员可以催办');
    const before = h.emulator.messages.length;
    expect(await say(BOOT, `/task remind ${t1}`)).toContain('已向 1 位未完成的负责人发送催办提醒');
    const nudges = h.emulator.messages
      .slice(before)
      .filter((m) => h.emulator.textOf(m).includes('报送廉政风险点排查表'));
    expect(nudges.map((m) => m.openId ?? m.chatId).sort()).toEqual([GROUP, WANG].sort());
    expect(h.emulator.textOf(nudges.find((m) => m.chatId === GROUP)!)).toContain(tag(WANG));
    expect(await say(BOOT, '/task remind TZZZZ')).toContain('没有找到编号为 TZZZZ 的任务');

    // An owner who chose English gets the private nudge in English; the group stays in Chinese.
    await say(WANG, '/lang English');
    const later = h.emulator.messages.length;
    await say(BOOT, `/task remind ${t1}`);
    const sent = h.emulator.messages.slice(later).filter((m) => m.openId === WANG || m.chatId === GROUP);
    const privateNudge = sent.find((m) => m.openId === WANG)!;
    expect(h.emulator.textOf(privateNudge)).toContain('asks you to complete');
    expect(h.emulator.textOf(sent.find((m) => m.chatId === GROUP)!)).not.toContain('asks you to complete');
  });

  it('an edited deadline re-plans: the old reminders are cancelled, new keys scheduled', async () => {
    const now = clock.now(); // 2026-10-16, a Friday
    const id = await mustCreate(
      { title: '整改台账复核', owners: [ZHAO], deadline: sh('2026-10-30T18:00') },
      now,
    );
    const pendingKeys = async () =>
      (await Job.find({ name: REMINDER_JOB, 'payload.taskId': id, state: 'pending' }).lean())
        .map((j) => j.key)
        .sort();
    await h.bot.scheduler.tick(); // the creation notice goes out
    await flush();
    expect(p2p(ZHAO, '整改台账复核')).toHaveLength(1);
    const before = await pendingKeys();
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.every((k) => k.endsWith(':2026-10-30T10:00:00.000Z'))).toBe(true);
    const res = await editTask(id, { deadline: sh('2026-11-03T18:00') }, admin, now);
    expect(res.ok).toBe(true);
    const after = await pendingKeys();
    expect(after.every((k) => k.endsWith(':2026-11-03T10:00:00.000Z'))).toBe(true);
    expect(after.some((k) => k.includes(':created:'))).toBe(false); // no second creation notice
    const old = await Job.find({ key: { $in: before } }).lean();
    expect(old.every((j) => j.state === 'skipped' && j.skipReason === 'cancelled')).toBe(true);
    await h.bot.scheduler.tick();
    await flush();
    expect(p2p(ZHAO, '整改台账复核')).toHaveLength(1);
  });

  it('/task preview lists who would be reminded of what that day, without sending', async () => {
    const before = h.emulator.messages.length;
    const monday = await say(BOOT, '/task preview 2026-10-19');
    expect(h.emulator.messages.length).toBe(before + 1); // the answer only
    expect(monday).toContain('2026-10-19 提醒预览');
    expect(monday).toContain('09:00 逾期催办（加急）');
    expect(monday).toContain('王强');
    expect(monday).toContain('09:00 逾期汇总 → 督办领导 陈书记：1 项');
    expect(await say(BOOT, '/task preview 2026-10-18')).toContain('2026-10-18 是休息日');
    expect(await say(BOOT, '/task preview 明天')).toContain('日期格式不对');
  });
});

/** Settings and calendar as the scheduler processes use them in the month test. */
function fixedDeps(clock: ManualClock): ReminderDeps {
  const settings: TenantSettings = {
    timezone: SH,
    quietHours: DEFAULT_QUIET_HOURS,
    workdays: 'mainland',
    locale: 'zh-CN',
  };
  const calendar = WorkCalendar.fromOverrides([], { tz: SH });
  return {
    messenger: createOutboxMessenger(clock),
    settings: async () => settings,
    calendar: async () => calendar,
  };
}

describe('two scheduler processes over a simulated month', () => {
  useTestDb();

  it('send every reminder exactly once, and a restart in the middle loses none', async () => {
    const clock = new ManualClock(sh('2026-09-28T00:00'));
    const deps = fixedDeps(clock);
    const log = createSilentLogger();
    const make = (owner: string) => {
      const s = new Scheduler({ owner, clock, log });
      const reminders = registerTaskReminderJobs(s, { ...deps, clock });
      return { s, reminders };
    };
    const a = make('proc-a');
    let b = make('proc-b');
    const stop = registerTaskListener(async (change) => {
      if (change.kind !== 'progress') await a.reminders.sync(change.task.id);
    });
    try {
      const calendar = await deps.calendar();
      const specs = [
        {
          title: '任务一',
          owners: [ZHANG, LI],
          deadline: sh('2026-10-09T18:00'),
          chatId: GROUP,
          leader: LEADER,
        },
        { title: '任务二', owners: [WANG], deadline: sh('2026-10-12T12:00'), chatId: null, leader: LEADER },
        {
          title: '任务三',
          owners: [ZHAO, LI],
          deadline: sh('2026-10-20T17:00'),
          chatId: GROUP,
          leader: null,
        },
        { title: '任务四', owners: [ZHANG], deadline: sh('2026-10-23T09:30'), chatId: GROUP, leader: LEADER },
      ];
      const created: Array<{ id: string; spec: (typeof specs)[number]; createdAt: Date }> = [];
      for (const spec of specs) {
        const id = await mustCreate({ ...spec, timezone: SH }, clock.now());
        created.push({ id, spec, createdAt: clock.now() });
        clock.advance(HOUR);
      }
      const end = sh('2026-10-28T00:00').getTime();
      const restartAt = sh('2026-10-12T13:00').getTime();
      while (clock.now().getTime() < end) {
        const results = await Promise.all([a.s.tick(), b.s.tick()]);
        for (const r of results) expect(r.failed + r.retried).toBe(0);
        clock.advance(HOUR);
        if (clock.now().getTime() === restartAt) b = make('proc-b-restarted');
      }

      // Expected: every planned point (group + each owner + the leader at the deadline), and on
      // every workday after a due day one nudge per late owner, one list per leader, a buzz from
      // the third overdue workday on.
      const expected = new Set<string>();
      for (const c of created) {
        const plan = planReminders({
          deadline: c.spec.deadline,
          createdAt: c.createdAt,
          now: c.createdAt,
          policy: DEFAULT_REMINDER_POLICY,
          tz: SH,
          quietHours: DEFAULT_QUIET_HOURS,
          calendar,
        });
        for (const p of plan) {
          const base = `${REMINDER_JOB}:${c.id}:${p.point}:${c.spec.deadline.toISOString()}`;
          if (c.spec.chatId) expected.add(`${base}:group`);
          for (const o of c.spec.owners) expected.add(`${base}:p2p:${o}`);
          if (p.point === 'deadline' && c.spec.leader) expected.add(`${base}:leader:${c.spec.leader}`);
        }
      }
      for (let day = '2026-09-28'; day < '2026-10-28'; day = addDays(day, 1)) {
        if (!calendar.isWorkday(day)) continue;
        const base = overdueKeyBase(day);
        for (const c of created) {
          const late = calendar.workdaysBetween(zonedDayKey(c.spec.deadline, SH), day);
          if (late < 1) continue;
          for (const o of c.spec.owners) expected.add(`${base}:nudge:${o}`);
          if (c.spec.leader) expected.add(`${base}:leader:${c.spec.leader}`);
        }
        for (const o of [ZHANG, LI, WANG, ZHAO]) {
          const worst = Math.max(
            0,
            ...created
              .filter((c) => c.spec.owners.includes(o))
              .map((c) => calendar.workdaysBetween(zonedDayKey(c.spec.deadline, SH), day)),
          );
          if (worst >= 3) expected.add(`${base}:buzz:${o}`);
        }
      }
      const rows = await OutboxMessage.find({}, { key: 1 }).lean();
      const keys = rows.map((r) => r.key).sort();
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual([...expected].sort());
      // Each reminder job ran exactly once across the processes and the restart.
      const reminderJobs = await Job.find({ name: REMINDER_JOB }).lean();
      expect(reminderJobs.length).toBeGreaterThan(15);
      expect(reminderJobs.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
      // 30 daily runs (09-28 … 10-27); the occurrence of 09-27, already an hour late at start, is skipped.
      const daily = await Job.find({
        name: OVERDUE_JOB,
        scheduledAt: { $gte: sh('2026-09-28T00:00') },
      }).lean();
      expect(daily).toHaveLength(30);
      expect(daily.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
    } finally {
      stop();
    }
  }, 300_000);
});
