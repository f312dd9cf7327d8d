import type { Translate } from '../src/i18n/index.js';
import { card, divider, markdown, note } from './elements.js';
import type { Card, CardElement } from './types.js';

/** The action name carried by the config form's submit button. */
export const CONFIG_SET_ACTION = 'config.set';

/** One setting as shown on the config card: its name, value and where the value comes from. */
export interface ConfigLine {
  name: string;
  value: string;
  source: string;
}

/** The `/config show` card: each effective setting with its source, and a closing hint. */
export function buildConfigShowCard(t: Translate, lines: ConfigLine[], hint: string): Card {
  const blocks = lines.map((l) => `**${l.name}**：${l.value}\n<font color='grey'>${l.source}</font>`);
  return card(t('config.show.title'), 'blue', [markdown(blocks.join('\n\n')), divider(), note(hint)]);
}

/** A choice of a select field. */
export interface SelectChoice {
  value: string;
  label: string;
}

/** What the config form starts with. */
export interface ConfigFormValues {
  timezone: string;
  timezones: SelectChoice[];
  /** The quiet window as typed (`22:00-08:00`) or the word for off. */
  quietHours: string;
  quietDays: 'everyday' | 'workdays';
  workdays: 'mainland' | 'weekdays';
  locale: 'zh-CN' | 'en-US';
}

function select(name: string, placeholder: string, choices: SelectChoice[], initial: string): CardElement {
  return {
    tag: 'select_static',
    name,
    required: true,
    width: 'fill',
    placeholder: { tag: 'plain_text', content: placeholder },
    options: choices.map((c) => ({ text: { tag: 'plain_text', content: c.label }, value: c.value })),
    initial_option: initial,
  };
}

/** The `/config set` form: every setting with its current value; submit applies them together. */
export function buildConfigForm(t: Translate, v: ConfigFormValues): Card {
  return card(t('config.form.title'), 'blue', [
    markdown(t('config.form.intro')),
    {
      tag: 'form',
      name: 'config_form',
      elements: [
        markdown(`**${t('config.key.timezone')}**`),
        select('timezone', t('config.key.timezone'), v.timezones, v.timezone),
        markdown(`**${t('config.key.quietHours')}**`),
        {
          tag: 'input',
          name: 'quiet_hours',
          required: true,
          max_length: 40,
          width: 'fill',
          default_value: v.quietHours,
          placeholder: { tag: 'plain_text', content: t('config.form.quietPlaceholder') },
        },
        select(
          'quiet_days',
          t('config.form.quietDays'),
          [
            { value: 'everyday', label: t('config.form.quietEveryday') },
            { value: 'workdays', label: t('config.form.quietWorkdaysOnly') },
          ],
          v.quietDays,
        ),
        markdown(`**${t('config.key.workdays')}**`),
        select(
          'workdays',
          t('config.key.workdays'),
          [
            { value: 'mainland', label: t('config.workdays.mainland') },
            { value: 'weekdays', label: t('config.workdays.weekdays') },
          ],
          v.workdays,
        ),
        markdown(`**${t('config.key.locale')}**`),
        select(
          'locale',
          t('config.key.locale'),
          [
            { value: 'zh-CN', label: t('config.locale.zh-CN') },
            { value: 'en-US', label: t('config.locale.en-US') },
          ],
          v.locale,
        ),
        {
          tag: 'button',
          name: 'config_submit',
          text: { tag: 'plain_text', content: t('config.form.submit') },
          type: 'primary',
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value: { a: CONFIG_SET_ACTION } }],
        },
      ],
    },
  ]);
}
