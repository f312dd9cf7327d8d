/**
 * Reads the figures of the evaluation score for one department (and the departments below it)
 * and one period from the stored tasks, sign-offs, broadcasts and polls. What cannot be read
 * (nothing in the period, or a source that fails) is null: 暂无数据.
 *
 * - 责任书签署率: responsibility letters due in the period; signers of the department who signed the current version.
 * - 组织类任务按时销号率: tasks of category `create` due in the period, closed by their deadline.
 * - 重点工程推进: the other categories (key, rectify, other), due in the period: closed / due and closed on time / due.
 * - 知晓度: 已学习 presses by the department's people / (people of the department × broadcasts delivered to its chats).
 * - 参与度 / 满意度: polls created in the period, the department's slice (the poll domain's results):
 *   respondents / eligible people of the department, and the satisfaction index weighted by respondents.
 *   A slice too small to show (anonymity) gives no data.
 */
import type { Logger } from '../logger.js';
import { BroadcastModel } from '../models/broadcast.js';
import { PersonModel } from '../models/person.js';
import { PledgeModel } from '../models/pledge.js';
import { PollEligibleModel, PollModel } from '../models/poll.js';
import { TaskModel } from '../models/task.js';
import { broadcastFigures, getBroadcast } from './broadcasts.js';
import { withDescendants } from './departments.js';
import { listSignatures, signerStatuses } from './pledge-signatures.js';
import { getPledge, listSigners } from './pledges.js';
import { pollResults } from './poll-results.js';
import { getPoll } from './polls.js';
import type { CategoryFigures, ScoreFigures } from './score.js';
import type { ScorePeriod } from './score-period.js';

/** Task categories that count as organisational measures (组织保障). */
export const ORGANISATION_CATEGORIES = ['create'] as const;
const PROJECT_CATEGORIES = ['key', 'rectify', 'other'] as const;

const pct = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);

async function taskFigures(depts: string[], p: ScorePeriod) {
  const tasks = await TaskModel.find({
    deptId: { $in: depts },
    deadline: { $gte: p.from, $lt: p.to },
    state: { $in: ['open', 'closed'] },
  }).lean();
  const count = (category: string): CategoryFigures => {
    const mine = tasks.filter((t) => t.category === category);
    const closed = mine.filter((t) => t.state === 'closed');
    const onTime = closed.filter((t) => t.closedAt && t.closedAt.getTime() <= t.deadline.getTime());
    return { category, due: mine.length, closed: closed.length, closedOnTime: onTime.length };
  };
  const org = ORGANISATION_CATEGORIES.map(count);
  const orgDue = org.reduce((a, c) => a + c.due, 0);
  return {
    orgOnTime: pct(
      org.reduce((a, c) => a + c.closedOnTime, 0),
      orgDue,
    ),
    categories: PROJECT_CATEGORIES.map(count),
  };
}

async function signRate(members: Set<string>, p: ScorePeriod): Promise<number | null> {
  const docs = await PledgeModel.find(
    { kind: 'responsibility', deadline: { $gte: p.from, $lt: p.to } },
    { _id: 1 },
  ).lean();
  let total = 0;
  let signed = 0;
  for (const { _id } of docs) {
    const pledge = await getPledge(String(_id));
    if (!pledge || pledge.version === 0) continue;
    const signers = (await listSigners(pledge.id)).filter((s) => members.has(s));
    const statuses = signerStatuses(pledge, signers, await listSignatures(pledge.id));
    total += signers.length;
    signed += [...statuses.values()].filter((s) => s.status === 'signed').length;
  }
  return pct(signed, total);
}

async function awareness(depts: string[], members: number, p: ScorePeriod): Promise<number | null> {
  const docs = await BroadcastModel.find({ createdAt: { $gte: p.from, $lt: p.to } }, { _id: 1 }).lean();
  let reached = 0;
  let acks = 0;
  for (const { _id } of docs) {
    const b = await getBroadcast(String(_id));
    if (!b) continue;
    const f = await broadcastFigures(b);
    const rows = depts.map((d) => f.byDept.get(d)).filter((r) => r !== undefined);
    if (!rows.some((r) => r.delivered > 0)) continue;
    reached += members;
    acks += rows.reduce((a, r) => a + r.acks, 0);
  }
  return pct(Math.min(acks, reached), reached);
}

async function pollFigures(depts: string[], p: ScorePeriod) {
  const docs = await PollModel.find({ createdAt: { $gte: p.from, $lt: p.to } }, { _id: 1 }).lean();
  let eligible = 0;
  let respondents = 0;
  let indexSum = 0;
  let indexN = 0;
  for (const { _id } of docs) {
    const poll = await getPoll(String(_id));
    if (!poll) continue;
    const results = await pollResults(poll);
    const slices = results.byDept.filter((s) => s.id !== null && depts.includes(s.id) && !s.suppressed);
    if (slices.length === 0) continue;
    eligible += await PollEligibleModel.countDocuments({ poll: { $eq: poll.id }, dept: { $in: depts } });
    for (const s of slices) {
      respondents += s.respondents;
      if (s.index !== null) {
        indexSum += s.index * s.respondents;
        indexN += s.respondents;
      }
    }
  }
  return {
    participation: pct(Math.min(respondents, eligible), eligible),
    satisfaction: indexN > 0 ? indexSum / indexN : null,
  };
}

/** Runs one source; a failing source (e.g. a feature being rebuilt) becomes 暂无数据 and is logged. */
async function orNull<T>(
  log: Logger | undefined,
  source: string,
  read: () => Promise<T>,
  empty: T,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    log?.warn({ err: error, source }, 'score source unreadable; shown as no data');
    return empty;
  }
}

/** The figures of `deptId` (with its sub-departments) in the period. */
export async function collectScoreFigures(
  deptId: string,
  period: ScorePeriod,
  log?: Logger,
): Promise<ScoreFigures> {
  const depts = await withDescendants([deptId]);
  const people = await PersonModel.find({ deptId: { $in: depts } }, { openId: 1 }).lean();
  const members = new Set(people.map((x) => x.openId));
  const [tasks, sign, aware, polls] = await Promise.all([
    orNull(log, 'tasks', () => taskFigures(depts, period), { orgOnTime: null, categories: [] }),
    orNull(log, 'pledges', () => signRate(members, period), null),
    orNull(log, 'broadcasts', () => awareness(depts, members.size, period), null),
    orNull(log, 'polls', () => pollFigures(depts, period), { participation: null, satisfaction: null }),
  ]);
  return { signRate: sign, ...tasks, awareness: aware, ...polls };
}
