/** Audit entries of requests refused for department scope (a target outside the leader's departments). */
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';

/** Records the refusal: who, what action, which target, and `scope:<kind>` as the detail. */
export async function auditScopeRefusal(
  ctx: EventContext,
  action: string,
  target: string,
  kind: string,
): Promise<void> {
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action,
      outcome: 'refused',
      target,
      detail: `scope:${kind}`,
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
}
