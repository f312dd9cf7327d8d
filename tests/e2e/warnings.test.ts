import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWarnings } from '../../src/domain/warnings.js';
import { transition } from '../../src/domain/warnings-episodes.js';
import { DEFAULT_WARNING_THRESHOLDS, evaluateWarnings } from '../../src/domain/warnings-rules.js';
import { DepartmentModel } from '../../src/models/department.js';
import { TaskModel } from '../../src/models/task.js';
import { WarningTransitionModel } from '../../src/models/warning.js';
import { ManualClock } from '../../src/time/clock.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_wn_boot';
const FIN_LEAD = 'ou_wn_fin';
const MEMBER = 'ou_wn_member';
const at = (s: string) => new Date(`2026-${s}:00+08:00`);

describe('early warnings, end to end', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock(at('12-01T20:00'));

  async function say(sender: string, text: string) {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    return replies.map((m) => h.emulator.textOf(m)).join('\n');
  }

  /** Private messages (not replies) containing `needle`, by recipient. */
  function received(needle: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of h.emulator.messages) {
      if (m.parentId || !m.openId) continue;
      if (!h.emulator.textOf(m).includes(needle)) continue;
      out.set(m.openId, (out.get(m.openId) ?? 0) + 1);
    }
    return out;
  }

  const flush = () => drainOnManualClock(h, clock);

  async function tickAt(when: string) {
    clock.set(at(when));
    const result = await h.bot.scheduler.tick();
    expect(result.failed + result.retried).toBe(0);
    await flush();
  }

  async function seedOverdue(deptId: string, prefix: string, n: number) {
    for (let i = 1; i <= n; i++)
      await TaskModel.create({
        _id: `${prefix}${i}`,
        title: `逾期任务${i}`,
        category: 'key',
        creator: BOOT,
        deptId,
        createdAt: at('11-10T09:00'),
        updatedAt: at('11-10T09:00'),
        deadline: at('11-20T18:00'),
        state: 'open',
      });
  }

  const deptId = async (name: string) => String((await DepartmentModel.findOne({ name }).lean())!._id);

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [FIN_LEAD, '陈处长'],
      [MEMBER, '张华'],
    ] as const)
      h.emulator.addUser({ openId, name });
    for (const name of ['办公室', '财务处']) await say(BOOT, `/dept add ${name}`);
    expect(await say(BOOT, `/role leader ${FIN_LEAD} 财务处`)).toContain('财务处');
    await seedOverdue(await deptId('财务处'), 'TWN', 4);
  }, 60_000);
  afterAll(async () => h?.stop());

  it('rules are pure thresholds', () => {
    const base = {
      satisfaction: { latest: 70, previous: 85 },
      overdueOpen: 3,
      closedSignRate: 89.5,
      monthScore: 60,
    };
    expect(evaluateWarnings(base, DEFAULT_WARNING_THRESHOLDS)).toEqual({
      satisfaction: 15,
      overdue: null,
      signRate: 90,
      score: null,
    });
    const other = {
      satisfaction: { latest: 80, previous: null },
      overdueOpen: 4,
      closedSignRate: null,
      monthScore: 59.9,
    };
    expect(evaluateWarnings(other, DEFAULT_WARNING_THRESHOLDS)).toEqual({
      satisfaction: null,
      overdue: 4,
      signRate: null,
      score: 59.9,
    });
  });

  it('4 overdue tasks: one alert to the admin and the leader over three daily checks, then one 已解除', async () => {
    await tickAt('12-02T08:00');
    expect(received('【预警】').size).toBe(0);
    await tickAt('12-02T09:00');
    await tickAt('12-03T09:00');
    await tickAt('12-04T09:00');
    const alerts = received('逾期任务过多');
    expect(Object.fromEntries(alerts)).toEqual({ [BOOT]: 1, [FIN_LEAD]: 1 });
    expect(received('逾期未销号任务 4 项').get(FIN_LEAD)).toBe(1);

    expect(await say(FIN_LEAD, '预警')).toContain('财务处：逾期任务过多');
    expect(await say(BOOT, '/warning list')).toContain('财务处');
    expect(await say(MEMBER, '/warning list')).toContain('仅限');

    await TaskModel.updateMany({ _id: /^TWN/ }, { $set: { state: 'closed', closedAt: at('12-04T12:00') } });
    await tickAt('12-05T09:00');
    await tickAt('12-06T09:00');
    expect(Object.fromEntries(received('预警已解除'))).toEqual({ [BOOT]: 1, [FIN_LEAD]: 1 });
    expect(Object.fromEntries(received('逾期任务过多'))).toEqual({ [BOOT]: 2, [FIN_LEAD]: 2 }); // alert + 已解除
    expect(await say(FIN_LEAD, '预警列表')).toContain('没有生效的预警');
  }, 120_000);

  it('two checkers at once alert once', async () => {
    const office = await deptId('办公室');
    await seedOverdue(office, 'TWO', 5);
    const deps = {
      messenger: h.bot.services.messenger,
      settings: h.bot.services.settings,
      bootstrapAdmins: [BOOT],
    };
    const now = at('12-07T09:00');
    const [a, b] = await Promise.all([checkWarnings(now, deps), checkWarnings(now, deps)]);
    const claimed = [...a, ...b].filter((c) => c.deptId === office && c.rule === 'overdue');
    expect(claimed).toHaveLength(1);
    expect(await WarningTransitionModel.countDocuments({ deptId: office, rule: 'overdue' })).toBe(1);
    await flush();
    expect(received('办公室：逾期任务过多').get(BOOT)).toBe(1);
    expect(received('办公室：逾期任务过多').get(FIN_LEAD)).toBeUndefined();
  }, 60_000);

  it('a change claimed by a process that died before queueing its alert is alerted by the next check, once', async () => {
    expect(await say(BOOT, '/dept add 审计处')).toContain('审计处');
    const audit = await deptId('审计处');
    await seedOverdue(audit, 'TCR', 4);
    const now = at('12-08T09:00');
    // The dying process: it claims the change (the transition record) and stops there.
    expect(await transition('overdue', audit, 4, now)).toBeDefined();
    const deps = {
      messenger: h.bot.services.messenger,
      settings: h.bot.services.settings,
      bootstrapAdmins: [BOOT],
    };
    await checkWarnings(new Date(now.getTime() + 86_400_000), deps);
    await checkWarnings(new Date(now.getTime() + 2 * 86_400_000 - 60_000), deps);
    await flush();
    expect(received('审计处：逾期任务过多').get(BOOT)).toBe(1);
  }, 60_000);
});
