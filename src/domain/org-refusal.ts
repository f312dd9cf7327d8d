/**
 * Why an organisation change was refused. Domain services return these as values; handlers
 * translate `org.refusal.<code>` with `params` and write them to the audit log.
 */
export type RefusalCode =
  | 'busy'
  | 'dept_not_found'
  | 'parent_not_found'
  | 'name_taken'
  | 'not_empty'
  | 'cycle'
  | 'scope_add'
  | 'scope_dept'
  | 'scope_chat'
  | 'scope_chat_current'
  | 'scope_member'
  | 'target_outside'
  | 'target_supervisor'
  | 'need_dept'
  | 'admin_only'
  | 'not_admin'
  | 'bootstrap_admin'
  | 'last_admin';

/** A refused change: the reason and the values its message names. */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  params: Record<string, string | number>;
}

/** A change that happened (or was already in place: `changed` false), with audit snapshots. */
export interface Change<T> {
  ok: true;
  changed: boolean;
  value: T;
  before: unknown;
  after: unknown;
}

/** The outcome of an organisation change. */
export type OrgResult<T> = Change<T> | Refusal;

/** Builds a refusal. */
export function refuse(code: RefusalCode, params: Record<string, string | number> = {}): Refusal {
  return { ok: false, code, params };
}
