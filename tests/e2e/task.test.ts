import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTaskListener, type TaskChange } from '../../src/domain/tasks.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { TaskAssignmentModel, TaskModel, TaskTransitionModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_task_boot'; // BOT_ADMINS
const LI = 'ou_task_li'; // leader of 办公室
const ZHANG = 'ou_task_zhang'; // member of 办公室
const CHEN = 'ou_task_chen'; // member of 办公室
const ZHAO = 'ou_task_zhao'; // member of 财务处
const SUN = 'ou_task_sun'; // supervisor
const WU = 'ou_task_wu'; // nobody in particular
const GROUP = 'oc_task_office';

const PEOPLE: Array<[string, string]> = [
  [BOOT, '王主任'],
  [LI, '李明'],
  [ZHANG, '张华'],
  [CHEN, '陈静'],
  [ZHAO, '赵强'],
  [SUN, '孙丽'],
  [WU, '吴刚'],
];

/** Thursday 2026-11-26 10:00 in Shanghai. */
const START = '2026-11-26T02:00:00Z';

describe('task ledger: create, close out on the card, queries, end to end', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock(START);
  const changes: TaskChange[] = [];
  let stopListening = () => {};

  /** Sends a command (p2p unless `chatId`), waits, and returns the bot's replies as text. */
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
    const replies = h.emulator.messages.filter((m) => m.parentId === sent.messageId);
    for (const r of replies) if (r.msgType === 'interactive') expect(validateCard(r.content)).toEqual([]);
    return replies.map((m) => h.emulator.textOf(m)).join('\n');
  }

  /** The current task card in the group, checked against the card rules. */
  function groupCard() {
    const card = h.emulator.latestCard({ chatId: GROUP })!;
    expect(validateCard(card.current)).toEqual([]);
    return card;
  }

  async function click(
    messageId: string,
    operator: string,
    text: string,
    formValue?: Record<string, unknown>,
  ) {
    const result = await h.emulator.clickButton({ messageId, operator, text, formValue });
    await h.settle();
    expect(result.status).toBe(200);
    expect(result.clientError).toBeUndefined();
    return result;
  }

  const cardText = (messageId: string) => h.emulator.textOf(h.emulator.message(messageId)!);
  /** The text of the task card a person got in p2p (a task without a group). */
  const p2pCard = (openId: string, id: string) => {
    const card = h.emulator
      .messagesTo({ openId })
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(`【任务 ${id}】`))
      .at(-1);
    expect(card).toBeDefined();
    expect(validateCard(card!.current)).toEqual([]);
    return h.emulator.textOf(card!);
  };
  const assignment = (taskId: string, openId: string) =>
    TaskAssignmentModel.findById(`${taskId}:${openId}`).lean();

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    for (const [openId, name] of PEOPLE) h.emulator.addUser({ openId, name });
    h.emulator.addChat({ chatId: GROUP, name: '办公室工作群', members: PEOPLE.map(([id]) => id) });
    await h.emulator.botAddedToChat({ chatId: GROUP, operator: BOOT });
    await h.settle();
    await say(BOOT, '/dept add 机关');
    await say(BOOT, '/dept add 办公室 机关');
    await say(BOOT, '/dept add 财务处 机关');
    await say(BOOT, '/role leader @李明 办公室', { mentions: [LI] });
    await say(BOOT, '/role member @张华 办公室', { mentions: [ZHANG] });
    await say(BOOT, '/role member @陈静 办公室', { mentions: [CHEN] });
    await say(BOOT, '/role member @赵强 财务处', { mentions: [ZHAO] });
    await say(BOOT, '/role supervisor @孙丽', { mentions: [SUN] });
    expect(await say(BOOT, '/chat bind 办公室', { chatId: GROUP })).toContain('办公室');
    stopListening = registerTaskListener((c) => {
      changes.push(c);
    });
  });
  afterAll(async () => {
    stopListening();
    await h?.stop();
  });

  it('bad input gets a Chinese message saying what to type, and creates nothing', async () => {
    const cases: Array<[string, string[], string]> = [
      ['/task add 整改台账 @张华 截止 2026-11-01 18:00', [ZHANG], '已经过去'],
      ['/task add 整改台账 @不存在的人 截止 2026-12-05 18:00', [], '找不到负责人“不存在的人”'],
      ['/task add @张华 截止 2026-12-05 18:00', [ZHANG], '请填写任务标题'],
      ['/task add 整改台账 @张华 截止 2026-13-45 18:00', [ZHANG], '截止时间有误'],
      ['/task add 整改台账 @张华 截止 下周', [ZHANG], '截止时间有误'],
      ['/task add 整改台账 截止 2026-12-05 18:00', [], '请用 @ 指定至少一位负责人'],
      ['/task add 整改台账 @张华', [ZHANG], '请填写截止时间'],
    ];
    for (const [text, mentions, expected] of cases) {
      expect(await say(BOOT, text, { chatId: GROUP, mentions })).toContain(expected);
    }
    expect(
      await say(ZHANG, '/task add 整改台账 @陈静 截止 2026-12-05 18:00', { mentions: [CHEN] }),
    ).toContain('仅限');
    expect(await say(LI, '/task add 财务检查 @赵强 截止 2026-12-05 18:00', { mentions: [ZHAO] })).toContain(
      '不在您分管的部门内',
    );
    expect(await TaskModel.countDocuments()).toBe(0);
    expect(await TaskTransitionModel.countDocuments()).toBe(0);
  });

  it('create by text → confirm → submit → return → resubmit → approve → 已销号', async () => {
    const reply = await say(BOOT, '/task add 廉政风险点排查 @张华 @陈静 截止 2026-12-05 18:00 督办 @李明', {
      chatId: GROUP,
      mentions: [ZHANG, CHEN, LI],
    });
    expect(reply).toContain('已布置任务');
    const task = (await TaskModel.findOne({ title: '廉政风险点排查' }).lean())!;
    expect(task._id).toMatch(/^T[0-9A-Z]{4}$/);
    expect(task).toMatchObject({ owners: [ZHANG, CHEN], leader: LI, chatId: GROUP, state: 'open' });
    expect(changes.filter((c) => c.task.id === task._id).map((c) => c.kind)).toEqual(['created']);
    const card = groupCard();
    let text = cardText(card.messageId);
    expect(text).toContain(`【任务 ${task._id}】廉政风险点排查`);
    expect(text).toContain('2026-12-05 18:00（剩余 6 个工作日）');
    expect(text).toContain('张华：未确认');
    expect(text).toContain('**督办领导**：李明');

    // A non-owner's press: a polite toast, nothing changes.
    const stranger = await click(card.messageId, WU, '确认收到');
    expect(stranger.toast?.content).toContain('只有该任务的负责人');
    expect((await assignment(task._id, ZHANG))?.state).toBe('pending');

    const confirmed = await click(card.messageId, ZHANG, '确认收到');
    expect(confirmed.toast?.type).toBe('success');
    // The callback answer carries the updated card too (the clicker sees it at once).
    expect(JSON.stringify((confirmed.body as { card?: unknown }).card)).toContain('张华：已确认');
    expect(cardText(card.messageId)).toContain('张华：已确认');
    expect(cardText(card.messageId)).toContain('陈静：未确认');

    const submitted = await click(card.messageId, ZHANG, '提交销号', { task_note: '已完成排查，形成清单' });
    expect(submitted.toast?.content).toContain('已提交销号');
    text = cardText(card.messageId);
    expect(text).toContain('张华：已提交');
    expect(text).toContain('已完成排查，形成清单');

    // Only the creator or the leader may review.
    const byOwner = await click(card.messageId, ZHANG, '通过', {});
    expect(byOwner.toast?.content).toContain('只有任务的布置人或督办领导');

    const returned = await click(card.messageId, LI, '退回', { task_reason_0: '缺少佐证材料' });
    expect(returned.toast?.content).toContain('已退回 张华');
    expect(cardText(card.messageId)).toContain('张华：已确认（已退回：缺少佐证材料）');
    const notice = h.emulator.messages.filter((m) => h.emulator.textOf(m).includes('被退回'));
    expect(notice.length).toBe(1);

    await click(card.messageId, ZHANG, '提交销号', { task_note: '已补充佐证材料' });
    await click(card.messageId, CHEN, '提交销号', { task_note: '本科室无问题' });
    expect(cardText(card.messageId)).toContain('陈静：已提交');
    const first = await click(card.messageId, LI, '通过', {});
    expect(first.toast?.content).toContain('已通过 张华');
    const last = await click(card.messageId, BOOT, '通过', {});
    expect(last.toast?.content).toContain('已全部销号');
    text = cardText(card.messageId);
    expect(text).toContain('张华：已销号');
    expect(text).toContain('陈静：已销号');
    expect(text).toContain('**状态**：已销号');
    expect(text).not.toContain('提交销号');
    expect((await TaskModel.findById(task._id).lean())?.state).toBe('closed');
    expect(changes.filter((c) => c.task.id === task._id).map((c) => c.kind)).toContain('closed');

    const history = await TaskTransitionModel.find({ taskId: task._id, owner: ZHANG })
      .sort({ _id: 1 })
      .lean();
    expect(history.map((t) => t.action)).toEqual(['confirm', 'submit', 'return', 'submit', 'approve']);
    expect(history.map((t) => t._id)).toEqual([1, 2, 3, 4, 5].map((n) => `${task._id}:${ZHANG}:${n}`));

    const after = await click(card.messageId, CHEN, '确认收到').catch((e: Error) => e);
    expect(after).toBeInstanceOf(Error); // no buttons left on a closed task
  });

  it('a double-clicked 提交销号 records one submission', async () => {
    await say(BOOT, '/task add 制度汇编 @张华 截止 2026-12-08 18:00', { chatId: GROUP, mentions: [ZHANG] });
    const task = (await TaskModel.findOne({ title: '制度汇编' }).lean())!;
    const card = groupCard();
    const clicks = await Promise.all([
      h.emulator.clickButton({
        messageId: card.messageId,
        operator: ZHANG,
        text: '提交销号',
        formValue: { task_note: 'a' },
      }),
      h.emulator.clickButton({
        messageId: card.messageId,
        operator: ZHANG,
        text: '提交销号',
        formValue: { task_note: 'a' },
      }),
    ]);
    await h.settle();
    expect(clicks.map((c) => c.toast?.type).sort()).toEqual(['success', 'warning']);
    expect(clicks.some((c) => c.toast?.content?.includes('已处理'))).toBe(true);
    expect(await TaskTransitionModel.countDocuments({ taskId: task._id, action: 'submit' })).toBe(1);
    const again = await click(card.messageId, ZHANG, '确认收到').catch(() => undefined);
    expect(again).toBeUndefined(); // nobody pending: no confirm button
    expect((await assignment(task._id, ZHANG))?.state).toBe('submitted');
  });

  it('creates from the form; without review a submission completes the task', async () => {
    await say(BOOT, '/task add', { chatId: GROUP });
    const form = groupCard();
    expect(cardText(form.messageId)).toContain('布置任务');
    const base = {
      task_title: '廉洁文化宣传',
      task_desc: '每个科室报送一篇稿件',
      task_category: 'key',
      task_owners: [CHEN],
      task_deadline: '2026-12-10 17:30 +0800',
      task_chat: GROUP,
      task_approval: false,
    };
    const noOwners = await click(form.messageId, BOOT, '布置任务', { ...base, task_owners: [] });
    expect(noOwners.toast?.content).toContain('请在“选择负责人”中至少选一位同事');
    const past = await click(form.messageId, BOOT, '布置任务', {
      ...base,
      task_deadline: '2026-11-20 09:00 +0800',
    });
    expect(past.toast?.content).toContain('已经过去');
    const byMember = await click(form.messageId, ZHANG, '布置任务', base);
    expect(byMember.toast?.type).toBe('error');
    expect(await TaskModel.countDocuments({ title: '廉洁文化宣传' })).toBe(0);

    const done = await click(form.messageId, BOOT, '布置任务', base);
    expect(done.toast?.type).toBe('success');
    const task = (await TaskModel.findOne({ title: '廉洁文化宣传' }).lean())!;
    expect(task).toMatchObject({ category: 'key', requiresApproval: false, chatId: GROUP, owners: [CHEN] });
    expect(task.deadline.toISOString()).toBe('2026-12-10T09:30:00.000Z');
    const card = groupCard();
    expect(cardText(card.messageId)).toContain('**类别**：重点工作');
    await click(card.messageId, CHEN, '提交销号', { task_note: '稿件已报送' });
    expect(cardText(card.messageId)).toContain('**状态**：已完成');
    expect((await TaskModel.findById(task._id).lean())?.state).toBe('closed');

    // Sent in a group without choosing a chat: the card goes to that group.
    await say(LI, '/task add', { chatId: GROUP });
    const second = groupCard();
    const { task_chat: _chat, ...noChat } = base;
    const ok = await click(second.messageId, LI, '布置任务', {
      ...noChat,
      task_title: '学习教育',
      task_owners: [ZHANG],
    });
    expect(ok.toast?.type).toBe('success');
    expect((await TaskModel.findOne({ title: '学习教育' }).lean())?.chatId).toBe(GROUP);
    expect(cardText(groupCard().messageId)).toContain('【任务');
  });

  it('list, show, edit and cancel, each within its permissions', async () => {
    expect(await say(LI, '/task add 档案整理 @张华 截止 2026-12-03 18:00', { mentions: [ZHANG] })).toContain(
      '已布置任务',
    );
    const task = (await TaskModel.findOne({ title: '档案整理' }).lean())!;
    const id = task._id;
    // Created in p2p without a group: each person gets their own copy of the card.
    expect(p2pCard(ZHANG, id)).toContain('档案整理');

    expect(await say(ZHANG, `/task edit ${id} 截止 2026-12-20 18:00`)).toContain('只有任务的布置人');
    expect(await say(LI, `/task edit ${id} 截止 2026-11-20 18:00`)).toContain('已经过去');
    expect(await say(LI, `任务 修改 ${id} 截止 2026-12-04 12:00`)).toContain('截止时间改为 2026-12-04 12:00');
    expect(await say(LI, `/task edit ${id} 负责人 @张华 @陈静`, { mentions: [ZHANG, CHEN] })).toContain(
      '张华、陈静',
    );
    expect((await TaskModel.findById(id).lean())?.owners).toEqual([ZHANG, CHEN]);
    expect(await AuditEntryModel.countDocuments({ action: 'task.edit', outcome: 'ok', target: id })).toBe(2);
    expect(
      await AuditEntryModel.countDocuments({ action: 'task.edit', outcome: 'refused', target: id }),
    ).toBe(1);
    expect(p2pCard(CHEN, id)).toContain('2026-12-04 12:00');

    const mine = await say(ZHAO, '/task list');
    expect(mine).toContain('（0 项）');
    const zhang = await say(ZHANG, '/task list 我的');
    expect(zhang).toContain(id);
    expect(zhang).toContain('制度汇编');
    expect(zhang).not.toContain('廉洁文化宣传');
    const all = await say(SUN, '/task list 全部');
    for (const title of ['廉政风险点排查', '制度汇编', '廉洁文化宣传', '学习教育', '档案整理'])
      expect(all).toContain(title);
    expect(await say(LI, '/task list 部门 办公室')).toContain('档案整理');
    expect(await say(LI, '/task list 部门 财务处')).toContain('只能查看自己分管部门');

    clock.set('2026-12-05T02:00:00Z');
    const overdue = await say(BOOT, '任务列表 逾期');
    expect(overdue).toContain('逾期任务（1 项）');
    expect(overdue).toContain('档案整理');

    const show = await say(SUN, `/task show ${id}`);
    expect(show).toContain('办理记录');
    expect(show).toContain('李明 修改');
    expect(show).toContain('已逾期');
    expect(await say(WU, `/task show ${id}`)).toContain('无权查看');
    expect(await say(WU, '/task show TZZZZ')).toContain('找不到任务 TZZZZ');

    expect(await say(ZHANG, `/task cancel ${id}`)).toContain('只有任务的布置人');
    expect(await say(BOOT, `撤销任务 ${id} 不再需要`)).toContain(`已撤销任务 ${id}`);
    expect(await say(BOOT, `/task cancel ${id}`)).toContain('已撤销');
    expect((await TaskModel.findById(id).lean())?.state).toBe('cancelled');
    expect(p2pCard(ZHANG, id)).toContain('**状态**：已撤销');
    const actions = (await TaskTransitionModel.find({ taskId: id, owner: null }).sort({ _id: 1 }).lean()).map(
      (t) => t.action,
    );
    expect(actions).toEqual(['create', 'edit', 'edit', 'cancel']);
    expect(changes.filter((c) => c.task.id === id).map((c) => c.kind)).toEqual([
      'created',
      'edited',
      'edited',
      'cancelled',
    ]);
  });
});
