/**
 * Submitting feedback (text command or form). Anonymous items: the sender is kept only behind a
 * relay token, the stored inbox event loses the text, the audit entry carries no actor, nothing is
 * logged, and the confirmation names no feedback id (the outbox row addressed to the sender must
 * not link them to the item).
 */
import { buildFeedbackCard } from '../../cards/feedback-cards.js';
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import {
  createFeedback,
  FEEDBACK_MAX_CHARS,
  type FeedbackView,
  feedbackCardKey,
  listFeedbackRecipients,
} from '../domain/feedback.js';
import { type Translate, translator } from '../i18n/index.js';
import { InboxEventModel } from '../models/inbox-event.js';
import { zonedDateTime, zonedParts } from '../time/zoned.js';

/** The audit actor of an anonymous submission. */
export const ANONYMOUS_ACTOR = '匿名';

function dayStart(now: Date, tz: string): Date {
  const p = zonedParts(now, tz);
  return zonedDateTime(tz, p.year, p.month, p.day);
}

/** The forwarded card's data for an item, in the reader's words. */
export function feedbackCardData(t: Translate, item: FeedbackView) {
  return {
    id: item.id,
    text: item.text,
    from: item.anonymous ? t('feedback.card.anonymous') : item.senderName || (item.sender ?? ''),
    day: item.day,
    replies: item.replies.map((r) => ({ byName: r.byName, text: r.text })),
  };
}

/** Removes the text (message events) and form values (card callbacks) from the stored inbox event. */
async function forgetInboxText(eventId: string): Promise<void> {
  await InboxEventModel.updateOne(
    { _id: { $eq: eventId } },
    { $unset: { 'envelope.event.message.content': 1, 'envelope.event.action': 1 } },
  );
}

/** Checks the text; a Chinese hint when it is empty or too long. */
export function checkFeedbackText(t: Translate, text: string): string | undefined {
  if (text.trim() === '') return t('feedback.err.empty');
  if (text.length > FEEDBACK_MAX_CHARS) return t('feedback.err.tooLong', { max: FEEDBACK_MAX_CHARS });
  return undefined;
}

/** Stores the item, forwards it to every supervisor and admin, audits it; returns the confirmation. */
export async function submitFeedback(ctx: EventContext, text: string, anonymous: boolean): Promise<string> {
  const { t, services } = ctx;
  const settings = await services.settings();
  if (anonymous) await forgetInboxText(ctx.eventId);
  const senderName = anonymous
    ? ''
    : ctx.actor.name || (await services.directory.displayName(ctx.actor.openId));
  const item = await createFeedback(
    { text: text.trim(), anonymous, sender: ctx.actor.openId, senderName, timezone: settings.timezone },
    ctx.now(),
  );
  const readerT = translator(settings.locale);
  const card = buildFeedbackCard(readerT, feedbackCardData(readerT, item));
  const recipients = await listFeedbackRecipients(services.directory.bootstrapAdmins);
  await services.messenger.sendCardToMany(
    recipients.map((openId) => ({ key: feedbackCardKey(item.id, openId), to: { openId } })),
    card,
  );
  // Anonymous: no actor, no event id, and only the day (an exact time could be matched against
  // the stored message events or the command log).
  const at = anonymous ? dayStart(ctx.now(), settings.timezone) : ctx.now();
  await recordAudit(
    {
      actor: anonymous ? ANONYMOUS_ACTOR : ctx.actor.openId,
      action: 'feedback.submit',
      outcome: 'ok',
      target: item.id,
      after: { anonymous, recipients: recipients.length },
      // The event id would lead back to the stored event (and so to the sender).
      eventId: anonymous ? '' : ctx.eventId,
    },
    at,
  );
  if (!anonymous) ctx.log.info({ feedback: item.id }, 'feedback forwarded');
  return anonymous ? t('feedback.done.anonymous') : t('feedback.done.named', { id: item.id });
}
