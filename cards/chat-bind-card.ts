import type { Markup } from './escape.js';
import type { Translate } from '../src/i18n/index.js';
import { card, markdown } from './elements.js';
import { form, type SelectOption, selectStatic, submitButton } from './form-fields.js';
import type { Card } from './types.js';

/** The action name carried by the bind form's submit button. */
export const CHAT_BIND_ACTION = 'chat.bind';

/** The bind form's department field (its key in `form_value`; the value is a department id). */
export const CHAT_BIND_FIELD = 'department';

/** A form asking which department this group serves, offering the departments the reader may bind. */
export function buildChatBindForm(t: Translate, chatId: string, departments: readonly SelectOption[]): Card {
  return card(t('chat.formTitle'), 'blue', [
    markdown(t('org.chat.formIntro')),
    form('chat_bind_form', [
      { ...selectStatic(CHAT_BIND_FIELD, t('org.chat.formSelect'), departments), required: true },
      submitButton('chat_bind_submit', t('chat.formSubmit'), { a: CHAT_BIND_ACTION, chatId }),
    ]),
  ]);
}

/** The same card after the binding, without the form. */
export function buildChatBoundCard(t: Translate, department: string, actorName: Markup): Card {
  return card(t('chat.formTitle'), 'green', [markdown(t('chat.formDone', { department, actor: actorName }))]);
}
