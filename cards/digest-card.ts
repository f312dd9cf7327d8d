/** The leaders' digest card: one block per department, a chart of tasks closed, the ranking for admins. */
import type { DeptDigest } from '../src/domain/digest.js';
import type { Translate } from '../src/i18n/index.js';
import { card, divider, escapeMarkdown, markdown } from './elements.js';
import type { Card, CardElement } from './types.js';

function block(t: Translate, d: DeptDigest): string {
  const pct = (n: number | null) => (n === null ? t('digest.card.noData') : `${n}%`);
  const plain = (n: number | null) => (n === null ? t('digest.card.noData') : String(n));
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
      awareness: pct(d.awareness),
      participation: pct(d.participation),
      satisfaction: plain(d.satisfaction),
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
