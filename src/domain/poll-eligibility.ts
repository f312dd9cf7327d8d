/**
 * Who may vote in a poll and in which breakdown slice their vote is counted. Pure functions:
 * the random sample (crypto randomness, no seed) and the slices that stay anonymous.
 */
import { randomInt } from 'node:crypto';

/** Breakdown slices with fewer people than this are never stored per vote nor shown. */
export const MIN_SLICE = 5;

/** A member of a target chat, with their department (if known). */
export interface Candidate {
  openId: string;
  chatId: string;
  deptId: string | null;
}

/** How many to sample: a share of the members, or a fixed number. */
export type SampleSpec = { percent: number } | { count: number };

/** One eligible voter and the slice their vote is counted in (null: only in the total). */
export interface EligibleEntry {
  openId: string;
  chat: string | null;
  dept: string | null;
}

/** Each person once (the first chat they appear in), in input order. */
export function distinctCandidates(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.openId) && seen.add(c.openId));
}

/** The sample size for `total` people: at least 1, at most all. */
export function sampleSize(spec: SampleSpec, total: number): number {
  const wanted = 'count' in spec ? spec.count : Math.round((total * spec.percent) / 100);
  return Math.min(total, Math.max(1, wanted));
}

/** A uniform random sample without repetition (partial Fisher–Yates with crypto.randomInt). */
export function pickSample<T>(items: readonly T[], size: number): T[] {
  const pool = [...items];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * The slice of each voter. A chat or department with fewer than {@link MIN_SLICE} eligible
 * people is dropped (null); then every (chat, department) pair must hold at least MIN_SLICE
 * people too, else its department is dropped, and then its chat — so no stored slice ever
 * narrows a vote down to fewer than MIN_SLICE people (except the whole of a tiny poll).
 */
export function assignSlices(voters: readonly Candidate[]): EligibleEntry[] {
  const byChat = countBy(voters, (v) => v.chatId);
  const byDept = countBy(voters, (v) => v.deptId ?? '');
  let entries: EligibleEntry[] = voters.map((v) => ({
    openId: v.openId,
    chat: (byChat.get(v.chatId) ?? 0) >= MIN_SLICE ? v.chatId : null,
    dept: v.deptId && (byDept.get(v.deptId) ?? 0) >= MIN_SLICE ? v.deptId : null,
  }));
  const pairKey = (e: EligibleEntry) => `${e.chat ?? ''}\u0000${e.dept ?? ''}`;
  for (const drop of ['dept', 'chat'] as const) {
    const pairs = countBy(entries, pairKey);
    entries = entries.map((e) => ((pairs.get(pairKey(e)) ?? 0) < MIN_SLICE ? { ...e, [drop]: null } : e));
  }
  return entries;
}
