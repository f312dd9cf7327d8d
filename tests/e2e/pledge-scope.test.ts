/**
 * Sign-off documents by department: a leader sees only their departments' signers (status,
 * export, verify, list, the progress card as it updates), others are refused and audited; the
 * department newcomer rule (`/pledge rule <id> 部门 <名称>`) through /role and the member import;
 * `/pledge close`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { Job } from '../../src/models/job.js';
import { PledgeModel, PledgeSignerModel } from '../../src/models/pledge.js';
import { ManualClock } from '../../src/time/clock.js';
import { type StoredMessage, validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_ps_boot';
const LEAD_A = 'ou_ps_lead_a'; // leader of 办公室
const LEAD_X = 'ou_ps_lead_x'; // leader of 纪检组 (no signer there)
const MEMBER = 'ou_ps_member';
const NEW1 = 'ou_ps_new1';
const NEW2 = 'ou_ps_new2';
const CHAT_A = 'oc_ps_office';
const CHAT_B = 'oc_ps_finance';
const A = ['ou_ps_a1', 'ou_ps_a2', 'ou_ps_a3'];
const B = ['ou_ps_b1', 'ou_ps_b2', 'ou_ps_b3'];
const NAMES = new Map([
  [BOOT, '王主任'],
  [LEAD_A, '陈处长'],
  [LEAD_X, '纪组长'],
  [MEMBER, '李明'],
  [NEW1, '新人甲'],
  [NEW2, '新人乙'],
  ['ou_ps_a1', '张伟'],
  ['ou_ps_a2', '王芳'],
  ['ou_ps_a3', '李娜'],
  ['ou_ps_b1', '刘洋'],
  ['ou_ps_b2', '陈静'],
  ['ou_ps_b3', '杨帆'],
]);
const name = (id: string) => NAMES.get(id)!;
const TEXT = '# 清廉机关创建任务责任书\n\n1. 落实主体责任；\n2. 严守廉洁纪律。\n\n签字有效，签署担责。';

describe('sign-off documents by department, end to end through the emulator', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z'); // Thursday 10:00 in Shanghai
  let id = '';
  let leaderCardId = '';

  const flush = () => drainOnManualClock(h, clock);

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
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    for (const r of replies) if (r.msgType === 'interactive') expect(validateCard(r.current)).toEqual([]);
    return { text: replies.map((m) => h.emulator.textOf(m)).join('\n'), replies };
  }

  async function click(
    messageId: string,
    operator: string,
    text: string,
    formValue?: Record<string, unknown>,
  ) {
    const result = await h.emulator.clickButton({ messageId, operator, text, formValue });
    await flush();
    expect(result.status).toBe(200);
    return result;
  }

  const signerCards = (openId: string): StoredMessage[] =>
    h.emulator
      .messagesTo({ openId })
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes('阅读并签署'));
  const creatorCard = () =>
    h.emulator
      .messagesTo({ openId: BOOT })
      .find((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes('签署进度'))!;
  const leaderCard = () => h.emulator.textOf(h.emulator.message(leaderCardId)!);

  async function sign(openId: string) {
    const card = signerCards(openId).at(-1)!;
    await click(card.messageId, openId, '阅读并签署');
    const result = await click(card.messageId, openId, '确认签署', { pledge_name: name(openId) });
    expect(result.toast?.content).toContain('签署成功');
  }

  async function importMembers(rows: string[][]): Promise<void> {
    await say(BOOT, '/import members');
    const csv = [['姓名', 'open_id', '手机号', '邮箱', '部门', '角色'], ...rows]
      .map((r) => r.join(','))
      .join('\r\n');
    await h.emulator.sendFile({
      chatType: 'p2p',
      sender: BOOT,
      fileName: '成员.csv',
      bytes: Buffer.from(csv),
    });
    await flush();
  }

  beforeAll(async () => {
    h = await startHarness({
      admins: [BOOT],
      clock,
      emulator: { callbackTimeoutMs: 15_000 },
      bot: { callbackBudgetMs: 12_000 },
    });
    for (const [openId, n] of NAMES) h.emulator.addUser({ openId, name: n });
    h.emulator.addChat({ chatId: CHAT_A, name: '办公室工作群', members: A });
    h.emulator.addChat({ chatId: CHAT_B, name: '财务处工作群', members: B });
    await h.emulator.botAddedToChat({ chatId: CHAT_A, operator: BOOT });
    await h.emulator.botAddedToChat({ chatId: CHAT_B, operator: BOOT });
    await flush();
    for (const d of ['办公室', '财务处', '纪检组', '综合科 办公室']) await say(BOOT, `/dept add ${d}`);
    await say(BOOT, '/chat bind 办公室', { chatId: CHAT_A });
    await say(BOOT, '/chat bind 财务处', { chatId: CHAT_B });
    expect((await say(BOOT, '/role leader @陈处长 办公室', { mentions: [LEAD_A] })).text).toContain('陈处长');
    expect((await say(BOOT, '/role leader @纪组长 纪检组', { mentions: [LEAD_X] })).text).toContain('纪组长');

    const { replies } = await say(BOOT, '/pledge new');
    const form = replies.find((m) => m.msgType === 'interactive')!;
    const done = await click(form.messageId, BOOT, '发起签署', {
      pledge_title: '清廉机关创建任务责任书',
      pledge_kind: 'responsibility',
      pledge_text: TEXT,
      pledge_chats: [CHAT_A, CHAT_B],
      pledge_deadline: '2026-12-04 18:00 +0800',
    });
    expect(done.toast?.content).toContain('共 6 人签署');
    id = (await PledgeModel.findOne({}).lean())!._id;
    await sign(A[0]!);
    await sign(B[0]!);
  }, 90_000);
  afterAll(async () => h?.stop());

  it('a leader sees only their department: status card (updating in place), export, verify and list', async () => {
    const status = await say(LEAD_A, `/pledge status ${id}`);
    const card = status.replies.find((m) => m.msgType === 'interactive')!;
    leaderCardId = card.messageId;
    expect(leaderCard()).toContain('已签署 1 / 3');
    expect(leaderCard()).toContain('仅统计您负责部门的签署人');
    expect(leaderCard()).toContain('王芳');
    expect(leaderCard()).not.toContain('陈静');
    expect(h.emulator.textOf(creatorCard())).toContain('已签署 2 / 6');

    await sign(B[1]!); // outside 办公室: the leader's count stays
    expect(leaderCard()).toContain('已签署 1 / 3');
    expect(h.emulator.textOf(creatorCard())).toContain('已签署 3 / 6');
    await sign(A[1]!);
    expect(leaderCard()).toContain('已签署 2 / 3');
    expect(leaderCard()).not.toContain('王芳');
    expect(leaderCard()).toContain('李娜');
    expect(h.emulator.textOf(creatorCard())).toContain('已签署 4 / 6');

    const exported = await say(LEAD_A, `/pledge export ${id} csv`);
    expect(exported.text).toContain('仅含您负责部门的签署人');
    const file = h.emulator.messages.filter((m) => m.msgType === 'file').at(-1)!;
    const rows = h.emulator
      .uploadedFile(file)!
      .bytes.toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(','));
    expect(rows.map((r) => r[0]).sort()).toEqual(['张伟', '李娜', '王芳'].sort());
    expect(rows.every((r) => r[1] === '办公室')).toBe(true);

    const verify = (await say(LEAD_A, `/pledge verify ${id}`)).text;
    expect(verify).toContain('张伟');
    expect(verify).not.toContain('刘洋');
    const list = (await say(LEAD_A, '/pledge list')).text;
    expect(list).toContain('已签 2/3');
    expect((await say(BOOT, '/pledge list')).text).toContain('已签 4/6');
  }, 90_000);

  it('a leader of an unrelated department and a member are refused politely, and both are audited', async () => {
    const refused = await say(LEAD_X, `/pledge status ${id}`);
    expect(refused.text).toContain('都不在您负责的部门');
    expect(refused.replies.filter((m) => m.msgType === 'interactive')).toHaveLength(0);
    expect((await say(LEAD_X, `/pledge export ${id}`)).text).toContain('都不在您负责的部门');
    expect((await say(LEAD_X, '/pledge list')).text).not.toContain(id);
    expect(
      await AuditEntryModel.countDocuments({
        actor: LEAD_X,
        action: { $in: ['pledge.status', 'pledge.export'] },
        outcome: 'refused',
      }),
    ).toBe(2);

    const member = await say(MEMBER, `/pledge status ${id}`);
    expect(member.text).not.toContain('签署进度');
    expect(member.replies.filter((m) => m.msgType === 'interactive')).toHaveLength(0);
    expect(
      await AuditEntryModel.exists({ actor: MEMBER, action: 'command:/pledge status', outcome: 'refused' }),
    ).not.toBeNull();
  }, 60_000);

  it('a department rule sends the document once to people placed there by /role or the member import', async () => {
    expect((await say(BOOT, `/pledge rule ${id} 部门 办公室`)).text).toContain('办公室');
    expect((await say(BOOT, `/pledge rule ${id} 部门 宣传部`)).text).toContain('没有找到名为“宣传部”的部门');

    // /role into a sub-department of 办公室.
    await say(BOOT, '/role member @新人甲 综合科', { mentions: [NEW1] });
    expect(signerCards(NEW1)).toHaveLength(1);
    expect(leaderCard()).toContain('已签署 2 / 4');
    await say(BOOT, '/role member @新人甲 财务处', { mentions: [NEW1] });
    await say(BOOT, '/role member @新人甲 办公室', { mentions: [NEW1] });
    expect(signerCards(NEW1)).toHaveLength(1);

    // The member import, twice, then a move out and back: one card.
    await importMembers([['新人乙', NEW2, '', '', '办公室', '']]);
    expect(signerCards(NEW2)).toHaveLength(1);
    await importMembers([['新人乙', NEW2, '', '', '办公室', '']]);
    await importMembers([['新人乙', NEW2, '', '', '财务处', '']]);
    await importMembers([['新人乙', NEW2, '', '', '综合科', '']]);
    expect(signerCards(NEW2)).toHaveLength(1);
    expect(await PledgeSignerModel.countDocuments({ pledgeId: id, source: 'newcomer' })).toBe(2);
    expect(h.emulator.textOf(creatorCard())).toContain('已签署 4 / 8');

    // Someone placed in a department without a rule gets nothing.
    await say(BOOT, '/role member @李明 纪检组', { mentions: [MEMBER] });
    expect(signerCards(MEMBER)).toHaveLength(0);
  }, 90_000);

  it('/pledge close: only the creator or an admin; the progress card shows 已结束 and reminders stop', async () => {
    const notMine = await say(LEAD_A, `/pledge close ${id}`);
    expect(notMine.text).toContain('只有发起人或管理员');
    expect(
      await AuditEntryModel.exists({ actor: LEAD_A, action: 'pledge.close', outcome: 'refused' }),
    ).not.toBeNull();

    expect((await say(BOOT, `/pledge close ${id}`)).text).toContain('已结束');
    expect((await say(BOOT, `/pledge close ${id}`)).text).toContain('已经结束');
    expect(h.emulator.textOf(creatorCard())).toContain('已结束');
    expect((await PledgeModel.findById(id).lean())!.state).toBe('closed');

    // A reminder was planned for that morning; closing makes it send nothing.
    const planned = await Job.countDocuments({
      name: 'pledge.reminder',
      'payload.pledgeId': id,
      runAt: { $lte: new Date('2026-12-01T09:00:00+08:00') },
    });
    expect(planned).toBeGreaterThan(0);
    const before = h.emulator.messages.length;
    clock.set(new Date('2026-12-01T09:00:00+08:00'));
    await h.bot.scheduler.tick();
    await flush();
    const reminders = h.emulator.messages
      .slice(before)
      .filter((m) => m.msgType === 'text' && h.emulator.textOf(m).includes('尚未签署'));
    expect(reminders).toHaveLength(0);
  }, 60_000);
});
