import type { Translate } from '../src/i18n/index.js';
import { card, divider, markdown, note } from './elements.js';
import type { Card } from './types.js';

/** The action name carried by the holiday form's submit button. */
export const HOLIDAY_ADD_ACTION = 'holiday.add';

/** The `/holiday list` card: the admins' overrides, then the official holidays of the year. */
export function buildHolidayListCard(
  t: Translate,
  year: number,
  overrides: string[],
  official: string[] | null,
  hint: string,
): Card {
  const elements = [
    markdown(
      `**${t('holiday.list.overrides')}**\n${overrides.length > 0 ? overrides.join('\n') : t('holiday.list.noOverrides')}`,
    ),
  ];
  if (official) {
    elements.push(divider());
    elements.push(
      markdown(
        `**${t('holiday.list.official')}**\n${official.length > 0 ? official.join('\n') : t('holiday.list.noOfficial')}`,
      ),
    );
  }
  elements.push(divider(), note(hint));
  return card(t('holiday.list.title', { year }), 'blue', elements);
}

/** The `/holiday add` form: a day, rest or work, an optional note. */
export function buildHolidayForm(t: Translate, initialDate: string): Card {
  return card(t('holiday.form.title'), 'blue', [
    markdown(t('holiday.form.intro')),
    {
      tag: 'form',
      name: 'holiday_form',
      elements: [
        {
          tag: 'date_picker',
          name: 'date',
          required: true,
          width: 'fill',
          initial_date: initialDate,
          placeholder: { tag: 'plain_text', content: t('holiday.form.date') },
        },
        {
          tag: 'select_static',
          name: 'kind',
          required: true,
          width: 'fill',
          placeholder: { tag: 'plain_text', content: t('holiday.form.kind') },
          options: [
            { text: { tag: 'plain_text', content: t('holiday.form.rest') }, value: 'rest' },
            { text: { tag: 'plain_text', content: t('holiday.form.work') }, value: 'work' },
          ],
          initial_option: 'rest',
        },
        {
          tag: 'input',
          name: 'note',
          max_length: 40,
          width: 'fill',
          placeholder: { tag: 'plain_text', content: t('holiday.form.note') },
        },
        {
          tag: 'button',
          name: 'holiday_submit',
          text: { tag: 'plain_text', content: t('holiday.form.submit') },
          type: 'primary',
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value: { a: HOLIDAY_ADD_ACTION } }],
        },
      ],
    },
  ]);
}

/** The holiday form after it was applied: what changed, without the form. */
export function buildHolidayDoneCard(t: Translate, summary: string): Card {
  return card(t('holiday.form.title'), 'green', [markdown(summary)]);
}
