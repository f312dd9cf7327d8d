import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readThresholdWords } from '../../src/domain/warnings-config.js';
import { DEFAULT_WARNING_THRESHOLDS } from '../../src/domain/warnings-rules.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { DepartmentModel } from '../../src/models/department.js';
import { TaskModel } from '../../src/models/task.js';
import { WarningConfigModel } from '../../src/models/warning-config.js';
import { ManualClock } from '../../src/time/clock.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_wc_boot';
const FIN_LEAD = 'ou_wc_fin';
const SUP = 'ou_wc_sup';
const MEMBER = 'ou_wc_member';
const at = (s: string) => new Date(`2026-${s}:00+08:00`);

describe('/warning config (预警阈值), end to end', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock(at('12-01T20:00'));

  async function say(sender: string, text: string) {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    await flush(); // a reply refused once (e.g. a token gone stale after the clock jumped) is retried
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    return replies.map((m) => h.emulator.textOf(m)).join('\n');
  }

  /** Private messages (not replies) containing `needle`, by recipient. */
  function received(needle: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of h.emulator.messages) {
      if (m.parentId || !m.openId) continue;
      if (!h.emulator.textOf(m).includes(needle)) continue;
      out[m.openId] = (out[m.openId] ?? 0) + 1;
    }
    return out;
  }

  const flush = () => drainOnManualClock(h, clock);

  async function dailyCheckAt(when: string) {
    clock.set(at(when));
    const result = await h.bot.scheduler.tick();
    expect(result.failed + result.retried).toBe(0);
    await flush();
  }

  const stored = async () =>
    (await WarningConfigModel.findOne({ _id: 'thresholds' }).lean())?.thresholds ?? null;
  /** In insertion order (the manual clock gives every entry the same time). */
  const audits = (outcome: 'ok' | 'refused') =>
    AuditEntryModel.find({ action: 'warning.config', outcome }).sort({ _id: 1 }).lean();

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [FIN_LEAD, '陈处长'],
      [SUP, '刘监督'],
      [MEMBER, '张华'],
    ] as const)
      h.emulator.addUser({ openId, name });
    expect(await say(BOOT, '/dept add 财务处')).toContain('财务处');
    expect(await say(BOOT, `/role leader ${FIN_LEAD} 财务处`)).toContain('财务处');
    expect(await say(BOOT, `/role supervisor ${SUP}`)).toContain('监督员');
    const finance = String((await DepartmentModel.findOne({ name: '财务处' }).lean())!._id);
    // Two overdue open tasks: under the default threshold (more than 3).
    for (const i of [1, 2])
      await TaskModel.create({
        _id: `TWC${i}`,
        title: `逾期任务${i}`,
        category: 'key',
        creator: BOOT,
        deptId: finance,
        createdAt: at('11-10T09:00'),
        updatedAt: at('11-10T09:00'),
        deadline: at('11-20T18:00'),
        state: 'open',
      });
  }, 60_000);
  afterAll(async () => h?.stop());

  it('reads name=value words over the current thresholds; the first bad word wins', () => {
    const base = DEFAULT_WARNING_THRESHOLDS;
    expect(readThresholdWords(['满意度下降=8', '逾期任务=5', '签署率=85%', '评分＝65'], base)).toEqual({
      kind: 'set',
      next: { satisfactionDrop: 8, overdue: 5, signRate: 85, score: 65 },
    });
    expect(readThresholdWords(['逾期任务=4'], base)).toEqual({ kind: 'set', next: { ...base, overdue: 4 } });
    expect(readThresholdWords(['恢复默认'], base)).toEqual({ kind: 'reset' });
    expect(readThresholdWords(['评分=70', '逾期任务=1.5'], base)).toMatchObject({
      kind: 'badValue',
      key: 'overdue',
    });
    expect(readThresholdWords(['逾期任务=1001'], base)).toMatchObject({ kind: 'badValue' });
    expect(readThresholdWords(['签署率=100.5'], base)).toMatchObject({ kind: 'badValue', key: 'signRate' });
    expect(readThresholdWords(['评分=-1'], base)).toMatchObject({ kind: 'badValue', key: 'score' });
    expect(readThresholdWords(['满意度下降=abc'], base)).toMatchObject({ kind: 'badValue' });
    expect(readThresholdWords(['合格率=5'], base)).toEqual({ kind: 'badName', word: '合格率=5' });
    expect(readThresholdWords(['恢复默认', '评分=60'], base)).toMatchObject({ kind: 'badName' });
  });

  it('a stored threshold decides whether the next daily check warns; 恢复默认 brings the default back', async () => {
    await dailyCheckAt('12-02T09:00');
    expect(received('【预警】')).toEqual({});

    const shown = await say(BOOT, '/warning config');
    expect(shown).toContain('当前预警阈值（默认值）');
    expect(shown).toContain('逾期任务=3：逾期未销号任务超过 3 项时预警');

    const saved = await say(BOOT, '/warning config 逾期任务=1 签署率=85%');
    expect(saved).toContain('预警阈值已更新');
    expect(saved).toContain('逾期任务=1');
    expect(await stored()).toEqual({ satisfactionDrop: 10, overdue: 1, signRate: 85, score: 60 });
    const [change] = await audits('ok');
    expect(change).toMatchObject({
      actor: BOOT,
      before: DEFAULT_WARNING_THRESHOLDS,
      after: { satisfactionDrop: 10, overdue: 1, signRate: 85, score: 60 },
    });

    await dailyCheckAt('12-03T09:00');
    expect(received('财务处：逾期任务过多')).toEqual({ [BOOT]: 1, [FIN_LEAD]: 1 });
    expect(received('逾期未销号任务 2 项')).toEqual({ [BOOT]: 1, [FIN_LEAD]: 1 });

    const leaderView = await say(FIN_LEAD, '预警阈值');
    expect(leaderView).toContain('当前预警阈值（管理员已调整）');
    expect(leaderView).toContain('逾期任务=1');
    expect(leaderView).toContain('仅管理员可以修改');

    expect(await say(BOOT, '/warning config 恢复默认')).toContain('已恢复默认');
    expect(await stored()).toBeNull();
    expect((await audits('ok')).at(-1)).toMatchObject({ detail: 'reset', after: DEFAULT_WARNING_THRESHOLDS });
    expect(await say(BOOT, '/warning config 恢复默认')).toContain('已是默认值');
    expect(await audits('ok')).toHaveLength(2);

    await dailyCheckAt('12-04T09:00');
    expect(received('预警已解除')).toEqual({ [BOOT]: 1, [FIN_LEAD]: 1 });
    await dailyCheckAt('12-05T09:00');
    expect(received('财务处：逾期任务过多')).toEqual({ [BOOT]: 2, [FIN_LEAD]: 2 }); // the alert and 已解除 only
  }, 120_000);

  it('bad input names the valid thresholds and an example, stores nothing and is audited', async () => {
    expect(await say(BOOT, '/warning config 评分=65')).toContain('评分=65');
    const before = await stored();
    expect(before).toEqual({ ...DEFAULT_WARNING_THRESHOLDS, score: 65 });
    const refusedBefore = (await audits('refused')).length;

    const unknown = await say(BOOT, '/warning config 合格率=5');
    expect(unknown).toContain('无法识别“合格率=5”，未做修改');
    expect(unknown).toContain('满意度下降、逾期任务、签署率、评分');
    expect(unknown).toContain('例如：/warning config 满意度下降=8 逾期任务=5 签署率=85 评分=65');
    expect(await say(BOOT, '/warning config 评分=70 逾期任务=2.5')).toContain('逾期任务 应为 0–1000 的整数');
    expect(await say(BOOT, '/warning config 签署率=120')).toContain('签署率 应为 0–100 之间的数');
    expect(await say(BOOT, '/warning config 满意度下降')).toContain('无法识别“满意度下降”');

    expect(await stored()).toEqual(before);
    const refused = await audits('refused');
    expect(refused).toHaveLength(refusedBefore + 4);
    expect(refused.at(-3)!.detail).toBe('评分=70 逾期任务=2.5');
  }, 60_000);

  it('leaders and supervisors may look but not set; members may not even look', async () => {
    const before = await stored();
    const refusedBefore = (await audits('refused')).length;
    for (const who of [FIN_LEAD, SUP]) {
      expect(await say(who, '/warning config')).toContain('评分=65');
      expect(await say(who, '/warning config 逾期任务=0')).toContain('仅管理员可以修改预警阈值，未做修改');
    }
    expect(await say(MEMBER, '/warning config')).toContain('仅限');
    expect(await say(MEMBER, '/warning config 逾期任务=0')).toContain('仅限');
    expect(await stored()).toEqual(before);
    const refused = (await audits('refused')).slice(refusedBefore);
    expect(refused.map((r) => [r.actor, r.detail])).toEqual([
      [FIN_LEAD, 'role: 逾期任务=0'],
      [SUP, 'role: 逾期任务=0'],
    ]);
    // The member's refusal is audited by the dispatcher, as for every command.
    expect(
      await AuditEntryModel.countDocuments({
        actor: MEMBER,
        action: 'command:/warning config',
        outcome: 'refused',
      }),
    ).toBe(2);
  }, 60_000);
});
