/** Builds, sends and patches the task card; translates task errors. */
import { buildTaskCard, type TaskCardData } from '../../cards/task-card.js';
import type { Card } from '../../cards/types.js';
import type { BotServices, EventContext } from '../dispatch/context.js';
import { listAssignments, listTransitions, type TaskError, type TaskView } from '../domain/tasks.js';
import { DEFAULT_LOCALE, type MessageKey, type Translate, translator } from '../i18n/index.js';
import { findSent } from '../lark/outbox.js';
import { formatZoned } from '../time/zoned.js';

/** The text of a task error; parameters naming a message key (`task.…`) are translated too. */
export function taskErrorText(t: Translate, error: TaskError): string {
  const params = Object.fromEntries(
    Object.entries(error.params).map(([k, v]) => [
      k,
      typeof v === 'string' && /^task\.[\w.]+$/.test(v) ? t(v as MessageKey) : v,
    ]),
  );
  return t(error.key, params);
}

/** The translator of shared cards (the agency language: everyone in the chat sees one card). */
export async function agencyTranslator(services: BotServices): Promise<Translate> {
  return translator((await services.settings()).locale ?? DEFAULT_LOCALE);
}

/** The task card data: names, deadline and remaining workdays in the agency zone. */
export async function taskCardData(
  services: BotServices,
  task: TaskView,
  opts: { history?: boolean; t?: Translate } = {},
): Promise<TaskCardData> {
  const { timezone } = await services.settings();
  const calendar = await services.calendar();
  const now = services.clock.now();
  const assignments = await listAssignments(task.id);
  const transitions = opts.history ? await listTransitions(task.id) : [];
  const ids = [task.creator, ...(task.leader ? [task.leader] : []), ...assignments.map((a) => a.openId)];
  for (const tr of transitions) ids.push(tr.actor, ...(tr.owner ? [tr.owner] : []));
  const names = await services.directory.displayNames(ids);
  const name = (id: string) => names.get(id) ?? id;
  const overdue = task.state === 'open' && task.deadline.getTime() < now.getTime();
  const t = opts.t ?? (await agencyTranslator(services));
  const data: TaskCardData = {
    id: task.id,
    title: task.title,
    description: task.description,
    category: task.category,
    state: task.state,
    requiresApproval: task.requiresApproval,
    deadline: formatZoned(task.deadline, timezone),
    workdaysLeft: calendar.workdaysBetween(now, task.deadline),
    overdue,
    creatorName: name(task.creator),
    leaderName: task.leader ? name(task.leader) : null,
    owners: assignments.map((a) => ({
      openId: a.openId,
      name: name(a.openId),
      state: a.state,
      note: a.note,
      returnReason: a.returnReason,
    })),
  };
  if (opts.history) {
    data.interactive = false;
    data.history = transitions.map((tr) =>
      t('task.history.line', {
        at: formatZoned(tr.at, timezone, 'MM-DD HH:mm'),
        actor: name(tr.actor),
        action: t(`task.action.${tr.action}` as MessageKey),
        detail:
          (tr.owner && tr.owner !== tr.actor ? t('task.history.owner', { owner: name(tr.owner) }) : '') +
          (tr.note ? t('task.history.note', { note: tr.note }) : ''),
      }),
    );
  }
  return data;
}

/** The live task card in the agency language. */
export async function renderTaskCard(services: BotServices, task: TaskView): Promise<Card> {
  const t = await agencyTranslator(services);
  return buildTaskCard(t, await taskCardData(services, task, { t }));
}

/** Outbox keys and targets of a task's cards: one in its chat, else one per person in p2p. */
export function taskCardTargets(
  task: TaskView,
): Array<{ key: string; to: { chatId: string } | { openId: string } }> {
  if (task.chatId) return [{ key: `task-card:${task.id}`, to: { chatId: task.chatId } }];
  const people = [...new Set([task.creator, ...(task.leader ? [task.leader] : []), ...task.owners])];
  return people.map((openId) => ({ key: `task-card:${task.id}:${openId}`, to: { openId } }));
}

/**
 * Sends the task card where it belongs (once per key) and patches every copy already sent, so
 * everyone sees the same state. `eventId` makes the patch keys unique per change.
 *
 * `pressed`: the message id of the card whose button caused the change. The callback answer
 * (or the delayed update by token) already replaces that card, so it is not patched again —
 * one update per press; only the other copies (p2p copies, the group copy) are patched.
 */
export async function publishTaskCard(
  ctx: Pick<EventContext, 'services' | 'eventId'>,
  task: TaskView,
  mode: 'send' | 'patch',
  opts: { pressed?: string } = {},
): Promise<Card> {
  const card = await renderTaskCard(ctx.services, task);
  const { messenger } = ctx.services;
  for (const { key, to } of taskCardTargets(task)) {
    // sendCard is idempotent by key: a copy sent before is not sent again (p2p owners added later get theirs).
    if (mode === 'send' || !task.chatId) await messenger.sendCard(key, to, card);
    if (mode !== 'patch' || (await isPressedCopy(key, opts.pressed))) continue;
    await messenger.patchCard(`${ctx.eventId}:patch:${key}`, { outboxKey: key }, card);
  }
  return card;
}

/** True when the card sent under `key` is the message `pressed` (a card is only pressed once sent). */
async function isPressedCopy(key: string, pressed: string | undefined): Promise<boolean> {
  if (!pressed) return false;
  const sent = await findSent(key);
  return sent?.messageId === pressed;
}
