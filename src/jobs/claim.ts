/**
 * Claiming one due job so that exactly one process runs each attempt.
 *
 * 1. Read a batch of due candidates (pending with runAt ≤ now, or running with an expired
 *    lease) and try them in random order to spread concurrent claimers.
 * 2. Insert the claim token `${key}#${attempt}` into job_claims. Its unique _id decides the
 *    winner atomically on MongoDB and on FerretDB alike.
 * 3. The winner leases the job with findOneAndUpdate (state running, leaseOwner, leaseUntil,
 *    attempts = attempt), guarded by `attempts < attempt` and "still claimable".
 *
 * Step 3 alone is the usual MongoDB lease and is atomic there. FerretDB 1.24 implements
 * findAndModify and update as a SELECT followed by an unconditional whole-document UPDATE by
 * _id, so two concurrent claimers both match and both "win" (measured: 389 runs for 200 jobs
 * with two schedulers); the token in step 2 makes the claim exclusive on both engines.
 * After the claim only the holder writes the job (renew, finish), so FerretDB's lost updates
 * cannot interleave there; cancel() racing a claim, or a slow owner racing the process that
 * took over its expired lease, can still overwrite each other on FerretDB (at-least-once).
 */
import type { QueryFilter } from 'mongoose';
import type { Logger } from '../logger.js';
import { Job, JobClaim, type JobDoc } from '../models/job.js';

/** A job this process now holds: the document as it was before the claim, and our attempt number. */
export interface ClaimedJob {
  before: JobDoc;
  attempt: number;
}

/** What claiming needs from the scheduler. */
export interface ClaimParams {
  owner: string;
  leaseMs: number;
  names: string[];
  /** The claim time (set per claim). */
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

const BATCH = 20;

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

/** Inserts the claim token; false when another process holds this attempt. */
async function insertToken(key: string, attempt: number, p: ClaimParams): Promise<boolean> {
  try {
    await JobClaim.create({
      _id: `${key}#${attempt}`,
      jobKey: key,
      attempt,
      owner: p.owner,
      createdAt: p.now,
    });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
}

/**
 * True when the token for `attempt` belongs to a claimer that died before leasing the job
 * (token older than a lease and the job never reached that attempt).
 */
async function isAbandoned(key: string, attempt: number, p: ClaimParams): Promise<boolean> {
  const token = await JobClaim.findById(`${key}#${attempt}`).lean();
  if (!token || token.createdAt.getTime() + p.leaseMs >= p.now.getTime()) return false;
  const doc = await Job.findOne({ key }).lean();
  return doc !== null && doc.attempts < attempt;
}

async function tryClaim(candidate: JobDoc, p: ClaimParams): Promise<ClaimedJob | null> {
  let attempt = candidate.attempts + 1;
  for (let hops = 0; hops < 3; hops++, attempt++) {
    if (await insertToken(candidate.key, attempt, p)) {
      const before = await Job.findOneAndUpdate(
        { key: candidate.key, attempts: { $lt: attempt }, ...claimableFilter(p.now) },
        {
          $set: {
            state: 'running',
            leaseOwner: p.owner,
            leaseUntil: new Date(p.now.getTime() + p.leaseMs),
            attempts: attempt,
          },
        },
        { returnDocument: 'before' },
      ).lean();
      return before ? { before, attempt } : null;
    }
    if (!(await isAbandoned(candidate.key, attempt, p))) return null;
    p.log.warn(
      { job: candidate.key, attempt },
      'claim token abandoned by a crashed claimer; using the next attempt',
    );
  }
  return null;
}

/**
 * Due candidates: two queries with an equality on `state` (FerretDB pushes those down to SQL;
 * an `$or` or a sort would scan and sort the whole collection in FerretDB, 170 ms at 2,200
 * jobs). Oldest first within the batch; across batches the order is the database's.
 */
async function findCandidates(p: ClaimParams): Promise<JobDoc[]> {
  const common = { name: { $in: p.names }, key: { $nin: [...p.tried] } };
  const [pending, expired] = await Promise.all([
    p.minutes
      ? findInBuckets(p, p.minutes)
      : Job.find({ ...common, state: 'pending', runAt: { $lte: p.now } })
          .limit(BATCH)
          .lean(),
    Job.find({ ...common, state: 'running', leaseUntil: { $lt: p.now } })
      .limit(BATCH)
      .lean(),
  ]);
  return [...expired, ...pending].sort((a, b) => a.runAt.getTime() - b.runAt.getTime()).slice(0, BATCH);
}

/**
 * Pending due jobs from the given minute buckets: an equality on `dueMinute` and `state` per
 * bucket, which FerretDB serves from the index instead of scanning every pending job.
 */
async function findInBuckets(p: ClaimParams, minutes: string[]): Promise<JobDoc[]> {
  const out: JobDoc[] = [];
  for (const dueMinute of minutes) {
    const rows = await Job.find({
      dueMinute,
      state: 'pending',
      name: { $in: p.names },
      key: { $nin: [...p.tried] },
    })
      .limit(BATCH)
      .lean();
    for (const row of rows) if (row.runAt.getTime() <= p.now.getTime()) out.push(row);
    if (out.length >= BATCH) break;
  }
  return out;
}

/**
 * Claims due jobs one at a time for one tick. Candidates are read in batches and kept for the
 * tick; a stale candidate is harmless because the token and the guarded lease re-check it.
 */
export class TickClaimer {
  private queue: JobDoc[] = [];
  /** The batch read in flight: concurrent callers wait for one read instead of each reading. */
  private refilling: Promise<void> | undefined;

  constructor(private readonly p: ClaimParams) {}

  /** Claims one due job, or returns null when none is left to claim. Safe to call concurrently. */
  async next(now: Date): Promise<ClaimedJob | null> {
    const p = { ...this.p, now };
    for (;;) {
      if (this.queue.length === 0) {
        this.refilling ??= this.refill(p).finally(() => {
          this.refilling = undefined;
        });
        await this.refilling;
        if (this.queue.length === 0) return null;
      }
      const candidate = this.queue.shift();
      if (!candidate || p.tried.has(candidate.key)) continue;
      p.tried.add(candidate.key);
      const claimed = await tryClaim(candidate, p);
      if (claimed) return claimed;
    }
  }

  private async refill(p: ClaimParams): Promise<void> {
    const rows = await findCandidates(p);
    this.queue.push(...shuffle(rows.filter((row) => !p.tried.has(row.key))));
  }
}
