/**
 * The `onDepartmentJoined` hook: listeners (sign-off newcomer rules, …) hear when a person is
 * placed in a department they were not in before — by `/role`, the role form or the member
 * import. A failing listener never undoes the change; its error goes to the reporter.
 */

/** One person placed in a department. */
export interface DepartmentJoin {
  openId: string;
  deptId: string;
  /** Their department before (null: none). */
  previous: string | null;
}

/** A listener; awaited in registration order. */
export type DepartmentJoinListener = (join: DepartmentJoin) => Promise<void>;

const listeners: DepartmentJoinListener[] = [];
let reportError: (error: unknown, join: DepartmentJoin) => void = () => {};

/** Adds a listener (and where its failures go); returns the function that removes it again. */
export function registerDepartmentJoinListener(
  fn: DepartmentJoinListener,
  onError?: (error: unknown, join: DepartmentJoin) => void,
): () => void {
  listeners.push(fn);
  if (onError) reportError = onError;
  return () => {
    const i = listeners.indexOf(fn);
    if (i >= 0) listeners.splice(i, 1);
  };
}

/** Tells every listener, when `deptId` is new for the person; failures are reported, never thrown. */
export async function notifyDepartmentJoined(join: DepartmentJoin): Promise<void> {
  if (!join.deptId || join.deptId === join.previous) return;
  for (const fn of [...listeners]) {
    try {
      await fn(join);
    } catch (error) {
      reportError(error, join);
    }
  }
}
