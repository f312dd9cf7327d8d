import mongoose from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetDeliveredToSenders } from '../../src/domain/feedback-relay.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { FeedbackModel, FeedbackReplyClaimModel } from '../../src/models/feedback.js';
import { InboxEventModel } from '../../src/models/inbox-event.js';
import { ManualClock } from '../../src/time/clock.js';
import { callbackValue, findButton } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_fbc_boot';
const SENDER = 'ou_fbc_sender';
const SENDER_NAME = '赵敏';

type Spyable = Record<string, (...a: unknown[]) => unknown>;

// Audit entries are group-committed (src/batching): their write is the collection's insertMany.

/** The next matching call of `obj[method]` does its write, then the process "dies". */
function crashAfter(obj: object, method: string, match: (args: unknown[]) => boolean = () => true) {
  const target = obj as Spyable;
  const original = target[method]!.bind(obj);
  const spy = vi.spyOn(target, method).mockImplementation(async (...args: unknown[]) => {
    const result = await original(...args);
    if (!match(args)) return result;
    spy.mockRestore();
    throw new Error('simulated crash');
  });
}

/** The next matching call of `obj[method]` never happens: the process "died" just before it. */
function crashBefore(obj: object, method: string, match: (args: unknown[]) => boolean = () => true) {
  const target = obj as Spyable;
  const original = target[method]!.bind(obj);
  const spy = vi.spyOn(target, method).mockImplementation(async (...args: unknown[]) => {
    if (!match(args)) return original(...args);
    spy.mockRestore();
    throw new Error('simulated crash');
  });
}

const has = (text: string) => (args: unknown[]) => JSON.stringify(args).includes(text);

