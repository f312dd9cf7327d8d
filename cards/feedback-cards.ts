/** Cards of the feedback channel: the submit form, the forwarded item with 回复, and the reply form. */
import type { Translate } from '../src/i18n/index.js';
import { callbackButton, card, escapeMarkdown, markdown, note } from './elements.js';
import { form, submitButton } from './form-fields.js';
import type { Card, CardElement } from './types.js';

/** Action names (`value.a`). */
export const FEEDBACK_ACTIONS = {
  submit: 'feedback.submit',
  reply: 'feedback.reply',
  replySend: 'feedback.replySend',
} as const;
/** Form field names. */
export const FEEDBACK_FIELDS = { text: 'feedback_text', reply: 'feedback_reply' } as const;
/** Longest text a form input takes. */
const INPUT_MAX = 1000;

function multiline(name: string, label: string, placeholder: string): CardElement {
  return {
    tag: 'input',
    name,
    input_type: 'multiline_text',
    max_length: INPUT_MAX,
    label: { tag: 'plain_text', content: label },
    placeholder: { tag: 'plain_text', content: placeholder },
  };
}

/** `/feedback` without text: the form with 实名提交 and 匿名提交. */
export function buildFeedbackForm(t: Translate): Card {
  return card(t('feedback.form.title'), 'blue', [
    markdown(t('feedback.form.intro')),
    form('feedback_form', [
      multiline(FEEDBACK_FIELDS.text, t('feedback.form.label'), t('feedback.form.placeholder')),
      submitButton('feedback_named', t('feedback.form.named'), { a: FEEDBACK_ACTIONS.submit, anon: 0 }),
      submitButton('feedback_anon', t('feedback.form.anonymous'), { a: FEEDBACK_ACTIONS.submit, anon: 1 }),
    ]),
  ]);
}

/** The form after submission: the confirmation only (the text is not repeated). */
export function buildFeedbackSubmitted(t: Translate, message: string): Card {
  return card(t('feedback.form.doneTitle'), 'green', [markdown(message)]);
}

/** What the forwarded card shows; `from` is a name, or 匿名 for an anonymous item. */
export interface FeedbackCardData {
  id: string;
  text: string;
  from: string;
  day: string;
  replies: { byName: string; text: string }[];
}

/**
 * The card supervisors and admins receive. `replyNonce` set: the reply form (its submit carries
 * the nonce, so a double press is recognised); else the 回复 button.
 */
export function buildFeedbackCard(t: Translate, data: FeedbackCardData, replyNonce?: string): Card {
  const elements: CardElement[] = [
    markdown(escapeMarkdown(data.text)),
    note(`${t('feedback.card.from', { name: data.from })}　${t('feedback.card.day', { day: data.day })}`),
  ];
  for (const r of data.replies)
    elements.push(note(t('feedback.card.replied', { name: r.byName, text: escapeMarkdown(r.text) })));
  if (replyNonce) {
    elements.push(
      form('feedback_reply_form', [
        multiline(FEEDBACK_FIELDS.reply, t('feedback.card.replyLabel'), t('feedback.card.replyPlaceholder')),
        submitButton('feedback_reply_send', t('feedback.card.replySend'), {
          a: FEEDBACK_ACTIONS.replySend,
          id: data.id,
          n: replyNonce,
        }),
      ]),
    );
  } else {
    elements.push(
      callbackButton(t('feedback.card.reply'), { a: FEEDBACK_ACTIONS.reply, id: data.id }, 'primary'),
    );
  }
  return card(
    t('feedback.card.title', { id: data.id }),
    data.replies.length > 0 ? 'green' : 'orange',
    elements,
  );
}
