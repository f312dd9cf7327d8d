import { type Markup, markup } from './escape.js';
import type { Translate } from '../src/i18n/index.js';
import { card, escapeMarkdown, markdown } from './elements.js';
import { form, type SelectOption, selectStatic, submitButton, textInput } from './form-fields.js';
import type { Card } from './types.js';

/** The action name carried by the add-department form's submit button. */
export const DEPT_ADD_ACTION = 'org.dept.add';

/** Field names of the add-department form (keys of `form_value`). */
export const DEPT_FORM_FIELDS = { name: 'dept_name', parent: 'dept_parent' } as const;

/** The `/dept add` form: a name and an optional parent department. */
export function buildDeptAddForm(t: Translate, parents: readonly SelectOption[]): Card {
  const fields = [
    textInput(DEPT_FORM_FIELDS.name, t('org.dept.formName'), t('org.dept.formNamePlaceholder'), 40),
  ];
  if (parents.length > 0)
    fields.push(selectStatic(DEPT_FORM_FIELDS.parent, t('org.dept.formParent'), parents));
  return card(t('org.dept.formTitle'), 'blue', [
    form('dept_add_form', [
      ...fields,
      submitButton('dept_add_submit', t('org.dept.formSubmit'), { a: DEPT_ADD_ACTION }),
    ]),
  ]);
}

/** The add-department form after the department was added. */
export function buildDeptAddedCard(t: Translate, text: string, actor: Markup): Card {
  return card(t('org.dept.formTitle'), 'green', [markdown(t('org.doneBy', { text: markup(text), actor }))]);
}

/** One line of the department list. */
export interface DeptListRow {
  /** Names from the top, e.g. ['机关', '办公室']. */
  path: string[];
  members: number;
}

/** The `/dept list` card: every department with its path and head count. */
export function buildDeptListCard(t: Translate, rows: readonly DeptListRow[]): Card {
  const lines = rows.map((r) =>
    t('org.dept.listItem', { path: r.path.map(escapeMarkdown).join(' / '), members: r.members }),
  );
  return card(t('org.dept.listTitle', { count: rows.length }), 'blue', [markdown(lines.join('\n'))]);
}

/** The `/dept tree` card: the tree as indented lines (already rendered, markdown-escaped). */
export function buildDeptTreeCard(t: Translate, lines: readonly string[]): Card {
  return card(t('org.dept.treeTitle'), 'blue', [markdown(lines.join('\n'))]);
}

/** What `/dept members` shows. */
export interface DeptMembersView {
  name: string;
  path: string[];
  leaders: string[];
  members: string[];
  chats: string[];
}

/** The `/dept members` card: path, leaders, members and bound chats of one department. */
export function buildDeptMembersCard(t: Translate, v: DeptMembersView): Card {
  const list = (names: readonly string[]) =>
    names.length > 0 ? names.map(escapeMarkdown).join('、') : t('org.none');
  const lines = [
    t('org.dept.membersPath', { path: v.path.map(escapeMarkdown).join(' / ') }),
    t('org.dept.membersLeaders', { names: list(v.leaders) }),
    t('org.dept.membersList', { count: v.members.length, names: list(v.members) }),
    t('org.dept.membersChats', { names: list(v.chats) }),
  ];
  return card(t('org.dept.membersTitle', { name: v.name }), 'blue', [markdown(lines.join('\n'))]);
}
