import type { Translate } from '../src/i18n/index.js';
import { card, escapeMarkdown, markdown } from './elements.js';
import type { Card } from './types.js';

/** What `/whoami` shows, already in the reader's words. */
export interface WhoamiView {
  name: string;
  /** Department path from the top, or null when unassigned. */
  departmentPath: string[] | null;
  roles: string;
  leads: string[];
  language: string;
  /** True when the language is the agency's default rather than the person's own choice. */
  languageIsDefault: boolean;
}

/** The `/whoami` card. */
export function buildWhoamiCard(t: Translate, v: WhoamiView): Card {
  const lines = [
    t('org.whoami.name', { name: escapeMarkdown(v.name) }),
    v.departmentPath
      ? t('org.whoami.department', { path: v.departmentPath.map(escapeMarkdown).join(' / ') })
      : t('org.whoami.noDepartment'),
    t('org.whoami.roles', { roles: v.roles }),
    t('org.whoami.leads', {
      names: v.leads.length > 0 ? v.leads.map(escapeMarkdown).join('、') : t('org.none'),
    }),
    t(v.languageIsDefault ? 'org.whoami.languageDefault' : 'org.whoami.language', { language: v.language }),
  ];
  return card(t('org.whoami.title'), 'blue', [markdown(lines.join('\n'))]);
}
