/** `/task list`, `/task show`, `/task cancel`, `/task edit`. */
import { buildTaskCard, buildTaskListCard, taskStateText } from '../../cards/task-card.js';
import type { EventContext } from '../dispatch/context.js';
import { findDepartmentByName, withDescendants } from '../domain/departments.js';
import {
  findVisibleTask,
  listTasksFor,
  progressOf,
  seesAllTasks,
  type TaskListFilter,
} from '../domain/task-queries.js';
import { cancelTask, editTask } from '../domain/tasks.js';
import { parseZonedDateTime } from '../time/parse-datetime.js';
import { formatZoned } from '../time/zoned.js';
import { dateErrorText } from './date-error.js';
import { argsFrom } from './org-args.js';
import type { CommandInput, CommandRegistry } from './registry.js';
import { auditScopeRefusal } from './scope-audit.js';
import { readTaskEdit } from './task-args.js';
import { publishTaskCard, taskCardData, taskErrorText } from './task-view.js';

const TASK_ID = /^T[0-9A-Z]{4}$/i;

type ListArgs = { kind: 'open' | 'mine' | 'all' | 'overdue' } | { kind: 'dept'; name: string };

const listArgs = argsFrom<ListArgs>((input) => {
  const [first, ...rest] = input.words;
  if (first === undefined) return { kind: 'open' };
  const word = first.toLowerCase();
  if (rest.length === 0 && ['我的', 'mine', 'my'].includes(word)) return { kind: 'mine' };
  if (rest.length === 0 && ['全部', 'all'].includes(word)) return { kind: 'all' };
  if (rest.length === 0 && ['逾期', 'overdue'].includes(word)) return { kind: 'overdue' };
  if (['部门', 'dept'].includes(word) && rest.length > 0) return { kind: 'dept', name: rest.join(' ') };
  return '';
});

const idArgs = argsFrom((input) => {
  const [id, ...rest] = input.words;
  if (!id || !TASK_ID.test(id)) return '';
  return { id: id.toUpperCase(), rest: rest.join(' ') };
});

async function listTasks(ctx: EventContext, args: ListArgs): Promise<void> {
  const { t } = ctx;
  let filter: TaskListFilter = args.kind === 'dept' ? { kind: 'open' } : { kind: args.kind };
  let department = '';
  if (args.kind === 'dept') {
    const dept = await findDepartmentByName(args.name);
    if (!dept) return ctx.reply.text(t('task.list.deptUnknown', { name: args.name }));
    if (!seesAllTasks(ctx.actor) && !ctx.actor.leads.includes(dept.id)) {
      await auditScopeRefusal(ctx, 'task.list', dept.id, 'dept');
      return ctx.reply.text(t('task.list.deptScope'));
    }
    filter = { kind: 'dept', deptIds: await withDescendants([dept.id]) };
    department = dept.name;
  }
  // Members see only their own tasks whatever they ask for.
  const { tasks, total } = await listTasksFor(ctx.actor, filter, ctx.now());
  const { timezone } = await ctx.services.settings();
  const progress = await progressOf(tasks);
  const now = ctx.now().getTime();
  const rows = tasks.map((task) => {
    const p = progress.get(task.id) ?? { done: 0, total: 0 };
    return {
      id: task.id,
      title: task.title,
      deadline: formatZoned(task.deadline, timezone, 'MM-DD HH:mm'),
      state: taskStateText(t, task.state, task.requiresApproval),
      progress: `${p.done}/${p.total}`,
      overdue: task.state === 'open' && task.deadline.getTime() < now,
    };
  });
  const heading = {
    open: 'task.list.titleOpen',
    mine: 'task.list.titleMine',
    all: 'task.list.titleAll',
    overdue: 'task.list.titleOverdue',
    dept: 'task.list.titleDept',
  } as const;
  await ctx.reply.card(
    buildTaskListCard(t, t(heading[filter.kind], { count: total, department }), rows, total - rows.length),
  );
}

