/** The `/poll new` form: question, options, named/anonymous, single/multiple, results, deadline, chats, sample. */
import type { Translate } from '../src/i18n/index.js';
import { card, markdown } from './elements.js';
import { form, type SelectOption, selectStatic, submitButton, textInput } from './form-fields.js';
import type { Card } from './types.js';

/** The action name of the form's submit button. */
export const POLL_FORM_ACTION = 'poll.create';

/** Field names of the form (keys of `form_value`). */
export const POLL_FORM_FIELDS = {
  question: 'poll_question',
  options: 'poll_options',
  mode: 'poll_mode',
  choice: 'poll_choice',
  results: 'poll_results',
  deadline: 'poll_deadline',
  chats: 'poll_chats',
  sample: 'poll_sample',
} as const;

/** The form; `chats` are the bound chats the actor may target. */
export function buildPollForm(t: Translate, chats: readonly SelectOption[], defaultChat?: string): Card {
  const f = POLL_FORM_FIELDS;
  const pick = (name: string, label: string, options: SelectOption[]) => ({
    ...selectStatic(name, label, options),
    initial_option: options[0]!.value,
  });
  const chatPicker = {
    tag: 'multi_select_static',
    name: f.chats,
    required: true,
    placeholder: { tag: 'plain_text', content: t('poll.form.chats') },
    options: chats.map((c) => ({ text: { tag: 'plain_text', content: c.label }, value: c.value })),
    ...(defaultChat && chats.some((c) => c.value === defaultChat) ? { selected_values: [defaultChat] } : {}),
  };
  return card(t('poll.form.title'), 'blue', [
    markdown(t('poll.new.usage')),
    form('poll_form', [
      textInput(f.question, t('poll.form.question'), t('poll.form.questionPlaceholder'), 200),
      textInput(f.options, t('poll.form.options'), t('poll.form.optionsPlaceholder'), 500),
      pick(f.mode, t('poll.form.mode'), [
        { value: 'named', label: t('poll.card.named') },
        { value: 'anonymous', label: t('poll.card.anonymous') },
      ]),
      pick(f.choice, t('poll.form.choice'), [
        { value: 'single', label: t('poll.card.single') },
        { value: 'multi', label: t('poll.card.multi') },
      ]),
      pick(f.results, t('poll.form.results'), [
        { value: 'live', label: t('poll.card.live') },
        { value: 'after_close', label: t('poll.card.afterClose') },
      ]),
      { tag: 'picker_datetime', name: f.deadline, placeholder: { tag: 'plain_text', content: t('poll.form.deadline') } },
      ...(chats.length > 0 ? [chatPicker] : []),
      {
        tag: 'input',
        name: f.sample,
        max_length: 10,
        placeholder: { tag: 'plain_text', content: t('poll.form.sample') },
      },
      submitButton('poll_form_submit', t('poll.form.submit'), { a: POLL_FORM_ACTION }),
    ]),
  ]);
}

/** The form after the poll was started. */
export function buildPollFormDoneCard(t: Translate, text: string): Card {
  return card(t('poll.form.done'), 'green', [markdown(text)]);
}
