import type { Translate } from '../src/i18n/index.js';
import { card, markdown } from './elements.js';
import type { Card } from './types.js';

/** The action name carried by the bind form's submit button. */
export const CHAT_BIND_ACTION = 'chat.bind';

/** A form asking an admin which department this group serves. */
export function buildChatBindForm(t: Translate, chatId: string): Card {
  return card(t('chat.formTitle'), 'blue', [
    {
      tag: 'form',
      name: 'chat_bind_form',
      elements: [
        {
          tag: 'input',
          name: 'department',
          required: true,
          max_length: 40,
          label: { tag: 'plain_text', content: t('chat.formLabel') },
          placeholder: { tag: 'plain_text', content: t('chat.formPlaceholder') },
        },
        {
          tag: 'button',
          name: 'chat_bind_submit',
          text: { tag: 'plain_text', content: t('chat.formSubmit') },
          type: 'primary',
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value: { a: CHAT_BIND_ACTION, chatId } }],
        },
      ],
    },
  ]);
}

/** The same card after the binding, without the form. */
export function buildChatBoundCard(t: Translate, department: string, actorName: string): Card {
  return card(t('chat.formTitle'), 'green', [markdown(t('chat.formDone', { department, actor: actorName }))]);
}
