/**
 * Who may change which part of the organisation. Pure functions over the actor's profile
 * (`leads` already holds every department below the ones they head).
 */
import type { ActorProfile } from './access.js';

/** The parts of a profile the scope rules read, plus who it is. */
export type OrgActor = Pick<ActorProfile, 'roles' | 'leads'> & { openId: string };

/** True for admins. */
export function isAdmin(actor: Pick<OrgActor, 'roles'>): boolean {
  return actor.roles.includes('admin');
}

/** True when the actor heads `deptId` or a department above it. */
export function leadsDepartment(actor: OrgActor, deptId: string | null | undefined): boolean {
  return deptId != null && actor.leads.includes(deptId);
}

/**
 * May the actor add a department under `parentId` (null: at the top)? Admins anywhere; a
 * leader only under a department they head (or one below it).
 */
export function mayAddUnder(actor: OrgActor, parentId: string | null): boolean {
  return isAdmin(actor) || leadsDepartment(actor, parentId);
}

/**
 * May the actor rename or remove a department? Admins any; a leader only departments strictly
 * below the ones they head (its parent is within their departments), never their own.
 */
export function mayManageDepartment(actor: OrgActor, dept: { parentId: string | null }): boolean {
  return isAdmin(actor) || leadsDepartment(actor, dept.parentId);
}

/** May the actor see the department list, tree and members? Admins, leaders and supervisors. */
export function mayViewOrg(actor: Pick<OrgActor, 'roles'>): boolean {
  return actor.roles.some((r) => r === 'admin' || r === 'leader' || r === 'supervisor');
}
