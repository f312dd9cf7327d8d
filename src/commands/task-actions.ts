/** Card actions of the task feature: the create form and the task card's buttons. */
import { z } from 'zod';
import { TASK_ACTIONS, TASK_NOTE_FIELD } from '../../cards/task-card.js';
import { buildTaskFormDoneCard, TASK_FORM_ACTION, TASK_FORM_FIELDS } from '../../cards/task-form-card.js';
import type { ActionRegistry, ActionResult } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { applyOwnerAction, type OwnerAction } from '../domain/tasks.js';
import type { MessageKey } from '../i18n/index.js';
import { formSourceKey } from './source-key.js';
import { parseFormDateTime } from './task-args.js';
import { createAndPublish } from './task-create.js';
import { publishTaskCard, taskErrorText } from './task-view.js';

const str = z.string().optional().catch(undefined);
const f = TASK_FORM_FIELDS;

const formSchema = z
  .object({
    value: z.object({ chat: z.string().optional() }).passthrough(),
    formValue: z
      .object({
        [f.title]: str,
        [f.description]: str,
        [f.category]: z.enum(['create', 'rectify', 'key', 'other']).optional().catch(undefined),
        [f.owners]: z
          .union([z.array(z.string()), z.string()])
          .optional()
          .catch(undefined),
        [f.deadline]: str,
        [f.leader]: str,
        [f.chat]: str,
        [f.approval]: z.union([z.boolean(), z.string()]).optional().catch(undefined),
      })
      .passthrough(),
  })
  .transform(({ value, formValue }) => {
    const owners = formValue[f.owners];
    const approval = formValue[f.approval];
    return {
      title: formValue[f.title] ?? '',
      description: formValue[f.description] ?? '',
      category: formValue[f.category],
      owners: (Array.isArray(owners) ? owners : owners ? [owners] : []).filter((o) => o !== ''),
      deadline: formValue[f.deadline],
      leader: formValue[f.leader] || null,
      chatId: formValue[f.chat] || value.chat || null,
      requiresApproval: approval === undefined ? true : approval === true || approval === 'true',
    };
  });

const ownerSchema = z
  .object({
    value: z
      .object({ id: z.string().min(1), owner: z.string().optional(), field: z.string().optional() })
      .passthrough(),
    formValue: z.record(z.string(), z.unknown()),
  })
  .transform(({ value, formValue }) => {
    const field = value.field ?? TASK_NOTE_FIELD;
    const text = formValue[field];
    return { id: value.id, owner: value.owner, text: typeof text === 'string' ? text : '' };
  });

const DONE: Record<OwnerAction, MessageKey> = {
  confirm: 'task.done.confirm',
  submit: 'task.done.submit',
  approve: 'task.done.approve',
  return: 'task.done.return',
};

/** Runs one owner action from the card and answers with a toast and the updated card. */
async function ownerAction(
  ctx: EventContext,
  action: OwnerAction,
  input: { id: string; owner?: string; text: string },
): Promise<ActionResult> {
  const owner = action === 'confirm' || action === 'submit' ? ctx.actor.openId : (input.owner ?? '');
  const result = await applyOwnerAction(
    input.id,
    owner,
    action,
    ctx.actor,
    action === 'return' ? { reason: input.text } : { note: input.text },
    ctx.now(),
  );
  if (!result.ok) {
    ctx.log.info({ action, task: input.id, reason: result.error.key }, 'task action refused');
    return { toast: { type: 'warning', content: taskErrorText(ctx.t, result.error) } };
  }
  // The callback answer updates the pressed card; only the other copies are patched.
  const card = await publishTaskCard(ctx, result.task, 'patch', { pressed: ctx.messageId });
  const name = await ctx.services.directory.displayName(owner);
  let text = ctx.t(DONE[action], { name });
  if (action === 'submit' && !result.task.requiresApproval) text = ctx.t('task.done.submitNoApproval');
  if (result.closed) text += ctx.t('task.done.closed', { id: result.task.id });
  if (action === 'return') {
    await ctx.services.messenger.sendText(
      `${ctx.eventId}:task-returned`,
      { openId: owner },
      ctx.t('task.notice.returned', {
        id: result.task.id,
        title: result.task.title,
        reason: input.text.trim(),
      }),
    );
  }
  return { toast: { type: 'success', content: text }, card };
}

/** Registers the create form's action and the task card's buttons. */
export function registerTaskActions(actions: ActionRegistry): void {
  actions.add({
    name: TASK_FORM_ACTION,
    roles: ['admin', 'leader'],
    input: formSchema,
    async run(ctx, input) {
      const { t } = ctx;
      if (input.owners.length === 0)
        return { toast: { type: 'error', content: t('task.form.ownersMissing') } };
      const deadline = parseFormDateTime(input.deadline);
      if (!deadline) return { toast: { type: 'error', content: t('task.form.deadlineMissing') } };
      const result = await createAndPublish(ctx, { ...input, deadline }, formSourceKey(ctx));
      if (!result.ok) return { toast: { type: 'error', content: result.text } };
      return {
        toast: { type: 'success', content: result.text },
        card: buildTaskFormDoneCard(t, result.text),
      };
    },
  });
  for (const action of ['confirm', 'submit', 'approve', 'return'] as const) {
    actions.add({
      name: TASK_ACTIONS[action],
      roles: 'everyone',
      input: ownerSchema,
      run: (ctx, input) => ownerAction(ctx, action, input),
    });
  }
}
