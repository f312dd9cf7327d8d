/**
 * One query many callers ask at once (every department, for instance) run once per flush: the
 * callers that ask while it runs share the next run, which starts after they asked — so a caller
 * never gets an answer older than its own acknowledged writes.
 */
import { SerialBatches } from './serial-batches.js';

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const queries = new Map<string, SerialBatches<Waiting>>();

/** Runs `run` for this caller and every caller of the same `key` that joins the same flush. */
export function coalesced<T>(key: string, run: () => Promise<T>): Promise<T> {
  let batches = queries.get(key);
  if (!batches) {
    batches = new SerialBatches<Waiting>(async (batch) => {
      try {
        const value = await run();
        for (const w of batch) w.resolve(value);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    });
    queries.set(key, batches);
  }
  const target = batches;
  return new Promise<T>((resolve, reject) =>
    target.push({ resolve: resolve as (value: unknown) => void, reject }),
  );
}
