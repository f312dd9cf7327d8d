import { catalog, type MessageKey } from './catalog.js';

export type { MessageKey } from './catalog.js';

/** The locales users can read; zh-CN is the default. */
export type Locale = 'zh-CN' | 'en-US';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Values substituted into {placeholders}. */
export type MessageParams = Record<string, string | number>;

/** Looks up a message and fills its placeholders; unknown placeholders stay visible. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template: string = catalog[key][locale] ?? catalog[key][DEFAULT_LOCALE];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translator bound to one locale. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** Both locales of a message, in the shape Feishu's toast `i18n` expects. */
export function i18nPair(key: MessageKey, params: MessageParams = {}): { zh_cn: string; en_us: string } {
  return { zh_cn: t('zh-CN', key, params), en_us: t('en-US', key, params) };
}
