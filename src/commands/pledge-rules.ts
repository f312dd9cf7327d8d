/**
 * Newcomer rules: `/pledge rule <id> [群名]` (people who join the chat get the document) and
 * `/pledge rule <id> 部门 <部门名>` (people placed in the department or below it get it).
 */

import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { findChat } from '../domain/chats.js';
import { findDepartmentByName } from '../domain/departments.js';
import type { PledgeView } from '../domain/pledges.js';
import { mayTargetChat, mayTargetDept } from '../domain/target-scope.js';
import { ChatModel } from '../models/chat.js';
import { PledgeRuleModel } from '../models/pledge.js';
import { allowedChatsText, allowedDeptsText } from './pledge-targets.js';
import { auditScopeRefusal } from './scope-audit.js';

const DEPT_WORDS = new Set(['部门', 'dept', 'department']);

/** `/pledge rule <id> 部门 <部门名>`: people placed in the department (or below it) get the document. */
async function addDeptRule(ctx: EventContext, pledge: PledgeView, name: string): Promise<void> {
  const { t } = ctx;
  if (name === '') return ctx.reply.text(t('pledge.rule.deptMissing'));
  const dept = await findDepartmentByName(name);
  if (!dept) return ctx.reply.text(t('pledge.rule.deptUnknown', { name }));
  if (!mayTargetDept(ctx.actor, dept.id)) {
    await auditScopeRefusal(ctx, 'pledge.rule', dept.id, 'dept');
    return ctx.reply.text(
      t('scope.pledge.ruleDeptOutside', { name: dept.name, allowed: await allowedDeptsText(ctx) }),
    );
  }
  await PledgeRuleModel.updateOne(
    { _id: `${pledge.id}:dept:${dept.id}` },
    {
      $set: { pledgeId: pledge.id, deptId: dept.id },
      $setOnInsert: { createdBy: ctx.actor.openId, createdAt: ctx.now() },
    },
    { upsert: true },
  );
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'pledge.rule',
      outcome: 'ok',
      target: pledge.id,
      after: { deptId: dept.id, department: dept.name },
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await ctx.reply.text(
    t('pledge.rule.deptDone', { id: pledge.id, title: pledge.title, department: dept.name }),
  );
}

/** `/pledge rule <id> [群名]`: people who join the chat (this group, or the named one) get the document. */
export async function addRule(ctx: EventContext, pledge: PledgeView, words: string[]): Promise<void> {
  const { t } = ctx;
  if (words[0] && DEPT_WORDS.has(words[0].toLowerCase()))
    return addDeptRule(ctx, pledge, words.slice(1).join(' ').trim());
  const name = words.join(' ').trim();
  let chatId = ctx.chat?.type === 'group' && name === '' ? ctx.chat.id : undefined;
  if (!chatId && name !== '')
    chatId = (await ChatModel.findOne({ name: { $eq: name }, active: true }).lean())?.chatId;
  if (!chatId) {
    await ctx.reply.text(name === '' ? t('pledge.rule.where') : t('pledge.rule.chatUnknown', { name }));
    return;
  }
  const target = await findChat(chatId);
  if (!mayTargetChat(ctx.actor, target)) {
    await auditScopeRefusal(ctx, 'pledge.rule', chatId, 'chat');
    const allowed = await allowedChatsText(ctx);
    return ctx.reply.text(
      t('scope.pledge.ruleChatOutside', { name: target?.name || name || chatId, allowed }),
    );
  }
  const id = `${pledge.id}:chat:${chatId}`;
  await PledgeRuleModel.updateOne(
    { _id: id },
    { $setOnInsert: { pledgeId: pledge.id, chatId, createdBy: ctx.actor.openId, createdAt: ctx.now() } },
    { upsert: true },
  );
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'pledge.rule',
      outcome: 'ok',
      target: pledge.id,
      after: { chatId },
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  const chat = await ChatModel.findOne({ chatId: { $eq: chatId } }).lean();
  await ctx.reply.text(
    t('pledge.rule.done', { id: pledge.id, title: pledge.title, chat: chat?.name || chatId }),
  );
}
