import { cardMention, type Markup } from '../../cards/escape.js';
import type { EventContext } from '../dispatch/context.js';
/** Turns organisation results into audit entries and answers in the reader's language. */
import { recordAudit } from '../domain/audit.js';
import type { OrgResult, Refusal } from '../domain/org-refusal.js';
import type { Translate } from '../i18n/index.js';

/** The polite message for a refusal. */
export function refusalText(t: Translate, refusal: Refusal): string {
  return t(`org.refusal.${refusal.code}`, refusal.params);
}

/**
 * Writes the audit entry of a change attempt: `ok` with before/after for a change, `refused`
 * with the reason for a refusal; an attempt that changed nothing is not written.
 */
export async function auditResult(
  ctx: EventContext,
  action: string,
  target: string,
  result: OrgResult<unknown>,
): Promise<void> {
  if (result.ok && !result.changed) return;
  if (!result.ok) {
    ctx.log.info({ action, target, reason: result.code }, 'organisation change refused');
  }
  await recordAudit(
    result.ok
      ? {
          actor: ctx.actor.openId,
          action,
          outcome: 'ok',
          target,
          before: result.before,
          after: result.after,
          eventId: ctx.eventId,
        }
      : {
          actor: ctx.actor.openId,
          action,
          outcome: 'refused',
          target,
          detail: result.code,
          eventId: ctx.eventId,
        },
    ctx.now(),
  );
}

/** `<at>` markup naming the actor in a card ("操作人"), built from the actor's open_id. */
export function actorMention(ctx: EventContext): Markup {
  return cardMention(ctx.actor.openId);
}
