/**
 * Crash windows of object creation: the stored `/task add` event (and one `/poll new`, one
 * `/pledge new`) is processed by a "process" that dies before its n-th database write, for every
 * n, then re-run as the dispatcher does after a restart. Every time exactly one object exists,
 * with one set of follow-up records and one card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/dispatch/inbox.js';
import { addContentItem, addContentItems } from '../../src/domain/content-items.js';
import { AuditEntryModel } from '../../src/models/audit-entry.js';
import { BroadcastScheduleModel } from '../../src/models/broadcast-schedule.js';
import { ContentItemModel } from '../../src/models/content-item.js';
import { InboxEventModel } from '../../src/models/inbox-event.js';
import { Job } from '../../src/models/job.js';
import { OutboxMessage } from '../../src/models/outbox-message.js';
import { PledgeModel, PledgeSignerModel } from '../../src/models/pledge.js';
import { PollEligibleModel, PollModel } from '../../src/models/poll.js';
import { TaskAssignmentModel, TaskModel, TaskTransitionModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import type { Envelope } from '../../src/transport/envelope.js';
import { buildTextEvent, cardActionPayload, envelope, type TextMessageInput } from '../emulator/events.js';
import { callbackValue, findButton } from '../emulator/index.js';
import { runCrashingAfter } from '../support/crash-writes.js';
import { drainOnManualClock, type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = 'ou_crash_admin';
const ZHANG = 'ou_crash_zhang';
const CHEN = 'ou_crash_chen';
const GROUP = 'oc_crash_create';

/** Thursday 2026-11-26 10:00 in Shanghai. */
const START = '2026-11-26T02:00:00Z';

