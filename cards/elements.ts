import type { Card, CardElement } from './types.js';

/** Header colours used by this bot, by meaning. */
export type Tone = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'indigo';

/** A card shell: JSON 2.0, updatable for everyone (`update_multi`). */
export function card(title: string, tone: Tone, elements: CardElement[], subtitle?: string): Card {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: {
      title: { tag: 'plain_text', content: title },
      ...(subtitle ? { subtitle: { tag: 'plain_text' as const, content: subtitle } } : {}),
      template: tone,
    },
    body: { elements },
  };
}

/** Escapes characters that Feishu's card markdown would interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`[\]<>#|])/g, '\\$1');
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
