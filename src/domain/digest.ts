/**
 * The leaders' digest (领导周报), `/digest now`: per department (with its sub-departments), the
 * week ending now against the week before — tasks (new, closed, overdue with titles, on-time
 * rate), open sign-off documents (rate, pending names), and the broadcast / poll figures the
 * evaluation score reads (知晓度, 参与度, 满意度) with the broadcast quiz accuracy, for both weeks.
 */
import { PersonModel } from '../models/person.js';
import { PledgeModel } from '../models/pledge.js';
import { TaskModel } from '../models/task.js';
import { quizAccuracy } from './broadcast-accuracy.js';
import { withDescendants } from './departments.js';
import { listSignatures, signerStatuses } from './pledge-signatures.js';
import { getPledge, listSigners } from './pledges.js';
import { collectScoreFigures } from './score-figures.js';

const WEEK_MS = 7 * 86_400_000;
/** Overdue titles and pending names listed at most. */
export const DIGEST_LIST_MAX = 10;

/** Task figures of one week. */
export interface WeekTasks {
  created: number;
  closed: number;
  /** Of the tasks closed in the week, the share closed by their deadline (0–100); null when none closed. */
  onTimeRate: number | null;
}

/** The perception figures of one week (0–100, satisfaction the index); null = no data. */
export interface WeekPerception {
  awareness: number | null;
  participation: number | null;
  satisfaction: number | null;
  /** Broadcast quiz accuracy: right answers / answers of the department's people. */
  quizAccuracy: number | null;
}

/** One department's digest. */
export interface DeptDigest {
  deptId: string;
  name: string;
  week: WeekTasks;
  previous: WeekTasks;
  /** Open tasks past their deadline now. */
  overdue: { id: string; title: string }[];
  overdueCount: number;
  /** Open sign-off documents: signed / signers of the department (0–100), null when none. */
  signRate: number | null;
  pendingSigners: string[];
  pendingCount: number;
  awareness: number | null;
  participation: number | null;
  satisfaction: number | null;
  quizAccuracy: number | null;
  /** The same figures for the week before. */
  lastWeek: WeekPerception;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

async function weekTasks(depts: string[], from: Date, to: Date): Promise<WeekTasks> {
  const states: ('open' | 'closed')[] = ['open', 'closed'];
  const created = await TaskModel.countDocuments({
    deptId: { $in: depts },
    state: { $in: states },
    createdAt: { $gte: from, $lt: to },
  });
  const closed = await TaskModel.find({
    deptId: { $in: depts },
    state: { $in: states },
    closedAt: { $gte: from, $lt: to },
  }).lean();
  const onTime = closed.filter((t) => t.closedAt && t.closedAt.getTime() <= t.deadline.getTime()).length;
  return {
    created,
    closed: closed.length,
    onTimeRate: closed.length > 0 ? round1((onTime / closed.length) * 100) : null,
  };
}

async function signOffs(members: Map<string, string>) {
  const docs = await PledgeModel.find({ state: 'open' }, { _id: 1 }).lean();
  let total = 0;
  const pending: string[] = [];
  for (const { _id } of docs) {
    const pledge = await getPledge(String(_id));
    if (!pledge || pledge.version === 0) continue;
    const signers = (await listSigners(pledge.id)).filter((s) => members.has(s));
    const statuses = signerStatuses(pledge, signers, await listSignatures(pledge.id));
    total += signers.length;
    for (const [openId, s] of statuses)
      if (s.status !== 'signed') pending.push(members.get(openId) || openId);
  }
  return { signRate: total > 0 ? round1(((total - pending.length) / total) * 100) : null, pending };
}

/** The digest of one department for the week ending at `now`. */
export async function collectDeptDigest(dept: { id: string; name: string }, now: Date): Promise<DeptDigest> {
  const depts = await withDescendants([dept.id]);
  const from = new Date(now.getTime() - WEEK_MS);
  const people = await PersonModel.find({ deptId: { $in: depts } }, { openId: 1, name: 1 }).lean();
  const members = new Map(people.map((p) => [p.openId, p.name ?? '']));
  const overdueDocs = await TaskModel.find({ deptId: { $in: depts }, state: 'open', deadline: { $lt: now } })
    .sort({ deadline: 1 })
    .lean();
  const prevFrom = new Date(from.getTime() - WEEK_MS);
  const [week, previous, sign, figures, prevFigures, accuracy, prevAccuracy] = await Promise.all([
    weekTasks(depts, from, now),
    weekTasks(depts, prevFrom, from),
    signOffs(members),
    collectScoreFigures(dept.id, { label: '', from, to: now }),
    collectScoreFigures(dept.id, { label: '', from: prevFrom, to: from }),
    quizAccuracy(depts, { from, to: now }),
    quizAccuracy(depts, { from: prevFrom, to: from }),
  ]);
  const r = (n: number | null) => (n === null ? null : round1(n));
  return {
    deptId: dept.id,
    name: dept.name,
    week,
    previous,
    overdue: overdueDocs.slice(0, DIGEST_LIST_MAX).map((t) => ({ id: t._id, title: t.title })),
    overdueCount: overdueDocs.length,
    signRate: sign.signRate,
    pendingSigners: sign.pending.slice(0, DIGEST_LIST_MAX),
    pendingCount: sign.pending.length,
    awareness: r(figures.awareness),
    participation: r(figures.participation),
    satisfaction: r(figures.satisfaction),
    quizAccuracy: r(accuracy),
    lastWeek: {
      awareness: r(prevFigures.awareness),
      participation: r(prevFigures.participation),
      satisfaction: r(prevFigures.satisfaction),
      quizAccuracy: r(prevAccuracy),
    },
  };
}
