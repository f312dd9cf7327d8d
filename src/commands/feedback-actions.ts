/**
 * Card actions of the feedback channel: the form's 实名提交 / 匿名提交, and 回复 → 发送回复 on the
 * forwarded card (supervisors and admins only; a double press of one reply form relays once).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  buildFeedbackCard,
  buildFeedbackSubmitted,
  FEEDBACK_ACTIONS,
  FEEDBACK_FIELDS,
} from '../../cards/feedback-cards.js';
import type { ActionRegistry, ActionResult } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import {
  addReply,
  claimReply,
  FEEDBACK_MAX_CHARS,
  type FeedbackView,
  feedbackCardKey,
  finishReplyClaim,
  getFeedback,
  listFeedbackRecipients,
  type ReplyClaim,
} from '../domain/feedback.js';
import { FORGET_PREFIX, forgetSoon, resolveAnonymousSender } from '../domain/feedback-relay.js';
import { keyedId } from '../domain/sealing.js';
import { type Translate, translator } from '../i18n/index.js';
import { OutboxMessage } from '../models/outbox-message.js';
import { checkFeedbackText, feedbackCardData, forgetSender, submitFeedback } from './feedback-submit.js';

const REPLIERS = ['supervisor', 'admin'] as const;
const FEEDBACK_ID = z.string().regex(/^F[A-Z0-9]{6}$/);
const formText = (field: string) => (form: Record<string, unknown>) =>
  typeof form[field] === 'string' ? (form[field] as string) : '';

const submitSchema = z
  .object({
    value: z.object({ anon: z.coerce.number().int().min(0).max(1) }).passthrough(),
    formValue: z.record(z.string(), z.unknown()),
  })
  .transform(({ value, formValue }) => ({
    anonymous: value.anon === 1,
    text: formText(FEEDBACK_FIELDS.text)(formValue),
  }));

const openSchema = z
  .object({
    value: z.object({ id: FEEDBACK_ID }).passthrough(),
    formValue: z.record(z.string(), z.unknown()),
  })
  .transform(({ value }) => ({ id: value.id }));

const sendSchema = z
  .object({
    value: z.object({ id: FEEDBACK_ID, n: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) }).passthrough(),
    formValue: z.record(z.string(), z.unknown()),
  })
  .transform(({ value, formValue }) => ({
    id: value.id,
    nonce: value.n,
    text: formText(FEEDBACK_FIELDS.reply)(formValue).trim(),
  }));

const warn = (content: string): ActionResult => ({ toast: { type: 'warning', content } });

async function submitForm(
  ctx: EventContext,
  input: { anonymous: boolean; text: string },
): Promise<ActionResult> {
  const problem = checkFeedbackText(ctx.t, input.text);
  if (problem) return warn(problem);
  const done = await submitFeedback(ctx, input.text, input.anonymous);
  // The stored callback keeps no action (`private`); an anonymous one forgets its operator too.
  if (input.anonymous) await forgetSender(ctx.eventId);
  return { toast: { type: 'success', content: done }, card: buildFeedbackSubmitted(ctx.t, done) };
}

/** 回复: the same card with a reply form (a fresh nonce identifies this form). */
async function openReply(ctx: EventContext, input: { id: string }): Promise<ActionResult> {
  const item = await getFeedback(input.id);
  if (!item) return warn(ctx.t('feedback.err.unknown', { id: input.id }));
  const nonce = randomBytes(12).toString('base64url');
  return { card: buildFeedbackCard(ctx.t, feedbackCardData(ctx.t, item), nonce) };
}

/** The sender's language (theirs, else the agency's), read without logging who they are. */
async function senderTranslator(ctx: EventContext, openId: string): Promise<Translate> {
  const profile = await ctx.services.access.profileOf(openId);
  return translator(profile.locale ?? (await ctx.services.settings()).locale);
}

/** Shows the reply on the other recipients' copies of the card (the presser's is the callback answer). */
async function refreshOtherCards(ctx: EventContext, item: FeedbackView, nonce: string): Promise<void> {
  const recipients = await listFeedbackRecipients(ctx.services.directory.bootstrapAdmins);
  const keys = recipients.filter((r) => r !== ctx.actor.openId).map((r) => feedbackCardKey(item.id, r));
  const sent = await OutboxMessage.find({ key: { $in: keys }, kind: 'send' }, { key: 1 }).lean();
  if (sent.length === 0) return;
  const rt = translator((await ctx.services.settings()).locale);
  const card = buildFeedbackCard(rt, feedbackCardData(rt, item));
  for (const { key } of sent)
    await ctx.services.messenger.patchCard(`${key}:patch:${nonce}`, { outboxKey: key }, card);
}

