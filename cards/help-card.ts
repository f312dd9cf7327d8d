import type { Translate } from '../src/i18n/index.js';
import { card, divider, markdown, note } from './elements.js';
import type { Card } from './types.js';

/** One line of the help card. */
export interface HelpEntry {
  usage: string;
  summary: string;
}

/** The /help card: the commands this reader may use, one line each. */
export function buildHelpCard(t: Translate, roles: string, entries: HelpEntry[]): Card {
  const lines = entries.map((e) => `**${escapeUsage(e.usage)}**\n${e.summary}`);
  return card(t('help.title'), 'blue', [
    markdown(t('help.intro')),
    divider(),
    markdown(lines.join('\n\n')),
    divider(),
    note(`${t('help.yourRoles', { roles })}\n${t('help.footer')}`),
  ]);
}

/** Details of one command family for `/help <command>`. */
export interface HelpDetail {
  usage: string;
  summary: string;
  aliases: string[];
  whoMay: string;
  example?: string;
}

/** The `/help <command>` card. */
export function buildHelpDetailCard(t: Translate, command: string, details: HelpDetail[]): Card {
  const blocks = details.map((d) => {
    const lines = [`**${escapeUsage(d.usage)}**`, d.summary];
    if (d.aliases.length > 0) lines.push(t('help.aliases', { aliases: d.aliases.join('、') }));
    lines.push(t('help.whoMay', { roles: d.whoMay }));
    if (d.example) lines.push(t('cmd.usageExample', { example: d.example }));
    return markdown(lines.join('\n'));
  });
  return card(t('help.detailTitle', { command: `/${command}` }), 'blue', blocks);
}

/** Usage strings contain <angle> placeholders that card markdown would treat as tags. */
function escapeUsage(usage: string): string {
  return usage.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
