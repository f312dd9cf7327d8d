import type { Translate } from '../src/i18n/index.js';
import type { AssignmentState, TaskCategory, TaskState } from '../src/models/task.js';
import { callbackButton, card, divider, escapeMarkdown, markdown, note, type Tone } from './elements.js';
import { form, submitButton, textInput } from './form-fields.js';
import type { Card, CardElement } from './types.js';

/** Action names of the task card's buttons. */
export const TASK_ACTIONS = {
  confirm: 'task.confirm',
  submit: 'task.submit',
  approve: 'task.approve',
  return: 'task.return',
} as const;

/** The 完成说明 field of the submit form. */
export const TASK_NOTE_FIELD = 'task_note';

/** One owner's line on the card. */
export interface TaskCardOwner {
  openId: string;
  name: string;
  state: AssignmentState;
  note: string;
  returnReason: string;
}

/** Everything the task card shows (prepared by the caller; names and dates already formatted). */
export interface TaskCardData {
  id: string;
  title: string;
  description: string;
  category: TaskCategory;
  state: TaskState;
  requiresApproval: boolean;
  /** e.g. '2026-12-05 18:00'. */
  deadline: string;
  /** Workdays left until the deadline (0: due today); negative: overdue; null: unknown. */
  workdaysLeft: number | null;
  overdue: boolean;
  creatorName: string;
  leaderName: string | null;
  owners: TaskCardOwner[];
  /** History lines (for `/task show`); omitted on the live card. */
  history?: string[];
  /** False: a read-only copy without buttons. */
  interactive?: boolean;
}

function tone(data: TaskCardData): Tone {
  if (data.state === 'closed') return 'green';
  if (data.state === 'cancelled') return 'grey';
  return data.overdue ? 'red' : 'blue';
}

/** The state word of the task (已销号 / 已完成 when closed without review). */
export function taskStateText(t: Translate, state: TaskState, requiresApproval: boolean): string {
  if (state === 'closed' && !requiresApproval) return t('task.state.closedNoApproval');
  return t(`task.state.${state}`);
}

function deadlineLine(t: Translate, data: TaskCardData): string {
  const left =
    data.state !== 'open' || data.workdaysLeft === null
      ? ''
      : data.overdue
        ? t('task.card.overdue', { days: Math.max(1, -data.workdaysLeft) })
        : data.workdaysLeft === 0
          ? t('task.card.dueToday')
          : t('task.card.daysLeft', { days: data.workdaysLeft });
  return t('task.card.deadline', { deadline: data.deadline, left });
}

function ownerLine(t: Translate, o: TaskCardOwner): string {
  let line = t('task.card.owner', { name: escapeMarkdown(o.name), state: t(`task.state.${o.state}`) });
  if (o.returnReason && o.state !== 'submitted' && o.state !== 'approved')
    line += t('task.card.returned', { reason: escapeMarkdown(o.returnReason) });
  if (o.note && (o.state === 'submitted' || o.state === 'approved'))
    line += t('task.card.note', { note: escapeMarkdown(o.note) });
  return line;
}

function buttons(t: Translate, data: TaskCardData): CardElement[] {
  const out: CardElement[] = [];
  const value = (a: string, extra: Record<string, unknown> = {}) => ({ a, id: data.id, ...extra });
  if (data.owners.some((o) => o.state === 'pending')) {
    out.push(callbackButton(t('task.action.confirm'), value(TASK_ACTIONS.confirm), 'default'));
  }
  if (data.owners.some((o) => o.state === 'pending' || o.state === 'confirmed')) {
    out.push(
      form('task_submit_form', [
        textInput(TASK_NOTE_FIELD, t('task.card.noteLabel'), t('task.card.noteHint'), 500),
        submitButton('task_submit_btn', t('task.action.submit'), value(TASK_ACTIONS.submit)),
      ]),
    );
  }
  if (data.requiresApproval) {
    data.owners
      .filter((o) => o.state === 'submitted')
      .forEach((o, i) => {
        const field = `task_reason_${i}`;
        out.push(
          form(`task_review_${i}`, [
            markdown(t('task.card.reviewOf', { name: escapeMarkdown(o.name) })),
            {
              tag: 'input',
              name: field,
              max_length: 200,
              label: { tag: 'plain_text', content: t('task.card.reasonLabel') },
              placeholder: { tag: 'plain_text', content: t('task.card.reasonHint') },
            },
            submitButton(
              `task_approve_${i}`,
              t('task.action.approve'),
              value(TASK_ACTIONS.approve, { owner: o.openId }),
            ),
            {
              ...submitButton(
                `task_return_${i}`,
                t('task.action.return'),
                value(TASK_ACTIONS.return, { owner: o.openId, field }),
              ),
              type: 'danger',
            },
          ]),
        );
      });
  }
  return out;
}

/** The task card (JSON 2.0): facts, owners with their status, and the buttons of the open task. */
export function buildTaskCard(t: Translate, data: TaskCardData): Card {
  const facts = [
    t('task.card.category', { category: t(`task.category.${data.category}`) }),
    deadlineLine(t, data),
    t('task.card.creator', { name: escapeMarkdown(data.creatorName) }),
  ];
  if (data.leaderName) facts.push(t('task.card.leader', { name: escapeMarkdown(data.leaderName) }));
  facts.push(t('task.card.status', { state: taskStateText(t, data.state, data.requiresApproval) }));
  const elements: CardElement[] = [markdown(facts.join('\n'))];
  if (data.description) elements.push(markdown(escapeMarkdown(data.description)));
  elements.push(
    divider(),
    markdown(data.owners.map((o) => ownerLine(t, o)).join('\n') || t('task.card.noOwners')),
  );
  if (data.state === 'open' && data.interactive !== false) elements.push(...buttons(t, data));
  if (data.history && data.history.length > 0) {
    elements.push(divider(), markdown(`${t('task.card.history')}\n${data.history.join('\n')}`));
  }
  if (data.state === 'open' && data.interactive !== false) elements.push(note(t('task.card.footer')));
  return card(t('task.card.title', { id: data.id, title: data.title }), tone(data), elements);
}

/** One row of the task list. */
export interface TaskListRow {
  id: string;
  title: string;
  deadline: string;
  state: string;
  progress: string;
  overdue: boolean;
}

/** The `/task list` card. */
export function buildTaskListCard(
  t: Translate,
  heading: string,
  rows: readonly TaskListRow[],
  more: number,
): Card {
  const lines = rows.map((r) =>
    t(r.overdue ? 'task.list.rowOverdue' : 'task.list.row', {
      id: r.id,
      title: escapeMarkdown(r.title),
      deadline: r.deadline,
      state: r.state,
      progress: r.progress,
    }),
  );
  const elements: CardElement[] = [markdown(lines.join('\n') || t('task.list.empty'))];
  if (more > 0) elements.push(note(t('task.list.more', { count: more })));
  elements.push(note(t('task.list.hint')));
  return card(heading, 'blue', elements);
}
