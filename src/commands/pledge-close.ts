/** `/pledge close <id>`: the creator or an admin ends a document — no more reminders, 已结束 on its cards. */

import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { notifyPledgeChanged } from '../domain/pledge-listeners.js';
import { getPledge, isDuplicate } from '../domain/pledges.js';
import { PledgeCloseModel, PledgeModel } from '../models/pledge.js';
import { idArg } from './pledge-args.js';
import { mayManagePledge } from './pledge-launch.js';
import { refreshProgressCards } from './pledge-publish.js';
import type { CommandRegistry } from './registry.js';

async function closePledge(ctx: EventContext, id: string): Promise<void> {
  const { t } = ctx;
  const pledge = await getPledge(id);
  if (!pledge) return ctx.reply.text(t('pledge.err.unknown', { id }));
  const audit = (outcome: 'ok' | 'refused', detail?: string) =>
    recordAudit(
      { actor: ctx.actor.openId, action: 'pledge.close', outcome, target: id, detail, eventId: ctx.eventId },
      ctx.now(),
    );
  if (!mayManagePledge(ctx, pledge)) {
    await audit('refused', 'not creator');
    return ctx.reply.text(t('pledge.err.notManager'));
  }
  if (pledge.state === 'draft') return ctx.reply.text(t('pledge.close.draft', { id }));
  if (pledge.state === 'closed') return ctx.reply.text(t('pledge.close.already', { id }));
  try {
    await PledgeCloseModel.create({ _id: id, by: ctx.actor.openId, at: ctx.now() });
  } catch (error) {
    if (isDuplicate(error)) return ctx.reply.text(t('pledge.close.already', { id }));
    throw error;
  }
  await PledgeModel.updateOne({ _id: id }, { $set: { state: 'closed', updatedAt: ctx.now() } });
  await audit('ok');
  await notifyPledgeChanged(id);
  const closed = (await getPledge(id))!;
  await refreshProgressCards(ctx.services, closed, ctx.eventId);
  await ctx.reply.text(t('pledge.close.done', { id, title: pledge.title }));
}

/** Adds `/pledge close`. */
export function registerPledgeClose(registry: CommandRegistry): void {
  registry.add({
    path: ['pledge', 'close'],
    aliases: ['承诺书 结束', '责任书 结束', '结束签署', '签署 结束'],
    summary: 'pledge.close.summary',
    usage: 'pledge.close.usage',
    example: 'pledge.close.example',
    roles: ['admin', 'leader'],
    args: idArg,
    run: (ctx, id) => closePledge(ctx, id),
  });
}
