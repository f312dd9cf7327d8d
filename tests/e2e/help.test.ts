import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_admin_wang';
const MEMBER = 'ou_member_li';
const GROUP = 'oc_office_group';

describe('commands in a group chat, end to end', () => {
  useTestDb();
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN] });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: MEMBER, name: '李明' });
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: [ADMIN, MEMBER] });
  });
  afterAll(async () => h?.stop());

  it('@bot /help posts exactly one valid help card to that chat', async () => {
    const before = h.emulator.messagesTo({ chatId: GROUP }).length;
    const sent = await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: MEMBER,
      text: '/help',
      mentionBot: true,
    });
    expect(sent.status).toBe(200);
    await h.settle();
    const replies = h.emulator.messagesTo({ chatId: GROUP }).slice(before);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.msgType).toBe('interactive');
    expect(reply.parentId).toBe(sent.messageId);
    expect(validateCard(reply.content)).toEqual([]);
    const text = h.emulator.textOf(reply);
    expect(text).toContain('使用帮助');
    expect(text).toContain('/help');
    // A member does not see admin-only commands.
    expect(text).not.toContain('/chat bind');
  });

  it('an admin sees the admin commands in the help card', async () => {
    const before = h.emulator.messagesTo({ chatId: GROUP }).length;
    await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: '帮助',
      mentionBot: true,
    });
    await h.settle();
    const [reply] = h.emulator.messagesTo({ chatId: GROUP }).slice(before);
    expect(h.emulator.textOf(reply!)).toContain('/chat bind');
  });

  it('/help chat explains one command family with its aliases and who may use it', async () => {
    const before = h.emulator.messagesTo({ chatId: GROUP }).length;
    await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: MEMBER,
      text: '/help chat',
      mentionBot: true,
    });
    await h.settle();
    const [reply] = h.emulator.messagesTo({ chatId: GROUP }).slice(before);
    const text = h.emulator.textOf(reply!);
    expect(text).toContain('命令说明：/chat');
    expect(text).toContain('群聊 绑定');
    expect(text).toContain('可使用：管理员');
  });

  it('a burst of messages from a new person makes one contact lookup', async () => {
    const NEW = 'ou_member_burst';
    h.emulator.addUser({ openId: NEW, name: '赵新' });
    await Promise.all(
      Array.from({ length: 6 }, () =>
        h.emulator.sendText({
          chatId: GROUP,
          chatType: 'group',
          sender: NEW,
          text: '/whoami',
          mentionBot: true,
        }),
      ),
    );
    await h.settle();
    const lookups = h.emulator.calls.filter(
      (c) => c.operation === 'contact.user.get' && c.path.includes(NEW),
    );
    expect(lookups).toHaveLength(1);
  });

  it('the same event delivered three times still gets one reply', async () => {
    const before = h.emulator.messagesTo({ chatId: GROUP }).length;
    const first = await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: MEMBER,
      text: '/help',
      mentionBot: true,
    });
    await h.emulator.redeliver(first.eventId);
    await h.emulator.redeliver(first.eventId);
    await h.settle();
    expect(h.emulator.messagesTo({ chatId: GROUP }).slice(before)).toHaveLength(1);
  });

  it('a malformed command gets a Chinese usage hint and changes nothing', async () => {
    const before = h.emulator.messagesTo({ chatId: GROUP }).length;
    for (const [sender, text] of [
      [ADMIN, '/chat bind "办公室'],
      [ADMIN, '/chat bogus'],
      [MEMBER, '/hlep'],
    ] as const) {
      await h.emulator.sendText({ chatId: GROUP, chatType: 'group', sender, text, mentionBot: true });
      await h.settle();
    }
    const texts = h.emulator
      .messagesTo({ chatId: GROUP })
      .slice(before)
      .map((m) => h.emulator.textOf(m));
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('引号没有配对');
    expect(texts[1]).toContain('用法');
    expect(texts[1]).toContain('/chat bind');
    expect(texts[2]).toContain('您是不是想输入 /help');
  });

  it('a member is refused an admin command, politely, with no effect', async () => {
    const before = h.emulator.messagesTo({ chatId: GROUP }).length;
    await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: MEMBER,
      text: '/chat bind 财务科',
      mentionBot: true,
    });
    await h.settle();
    const [reply] = h.emulator.messagesTo({ chatId: GROUP }).slice(before);
    expect(h.emulator.textOf(reply!)).toContain('仅限管理员');
    const { ChatModel } = await import('../../src/models/chat.js');
    expect(await ChatModel.findOne({ chatId: GROUP }).lean()).toBeNull();
  });

  it('an admin binds the group, and the bind form works through a card callback', async () => {
    for (const name of ['办公室', '纪检组']) {
      await h.emulator.sendText({ chatType: 'p2p', sender: ADMIN, text: `/dept add ${name}` });
      await h.settle();
    }
    const { DepartmentModel } = await import('../../src/models/department.js');
    const discipline = (await DepartmentModel.findOne({ name: '纪检组' }).lean())!;
    await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: '/chat bind 办公室',
      mentionBot: true,
    });
    await h.settle();
    expect(h.emulator.textOf(h.emulator.messagesTo({ chatId: GROUP }).at(-1)!)).toContain(
      '已将本群绑定到“办公室”',
    );

    await h.emulator.sendText({
      chatId: GROUP,
      chatType: 'group',
      sender: ADMIN,
      text: '/chat bind',
      mentionBot: true,
    });
    await h.settle();
    const form = h.emulator.latestCard({ chatId: GROUP })!;
    expect(validateCard(form.content)).toEqual([]);

    const refused = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: MEMBER,
      text: '确认绑定',
      formValue: { department: '财务科' },
    });
    expect(refused.status).toBe(200);
    expect(refused.toast?.type).toBe('error');
    expect(refused.toast?.content).toContain('仅限管理员');

    const clicked = await h.emulator.clickButton({
      messageId: form.messageId,
      operator: ADMIN,
      text: '确认绑定',
      formValue: { department: discipline._id },
    });
    expect(clicked.status).toBe(200);
    expect(clicked.elapsedMs).toBeLessThan(3000);
    expect(clicked.toast?.content).toContain('现已改为“纪检组”');
    expect(h.emulator.textOf(h.emulator.message(form.messageId)!)).toContain('已绑定到“纪检组”');
    const { ChatModel } = await import('../../src/models/chat.js');
    expect((await ChatModel.findOne({ chatId: GROUP }).lean())?.deptId).toBe(discipline._id);
  });
});
