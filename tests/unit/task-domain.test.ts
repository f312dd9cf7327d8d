import { describe, expect, it } from 'vitest';
import { buildTaskCard, type TaskCardData } from '../../cards/task-card.js';
import { buildTaskForm } from '../../cards/task-form-card.js';
import { parseFormDateTime, readTaskAdd } from '../../src/commands/task-args.js';
import {
  applyOwnerAction,
  createTask,
  editTask,
  getTask,
  pendingOwners,
  registerTaskListener,
  type TaskActor,
  type TaskChange,
} from '../../src/domain/tasks.js';
import { translator } from '../../src/i18n/index.js';
import { TaskAssignmentModel, TaskTransitionModel } from '../../src/models/task.js';
import { validateCard } from '../emulator/index.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN: TaskActor = { openId: 'ou_admin', roles: ['admin', 'member'], leads: [] };
const MEMBER: TaskActor = { openId: 'ou_member', roles: ['member'], leads: [] };
const A = 'ou_owner_a';
const B = 'ou_owner_b';
const NOW = new Date('2026-11-26T02:00:00Z');
const LATER = new Date('2026-12-05T10:00:00Z');
const actorOf = (openId: string): TaskActor => ({ openId, roles: ['member'], leads: [] });

async function newTask(extra: Partial<Parameters<typeof createTask>[0]> = {}) {
  const result = await createTask(
    { title: '测试任务', owners: [A, B], deadline: LATER, ...extra },
    ADMIN,
    NOW,
  );
  if (!result.ok) throw new Error(result.error.key);
  return result.task;
}

describe('task domain', () => {
  useTestDb();

  it('refuses bad input with a message key and creates nothing', async () => {
    const base = { title: '标题', owners: [A], deadline: LATER };
    const cases: Array<[Parameters<typeof createTask>[0], TaskActor, string]> = [
      [base, MEMBER, 'task.err.forbiddenCreate'],
      [{ ...base, title: '  ' }, ADMIN, 'task.err.titleMissing'],
      [{ ...base, owners: [] }, ADMIN, 'task.err.ownerMissing'],
      [{ ...base, owners: ['张三'] }, ADMIN, 'task.err.ownerUnknown'],
      [{ ...base, deadline: new Date('2026-11-01T00:00:00Z') }, ADMIN, 'task.err.deadlinePast'],
      [{ ...base, deadline: new Date('nope') }, ADMIN, 'task.err.deadlineMissing'],
      [base, { openId: 'ou_leader', roles: ['leader', 'member'], leads: ['d_x'] }, 'task.err.ownerOutside'],
    ];
    for (const [input, actor, key] of cases) {
      const result = await createTask(input, actor, NOW);
      expect(result.ok ? 'created' : result.error.key).toBe(key);
    }
    expect(await TaskTransitionModel.countDocuments()).toBe(0);
  });

  it('concurrent submissions: exactly one wins, one transition', async () => {
    const task = await newTask();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        applyOwnerAction(task.id, A, 'submit', actorOf(A), { note: '完成' }, NOW),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.error.key).toBe('task.err.alreadyHandled');
    expect(await TaskTransitionModel.countDocuments({ taskId: task.id, owner: A })).toBe(1);
    expect((await TaskAssignmentModel.findById(`${task.id}:${A}`).lean())?.version).toBe(1);
  });

  it('rolls a transition forward when its document write was lost (crash between the two writes)', async () => {
    const task = await newTask();
    await TaskTransitionModel.create({
      _id: `${task.id}:${A}:1`,
      taskId: task.id,
      owner: A,
      actor: A,
      action: 'confirm',
      from: 'pending',
      to: 'confirmed',
      at: NOW,
    });
    const retry = await applyOwnerAction(task.id, A, 'confirm', actorOf(A), {}, NOW);
    expect(retry.ok ? 'ok' : retry.error.key).toBe('task.err.alreadyHandled');
    expect(await TaskAssignmentModel.findById(`${task.id}:${A}`).lean()).toMatchObject({
      state: 'confirmed',
      version: 1,
    });
    const next = await applyOwnerAction(task.id, A, 'submit', actorOf(A), { note: 'x' }, NOW);
    expect(next.ok).toBe(true);
  });

  it('checks who acts and from which state', async () => {
    const task = await newTask({ leader: 'ou_leader' });
    const byOther = await applyOwnerAction(task.id, A, 'confirm', actorOf(B), {}, NOW);
    expect(byOther.ok ? 'ok' : byOther.error.key).toBe('task.err.notOwner');
    const early = await applyOwnerAction(task.id, A, 'approve', actorOf('ou_leader'), {}, NOW);
    expect(early.ok ? 'ok' : early.error.key).toBe('task.err.badState');
    const noNote = await applyOwnerAction(task.id, A, 'submit', actorOf(A), { note: ' ' }, NOW);
    expect(noNote.ok ? 'ok' : noNote.error.key).toBe('task.err.noteMissing');
    await applyOwnerAction(task.id, A, 'submit', actorOf(A), { note: '好了' }, NOW);
    const noReason = await applyOwnerAction(task.id, A, 'return', actorOf('ou_leader'), {}, NOW);
    expect(noReason.ok ? 'ok' : noReason.error.key).toBe('task.err.reasonMissing');
    const byOwner = await applyOwnerAction(task.id, A, 'approve', actorOf(A), {}, NOW);
    expect(byOwner.ok ? 'ok' : byOwner.error.key).toBe('task.err.notApprover');
    expect(await pendingOwners(task)).toEqual([A, B]);
  });

  it('without review a submission finishes; removing the last pending owner closes the task', async () => {
    const changes: TaskChange[] = [];
    const stop = registerTaskListener((c) => {
      changes.push(c);
    });
    const task = await newTask({ requiresApproval: false });
    await applyOwnerAction(task.id, A, 'submit', actorOf(A), { note: '完成' }, NOW);
    expect(await pendingOwners(task)).toEqual([B]);
    const edited = await editTask(task.id, { owners: [A] }, ADMIN, NOW);
    expect(edited.ok && edited.closed).toBe(true);
    expect((await getTask(task.id))?.state).toBe('closed');
    expect(await pendingOwners((await getTask(task.id))!)).toEqual([]);
    expect(changes.filter((c) => c.task.id === task.id).map((c) => c.kind)).toEqual([
      'created',
      'progress',
      'edited',
      'closed',
    ]);
    stop();
  });
});

