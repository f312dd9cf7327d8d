/**
 * After the bot is removed from a group, nothing is sent there: the messenger does not enqueue,
 * the sender drops what was already queued without calling the API, and replies to stale events
 * are not attempted. Adding the bot back resumes sending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INACTIVE_CHAT_CODE } from '../../src/lark/chat-gate.js';
import { getDelivery } from '../../src/lark/outbox.js';
import { ChatModel } from '../../src/models/chat.js';
import type { RecordedCall } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_inactive_admin';
const MEMBER = 'ou_inactive_member';
const GROUP = 'oc_inactive_group';

/** True when an Open API call targets GROUP (a send with receive_id, or a reply in it). */
function touchesGroup(call: RecordedCall): boolean {
  return JSON.stringify(call.body ?? {}).includes(GROUP) || JSON.stringify(call.query).includes(GROUP);
}

describe('a chat the bot was removed from', () => {
  useTestDb();
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: MEMBER, name: '李明' });
  });
  afterAll(async () => h?.stop());

  it('gets no more sends, queued or new, until the bot is added back', async () => {
    const { messenger } = h.bot.services;
    await h.emulator.botAddedToChat({
      chatId: GROUP,
      name: '办公室工作群',
      members: [ADMIN, MEMBER],
      operator: ADMIN,
    });
    await h.settle();
    expect(h.emulator.messagesTo({ chatId: GROUP })).toHaveLength(1); // the greeting

    // A message is queued while the chat is active, but not delivered yet.
    await h.bot.sender.stop();
    await messenger.sendText('inactive-test:queued', { chatId: GROUP }, '排队中的消息');
    expect((await getDelivery('inactive-test:queued'))?.state).toBe('pending');

    await h.emulator.botRemovedFromChat({ chatId: GROUP, operator: ADMIN });
    await h.bot.dispatcher.idle();
    expect((await ChatModel.findOne({ chatId: GROUP }).lean())?.active).toBe(false);
    const callsBefore = h.emulator.calls.length;

    // New sends and replies to the chat are not even enqueued.
    await messenger.sendText('inactive-test:after', { chatId: GROUP }, '移除后的消息');
    await messenger.sendCard(
      'inactive-test:card',
      { chatId: GROUP },
      {
        schema: '2.0',
        body: { elements: [{ tag: 'markdown', content: '卡片' }] },
      },
    );
    await messenger.replyText('inactive-test:reply', 'om_some_message', '回复', GROUP);
    const batched = await messenger.sendCardToMany(
      [
        { key: 'inactive-test:many-group', to: { chatId: GROUP } },
        { key: 'inactive-test:many-member', to: { openId: MEMBER } },
      ],
      { schema: '2.0', body: { elements: [{ tag: 'markdown', content: '批量卡片' }] } },
    );
    expect(batched).toBe(1); // the member's copy only
    expect((await getDelivery('inactive-test:many-member'))?.state).toBeDefined();
    for (const key of [
      'inactive-test:after',
      'inactive-test:card',
      'inactive-test:reply',
      'inactive-test:many-group',
    ]) {
      expect(await getDelivery(key), key).toBeNull();
    }
    // A late event from the group (e.g. a Feishu retry) gets no reply either.
    await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: MEMBER,
      text: '/help',
      mentionBot: true,
    });
    await h.bot.dispatcher.idle();

    // The message queued before the removal is dropped without an API call.
    const summary = await h.bot.sender.drain();
    expect(summary.failed).toBe(1);
    expect(summary.sent).toBe(1); // the batched card to the member, not to the group
    expect(h.emulator.messagesTo({ openId: MEMBER }).map((m) => h.emulator.textOf(m))).toEqual(['批量卡片']);
    const dropped = await getDelivery('inactive-test:queued');
    expect(dropped).toMatchObject({ state: 'failed', attempts: 0 });
    expect(dropped?.lastError?.code).toBe(INACTIVE_CHAT_CODE);
    expect(h.emulator.calls.slice(callsBefore).filter(touchesGroup)).toEqual([]);
    expect(h.emulator.messagesTo({ chatId: GROUP })).toHaveLength(1);

    // Sends to people elsewhere are unaffected.
    await messenger.sendText('inactive-test:p2p', { openId: MEMBER }, '单聊消息');
    expect((await h.bot.sender.drain()).sent).toBe(1);

    // Added back: the greeting and new sends go out again.
    h.bot.sender.start();
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: ADMIN });
    await h.settle();
    await messenger.sendText('inactive-test:resumed', { chatId: GROUP }, '恢复后的消息');
    await h.settle();
    const texts = h.emulator.messagesTo({ chatId: GROUP }).map((m) => h.emulator.textOf(m));
    expect(texts).toHaveLength(3);
    expect(texts[2]).toBe('恢复后的消息');
    expect((await getDelivery('inactive-test:resumed'))?.state).toBe('sent');
  });
});
