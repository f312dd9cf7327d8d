import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { PledgeModel, PledgeSignatureModel } from '../../src/models/pledge.js';
import { ManualClock } from '../../src/time/clock.js';
import { type StoredMessage, validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_pl_boot';
const LEADER = 'ou_pl_leader';
const WU = 'ou_pl_wu'; // not a signer
const NEWBIE = 'ou_pl_newbie';
const CHAT_A = 'oc_pl_office';
const CHAT_B = 'oc_pl_finance';
const NAMES = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨帆',
  '赵磊',
  '黄敏',
  '周杰',
  '吴婷',
  '徐强',
  '孙丽',
  '胡军',
  '朱琳',
  '高峰',
  '林涛',
  '何雪',
  '郭亮',
  '马超',
  '罗艳',
];
const SIGNERS = NAMES.map((_, i) => `ou_pl_s${String(i).padStart(2, '0')}`);
const nameOf = new Map(SIGNERS.map((id, i) => [id, NAMES[i]!]));
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const TEXT_V1 = `# 清廉履职承诺书\n\n本人郑重承诺：\n\n1. 严守政治纪律和政治规矩；\n2. 不利用职务之便谋取私利；\n3. 自觉接受组织和群众监督。\n\n${'坚持廉洁自律，秉公用权。'.repeat(80)}\n\n签字有效，签署担责。`;
const TEXT_V2 = `${TEXT_V1}\n\n4. 严格落实中央八项规定精神。`;

