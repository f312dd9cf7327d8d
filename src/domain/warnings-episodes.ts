/**
 * Episodes of early warnings: a rule per department is active or clear. A change is claimed by
 * inserting WarningTransition `${rule}:${dept}:${n}` (n = last + 1); the duplicate-key loser
 * does nothing, so two checkers never alert twice. The episode document mirrors the last claim.
 */
import { WarningEpisodeModel, WarningTransitionModel } from '../models/warning.js';
import { isDuplicate } from './pledges.js';
import type { WarningRule } from './warnings-rules.js';

export type EpisodeState = 'active' | 'clear';

/** A claimed change: the caller sends its messages. */
export interface ClaimedTransition {
  rule: WarningRule;
  deptId: string;
  state: EpisodeState;
  since: Date;
  value: number | null;
}

/** An active episode as listed. */
export interface ActiveWarning {
  rule: WarningRule;
  deptId: string;
  since: Date;
  value: number | null;
}

/** The last recorded change of (rule, dept) with when it was claimed, if any. */
export async function latestTransition(
  rule: WarningRule,
  deptId: string,
): Promise<(ClaimedTransition & { at: Date }) | undefined> {
  const last = await WarningTransitionModel.findOne({ rule: { $eq: rule }, deptId: { $eq: deptId } })
    .sort({ n: -1 })
    .lean();
  if (!last) return undefined;
  return {
    rule,
    deptId,
    state: last.state as EpisodeState,
    since: last.since,
    value: last.value ?? null,
    at: last.at,
  };
}

/** Moves (rule, dept) to `tripped ? active : clear` when it is not there yet; undefined = no change or lost the race. */
export async function transition(
  rule: WarningRule,
  deptId: string,
  tripped: number | null,
  now: Date,
): Promise<ClaimedTransition | undefined> {
  const last = await WarningTransitionModel.findOne({ rule: { $eq: rule }, deptId: { $eq: deptId } })
    .sort({ n: -1 })
    .lean();
  const current: EpisodeState = (last?.state as EpisodeState | undefined) ?? 'clear';
  const wanted: EpisodeState = tripped !== null ? 'active' : 'clear';
  if (current === wanted) return undefined;
  const n = (last?.n ?? 0) + 1;
  const since = wanted === 'active' ? now : last!.since;
  try {
    await WarningTransitionModel.create({
      _id: `${rule}:${deptId}:${n}`,
      rule,
      deptId,
      n,
      state: wanted,
      since,
      value: tripped,
      at: now,
    });
  } catch (error) {
    if (isDuplicate(error)) return undefined;
    throw error;
  }
  await WarningEpisodeModel.updateOne(
    { _id: `${rule}:${deptId}`, seq: { $lt: n } },
    { $set: { rule, deptId, state: wanted, seq: n, since, value: tripped, updatedAt: now } },
    { upsert: true },
  ).catch((error) => {
    if (!isDuplicate(error)) throw error; // a newer claim already wrote the mirror
  });
  return { rule, deptId, state: wanted, since, value: tripped };
}

/** Active episodes, optionally limited to some departments. */
export async function listActiveWarnings(deptIds?: readonly string[]): Promise<ActiveWarning[]> {
  const filter: Record<string, unknown> = { state: 'active' };
  if (deptIds) filter.deptId = { $in: [...deptIds] };
  const docs = await WarningEpisodeModel.find(filter).sort({ since: 1 }).lean();
  return docs.map((d) => ({
    rule: d.rule as WarningRule,
    deptId: d.deptId,
    since: d.since,
    value: d.value ?? null,
  }));
}
