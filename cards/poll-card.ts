/** The poll card people vote on: buttons for single choice, checkers plus submit for multiple choice. */
import type { Translate } from '../src/i18n/index.js';
import { callbackButton, card, escapeMarkdown, markdown, note } from './elements.js';
import { form, submitButton } from './form-fields.js';
import type { Card, CardElement } from './types.js';

/** Action names (`value.a`) of the poll card. */
export const POLL_ACTIONS = {
  vote: 'poll.vote',
  submit: 'poll.submit',
  results: 'poll.results',
} as const;

/** The checker of option `key` in the multiple-choice form (its key in `form_value`). */
export function pollCheckerName(key: string): string {
  return `poll_opt_${key}`;
}

/** What the poll card shows. */
export interface PollCardData {
  id: string;
  kind: 'general' | 'satisfaction';
  question: string;
  options: Array<{ key: string; label: string }>;
  anonymous: boolean;
  multi: boolean;
  allowChange: boolean;
  live: boolean;
  sampled: boolean;
  /** Formatted deadline, or null. */
  deadline: string | null;
  creatorName: string;
  open: boolean;
  voted: number;
  eligible: number;
}

function facts(t: Translate, d: PollCardData): string {
  return [
    t(d.anonymous ? 'poll.card.anonymous' : 'poll.card.named'),
    t(d.multi ? 'poll.card.multi' : 'poll.card.single'),
    t(d.live ? 'poll.card.live' : 'poll.card.afterClose'),
    d.deadline ? t('poll.card.deadline', { deadline: d.deadline }) : t('poll.card.noDeadline'),
    ...(d.sampled ? [t('poll.card.sampled')] : []),
  ].join(' · ');
}

function voteElements(t: Translate, d: PollCardData): CardElement[] {
  if (!d.multi) {
    return d.options.map((o, i) =>
      callbackButton(o.label, { a: POLL_ACTIONS.vote, p: d.id, o: o.key }, i === 0 ? 'primary' : 'default'),
    );
  }
  return [
    form(`poll_form_${d.id}`, [
      ...d.options.map((o) => ({
        tag: 'checker',
        name: pollCheckerName(o.key),
        checked: false,
        text: { tag: 'plain_text', content: o.label },
      })),
      submitButton(`poll_submit_${d.id}`, t('poll.card.submit'), { a: POLL_ACTIONS.submit, p: d.id }),
    ]),
  ];
}

/** The poll card: question, facts, turnout, the voting controls while open. */
export function buildPollCard(t: Translate, d: PollCardData): Card {
  const title = t(d.kind === 'satisfaction' ? 'poll.card.titleSatisfaction' : 'poll.card.title', {
    id: d.id,
    question: d.question,
  });
  const elements: CardElement[] = [
    markdown(`**${escapeMarkdown(d.question)}**`),
    note(facts(t, d)),
  ];
  if (d.open) {
    if (d.anonymous) elements.push(note(t('poll.card.anonymousNote')));
    else if (d.allowChange) elements.push(note(t('poll.card.changeNote')));
    elements.push(...voteElements(t, d));
    if (d.live) elements.push(callbackButton(t('poll.card.showResults'), { a: POLL_ACTIONS.results, p: d.id }));
  } else {
    elements.push(markdown(t('poll.card.closed')));
  }
  elements.push(note(`${t('poll.card.turnout', { voted: d.voted, eligible: d.eligible })} · ${t('poll.card.by', { name: d.creatorName })}`));
  return card(title, d.open ? 'blue' : 'grey', elements);
}
