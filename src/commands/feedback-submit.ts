/**
 * Submitting feedback (text command or form), exactly once per event: the item id is keyed by the
 * event, the forwards and the audit entry are keyed too, so a re-run after a crash finds them.
 * Anonymous items: the sender is kept only sealed in the item; the audit entry carries no actor
 * and only the day; nothing is logged; the confirmation names no feedback id and its outbox row
 * is deleted once delivered; last, the stored event loses everything that names the sender.
 */
import { buildFeedbackCard } from '../../cards/feedback-cards.js';
import type { Card } from '../../cards/types.js';
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import {
  createFeedback,
  FEEDBACK_MAX_CHARS,
  type FeedbackView,
  feedbackCardKey,
  listFeedbackRecipients,
} from '../domain/feedback.js';
import { FORGET_PREFIX, forgetDeliveredToSenders, forgetSoon } from '../domain/feedback-relay.js';
import { keyedId } from '../domain/sealing.js';
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

/**
 * Removes everything naming the sender from a stored event (sender, operator, chat, content,
 * action): called last, once the item, its forwards and the answer to the sender are stored, so
 * a crash before it re-runs the whole (idempotent) sequence and loses nothing.
 */
export async function forgetSender(eventId: string): Promise<void> {
  await InboxEventModel.updateOne(
    { _id: { $eq: eventId } },
    {
      $unset: {
        'envelope.event.sender': 1,
        'envelope.event.operator': 1,
        'envelope.event.context': 1,
        'envelope.event.action': 1,
        'envelope.event.message.content': 1,
        'envelope.event.message.chat_id': 1,
        'envelope.event.message.mentions': 1,
      },
    },
  );
}

/**
 * Answers the sender with an outbox entry that is deleted once delivered (src/domain/feedback-relay.ts):
 * no row addressed to them stays behind with a time next to the forwarded item.
 */
export async function answerSenderEphemeral(
  ctx: EventContext,
  content: { text: string } | { card: Card },
): Promise<void> {
  const m = ctx.services.messenger;
  const key = `${FORGET_PREFIX}${keyedId(`answer:${ctx.eventId}`)}`;
  const p2pUser = ctx.chat?.type === 'p2p' ? ctx.actor.openId : undefined;
  forgetSoon((error) =>
    ctx.logWithoutActor?.warn({ err: error }, 'forgetting answers to anonymous senders failed'),
  );
  if (ctx.messageId) {
    if ('text' in content) await m.replyText(key, ctx.messageId, content.text, ctx.chat?.id, p2pUser);
    else await m.replyCard(key, ctx.messageId, content.card, ctx.chat?.id, p2pUser);
  } else if ('text' in content) await m.sendText(key, { openId: ctx.actor.openId }, content.text);
  else await m.sendCard(key, { openId: ctx.actor.openId }, content.card);
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
  // Whatever an earlier submission (before a restart) left addressed to its sender.
  await forgetDeliveredToSenders();
  const settings = await services.settings();
  const senderName = anonymous
    ? ''
    : ctx.actor.name || (await services.directory.displayName(ctx.actor.openId));
  const item = await createFeedback(
    {
      text: text.trim(),
      anonymous,
      sender: ctx.actor.openId,
      senderName,
      timezone: settings.timezone,
      eventId: ctx.eventId,
    },
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
      // Keyed by the event: a re-run after a crash writes it once (and, anonymous, the id
      // carries no creation time as an ObjectId would).
      id: keyedId(`audit:feedback:${ctx.eventId}`, 12),
    },
    at,
  );
  if (!anonymous) ctx.log.info({ feedback: item.id }, 'feedback forwarded');
  return anonymous ? t('feedback.done.anonymous') : t('feedback.done.named', { id: item.id });
}
