import { type Markup, stripMarks, userText } from '../../cards/escape.js';
import { catalog, type MessageKey } from './catalog.js';

export type { MessageKey } from './catalog.js';

/** The locales users can read; zh-CN is the default. */
export type Locale = 'zh-CN' | 'en-US';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/**
 * Values substituted into {placeholders}. A string is user text: it is marked (see
 * cards/escape.ts) and escaped by the sink for its output kind, so no caller can forget. Bot-built
 * markup — mentions from ids, lines rendered by another `t()` that carry formatting — goes in
 * wrapped with `markup()`.
 */
export type MessageParams = Record<string, string | number | Markup>;

function fill(value: string | number | Markup): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return userText(value);
  return value.markup;
}

/** Looks up a message and fills its placeholders; unknown placeholders stay visible. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template: string = catalog[key][locale] ?? catalog[key][DEFAULT_LOCALE];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : fill(value);
  });
}

/** A translator bound to one locale. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** Both locales of a message, in the shape Feishu's toast `i18n` expects. */
export function i18nPair(key: MessageKey, params: MessageParams = {}): { zh_cn: string; en_us: string } {
  return { zh_cn: stripMarks(t('zh-CN', key, params)), en_us: stripMarks(t('en-US', key, params)) };
}
