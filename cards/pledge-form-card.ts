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

/** Action names of the create and edit forms. */
export const PLEDGE_FORM_ACTIONS = { create: 'pledge.create', edit: 'pledge.edit' } as const;

/** Field names of the forms (keys of `form_value`). */
export const PLEDGE_FORM_FIELDS = {
  title: 'pledge_title',
  kind: 'pledge_kind',
  text: 'pledge_text',
  people: 'pledge_people',
  depts: 'pledge_depts',
  chats: 'pledge_chats',
  deadline: 'pledge_deadline',
  leader: 'pledge_leader',
} as const;

/** Longest text the form's input takes (Feishu's input limit); longer texts come as a file. */
export const PLEDGE_FORM_TEXT_MAX = 1000;

function textArea(t: Translate, required: boolean, initial?: string): CardElement {
  return {
    tag: 'input',
    name: PLEDGE_FORM_FIELDS.text,
    input_type: 'multiline_text',
    max_length: PLEDGE_FORM_TEXT_MAX,
    ...(required ? { required: true } : {}),
    ...(initial ? { default_value: initial } : {}),
    label: { tag: 'plain_text', content: t('pledge.form.text') },
    placeholder: { tag: 'plain_text', content: t('pledge.form.textHint') },
  };
}

function multiSelect(name: string, placeholder: string, options: readonly SelectOption[]): CardElement {
  return { ...selectStatic(name, placeholder, options), tag: 'multi_select_static' };
}

/** The `/pledge new` form: title, type, text, signers (people, departments, bound chats), deadline, leader. */
export function buildPledgeForm(
  t: Translate,
  options: { departments: readonly SelectOption[]; chats: readonly SelectOption[] },
): Card {
  const f = PLEDGE_FORM_FIELDS;
  const kinds: SelectOption[] = (['responsibility', 'pledge', 'other'] as const).map((k) => ({
    value: k,
    label: t(`pledge.kind.${k}`),
  }));
  const fields: CardElement[] = [
    textInput(f.title, t('pledge.form.title'), t('pledge.form.titleHint'), 100),
    { ...selectStatic(f.kind, t('pledge.form.kind'), kinds), initial_option: 'pledge' },
    textArea(t, false),
    {
      tag: 'multi_select_person',
      name: f.people,
      placeholder: { tag: 'plain_text', content: t('pledge.form.people') },
    },
  ];
  if (options.departments.length > 0)
    fields.push(multiSelect(f.depts, t('pledge.form.depts'), options.departments));
  if (options.chats.length > 0) fields.push(multiSelect(f.chats, t('pledge.form.chats'), options.chats));
  fields.push(
    {
      tag: 'picker_datetime',
      name: f.deadline,
      required: true,
      placeholder: { tag: 'plain_text', content: t('pledge.form.deadline') },
    },
    selectPerson(f.leader, t('pledge.form.leader')),
    submitButton('pledge_create_btn', t('pledge.form.submit'), { a: PLEDGE_FORM_ACTIONS.create }),
  );
  return card(t('pledge.form.cardTitle'), 'blue', [
    markdown(t('pledge.form.intro')),
    form('pledge_form', fields),
  ]);
}

/** The `/pledge edit` form: the new text (prefilled when it fits the input). */
export function buildPledgeEditForm(
  t: Translate,
  pledge: { id: string; title: string; version: number; text: string },
): Card {
  const initial = pledge.text.length <= PLEDGE_FORM_TEXT_MAX ? pledge.text : undefined;
  return card(t('pledge.edit.cardTitle', { id: pledge.id, title: pledge.title }), 'orange', [
    markdown(t('pledge.edit.intro', { version: pledge.version })),
    form('pledge_edit_form', [
      textArea(t, true, initial),
      submitButton('pledge_edit_btn', t('pledge.edit.submit'), {
        a: PLEDGE_FORM_ACTIONS.edit,
        id: pledge.id,
        v: pledge.version,
      }),
    ]),
  ]);
}

/** A form after it was used: the outcome only. */
export function buildPledgeDoneCard(t: Translate, text: string): Card {
  return card(t('pledge.form.cardTitle'), 'green', [markdown(text)]);
}
