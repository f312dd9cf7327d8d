import { z } from 'zod';
import { parseLocale } from '../domain/config-values.js';
import { setPersonLocale } from '../domain/person-locale.js';
import { type Locale, translator } from '../i18n/index.js';
import { localeName } from './config-text.js';
import type { CommandInput, CommandRegistry } from './registry.js';

const DEFAULT_WORDS = new Set(['默认', '跟随单位', '自动', 'default', 'auto', 'reset']);

/** Nothing (show the current language), a language, or `默认` / `default` (follow the agency). */
type LangArgs = { kind: 'show' } | { kind: 'set'; locale: Locale | null };

const langArgs = z.custom<CommandInput>().transform((input, zctx): LangArgs => {
  const word = input.rest.trim();
  if (input.mentions.length === 0 && word === '') return { kind: 'show' };
  if (input.mentions.length === 0 && DEFAULT_WORDS.has(word.toLowerCase()))
    return { kind: 'set', locale: null };
  const locale = input.mentions.length === 0 ? parseLocale(word) : undefined;
  if (locale) return { kind: 'set', locale };
  zctx.addIssue({ code: 'custom', message: 'i18n:lang.bad' });
  return z.NEVER;
});

/** `/lang 中文|English|默认` (语言): the language the bot uses with you. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['lang'],
    aliases: ['语言', '切换语言', 'language'],
    summary: 'lang.summary',
    usage: 'lang.usage',
    example: 'lang.example',
    roles: 'everyone',
    args: langArgs,
    async run(ctx, args) {
      const agency = (await ctx.services.settings()).locale;
      if (args.kind === 'show') {
        const own = ctx.actor.locale;
        await ctx.reply.text(
          ctx.t(own ? 'lang.currentOwn' : 'lang.currentAgency', {
            language: localeName(ctx.t, own ?? agency),
          }),
        );
        return;
      }
      await setPersonLocale(ctx.actor.openId, args.locale);
      const t = translator(args.locale ?? agency);
      await ctx.reply.text(
        args.locale ? t('lang.set') : t('lang.reset', { language: localeName(t, agency) }),
      );
    },
  });
}
