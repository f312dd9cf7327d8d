/**
 * Department scope of sign-off targets: a leader may ask only their departments (with those
 * below), the chats bound to them and the people placed in them to sign — in the `/pledge new`
 * form (its options and, again, its submit), `/pledge send` and `/pledge rule`. Admins target
 * anything. A refusal names what the leader may choose, changes nothing and is audited.
 */
import type { EventContext } from '../dispatch/context.js';
import { findChat } from '../domain/chats.js';
import { findDepartment } from '../domain/departments.js';
import {
  mayTargetChat,
  mayTargetDept,
  peopleOutside,
  targetableChats,
  targetableDepts,
  targetsEverything,
} from '../domain/target-scope.js';
import type { SignerSources } from './pledge-launch.js';
import { auditScopeRefusal } from './scope-audit.js';

/** The form's options: the departments and bound chats the actor may target. */
export async function pledgeFormOptions(ctx: EventContext) {
  const [departments, chats] = await Promise.all([targetableDepts(ctx.actor), targetableChats(ctx.actor)]);
  return {
    departments: departments.map((d) => ({ value: d.id, label: d.name })),
    chats: chats.map((c) => ({ value: c.chatId, label: c.name || c.chatId })),
  };
}

/** "您可以选择的群：…" (or that none is bound). */
export async function allowedChatsText(ctx: EventContext): Promise<string> {
  const chats = await targetableChats(ctx.actor);
  return chats.length === 0
    ? ctx.t('scope.noChats')
    : ctx.t('scope.allowedChats', { list: chats.map((c) => c.name || c.chatId).join('、') });
}

/** "您可以选择的部门：…". */
export async function allowedDeptsText(ctx: EventContext): Promise<string> {
  const depts = await targetableDepts(ctx.actor);
  return depts.length === 0
    ? ctx.t('scope.noDepts')
    : ctx.t('scope.allowedDepts', { list: depts.map((d) => d.name).join('、') });
}

/** The refusal text when a source is outside the actor's departments (audited), else null. */
export async function checkSignerSources(
  ctx: EventContext,
  action: string,
  sources: SignerSources,
): Promise<string | null> {
  if (targetsEverything(ctx.actor)) return null;
  const { t } = ctx;
  for (const deptId of sources.deptIds) {
    if (mayTargetDept(ctx.actor, deptId)) continue;
    await auditScopeRefusal(ctx, action, deptId, 'dept');
    const name = (await findDepartment(deptId))?.name ?? deptId;
    return t('scope.pledge.deptOutside', { name, allowed: await allowedDeptsText(ctx) });
  }
  for (const chatId of sources.chatIds) {
    const chat = await findChat(chatId);
    if (chat?.active && mayTargetChat(ctx.actor, chat)) continue;
    await auditScopeRefusal(ctx, action, chatId, 'chat');
    return t('scope.pledge.chatOutside', {
      name: chat?.name || chatId,
      allowed: await allowedChatsText(ctx),
    });
  }
  const outside = await peopleOutside(ctx.actor, sources.people);
  if (outside.length > 0) {
    await auditScopeRefusal(ctx, action, outside[0]!, 'person');
    return t('scope.pledge.personOutside', { name: await ctx.services.directory.displayName(outside[0]!) });
  }
  return null;
}
