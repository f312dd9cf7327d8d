/**
 * Admins and roles: who is an admin, a leader (head of departments), a supervisor (特邀监督员)
 * or a plain member of a department. Every change runs under the organisation lease and checks
 * the actor's scope inside it; the results carry before/after snapshots for the audit log.
 */
import { DepartmentModel } from '../models/department.js';
import { PersonModel } from '../models/person.js';
import { notifyDepartmentJoined } from './department-listeners.js';
import { type DepartmentView, findDepartment, findDepartmentByName } from './departments.js';
import { lockedChange } from './org-lock.js';
import { type OrgResult, type Refusal, refuse } from './org-refusal.js';
import { isAdmin, leadsDepartment, type OrgActor } from './org-scope.js';
import { blankPerson, findPerson, listPeopleWithRole, type PersonView, type StoredRole } from './people.js';

/** The roles `/role` assigns. */
export type AssignableRole = 'leader' | 'supervisor' | 'member';

/** A person's organisation data as written to the audit log (names, not ids). */
export interface PersonSnapshot {
  department: string | null;
  roles: StoredRole[];
  leads: string[];
}

async function departmentNames(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const docs = await DepartmentModel.find({ _id: { $in: [...ids] } }, { name: 1 }).lean();
  return new Map(docs.map((d) => [d._id, d.name]));
}

/** A person's department, roles and led departments by name, for audit snapshots. */
export async function snapshotPerson(
  p: Pick<PersonView, 'deptId' | 'roles' | 'leads'>,
): Promise<PersonSnapshot> {
  const names = await departmentNames([...(p.deptId ? [p.deptId] : []), ...p.leads]);
  return {
    department: p.deptId ? (names.get(p.deptId) ?? p.deptId) : null,
    roles: [...p.roles],
    leads: p.leads.map((id) => names.get(id) ?? id),
  };
}

async function writePerson(
  openId: string,
  fields: Pick<PersonView, 'deptId' | 'roles' | 'leads'>,
): Promise<void> {
  await PersonModel.updateOne(
    { openId: { $eq: openId } },
    { $set: { deptId: fields.deptId, roles: fields.roles, leads: fields.leads }, $setOnInsert: { openId } },
    { upsert: true },
  );
}

function sameFields(a: Pick<PersonView, 'deptId' | 'roles' | 'leads'>, b: typeof a): boolean {
  const key = (p: typeof a) => JSON.stringify([p.deptId, [...p.roles].sort(), [...p.leads].sort()]);
  return key(a) === key(b);
}

async function commit(before: PersonView, after: PersonView): Promise<OrgResult<PersonView>> {
  if (sameFields(before, after)) return { ok: true, changed: false, value: after, before: null, after: null };
  await writePerson(after.openId, after);
  if (after.deptId)
    await notifyDepartmentJoined({ openId: after.openId, deptId: after.deptId, previous: before.deptId });
  return {
    ok: true,
    changed: true,
    value: after,
    before: await snapshotPerson(before),
    after: await snapshotPerson(after),
  };
}

/** An admin as listed by `/admin list`. */
export interface AdminEntry {
  openId: string;
  name: string;
  /** From BOT_ADMINS: cannot be removed by command. */
  bootstrap: boolean;
}

/** Every admin: BOT_ADMINS first, then stored admins by name. */
export async function listAdmins(bootstrapAdmins: readonly string[]): Promise<AdminEntry[]> {
  const stored = await listPeopleWithRole('admin');
  const names = new Map(stored.map((p) => [p.openId, p.name]));
  const boot = new Set(bootstrapAdmins);
  if (bootstrapAdmins.length > 0) {
    const docs = await PersonModel.find(
      { openId: { $in: [...bootstrapAdmins] } },
      { openId: 1, name: 1 },
    ).lean();
    for (const d of docs) if (d.name) names.set(d.openId, d.name);
  }
  return [
    ...bootstrapAdmins.map((openId) => ({ openId, name: names.get(openId) ?? '', bootstrap: true })),
    ...stored
      .filter((p) => !boot.has(p.openId))
      .map((p) => ({ openId: p.openId, name: p.name, bootstrap: false })),
  ];
}

/** Makes someone an admin (a no-op when they already are one). */
export async function addAdmin(
  targetOpenId: string,
  bootstrapAdmins: readonly string[],
): Promise<OrgResult<PersonView>> {
  return lockedChange(async () => {
    const before = (await findPerson(targetOpenId)) ?? blankPerson(targetOpenId);
    if (bootstrapAdmins.includes(targetOpenId) || before.roles.includes('admin')) {
      return { ok: true, changed: false, value: before, before: null, after: null };
    }
    return commit(before, { ...before, roles: [...before.roles, 'admin'] });
  });
}

