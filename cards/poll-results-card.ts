/** The results card: bars and percentages per option, turnout, the satisfaction index, breakdowns. */
import type { PollResults, SliceResult } from '../src/domain/poll-results.js';
import type { Translate } from '../src/i18n/index.js';
import { card, divider, escapeMarkdown, markdown } from './elements.js';
import type { Card, CardElement } from './types.js';

/** What the results card shows besides the results. */
export interface PollResultsCardData {
  id: string;
  question: string;
  final: boolean;
  weights: number[] | null;
  /** Display names of breakdown slices by id (chats and departments). */
  names: Map<string, string>;
}

const BAR_WIDTH = 10;

/** A text bar for a percentage, e.g. ██████░░░░. */
export function textBar(percent: number): string {
  const full = Math.round((percent / 100) * BAR_WIDTH);
  return '█'.repeat(full) + '░'.repeat(BAR_WIDTH - full);
}

function sliceLines(t: Translate, slices: SliceResult[], names: Map<string, string>, fallback: string): string[] {
  return slices.map((s) => {
    const name = s.id === null ? fallback : (names.get(s.id) ?? s.id);
    if (s.suppressed) return t('poll.results.sliceSuppressed', { name: escapeMarkdown(name) });
    const parts = s.options.map((o) => `${escapeMarkdown(o.label)} ${o.percent}%`);
    if (s.index !== null) parts.push(t('poll.results.sliceIndex', { index: s.index }));
    return t('poll.results.slice', { name: escapeMarkdown(name), count: s.respondents, detail: parts.join('，') });
  });
}

/** A bar chart of the votes per option (card `chart` component, a VChart spec). */
function chart(t: Translate, r: PollResults): CardElement {
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'bar',
      title: { text: t('poll.results.chartTitle') },
      data: { values: r.options.map((o) => ({ option: o.label, votes: o.count })) },
      xField: 'option',
      yField: 'votes',
      label: { visible: true },
    },
  };
}

/** The results card. */
export function buildPollResultsCard(t: Translate, d: PollResultsCardData, r: PollResults): Card {
  const title = t('poll.results.title', { id: d.id, question: d.question }) + t(d.final ? 'poll.results.final' : 'poll.results.live');
  const elements: CardElement[] = [
    markdown(t('poll.results.turnout', { voted: r.respondents, eligible: r.eligible, turnout: r.turnout })),
  ];
  if (r.index !== null && d.weights) {
    elements.push(
      markdown(t('poll.results.index', { index: r.index, w1: d.weights[0] ?? 0, w2: d.weights[1] ?? 0, w3: d.weights[2] ?? 0 })),
    );
  }
  if (r.respondents === 0) elements.push(markdown(t('poll.results.noVotes')));
  else {
    elements.push(
      markdown(
        r.options
          .map((o) =>
            t('poll.results.option', { label: escapeMarkdown(o.label), bar: textBar(o.percent), percent: o.percent, count: o.count }),
          )
          .join('\n'),
      ),
    );
    elements.push(chart(t, r));
  }
  if (r.byChat.length > 0) {
    elements.push(divider(), markdown(`**${t('poll.results.byChat')}**`));
    elements.push(markdown(sliceLines(t, r.byChat, d.names, t('poll.results.others')).join('\n')));
  }
  if (r.byDept.length > 0) {
    elements.push(divider(), markdown(`**${t('poll.results.byDept')}**`));
    elements.push(markdown(sliceLines(t, r.byDept, d.names, t('poll.results.others')).join('\n')));
  }
  return card(title, d.final ? 'green' : 'indigo', elements);
}
