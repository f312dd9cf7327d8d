import { z } from 'zod';
import { buildHelpCard, buildHelpDetailCard } from '../../cards/help-card.js';
import { mayUse } from '../domain/access.js';
import type { CommandInput, CommandRegistry } from './registry.js';
import { describeRoles } from './run-command.js';

const helpArgs = z.custom<CommandInput>().transform((input) => input.words[0]?.replace(/^[/／]/, ''));

/** `/help [command]` (帮助): the commands the sender may use, or one command's details. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['help'],
    aliases: ['帮助', '菜单'],
    summary: 'help.summary',
    usage: 'help.usageText',
    roles: 'everyone',
    args: helpArgs,
    async run(ctx, topic) {
      const { t } = ctx;
      const usable = registry.all().filter((s) => mayUse(ctx.actor.roles, s.roles));
      if (topic) {
        const lowered = topic.toLowerCase();
        const family = registry
          .all()
          .filter((s) => s.path[0] === lowered || s.aliases.some((a) => a.split(' ')[0] === topic));
        if (family.length > 0) {
          await ctx.reply.card(
            buildHelpDetailCard(
              t,
              family[0]!.path[0]!,
              family.map((s) => ({
                usage: t(s.usage),
                summary: t(s.summary),
                aliases: s.aliases,
                whoMay: describeRoles(t, s.roles),
                example: s.example ? t(s.example) : undefined,
              })),
            ),
          );
          return;
        }
      }
      const roles = describeRoles(
        t,
        ctx.actor.roles.filter((r) => r !== 'member' || ctx.actor.roles.length === 1),
      );
      await ctx.reply.card(
        buildHelpCard(
          t,
          roles,
          usable.map((s) => ({ usage: t(s.usage), summary: t(s.summary) })),
        ),
      );
    },
  });
}
