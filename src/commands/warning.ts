/** `/warning list` (预警): active early warnings; admins and supervisors see all, leaders their departments. */
import type { EventContext } from '../dispatch/context.js';
import { listDepartments } from '../domain/departments.js';
import { listActiveWarnings } from '../domain/warnings-episodes.js';
import { zonedDayKey } from '../time/zoned.js';
import { noArgs } from './org-args.js';
import type { CommandRegistry } from './registry.js';

async function list(ctx: EventContext): Promise<void> {
  const { t, actor } = ctx;
  const all = actor.roles.includes('admin') || actor.roles.includes('supervisor');
  const warnings = await listActiveWarnings(all ? undefined : actor.leads);
  if (warnings.length === 0) return ctx.reply.text(t('warning.list.empty'));
  const names = new Map((await listDepartments()).map((d) => [d.id, d.name]));
  const { timezone } = await ctx.services.settings();
  const lines = warnings.map((w) =>
    t('warning.list.item', {
      dept: names.get(w.deptId) ?? w.deptId,
      rule: t(`warning.rule.${w.rule}`),
      detail: t(`warning.detail.${w.rule}`, { value: String(w.value ?? '') }),
      since: zonedDayKey(w.since, timezone),
    }),
  );
  await ctx.reply.text([t('warning.list.title', { count: warnings.length }), ...lines].join('\n'));
}

/** Adds /warning list. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['warning', 'list'],
    aliases: ['预警', '预警列表'],
    summary: 'warning.list.summary',
    usage: 'warning.list.usage',
    roles: ['admin', 'leader', 'supervisor'],
    args: noArgs,
    run: list,
  });
}
