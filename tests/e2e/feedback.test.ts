import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetDeliveredToSenders } from '../../src/domain/feedback-relay.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { FeedbackModel, FeedbackRelayModel } from '../../src/models/feedback.js';
import { OutboxMessage, OutboxResult } from '../../src/models/outbox-message.js';
import { ManualClock } from '../../src/time/clock.js';
import { callbackValue, findButton, type StoredMessage, validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_fb_boot';
const SUP = 'ou_fb_sup';
const MEM = 'ou_fb_member';
const ANON = 'ou_fb_anon';
const ANON_NAME = '李娜';
const NAMED_TEXT = '建议食堂公开采购台账';
const ANON_TEXT = '某科室报销审核存在拖延现象';
const ANON_FORM_TEXT = '希望公务用车登记改为线上填报';

describe('feedback channel (监督员意见), end to end through the emulator', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  const logLines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) });

  const flush = () => drainOnManualClock(h, clock);

  async function say(sender: string, text: string, mentions?: string[]) {
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender, text, mentions });
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

  /** The forwarded card of item `id` that `openId` received. */
  const forwarded = (openId: string, id: string): StoredMessage | undefined =>
    h.emulator
      .messagesTo({ openId })
      .find((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(`监督员意见 · ${id}`));
  const textsTo = (openId: string) =>
    h.emulator
      .messagesTo({ openId })
      .filter((m) => m.msgType === 'text')
      .map((m) => h.emulator.textOf(m));

  /** Presses 回复 then 发送回复 on `replier`'s card of `id`. */
  async function reply(replier: string, id: string, text: string) {
    const card = forwarded(replier, id)!;
    await click(card.messageId, replier, '回复');
    expect(validateCard(h.emulator.message(card.messageId)!.current)).toEqual([]);
    return { card, sent: await click(card.messageId, replier, '发送回复', { feedback_reply: text }) };
  }

  beforeAll(async () => {
    h = await startHarness({
      admins: [BOOT],
      clock,
      log,
      emulator: { callbackTimeoutMs: 15_000 },
      bot: { callbackBudgetMs: 12_000 },
    });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [SUP, '孙丽'],
      [MEM, '张华'],
      [ANON, ANON_NAME],
    ] as const)
      h.emulator.addUser({ openId, name });
    expect((await say(BOOT, '/role supervisor @孙丽', [SUP])).text).toContain('孙丽');
  }, 60_000);
  afterAll(async () => h?.stop());

  it('named: stored, forwarded to the supervisor and the admin, the reply reaches the sender', async () => {
    const answer = (await say(MEM, `/feedback ${NAMED_TEXT}`)).text;
    expect(answer).toContain('已实名转给监督员和管理员');
    const id = /编号 (F[A-Z0-9]{6})/.exec(answer)![1]!;
    const doc = await FeedbackModel.findById(id).lean();
    expect(doc).toMatchObject({
      text: NAMED_TEXT,
      anonymous: false,
      sender: MEM,
      senderName: '张华',
      relayToken: null,
    });
    for (const r of [BOOT, SUP]) {
      const card = forwarded(r, id)!;
      expect(validateCard(card.current)).toEqual([]);
      expect(h.emulator.textOf(card)).toContain(NAMED_TEXT);
      expect(h.emulator.textOf(card)).toContain('提交人：张华');
    }
    expect(forwarded(MEM, id)).toBeUndefined();
    const { card, sent } = await reply(SUP, id, '已转交后勤处，下周公开');
    expect(sent.toast?.content).toContain('回复已转达');
    expect(h.emulator.textOf(h.emulator.message(card.messageId)!)).toContain('孙丽 已回复：已转交后勤处');
    // The admin's copy of the card shows the reply too (patched in place).
    expect(h.emulator.textOf(h.emulator.message(forwarded(BOOT, id)!.messageId)!)).toContain(
      '孙丽 已回复：已转交后勤处',
    );
    const relayed = textsTo(MEM).filter((t) => t.includes('已转交后勤处，下周公开'));
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toContain(id);
    expect((await FeedbackModel.findById(id).lean())!.state).toBe('replied');
    expect((await say(SUP, '/feedback list')).text).toMatch(new RegExp(`${id} · 2026-11-26 · 张华 · 已回复`));
  }, 60_000);

  it('empty text gets a Chinese hint and stores nothing; the alias 意见 without text opens the form', async () => {
    const before = await FeedbackModel.countDocuments();
    expect((await say(MEM, '/feedback 匿名')).text).toContain('请在命令后写上意见内容');
    const { replies } = await say(MEM, '意见');
    const form = replies.find((m) => m.msgType === 'interactive')!;
    expect(h.emulator.textOf(form)).toContain('匿名提交');
    const empty = await click(form.messageId, MEM, '实名提交', { feedback_text: '   ' });
    expect(empty.toast?.content).toContain('请在命令后写上意见内容');
    expect(await FeedbackModel.countDocuments()).toBe(before);
    expect((await say(MEM, '/feedback list')).text).toContain('仅限');
  }, 60_000);

  it('a member pressing 回复 or 发送回复 is refused and nothing is relayed', async () => {
    const id = (await FeedbackModel.findOne({ anonymous: false }).lean())!._id;
    const card = forwarded(SUP, id)!;
    const before = h.emulator.messages.length;
    const open = await h.emulator.clickButton({ messageId: card.messageId, operator: MEM, text: '回复' });
    expect(open.toast?.content).toContain('仅限');
    const forged = await h.emulator.clickCard({
      messageId: card.messageId,
      operator: MEM,
      value: { a: 'feedback.replySend', id, n: 'forgednonce123' },
      formValue: { feedback_reply: '伪造的回复' },
    });
    expect(forged.toast?.content).toContain('仅限');
    await flush();
    expect(h.emulator.messages.length).toBe(before);
    expect((await FeedbackModel.findById(id).lean())!.replies).toHaveLength(1);
  }, 60_000);

  it('anonymous (text and form): cards say 匿名, a double press relays once, the sender gets the replies', async () => {
    const answer = (await say(ANON, `/feedback 匿名 ${ANON_TEXT}`)).text;
    expect(answer).toContain('已匿名转给监督员和管理员');
    expect(answer).not.toMatch(/F[A-Z0-9]{6}/);
    const doc = (await FeedbackModel.findOne({ text: ANON_TEXT }).lean())!;
    expect(doc).toMatchObject({
      anonymous: true,
      sender: null,
      senderName: '',
      createdAt: null,
      day: '2026-11-26',
    });
    for (const r of [BOOT, SUP]) {
      const text = h.emulator.textOf(forwarded(r, doc._id)!);
      expect(text).toContain(ANON_TEXT);
      expect(text).toContain('提交人：匿名');
      expect(text).not.toContain(ANON_NAME);
      expect(text).not.toContain(ANON);
    }
    const card = forwarded(BOOT, doc._id)!;
    await click(card.messageId, BOOT, '回复');
    const submit = findButton(h.emulator.message(card.messageId)!.current, '发送回复')!;
    const value = callbackValue(submit.element) as Record<string, unknown>;
    const first = await click(card.messageId, BOOT, '发送回复', { feedback_reply: '已约谈该科室负责人' });
    expect(first.toast?.content).toContain('回复已转达');
    // The same form pressed again (a double press) relays nothing more.
    const formCard = await h.emulator.clickCard({
      messageId: card.messageId,
      operator: BOOT,
      value,
      name: 'feedback_reply_send',
      formValue: { feedback_reply: '已约谈该科室负责人' },
    });
    await flush();
    expect(formCard.toast?.content).toContain('无需重复');
    const relayed = textsTo(ANON).filter((t) => t.includes('已约谈该科室负责人'));
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toContain('匿名意见收到 王主任 的回复');
    expect(relayed[0]).not.toContain(doc._id);

    const { replies } = await say(ANON, '/feedback');
    const form = replies.find((m) => m.msgType === 'interactive')!;
    const done = await click(form.messageId, ANON, '匿名提交', { feedback_text: ANON_FORM_TEXT });
    expect(done.toast?.content).toContain('已匿名转给');
    const formDoc = (await FeedbackModel.findOne({ text: ANON_FORM_TEXT }).lean())!;
    expect(formDoc.anonymous).toBe(true);
    await reply(SUP, formDoc._id, '感谢建议，已提交办公室研究');
    expect(textsTo(ANON).filter((t) => t.includes('已提交办公室研究'))).toHaveLength(1);
    expect((await say(BOOT, '/feedback list')).text).toContain(`${formDoc._id} · 2026-11-26 · 匿名 · 已回复`);
  }, 90_000);

  it('no stored field a supervisor or admin can see identifies the anonymous sender', async () => {
    const db = mongoose.connection.db!;
    const items = await FeedbackModel.find({ anonymous: true }).lean();
    expect(items).toHaveLength(2);
    // The reply texts are on the items too: a row naming the sender must not hold them either.
    const secrets = items.flatMap((i) => [i._id, i.text, ...i.replies.map((r) => r.text)]);
    const tokens: string[] = [];
    for (const i of items) {
      const s = JSON.stringify(i);
      expect(s).not.toContain(ANON);
      expect(s).not.toContain(ANON_NAME);
      expect(i.replies.every((r) => r.by !== ANON)).toBe(true);
      // The sender is sealed in the item (no relay token, no feedback_relays row).
      expect(i.relayToken).toBeNull();
      expect(i.sealedSender).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }
    expect(await FeedbackRelayModel.countDocuments({})).toBe(0);
    // What the bot sent the sender (confirmations, the form, relayed replies) is forgotten once delivered.
    await forgetDeliveredToSenders();
    expect(await OutboxMessage.countDocuments({ receiveId: ANON })).toBe(0);
    expect(await OutboxMessage.countDocuments({ openId: ANON })).toBe(0);
    // ... with their delivery records (each record belongs to an entry still there).
    const entries = new Set(
      (await OutboxMessage.find({}).select({ _id: 1 }).lean()).map((d) => String(d._id)),
    );
    const records = await OutboxResult.find({}).lean();
    for (const r of records) expect(entries.has(String(r._id).split(':')[0]!), String(r._id)).toBe(true);
    // The sender's stored events (the /feedback messages, the anonymous form press) name nobody.
    const events = await db.collection('inbox_events').find({}).toArray();
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) expect(JSON.stringify(e)).not.toContain(ANON);
    // Audit: entries about the anonymous items carry no actor and no event id.
    const audits = await AuditEntryModel.find({ target: { $in: items.map((i) => i._id) } }).lean();
    const submits = audits.filter((a) => a.action === 'feedback.submit');
    expect(submits).toHaveLength(2);
    for (const a of submits) {
      expect([a.actor, a.eventId]).toEqual(['匿名', '']);
      expect(a.at.toISOString()).toBe('2026-11-25T16:00:00.000Z'); // the day only: 2026-11-26 00:00 Shanghai
    }
    for (const a of audits) expect(JSON.stringify(a)).not.toContain(ANON);
    // Every collection: a document that names the sender never holds the text, the id or the token
    // (outbox rows addressed to the sender carry the generic confirmation and the replies only).
    let linked = 0;
    for (const { name } of await db.listCollections().toArray()) {
      if (name === 'feedback_relays') continue;
      for (const doc of await db.collection(name).find({}).toArray()) {
        const s = JSON.stringify(doc);
        if (!s.includes(ANON) && !s.includes(ANON_NAME)) continue;
        for (const secret of [...secrets, ...tokens])
          expect(s.includes(secret), `${name}: ${s.slice(0, 300)}`).toBe(false);
        linked++;
      }
    }
    // What still names the sender: their person record (and nothing written for the items).
    expect(linked).toBeGreaterThanOrEqual(1);
    // Outbox cards (what supervisors and admins receive) never name the sender.
    const cards = await OutboxMessage.find({ msgType: 'interactive' }).lean();
    const anonCards = cards.filter((c) => secrets.some((x) => String(c.content).includes(x)));
    expect(anonCards.length).toBeGreaterThanOrEqual(4);
    for (const c of anonCards) expect(String(c.content)).not.toMatch(new RegExp(`${ANON}|${ANON_NAME}`));
    // Logs: no line holds an anonymous text or token; a line naming an anonymous item (the
    // forwarding to supervisors) never names the sender.
    expect(logLines.length).toBeGreaterThan(10);
    const texts = items.map((i) => i.text);
    for (const line of logLines) {
      for (const secret of [...texts, ...tokens]) expect(line).not.toContain(secret);
      if (items.some((i) => line.includes(i._id))) expect(line).not.toContain(ANON);
    }
    expect(logLines.some((l) => items.some((i) => l.includes(i._id)))).toBe(true);
    // The command log line of /feedback leaves the sender out (named or not).
    const feedbackLines = logLines.filter((l) => l.includes('"command":"/feedback"'));
    expect(feedbackLines.length).toBeGreaterThan(0);
    for (const line of feedbackLines) expect(line).not.toContain(ANON);
  }, 60_000);
});
