/** Creating a task from a command or the form: the domain call, the card, the answer. */

import type { EventContext } from '../dispatch/context.js';
import { type CreateTaskInput, createTask, getTask, setTaskCardKey, type TaskView } from '../domain/tasks.js';
import { formatZoned } from '../time/zoned.js';
import { publishTaskCard, taskErrorText } from './task-view.js';

/**
 * Creates the task, posts its card and says what happened; a refusal is the returned text.
 * `sourceKey` (source-key.ts) makes it idempotent: a re-run finds the task, and the card's outbox
 * key derives from the task id, so it is sent once.
 */
export async function createAndPublish(
  ctx: EventContext,
  input: CreateTaskInput,
  sourceKey: string,
): Promise<{ ok: true; task: TaskView; text: string } | { ok: false; text: string }> {
  const { timezone } = await ctx.services.settings();
  const result = await createTask({ ...input, timezone, sourceKey }, ctx.actor, ctx.now());
  if (!result.ok) return { ok: false, text: taskErrorText(ctx.t, result.error) };
  const { task } = result;
  if (task.chatId) await setTaskCardKey(task.id, `task-card:${task.id}`);
  await publishTaskCard(ctx, task, 'send');
  const names = await ctx.services.directory.displayNames(task.owners);
  const text = `${ctx.t('task.created', {
    id: task.id,
    title: task.title,
    deadline: formatZoned(task.deadline, timezone),
    owners: task.owners.map((o) => names.get(o) ?? o).join('、'),
  })}${task.chatId && task.chatId === ctx.chat?.id ? '' : ctx.t(task.chatId ? 'task.createdWhere' : 'task.createdP2p')}`;
  return { ok: true, task: (await getTask(task.id)) ?? task, text };
}
