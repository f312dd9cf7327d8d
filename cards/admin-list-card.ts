import type { Translate } from '../src/i18n/index.js';
import { card, escapeMarkdown, markdown } from './elements.js';
import type { Card } from './types.js';

/** One admin as listed. */
export interface AdminRow {
  name: string;
  /** From BOT_ADMINS (cannot be removed by command). */
  bootstrap: boolean;
}

/** The `/admin list` card. */
export function buildAdminListCard(t: Translate, rows: readonly AdminRow[]): Card {
  const lines = rows.map((r) =>
    r.bootstrap ? t('org.admin.bootstrapNote', { name: escapeMarkdown(r.name) }) : escapeMarkdown(r.name),
  );
  return card(t('org.admin.listTitle', { count: rows.length }), 'blue', [
    markdown(lines.join('\n') || t('org.none')),
  ]);
}
