/**
 * Department scope, end to end through the emulator: a leader of 办公室 (with 综合科 below it)
 * exports a poll spanning 办公室 and 财务处 and sees no 财务处 voter; `/poll results` and
 * `/poll list` name nobody; the `/pledge new`, `/task add` and `/poll new` forms offer only the
 * leader's departments and chats, and forged submits naming 财务处 or its chat are refused,
 * audited and change nothing; an anonymous poll where 财务处 has 3 respondents reveals their
 * split through no combination of the shown figures (the results card, the admin's and the
 * leader's exports).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDepartments } from '../../src/domain/departments.js';
import { tallyPoll } from '../../src/domain/poll-results.js';
import { getPoll } from '../../src/domain/polls.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { PledgeModel } from '../../src/models/pledge.js';
import { PollModel } from '../../src/models/poll.js';
import { TaskModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { validateCard } from '../emulator/index.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { revealedGroups } from '../support/subtraction.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_ds_boot';
const LEAD_A = 'ou_ds_lead_a'; // leader of 办公室 (and so of 综合科 below it)
const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `ou_ds_${p}${i + 1}`);
const A = ids('a', 6); // 办公室
const K = 'ou_ds_k1'; // 综合科 (below 办公室)
const B = ids('b', 6); // 财务处
const C = ids('c', 6); // 纪检组
const CHAT_A = 'oc_ds_office';
const CHAT_B = 'oc_ds_finance';
const CHAT_C = 'oc_ds_discipline';
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏';
const NAMES = new Map<string, string>([
  [BOOT, '王主任'],
  [LEAD_A, '陈处长'],
  [K, '综合科小刘'],
  ...[...A, ...B, ...C].map((id, i): [string, string] => [
    id,
    `${SURNAMES[i]}${id.slice(6, 7) === 'b' ? '财' : '员'}${i}`,
  ]),
]);

describe('department scope on exports, lists and form targets', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z'); // Thursday 10:00 in Shanghai
  const flush = () => drainOnManualClock(h, clock);

  async function say(sender: string, text: string, opts: { chatId?: string; mentions?: string[] } = {}) {
    clock.advance(1500);
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

  /** The form card answered to a command, as JSON text (its options). */
  async function formOf(sender: string, command: string) {
    const { replies } = await say(sender, command);
    const form = replies.find((m) => m.msgType === 'interactive');
    expect(form).toBeDefined();
    return { id: form!.messageId, json: JSON.stringify(form!.current) };
  }

  /** The files a person received since `from` (csv: name → text). */
  function filesSince(openId: string, from: number): Map<string, string> {
    const files = h.emulator
      .messagesTo({ openId })
      .slice(from)
      .filter((m) => m.msgType === 'file');
    return new Map(
      files.map((m) => {
        const up = h.emulator.uploadedFile(m)!;
        return [up.fileName, up.bytes.toString('utf8').replace(/^\uFEFF/, '')];
      }),
    );
  }

  const refusals = (action: string) => AuditEntryModel.find({ action, outcome: 'refused' }).lean();

  async function vote(chatId: string, pollId: string, voters: string[], option: string) {
    const card = h.emulator
      .messagesTo({ chatId })
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(pollId))
      .at(-1)!;
    for (const v of voters) {
      const r = await click(card.messageId, v, option);
      expect(r.toast?.type).toBe('success');
    }
  }

  beforeAll(async () => {
    h = await startHarness({
      admins: [BOOT],
      clock,
      emulator: { callbackTimeoutMs: 15_000 },
      bot: { callbackBudgetMs: 12_000 },
    });
    for (const [openId, n] of NAMES) h.emulator.addUser({ openId, name: n });
    h.emulator.addChat({ chatId: CHAT_A, name: '办公室工作群', members: [...A, K] });
    h.emulator.addChat({ chatId: CHAT_B, name: '财务处工作群', members: B });
    h.emulator.addChat({ chatId: CHAT_C, name: '纪检组工作群', members: C });
    for (const chatId of [CHAT_A, CHAT_B, CHAT_C])
      await h.emulator.botAddedToChat({ chatId, operator: BOOT });
    await flush();
    for (const d of ['办公室', '财务处', '纪检组', '综合科 办公室']) await say(BOOT, `/dept add ${d}`);
    await say(BOOT, '/chat bind 办公室', { chatId: CHAT_A });
    await say(BOOT, '/chat bind 财务处', { chatId: CHAT_B });
    await say(BOOT, '/chat bind 纪检组', { chatId: CHAT_C });
    expect((await say(BOOT, '/role leader @陈处长 办公室', { mentions: [LEAD_A] })).text).toContain('陈处长');
    const place = async (people: string[], dept: string) => {
      for (const p of people) await say(BOOT, `/role member @${NAMES.get(p)} ${dept}`, { mentions: [p] });
    };
    await place(A, '办公室');
    await place([K], '综合科');
    await place(B, '财务处');
    await place(C, '纪检组');
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('a leader exporting a named poll across 办公室 and 财务处 gets only 办公室 voters and rows', async () => {
    const created = await say(
      BOOT,
      '/poll new 廉洁教育形式 | 专题讲座 | 现场参观 群 办公室工作群 财务处工作群',
    );
    const pollId = /(V[A-Z0-9]{4})/.exec(created.text)![1]!;
    await vote(CHAT_A, pollId, A.slice(0, 5), '专题讲座');
    await vote(CHAT_B, pollId, B.slice(0, 3), '现场参观');

    const before = h.emulator.messagesTo({ openId: LEAD_A }).length;
    expect((await say(LEAD_A, `/poll export ${pollId} csv`)).text).toContain('仅含您分管部门');
    const csv = [...filesSince(LEAD_A, before).values()].join('\n');
    for (const a of A.slice(0, 5)) expect(csv).toContain(a);
    for (const b of B) {
      expect(csv).not.toContain(b);
      expect(csv).not.toContain(NAMES.get(b)!);
    }
    expect(csv).not.toContain('财务处');
    expect(csv).not.toContain('现场参观,3'); // the poll-wide count of the other option
    expect(csv).toMatch(/已参与人数,5,/);

    // The admin's export has everyone: the test above could fail.
    const adminBefore = h.emulator.messagesTo({ openId: BOOT }).length;
    await say(BOOT, `/poll export ${pollId} csv`);
    const all = [...filesSince(BOOT, adminBefore).values()].join('\n');
    expect(all).toContain(B[0]!);

    // Results and the list name nobody, least of all 财务处's voters.
    const results = await say(LEAD_A, `/poll results ${pollId}`);
    expect(results.text).toContain('参与：8');
    const list = await say(LEAD_A, '/poll list');
    expect(list.text).toContain(pollId);
    for (const text of [results.text, list.text])
      for (const b of B) expect(text).not.toContain(NAMES.get(b)!);
  });

  it('an anonymous poll where 财务处 has 3 respondents: no combination of shown figures reveals their split', async () => {
    const created = await say(
      BOOT,
      '/poll new 对本部门作风满意吗 | 满意 | 不满意 匿名 群 办公室工作群 财务处工作群 纪检组工作群',
    );
    const pollId = /(V[A-Z0-9]{4})/.exec(created.text)![1]!;
    await vote(CHAT_A, pollId, A, '满意');
    await vote(CHAT_B, pollId, B.slice(0, 3), '不满意');
    await vote(CHAT_C, pollId, C.slice(0, 5), '满意');
    // Live anonymous figures move in mixed batches of five; at close every vote is counted.
    await say(BOOT, `/poll close ${pollId}`);

    const card = (await say(BOOT, `/poll results ${pollId}`)).text;
    expect(card).toMatch(/财务处工作群：为保护匿名不单独显示/);
    // 纪检组 (5) is hidden with it: else total − 办公室 − 纪检组 = 财务处's three.
    expect(card).toMatch(/纪检组工作群：为保护匿名不单独显示/);
    expect(card).toMatch(/办公室工作群（6 人）/);

    const depts = new Map((await listDepartments()).map((d) => [d.name, d.id]));
    const chats = new Map([
      ['办公室工作群', CHAT_A],
      ['财务处工作群', CHAT_B],
      ['纪检组工作群', CHAT_C],
    ]);
    /** The slices an export shows with figures (rows whose 参与人数 is a number). */
    const shownIn = (files: Map<string, string>, sheet: string, ids: Map<string, string>) => {
      const text = [...files].find(([name]) => name.includes(sheet))?.[1] ?? '';
      return text
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(','))
        .filter((cells) => /^\d+$/.test(cells[1] ?? ''))
        .map((cells) => (cells[0]!.startsWith('其他') ? null : ids.get(cells[0]!)!));
    };
    const adminBefore = h.emulator.messagesTo({ openId: BOOT }).length;
    await say(BOOT, `/poll export ${pollId} csv`);
    const adminFiles = filesSince(BOOT, adminBefore);
    const leaderBefore = h.emulator.messagesTo({ openId: LEAD_A }).length;
    await say(LEAD_A, `/poll export ${pollId} csv`);
    const leaderFiles = filesSince(LEAD_A, leaderBefore);

    const shownChats = new Set([
      ...shownIn(adminFiles, '分群', chats),
      ...shownIn(leaderFiles, '分群', chats),
    ]);
    const shownDepts = new Set([
      ...shownIn(adminFiles, '分部门', depts),
      ...shownIn(leaderFiles, '分部门', depts),
    ]);
    expect(shownChats.has(CHAT_B)).toBe(false);
    expect(shownDepts.has(depts.get('财务处')!)).toBe(false);
    // The leader's rows are their department's only, and their totals add up shown rows alone.
    const leaderText = [...leaderFiles.values()].join('\n');
    expect(leaderText).not.toContain('财务处');
    expect(leaderText).not.toContain('纪检组');
    expect(leaderText).toMatch(/已参与人数,6,/);

    const { cells } = await tallyPoll((await getPoll(pollId))!);
    expect(revealedGroups(cells, [...shownChats], [...shownDepts])).toEqual([]);
    // Showing every slice of 5 or more (the rule before) would give 财务处 away.
    expect(
      revealedGroups(cells, [CHAT_A, CHAT_C], [depts.get('办公室')!, depts.get('纪检组')!]).length,
    ).toBeGreaterThan(0);
  });

  it('/pledge new offers a leader only their departments and chats; a forged submit naming 财务处 is refused', async () => {
    const form = await formOf(LEAD_A, '/pledge new');
    const deptId = async (name: string) => (await listDepartments()).find((d) => d.name === name)!.id;
    expect(form.json).toContain(CHAT_A);
    expect(form.json).toContain(await deptId('办公室'));
    expect(form.json).toContain(await deptId('综合科'));
    expect(form.json).not.toContain(CHAT_B);
    expect(form.json).not.toContain(await deptId('财务处'));
    expect(form.json).not.toContain('财务处');

    const base = {
      pledge_title: '廉洁承诺书',
      pledge_kind: 'pledge',
      pledge_text: '本人承诺廉洁从政。',
      pledge_deadline: '2026-12-04 18:00 +0800',
    };
    const byChat = await click(form.id, LEAD_A, '发起签署', { ...base, pledge_chats: [CHAT_B] });
    expect(byChat.toast?.type).toBe('error');
    expect(byChat.toast?.content).toContain('不属于您分管的部门');
    expect(byChat.toast?.content).toContain('您可以选择的群：办公室工作群');
    const byDept = await click(form.id, LEAD_A, '发起签署', {
      ...base,
      pledge_depts: [await deptId('财务处')],
    });
    expect(byDept.toast?.content).toContain('部门“财务处”不在您分管的范围内');
    expect(byDept.toast?.content).toContain('办公室、综合科');
    const byPerson = await click(form.id, LEAD_A, '发起签署', { ...base, pledge_people: [B[0]] });
    expect(byPerson.toast?.content).toContain(`${NAMES.get(B[0]!)} 不在您分管的部门内`);
    expect(await PledgeModel.countDocuments()).toBe(0);
    const refused = await refusals('pledge.create');
    expect(refused.map((r) => r.detail).sort()).toEqual(['scope:chat', 'scope:dept', 'scope:person']);
    expect(refused.every((r) => r.actor === LEAD_A)).toBe(true);

    // Their own department (with 综合科 below it) is fine.
    const ok = await click(form.id, LEAD_A, '发起签署', { ...base, pledge_depts: [await deptId('办公室')] });
    expect(ok.toast?.type).toBe('success');
    const pledge = (await PledgeModel.findOne({}).lean())!;
    // /pledge send and /pledge rule keep to the same scope.
    const send = await say(LEAD_A, `/pledge send ${pledge._id} @${NAMES.get(B[1]!)}`, { mentions: [B[1]!] });
    expect(send.text).toContain('不在您分管的部门内');
    expect((await say(LEAD_A, `/pledge rule ${pledge._id} 部门 财务处`)).text).toContain(
      '不在您分管的范围内',
    );
    expect((await say(LEAD_A, `/pledge rule ${pledge._id} 财务处工作群`)).text).toContain(
      '不属于您分管的部门',
    );
    expect((await refusals('pledge.send')).length).toBe(1);
    expect((await refusals('pledge.rule')).length).toBe(2);
  });

  it("the task form offers only the leader's chats; a forged submit with 财务处's chat is refused and changes nothing", async () => {
    const form = await formOf(LEAD_A, '/task add');
    expect(form.json).toContain(CHAT_A);
    expect(form.json).not.toContain(CHAT_B);
    expect(form.json).not.toContain(CHAT_C);
    const base = {
      task_title: '廉政风险点排查',
      task_category: 'key',
      task_owners: [A[0]],
      task_deadline: '2026-12-10 17:30 +0800',
      task_approval: true,
    };
    const cardsBefore = h.emulator.messagesTo({ chatId: CHAT_B }).length;
    const forged = await click(form.id, LEAD_A, '布置任务', { ...base, task_chat: CHAT_B });
    expect(forged.toast?.type).toBe('error');
    expect(forged.toast?.content).toContain('没有绑定到您分管的部门');
    expect(await TaskModel.countDocuments()).toBe(0);
    expect(h.emulator.messagesTo({ chatId: CHAT_B })).toHaveLength(cardsBefore);
    expect((await refusals('task.create')).map((r) => [r.actor, r.target, r.detail])).toEqual([
      [LEAD_A, CHAT_B, 'scope:chat'],
    ]);
    // The same by text in 财务处's group.
    const typed = await say(LEAD_A, `/task add 财务检查 @${NAMES.get(A[1]!)} 截止 2026-12-05 18:00`, {
      chatId: CHAT_B,
      mentions: [A[1]!],
    });
    expect(typed.text).toContain('没有绑定到您分管的部门');
    expect(await TaskModel.countDocuments()).toBe(0);

    const ok = await click(form.id, LEAD_A, '布置任务', { ...base, task_chat: CHAT_A });
    expect(ok.toast?.type).toBe('success');
    const task = (await TaskModel.findOne({}).lean())!;
    expect(task).toMatchObject({ chatId: CHAT_A, owners: [A[0]] });
    // Its creator may not add a 财务处 owner afterwards either.
    const edit = await say(
      LEAD_A,
      `/task edit ${task._id} 负责人 @${NAMES.get(A[0]!)} @${NAMES.get(B[0]!)}`,
      {
        mentions: [A[0]!, B[0]!],
      },
    );
    expect(edit.text).toContain(`${NAMES.get(B[0]!)} 不在您分管的部门内`);
    expect((await TaskModel.findById(task._id).lean())?.owners).toEqual([A[0]]);
    expect((await refusals('task.edit')).map((r) => r.detail)).toEqual(['scope:owner']);
  });

  it("poll targets: a leader may not start a poll in 财务处's chat, by text or by a forged form", async () => {
    const polls = await PollModel.countDocuments();
    const typed = await say(LEAD_A, '/poll new 问题 | 甲 | 乙 群 财务处工作群');
    expect(typed.text).toContain('不属于您分管的部门');
    expect(typed.text).toContain('您可以选择的群：办公室工作群');
    const form = await formOf(LEAD_A, '/poll new');
    expect(form.json).toContain(CHAT_A);
    expect(form.json).not.toContain(CHAT_B);
    const forged = await click(form.id, LEAD_A, '发起', {
      poll_question: '问题',
      poll_options: '甲 | 乙',
      poll_chats: [CHAT_A, CHAT_B],
    });
    expect(forged.toast?.type).toBe('error');
    expect(forged.toast?.content).toContain('财务处工作群');
    expect(await PollModel.countDocuments()).toBe(polls);
    expect((await refusals('poll.create')).map((r) => r.target)).toEqual([CHAT_B, CHAT_B]);
  });
});
