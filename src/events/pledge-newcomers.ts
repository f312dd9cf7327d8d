/**
 * Newcomers: someone joined a chat that has a rule (`/pledge rule`) → they become a signer of
 * the rule's document and get its card. Adding a signer is a unique insert, so a join event
 * delivered twice (or the same person added again) sends the card once.
 */
import { z } from 'zod';
import { refreshProgressCards, sendSignerCards } from '../commands/pledge-publish.js';
import type { EventHandler } from '../dispatch/dispatcher.js';
import { findChat } from '../domain/chats.js';
import { addSigners, getPledge } from '../domain/pledges.js';
import { PledgeRuleModel } from '../models/pledge.js';

const userAddedSchema = z.object({
  chat_id: z.string().min(1),
  users: z
    .array(
      z
        .object({
          name: z.string().optional(),
          user_id: z.object({ open_id: z.string().optional() }).passthrough(),
        })
        .passthrough(),
    )
    .default([]),
});

/** im.chat.member.user.added_v1: send the chat's rule documents to the people who joined. */
export const onUserAddedForPledges: EventHandler = async (ctx, event) => {
  const parsed = userAddedSchema.safeParse(event);
  if (!parsed.success) {
    ctx.log.warn('malformed user.added event');
    return;
  }
  const { chat_id: chatId, users } = parsed.data;
  const rules = await PledgeRuleModel.find({ chatId: { $eq: chatId } }).lean();
  if (rules.length === 0) return;
  const deptId = (await findChat(chatId))?.deptId;
  const joined = users.map((u) => u.user_id.open_id ?? '').filter(Boolean);
  for (const u of users)
    if (u.user_id.open_id && u.name)
      await ctx.services.directory.ensurePerson(u.user_id.open_id, { name: u.name });
  for (const rule of rules) {
    const pledge = await getPledge(rule.pledgeId);
    if (pledge?.state !== 'open') continue;
    const hints = new Map<string, string>(deptId ? joined.map((j) => [j, deptId] as const) : []);
    const added = await addSigners(pledge.id, joined, 'newcomer', ctx.now(), hints);
    if (added.length === 0) continue;
    ctx.log.info({ pledgeId: pledge.id, added: added.length }, 'newcomers asked to sign');
    await sendSignerCards(ctx.services, pledge, added);
    await refreshProgressCards(ctx.services, pledge, ctx.eventId);
  }
};