/**
 * 发送回复: a recoverable sequence. (1) the claim, holding the reply, makes a double press relay
 * once; (2) the relay is one outbox entry keyed by the reply (item + form nonce), so enqueueing
 * again changes nothing; (3) the reply is recorded on the item once per nonce; (4) the claim is
 * marked done. A press of the same form after a crash anywhere in between finishes the rest.
 */
async function sendReply(
  ctx: EventContext,
  input: { id: string; nonce: string; text: string },
): Promise<ActionResult> {
  const { t } = ctx;
  if (input.text === '') return warn(t('feedback.err.replyEmpty'));
  if (input.text.length > FEEDBACK_MAX_CHARS)
    return warn(t('feedback.err.tooLong', { max: FEEDBACK_MAX_CHARS }));
  const item = await getFeedback(input.id);
  if (!item) return warn(t('feedback.err.unknown', { id: input.id }));
  const byName = ctx.actor.name || (await ctx.services.directory.displayName(ctx.actor.openId));
  const { fresh, claim } = await claimReply(
    item.id,
    input.nonce,
    { by: ctx.actor.openId, byName, text: input.text },
    ctx.now(),
  );
  if (!fresh && claim.done) return { toast: { type: 'info', content: t('feedback.err.replied') } };
  await relayReply(ctx, item, input.nonce, claim);
  await addReply(
    item.id,
    { by: claim.by, byName: claim.byName, text: claim.text, nonce: input.nonce },
    claim.at,
  );
  // Keyed by the reply form: written once whichever press gets here.
  await recordAudit(
    {
      actor: claim.by,
      action: 'feedback.reply',
      outcome: 'ok',
      target: item.id,
      eventId: ctx.eventId,
      id: keyedId(`audit:reply:${item.id}:${input.nonce}`, 12),
    },
    claim.at,
  );
  await finishReplyClaim(item.id, input.nonce);
  const updated = (await getFeedback(item.id)) ?? item;
  await refreshOtherCards(ctx, updated, input.nonce);
  return {
    toast: { type: 'success', content: t('feedback.reply.done') },
    card: buildFeedbackCard(t, feedbackCardData(t, updated)),
  };
}

/** Enqueues the reply to the sender (idempotent: one outbox key per reply form). */
async function relayReply(
  ctx: EventContext,
  item: FeedbackView,
  nonce: string,
  claim: ReplyClaim,
): Promise<void> {
  if (item.anonymous) {
    const to = await resolveAnonymousSender(item);
    if (!to) return;
    // The key must not name the item: the row is addressed to the sender, and it is deleted once
    // delivered (its text is also on the item).
    const key = `${FORGET_PREFIX}${keyedId(`reply:${item.id}:${nonce}`)}`;
    const st = await senderTranslator(ctx, to);
    await ctx.services.messenger.sendText(
      key,
      { openId: to },
      st('feedback.reply.relayAnonymous', { name: claim.byName, text: claim.text }),
    );
    forgetSoon((error) => ctx.log.warn({ err: error }, 'forgetting relayed replies failed'));
  } else if (item.sender) {
    const st = await senderTranslator(ctx, item.sender);
    await ctx.services.messenger.sendText(
      `feedback:${item.id}:reply:${nonce}`,
      { openId: item.sender },
      st('feedback.reply.relayNamed', { id: item.id, name: claim.byName, text: claim.text }),
    );
  }
}

/** Adds the feedback card actions. */
export function registerFeedbackActions(actions: ActionRegistry): void {
  // `private`: the stored callback never holds the text (nor whether it was anonymous).
  actions.add({
    name: FEEDBACK_ACTIONS.submit,
    roles: 'everyone',
    private: true,
    input: submitSchema,
    run: submitForm,
  });
  actions.add({ name: FEEDBACK_ACTIONS.reply, roles: REPLIERS, input: openSchema, run: openReply });
  actions.add({ name: FEEDBACK_ACTIONS.replySend, roles: REPLIERS, input: sendSchema, run: sendReply });
}
