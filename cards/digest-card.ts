/**
 * The leaders' digest card: one block per department (the perception figures with their change
 * from last week), a chart of tasks closed, the ranking for admins.
 */
import type { DeptDigest } from '../src/domain/digest.js';
import type { Translate } from '../src/i18n/index.js';
import { card, divider, escapeMarkdown, markdown } from './elements.js';
import type { Card, CardElement } from './types.js';

/**
 * A figure with its change from last week in points, e.g. `82%（↑5）`; `—` for the change when
 * either week has no data, and `—` alone when neither has.
 */
export function withChange(t: Translate, now: number | null, before: number | null, unit: '%' | ''): string {
  if (now === null && before === null) return '—';
  const value = now === null ? t('digest.card.noData') : `${now}${unit}`;
  let change = '—';
  if (now !== null && before !== null) {
    const delta = Math.round((now - before) * 10) / 10;
    change =
      delta === 0
        ? t('digest.card.flat')
        : t(delta > 0 ? 'digest.card.up' : 'digest.card.down', { delta: Math.abs(delta) });
  }
  return t('digest.card.withChange', { value, change });
}

function block(t: Translate, d: DeptDigest): string {
  const pct = (n: number | null) => (n === null ? t('digest.card.noData') : `${n}%`);
  const more = (shown: number, total: number) => (total > shown ? t('digest.card.more') : '');
  const lines = [
    t('digest.card.dept', { name: escapeMarkdown(d.name) }),
    t('digest.card.tasks', {
      created: d.week.created,
      prevCreated: d.previous.created,
      closed: d.week.closed,
      prevClosed: d.previous.closed,
      onTime: pct(d.week.onTimeRate),
      prevOnTime: pct(d.previous.onTimeRate),
    }),
    d.overdueCount === 0
      ? t('digest.card.noOverdue')
      : t('digest.card.overdue', {
          count: d.overdueCount,
          titles:
            d.overdue.map((o) => `${escapeMarkdown(o.title)}（${o.id}）`).join('、') +
            more(d.overdue.length, d.overdueCount),
        }),
    t('digest.card.sign', {
      rate: pct(d.signRate),
      count: d.pendingCount,
      names:
        d.pendingSigners.length > 0
          ? `：${d.pendingSigners.map(escapeMarkdown).join('、')}${more(d.pendingSigners.length, d.pendingCount)}`
          : '',
    }),
    t('digest.card.perception', {
      awareness: withChange(t, d.awareness, d.lastWeek.awareness, '%'),
      participation: withChange(t, d.participation, d.lastWeek.participation, '%'),
      satisfaction: withChange(t, d.satisfaction, d.lastWeek.satisfaction, ''),
      accuracy: withChange(t, d.quizAccuracy, d.lastWeek.quizAccuracy, '%'),
    }),
  ];
  return lines.join('\n');
}

function chart(t: Translate, digests: readonly DeptDigest[]): CardElement {
  const values = digests.flatMap((d) => [
    { dept: d.name, week: t('digest.card.thisWeek'), closed: d.week.closed },
    { dept: d.name, week: t('digest.card.lastWeek'), closed: d.previous.closed },
  ]);
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'bar',
      title: { text: t('digest.card.chartTitle') },
      data: { values },
      xField: ['dept', 'week'],
      yField: 'closed',
      seriesField: 'week',
      legends: { visible: true },
    },
  };
}

/** The digest card; `ranking` (admins) lists the departments by score. */
export function buildDigestCard(
  t: Translate,
  range: { from: string; to: string },
  digests: readonly DeptDigest[],
  ranking?: { period: string; lines: string[] },
): Card {
  const elements: CardElement[] = [];
  for (const d of digests) {
    if (elements.length > 0) elements.push(divider());
    elements.push(markdown(block(t, d)));
  }
  if (digests.length > 0) elements.push(chart(t, digests));
  if (ranking) {
    elements.push(divider());
    elements.push(
      markdown([t('digest.card.ranking', { period: ranking.period }), ...ranking.lines].join('\n')),
    );
  }
  return card(t('digest.card.title', range), 'indigo', elements);
}
