/**
 * Reads the figures the early-warning rules need for one department at `now`: overdue open
 * tasks, the last two closed satisfaction polls' index, the latest sign-off past its deadline
 * and the month's score (through score-figures). A failing source reads as no data.
 */
import type { Logger } from '../logger.js';
import { PersonModel } from '../models/person.js';
import { PledgeModel } from '../models/pledge.js';
import { PollModel } from '../models/poll.js';
import { TaskModel } from '../models/task.js';
import { listSignatures, signerStatuses } from './pledge-signatures.js';
import { getPledge, listSigners } from './pledges.js';
import { pollResults } from './poll-results.js';
import { getPoll } from './polls.js';
import { computeScore } from './score.js';
import { loadScoreWeights } from './score-config.js';
import { collectScoreFigures } from './score-figures.js';
import { parseScorePeriod } from './score-period.js';
import type { WarningFigures } from './warnings-rules.js';

/** Closed polls and past sign-offs looked at (newest first); keeps the scan small. */
const SCAN_LIMIT = 20;

async function satisfaction(deptId: string): Promise<WarningFigures['satisfaction']> {
  const docs = await PollModel.find({ kind: 'satisfaction', state: 'closed' }, { _id: 1 })
    .sort({ closedAt: -1 })
    .limit(SCAN_LIMIT)
    .lean();
  const found: number[] = [];
  for (const { _id } of docs) {
    const poll = await getPoll(String(_id));
    if (!poll) continue;
    const slice = (await pollResults(poll)).byDept.find((s) => s.id === deptId && !s.suppressed);
    if (slice?.index === null || slice?.index === undefined) continue;
    found.push(slice.index);
    if (found.length === 2) break;
  }
  return { latest: found[0] ?? null, previous: found[1] ?? null };
}

async function closedSignRate(deptId: string, now: Date): Promise<number | null> {
  const people = await PersonModel.find({ deptId: { $eq: deptId } }, { openId: 1 }).lean();
  const members = new Set(people.map((p) => p.openId));
  const docs = await PledgeModel.find({ deadline: { $lt: now }, version: { $gt: 0 } }, { _id: 1 })
    .sort({ deadline: -1 })
    .limit(SCAN_LIMIT)
    .lean();
  for (const { _id } of docs) {
    const pledge = await getPledge(String(_id));
    if (!pledge) continue;
    const signers = (await listSigners(pledge.id)).filter((s) => members.has(s));
    if (signers.length === 0) continue;
    const statuses = signerStatuses(pledge, signers, await listSignatures(pledge.id));
    const signed = [...statuses.values()].filter((s) => s.status === 'signed').length;
    return (signed / signers.length) * 100;
  }
  return null;
}

async function monthScore(deptId: string, tz: string, now: Date, log?: Logger): Promise<number | null> {
  const period = parseScorePeriod('', tz, now)!;
  const figures = await collectScoreFigures(deptId, period, log);
  return computeScore(figures, await loadScoreWeights()).total;
}

async function orNull<T>(
  log: Logger | undefined,
  source: string,
  read: () => Promise<T>,
  empty: T,
): Promise<T> {
  try {
    return await read();
  } catch (err) {
    log?.warn({ err, source }, 'warning source unreadable; treated as no data');
    return empty;
  }
}

/** The figures of one department (the department itself; leaders of a parent get their own). */
export async function collectWarningFigures(
  deptId: string,
  tz: string,
  now: Date,
  log?: Logger,
): Promise<WarningFigures> {
  const overdueOpen = await TaskModel.countDocuments({
    deptId: { $eq: deptId },
    state: 'open',
    deadline: { $lt: now },
  });
  const [sat, sign, score] = await Promise.all([
    orNull(log, 'polls', () => satisfaction(deptId), { latest: null, previous: null }),
    orNull(log, 'pledges', () => closedSignRate(deptId, now), null),
    orNull(log, 'score', () => monthScore(deptId, tz, now, log), null),
  ]);
  return { satisfaction: sat, overdueOpen, closedSignRate: sign, monthScore: score };
}
