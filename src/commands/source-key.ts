/**
 * The source key of an object a command or a form creates (see src/domain/keyed-create.ts).
 *
 * A command: its event id, so the stored event re-run after a crash finds the object. A form:
 * the form card's message and the person who submitted it, so both a re-run and a second press
 * after a failed answer find the object (a submitted form is replaced by its result card, so one
 * form card creates at most one object per person).
 */
import type { EventContext } from '../dispatch/context.js';

/** The key of what a text command creates. */
export function commandSourceKey(ctx: Pick<EventContext, 'eventId'>): string {
  return `event:${ctx.eventId}`;
}

/** The key of what a form submission creates (falls back to the callback's event id). */
export function formSourceKey(ctx: Pick<EventContext, 'eventId' | 'messageId' | 'actor'>): string {
  return ctx.messageId ? `form:${ctx.messageId}:${ctx.actor.openId}` : `event:${ctx.eventId}`;
}
