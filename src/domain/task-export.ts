/**
 * The five task ledgers of an export (任务清单, 责任清单, 创建时限清单, 整改清单, 销号清单), as
 * tables of text: read from the tasks, their assignments and their history (TaskTransition),
 * times written in the agency time zone. Who sees what: admins and supervisors every task, a
 * leader the tasks of the departments they lead (and those below). Knows nothing of Feishu.
 */
import type { Translate } from '../i18n/index.js';
import { DepartmentModel } from '../models/department.js';
import { PersonModel } from '../models/person.js';
import { TaskAssignmentModel, TaskModel, TaskTransitionModel } from '../models/task.js';
import { formatZoned, zonedDayKey } from '../time/zoned.js';
import {
  type AssignmentView,
  type TaskView,
  type TransitionView,
  toAssignmentView,
  toTaskView,
  toTransitionView,
} from './task-views.js';

/** Most tasks one export holds. */
export const MAX_EXPORT_TASKS = 5000;

/** Which tasks an actor may export: all, or those of some departments. */
export type LedgerScope = { kind: 'all' } | { kind: 'departments'; deptIds: readonly string[] };

/** The scope of an actor: admins and supervisors all; otherwise the departments they lead. */
export function ledgerScopeOf(actor: { roles: readonly string[]; leads: readonly string[] }): LedgerScope {
  if (actor.roles.includes('admin') || actor.roles.includes('supervisor')) return { kind: 'all' };
  return { kind: 'departments', deptIds: [...actor.leads] };
}

/** Tasks created in [from, to) (either end open). */
export interface LedgerRange {
  from?: Date;
  to?: Date;
}

/** Everything the ledgers are built from. */
export interface LedgerData {
  tasks: TaskView[];
  /** Active assignments by task id, in owner order. */
  assignments: Map<string, AssignmentView[]>;
  /** History by task id, oldest first. */
  transitions: Map<string, TransitionView[]>;
  /** open_id → name (people the bot knows by name). */
  names: Map<string, string>;
  /** open_id → department name. */
  personDept: Map<string, string>;
}

/** The tasks in scope and range, with what the ledgers need; `tooMany` beyond `max`. */
export async function loadLedgerData(
  scope: LedgerScope,
  range: LedgerRange,
  max = MAX_EXPORT_TASKS,
): Promise<{ ok: true; data: LedgerData } | { ok: false; tooMany: number }> {
  const filter: Record<string, unknown> = {};
  if (scope.kind === 'departments') filter.deptId = { $in: [...scope.deptIds] };
  if (range.from || range.to) {
    filter.createdAt = {
      ...(range.from ? { $gte: range.from } : {}),
      ...(range.to ? { $lt: range.to } : {}),
    };
  }
  const docs = await TaskModel.find(filter)
    .sort({ createdAt: 1, _id: 1 })
    .limit(max + 1)
    .lean();
  if (docs.length > max) return { ok: false, tooMany: max };
  const tasks = docs.map(toTaskView);
  const ids = tasks.map((t) => t.id);
  const assignments = new Map<string, AssignmentView[]>();
  const transitions = new Map<string, TransitionView[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const a of (await TaskAssignmentModel.find({ taskId: { $in: chunk } }).lean()).map(
      toAssignmentView,
    )) {
      if (!a.active) continue;
      assignments.set(a.taskId, [...(assignments.get(a.taskId) ?? []), a]);
    }
    for (const tr of (await TaskTransitionModel.find({ taskId: { $in: chunk } }).lean()).map(
      toTransitionView,
    )) {
      transitions.set(tr.taskId, [...(transitions.get(tr.taskId) ?? []), tr]);
    }
  }
  for (const t of tasks) {
    const order = new Map(t.owners.map((o, i) => [o, i]));
    assignments.get(t.id)?.sort((a, b) => (order.get(a.openId) ?? 1e9) - (order.get(b.openId) ?? 1e9));
    transitions.get(t.id)?.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  }
  const people = new Set<string>();
  for (const t of tasks) {
    people.add(t.creator);
    if (t.leader) people.add(t.leader);
    for (const o of t.owners) people.add(o);
  }
  for (const list of transitions.values()) for (const tr of list) people.add(tr.actor);
  for (const list of assignments.values()) for (const a of list) people.add(a.openId);
  const persons = await PersonModel.find(
    { openId: { $in: [...people] } },
    { openId: 1, name: 1, deptId: 1 },
  ).lean();
  const depts = new Map(
    (await DepartmentModel.find({}, { _id: 1, name: 1 }).lean()).map((d) => [String(d._id), d.name]),
  );
  const names = new Map<string, string>();
  const personDept = new Map<string, string>();
  for (const p of persons) {
    if (p.name) names.set(p.openId, p.name);
    const dept = p.deptId ? depts.get(p.deptId) : undefined;
    if (dept) personDept.set(p.openId, dept);
  }
  return { ok: true, data: { tasks, assignments, transitions, names, personDept } };
}

