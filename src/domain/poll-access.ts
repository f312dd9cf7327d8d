/** Who may manage a poll (close, remind) and who may see its results or export them. */
import type { ActorProfile } from './access.js';
import { findChat } from './chats.js';
import { isAdmin, leadsDepartment } from './org-scope.js';
import { findEligible, type PollView } from './polls.js';

type PollActor = Pick<ActorProfile, 'roles' | 'leads'> & { openId: string };

/** The creator and admins manage a poll. */
export function mayManagePoll(actor: PollActor, poll: PollView): boolean {
  return actor.openId === poll.creator || isAdmin(actor);
}

/** True when the actor leads the department of one of the poll's chats. */
async function leadsAPollChat(actor: PollActor, poll: PollView): Promise<boolean> {
  if (!actor.roles.includes('leader')) return false;
  for (const c of poll.chats) if (leadsDepartment(actor, (await findChat(c.chatId))?.deptId)) return true;
  return false;
}

/** Export (aggregated figures, and for named polls who chose what): managers, supervisors, the chats' leaders. */
export async function mayExportPoll(actor: PollActor, poll: PollView): Promise<boolean> {
  return (
    mayManagePoll(actor, poll) || actor.roles.includes('supervisor') || (await leadsAPollChat(actor, poll))
  );
}

/** Results: everyone who may export, and everyone who may vote. */
export async function mayViewPoll(actor: PollActor, poll: PollView): Promise<boolean> {
  return (await mayExportPoll(actor, poll)) || (await findEligible(poll.id, actor.openId)) !== undefined;
}
