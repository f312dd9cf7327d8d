import { z } from 'zod';
import {
  buildRoleDoneCard,
  buildRoleForm,
  ROLE_FORM_ACTION,
  ROLE_FORM_FIELDS,
} from '../../cards/role-cards.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { type AssignableRole, assignRole } from '../domain/roles.js';
import { actorMention, auditResult, refusalText } from './org-answer.js';
import { argsFrom, personAndDepartments } from './org-args.js';
import { departmentOptions } from './org-options.js';
import type { CommandRegistry } from './registry.js';

/** One role change as asked by a command or the form. */
interface RoleRequest {
  openId: string;
  /** The name from the mention, if any (used when the contact API does not answer). */
  nameHint: string;
  role: AssignableRole;
  departmentName?: string;
  departmentId?: string;
}

/** Applies a role change with the actor's checks, audits it and says what happened. */
async function changeRole(ctx: EventContext, req: RoleRequest): Promise<{ ok: boolean; text: string }> {
  const { t } = ctx;
  const target = await ctx.services.directory.ensurePerson(req.openId, { name: req.nameHint });
  const name = target.name || req.openId;
  const result = await assignRole(ctx.actor, {
    targetOpenId: req.openId,
    role: req.role,
    departmentName: req.departmentName,
    departmentId: req.departmentId,
  });
  await auditResult(ctx, `role.${req.role}`, req.openId, result);
  if (!result.ok) return { ok: false, text: refusalText(t, result) };
  if (!result.changed) return { ok: true, text: t('org.role.unchanged', { name }) };
  const department = result.value.department?.name ?? '';
  switch (req.role) {
    case 'leader':
      return { ok: true, text: t('org.role.leaderDone', { name, department }) };
    case 'supervisor':
      return { ok: true, text: t('org.role.supervisorDone', { name }) };
    case 'member':
      return {
        ok: true,
        text: department
          ? t('org.role.memberDone', { name, department })
          : t('org.role.memberDoneNoDept', { name }),
      };
  }
}

const SUBCOMMANDS: Array<{
  role: AssignableRole;
  aliases: string[];
  min: number;
  roles: Array<'admin' | 'leader'>;
}> = [
  { role: 'leader', aliases: ['角色 领导', '设为领导'], min: 1, roles: ['admin'] },
  { role: 'supervisor', aliases: ['角色 监督员', '设为监督员'], min: 0, roles: ['admin'] },
  { role: 'member', aliases: ['角色 成员', '设为成员'], min: 0, roles: ['admin', 'leader'] },
];

const missing = { error: 'i18n:org.role.formMissing' };

/** `/role leader|supervisor|member @user [部门]` and `/role` (a form) — 角色 领导 / 监督员 / 成员. */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['role'],
    aliases: ['角色'],
    summary: 'org.role.form.summary',
    usage: 'org.role.form.usage',
    roles: ['admin', 'leader'],
    args: argsFrom((input) =>
      input.words.length + input.mentions.length === 0 ? {} : 'i18n:org.role.usageAll',
    ),
    async run(ctx) {
      await ctx.reply.card(buildRoleForm(ctx.t, await departmentOptions(ctx.actor)));
    },
  });

  for (const sub of SUBCOMMANDS) {
    registry.add({
      path: ['role', sub.role],
      aliases: sub.aliases,
      summary: `org.role.${sub.role}.summary`,
      usage: `org.role.${sub.role}.usage`,
      example: `org.role.${sub.role}.example`,
      roles: sub.roles,
      args: personAndDepartments(sub.min, 1),
      async run(ctx, { person, departments }) {
        const { text } = await changeRole(ctx, {
          openId: person.openId,
          nameHint: person.name,
          role: sub.role,
          departmentName: departments[0],
        });
        await ctx.reply.text(text);
      },
    });
  }

  actions.add({
    name: ROLE_FORM_ACTION,
    roles: ['admin', 'leader'],
    input: z
      .object({
        value: z.record(z.string(), z.unknown()),
        formValue: z.object({
          [ROLE_FORM_FIELDS.person]: z.string(missing).regex(/^ou_[\w-]+$/, missing.error),
          [ROLE_FORM_FIELDS.role]: z.enum(['leader', 'supervisor', 'member'], missing),
          [ROLE_FORM_FIELDS.dept]: z.union([z.literal(''), z.string().regex(/^d_[\w-]+$/)]).optional(),
        }),
      })
      .transform(({ formValue }) => ({
        openId: formValue[ROLE_FORM_FIELDS.person],
        role: formValue[ROLE_FORM_FIELDS.role],
        departmentId: formValue[ROLE_FORM_FIELDS.dept] || undefined,
      })),
    async run(ctx, input) {
      const { ok, text } = await changeRole(ctx, { ...input, nameHint: '' });
      if (!ok) return { toast: { type: 'error', content: text } };
      return {
        toast: { type: 'success', content: text },
        card: buildRoleDoneCard(ctx.t, text, actorMention(ctx)),
      };
    },
  });
}