describe('task cards and text forms', () => {
  const t = translator('zh-CN');
  const data: TaskCardData = {
    id: 'T7K3Q',
    title: '廉政风险点排查',
    description: '说明',
    category: 'rectify',
    state: 'open',
    requiresApproval: true,
    deadline: '2026-12-05 18:00',
    workdaysLeft: 3,
    overdue: false,
    creatorName: '王主任',
    leaderName: '李明',
    owners: [
      { openId: A, name: '张华', state: 'submitted', note: '完成', returnReason: '' },
      { openId: B, name: '陈静', state: 'submitted', note: '完成', returnReason: '' },
      { openId: 'ou_c', name: '周敏', state: 'pending', note: '', returnReason: '退回过' },
    ],
  };

  it('builds valid cards (review forms have unique names)', () => {
    expect(validateCard(buildTaskCard(t, data))).toEqual([]);
    expect(validateCard(buildTaskCard(t, { ...data, state: 'closed', history: ['a', 'b'] }))).toEqual([]);
    expect(validateCard(buildTaskForm(t, [{ value: 'oc_1', label: '办公室群' }], 'oc_1'))).toEqual([]);
    expect(validateCard(buildTaskForm(t, []))).toEqual([]);
  });

  it('reads the text form and the form datetime', () => {
    const parsed = readTaskAdd({
      words: ['整改', '台账', '截止', '2026-12-05', '18:00', '督办', '类别', '整改任务'],
      mentions: [
        { openId: A, name: '张华' },
        { openId: 'ou_l', name: '李明' },
      ],
      rest: '',
    });
    expect(parsed).toMatchObject({
      title: '整改 台账',
      owners: [A],
      leader: 'ou_l',
      deadline: '2026-12-05 18:00',
      category: 'rectify',
    });
    expect(parseFormDateTime('2024-04-29 07:07 +0800')?.toISOString()).toBe('2024-04-28T23:07:00.000Z');
    expect(parseFormDateTime('tomorrow')).toBeUndefined();
  });
});
