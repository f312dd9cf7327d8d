/**
 * One lease that serialises every change to the organisation: people's roles and departments,
 * the department tree and chat bindings. Rules such as "the last admin cannot be removed" or
 * "a department with members cannot be removed" are check-then-write; on FerretDB 1.24
 * conditional updates are a read followed by a whole-document write, so without this lease two
 * concurrent changes could both pass their checks (or overwrite each other's fields). The lease
 * is taken by inserting a document under a unique `_id`, which is atomic on both engines.
 * Changes take milliseconds, so contention only makes a second change wait briefly.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { OrgLockModel } from '../models/org-lock.js';
import { type OrgResult, refuse } from './org-refusal.js';

/** Thrown when the lease could not be taken in time; handlers answer "busy, try again". */
export class OrgBusyError extends Error {
  readonly code = 'org_busy';
  constructor() {
    super('organisation lease is busy');
  }
}

/** Options of {@link withOrgLock}. */
export interface OrgLockOptions {
  /** How long to wait for the lease before giving up (default 5 s). */
  waitMs?: number;
  /** How long a lease lives if its holder dies (default 30 s). */
  leaseMs?: number;
}

const held = new AsyncLocalStorage<ReadonlySet<string>>();
const LOCK_KEY = 'org';

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

async function insertLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
  try {
    await OrgLockModel.create({ _id: id, owner, expiresAt: new Date(Date.now() + leaseMs) });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

async function acquire(owner: string, opts: OrgLockOptions): Promise<void> {
  const leaseMs = opts.leaseMs ?? 30_000;
  const deadline = Date.now() + (opts.waitMs ?? 5_000);
  let pause = 5;
  for (;;) {
    if (await insertLease(LOCK_KEY, owner, leaseMs)) return;
    const current = await OrgLockModel.findById(LOCK_KEY).lean();
    if (current && current.expiresAt.getTime() < Date.now()) {
      // A crashed holder: exactly one waiter wins the takeover token and clears its lease.
      if (await insertLease(`${LOCK_KEY}#takeover#${current.owner}`, owner, leaseMs)) {
        await OrgLockModel.deleteOne({ _id: LOCK_KEY, owner: current.owner });
      }
      continue;
    }
    if (Date.now() >= deadline) throw new OrgBusyError();
    await new Promise((done) => setTimeout(done, pause + Math.random() * pause));
    pause = Math.min(pause * 2, 100);
  }
}

/**
 * Runs `fn` holding the organisation lease. Re-entrant: code already inside `withOrgLock`
 * runs directly. Throws {@link OrgBusyError} when the lease stays taken for `waitMs`.
 */
export async function withOrgLock<T>(fn: () => Promise<T>, opts: OrgLockOptions = {}): Promise<T> {
  if (held.getStore()?.has(LOCK_KEY)) return fn();
  const owner = `${process.pid}:${randomBytes(8).toString('hex')}`;
  await acquire(owner, opts);
  try {
    return await held.run(new Set([LOCK_KEY]), fn);
  } finally {
    await OrgLockModel.deleteOne({ _id: LOCK_KEY, owner }).catch(() => undefined);
  }
}

/** Runs a change under the organisation lease; a lease that stays busy becomes a `busy` refusal. */
export async function lockedChange<T>(fn: () => Promise<OrgResult<T>>): Promise<OrgResult<T>> {
  try {
    return await withOrgLock(fn);
  } catch (error) {
    if (error instanceof OrgBusyError) return refuse('busy');
    throw error;
  }
}
