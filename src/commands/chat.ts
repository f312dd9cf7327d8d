import { z } from 'zod';
import { buildChatBindForm, buildChatBoundCard, CHAT_BIND_ACTION } from '../../cards/chat-bind-card.js';
import { card, markdown } from '../../cards/elements.js';
import type { ActionRegistry } from '../actions/registry.js';
import { bindChat, type BindResult, listBoundChats } from '../domain/chats.js';
import type { EventContext } from '../dispatch/context.js';
import type { CommandInput, CommandRegistry } from './registry.js';

/** A department name as typed: 1–40 characters, no @ or line breaks. */
export const departmentName = z
  .string()
  .trim()
  .min(1, 'i18n:chat.departmentInvalid')
  .max(40, 'i18n:chat.departmentInvalid')
  .refine((v) => !/[@\n\r]/.test(v), 'i18n:chat.departmentInvalid');

const bindArgs = z
  .custom<CommandInput>()
  .refine((input) => input.mentions.length === 0, 'i18n:chat.departmentInvalid')
  .transform((input) => input.rest)
  .pipe(z.union([z.literal(''), departmentName]));

async function answerBind(ctx: EventContext, result: BindResult, department: string): Promise<string> {
  switch (result.kind) {
    case 'bound':
      return ctx.t('chat.bound', { department });
    case 'rebound':
      return ctx.t('chat.rebound', { department, previous: result.previous });
    case 'unchanged':
      return ctx.t('chat.alreadyBound', { department });
  }
}

/** `/chat bind <部门>` and `/chat list` (群聊 绑定 / 群聊 列表). */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['chat', 'bind'],
    aliases: ['群聊 绑定', '绑定群', '绑定本群'],
    summary: 'chat.bind.summary',
    usage: 'chat.bind.usage',
    example: 'chat.bind.example',
    roles: ['admin'],
    where: 'group',
    args: bindArgs,
    async run(ctx, department) {
      const chatId = ctx.chat!.id;
      if (department === '') {
        await ctx.reply.card(buildChatBindForm(ctx.t, chatId));
        return;
      }
      const result = await bindChat(chatId, department, ctx.actor.openId, ctx.now());
      await ctx.reply.text(await answerBind(ctx, result, department));
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
      const lines = chats.map((c) =>
        ctx.t('chat.listItem', { name: c.name || c.chatId, department: c.department ?? '' }),
      );
      await ctx.reply.card(
        card(ctx.t('chat.listTitle', { count: chats.length }), 'blue', [markdown(lines.join('\n'))]),
      );
    },
  });

  actions.add({
    name: CHAT_BIND_ACTION,
    roles: ['admin'],
    input: z
      .object({
        value: z.object({ chatId: z.string().regex(/^oc_[\w-]+$/) }),
        formValue: z.object({ department: departmentName }),
      })
      .transform((v) => ({ chatId: v.value.chatId, department: v.formValue.department })),
    async run(ctx, { chatId, department }) {
      const result = await bindChat(chatId, department, ctx.actor.openId, ctx.now());
      return {
        toast: { type: 'success', content: await answerBind(ctx, result, department) },
        card: buildChatBoundCard(ctx.t, department, `<at id=${ctx.actor.openId}></at>`),
      };
    },
  });
}
