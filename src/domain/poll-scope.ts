/**
 * What of a poll a viewer may see in an export. Admins, supervisors and the poll's creator see
 * all of it (as with sign-off documents: whoever chose the audience sees it whole); any other
 * leader sees only their departments (with those below): the voters placed in them, their
 * departments' slices and the slices of the chats bound to them, and a summary that adds up
 * only those shown slices — so it never exposes a hidden one by subtraction.
 */
import { PersonModel } from '../models/person.js';
import { PollEligibleModel } from '../models/poll.js';
import type { ActorProfile } from './access.js';
import { listBoundChats } from './chats.js';
import type { OptionResult, PollResults, SliceResult } from './poll-results.js';
import type { PollView } from './polls.js';

/** Everything, or only these departments (ids, descendants included). */
export type PollScope = { kind: 'all' } | { kind: 'departments'; deptIds: string[] };

/** The parts of a profile the scope reads, plus who it is. */
export type PollViewer = Pick<ActorProfile, 'roles' | 'leads'> & { openId: string };

/** The scope of a viewer who may export the poll. */
export function pollScopeOf(viewer: PollViewer, poll: Pick<PollView, 'creator'>): PollScope {
  if (viewer.roles.includes('admin') || viewer.roles.includes('supervisor') || viewer.openId === poll.creator)
    return { kind: 'all' };
  return { kind: 'departments', deptIds: [...viewer.leads] };
}

/** The people among `openIds` placed in the scope's departments (their department now). */
export async function peopleInScope(
  openIds: readonly string[],
  deptIds: readonly string[],
): Promise<Set<string>> {
  if (openIds.length === 0 || deptIds.length === 0) return new Set();
  const people = await PersonModel.find(
    { openId: { $in: [...openIds] }, deptId: { $in: [...deptIds] } },
    { openId: 1 },
  ).lean();
  return new Set(people.map((p) => p.openId));
}

/** A poll's results as a department scope sees them: its slices, and a summary of the shown ones. */
export interface ScopedResults {
  results: PollResults;
  /** True when some of the scope's slices are hidden (and so not in the summary). */
  partial: boolean;
}

function sumOptions(poll: PollView, slices: readonly SliceResult[], respondents: number): OptionResult[] {
  return poll.options.map((o) => {
    const count = slices.reduce((n, s) => n + (s.options.find((x) => x.key === o.key)?.count ?? 0), 0);
    return {
      key: o.key,
      label: o.label,
      count,
      percent: respondents > 0 ? Math.round((count / respondents) * 1000) / 10 : 0,
    };
  });
}

/**
 * Restricts results (already suppressed for the whole poll) to a department scope: the slices of
 * its departments and of the chats bound to them; totals are the sums of the shown department
 * slices, eligible the eligible people of those slices.
 */
export async function scopeResults(
  poll: PollView,
  r: PollResults,
  deptIds: readonly string[],
  index: (votes: Record<string, number>, respondents: number) => number | null,
): Promise<ScopedResults> {
  const mine = new Set(deptIds);
  const chatsOfMine = new Set(
    (await listBoundChats()).filter((c) => c.deptId !== null && mine.has(c.deptId)).map((c) => c.chatId),
  );
  const byDept = r.byDept.filter((s) => s.id !== null && mine.has(s.id));
  const byChat = r.byChat.filter((s) => s.id !== null && chatsOfMine.has(s.id));
  const shown = byDept.filter((s) => !s.suppressed);
  const respondents = shown.reduce((n, s) => n + s.respondents, 0);
  const eligible =
    shown.length === 0
      ? 0
      : await PollEligibleModel.countDocuments({
          poll: { $eq: poll.id },
          dept: { $in: shown.map((s) => s.id!) },
        });
  const options = sumOptions(poll, shown, respondents);
  const votes = Object.fromEntries(options.map((o) => [o.key, o.count]));
  return {
    results: {
      respondents,
      eligible,
      turnout: eligible > 0 ? Math.round((respondents / eligible) * 1000) / 10 : 0,
      options,
      index: index(votes, respondents),
      byChat,
      byDept,
    },
    partial: shown.length < byDept.length,
  };
}