describe('sign-off campaigns (责任书 / 承诺书), end to end through the emulator', () => {
  useTestDb();
  let h: Harness;
  /** Thursday 2026-11-26 10:00 in Shanghai. */
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  let id = '';

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
    expect(result.clientError).toBeUndefined();
    return result;
  }

  /** The signer cards a person got, oldest first. */
  const signerCards = (openId: string): StoredMessage[] =>
    h.emulator
      .messagesTo({ openId })
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes('【承诺书】'));
  const progressCard = () =>
    h.emulator
      .messagesTo({ openId: BOOT })
      .find((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes('签署进度'))!;

  async function sign(openId: string, name = nameOf.get(openId)!) {
    const card = signerCards(openId).at(-1)!;
    await click(card.messageId, openId, '阅读并签署');
    expect(validateCard(h.emulator.message(card.messageId)!.current)).toEqual([]);
    return click(card.messageId, openId, '确认签署', { pledge_name: name });
  }

  beforeAll(async () => {
    // The machine is shared: a slow callback still answers in time (the product path for a slow
    // one — toast now, card later — is the dispatcher's and tested there).
    h = await startHarness({
      admins: [BOOT],
      clock,
      emulator: { callbackTimeoutMs: 15_000 },
      bot: { callbackBudgetMs: 12_000 },
    });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [LEADER, '陈书记'],
      [WU, '吴刚'],
      [NEWBIE, '新同事'],
      ...nameOf,
    ] as const)
      h.emulator.addUser({ openId, name });
    h.emulator.addChat({ chatId: CHAT_A, name: '办公室工作群', members: SIGNERS.slice(0, 10) });
    h.emulator.addChat({ chatId: CHAT_B, name: '财务处工作群', members: SIGNERS.slice(10) });
    await h.emulator.botAddedToChat({ chatId: CHAT_A, operator: BOOT });
    await h.emulator.botAddedToChat({ chatId: CHAT_B, operator: BOOT });
    await flush();
    await say(BOOT, '/dept add 办公室');
    await say(BOOT, '/dept add 财务处');
    await say(BOOT, '/chat bind 办公室', { chatId: CHAT_A });
    await say(BOOT, '/chat bind 财务处', { chatId: CHAT_B });
  }, 60_000);
  afterAll(async () => h?.stop());

  it('20 signers across 2 chats, 5 sign: the progress card updates each time, reminders reach only the other 15', async () => {
    const { replies } = await say(BOOT, '/pledge new');
    const form = replies.find((m) => m.msgType === 'interactive')!;
    expect(h.emulator.textOf(form)).toContain('发起签署');
    const done = await click(form.messageId, BOOT, '发起签署', {
      pledge_title: '2026 年度清廉履职承诺书',
      pledge_kind: 'pledge',
      pledge_text: TEXT_V1,
      pledge_chats: [CHAT_A, CHAT_B],
      pledge_deadline: '2026-12-04 18:00 +0800',
      pledge_leader: LEADER,
    });
    expect(done.toast?.content).toContain('共 20 人签署');
    const doc = await PledgeModel.findOne({}).lean();
    id = doc!._id;
    expect(doc!.hash).toBe(sha256(TEXT_V1));
    for (const s of SIGNERS) {
      const cards = signerCards(s);
      expect(cards).toHaveLength(1);
      expect(validateCard(cards[0]!.current)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(cards[0]!.current))).toBeLessThan(30_000);
    }
    expect(h.emulator.textOf(signerCards(SIGNERS[0]!)[0]!)).toContain('全文（第 1/');
    expect(signerCards(WU)).toHaveLength(0);
    expect(h.emulator.textOf(progressCard())).toContain('已签署 0 / 20');
    for (const [i, s] of SIGNERS.slice(0, 5).entries()) {
      const result = await sign(s);
      expect(result.toast?.content).toContain('签署成功');
      expect(h.emulator.textOf(signerCards(s)[0]!)).toContain('已签署');
      expect(h.emulator.textOf(progressCard())).toContain(`已签署 ${i + 1} / 20`);
    }
    const progress = h.emulator.textOf(progressCard());
    expect(progress).toContain('办公室（5）');
    expect(progress).toContain('财务处（10）');
    expect(progress).not.toContain('张伟');
    expect(progress).toContain('杨帆');

    // Tuesday 12-01 09:00 is three workdays before the due day: only the 15 who have not signed hear.
    const before = h.emulator.messages.length;
    clock.set(new Date('2026-12-01T09:00:00+08:00'));
    await h.bot.scheduler.tick();
    await flush();
    const reminded = h.emulator.messages
      .slice(before)
      .filter((m) => m.msgType === 'text' && h.emulator.textOf(m).includes('尚未签署'))
      .map((m) => m.openId);
    expect(reminded.sort()).toEqual(SIGNERS.slice(5).sort());
  }, 120_000);

  it('editing the text makes version 2: the 5 signatures show as old and all are asked again', async () => {
    const { replies } = await say(BOOT, `/pledge edit ${id}`);
    const form = replies.find((m) => m.msgType === 'interactive')!;
    const done = await click(form.messageId, BOOT, '保存为新版本', { pledge_text: TEXT_V2 });
    expect(done.toast?.content).toContain('第 2 版');
    for (const s of SIGNERS) {
      const cards = signerCards(s);
      expect(cards).toHaveLength(2);
      expect(h.emulator.textOf(cards[1]!)).toContain('第 2 版');
    }
    const progress = h.emulator.textOf(progressCard());
    expect(progress).toContain('已签署 0 / 20');
    expect(progress).toContain('5 人仅签署过旧版本');
    const verify = (await say(BOOT, `/pledge verify ${id}`)).text;
    expect(verify.match(/旧版本/g)?.length).toBeGreaterThanOrEqual(5);
    expect(verify).toContain('全文与哈希一致');
    // The old card cannot sign the new text.
    const old = signerCards(SIGNERS[6]!)[0]!;
    const stale = await h.emulator.clickButton({
      messageId: old.messageId,
      operator: SIGNERS[6]!,
      text: '阅读并签署',
    });
    expect(stale.toast?.content).toContain('第 2 版');
  }, 60_000);

  it('refuses a wrong name in Chinese and a non-signer; a double click records one signature', async () => {
    const zhao = SIGNERS[6]!; // 赵磊
    const card = signerCards(zhao).at(-1)!;
    await click(card.messageId, zhao, '阅读并签署');
    const wrong = await click(card.messageId, zhao, '确认签署', { pledge_name: '赵雷' });
    expect(wrong.toast?.type).toBe('error');
    expect(wrong.toast?.content).toContain('与您的飞书姓名不一致');
    expect(await PledgeSignatureModel.countDocuments({ signer: zhao })).toBe(0);

    const outsider = await click(card.messageId, WU, '确认签署', { pledge_name: '吴刚' });
    expect(outsider.toast?.content).toContain('不在本文件的签署人名单中');
    expect(await PledgeSignatureModel.countDocuments({ signer: WU })).toBe(0);
    expect(await AuditEntryModel.countDocuments({ action: 'pledge.sign', outcome: 'refused' })).toBe(2);

    const clicks = await Promise.all([
      h.emulator.clickButton({
        messageId: card.messageId,
        operator: zhao,
        text: '确认签署',
        formValue: { pledge_name: '赵磊' },
      }),
      h.emulator.clickButton({
        messageId: card.messageId,
        operator: zhao,
        text: '确认签署',
        formValue: { pledge_name: '赵磊' },
      }),
    ]);
    await flush();
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    expect(await PledgeSignatureModel.countDocuments({ signer: zhao, version: 2 })).toBe(1);
    expect(h.emulator.textOf(h.emulator.message(card.messageId)!)).toContain('已签署');
    expect(h.emulator.textOf(progressCard())).toContain('已签署 1 / 20');
  }, 60_000);

  it('a user added to a configured chat gets the card once, even if the join event comes twice', async () => {
    expect((await say(BOOT, `/pledge rule ${id}`, { chatId: CHAT_A })).text).toContain('办公室工作群');
    const first = await h.emulator.addMemberToChat({ chatId: CHAT_A, users: [NEWBIE], operator: BOOT });
    await flush();
    await h.emulator.redeliver(first.eventId);
    await h.emulator.addMemberToChat({ chatId: CHAT_A, users: [NEWBIE], operator: BOOT }); // a fresh event id
    await flush();
    const cards = signerCards(NEWBIE);
    expect(cards).toHaveLength(1);
    expect(h.emulator.textOf(cards[0]!)).toContain('第 2 版');
    expect(h.emulator.textOf(progressCard())).toContain('已签署 1 / 21');
    // Someone joining a chat without a rule gets nothing.
    await h.emulator.addMemberToChat({ chatId: CHAT_B, users: [WU], operator: BOOT });
    await flush();
    expect(signerCards(WU)).toHaveLength(0);
  }, 60_000);

  it('the export lists every signature with the hash of the version it signed', async () => {
    const { text } = await say(BOOT, `/pledge export ${id} csv`);
    expect(text).toContain('签署登记表');
    const file = h.emulator.messages.filter((m) => m.msgType === 'file').at(-1)!;
    const csv = h.emulator
      .uploadedFile(file)!
      .bytes.toString('utf8')
      .replace(/^\uFEFF/, '');
    const rows = csv
      .trim()
      .split('\r\n')
      .map((r) => r.split(','));
    expect(rows[0]!.slice(0, 6)).toEqual(['姓名', '部门', '版本', '版本哈希', '签署时间', '状态']);
    const signed = rows.slice(1).filter((r) => r[5] !== '未签署');
    expect(signed).toHaveLength(6);
    const byName = new Map(signed.map((r) => [r[0], r]));
    for (const s of SIGNERS.slice(0, 5)) {
      const row = byName.get(nameOf.get(s))!;
      expect(row[2]).toBe('1');
      expect(row[3]).toBe(sha256(TEXT_V1));
      expect(row[5]).toBe('旧版本');
    }
    const zhao = byName.get('赵磊')!;
    expect(zhao[3]).toBe(sha256(TEXT_V2));
    expect(zhao[5]).toBe('有效');
    expect(zhao[1]).toBe('办公室');
    expect(rows.slice(1).filter((r) => r[5] === '未签署')).toHaveLength(20);
    const xlsx = await say(BOOT, `/pledge export ${id}`);
    expect(xlsx.text).toContain('.xlsx');
  }, 60_000);
});
