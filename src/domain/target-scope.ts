/**
 * What a creator may target (sign-off signers, task chats, poll chats): admins everything; a
 * leader only the departments they head (with those below them — `leads` already holds them),
 * the chats bound to those departments and the people placed in them. Checked on the server
 * for every request, whatever a card offered.
 */

import { PersonModel } from '../models/person.js';
import type { Role } from './access.js';
import { type ChatInfo, listBoundChats } from './chats.js';
import { type DepartmentView, listDepartments } from './departments.js';

/** The parts of a profile target checks read. */
export interface TargetActor {
  roles: readonly Role[];
  leads: readonly string[];
}

/** True when the actor may target anything (admins). */
export function targetsEverything(actor: TargetActor): boolean {
  return actor.roles.includes('admin');
}

/** May the actor target this department? */
export function mayTargetDept(actor: TargetActor, deptId: string | null | undefined): boolean {
  return targetsEverything(actor) || (deptId != null && actor.leads.includes(deptId));
}

/** May the actor target this chat (bound to one of their departments)? */
export function mayTargetChat(actor: TargetActor, chat: Pick<ChatInfo, 'deptId'> | undefined): boolean {
  return targetsEverything(actor) || (chat !== undefined && mayTargetDept(actor, chat.deptId));
}

/** The bound chats the actor may target, by name. */
export async function targetableChats(actor: TargetActor): Promise<ChatInfo[]> {
  return (await listBoundChats()).filter((c) => mayTargetChat(actor, c));
}

/** The departments the actor may target. */
export async function targetableDepts(actor: TargetActor): Promise<DepartmentView[]> {
  return (await listDepartments()).filter((d) => mayTargetDept(actor, d.id));
}

/** The people (open_ids) outside the actor's departments, in input order (none for admins). */
export async function peopleOutside(actor: TargetActor, openIds: readonly string[]): Promise<string[]> {
  if (targetsEverything(actor) || openIds.length === 0) return [];
  const people = await PersonModel.find({ openId: { $in: [...openIds] } }, { openId: 1, deptId: 1 }).lean();
  const deptOf = new Map(people.map((p) => [p.openId, p.deptId ?? null]));
  return openIds.filter((o) => !mayTargetDept(actor, deptOf.get(o)));
}