async function editFromText(ctx: EventContext, input: CommandInput): Promise<void> {
  const { t } = ctx;
  const args = readTaskEdit(input);
  if (!args || !TASK_ID.test(args.id)) return ctx.reply.text(t('task.err.editNothing'));
  const { timezone } = await ctx.services.settings();
  let change: { deadline?: Date; owners?: string[] };
  if (args.kind === 'deadline') {
    if (args.deadline === '') return ctx.reply.text(t('task.err.deadlineMissing'));
    const parsed = parseZonedDateTime(args.deadline, timezone, { now: ctx.now(), defaultTime: '18:00' });
    if (!parsed.ok) {
      return ctx.reply.text(
        t('task.err.badDate', { message: dateErrorText(t, parsed.error, args.deadline) }),
      );
    }
    change = { deadline: parsed.date };
  } else if (args.kind === 'owners') {
    if (args.unknownPerson !== undefined)
      return ctx.reply.text(t('task.err.ownerUnknown', { name: args.unknownPerson }));
    if (args.owners.length === 0) return ctx.reply.text(t('task.err.ownerMissing'));
    change = { owners: args.owners };
  } else {
    return ctx.reply.text(t('task.err.editNothing'));
  }
  const result = await editTask(args.id, { ...change, timezone }, ctx.actor, ctx.now());
  if (!result.ok) return ctx.reply.text(taskErrorText(t, result.error));
  await publishTaskCard(ctx, result.task, 'patch');
  if (change.deadline) {
    return ctx.reply.text(
      t('task.edited.deadline', {
        id: result.task.id,
        deadline: formatZoned(result.task.deadline, timezone),
      }),
    );
  }
  const names = await ctx.services.directory.displayNames(result.task.owners);
  await ctx.reply.text(
    t('task.edited.owners', {
      id: result.task.id,
      owners: result.task.owners.map((o) => names.get(o) ?? o).join('、'),
    }),
  );
}

/** Registers the query and management commands of `/task`. */
export function registerTaskManage(registry: CommandRegistry): void {
  registry.add({
    path: ['task', 'list'],
    aliases: ['任务 列表', '任务列表', '任务 清单'],
    summary: 'task.list.summary',
    usage: 'task.list.usage',
    roles: 'everyone',
    args: listArgs,
    run: listTasks,
  });

  registry.add({
    path: ['task', 'show'],
    aliases: ['任务 详情', '任务 查看', '查看任务'],
    summary: 'task.show.summary',
    usage: 'task.show.usage',
    roles: 'everyone',
    args: idArgs,
    async run(ctx, { id }) {
      const task = await findVisibleTask(id, ctx.actor);
      if (!task) return ctx.reply.text(ctx.t('task.err.notFound', { id }));
      if (task === 'forbidden') return ctx.reply.text(ctx.t('task.show.forbidden', { id }));
      await ctx.reply.card(
        buildTaskCard(ctx.t, await taskCardData(ctx.services, task, { history: true, t: ctx.t })),
      );
    },
  });

  registry.add({
    path: ['task', 'cancel'],
    aliases: ['任务 撤销', '撤销任务', '任务 取消'],
    summary: 'task.cancel.summary',
    usage: 'task.cancel.usage',
    roles: 'everyone',
    args: idArgs,
    async run(ctx, { id, rest }) {
      const result = await cancelTask(id, ctx.actor, { reason: rest }, ctx.now());
      if (!result.ok) return ctx.reply.text(taskErrorText(ctx.t, result.error));
      await publishTaskCard(ctx, result.task, 'patch');
      await ctx.reply.text(ctx.t('task.cancelled', { id: result.task.id, title: result.task.title }));
    },
  });

  registry.add({
    path: ['task', 'edit'],
    aliases: ['任务 修改', '修改任务'],
    summary: 'task.edit.summary',
    usage: 'task.edit.usage',
    example: 'task.edit.example',
    roles: 'everyone',
    args: argsFrom((input) => (input.words.length === 0 ? '' : input)),
    run: editFromText,
  });
}
