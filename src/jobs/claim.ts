/**
 * Claiming due jobs in batches (group commit) so that exactly one process runs each attempt.
 *
 * 1. Read the due candidates (pending with runAt ≤ now in the due-minute buckets, or running
 *    with an expired lease): one query per bucket plus one for expired leases; up to twice the
 *    batch, of which a random half is tried (concurrent claimers spread over the due jobs).
 * 2. Insert every candidate's claim token `${key}#${attempt}` into job_claims with one unordered
 *    insertMany. Each token's unique _id decides its winner atomically on MongoDB and on FerretDB
 *    alike; the write errors name the tokens another process holds.
 * 3. Lease the won jobs with one updateMany per (state, due minute, attempt) group — usually one —
 *    guarded by `attempts < attempt` and "still claimable".
 *
 * Step 3 alone is the usual MongoDB lease. FerretDB 1.24 implements update as a SELECT followed
 * by an unconditional whole-document UPDATE by _id, so two concurrent claimers both match and
 * both "win"; the tokens of step 2 make the claim exclusive on both engines. After the claim only
 * the holder writes the job (renew, finish). A token whose claimer died before leasing is taken
 * over (next attempt) once it is older than a lease.
 */
import type { QueryFilter } from 'mongoose';
import { writeErrorsOf } from '../batching/insert-batcher.js';
import type { Logger } from '../logger.js';
import { Job, JobClaim, type JobDoc } from '../models/job.js';

/** A job this process now holds: the document as it was read before the claim, and our attempt. */
export interface ClaimedJob {
  before: JobDoc;
  attempt: number;
}

/** What claiming needs from the scheduler. */
export interface ClaimParams {
  owner: string;
  leaseMs: number;
  names: string[];
  /** The claim time. */
  now: Date;
  /** Keys already tried in this tick; they are not tried again. */
  tried: Set<string>;
  log: Logger;
  /**
   * Due-minute buckets to look in (see {@link minuteKey}), oldest first; null = scan the whole
   * schedule by runAt (the first tick, after a long gap, and now and then as a safety net).
   */
  minutes?: string[] | null;
}

/** One claimed batch, and whether the schedule had more candidates than the batch took. */
export interface ClaimBatch {
  claimed: ClaimedJob[];
  /** Candidates read (claimed or not); 0 means nothing was due. */
  found: number;
  /** True when a query hit its limit: another batch may find more. */
  more: boolean;
}

/** The due-minute bucket of an instant: its UTC minute, 'YYYY-MM-DDTHH:mm'. */
export function minuteKey(at: Date): string {
  return at.toISOString().slice(0, 16);
}

/** The bucket a job scheduled at `now` to run at `runAt` is found in: never before `now`'s. */
export function dueMinuteOf(runAt: Date, now: Date): string {
  return minuteKey(runAt.getTime() > now.getTime() ? runAt : now);
}

/** The buckets from `fromMs`'s minute to `toMs`'s, inclusive. */
export function minutesBetween(fromMs: number, toMs: number): string[] {
  const out: string[] = [];
  for (let t = Math.floor(fromMs / 60_000) * 60_000; t <= toMs; t += 60_000) out.push(minuteKey(new Date(t)));
  return out;
}

