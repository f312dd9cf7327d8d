/**
 * Crash injection for tests: runs a piece of work whose database writes are counted, and from the
 * (n+1)-th write on every write fails as if the process had died (the write never reaches the
 * database, nor does anything after it). Only writes made inside `runCrashingAfter` count, so the
 * sender and the scheduler running beside it are not affected.
 *
 * Patches the driver's Collection write methods once (mongoose's models call them too).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose from 'mongoose';

const WRITE_METHODS = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
] as const;

interface Budget {
  allowed: number;
  made: number;
  crashed: boolean;
}

const scope = new AsyncLocalStorage<Budget>();
let patched = false;

/** The error every write after the crash point throws. */
export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash: the process died before this write');
  }
}

function patchOnce(): void {
  if (patched) return;
  patched = true;
  const proto = mongoose.mongo.Collection.prototype as unknown as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  for (const name of WRITE_METHODS) {
    const original = proto[name]!;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      const budget = scope.getStore();
      if (budget) {
        if (budget.crashed || budget.made >= budget.allowed) {
          budget.crashed = true;
          return Promise.reject(new SimulatedCrash());
        }
        budget.made++;
      }
      return original.apply(this, args);
    };
  }
}

/**
 * Runs `work` letting through `allowed` writes; every later one fails. Resolves with how many
 * writes were made and whether the crash point was reached (false: `work` needed ≤ `allowed`).
 */
export async function runCrashingAfter(
  allowed: number,
  work: () => Promise<unknown>,
): Promise<{ writes: number; crashed: boolean }> {
  patchOnce();
  const budget: Budget = { allowed, made: 0, crashed: false };
  await scope.run(budget, async () => {
    try {
      await work();
    } catch {
      // the "dead" process: whatever it threw is gone with it
    }
  });
  return { writes: budget.made, crashed: budget.crashed };
}
