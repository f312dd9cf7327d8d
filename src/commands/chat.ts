import { z } from 'zod';
import {
  buildChatBindForm,
  buildChatBoundCard,
  CHAT_BIND_ACTION,
  CHAT_BIND_FIELD,
} from '../../cards/chat-bind-card.js';
import { card, escapeMarkdown, markdown } from '../../cards/elements.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { bindChat, listBoundChats } from '../domain/chats.js';
import { listDepartments } from '../domain/departments.js';
import { actorMention, auditResult, refusalText } from './org-answer.js';
import { argsFrom, checkDepartmentNames } from './org-args.js';
import { departmentOptions } from './org-options.js';
import type { CommandInput, CommandRegistry } from './registry.js';

export { departmentName } from './org-args.js';

const bindArgs = argsFrom((input) => {
  if (input.mentions.length > 0) return 'i18n:org.dept.nameInvalid';
  if (input.words.length === 0) return { name: '' };
  const name = input.rest.trim();
  return checkDepartmentNames([name]) ?? { name };
});

/** Binds the chat with the actor's checks, audits it and says what happened. */
async function bind(
  ctx: EventContext,
  chatId: string,
  ref: { departmentName?: string; deptId?: string },
): Promise<{ ok: boolean; text: string; department?: string }> {
  const { t } = ctx;
  const result = await bindChat(ctx.actor, { chatId, ...ref }, ctx.now());
  await auditResult(ctx, 'chat.bind', chatId, result);
  if (!result.ok) return { ok: false, text: refusalText(t, result) };
  const { department, previous } = result.value;
  const name = department.name;
  if (!result.changed)
    return { ok: true, text: t('chat.alreadyBound', { department: name }), department: name };
  if (previous && previous.id !== department.id) {
    return {
      ok: true,
      text: t('chat.rebound', { department: name, previous: previous.name }),
      department: name,
    };
  }
  return { ok: true, text: t('chat.bound', { department: name }), department: name };
}

/** `/chat bind <部门>` and `/chat list` (群聊 绑定 / 群聊 列表). */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['chat', 'bind'],
    aliases: ['群聊 绑定', '绑定群', '绑定本群'],
    summary: 'chat.bind.summary',
    usage: 'chat.bind.usage',
    example: 'chat.bind.example',
    roles: ['admin', 'leader'],
    where: 'group',
    args: bindArgs,
    async run(ctx, { name }) {
      const chatId = ctx.chat!.id;
      if (name === '') {
        const options = await departmentOptions(ctx.actor);
        if (options.length === 0) await ctx.reply.text(ctx.t('org.chat.noDepartments'));
        else await ctx.reply.card(buildChatBindForm(ctx.t, chatId, options));
        return;
      }
      await ctx.reply.text((await bind(ctx, chatId, { departmentName: name })).text);
    },
  });

  registry.add({
    path: ['chat', 'list'],
    aliases: ['群聊 列表', '群列表'],
    summary: 'chat.list.summary',
    usage: 'chat.list.usage',
    roles: ['admin', 'leader', 'supervisor'],
    args: z.custom<CommandInput>(),
    async run(ctx) {
      const chats = await listBoundChats();
      if (chats.length === 0) {
        await ctx.reply.text(ctx.t('chat.listEmpty'));
        return;
      }
      const names = new Map((await listDepartments()).map((d) => [d.id, d.name]));
      const lines = chats.map((c) =>
        ctx.t('org.chat.listItem', {
          name: escapeMarkdown(c.name || c.chatId),
          department: escapeMarkdown(names.get(c.deptId ?? '') ?? ''),
        }),
      );
      await ctx.reply.card(
        card(ctx.t('chat.listTitle', { count: chats.length }), 'blue', [markdown(lines.join('\n'))]),
      );
    },
  });

  actions.add({
    name: CHAT_BIND_ACTION,
    roles: ['admin', 'leader'],
    input: z
      .object({
        value: z.object({ chatId: z.string().regex(/^oc_[\w-]+$/) }),
        formValue: z.object({
          [CHAT_BIND_FIELD]: z.string().regex(/^d_[\w-]+$/, 'i18n:org.chat.formMissing'),
        }),
      })
      .transform((v) => ({ chatId: v.value.chatId, deptId: v.formValue[CHAT_BIND_FIELD] })),
    async run(ctx, { chatId, deptId }) {
      const result = await bind(ctx, chatId, { deptId });
      if (!result.ok) return { toast: { type: 'error', content: result.text } };
      return {
        toast: { type: 'success', content: result.text },
        card: buildChatBoundCard(ctx.t, result.department ?? '', actorMention(ctx)),
      };
    },
  });
}
