/**
 * Poll results: counts per option, turnout, the satisfaction index and the breakdown per chat
 * and per department. Counting is pure ({@link summarise}); {@link tallyPoll} reads the counts
 * with aggregations (never vote by vote). Slices with fewer than MIN_SLICE respondents are
 * suppressed.
 */
import { PollBallotModel, PollVoteModel } from '../models/poll-vote.js';
import { MIN_SLICE } from './poll-eligibility.js';
import { countedGeneration } from './poll-mixer.js';
import { chooseHiddenSlices, type PollCell } from './poll-suppression.js';
import type { PollView } from './polls.js';

/** Raw counts of one slice (or of the whole poll): respondents and votes per option key. */
export interface SliceCounts {
  respondents: number;
  votes: Record<string, number>;
}

/** Counts of a poll: the whole, per chat, per department (null id: small slices merged) and per (chat, department) cell. */
export interface PollCounts {
  total: SliceCounts;
  byChat: Map<string | null, SliceCounts>;
  byDept: Map<string | null, SliceCounts>;
  /** Respondents per (chat, department) cell, for the suppression rule (see poll-suppression.ts). */
  cells: PollCell[];
}

/** One option's line of the results. */
export interface OptionResult {
  key: string;
  label: string;
  count: number;
  /** Share of respondents who chose it, 0–100. */
  percent: number;
}

/** One breakdown slice; `suppressed` hides its figures (too few respondents, alone or by subtraction). */
export interface SliceResult {
  id: string | null;
  respondents: number;
  suppressed: boolean;
  options: OptionResult[];
  index: number | null;
}

/** Everything a results card or export shows. */
export interface PollResults {
  respondents: number;
  eligible: number;
  /** Turnout, 0–100. */
  turnout: number;
  options: OptionResult[];
  /** Satisfaction index (weighted mean of the options' weights), satisfaction polls only. */
  index: number | null;
  byChat: SliceResult[];
  byDept: SliceResult[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function optionResults(poll: PollView, counts: SliceCounts): OptionResult[] {
  return poll.options.map((o) => {
    const count = counts.votes[o.key] ?? 0;
    return {
      key: o.key,
      label: o.label,
      count,
      percent: counts.respondents > 0 ? round1((count / counts.respondents) * 100) : 0,
    };
  });
}

/** The satisfaction index of some counts: Σ weight × votes / Σ votes (null when not a satisfaction poll or no votes). */
export function satisfactionIndex(poll: PollView, counts: SliceCounts): number | null {
  if (poll.kind !== 'satisfaction') return null;
  let sum = 0;
  let n = 0;
  for (const o of poll.options) {
    const c = counts.votes[o.key] ?? 0;
    sum += c * (o.weight ?? 0);
    n += c;
  }
  return n > 0 ? round1(sum / n) : null;
}

function slices(
  poll: PollView,
  map: Map<string | null, SliceCounts>,
  hidden: Set<string | null>,
): SliceResult[] {
  const out = [...map.entries()].map(([id, counts]) => {
    const suppressed = counts.respondents < MIN_SLICE || hidden.has(id);
    return {
      id,
      respondents: suppressed ? 0 : counts.respondents,
      suppressed,
      options: suppressed ? [] : optionResults(poll, counts),
      index: suppressed ? null : satisfactionIndex(poll, counts),
    };
  });
  // Named slices first (largest first), the merged small ones last.
  return out.sort(
    (a, b) => (a.id === null ? 1 : 0) - (b.id === null ? 1 : 0) || b.respondents - a.respondents,
  );
}

/**
 * Turns counts into results (pure). A breakdown with only the merged slice is left out; slices
 * are hidden by the rule of poll-suppression.ts (small, or derivable by subtraction).
 */
export function summarise(poll: PollView, counts: PollCounts): PollResults {
  const { respondents } = counts.total;
  const hidden = chooseHiddenSlices(counts.cells);
  const hasNamed = (m: Map<string | null, SliceCounts>) => [...m.keys()].some((k) => k !== null);
  return {
    respondents,
    eligible: poll.eligibleCount,
    turnout: poll.eligibleCount > 0 ? round1((respondents / poll.eligibleCount) * 100) : 0,
    options: optionResults(poll, counts.total),
    index: satisfactionIndex(poll, counts.total),
    byChat: hasNamed(counts.byChat) ? slices(poll, counts.byChat, hidden.chats) : [],
    byDept: hasNamed(counts.byDept) ? slices(poll, counts.byDept, hidden.depts) : [],
  };
}

/** One group of votes: its chat and department slice, the options chosen together, how many. */
export interface VoteGroup {
  chat: string | null;
  dept: string | null;
  options: readonly string[];
  n: number;
}

function addTo(map: Map<string | null, SliceCounts>, id: string | null, g: VoteGroup): SliceCounts {
  const slice = map.get(id) ?? { respondents: 0, votes: {} };
  map.set(id, slice);
  slice.respondents += g.n;
  for (const o of g.options) slice.votes[o] = (slice.votes[o] ?? 0) + g.n;
  return slice;
}

/** The counts of a poll from its vote groups (pure): the total, both breakdowns and the cells. */
export function countGroups(groups: readonly VoteGroup[]): PollCounts {
  const whole = new Map<string | null, SliceCounts>();
  const byChat = new Map<string | null, SliceCounts>();
  const byDept = new Map<string | null, SliceCounts>();
  const cells = new Map<string, PollCell>();
  for (const g of groups) {
    addTo(whole, null, g);
    addTo(byChat, g.chat, g);
    addTo(byDept, g.dept, g);
    const key = `${g.chat ?? ''}\u0000${g.dept ?? ''}\u0000${g.chat === null ? 0 : 1}${g.dept === null ? 0 : 1}`;
    const cell = cells.get(key) ?? { chat: g.chat, dept: g.dept, respondents: 0 };
    cell.respondents += g.n;
    cells.set(key, cell);
  }
  return {
    total: whole.get(null) ?? { respondents: 0, votes: {} },
    byChat,
    byDept,
    cells: [...cells.values()],
  };
}

type GroupRow = { _id: { s?: string | null; d?: string | null; o?: string[] | null } | null; n: number };

/**
 * Reads the counts of a poll: one aggregation grouped by chat slice, department slice and the
 * whole set of options chosen (few distinct groups), spread over the options here. (`$unwind`
 * before a compound `$group` lost the slice on FerretDB 1.24, so it is not used.)
 */
export async function tallyPoll(poll: PollView): Promise<PollCounts> {
  const model = (poll.anonymous ? PollBallotModel : PollVoteModel) as typeof PollBallotModel;
  const match: Record<string, unknown> = { poll: poll.id };
  if (poll.anonymous) {
    // Mixed ballots only: sealed votes wait for a batch of five, so the figures move in steps of
    // at least five and a results card never reveals a single vote.
    const gen = await countedGeneration(poll.id, poll.state === 'closed');
    match.gen = gen === 1 ? 1 : { $ne: 1 };
  }
  const rows = (await model.aggregate([
    { $match: match },
    { $group: { _id: { s: '$chat', d: '$dept', o: '$options' }, n: { $sum: 1 } } },
  ])) as GroupRow[];
  return countGroups(
    rows.map((r) => ({ chat: r._id?.s ?? null, dept: r._id?.d ?? null, options: r._id?.o ?? [], n: r.n })),
  );
}

/** Counts and summarises a poll. */
export async function pollResults(poll: PollView): Promise<PollResults> {
  return summarise(poll, await tallyPoll(poll));
}