/** The ledgers, in workbook order. */
export const LEDGER_KEYS = ['tasks', 'duties', 'deadlines', 'rectify', 'closeouts'] as const;
export type LedgerKey = (typeof LEDGER_KEYS)[number];

/** One ledger: its (translated) name, header and rows of text. */
export interface Ledger {
  key: LedgerKey;
  name: string;
  header: string[];
  rows: string[][];
}

/** The five ledgers of `data`, in the reader's language, times in `tz`. */
export function buildLedgers(t: Translate, data: LedgerData, tz: string, now: Date): Ledger[] {
  const name = (openId: string | null) => (openId ? (data.names.get(openId) ?? openId) : '');
  const time = (d: Date | null) => (d ? formatZoned(d, tz, 'YYYY-MM-DD HH:mm') : '');
  const ownersOf = (task: TaskView) => task.owners.map(name).join(t('role.separator'));
  const taskState = (task: TaskView): string => {
    if (task.state === 'open' && task.deadline.getTime() < now.getTime())
      return t('ledger.taskState.overdue');
    return t(`ledger.taskState.${task.state}`);
  };
  const category = (task: TaskView) => t(`ledger.category.${task.category}`);
  const col = (key: Parameters<Translate>[0]) => t(key);

  const tasks: Ledger = {
    key: 'tasks',
    name: t('ledger.sheet.tasks'),
    header: [
      col('ledger.col.id'),
      col('ledger.col.title'),
      col('ledger.col.category'),
      col('ledger.col.owners'),
      col('ledger.col.leader'),
      col('ledger.col.deadline'),
      col('ledger.col.state'),
      col('ledger.col.creator'),
      col('ledger.col.createdAt'),
    ],
    rows: data.tasks.map((task) => [
      task.id,
      task.title,
      category(task),
      ownersOf(task),
      name(task.leader),
      time(task.deadline),
      taskState(task),
      name(task.creator),
      time(task.createdAt),
    ]),
  };

  const duties: Ledger = {
    key: 'duties',
    name: t('ledger.sheet.duties'),
    header: [
      col('ledger.col.id'),
      col('ledger.col.title'),
      col('ledger.col.owner'),
      col('ledger.col.department'),
      col('ledger.col.state'),
      col('ledger.col.confirmedAt'),
      col('ledger.col.submittedAt'),
      col('ledger.col.approvedAt'),
    ],
    rows: data.tasks.flatMap((task) =>
      (data.assignments.get(task.id) ?? []).map((a) => [
        task.id,
        task.title,
        name(a.openId),
        data.personDept.get(a.openId) ?? '',
        t(`ledger.ownerState.${a.state}`),
        time(a.confirmedAt),
        time(a.submittedAt),
        time(a.approvedAt ?? (!task.requiresApproval && a.state === 'submitted' ? a.submittedAt : null)),
      ]),
    ),
  };

  const timeLeft = (task: TaskView): string => {
    if (task.state === 'closed') return t('ledger.timeLeft.done');
    if (task.state === 'cancelled') return t('ledger.timeLeft.cancelled');
    const days = dayDiff(zonedDayKey(now, tz), zonedDayKey(task.deadline, tz));
    if (task.deadline.getTime() < now.getTime())
      return t('ledger.timeLeft.overdue', { days: Math.max(-days, 0) });
    return days === 0 ? t('ledger.timeLeft.today') : t('ledger.timeLeft.days', { days });
  };
  const deadlines: Ledger = {
    key: 'deadlines',
    name: t('ledger.sheet.deadlines'),
    header: [
      col('ledger.col.id'),
      col('ledger.col.title'),
      col('ledger.col.owners'),
      col('ledger.col.leader'),
      col('ledger.col.deadline'),
      col('ledger.col.state'),
      col('ledger.col.timeLeft'),
    ],
    rows: data.tasks
      .filter((task) => task.category === 'create')
      .map((task) => [
        task.id,
        task.title,
        ownersOf(task),
        name(task.leader),
        time(task.deadline),
        taskState(task),
        timeLeft(task),
      ]),
  };

  const returnsOf = (task: TaskView) =>
    (data.transitions.get(task.id) ?? []).filter(
      (tr) => tr.action === 'return' || (tr.from === 'submitted' && tr.to === 'confirmed'),
    );
  const rectify: Ledger = {
    key: 'rectify',
    name: t('ledger.sheet.rectify'),
    header: [
      col('ledger.col.id'),
      col('ledger.col.title'),
      col('ledger.col.owners'),
      col('ledger.col.leader'),
      col('ledger.col.deadline'),
      col('ledger.col.state'),
      col('ledger.col.progress'),
      col('ledger.col.returns'),
      col('ledger.col.returnReasons'),
    ],
    rows: data.tasks
      .filter((task) => task.category === 'rectify')
      .map((task) => {
        const list = data.assignments.get(task.id) ?? [];
        const finished = list.filter(
          (a) => a.state === 'approved' || (!task.requiresApproval && a.state === 'submitted'),
        ).length;
        const waiting = task.requiresApproval ? list.filter((a) => a.state === 'submitted').length : 0;
        const returns = returnsOf(task);
        return [
          task.id,
          task.title,
          ownersOf(task),
          name(task.leader),
          time(task.deadline),
          taskState(task),
          t('ledger.progress', { approved: finished, total: list.length, submitted: waiting }),
          String(returns.length),
          returns.map((r) => `${time(r.at)} ${name(r.owner)}：${r.note}`).join('\n'),
        ];
      }),
  };

  const closeouts: Ledger = {
    key: 'closeouts',
    name: t('ledger.sheet.closeouts'),
    header: [
      col('ledger.col.id'),
      col('ledger.col.title'),
      col('ledger.col.category'),
      col('ledger.col.owner'),
      col('ledger.col.note'),
      col('ledger.col.approver'),
      col('ledger.col.approvedAt'),
    ],
    rows: data.tasks.flatMap((task) => {
      const history = data.transitions.get(task.id) ?? [];
      const rows: string[][] = [];
      history.forEach((tr, i) => {
        const approved = tr.action === 'approve' || tr.to === 'approved';
        const selfClosed = !task.requiresApproval && (tr.action === 'submit' || tr.to === 'submitted');
        if (!tr.owner || !(approved || selfClosed)) return;
        const submission = selfClosed
          ? tr
          : history
              .slice(0, i)
              .reverse()
              .find((s) => s.owner === tr.owner && (s.action === 'submit' || s.to === 'submitted'));
        rows.push([
          task.id,
          task.title,
          category(task),
          name(tr.owner),
          submission?.note ?? '',
          selfClosed ? t('ledger.noApproval') : name(tr.actor),
          time(tr.at),
        ]);
      });
      return rows;
    }),
  };

  return [tasks, duties, deadlines, rectify, closeouts];
}

/** Calendar days from day key `a` to day key `b` (YYYY-MM-DD). */
function dayDiff(a: string, b: string): number {
  const ms = (k: string) =>
    Date.UTC(Number(k.slice(0, 4)), Number(k.slice(5, 7)) - 1, Number(k.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}
