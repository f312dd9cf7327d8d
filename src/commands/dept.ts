import { z } from 'zod';
import {
  buildDeptAddedCard,
  buildDeptAddForm,
  buildDeptListCard,
  buildDeptMembersCard,
  buildDeptTreeCard,
  DEPT_ADD_ACTION,
  DEPT_FORM_FIELDS,
} from '../../cards/dept-cards.js';
import { escapeMarkdown } from '../../cards/elements.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { listBoundChats } from '../domain/chats.js';
import {
  addDepartment,
  buildTree,
  countMembersByDepartment,
  departmentPath,
  findDepartmentByName,
  listDepartments,
  moveDepartment,
  removeDepartment,
  renameDepartment,
  renderTree,
} from '../domain/departments.js';
import { listLeadersOf, listPeopleInDepartment } from '../domain/people.js';
import { actorMention, auditResult, refusalText } from './org-answer.js';
import { departmentName, departmentNames, noArgs } from './org-args.js';
import { departmentOptions } from './org-options.js';
import type { CommandRegistry } from './registry.js';

const MANAGERS = ['admin', 'leader'] as const;
const VIEWERS = ['admin', 'leader', 'supervisor'] as const;
/** Words that mean "no parent" in `/dept move <名称> 无`. */
const TOP_WORDS = new Set(['无', '顶级', 'none', '-']);

/** Adds a department as asked by the command or the form; returns whether it worked and the answer. */
async function add(
  ctx: EventContext,
  input: { name: string; parentName?: string; parentId?: string },
): Promise<{ ok: boolean; text: string }> {
  const result = await addDepartment(ctx.actor, input);
  await auditResult(ctx, 'dept.add', input.name, result);
  if (!result.ok) return { ok: false, text: refusalText(ctx.t, result) };
  const dept = result.value;
  if (!dept.parentId) return { ok: true, text: ctx.t('org.dept.addedTop', { name: dept.name }) };
  const all = await listDepartments();
  const parent = all.find((d) => d.id === dept.parentId);
  const path = parent ? departmentPath(parent, all).join(' / ') : '';
  return { ok: true, text: ctx.t('org.dept.added', { name: dept.name, parent: path }) };
}

