/**
 * The task import's idempotency on the database: claims before creation, a failed creation
 * frees its claim, a crash between task and claim is recognised, a stale claim is taken over,
 * a refusal by task creation is a row error.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CreateTaskFn,
  importTasks,
  STALE_CLAIM_MS,
  TaskImportKeyModel,
} from '../../src/domain/task-import.js';
import { createTask } from '../../src/domain/tasks.js';
import { TaskModel } from '../../src/models/task.js';
import { useTestDb } from '../support/test-db.js';

const ADMIN = { openId: 'ou_imp_admin', roles: ['admin', 'member'] as const, leads: [] };
const NOW = new Date('2026-11-26T02:00:00Z');
const HEADER = ['任务', '类别', '负责人', '截止时间'];
const table = (n: number) => [
  { line: 1, cells: HEADER },
  ...Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    cells: [`任务${i + 1}`, '其他', `ou_owner_${i}`, '2027-01-10 18:00'],
  })),
];
const noDirectory = async () => ({ byEmail: new Map(), byMobile: new Map() });
const deps = (over: Partial<Parameters<typeof importTasks>[1]> = {}) => ({
  actor: { ...ADMIN, roles: [...ADMIN.roles] },
  now: NOW,
  tz: 'Asia/Shanghai',
  fileName: 'a.csv',
  resolveUserIds: noDirectory,
  ...over,
});

describe('task import claims', () => {
  useTestDb();
  beforeEach(async () => {
    await Promise.all([TaskModel.deleteMany({}), TaskImportKeyModel.deleteMany({})]);
  });

  it('a database error stops the import, frees that row, and the next send completes it', async () => {
    let calls = 0;
    const failing: CreateTaskFn = async (input, actor, now) => {
      if (++calls === 2) throw new Error('database unavailable');
      return createTask(input, actor, now);
    };
    const first = await importTasks(table(3), deps({ createTask: failing }));
    expect(first).toMatchObject({ ok: true, summary: { created: 1, interruptedAt: 3 } });
    expect(await TaskImportKeyModel.countDocuments({})).toBe(1);
    const second = await importTasks(table(3), deps());
    expect(second).toMatchObject({ ok: true, summary: { created: 2, existing: 1, skipped: 0 } });
    expect(await TaskModel.countDocuments({})).toBe(3);
  });

  it('a task made before a crash left its claim unlinked is found, not made again', async () => {
    await importTasks(table(2), deps());
    await TaskImportKeyModel.updateMany({}, { $set: { taskId: null } });
    const again = await importTasks(table(2), deps({ now: new Date(NOW.getTime() + 1000) }));
    expect(again).toMatchObject({ ok: true, summary: { created: 0, existing: 2 } });
    expect(await TaskModel.countDocuments({})).toBe(2);
    expect(await TaskImportKeyModel.countDocuments({ taskId: { $ne: null } })).toBe(2);
  });

  it('a claim without a task is left alone while fresh and taken over once stale', async () => {
    // A claim a process made just before it died (no task was created).
    const key = (await someKey())!;
    await TaskImportKeyModel.create({
      _id: key,
      taskId: null,
      attempt: 1,
      importedBy: ADMIN.openId,
      at: NOW,
    });
    const soon = await importTasks(table(1), deps({ now: new Date(NOW.getTime() + 1000) }));
    expect(soon).toMatchObject({ ok: true, summary: { created: 0, existing: 1 } });
    expect(await TaskModel.countDocuments({})).toBe(0);
    const later = await importTasks(table(1), deps({ now: new Date(NOW.getTime() + STALE_CLAIM_MS + 1000) }));
    expect(later).toMatchObject({ ok: true, summary: { created: 1, existing: 0 } });
    expect(await TaskModel.countDocuments({})).toBe(1);
    expect(await TaskImportKeyModel.exists({ _id: `${key}#2` })).toBeTruthy();
    expect((await TaskImportKeyModel.findById(key).lean())?.taskId).toBe(
      (await TaskModel.findOne({}).lean())?._id,
    );
  });

  it("task creation's refusal is the row's error and frees the row", async () => {
    const leader = {
      openId: 'ou_imp_leader',
      roles: ['leader', 'member'] as ('leader' | 'member')[],
      leads: [],
    };
    const out = await importTasks(
      table(1),
      deps({
        actor: leader,
        createTask: async () => ({ ok: false, error: { key: 'task.err.forbiddenCreate', params: {} } }),
      }),
    );
    // A leader's owners outside their departments are caught before creation.
    expect(out).toMatchObject({
      ok: true,
      summary: { created: 0, skipped: 1, errors: [{ line: 2, problem: 'ownerOutside' }] },
    });
    const refused = await importTasks(
      table(1),
      deps({
        createTask: async () => ({ ok: false, error: { key: 'task.err.forbiddenCreate', params: {} } }),
      }),
    );
    expect(refused).toMatchObject({
      ok: true,
      summary: {
        created: 0,
        skipped: 1,
        errors: [{ line: 2, problem: 'rejected', rejection: { key: 'task.err.forbiddenCreate' } }],
      },
    });
    expect(await TaskImportKeyModel.countDocuments({})).toBe(0);
  });
});

/** The import key of the one row of `table(1)` (as the import derives it). */
async function someKey(): Promise<string | undefined> {
  const { importKeyOf } = await import('../../src/domain/task-import.js');
  const { parseDeadline } = await import('../../src/domain/task-import-rows.js');
  return importKeyOf({
    title: '任务1',
    category: 'other',
    owners: ['ou_owner_0'],
    deadline: parseDeadline('2027-01-10 18:00', 'Asia/Shanghai', NOW)!,
    leader: null,
    chatId: null,
  });
}
