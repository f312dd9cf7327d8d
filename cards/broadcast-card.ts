import type { ContentItem } from '../src/domain/content-items.js';
import type { Translate } from '../src/i18n/index.js';
import { authoredMarkdown } from './escape.js';
import { callbackButton, card, divider, escapeMarkdown, markdown, note, type Tone } from './elements.js';
import type { Card, CardElement } from './types.js';

/** Action names of the broadcast card's buttons. */
export const BROADCAST_ACTIONS = { ack: 'bc.ack', quiz: 'bc.quiz' } as const;

/** Option letters of a quiz. */
export const QUIZ_LETTERS = 'ABCDEF';

function toneOf(item: ContentItem): Tone {
  if (item.category === 'warning') return 'red';
  if (item.category === 'rules') return 'orange';
  if (item.category === 'family') return 'green';
  return 'indigo';
}

/** The item's body, image and source, as shown on every card of it. */
export function contentElements(t: Translate, item: ContentItem): CardElement[] {
  const elements: CardElement[] = [];
  if (item.imageKey)
    elements.push({ tag: 'img', img_key: item.imageKey, alt: { tag: 'plain_text', content: item.title } });
  elements.push(markdown(authoredMarkdown(item.body)));
  if (item.source) elements.push(note(t('broadcast.card.source', { source: escapeMarkdown(item.source) })));
  return elements;
}

/** The subtitle: category and tags. */
export function contentSubtitle(t: Translate, item: ContentItem): string {
  const tags = item.tags.length > 0 ? ` · ${item.tags.map((tag) => `#${tag}`).join(' ')}` : '';
  return `${t(`content.category.${item.category}`)}${tags}`;
}

/**
 * The card a broadcast posts in each chat: the item, a 必学 note, the quiz (one button per
 * option) and 已学习. Every button carries the broadcast id `b`.
 */
export function buildBroadcastCard(t: Translate, broadcastId: string, item: ContentItem): Card {
  const elements = contentElements(t, item);
  if (item.required) elements.push(note(t('broadcast.card.required')));
  elements.push(divider());
  if (item.quiz) {
    elements.push(markdown(t('broadcast.card.quiz', { question: escapeMarkdown(item.quiz.question) })));
    item.quiz.options.forEach((option, o) => {
      elements.push(
        callbackButton(`${QUIZ_LETTERS[o]}. ${option}`, { a: BROADCAST_ACTIONS.quiz, b: broadcastId, o }),
      );
    });
  }
  elements.push(
    callbackButton(t('broadcast.card.ack'), { a: BROADCAST_ACTIONS.ack, b: broadcastId }, 'primary'),
  );
  return card(
    t('broadcast.card.title', { title: item.title }),
    toneOf(item),
    elements,
    contentSubtitle(t, item),
  );
}

/** Figures of one broadcast, prepared by the caller. */
export interface BroadcastStatsView {
  id: string;
  itemId: string;
  title: string;
  sentAt: string;
  chats: number;
  delivered: number;
  acks: number;
  answered: number;
  correct: number;
  hasQuiz: boolean;
  byDepartment: Array<{ name: string; delivered: number; acks: number; answered: number; correct: number }>;
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((100 * n) / d)}%`);

/** `/broadcast stats`: delivered, 已学习, quiz accuracy, by department. */
export function buildBroadcastStatsCard(t: Translate, s: BroadcastStatsView): Card {
  const lines = [
    t('broadcast.stats.item', { id: s.itemId, title: escapeMarkdown(s.title), at: s.sentAt }),
    t('broadcast.stats.delivered', { delivered: s.delivered, chats: s.chats }),
    t('broadcast.stats.acks', { acks: s.acks }),
  ];
  if (s.hasQuiz)
    lines.push(
      t('broadcast.stats.quiz', {
        answered: s.answered,
        correct: s.correct,
        rate: pct(s.correct, s.answered),
      }),
    );
  const elements: CardElement[] = [markdown(lines.join('\n'))];
  if (s.byDepartment.length > 0) {
    elements.push(divider(), markdown(t('broadcast.stats.byDept')));
    elements.push(
      markdown(
        s.byDepartment
          .map((d) =>
            t(s.hasQuiz ? 'broadcast.stats.deptLineQuiz' : 'broadcast.stats.deptLine', {
              name: escapeMarkdown(d.name),
              delivered: d.delivered,
              acks: d.acks,
              answered: d.answered,
              rate: pct(d.correct, d.answered),
            }),
          )
          .join('\n'),
      ),
    );
  }
  return card(t('broadcast.stats.title', { id: s.id }), 'blue', elements);
}