/** `/dept add|rename|remove|move|list|tree|members` (部门 添加 / 改名 / 删除 / 移动 / 列表 / 树 / 成员). */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['dept', 'add'],
    aliases: ['部门 添加', '部门 新增', '添加部门'],
    summary: 'org.dept.add.summary',
    usage: 'org.dept.add.usage',
    example: 'org.dept.add.example',
    roles: MANAGERS,
    args: departmentNames(0, 2),
    async run(ctx, [name, parentName]) {
      if (!name) {
        await ctx.reply.card(buildDeptAddForm(ctx.t, await departmentOptions(ctx.actor)));
        return;
      }
      await ctx.reply.text((await add(ctx, { name, parentName })).text);
    },
  });

  registry.add({
    path: ['dept', 'rename'],
    aliases: ['部门 改名', '部门 重命名'],
    summary: 'org.dept.rename.summary',
    usage: 'org.dept.rename.usage',
    example: 'org.dept.rename.example',
    roles: MANAGERS,
    args: departmentNames(2, 2),
    async run(ctx, [name, newName]) {
      const result = await renameDepartment(ctx.actor, { name: name!, newName: newName! });
      await auditResult(ctx, 'dept.rename', name!, result);
      if (!result.ok) await ctx.reply.text(refusalText(ctx.t, result));
      else if (!result.changed) await ctx.reply.text(ctx.t('org.dept.renameUnchanged'));
      else await ctx.reply.text(ctx.t('org.dept.renamed', { old: name!, name: result.value.name }));
    },
  });

  registry.add({
    path: ['dept', 'remove'],
    aliases: ['部门 删除', '删除部门'],
    summary: 'org.dept.remove.summary',
    usage: 'org.dept.remove.usage',
    example: 'org.dept.remove.example',
    roles: MANAGERS,
    args: departmentNames(1, 1),
    async run(ctx, [name]) {
      const result = await removeDepartment(ctx.actor, { name: name! });
      await auditResult(ctx, 'dept.remove', name!, result);
      await ctx.reply.text(
        result.ok ? ctx.t('org.dept.removed', { name: result.value.name }) : refusalText(ctx.t, result),
      );
    },
  });

  registry.add({
    path: ['dept', 'move'],
    aliases: ['部门 移动'],
    summary: 'org.dept.move.summary',
    usage: 'org.dept.move.usage',
    example: 'org.dept.move.example',
    roles: MANAGERS,
    args: departmentNames(2, 2),
    async run(ctx, [name, parent]) {
      const parentName = TOP_WORDS.has(parent!.toLowerCase()) ? undefined : parent;
      const result = await moveDepartment(ctx.actor, { name: name!, parentName });
      await auditResult(ctx, 'dept.move', name!, result);
      const { t } = ctx;
      if (!result.ok) await ctx.reply.text(refusalText(t, result));
      else if (!result.changed)
        await ctx.reply.text(t('org.dept.moveUnchanged', { name: result.value.name }));
      else if (!parentName) await ctx.reply.text(t('org.dept.movedTop', { name: result.value.name }));
      else await ctx.reply.text(t('org.dept.moved', { name: result.value.name, parent: parentName }));
    },
  });

  registry.add({
    path: ['dept', 'list'],
    aliases: ['部门 列表', '部门列表'],
    summary: 'org.dept.list.summary',
    usage: 'org.dept.list.usage',
    roles: VIEWERS,
    args: noArgs,
    async run(ctx) {
      const all = await listDepartments();
      if (all.length === 0) {
        await ctx.reply.text(ctx.t('org.dept.empty'));
        return;
      }
      const counts = await countMembersByDepartment();
      const rows = all
        .map((d) => ({ path: departmentPath(d, all), members: counts.get(d.id) ?? 0 }))
        .sort((a, b) => a.path.join('/').localeCompare(b.path.join('/'), 'zh-CN'));
      await ctx.reply.card(buildDeptListCard(ctx.t, rows));
    },
  });

  registry.add({
    path: ['dept', 'tree'],
    aliases: ['部门 树', '部门 结构', '组织架构'],
    summary: 'org.dept.tree.summary',
    usage: 'org.dept.tree.usage',
    roles: VIEWERS,
    args: noArgs,
    async run(ctx) {
      const all = await listDepartments();
      if (all.length === 0) {
        await ctx.reply.text(ctx.t('org.dept.empty'));
        return;
      }
      const counts = await countMembersByDepartment();
      const lines = renderTree(buildTree(all), (d) =>
        ctx.t('org.dept.treeItem', { name: escapeMarkdown(d.name), members: counts.get(d.id) ?? 0 }),
      );
      await ctx.reply.card(buildDeptTreeCard(ctx.t, lines));
    },
  });

  registry.add({
    path: ['dept', 'members'],
    aliases: ['部门 成员', '部门成员'],
    summary: 'org.dept.members.summary',
    usage: 'org.dept.members.usage',
    example: 'org.dept.members.example',
    roles: VIEWERS,
    args: departmentNames(1, 1),
    async run(ctx, [name]) {
      const dept = await findDepartmentByName(name!);
      if (!dept) {
        await ctx.reply.text(ctx.t('org.refusal.dept_not_found', { name: name! }));
        return;
      }
      const [all, leaders, members, chats] = await Promise.all([
        listDepartments(),
        listLeadersOf(dept.id),
        listPeopleInDepartment(dept.id),
        listBoundChats(dept.id),
      ]);
      const label = (p: { name: string; openId: string }) => p.name || p.openId;
      await ctx.reply.card(
        buildDeptMembersCard(ctx.t, {
          name: dept.name,
          path: departmentPath(dept, all),
          leaders: leaders.map(label),
          members: members.map(label),
          chats: chats.map((c) => c.name || c.chatId),
        }),
      );
    },
  });

  actions.add({
    name: DEPT_ADD_ACTION,
    roles: MANAGERS,
    input: z
      .object({
        value: z.record(z.string(), z.unknown()),
        formValue: z.object({
          [DEPT_FORM_FIELDS.name]: departmentName,
          [DEPT_FORM_FIELDS.parent]: z.union([z.literal(''), z.string().regex(/^d_[\w-]+$/)]).optional(),
        }),
      })
      .transform(({ formValue }) => ({
        name: formValue[DEPT_FORM_FIELDS.name],
        parentId: formValue[DEPT_FORM_FIELDS.parent] || undefined,
      })),
    async run(ctx, input) {
      const { ok, text } = await add(ctx, input);
      if (!ok) return { toast: { type: 'error', content: text } };
      return {
        toast: { type: 'success', content: text },
        card: buildDeptAddedCard(ctx.t, text, actorMention(ctx)),
      };
    },
  });
}
