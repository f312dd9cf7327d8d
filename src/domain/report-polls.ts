/**
 * The report's 投票 sheet: polls started in the period, aggregated only — eligible, voters,
 * turnout, votes per option and the satisfaction index. Never who chose what, not even for
 * named polls: the figures come from the poll domain's counts ({@link pollResults}), which
 * group ballots and never read a vote with its voter.
 *
 * A leader's row counts only the department slices of the departments they lead that the results
 * card shows; a slice hidden there (fewer than 5 respondents, or derivable by subtraction, see
 * poll-suppression.ts) stays hidden here and the row says so. Results
 * hidden until close are not listed before the poll closes.
 */
import { ChatModel } from '../models/chat.js';
import { PollEligibleModel, PollModel } from '../models/poll.js';
import { formatZoned } from '../time/zoned.js';
import { type PollResults, pollResults, satisfactionIndex } from './poll-results.js';
import { getPoll, type PollView, resultsVisible } from './polls.js';
import { percent, type ReportCell, type ReportInput, type ReportSheet } from './report-sheet.js';

/** The figures of one poll as one reader may see them. */
interface PollFigures {
  chats: string[];
  eligible: number;
  voters: number;
  /** Votes per option key; null when the results are not to be shown yet. */
  votes: Record<string, number> | null;
  index: number | null;
  suppressed: boolean;
}

function wholePoll(poll: PollView, r: PollResults): PollFigures {
  return {
    chats: poll.chats.map((c) => c.name || c.chatId),
    eligible: poll.eligibleCount,
    voters: r.respondents,
    votes: Object.fromEntries(r.options.map((o) => [o.key, o.count])),
    index: r.index,
    suppressed: false,
  };
}

/** The poll as seen from some departments: their slices only; undefined when none of them took part. */
async function departmentSlices(
  poll: PollView,
  r: PollResults,
  deptIds: readonly string[],
): Promise<PollFigures | undefined> {
  const eligible = await PollEligibleModel.countDocuments({
    poll: { $eq: poll.id },
    dept: { $in: [...deptIds] },
  });
  if (eligible === 0) return undefined;
  const mine = r.byDept.filter((s) => s.id !== null && deptIds.includes(s.id));
  const shown = mine.filter((s) => !s.suppressed);
  const voters = shown.reduce((a, s) => a + s.respondents, 0);
  const votes: Record<string, number> = {};
  for (const s of shown) for (const o of s.options) votes[o.key] = (votes[o.key] ?? 0) + o.count;
  const chatDocs = await ChatModel.find(
    { chatId: { $in: poll.chats.map((c) => c.chatId) } },
    { chatId: 1, deptId: 1 },
  ).lean();
  const mineChats = new Set(
    chatDocs.filter((c) => c.deptId && deptIds.includes(c.deptId)).map((c) => c.chatId),
  );
  return {
    chats: poll.chats.filter((c) => mineChats.has(c.chatId)).map((c) => c.name || c.chatId),
    eligible,
    voters,
    votes,
    index: satisfactionIndex(poll, { respondents: voters, votes }),
    suppressed: mine.length > shown.length,
  };
}

/** The 投票 sheet of the period, oldest poll first. */
export async function buildPollSheet(input: ReportInput): Promise<ReportSheet> {
  const { t, tz, scope, range } = input;
  const ids = await PollModel.find({ createdAt: { $gte: range.from, $lt: range.to } }, { _id: 1 }).lean();
  const polls = (await Promise.all(ids.map((d) => getPoll(String(d._id)))))
    .filter((p): p is PollView => p !== undefined)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const rows: ReportCell[][] = [];
  let widest = 0;
  for (const poll of polls) {
    const results = await pollResults(poll);
    const f =
      scope.kind === 'all' ? wholePoll(poll, results) : await departmentSlices(poll, results, scope.deptIds);
    if (!f) continue;
    const visible = resultsVisible(poll);
    const notes = [
      ...(visible ? [] : [t('report.poll.hidden')]),
      ...(f.suppressed ? [t('report.poll.suppressed')] : []),
    ];
    // Every slice of the reader's departments hidden: no figures at all rather than zeros.
    const blank = f.suppressed && f.voters === 0;
    const options = poll.options.flatMap((o) => [
      o.label,
      visible && f.votes && !blank ? (f.votes[o.key] ?? 0) : '',
    ]);
    widest = Math.max(widest, poll.options.length);
    rows.push([
      poll.id,
      poll.question,
      t(`report.poll.kind.${poll.kind}`),
      t(poll.anonymous ? 'report.yes' : 'report.no'),
      f.chats.join(t('role.separator')),
      formatZoned(poll.createdAt, tz, 'YYYY-MM-DD HH:mm'),
      t(poll.state === 'open' ? 'poll.state.open' : 'poll.state.closed'),
      f.eligible,
      blank ? '' : f.voters,
      blank ? '' : percent(f.voters, f.eligible),
      visible && f.index !== null && !blank ? f.index : '',
      notes.join(t('role.separator')),
      ...options,
    ]);
  }
  const optionHeader = Array.from({ length: widest }, (_, i) => [
    t('report.col.option', { n: i + 1 }),
    t('report.col.votes', { n: i + 1 }),
  ]).flat();
  return {
    key: 'polls',
    name: t('report.sheet.polls'),
    header: [
      t('report.col.pollId'),
      t('report.col.question'),
      t('report.col.pollKind'),
      t('report.col.anonymous'),
      t('report.col.chats'),
      t('report.col.createdAt'),
      t('report.col.pollState'),
      t('report.col.eligible'),
      t('report.col.voters'),
      t('report.col.turnout'),
      t('report.col.index'),
      t('report.col.note'),
      ...optionHeader,
    ],
    rows,
  };
}
