import { markup } from '../../cards/escape.js';
import type { EventContext } from '../dispatch/context.js';
import type { Role } from '../domain/access.js';
import { mayUse } from '../domain/access.js';
import { recordAudit } from '../domain/audit.js';
import type { Translate } from '../i18n/index.js';
import type { CommandRegistry, CommandSpec } from './registry.js';
import type { ParsedText } from './tokenize.js';

/** How a command attempt ended; returned for logs and tests. */
export type CommandOutcome =
  | 'ran'
  | 'not_command'
  | 'unknown'
  | 'usage'
  | 'forbidden'
  | 'wrong_place'
  | 'bad_quote';

/** Names roles in the reader's language, e.g. "管理员、分管领导". */
export function describeRoles(t: Translate, roles: readonly Role[] | 'everyone'): string {
  if (roles === 'everyone') return t('help.everyone');
  return roles.map((r) => t(`role.${r}`)).join(t('role.separator'));
}

/** The usage line of a command, with its example when it has one. */
export function usageText(t: Translate, spec: CommandSpec): string {
  const usage = t('cmd.usage', { usage: markup(t(spec.usage)) });
  return spec.example ? `${usage}\n${t('cmd.usageExample', { example: t(spec.example) })}` : usage;
}

/** Reads a parsed message as a command and runs it: match, role, place, arguments, run. */
export async function runCommand(
  ctx: EventContext,
  registry: CommandRegistry,
  parsed: ParsedText,
): Promise<CommandOutcome> {
  const { t } = ctx;
  if (parsed.kind === 'error') {
    await ctx.reply.text(t('cmd.unclosedQuote'));
    return 'bad_quote';
  }
  if (parsed.kind === 'empty') {
    await ctx.reply.text(t('cmd.notCommand'));
    return 'not_command';
  }
  const first = parsed.tokens[0];
  const looksLikeCommand = parsed.hadSlash || (first?.type === 'text' && registry.isCommandWord(first.value));
  if (!looksLikeCommand) {
    await ctx.reply.text(t('cmd.notCommand'));
    return 'not_command';
  }
  const match = registry.match(parsed.tokens);
  if (match.kind === 'unknown') {
    const suggestion = match.suggestion ? t('cmd.didYouMean', { command: `/${match.suggestion}` }) : '';
    await ctx.reply.text(t('cmd.unknown', { command: `/${match.typed}`, suggestion }));
    return 'unknown';
  }
  if (match.kind === 'family') {
    const usable = match.specs.filter((s) => mayUse(ctx.actor.roles, s.roles));
    const shown = usable.length > 0 ? usable : match.specs;
    await ctx.reply.text(
      t('cmd.usage', {
        usage: markup(
          shown
            .map((s) => t(s.usage))
            .filter(unique)
            .join('\n'),
        ),
      }),
    );
    return 'usage';
  }
  const { spec, input } = match;
  const name = `/${spec.path.join(' ')}`;
  if (!mayUse(ctx.actor.roles, spec.roles)) {
    ctx.log.warn({ command: name, actor: ctx.actor.openId, roles: ctx.actor.roles }, 'command refused: role');
    await recordAudit(
      {
        actor: ctx.actor.openId,
        action: `command:${name}`,
        outcome: 'refused',
        detail: 'role',
        eventId: ctx.eventId,
      },
      ctx.now(),
    );
    await ctx.reply.text(t('cmd.forbidden', { command: name, roles: describeRoles(t, spec.roles) }));
    return 'forbidden';
  }
  const where = spec.where ?? 'any';
  if (where !== 'any' && ctx.chat?.type !== where) {
    await ctx.reply.text(t(where === 'group' ? 'cmd.groupOnly' : 'cmd.p2pOnly', { command: name }));
    return 'wrong_place';
  }
  const args = spec.args.safeParse(input);
  if (!args.success) {
    const custom = args.error.issues.find((i) => i.message.startsWith('i18n:'));
    const text = custom ? t(custom.message.slice(5) as Parameters<Translate>[0]) : usageText(t, spec);
    await ctx.reply.text(text);
    return 'usage';
  }
  if (spec.logActor === false) {
    const log = ctx.logWithoutActor ?? ctx.log;
    log.info({ command: name }, 'command');
    await spec.run({ ...ctx, log }, args.data);
    return 'ran';
  }
  ctx.log.info({ command: name, actor: ctx.actor.openId }, 'command');
  await spec.run(ctx, args.data);
  return 'ran';
}

function unique(value: string, index: number, all: string[]): boolean {
  return all.indexOf(value) === index;
}
