/**
 * Query-operator injection through card callbacks: an action value or a form value that is an
 * object with `$` keys (`{"$ne": null}`) must find nothing and change nothing, whether it arrives
 * through the webhook (dropped at the edge) or reaches the dispatcher directly (refused by the
 * action's own input schema).
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_ACTIONS } from '../../cards/task-card.js';
import { TASK_FORM_ACTION } from '../../cards/task-form-card.js';
import { TaskAssignmentModel, TaskModel } from '../../src/models/task.js';
import { ManualClock } from '../../src/time/clock.js';
import { type Harness, startHarness, testEnvelope } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const BOOT = 'ou_inj_boot';
const ZHANG = 'ou_inj_zhang';

/** Every document of every collection, in _id order: the whole database as one value. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const db = mongoose.connection.db!;
  const all: Record<string, unknown[]> = {};
  for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
    all[c.name] = await db.collection(c.name).find({}).sort({ _id: 1 }).toArray();
  }
  return all;
}

describe('operator keys in card values never reach a query', () => {
  useTestDb();
  let h: Harness;
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  let cardMessageId = '';
  let taskId = '';

  beforeAll(async () => {
    h = await startHarness({ admins: [BOOT], clock });
    h.emulator.addUser({ openId: BOOT, name: '王主任' });
    h.emulator.addUser({ openId: ZHANG, name: '张华' });
    await h.emulator.sendText({ chatType: 'p2p', sender: BOOT, text: '/dept add 办公室' });
    await h.settle();
    await h.emulator.sendText({
      chatType: 'p2p',
      sender: BOOT,
      text: '/role member @张华 办公室',
      mentions: [ZHANG],
    });
    await h.settle();
    await h.emulator.sendText({
      chatType: 'p2p',
      sender: BOOT,
      text: '/task add 整改台账 @张华 截止 2026-12-05 18:00',
      mentions: [ZHANG],
    });
    await h.settle();
    const task = (await TaskModel.findOne({}).lean())!;
    taskId = task._id;
    const card = h.emulator
      .messagesTo({ openId: ZHANG })
      .filter((m) => m.msgType === 'interactive')
      .at(-1)!;
    cardMessageId = card.messageId;
  });
  afterAll(async () => h?.stop());

  it('a webhook callback whose action or form value holds operators is dropped at the edge: no change at all', async () => {
    const before = await snapshot();
    expect(before.tasks).toHaveLength(1);
    const hostile: Array<{ value: unknown; formValue?: Record<string, unknown> }> = [
      { value: { a: TASK_ACTIONS.confirm, id: { $ne: null } } },
      { value: { a: TASK_ACTIONS.confirm, task: { $ne: null } } },
      { value: { a: TASK_ACTIONS.submit, id: taskId }, formValue: { task_note: { $gt: '' } } },
      { value: { a: TASK_FORM_ACTION }, formValue: { title: { $ne: null }, owners: [ZHANG] } },
      { value: { a: TASK_ACTIONS.confirm, 'id.$': taskId } },
    ];
    for (const input of hostile) {
      const click = await h.emulator.clickCard({ messageId: cardMessageId, operator: ZHANG, ...input });
      expect(click.status).toBe(200);
      expect(JSON.stringify(click.body)).toContain('这张卡片已过期或内容有误');
    }
    await h.settle();
    expect(await snapshot()).toEqual(before);
  });

  it('the same values handed to the dispatcher directly (no transport) are refused before any query: the task is untouched', async () => {
    const tasks = await TaskModel.find({}).lean();
    const assignments = await TaskAssignmentModel.find({}).lean();
    expect(assignments.every((a) => a.state !== 'confirmed')).toBe(true);
    for (const value of [
      { a: TASK_ACTIONS.confirm, id: { $ne: null } },
      { a: TASK_ACTIONS.confirm, id: { $regex: '.*' } },
      { a: TASK_ACTIONS.confirm, id: [taskId] },
    ]) {
      const answer = await h.bot.dispatcher.handleCardAction(
        testEnvelope('card.action.trigger', {
          operator: { open_id: ZHANG },
          action: { tag: 'button', value },
          context: { open_message_id: cardMessageId },
        }),
      );
      expect(answer.toast?.type).toBe('error');
    }
    await h.settle();
    expect(await TaskModel.find({}).lean()).toEqual(tasks);
    expect(await TaskAssignmentModel.find({}).lean()).toEqual(assignments);
  });

  it('a genuine click still works (the card and ids above were real)', async () => {
    const click = await h.emulator.clickCard({
      messageId: cardMessageId,
      operator: ZHANG,
      value: { a: TASK_ACTIONS.confirm, id: taskId },
    });
    expect(click.status).toBe(200);
    await h.settle();
    const a = (await TaskAssignmentModel.findById(`${taskId}:${ZHANG}`).lean())!;
    expect(a.state).not.toBe('pending');
  });
});
