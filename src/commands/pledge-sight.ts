/** Loads a document for a viewer and answers (and audits) when they may not see any of it. */

import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { type PledgeScope, pledgeSightOf } from '../domain/pledge-scope.js';
import { getPledge, type PledgeView } from '../domain/pledges.js';

/** A document and what the viewer may see of it. */
export interface SightedPledge {
  pledge: PledgeView;
  scope: PledgeScope;
  /** The signers the viewer may see; undefined: all of them. */
  visible: Set<string> | undefined;
}

/** The document as `ctx.actor` may see it, or undefined after a polite answer (refusals audited). */
export async function viewablePledge(
  ctx: EventContext,
  id: string,
  action: string,
): Promise<SightedPledge | undefined> {
  const pledge = await getPledge(id);
  if (!pledge) {
    await ctx.reply.text(ctx.t('pledge.err.unknown', { id }));
    return undefined;
  }
  const sight = await pledgeSightOf(ctx.actor, pledge);
  if (sight.ok) return { pledge, scope: sight.scope, visible: sight.visible };
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action,
      outcome: 'refused',
      target: pledge.id,
      detail: sight.reason === 'outside' ? 'no signer in the leader’s departments' : 'role',
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await ctx.reply.text(
    ctx.t(sight.reason === 'outside' ? 'pledge.err.outsideDepartments' : 'pledge.err.notViewer', {
      id: pledge.id,
    }),
  );
  return undefined;
}