describe('a create command interrupted between any two writes, then re-run', () => {
  useTestDb();
  const clock = new ManualClock(START);
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ admins: [ADMIN], clock });
    h.emulator.addUser({ openId: ADMIN, name: '王主任' });
    h.emulator.addUser({ openId: ZHANG, name: '张华' });
    h.emulator.addUser({ openId: CHEN, name: '陈静' });
    h.emulator.addChat({ chatId: GROUP, name: '创建测试群', members: [ADMIN, ZHANG, CHEN] });
  });
  afterAll(async () => h?.stop());

  /** Stores a text message event as the webhook would, without processing it. */
  async function storeText(input: TextMessageInput): Promise<string> {
    const { event } = buildTextEvent(h.emulator.world, h.emulator.app, input, clock.now().getTime());
    const env = envelope(h.emulator.app, 'im.message.receive_v1', event) as Envelope;
    expect(await recordEvent(env, clock.now())).toBe(true);
    return env.header.event_id;
  }

  /** Processes the event in a process that dies before write `allowed + 1`, then restarts. */
  async function crashThenRecover(eventId: string, allowed: number): Promise<boolean> {
    const { crashed } = await runCrashingAfter(allowed, () => h.bot.dispatcher.processEvent(eventId));
    await h.bot.dispatcher.idle();
    // The restarted process finds the event stranded once the dead one's lease has expired.
    clock.advance(5 * 60_000);
    // Dozens of rounds move the manual clock past the emulator's 2-hour token lifetime, which the
    // SDK's wall-clock cache cannot see: fetch a fresh token as a real process would by then.
    await h.larkClient.resetToken();
    await h.bot.dispatcher.recoverStranded();
    await h.bot.dispatcher.idle();
    await drainOnManualClock(h, clock);
    expect((await InboxEventModel.findById(eventId).lean())?.state).toBe('done');
    return crashed;
  }

  const cardsIn = (chatId: string, needle: string) =>
    h.emulator
      .messagesTo({ chatId })
      .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(needle));

  it('/task add: one task, one set of assignments, one card, whatever write the crash hit', async () => {
    let finished = false;
    let allowed = 0;
    for (; allowed < 60 && !finished; allowed++) {
      const title = `崩溃任务${allowed}`;
      const eventId = await storeText({
        chatType: 'group',
        chatId: GROUP,
        sender: ADMIN,
        text: `/task add ${title} @张华 @陈静 截止 2026-12-04 18:00`,
        mentionBot: true,
        mentions: [ZHANG, CHEN],
      });
      finished = !(await crashThenRecover(eventId, allowed));

      const tasks = await TaskModel.find({ title }).lean();
      expect(tasks, `crash before write ${allowed + 1}`).toHaveLength(1);
      const id = tasks[0]!._id;
      expect(await TaskAssignmentModel.countDocuments({ taskId: id })).toBe(2);
      expect(await TaskTransitionModel.countDocuments({ taskId: id })).toBe(1);
      expect(await AuditEntryModel.countDocuments({ action: 'task.create', target: id })).toBe(1);
      expect(await OutboxMessage.countDocuments({ key: { $regex: `^task-card:${id}` } })).toBe(1);
      expect(cardsIn(GROUP, title), `crash before write ${allowed + 1}`).toHaveLength(1);
      const confirmations = h.emulator
        .messagesTo({ chatId: GROUP })
        .filter((m) => m.msgType === 'text' && h.emulator.textOf(m).includes(title));
      expect(confirmations).toHaveLength(1);
      // Reminder jobs are keyed by task, point and deadline: none is planned twice.
      const jobs = await Job.find({ key: { $regex: id } }).lean();
      expect(jobs.length).toBeGreaterThan(0);
      expect(new Set(jobs.map((j) => `${j.name}@${j.runAt.toISOString()}`)).size).toBe(jobs.length);
    }
    expect(finished).toBe(true);
    // Every write of the command was a crash point (claim, lease, task, assignments, transition,
    // audit, jobs, outbox entries, event finished).
    expect(allowed).toBeGreaterThan(10);
  }, 600_000);

  it('/poll new: one poll, one set of eligible voters, one card, whatever write the crash hit', async () => {
    let finished = false;
    let allowed = 0;
    for (; allowed < 60 && !finished; allowed++) {
      const question = `崩溃投票${allowed}`;
      const eventId = await storeText({
        chatType: 'group',
        chatId: GROUP,
        sender: ADMIN,
        text: `/poll new ${question} | 同意 | 不同意 截止 2026-12-04 18:00`,
        mentionBot: true,
      });
      finished = !(await crashThenRecover(eventId, allowed));
      const polls = await PollModel.find({ question }).lean();
      expect(polls, `crash before write ${allowed + 1}`).toHaveLength(1);
      const id = polls[0]!._id;
      const eligible = await PollEligibleModel.countDocuments({ poll: id });
      expect(eligible).toBe(3);
      expect(polls[0]!.eligibleCount).toBe(eligible);
      expect(await AuditEntryModel.countDocuments({ action: 'poll.create', target: id })).toBe(1);
      expect(await Job.countDocuments({ key: { $regex: id } })).toBe(1);
      expect(cardsIn(GROUP, question), `crash before write ${allowed + 1}`).toHaveLength(1);
    }
    expect(finished).toBe(true);
    expect(allowed).toBeGreaterThan(8);
  }, 600_000);

  it('/pledge new (form): a submission that died at any write, pressed again, makes one document', async () => {
    const p2p = h.emulator.world.p2pChatOf(ADMIN).chatId;
    let finished = false;
    let allowed = 0;
    for (; allowed < 60 && !finished; allowed++) {
      const before = h.emulator.messagesTo({ chatId: p2p }).length;
      await h.emulator.sendText({ chatType: 'p2p', sender: ADMIN, text: '/pledge new' });
      await drainOnManualClock(h, clock);
      const form = h.emulator
        .messagesTo({ chatId: p2p })
        .slice(before)
        .find((m) => m.msgType === 'interactive')!;
      const button = findButton(form.current, '发起签署')!;
      const title = `崩溃承诺书${allowed}`;
      const press = () =>
        cardActionPayload(
          h.emulator.world,
          h.emulator.app,
          {
            messageId: form.messageId,
            operator: ADMIN,
            value: callbackValue(button.element),
            name: typeof button.element.name === 'string' ? button.element.name : undefined,
            formValue: {
              pledge_title: title,
              pledge_kind: 'pledge',
              pledge_text: `本人承诺廉洁履职（${allowed}）。`,
              pledge_people: [ZHANG, CHEN],
              pledge_deadline: '2026-12-04 18:00 +0800',
            },
          },
          p2p,
          'c-crash-token',
        ) as Envelope;
      const { crashed } = await runCrashingAfter(allowed, () => h.bot.dispatcher.handleCardAction(press()));
      finished = !crashed;
      await h.bot.dispatcher.idle();
      // The person saw an error and presses 发起签署 again on the same form (a new callback event).
      if (crashed) await h.bot.dispatcher.handleCardAction(press());
      await h.bot.dispatcher.idle();
      await drainOnManualClock(h, clock);

      const docs = await PledgeModel.find({ title }).lean();
      expect(docs, `crash before write ${allowed + 1}`).toHaveLength(1);
      expect(docs[0]!.version).toBe(1);
      const id = docs[0]!._id;
      expect(await PledgeSignerModel.countDocuments({ pledgeId: id })).toBe(2);
      expect(await AuditEntryModel.countDocuments({ action: 'pledge.create', target: id })).toBe(1);
      for (const signer of [ZHANG, CHEN]) {
        const cards = h.emulator
          .messagesTo({ openId: signer })
          .filter((m) => m.msgType === 'interactive' && h.emulator.textOf(m).includes(title));
        expect(cards, `crash before write ${allowed + 1}`).toHaveLength(1);
      }
    }
    expect(finished).toBe(true);
    expect(allowed).toBeGreaterThan(5);
  }, 600_000);

  it('/schedule add: one schedule and one occurrence job, whatever write the crash hit', async () => {
    let finished = false;
    let allowed = 0;
    for (; allowed < 40 && !finished; allowed++) {
      const before = await BroadcastScheduleModel.countDocuments({});
      const eventId = await storeText({
        chatType: 'group',
        chatId: GROUP,
        sender: ADMIN,
        text: `/schedule add 每天 09:${String(10 + allowed).padStart(2, '0')}`,
        mentionBot: true,
      });
      finished = !(await crashThenRecover(eventId, allowed));
      const schedules = await BroadcastScheduleModel.find({ sourceKey: `event:${eventId}` }).lean();
      expect(schedules, `crash before write ${allowed + 1}`).toHaveLength(1);
      expect(await BroadcastScheduleModel.countDocuments({})).toBe(before + 1);
      const jobs = await Job.find({ key: { $regex: `broadcast\\.schedule:${schedules[0]!._id}:` } }).lean();
      expect(jobs).toHaveLength(1);
    }
    expect(finished).toBe(true);
  }, 600_000);

  it('content: a form submission or an import run twice stores each item once', async () => {
    const input = {
      title: '重复提交的内容',
      body: '正文',
      category: 'story' as const,
      tags: ['测试'],
      source: '',
      imageKey: '',
      quiz: null,
      required: false,
    };
    const first = await addContentItem(input, ADMIN, clock.now(), 'form:om_x:ou_y');
    const again = await addContentItem(input, ADMIN, clock.now(), 'form:om_x:ou_y');
    expect(again.id).toBe(first.id);
    expect(await ContentItemModel.countDocuments({ title: '重复提交的内容' })).toBe(1);

    const rows = [1, 2, 3].map((n) => ({ ...input, title: `导入内容${n}` }));
    // A run that died after storing the first two rows' write is re-run: the ids are the same.
    const partial = await addContentItems(rows.slice(0, 2), ADMIN, clock.now(), 'event:ev_import');
    const full = await addContentItems(rows, ADMIN, clock.now(), 'event:ev_import');
    expect(full.slice(0, 2)).toEqual(partial);
    expect(await ContentItemModel.countDocuments({ title: { $in: rows.map((r) => r.title) } })).toBe(3);
  });
});
