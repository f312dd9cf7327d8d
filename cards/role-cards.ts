import { type Markup, markup } from './escape.js';
import type { Translate } from '../src/i18n/index.js';
import { card, markdown } from './elements.js';
import { form, type SelectOption, selectPerson, selectStatic, submitButton } from './form-fields.js';
import type { Card } from './types.js';

/** The action name carried by the role form's submit button. */
export const ROLE_FORM_ACTION = 'org.role';

/** Field names of the role form (keys of `form_value`). */
export const ROLE_FORM_FIELDS = { person: 'role_person', role: 'role_kind', dept: 'role_dept' } as const;

/** The `/role` form: a person, a role (领导 / 监督员 / 成员) and an optional department. */
export function buildRoleForm(t: Translate, departments: readonly SelectOption[]): Card {
  const roles: SelectOption[] = [
    { value: 'leader', label: t('org.role.optionLeader') },
    { value: 'supervisor', label: t('org.role.optionSupervisor') },
    { value: 'member', label: t('org.role.optionMember') },
  ];
  const fields = [
    selectPerson(ROLE_FORM_FIELDS.person, t('org.role.formPerson')),
    selectStatic(ROLE_FORM_FIELDS.role, t('org.role.formRole'), roles),
  ];
  if (departments.length > 0)
    fields.push(selectStatic(ROLE_FORM_FIELDS.dept, t('org.role.formDept'), departments));
  return card(t('org.role.formTitle'), 'blue', [
    markdown(t('org.role.formIntro')),
    form('role_form', [
      ...fields,
      submitButton('role_submit', t('org.role.formSubmit'), { a: ROLE_FORM_ACTION }),
    ]),
  ]);
}

/** The role form after a successful change, without the form. */
export function buildRoleDoneCard(t: Translate, text: string, actor: Markup): Card {
  return card(t('org.role.formTitle'), 'green', [markdown(t('org.doneBy', { text: markup(text), actor }))]);
}
