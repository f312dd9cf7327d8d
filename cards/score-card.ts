/** The evaluation score card: the total with its grade, each first-level indicator and its parts. */
import type { ScoreResult } from '../src/domain/score.js';
import type { MessageKey, Translate } from '../src/i18n/index.js';
import { card, divider, markdown, note, type Tone } from './elements.js';
import type { Card, CardElement } from './types.js';

const TONE: Record<string, Tone> = { excellent: 'green', good: 'blue', pass: 'orange', poor: 'red' };

/** The score of one department and period as a card. */
export function buildScoreCard(t: Translate, dept: string, period: string, score: ScoreResult): Card {
  const noData = t('score.card.noData');
  const fmt = (n: number | null) => (n === null ? noData : String(n));
  const elements: CardElement[] = [
    markdown(
      score.total === null
        ? `**${noData}**`
        : t('score.card.total', { total: score.total, grade: t(`score.grade.${score.grade!}`) }),
    ),
  ];
  for (const part of score.parts) {
    elements.push(divider());
    elements.push(
      markdown(
        t('score.card.part', {
          name: t(`score.part.${part.key}`),
          weight: part.weight,
          rate: fmt(part.rate),
          points: fmt(part.points),
        }),
      ),
    );
    const subs = part.subs.map((s) =>
      t('score.card.sub', {
        name: t(`score.sub.${s.key}` as MessageKey),
        weight: s.weight,
        value: fmt(s.value),
      }),
    );
    elements.push(markdown(subs.join('\n')));
  }
  elements.push(note(t('score.card.redistributed')));
  const tone = score.grade ? (TONE[score.grade] ?? 'grey') : 'grey';
  return card(t('score.card.title', { dept, period }), tone, elements);
}
