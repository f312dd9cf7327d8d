import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DepartmentModel } from '../../src/models/department.js';
import { PersonModel } from '../../src/models/person.js';
import { PledgeModel, PledgeSignatureModel, PledgeSignerModel } from '../../src/models/pledge.js';
import { type TaskCategory, TaskModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_dg_boot';
const LEAD = 'ou_dg_lead';
const MEMBER = 'ou_dg_member';
const FIN = ['ou_dg_f0', 'ou_dg_f1', 'ou_dg_f2', 'ou_dg_f3'];
const FIN_NAMES = ['赵一', '钱二', '孙三', '李四'];
const at = (s: string) => new Date(`2026-${s}:00+08:00`);

describe('leader digest (/digest now), end to end', () => {
  useTestDb();
  let h: Harness;
  /** Thursday 2026-11-26 10:00 Shanghai: the week is 11-19 10:00 → 11-26 10:00. */
  const clock = new ManualClock(at('11-26T10:00'));

  async function say(sender: string, text: string) {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender, text });
    await h.settle();
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    for (const r of replies) if (r.msgType === 'interactive') expect(validateCard(r.current)).toEqual([]);
    return replies.map((m) => h.emulator.textOf(m)).join('\n');
  }

  let n = 0;
  async function task(dept: string, title: string, created: string, deadline: string, closed?: string) {
    await TaskModel.create({
      _id: `TDG${n++}`,
      title,
      category: 'key' as TaskCategory,
      creator: BOOT,
      deptId: dept,
      createdAt: at(created),
      updatedAt: at(created),
      deadline: at(deadline),
      state: closed ? 'closed' : 'open',
      closedAt: closed ? at(closed) : null,
    });
  }

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [LEAD, '陈处长'],
      [MEMBER, '张华'],
    ] as const)
      h.emulator.addUser({ openId, name });
    for (const name of ['办公室', '财务处']) await say(BOOT, `/dept add ${name}`);
    const office = (await DepartmentModel.findOne({ name: '办公室' }).lean())!._id;
    const finance = (await DepartmentModel.findOne({ name: '财务处' }).lean())!._id;
    expect(await say(BOOT, `/role leader ${LEAD} 财务处`)).toContain('财务处');
    for (const [i, openId] of FIN.entries())
      await PersonModel.create({ openId, name: FIN_NAMES[i], deptId: finance });
    // 财务处 this week: 3 new; 2 closed (one on time, one late); last week: 1 new, 1 closed on time.
    await task(finance, '预算执行分析', '11-20T09:00', '11-25T18:00', '11-24T17:00');
    await task(finance, '票据清理', '11-20T09:00', '11-21T18:00', '11-23T10:00');
    await task(finance, '整改台账补录', '11-21T09:00', '11-24T18:00');
    await task(finance, '上周任务', '11-15T09:00', '11-18T18:00', '11-16T10:00');
    await task(office, '办公室专属任务', '11-20T09:00', '11-22T18:00');
    // An open responsibility letter: 财务处 2 of 4 signed.
    await PledgeModel.create({
      _id: 'PDIGST',
      title: '责任书',
      kind: 'responsibility',
      creator: BOOT,
      deadline: at('11-30T18:00'),
      version: 1,
      hash: 'h',
      state: 'open',
      createdAt: at('11-01T09:00'),
      updatedAt: at('11-01T09:00'),
    });
    for (const openId of FIN)
      await PledgeSignerModel.create({
        _id: `PDIGST:${openId}`,
        pledgeId: 'PDIGST',
        openId,
        source: 'campaign',
        addedAt: at('11-01T09:00'),
      });
    for (const openId of FIN.slice(0, 2))
      await PledgeSignatureModel.create({
        _id: `PDIGST:1:${openId}:0`,
        pledgeId: 'PDIGST',
        version: 1,
        hash: 'h',
        signer: openId,
        typedName: openId,
        at: at('11-02T09:00'),
      });
  }, 60_000);
  afterAll(async () => h?.stop());

  it('a leader gets only their department, with the right figures and week-over-week changes', async () => {
    const text = await say(LEAD, '/digest now');
    expect(text).toContain('清廉机关创建周报 · 11-19 10:00 至 11-26 10:00');
    expect(text).toContain('财务处');
    expect(text).toContain('任务：本周新增 3（上周 1），销号 2（上周 1），按时率 50%（上周 100%）');
    expect(text).toContain('逾期 1 项：整改台账补录（TDG2）');
    expect(text).toContain('签署：签署率 50%，未签 2 人：孙三、李四');
    expect(text).not.toContain('办公室');
    expect(text).not.toContain('部门考核排名');
  }, 60_000);

  it('an admin gets every department and the ranking; members may not ask', async () => {
    const text = await say(BOOT, '/digest now');
    expect(text).toContain('办公室');
    expect(text).toContain('逾期 1 项：办公室专属任务');
    expect(text).toContain('财务处');
    expect(text).toContain('部门考核排名（2026-11）');
    expect(await say(MEMBER, '/digest now')).toContain('仅限');
  }, 60_000);
});