describe('crash windows of anonymous feedback and of a reply relay', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  const flush = () => drainOnManualClock(h, clock);

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock, emulator: { callbackTimeoutMs: 15_000 }, bot: { callbackBudgetMs: 12_000 } });
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    h.emulator.addUser({ openId: SENDER, name: SENDER_NAME });
  }, 60_000);
  afterAll(async () => h?.stop());
  afterEach(() => vi.restoreAllMocks());

  /**
   * What a process killed mid-event leaves: the event stored, `processing`, its lease running
   * out. (The simulated crash made the handler fail instead; put the event back as a kill would.)
   */
  async function restartAfterCrash(eventId: string) {
    vi.restoreAllMocks();
    await InboxEventModel.updateOne({ _id: eventId }, { $set: { state: 'processing', leaseUntil: new Date(clock.now().getTime() - 1) } });
    clock.advance(5 * 60_000);
    expect(await h.bot.dispatcher.recoverStranded()).toBeGreaterThanOrEqual(1);
    await flush();
  }

  const cardsTo = (openId: string, id: string) =>
    h.emulator.messagesTo({ openId }).filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(`监督员意见 · ${id}`));
  const textsTo = (openId: string, part: string) =>
    h.emulator.messagesTo({ openId }).filter((m) => m.msgType === 'text' && h.emulator.textOf(m).includes(part));

  const feedbackPoints: Array<[string, () => void]> = [
    ['after the item is stored', () => crashAfter(FeedbackModel, 'create')],
    ['after the forwards, before the audit entry', () => crashBefore(AuditEntryModel.collection, 'insertMany')],
    ['after the audit entry', () => crashAfter(AuditEntryModel.collection, 'insertMany')],
    ['after the answer, before the event forgets its sender', () => crashBefore(InboxEventModel, 'updateOne', has('envelope.event.sender'))],
    ['after the event forgot its sender', () => crashAfter(InboxEventModel, 'updateOne', has('envelope.event.sender'))],
  ];

  it.each(feedbackPoints)('anonymous /feedback, a crash %s: the re-run leaves one item, one forward, one answer', async (_name, crash) => {
    const text = `匿名反映：${_name}`;
    crash();
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender: SENDER, text: `/feedback 匿名 ${text}` });
    expect(sent.status).toBe(200);
    await flush();
    const event = await InboxEventModel.findById(sent.eventId).lean();
    expect(event?.state).toBe('processing'); // the simulated crash stopped the handler (a throw is retried after 60 s)
    await restartAfterCrash(sent.eventId);

    const items = await FeedbackModel.find({ text }).lean();
    expect(items).toHaveLength(1);
    const id = items[0]!._id;
    expect(cardsTo(BOOT, id)).toHaveLength(1);
    expect(await AuditEntryModel.countDocuments({ target: id, action: 'feedback.submit' })).toBe(1);
    expect(textsTo(SENDER, '已匿名转给')).toHaveLength(feedbackPoints.findIndex(([n]) => n === _name) + 1);
    // Once delivered and forgotten, nothing stored for this item names the sender.
    await forgetDeliveredToSenders();
    const db = mongoose.connection.db!;
    for (const { name } of await db.listCollections().toArray()) {
      for (const doc of await db.collection(name).find({}).toArray()) {
        const s = JSON.stringify(doc);
        if (s.includes(id) || s.includes(text)) expect(s, name).not.toMatch(new RegExp(`${SENDER}|${SENDER_NAME}`));
      }
    }
    expect(JSON.stringify(await InboxEventModel.findById(sent.eventId).lean())).not.toContain(SENDER);
  }, 60_000);

  it('named /feedback: a crash after the item is stored, then the re-run, leaves one item (keyed by the event)', async () => {
    const text = '实名建议：公开会议纪要';
    crashAfter(FeedbackModel, 'create');
    const sent = await h.emulator.sendText({ chatType: 'p2p', sender: SENDER, text: `/feedback ${text}` });
    await flush();
    await restartAfterCrash(sent.eventId);
    const items = await FeedbackModel.find({ text }).lean();
    expect(items).toHaveLength(1);
    expect(items[0]!.sender).toBe(SENDER);
    expect(cardsTo(BOOT, items[0]!._id)).toHaveLength(1);
  }, 60_000);

  const relayPoints: Array<[string, () => void]> = [
    ['after the claim', () => crashAfter(FeedbackReplyClaimModel, 'create')],
    ['after the relay is queued, before it is recorded on the item', () => crashBefore(FeedbackModel, 'updateOne', has('replies'))],
    ['after it is recorded on the item', () => crashAfter(FeedbackModel, 'updateOne', has('replies'))],
    ['after the audit entry', () => crashAfter(AuditEntryModel.collection, 'insertMany', has('feedback.reply'))],
    ['after the claim is marked done', () => crashAfter(FeedbackReplyClaimModel, 'updateOne')],
  ];

  it.each(relayPoints)('a reply relay, a crash %s: pressing the form again relays it exactly once', async (name, crash) => {
    const text = `需要回复的匿名意见：${name}`;
    await h.emulator.sendText({ chatType: 'p2p', sender: SENDER, text: `/feedback 匿名 ${text}` });
    await flush();
    const item = (await FeedbackModel.findOne({ text }).lean())!;
    const card = cardsTo(BOOT, item._id)[0]!;
    await h.emulator.clickButton({ messageId: card.messageId, operator: BOOT, text: '回复' });
    await flush();
    const button = findButton(h.emulator.message(card.messageId)!.current, '发送回复')!;
    const value = callbackValue(button.element) as Record<string, unknown>;
    const reply = `已核实处理（${name}）`;
    const press = () =>
      h.emulator.clickCard({ messageId: card.messageId, operator: BOOT, value, name: 'feedback_reply_send', formValue: { feedback_reply: reply } });
    crash();
    const first = await press();
    await flush();
    expect(first.status).toBe(200);
    vi.restoreAllMocks();
    const again = await press(); // the re-run: the same form pressed again
    await flush();
    expect(again.status).toBe(200);
    const third = await press(); // and once more: nothing left to do
    await flush();
    expect(third.toast?.content).toContain('无需重复');
    expect(textsTo(SENDER, reply)).toHaveLength(1);
    const stored = (await FeedbackModel.findById(item._id).lean())!;
    expect(stored.replies.filter((r) => r.text === reply)).toHaveLength(1);
    expect(await AuditEntryModel.countDocuments({ target: item._id, action: 'feedback.reply' })).toBe(1);
  }, 60_000);
});
