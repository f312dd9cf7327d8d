import type { Translate } from '../src/i18n/index.js';
import { card, divider, escapeMarkdown, markdown, note } from './elements.js';
import { cardSize, PLEDGE_CARD_MAX_BYTES } from './pledge-card.js';
import type { Card, CardElement } from './types.js';

/** Names shown per department before "等 N 人". */
const NAMES_PER_GROUP = 40;

/** Pending signers of one department. */
export interface PendingGroup {
  department: string;
  names: string[];
}

/** What the progress card shows (names and times already formatted). */
export interface PledgeProgressData {
  id: string;
  title: string;
  kindLabel: string;
  version: number;
  hash: string;
  deadline: string;
  overdue: boolean;
  leaderName: string | null;
  signed: number;
  total: number;
  /** Signers whose only signature is on an older version. */
  old: number;
  pending: PendingGroup[];
  updatedAt: string;
  closed: boolean;
  /** Only the viewer's departments are counted and named. */
  scoped?: boolean;
}

function groupLine(t: Translate, g: PendingGroup, limit: number): string {
  const shown = g.names.slice(0, limit).map(escapeMarkdown).join(t('role.separator'));
  const more = g.names.length > limit ? t('pledge.progress.more', { count: g.names.length - limit }) : '';
  return t('pledge.progress.group', {
    department: escapeMarkdown(g.department),
    count: g.names.length,
    names: shown + more,
  });
}

/** The progress card for admins, leaders and supervisors: signed / total, who is pending by department. */
export function buildPledgeProgressCard(t: Translate, data: PledgeProgressData): Card {
  const percent = data.total === 0 ? 0 : Math.floor((data.signed / data.total) * 100);
  const facts = [
    t('pledge.card.kind', { kind: data.kindLabel }),
    t(data.overdue ? 'pledge.progress.deadlineOverdue' : 'pledge.card.deadline', { deadline: data.deadline }),
    t('pledge.card.version', { version: data.version, hash: data.hash.slice(0, 16) }),
  ];
  if (data.leaderName) facts.push(t('pledge.progress.leader', { name: escapeMarkdown(data.leaderName) }));
  const summary = [t('pledge.progress.count', { signed: data.signed, total: data.total, percent })];
  if (data.old > 0) summary.push(t('pledge.progress.old', { count: data.old }));
  if (data.scoped) summary.push(t('pledge.progress.scoped'));
  if (data.closed) summary.push(t('pledge.progress.closed'));
  const build = (limit: number): Card => {
    const elements: CardElement[] = [markdown(facts.join('\n')), markdown(summary.join('\n')), divider()];
    elements.push(
      markdown(
        data.pending.length === 0
          ? t('pledge.progress.allSigned')
          : `${t('pledge.progress.pendingTitle')}\n${data.pending.map((g) => groupLine(t, g, limit)).join('\n')}`,
      ),
    );
    elements.push(note(t('pledge.progress.footer', { id: data.id, at: data.updatedAt })));
    const tone = data.closed ? 'grey' : data.signed === data.total ? 'green' : data.overdue ? 'red' : 'blue';
    return card(t('pledge.progress.title', { title: data.title }), tone, elements);
  };
  let limit = NAMES_PER_GROUP;
  let built = build(limit);
  while (cardSize(built) > PLEDGE_CARD_MAX_BYTES && limit > 1) {
    limit = Math.floor(limit / 2);
    built = build(limit);
  }
  return built;
}
