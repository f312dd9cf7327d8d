import { buildWhoamiCard } from '../../cards/whoami-card.js';
import { departmentPath, listDepartments } from '../domain/departments.js';
import type { MessageKey } from '../i18n/index.js';
import { noArgs } from './org-args.js';
import type { CommandRegistry } from './registry.js';
import { describeRoles } from './run-command.js';

/** `/whoami` (我是谁): the sender's name, department with its path, roles, led departments, language. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['whoami'],
    aliases: ['我是谁', '我的信息'],
    summary: 'org.whoami.summary',
    usage: 'org.whoami.usage',
    roles: 'everyone',
    args: noArgs,
    async run(ctx) {
      const { t, actor } = ctx;
      const person = await ctx.services.directory.ensurePerson(actor.openId, { name: actor.name });
      const all = await listDepartments();
      const dept = person.deptId ? all.find((d) => d.id === person.deptId) : undefined;
      const heads = person.leads.flatMap((id) => all.filter((d) => d.id === id)).map((d) => d.name);
      const shown = actor.roles.filter((r) => r !== 'member' || actor.roles.length === 1);
      await ctx.reply.card(
        buildWhoamiCard(t, {
          name: person.name || actor.openId,
          departmentPath: dept ? departmentPath(dept, all) : null,
          roles: describeRoles(t, shown),
          leads: heads,
          language: t(`org.lang.${ctx.locale}` satisfies MessageKey),
          languageIsDefault: person.locale === null,
        }),
      );
    },
  });
}