/** Filter matching jobs that may be claimed at `now`. */
export function claimableFilter(now: Date): QueryFilter<JobDoc> {
  return {
    $or: [
      { state: 'pending', runAt: { $lte: now } },
      { state: 'running', leaseUntil: { $lt: now } },
    ],
  };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Token hops per job and batch: a dead claimer's token is skipped, a live one's is respected. */
const MAX_HOPS = 3;

/** Since when a candidate has been claimable: its runAt, or its expired lease's end. */
function dueSince(job: JobDoc): Date {
  return job.state === 'running' && job.leaseUntil ? job.leaseUntil : job.runAt;
}

/**
 * Due candidates, at most `limit`: an equality on `state` (and `dueMinute`) per query, which
 * FerretDB pushes down to SQL (an `$or` or a sort would scan the whole collection there).
 */
async function findCandidates(p: ClaimParams, limit: number): Promise<{ rows: JobDoc[]; more: boolean }> {
  const common = { name: { $in: p.names }, key: { $nin: [...p.tried] } };
  const [pending, expired] = await Promise.all([
    p.minutes
      ? findInBuckets(p, p.minutes, limit)
      : Job.find({ ...common, state: 'pending', runAt: { $lte: p.now } })
          .limit(limit)
          .lean()
          .then((rows) => ({ rows, more: rows.length >= limit })),
    Job.find({ ...common, state: 'running', leaseUntil: { $lt: p.now } })
      .limit(limit)
      .lean(),
  ]);
  const rows = [...expired, ...pending.rows]
    .filter((row) => !p.tried.has(row.key))
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  return { rows: rows.slice(0, limit), more: pending.more || expired.length >= limit || rows.length > limit };
}

/** Pending due jobs from the given minute buckets, each read by equality on `dueMinute` and `state`. */
async function findInBuckets(
  p: ClaimParams,
  minutes: string[],
  limit: number,
): Promise<{ rows: JobDoc[]; more: boolean }> {
  const rows: JobDoc[] = [];
  for (const dueMinute of minutes) {
    const want = limit - rows.length;
    if (want <= 0) return { rows, more: true };
    const found = await Job.find({
      dueMinute,
      state: 'pending',
      name: { $in: p.names },
      key: { $nin: [...p.tried] },
    })
      .limit(want)
      .lean();
    for (const row of found) if (row.runAt.getTime() <= p.now.getTime()) rows.push(row);
    if (found.length >= want) return { rows, more: true };
  }
  return { rows, more: false };
}

/** Inserts the tokens in one unordered command; returns the keys whose token this process won. */
async function insertTokens(attempts: Map<string, number>, p: ClaimParams): Promise<Set<string>> {
  const keys = [...attempts.keys()];
  const docs = keys.map((key) => ({
    _id: `${key}#${attempts.get(key)}`,
    jobKey: key,
    attempt: attempts.get(key)!,
    owner: p.owner,
    createdAt: p.now,
  }));
  const lost = new Set<number>();
  try {
    await JobClaim.collection.insertMany(docs as never[], { ordered: false });
  } catch (error) {
    const perDoc = writeErrorsOf(error);
    if (!perDoc || perDoc.some((e) => e.code !== 11000)) throw error;
    for (const e of perDoc) lost.add(e.index);
  }
  return new Set(keys.filter((_, i) => !lost.has(i)));
}

/**
 * The lost tokens whose claimer died before leasing: older than a lease (read only for jobs
 * claimable for longer than a lease — a younger job's token cannot be that old).
 */
async function abandonedTokens(
  lost: JobDoc[],
  attempts: Map<string, number>,
  p: ClaimParams,
): Promise<Set<string>> {
  const oldEnough = lost.filter((job) => dueSince(job).getTime() + p.leaseMs < p.now.getTime());
  if (oldEnough.length === 0) return new Set();
  const cutoff = new Date(p.now.getTime() - p.leaseMs);
  const ids = oldEnough.map((job) => `${job.key}#${attempts.get(job.key)}`);
  const tokens = await JobClaim.find({ _id: { $in: ids }, createdAt: { $lt: cutoff } }, { jobKey: 1 }).lean();
  return new Set(tokens.map((t) => t.jobKey));
}

/** Leases the won jobs, one updateMany per group; returns those leased. */
async function leaseWon(won: JobDoc[], attempts: Map<string, number>, p: ClaimParams): Promise<ClaimedJob[]> {
  const groups = new Map<string, JobDoc[]>();
  for (const job of won) {
    const id = JSON.stringify([
      job.state,
      job.state === 'pending' ? job.dueMinute : null,
      attempts.get(job.key),
    ]);
    groups.set(id, [...(groups.get(id) ?? []), job]);
  }
  const leaseUntil = new Date(p.now.getTime() + p.leaseMs);
  const out: ClaimedJob[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const attempt = attempts.get(first.key)!;
    const keys = group.map((job) => job.key);
    const claimable: QueryFilter<JobDoc> =
      first.state === 'pending'
        ? {
            state: 'pending',
            ...(first.dueMinute ? { dueMinute: first.dueMinute } : {}),
            runAt: { $lte: p.now },
          }
        : { state: 'running', leaseUntil: { $lt: p.now } };
    const res = await Job.updateMany(
      { key: { $in: keys }, ...claimable, attempts: { $lt: attempt } },
      { $set: { state: 'running', leaseOwner: p.owner, leaseUntil, attempts: attempt } },
    );
    let leased = new Set(keys);
    if (res.modifiedCount < keys.length) {
      // Some changed since they were read (cancelled, finished): keep only what we now hold.
      const held = await Job.find(
        { key: { $in: keys }, state: 'running', leaseOwner: p.owner, attempts: attempt },
        { key: 1 },
      ).lean();
      leased = new Set(held.map((h) => h.key));
    }
    for (const job of group) if (leased.has(job.key)) out.push({ before: job, attempt });
  }
  return out;
}

/**
 * Claims up to `limit` due jobs in a few commands: the candidate reads, one token insert per hop
 * (one, unless a dead claimer's token is in the way) and one lease update per group.
 */
export async function claimBatch(p: ClaimParams, limit: number): Promise<ClaimBatch> {
  // Twice as many candidates as the batch takes, a random half tried: concurrent claimers then
  // share the due jobs instead of racing for the same ones (one of two batch inserts wins whole).
  const found = await findCandidates(p, 2 * limit);
  const rows = shuffle(found.rows).slice(0, limit);
  const more = found.more || found.rows.length > rows.length;
  for (const row of rows) p.tried.add(row.key);
  const attempts = new Map(rows.map((row) => [row.key, row.attempts + 1]));
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const won: JobDoc[] = [];
  let open = new Map(attempts);
  for (let hop = 0; hop < MAX_HOPS && open.size > 0; hop++) {
    const wins = await insertTokens(open, p);
    const lost = [...open.keys()].filter((key) => !wins.has(key)).map((key) => byKey.get(key)!);
    for (const key of wins) won.push(byKey.get(key)!);
    const abandoned = await abandonedTokens(lost, open, p);
    const next = new Map<string, number>();
    for (const key of abandoned) {
      p.log.warn(
        { job: key, attempt: open.get(key) },
        'claim token abandoned by a crashed claimer; using the next attempt',
      );
      next.set(key, open.get(key)! + 1);
      attempts.set(key, open.get(key)! + 1);
    }
    open = next;
  }
  const claimed = won.length > 0 ? await leaseWon(won, attempts, p) : [];
  return { claimed, found: rows.length, more };
}
