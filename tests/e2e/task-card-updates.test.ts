import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_card_boot'; // BOT_ADMINS
const LI = 'ou_card_li'; // 督办领导
const ZHANG = 'ou_card_zhang';
const CHEN = 'ou_card_chen';
const GROUP = 'oc_card_group';

/**
 * One update per button press: the callback answer replaces the pressed card; the outbox patches
 * only the other copies (never the pressed message a second time).
 */
describe('task card: each press updates the pressed card once', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z');

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
    await h.settle();
    return h.emulator.messages
      .filter((m) => m.parentId === sent.messageId)
      .map((m) => h.emulator.textOf(m))
      .join('\n');
  }

  /** `im.message.patch` calls the bot made for one message. */
  const patches = (messageId: string) =>
    h.emulator.calls.filter((c) => c.operation === 'im.message.patch' && c.path.endsWith(`/${messageId}`))
      .length;

  /** The task card `openId` got in p2p for task `id`. */
  const p2pCard = (openId: string, id: string) => {
    const card = h.emulator
      .messagesTo({ openId })
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(`【任务 ${id}】`))
      .at(-1);
    expect(card).toBeDefined();
    expect(validateCard(card!.current)).toEqual([]);
    return card!;
  };

  beforeAll(async () => {
    // The machine is shared: a slow callback still answers in time (the over-budget path — a toast
    // now, the card later — is the dispatcher's and tested there).
    h = await startHarness({
      admins: [BOOT],
      clock,
      emulator: { callbackTimeoutMs: 15_000 },
      bot: { callbackBudgetMs: 12_000 },
    });
    for (const [openId, name] of [
      [BOOT, '王主任'],
      [LI, '李明'],
      [ZHANG, '张华'],
      [CHEN, '陈静'],
    ] as const) {
      h.emulator.addUser({ openId, name });
    }
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: [BOOT, LI, ZHANG, CHEN] });
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: BOOT });
    await h.settle();
  });
  afterAll(async () => h?.stop());

  it('in a group: the callback answer is the only update of the shared card', async () => {
    await say(BOOT, '/task add 廉政谈话记录 @张华 @陈静 截止 2026-12-05 18:00', {
      chatId: GROUP,
      mentions: [ZHANG, CHEN],
    });
    const card = h.emulator.latestCard({ chatId: GROUP })!;
    expect(h.emulator.textOf(h.emulator.message(card.messageId)!)).toContain('廉政谈话记录');
    const press = await h.emulator.clickButton({
      messageId: card.messageId,
      operator: ZHANG,
      text: '确认收到',
    });
    await h.settle();
    expect(press.toast?.type).toBe('success');
    expect(JSON.stringify((press.body as { card?: unknown }).card)).toContain('张华：已确认');
    expect(h.emulator.textOf(h.emulator.message(card.messageId)!)).toContain('张华：已确认');
    await h.emulator.clickButton({
      messageId: card.messageId,
      operator: CHEN,
      text: '提交销号',
      formValue: { task_note: '已完成' },
    });
    await h.settle();
    expect(h.emulator.textOf(h.emulator.message(card.messageId)!)).toContain('陈静：已提交');
    expect(patches(card.messageId)).toBe(0);
  });

  it('in p2p: the pressed copy is answered by the callback, the other copies are patched once', async () => {
    expect(
      await say(BOOT, '/task add 档案自查 @张华 截止 2026-12-05 18:00 督办 @李明', { mentions: [ZHANG, LI] }),
    ).toContain('已布置任务');
    const id = (await TaskModel.findOne({ title: '档案自查' }).lean())!._id;
    const mine = p2pCard(ZHANG, id);
    const creator = p2pCard(BOOT, id);
    const leader = p2pCard(LI, id);
    const press = await h.emulator.clickButton({
      messageId: mine.messageId,
      operator: ZHANG,
      text: '确认收到',
    });
    await h.settle();
    expect(press.toast?.type).toBe('success');
    expect(patches(mine.messageId)).toBe(0);
    expect(patches(creator.messageId)).toBe(1);
    expect(patches(leader.messageId)).toBe(1);
    for (const copy of [mine, creator, leader]) {
      expect(h.emulator.textOf(h.emulator.message(copy.messageId)!)).toContain('张华：已确认');
    }
    // The leader approves on their own copy: that one by the callback, the two others by a patch.
    await h.emulator.clickButton({
      messageId: mine.messageId,
      operator: ZHANG,
      text: '提交销号',
      formValue: { task_note: '已自查' },
    });
    await h.settle();
    await h.emulator.clickButton({ messageId: leader.messageId, operator: LI, text: '通过', formValue: {} });
    await h.settle();
    expect(patches(mine.messageId)).toBe(1);
    expect(patches(creator.messageId)).toBe(3);
    expect(patches(leader.messageId)).toBe(2);
    for (const copy of [mine, creator, leader]) {
      expect(h.emulator.textOf(h.emulator.message(copy.messageId)!)).toContain('**状态**：已销号');
    }
  });
});
