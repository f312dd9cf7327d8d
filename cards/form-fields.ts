import type { CardElement } from './types.js';

/** One choice of a static select. */
export interface SelectOption {
  value: string;
  label: string;
}

/** A single-choice dropdown (`select_static`); inside a form, `name` is its key in `form_value`. */
export function selectStatic(
  name: string,
  placeholder: string,
  options: readonly SelectOption[],
): CardElement {
  return {
    tag: 'select_static',
    name,
    placeholder: { tag: 'plain_text', content: placeholder },
    options: options.map((o) => ({ text: { tag: 'plain_text', content: o.label }, value: o.value })),
  };
}

/** A person picker (`select_person`); without options the chat's members are the candidates. */
export function selectPerson(name: string, placeholder: string): CardElement {
  return { tag: 'select_person', name, placeholder: { tag: 'plain_text', content: placeholder } };
}

/** A one-line text input for a form. */
export function textInput(name: string, label: string, placeholder: string, maxLength: number): CardElement {
  return {
    tag: 'input',
    name,
    required: true,
    max_length: maxLength,
    label: { tag: 'plain_text', content: label },
    placeholder: { tag: 'plain_text', content: placeholder },
  };
}

/** A form's submit button that calls back with `value` (must carry the action name `a`). */
export function submitButton(name: string, text: string, value: Record<string, unknown>): CardElement {
  return {
    tag: 'button',
    name,
    text: { tag: 'plain_text', content: text },
    type: 'primary',
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value }],
  };
}

/** A form container. */
export function form(name: string, elements: CardElement[]): CardElement {
  return { tag: 'form', name, elements };
}
