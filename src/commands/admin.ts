import { buildAdminListCard } from '../../cards/admin-list-card.js';
import { addAdmin, listAdmins, removeAdmin } from '../domain/roles.js';
import { auditResult, refusalText } from './org-answer.js';
import { noArgs, personAndDepartments } from './org-args.js';
import type { CommandRegistry } from './registry.js';

/** `/admin add|remove @user` and `/admin list` (管理员 添加 / 移除 / 列表). */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['admin', 'add'],
    aliases: ['管理员 添加', '添加管理员'],
    summary: 'org.admin.add.summary',
    usage: 'org.admin.add.usage',
    example: 'org.admin.add.example',
    roles: ['admin'],
    args: personAndDepartments(0, 0),
    async run(ctx, { person }) {
      const { directory } = ctx.services;
      const target = await directory.ensurePerson(person.openId, { name: person.name });
      const name = target.name || person.name || person.openId;
      const result = await addAdmin(target.openId, directory.bootstrapAdmins);
      await auditResult(ctx, 'admin.add', target.openId, result);
      if (!result.ok) await ctx.reply.text(refusalText(ctx.t, result));
      else await ctx.reply.text(ctx.t(result.changed ? 'org.admin.added' : 'org.admin.already', { name }));
    },
  });

  registry.add({
    path: ['admin', 'remove'],
    aliases: ['管理员 移除', '管理员 删除', '移除管理员'],
    summary: 'org.admin.remove.summary',
    usage: 'org.admin.remove.usage',
    example: 'org.admin.remove.example',
    roles: ['admin'],
    args: personAndDepartments(0, 0),
    async run(ctx, { person }) {
      const { directory } = ctx.services;
      const result = await removeAdmin(person.openId, directory.bootstrapAdmins);
      await auditResult(ctx, 'admin.remove', person.openId, result);
      if (!result.ok) {
        await ctx.reply.text(refusalText(ctx.t, result));
        return;
      }
      const name = person.name || (await directory.displayName(person.openId));
      await ctx.reply.text(ctx.t('org.admin.removed', { name }));
    },
  });

  registry.add({
    path: ['admin', 'list'],
    aliases: ['管理员 列表', '管理员列表'],
    summary: 'org.admin.list.summary',
    usage: 'org.admin.list.usage',
    roles: 'everyone',
    args: noArgs,
    async run(ctx) {
      const { directory } = ctx.services;
      const admins = await listAdmins(directory.bootstrapAdmins);
      const unnamed = admins.filter((a) => !a.name).map((a) => a.openId);
      const names = unnamed.length > 0 ? await directory.displayNames(unnamed) : new Map<string, string>();
      const rows = admins.map((a) => ({
        name: a.name || names.get(a.openId) || a.openId,
        bootstrap: a.bootstrap,
      }));
      await ctx.reply.card(buildAdminListCard(ctx.t, rows));
    },
  });
}
