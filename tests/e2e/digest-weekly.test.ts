import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWeeklyDigest } from '../../src/domain/digest-weekly.js';
import { registerDigestJobs } from '../../src/jobs/digest.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createOutboxMessenger } from '../../src/lark/outbox-messenger.js';
import { createSilentLogger } from '../../src/logger.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { DepartmentModel } from '../../src/models/department.js';
import { TaskModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_dw_boot';
const FIN_LEAD = 'ou_dw_fin';
const OFFICE_LEAD = 'ou_dw_office';
const MEMBER = 'ou_dw_member';
const TITLE = '清廉机关创建周报';
const at = (s: string) => new Date(`2026-${s}:00+08:00`);

describe('weekly digest and subscriptions, end to end', () => {
  useTestDb();
  let h: Harness;
  /** Sunday 2026-11-29 20:00 Shanghai; Monday is 11-30. */
  const clock = new ManualClock(at('11-29T20:00'));

  async function say(sender: string, text: string) {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    return replies.map((m) => h.emulator.textOf(m)).join('\n');
  }

  /** Weekly digests delivered so far, by recipient. */
  function digests(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const m of h.emulator.messages) {
      if (m.parentId || !m.openId || m.msgType !== 'interactive') continue;
      const text = h.emulator.textOf(m);
      if (!text.includes(TITLE)) continue;
      expect(validateCard(m.current)).toEqual([]);
      out.set(m.openId, [...(out.get(m.openId) ?? []), text]);
    }
    return out;
  }
  const count = () => [...digests().values()].reduce((n, list) => n + list.length, 0);

  const flush = () => drainOnManualClock(h, clock);

  async function tickAt(when: string) {
    clock.set(at(when));
    const result = await h.bot.scheduler.tick();
    expect(result.failed + result.retried).toBe(0);
    await flush();
  }

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [FIN_LEAD, '陈处长'],
      [OFFICE_LEAD, '刘主任'],
      [MEMBER, '张华'],
    ] as const)
      h.emulator.addUser({ openId, name });
    for (const name of ['办公室', '财务处']) await say(BOOT, `/dept add ${name}`);
    expect(await say(BOOT, `/role leader ${FIN_LEAD} 财务处`)).toContain('财务处');
    expect(await say(BOOT, `/role leader ${OFFICE_LEAD} 办公室`)).toContain('办公室');
    const office = (await DepartmentModel.findOne({ name: '办公室' }).lean())!._id;
    await TaskModel.create({
      _id: 'TDW1',
      title: '办公室逾期任务',
      category: 'key',
      creator: BOOT,
      deptId: office,
      createdAt: at('11-24T09:00'),
      updatedAt: at('11-24T09:00'),
      deadline: at('11-26T18:00'),
      state: 'open',
      closedAt: null,
    });
  }, 60_000);
  afterAll(async () => h?.stop());

  it('members are refused; a leader unsubscribes; bad times change nothing', async () => {
    expect(await say(MEMBER, '/digest subscribe')).toContain('仅限');
    expect(await say(OFFICE_LEAD, '退订周报')).toContain('已退订周报');
    expect(await say(OFFICE_LEAD, '/digest unsubscribe')).toContain('未订阅');
    expect(await say(FIN_LEAD, '/digest subscribe')).toContain('已订阅周报，每周一 09:00');
    expect(await say(BOOT, '/digest time 周一 9:30')).toContain('无法识别');
    expect(await say(BOOT, '/digest time 周八 09:00')).toContain('未做修改');
    expect(await say(FIN_LEAD, '/digest time 周二 10:00')).toContain('仅限');
    expect(await say(BOOT, '/digest time')).toContain('每周一 09:00');
    const audits = await AuditEntryModel.find({
      action: { $in: ['digest.unsubscribe', 'digest.time'] },
    }).lean();
    expect(audits.map((a) => `${a.action}:${a.outcome}`).sort()).toEqual([
      'digest.time:refused',
      'digest.time:refused',
      'digest.unsubscribe:ok',
    ]);
  }, 60_000);

  it('Monday 09:00 Shanghai: one digest per subscribed leader (their departments) and admin, once', async () => {
    await tickAt('11-29T20:00');
    await tickAt('11-30T08:00');
    expect(count()).toBe(0);
    await tickAt('11-30T09:00');
    const got = digests();
    expect([...got.keys()].sort()).toEqual([BOOT, FIN_LEAD].sort());
    const fin = got.get(FIN_LEAD)!.join('\n');
    expect(fin).toContain(`${TITLE} · 11-23 09:00 至 11-30 09:00`);
    expect(fin).toContain('财务处');
    expect(fin).not.toContain('办公室');
    expect(fin).not.toContain('部门考核排名');
    const admin = got.get(BOOT)!.join('\n');
    expect(admin).toContain('办公室逾期任务');
    expect(admin).toContain('财务处');
    expect(admin).toContain('部门考核排名');
    expect(got.has(OFFICE_LEAD)).toBe(false);

    // The same tick again, a second scheduler process, and a direct re-run: nothing twice.
    await tickAt('11-30T09:00');
    const other = new Scheduler({ owner: 'proc-b', clock, log: createSilentLogger() });
    const deps = {
      messenger: createOutboxMessenger(clock),
      settings: h.bot.services.settings,
      bootstrapAdmins: [BOOT],
    };
    registerDigestJobs(other, deps);
    expect((await other.tick()).failed).toBe(0);
    const rerun = await sendWeeklyDigest(at('11-30T09:00'), deps);
    expect(rerun.due).toBe(true);
    expect(rerun.week).toBe('2026-W49');
    expect(rerun.optedOut).toEqual([OFFICE_LEAD]);
    await flush();
    await tickAt('11-30T10:00');
    expect(count()).toBe(2);
  }, 60_000);

  it('/digest time moves the hour; subscribing again brings the digest back', async () => {
    expect(await say(BOOT, '/digest time 周二 10:00')).toContain(
      '已设置：周报于每周二 10:00（Asia/Shanghai）',
    );
    expect(await say(OFFICE_LEAD, '订阅周报')).toContain('已订阅周报，每周二 10:00');
    await tickAt('12-07T09:00');
    await tickAt('12-08T09:00');
    expect(count()).toBe(2);
    await tickAt('12-08T10:00');
    const got = digests();
    expect(got.get(BOOT)).toHaveLength(2);
    expect(got.get(FIN_LEAD)).toHaveLength(2);
    const office = got.get(OFFICE_LEAD)!;
    expect(office).toHaveLength(1);
    expect(office[0]).toContain('办公室逾期任务');
    expect(office[0]).not.toContain('财务处');
    await tickAt('12-08T10:00');
    expect(count()).toBe(5);
    const time = await AuditEntryModel.findOne({ action: 'digest.time', outcome: 'ok' }).lean();
    expect(time?.before).toBe('周一 09:00');
    expect(time?.after).toBe('周二 10:00');
  }, 60_000);
});
