/**
 * The report's 任务 sheet: tasks created or closed in the period, or still open at its end, in
 * the reader's departments (admins and supervisors: all). One row per task with its department,
 * owners, deadline, state now, close-out time and whether it was (or is still) on time.
 */
import { DepartmentModel } from '../models/department.js';
import { TaskModel } from '../models/task.js';
import { formatZoned } from '../time/zoned.js';
import { namesOf } from './person-names.js';
import type { ReportInput, ReportSheet } from './report-sheet.js';
import { MAX_EXPORT_TASKS } from './task-export.js';
import { type TaskView, toTaskView } from './task-views.js';

/** True when the task belongs in the period: created or closed in it, or open at its end. */
export function taskInPeriod(
  task: Pick<TaskView, 'createdAt' | 'closedAt' | 'cancelledAt' | 'state'>,
  from: Date,
  to: Date,
): boolean {
  const at = (d: Date | null) => d?.getTime() ?? null;
  const created = task.createdAt.getTime();
  if (created >= to.getTime()) return false;
  if (created >= from.getTime()) return true;
  const closed = at(task.closedAt);
  if (closed !== null && closed >= from.getTime() && closed < to.getTime()) return true;
  const cancelled = at(task.cancelledAt);
  const closedBefore = closed !== null && closed < to.getTime();
  const cancelledBefore = task.state === 'cancelled' && (cancelled === null || cancelled < to.getTime());
  return !closedBefore && !cancelledBefore;
}

/** The tasks of the sheet, oldest first; `tooMany` beyond the ledger's limit. */
export async function loadReportTasks(
  input: Pick<ReportInput, 'scope' | 'range'>,
): Promise<{ ok: true; tasks: TaskView[] } | { ok: false; tooMany: number }> {
  const { from, to } = input.range;
  const filter: Record<string, unknown> = {
    createdAt: { $lt: to },
    $or: [
      { createdAt: { $gte: from } },
      { closedAt: { $gte: from } },
      { closedAt: null, state: { $ne: 'cancelled' } },
      { cancelledAt: { $gte: to } },
    ],
  };
  if (input.scope.kind === 'departments') filter.deptId = { $in: [...input.scope.deptIds] };
  const docs = await TaskModel.find(filter).lean();
  const tasks = docs
    .map(toTaskView)
    .filter((task) => taskInPeriod(task, from, to))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  if (tasks.length > MAX_EXPORT_TASKS) return { ok: false, tooMany: MAX_EXPORT_TASKS };
  return { ok: true, tasks };
}

/** The 任务 sheet of `tasks` in the reader's language, times in the agency zone. */
export async function buildTaskSheet(input: ReportInput, tasks: readonly TaskView[]): Promise<ReportSheet> {
  const { t, tz, now } = input;
  const [names, depts] = await Promise.all([
    namesOf(tasks.flatMap((task) => task.owners)),
    DepartmentModel.find({}, { _id: 1, name: 1 }).lean(),
  ]);
  const deptName = new Map(depts.map((d) => [String(d._id), d.name]));
  const time = (d: Date | null) => (d ? formatZoned(d, tz, 'YYYY-MM-DD HH:mm') : '');
  const state = (task: TaskView) =>
    task.state === 'open' && task.deadline.getTime() < now.getTime()
      ? t('ledger.taskState.overdue')
      : t(`ledger.taskState.${task.state}`);
  const onTime = (task: TaskView): string => {
    if (task.state === 'closed' && task.closedAt)
      return t(task.closedAt.getTime() <= task.deadline.getTime() ? 'report.yes' : 'report.no');
    if (task.state === 'open' && task.deadline.getTime() < now.getTime()) return t('report.no');
    return '';
  };
  return {
    key: 'tasks',
    name: t('report.sheet.tasks'),
    header: [
      t('ledger.col.id'),
      t('ledger.col.title'),
      t('ledger.col.category'),
      t('ledger.col.department'),
      t('ledger.col.owners'),
      t('ledger.col.deadline'),
      t('ledger.col.state'),
      t('report.col.closedAt'),
      t('report.col.onTime'),
    ],
    rows: tasks.map((task) => [
      task.id,
      task.title,
      t(`ledger.category.${task.category}`),
      task.deptId ? (deptName.get(task.deptId) ?? '') : '',
      task.owners.map((o) => names.get(o) ?? o).join(t('role.separator')),
      time(task.deadline),
      state(task),
      time(task.closedAt),
      onTime(task),
    ]),
  };
}
