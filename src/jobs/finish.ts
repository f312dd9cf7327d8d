/**
 * Writes of the jobs a scheduler holds, group-committed: the finishes of a whole batch in one
 * updateMany per distinct change (a tick of 100 reminders that all ran: one command), and one
 * lease renewal for every job held. Every write is guarded by the hold (state running, our
 * leaseOwner, our attempt), so a process that lost a lease cannot overwrite the new holder.
 */
import type { Logger } from '../logger.js';
import { Job } from '../models/job.js';

/** This owner's hold on one attempt of a job. */
export interface Hold {
  key: string;
  attempt: number;
}

/**
 * Stands for "when the batch is written" in a finish's `$set` (finishedAt): every finish of a
 * batch then carries one time and the batch groups into one command.
 */
export const FINISH_STAMP: Date = new Date(0);

/** The final (or retry) write of one held job. */
export interface Finish {
  hold: Hold;
  set: Record<string, unknown>;
}

/** The filter matching the held jobs of one attempt number while `owner` still holds them. */
function heldFilter(owner: string, attempt: number, keys: string[]) {
  const key = keys.length === 1 ? keys[0] : { $in: keys };
  // The equalities first: FerretDB pushes them down (`state: running` is a short index list).
  return { state: 'running' as const, leaseOwner: owner, attempts: attempt, key };
}

function groupBy<T>(items: T[], idOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = idOf(item);
    const group = groups.get(id);
    if (group) group.push(item);
    else groups.set(id, [item]);
  }
  return [...groups.values()];
}

/**
 * Applies every finish, one updateMany per (attempt, change); returns the keys no longer held
 * (their lease was taken over: the other run may repeat their effects).
 */
export async function finishMany(owner: string, finishes: Finish[], at: Date): Promise<string[]> {
  const lost: string[] = [];
  const stamped = (set: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v === FINISH_STAMP ? at : v]));
  const groups = groupBy(finishes, (f) => `${f.hold.attempt}|${JSON.stringify(f.set)}`);
  await Promise.all(
    groups.map(async (group) => {
      const keys = group.map((f) => f.hold.key);
      const res = await Job.updateMany(heldFilter(owner, group[0]!.hold.attempt, keys), {
        $set: stamped(group[0]!.set),
      });
      if (res.modifiedCount === keys.length) return;
      // Rare: find out which ones another process took over (a later attempt, or its lease).
      const attempt = group[0]!.hold.attempt;
      const docs = await Job.find(
        { key: { $in: keys } },
        { key: 1, state: 1, leaseOwner: 1, attempts: 1 },
      ).lean();
      const taken = (j: (typeof docs)[number]) =>
        j.attempts !== attempt || (j.state === 'running' && j.leaseOwner !== owner);
      lost.push(...docs.filter(taken).map((j) => j.key));
    }),
  );
  return lost;
}

/** Moves the lease end of every held job to now + leaseMs (one command per attempt number). */
export async function renewLeases(
  owner: string,
  holds: Hold[],
  leaseUntil: Date,
  log: Logger,
): Promise<void> {
  try {
    await Promise.all(
      groupBy(holds, (h) => String(h.attempt)).map((group) =>
        Job.updateMany(
          heldFilter(
            owner,
            group[0]!.attempt,
            group.map((h) => h.key),
          ),
          { $set: { leaseUntil } },
        ),
      ),
    );
  } catch (err) {
    log.warn({ err, jobs: holds.length }, 'could not renew job leases');
  }
}

/** Renews leases on a timer; stop() waits for a renewal in flight so it cannot race the final write. */
export function keepLeases(renew: () => Promise<void>, everyMs: number): { stop(): Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    chain = chain.then(renew);
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await chain;
    },
  };
}
