import { buildTaskForm } from '../../cards/task-form-card.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { targetableChats, targetsEverything } from '../domain/target-scope.js';
import type { CreateTaskInput } from '../domain/tasks.js';
import { parseZonedDateTime } from '../time/parse-datetime.js';
import { dateErrorText } from './date-error.js';
import { argsFrom } from './org-args.js';
import type { CommandRegistry } from './registry.js';
import { commandSourceKey } from './source-key.js';
import { registerTaskActions } from './task-actions.js';
import { readTaskAdd } from './task-args.js';
import { createAndPublish } from './task-create.js';
import { registerTaskManage } from './task-manage.js';

/** Reads the `/task add` text form into a create input, or the Chinese message saying what to type. */
async function readAddCommand(ctx: EventContext, args: ReturnType<typeof readTaskAdd>) {
  const { t } = ctx;
  if (args.unknownPerson !== undefined) return t('task.err.ownerUnknown', { name: args.unknownPerson });
  if (args.title === '') return t('task.err.titleMissing');
  if (args.owners.length === 0) return t('task.err.ownerMissing');
  if (!args.hasDeadline || args.deadline === '') return t('task.err.deadlineMissing');
  const { timezone } = await ctx.services.settings();
  const parsed = parseZonedDateTime(args.deadline, timezone, { now: ctx.now(), defaultTime: '18:00' });
  if (!parsed.ok) return t('task.err.badDate', { message: dateErrorText(t, parsed.error, args.deadline) });
  const input: CreateTaskInput = {
    title: args.title,
    owners: args.owners,
    deadline: parsed.date,
    leader: args.leader,
    chatId: ctx.chat?.type === 'group' ? ctx.chat.id : null,
    category: args.category,
  };
  return input;
}

/** `/task add` (任务 添加 / 新建任务): the form, or the one-line text form. */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['task', 'add'],
    aliases: ['任务 添加', '任务 新建', '新建任务', '布置任务'],
    summary: 'task.add.summary',
    usage: 'task.add.usage',
    example: 'task.add.example',
    roles: ['admin', 'leader'],
    args: argsFrom((input) =>
      input.words.length + input.mentions.length === 0 ? { form: true as const } : input,
    ),
    async run(ctx, args) {
      if ('form' in args) {
        // Only the chats the actor may target (a leader: those bound to their departments).
        const chats = await targetableChats(ctx.actor);
        const options = chats.map((c) => ({ value: c.chatId, label: c.name || c.chatId }));
        const here = ctx.chat?.type === 'group' ? ctx.chat.id : undefined;
        const offered = here && (targetsEverything(ctx.actor) || chats.some((c) => c.chatId === here));
        await ctx.reply.card(buildTaskForm(ctx.t, options, offered ? here : undefined));
        return;
      }
      const input = await readAddCommand(ctx, readTaskAdd(args));
      if (typeof input === 'string') {
        await ctx.reply.text(input);
        return;
      }
      const result = await createAndPublish(ctx, input, commandSourceKey(ctx));
      await ctx.reply.text(result.text);
    },
  });
  registerTaskManage(registry);
  registerTaskActions(actions);
}
