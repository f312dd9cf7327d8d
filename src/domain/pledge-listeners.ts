/**
 * The `onPledgeChanged` hook: the reminder scheduler hears when a document is created, gets a
 * new text, a new deadline or is closed, and re-plans. A failing listener never undoes the
 * change; it is logged by whoever registered it.
 */

/** A listener; awaited in registration order. */
export type PledgeListener = (pledgeId: string) => Promise<void>;

const listeners: PledgeListener[] = [];

/** Adds a listener; returns the function that removes it again. */
export function registerPledgeListener(fn: PledgeListener): () => void {
  listeners.push(fn);
  return () => {
    const i = listeners.indexOf(fn);
    if (i >= 0) listeners.splice(i, 1);
  };
}

/** Tells every listener that `pledgeId` changed (errors are swallowed after the listener logs them). */
export async function notifyPledgeChanged(pledgeId: string): Promise<void> {
  for (const fn of [...listeners]) await fn(pledgeId).catch(() => {});
}
