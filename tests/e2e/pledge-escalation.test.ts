import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { PledgeModel, PledgeSignatureModel } from '../../src/models/pledge.js';
import { ManualClock } from '../../src/time/clock.js';
import { formatZoned } from '../../src/time/zoned.js';
import { type StoredMessage, validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_esc_boot';
const LEADER = 'ou_esc_leader';
const ZHANG = 'ou_esc_zhang';
const LI = 'ou_esc_li';
const at = (m: StoredMessage) => formatZoned(new Date(m.createTime), 'Asia/Shanghai', 'MM-DD HH:mm');
const LONG_TEXT = `# 党风廉政建设责任书\n\n${Array.from({ length: 40 }, (_, i) => `第${i + 1}条 落实主体责任，履行“一岗双责”，抓好分管领域党风廉政建设。`).join('\n')}`;

describe('sign-off escalation, voids and a text sent as a file', () => {
  useTestDb();
  let h: Harness;
  /** Thursday 2026-11-26 10:00 in Shanghai. */
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  let id = '';

  const flush = () => drainOnManualClock(h, clock);

  async function say(sender: string, text: string, mentions: string[] = []) {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender, text, mentions });
    await flush();
    return h.emulator.messages.filter((m) => m.parentId === sent.messageId);
  }
  const cardsOf = (openId: string) =>
    h.emulator
      .messagesTo({ openId })
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes('【责任书】'));
  const textsTo = (openId: string, part: string) =>
    h.emulator
      .messagesTo({ openId })
      .filter((m) => m.msgType === 'text' && h.emulator.textOf(m).includes(part));

  beforeAll(async () => {
    h = await startHarness({
      admins: [BOOT],
      clock,
      emulator: { callbackTimeoutMs: 15_000 },
      bot: { callbackBudgetMs: 12_000 },
    });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [LEADER, '陈书记'],
      [ZHANG, '张伟'],
      [LI, '李娜'],
    ] as const)
      h.emulator.addUser({ openId, name });
  });
  afterAll(async () => h?.stop());

  it('a long text sent as a Markdown file becomes version 1 and goes out in collapsible panels', async () => {
    const form = (await say(BOOT, '/pledge new')).find((m) => m.msgType === 'interactive')!;
    const result = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: BOOT,
      text: '发起签署',
      formValue: {
        pledge_title: '党风廉政建设责任书',
        pledge_kind: 'responsibility',
        pledge_people: [ZHANG, LI],
        pledge_deadline: '2026-11-30 18:00 +0800',
        pledge_leader: LEADER,
      },
    });
    await flush();
    expect(result.toast?.content).toContain('请在 10 分钟内');
    expect(cardsOf(ZHANG)).toHaveLength(0);
    id = (await PledgeModel.findOne({}).lean())!._id;
    await h.emulator.sendFile({
      chatType: 'p2p',
      sender: BOOT,
      fileName: '责任书.md',
      bytes: Buffer.from(LONG_TEXT),
    });
    await flush();
    const cards = cardsOf(ZHANG);
    expect(cards).toHaveLength(1);
    expect(validateCard(cards[0]!.current)).toEqual([]);
    expect(JSON.stringify(cards[0]!.current)).toContain('collapsible_panel');
    expect((await PledgeModel.findById(id).lean())!.version).toBe(1);
  });

  it('after the deadline the leader gets the non-signers; from the third overdue workday they are buzzed', async () => {
    const card = cardsOf(ZHANG)[0]!;
    await h.emulator.clickButton({ messageId: card.messageId, operator: ZHANG, text: '阅读并签署' });
    await flush();
    await h.emulator.clickButton({
      messageId: card.messageId,
      operator: ZHANG,
      text: '确认签署',
      formValue: { pledge_name: '张伟' },
    });
    await flush();
    // Every reminder time up to Friday 12-04 (the deadline is Monday 11-30 18:00), plus quiet moments between.
    const times = [
      '11-27T09:00',
      '11-28T09:00',
      '11-30T09:00',
      '11-30T18:00',
      '12-01T09:00',
      '12-02T09:00',
      '12-03T09:00',
      '12-03T23:00',
      '12-04T09:00',
    ];
    for (const time of times) {
      clock.set(new Date(`2026-${time}:00+08:00`));
      await h.bot.scheduler.tick();
      await flush();
    }
    const leader = textsTo(LEADER, '党风廉政建设责任书');
    expect(leader.map(at)).toEqual(['11-30 18:00']);
    expect(h.emulator.textOf(leader[0]!)).toContain(`<at user_id="${LI}"></at>`);
    expect(h.emulator.textOf(leader[0]!)).not.toContain(ZHANG);
    expect(textsTo(LI, '党风廉政建设责任书').map(at)).toEqual([
      '11-27 09:00',
      '11-30 09:00',
      '11-30 18:00',
      '12-01 09:00',
      '12-02 09:00',
      '12-03 09:00',
      '12-04 09:00',
    ]);
    expect(textsTo(ZHANG, '党风廉政建设责任书')).toHaveLength(0);
    const buzzed = h.emulator
      .messagesTo({ openId: LI })
      .filter((m) => m.urgent.length > 0)
      .map(at);
    expect(buzzed).toEqual(['12-03 09:00', '12-04 09:00']);
  }, 120_000);

  it('an admin voids a signature with a reason (audited); the signer is asked again', async () => {
    const refused = await say(ZHANG, `/pledge void ${id} @李娜 无理由`, [LI]);
    expect(h.emulator.textOf(refused[0]!)).toContain('仅限');
    const noReason = await say(BOOT, `/pledge void ${id} @张伟`, [ZHANG]);
    expect(h.emulator.textOf(noReason[0]!)).toContain('请写明作废原因');
    const done = await say(BOOT, `/pledge void ${id} @张伟 代签无效`, [ZHANG]);
    expect(h.emulator.textOf(done[0]!)).toContain('已作废');
    const audit = await AuditEntryModel.findOne({ action: 'pledge.void' }).lean();
    expect(audit?.detail).toBe('代签无效');
    expect(textsTo(ZHANG, '代签无效')).toHaveLength(1);
    const cards = cardsOf(ZHANG);
    expect(cards).toHaveLength(2);
    await h.emulator.clickButton({ messageId: cards[1]!.messageId, operator: ZHANG, text: '阅读并签署' });
    await flush();
    await h.emulator.clickButton({
      messageId: cards[1]!.messageId,
      operator: ZHANG,
      text: '确认签署',
      formValue: { pledge_name: '张伟' },
    });
    await flush();
    // Append-only: the voided signature stays, a second one is recorded.
    expect(await PledgeSignatureModel.countDocuments({ signer: ZHANG })).toBe(2);
    const verify = await say(BOOT, `/pledge verify ${id}`);
    expect(h.emulator.textOf(verify[0]!)).toContain('已作废');
  });
});
