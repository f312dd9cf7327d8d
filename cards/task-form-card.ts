import type { Translate } from '../src/i18n/index.js';
import { card, markdown } from './elements.js';
import {
  form,
  type SelectOption,
  selectPerson,
  selectStatic,
  submitButton,
  textInput,
} from './form-fields.js';
import type { Card, CardElement } from './types.js';

/** The action name carried by the create form's submit button. */
export const TASK_FORM_ACTION = 'task.create';

/** Field names of the create form (keys of `form_value`). */
export const TASK_FORM_FIELDS = {
  title: 'task_title',
  description: 'task_desc',
  category: 'task_category',
  owners: 'task_owners',
  deadline: 'task_deadline',
  leader: 'task_leader',
  chat: 'task_chat',
  approval: 'task_approval',
} as const;

/** The `/task add` form: title, description, category, owners, deadline, leader, chat, 销号需审核. */
export function buildTaskForm(t: Translate, chats: readonly SelectOption[], defaultChat?: string): Card {
  const f = TASK_FORM_FIELDS;
  const categories: SelectOption[] = (['create', 'rectify', 'key', 'other'] as const).map((c) => ({
    value: c,
    label: t(`task.category.${c}`),
  }));
  const fields: CardElement[] = [
    textInput(f.title, t('task.form.title'), t('task.form.titleHint'), 100),
    {
      tag: 'input',
      name: f.description,
      input_type: 'multiline_text',
      max_length: 1000,
      label: { tag: 'plain_text', content: t('task.form.description') },
      placeholder: { tag: 'plain_text', content: t('task.form.descriptionHint') },
    },
    { ...selectStatic(f.category, t('task.form.category'), categories), initial_option: 'create' },
    {
      tag: 'multi_select_person',
      name: f.owners,
      required: true,
      placeholder: { tag: 'plain_text', content: t('task.form.owners') },
    },
    {
      tag: 'picker_datetime',
      name: f.deadline,
      required: true,
      placeholder: { tag: 'plain_text', content: t('task.form.deadline') },
    },
    selectPerson(f.leader, t('task.form.leader')),
  ];
  if (chats.length > 0) {
    const chat = selectStatic(f.chat, t('task.form.chat'), chats);
    fields.push(
      defaultChat && chats.some((c) => c.value === defaultChat)
        ? { ...chat, initial_option: defaultChat }
        : chat,
    );
  }
  fields.push({
    tag: 'checker',
    name: f.approval,
    checked: true,
    text: { tag: 'plain_text', content: t('task.form.approval') },
  });
  return card(t('task.form.cardTitle'), 'blue', [
    markdown(t('task.form.intro')),
    form('task_form', [
      ...fields,
      submitButton('task_submit', t('task.form.submit'), {
        a: TASK_FORM_ACTION,
        ...(defaultChat ? { chat: defaultChat } : {}),
      }),
    ]),
  ]);
}

/** The form after the task was created, without the form. */
export function buildTaskFormDoneCard(t: Translate, text: string): Card {
  return card(t('task.form.cardTitle'), 'green', [markdown(text)]);
}
