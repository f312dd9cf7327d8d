/**
 * The `onTaskChanged` hook: listeners (the reminder scheduler, …) hear about every task change
 * after it is stored, so they can (re)schedule work. A failing listener never undoes the change;
 * its error goes to the reporter set with {@link setTaskListenerErrorReporter}.
 */
import type { TaskView } from './task-views.js';

/** What happened to a task. `progress`: an owner confirmed, submitted, was approved or returned. */
export type TaskChangeKind = 'created' | 'edited' | 'cancelled' | 'closed' | 'progress';

/** One task change as listeners receive it (the task as stored after the change). */
export interface TaskChange {
  kind: TaskChangeKind;
  task: TaskView;
  /** Who caused it (open_id). */
  actor: string;
  now: Date;
  /** For `progress`: the owner and the action. For `edited`: what changed. */
  detail?: { owner?: string; action?: string; deadline?: boolean; owners?: boolean };
}

/** A listener; may be async (it is awaited, in registration order). */
export type TaskListener = (change: TaskChange) => void | Promise<void>;

/** The registered listeners, in order. */
export const onTaskChanged: TaskListener[] = [];

let reportError: (error: unknown, change: TaskChange) => void = () => {};

/** Adds a listener; returns a function that removes it again. */
export function registerTaskListener(fn: TaskListener): () => void {
  onTaskChanged.push(fn);
  return () => {
    const i = onTaskChanged.indexOf(fn);
    if (i >= 0) onTaskChanged.splice(i, 1);
  };
}

/** Sets where listener failures are reported (the app passes its logger). */
export function setTaskListenerErrorReporter(fn: (error: unknown, change: TaskChange) => void): void {
  reportError = fn;
}

/** Calls every listener with the change; failures are reported, never thrown. */
export async function notifyTaskChanged(change: TaskChange): Promise<void> {
  for (const fn of [...onTaskChanged]) {
    try {
      await fn(change);
    } catch (error) {
      reportError(error, change);
    }
  }
}
