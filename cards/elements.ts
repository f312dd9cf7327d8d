import { userText } from './escape.js';
import { renderCardUserText } from './render-card.js';
import type { Card, CardElement } from './types.js';

/** Header colours used by this bot, by meaning. */
export type Tone = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'indigo';

/**
 * A card shell: JSON 2.0, updatable for everyone (`update_multi`). User text marked in its
 * strings (see escape.ts) is escaped here for where it sits and capped to the size limit.
 */
export function card(title: string, tone: Tone, elements: CardElement[], subtitle?: string): Card {
  return renderCardUserText<Card>({
    schema: '2.0',
    config: { update_multi: true },
    header: {
      title: { tag: 'plain_text', content: title },
      ...(subtitle ? { subtitle: { tag: 'plain_text' as const, content: subtitle } } : {}),
      template: tone,
    },
    body: { elements },
  });
}

/**
 * Marks a user value shown in a card; {@link card} escapes it for markdown or plain text.
 * (Same as `userText`; kept under this name for the existing builders.)
 */
export function escapeMarkdown(text: string): string {
  return userText(text);
}

/** A markdown block. */
export function markdown(content: string): CardElement {
  return { tag: 'markdown', content };
}

/** A horizontal rule. */
export function divider(): CardElement {
  return { tag: 'hr' };
}

/** A small grey note line. */
export function note(content: string): CardElement {
  return { tag: 'markdown', content, text_size: 'notation' };
}

/** A button that calls back the bot with `value` (must include the action name `a`). */
export function callbackButton(
  text: string,
  value: Record<string, unknown>,
  type: 'primary' | 'default' | 'danger' = 'default',
): CardElement {
  return { tag: 'button', text: { tag: 'plain_text', content: text }, type, behaviors: [{ type: 'callback', value }] };
}