/**
 * Removes a stored admin. Refused for BOT_ADMINS admins (change the configuration instead),
 * for someone who is not an admin, and for the last admin (stored plus BOT_ADMINS).
 */
export async function removeAdmin(
  targetOpenId: string,
  bootstrapAdmins: readonly string[],
): Promise<OrgResult<PersonView>> {
  return lockedChange(async () => {
    if (bootstrapAdmins.includes(targetOpenId)) return refuse('bootstrap_admin');
    const before = await findPerson(targetOpenId);
    if (!before?.roles.includes('admin')) return refuse('not_admin');
    const stored = await PersonModel.find({ roles: { $eq: 'admin' } }, { openId: 1 }).lean();
    const admins = new Set([...bootstrapAdmins, ...stored.map((d) => d.openId)]);
    if (admins.size <= 1) return refuse('last_admin');
    return commit(before, { ...before, roles: before.roles.filter((r) => r !== 'admin') });
  });
}

/** Input of {@link assignRole}. */
export interface AssignRoleInput {
  targetOpenId: string;
  role: AssignableRole;
  /** The department named in the command, if any. */
  departmentName?: string;
  /** Or the department chosen in a form (an id). */
  departmentId?: string;
}

/** What {@link assignRole} did: the person as now stored and the department it named. */
export interface RoleChange {
  person: PersonView;
  department: DepartmentView | undefined;
}

/**
 * Assigns a role:
 * - `leader` + department (admins): heads that department, and joins it when in none;
 * - `supervisor` [+ department] (admins): 特邀监督员, and joins the department when given;
 * - `member` [+ department]: no longer supervisor or leader; joins the department when given.
 *   Admins may do this for anyone; a leader only within the departments they head, for someone
 *   who is not a supervisor and whose current department and led departments are theirs too.
 */
export async function assignRole(actor: OrgActor, input: AssignRoleInput): Promise<OrgResult<RoleChange>> {
  return lockedChange(async () => {
    let dept: DepartmentView | undefined;
    if (input.departmentId) {
      dept = await findDepartment(input.departmentId);
      if (!dept) return refuse('dept_not_found', { name: input.departmentId });
    } else if (input.departmentName) {
      dept = await findDepartmentByName(input.departmentName);
      if (!dept) return refuse('dept_not_found', { name: input.departmentName });
    }
    if (input.role !== 'member' && !isAdmin(actor)) return refuse('admin_only');
    const result = await applyRole(actor, input.role, input.targetOpenId, dept);
    return result.ok ? { ...result, value: { person: result.value, department: dept } } : result;
  });
}

async function applyRole(
  actor: OrgActor,
  role: AssignableRole,
  openId: string,
  dept: DepartmentView | undefined,
): Promise<OrgResult<PersonView>> {
  const before = (await findPerson(openId)) ?? blankPerson(openId);
  switch (role) {
    case 'leader': {
      if (!dept) return refuse('need_dept');
      const leads = before.leads.includes(dept.id) ? before.leads : [...before.leads, dept.id];
      return commit(before, { ...before, leads, deptId: before.deptId ?? dept.id });
    }
    case 'supervisor': {
      const roles: StoredRole[] = before.roles.includes('supervisor')
        ? before.roles
        : [...before.roles, 'supervisor'];
      return commit(before, { ...before, roles, deptId: dept?.id ?? before.deptId });
    }
    case 'member': {
      if (!isAdmin(actor)) {
        const refusal = await checkLeaderMayAssign(actor, before, dept);
        if (refusal) return refusal;
      }
      return commit(before, {
        ...before,
        roles: before.roles.filter((r) => r !== 'supervisor'),
        leads: [],
        deptId: dept?.id ?? before.deptId,
      });
    }
  }
}

/** Why a leader may not make `target` a member of `dept` (undefined when they may). */
async function checkLeaderMayAssign(
  actor: OrgActor,
  target: PersonView,
  dept: DepartmentView | undefined,
): Promise<Refusal | undefined> {
  const deptId = dept?.id ?? target.deptId;
  if (!deptId) return refuse('need_dept');
  if (!leadsDepartment(actor, deptId)) {
    const names = await departmentNames([deptId]);
    return refuse('scope_member', { department: names.get(deptId) ?? deptId });
  }
  const outside = [target.deptId, ...target.leads].find((id) => id && !leadsDepartment(actor, id));
  if (outside) {
    const names = await departmentNames([outside]);
    return refuse('target_outside', { department: names.get(outside) ?? outside });
  }
  if (target.roles.includes('supervisor')) return refuse('target_supervisor');
  return undefined;
}
