/**
 * `/task policy` (任务 提醒规则 / 提醒规则): shows the agency default reminder policy and a task's
 * own; sets the default (admins) or a task's own policy (whoever may edit the task); `恢复默认`
 * makes a task follow the default again. Parts not typed keep their current value.
 */
import { z } from 'zod';
import type { EventContext } from '../dispatch/context.js';
import { ownPolicyOf, setAgencyReminderPolicy, setTaskReminderPolicy } from '../domain/task-policy.js';
import {
  applyPolicyPatch,
  describePolicy,
  type PolicyCommand,
  readPolicyCommand,
} from '../domain/task-policy-text.js';
import { findVisibleTask } from '../domain/task-queries.js';
import type { ReminderDeps } from '../domain/task-reminders.js';
import type { ReminderPolicy } from '../domain/task-reminders-plan.js';
import { loadDefaultReminderPolicy } from '../domain/task-reminders-policy.js';
import type { CommandInput, CommandRegistry } from './registry.js';
import { agencyTranslator, taskErrorText } from './task-view.js';

/** The command read, or the message saying what to type (it carries parameters, so run() answers it). */
type PolicyRead = ReturnType<typeof readPolicyCommand>;

const policyArgs = z.custom<CommandInput>().transform((input, zctx): PolicyRead => {
  if (input.mentions.length > 0) {
    zctx.addIssue({ code: 'custom', message: 'i18n:reminderPolicy.err.target' });
    return z.NEVER;
  }
  return readPolicyCommand(input.words);
});

function depsOf(ctx: EventContext): ReminderDeps {
  return {
    messenger: ctx.services.messenger,
    settings: () => ctx.services.settings(),
    calendar: () => ctx.services.calendar(),
  };
}

/** The default, and with a task id that task's policy (own or 按单位默认). */
async function show(ctx: EventContext, taskId: string | null, agencyDefault: ReminderPolicy): Promise<void> {
  const { t } = ctx;
  const lines = [t('reminderPolicy.show.default', { policy: describePolicy(t, agencyDefault) })];
  if (taskId !== null) {
    const task = await findVisibleTask(taskId, ctx.actor);
    if (!task) return ctx.reply.text(t('reminderPolicy.err.notFound', { id: taskId }));
    if (task === 'forbidden') return ctx.reply.text(t('reminderPolicy.err.hidden', { id: taskId }));
    const own = ownPolicyOf(task);
    lines.push(
      t('reminderPolicy.show.task', {
        id: task.id,
        title: task.title,
        policy: describePolicy(t, own ?? agencyDefault),
        source: t(own ? 'reminderPolicy.source.own' : 'reminderPolicy.source.default'),
      }),
    );
  }
  lines.push(t('reminderPolicy.show.hint'));
  await ctx.reply.text(lines.join('\n'));
}

/** Sets the default or a task's own policy, or resets a task to the default. */
async function change(
  ctx: EventContext,
  command: Exclude<PolicyCommand, { kind: 'show' }>,
  agencyDefault: ReminderPolicy,
): Promise<void> {
  const { t } = ctx;
  const now = ctx.now();
  if (command.taskId === null && command.kind === 'set') {
    const policy = applyPolicyPatch(agencyDefault, command.patch);
    const res = await setAgencyReminderPolicy(policy, ctx.actor, depsOf(ctx), now);
    if (!res.ok) return ctx.reply.text(taskErrorText(t, res.error));
    const text = describePolicy(t, policy);
    if (!res.changed) return ctx.reply.text(t('reminderPolicy.unchanged', { policy: text }));
    return ctx.reply.text(t('reminderPolicy.done.default', { policy: text, count: res.replanned }));
  }
  const taskId = command.taskId!;
  const task = await findVisibleTask(taskId, ctx.actor);
  const current = task && task !== 'forbidden' ? (ownPolicyOf(task) ?? agencyDefault) : agencyDefault;
  const policy = command.kind === 'reset' ? null : applyPolicyPatch(current, command.patch);
  // The history line is written in the agency language (everyone reads one history).
  const at = await agencyTranslator(ctx.services);
  const note = policy
    ? at('reminderPolicy.history.set', { policy: describePolicy(at, policy) })
    : at('reminderPolicy.history.reset');
  const res = await setTaskReminderPolicy(taskId, policy, ctx.actor, { note, deps: depsOf(ctx) }, now);
  if (!res.ok) return ctx.reply.text(taskErrorText(t, res.error));
  const text = describePolicy(t, policy ?? agencyDefault);
  if (!res.changed) return ctx.reply.text(t('reminderPolicy.unchanged', { policy: text }));
  if (policy === null)
    return ctx.reply.text(t('reminderPolicy.done.reset', { id: res.task.id, policy: text }));
  await ctx.reply.text(t('reminderPolicy.done.task', { id: res.task.id, policy: text }));
}

/** Adds `/task policy`. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['task', 'policy'],
    aliases: ['任务 提醒规则', '提醒规则', '任务 提醒设置', '提醒设置'],
    summary: 'reminderPolicy.summary',
    usage: 'reminderPolicy.usage',
    example: 'reminderPolicy.example',
    roles: 'everyone',
    args: policyArgs,
    async run(ctx, read) {
      if (!read.ok) return ctx.reply.text(ctx.t(read.error.key, read.error.params));
      const agencyDefault = await loadDefaultReminderPolicy();
      if (read.command.kind === 'show') return show(ctx, read.command.taskId, agencyDefault);
      await change(ctx, read.command, agencyDefault);
    },
  });
}
