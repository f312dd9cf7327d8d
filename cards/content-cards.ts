import type { ContentItem } from '../src/domain/content-items.js';
import type { Translate } from '../src/i18n/index.js';
import { contentElements, contentSubtitle, QUIZ_LETTERS } from './broadcast-card.js';
import { card, divider, escapeMarkdown, markdown, note } from './elements.js';
import { form, type SelectOption, selectStatic, submitButton, textInput } from './form-fields.js';
import type { Card, CardElement } from './types.js';

/** The action name of the `/content add` form's submit button. */
export const CONTENT_FORM_ACTION = 'content.create';

/** Field names of the add form (keys of `form_value`). */
export const CONTENT_FORM_FIELDS = {
  title: 'c_title',
  body: 'c_body',
  category: 'c_category',
  tags: 'c_tags',
  source: 'c_source',
  question: 'c_question',
  options: 'c_options',
  answer: 'c_answer',
  explanation: 'c_explain',
  required: 'c_required',
} as const;

const CATEGORIES = ['warning', 'rules', 'story', 'family', 'lesson', 'other'] as const;

function optionalInput(
  name: string,
  label: string,
  placeholder: string,
  maxLength: number,
  multiline = false,
): CardElement {
  return {
    tag: 'input',
    name,
    max_length: maxLength,
    ...(multiline ? { input_type: 'multiline_text' } : {}),
    label: { tag: 'plain_text', content: label },
    placeholder: { tag: 'plain_text', content: placeholder },
  };
}

/** The `/content add` form. */
export function buildContentForm(t: Translate): Card {
  const f = CONTENT_FORM_FIELDS;
  const categories: SelectOption[] = CATEGORIES.map((c) => ({ value: c, label: t(`content.category.${c}`) }));
  return card(t('content.form.cardTitle'), 'indigo', [
    markdown(t('content.form.intro')),
    form('content_form', [
      textInput(f.title, t('content.form.title'), t('content.form.titleHint'), 60),
      {
        ...optionalInput(f.body, t('content.form.body'), t('content.form.bodyHint'), 1000, true),
        required: true,
      },
      { ...selectStatic(f.category, t('content.form.category'), categories), initial_option: 'lesson' },
      optionalInput(f.tags, t('content.form.tags'), t('content.form.tagsHint'), 100),
      optionalInput(f.source, t('content.form.source'), t('content.form.sourceHint'), 100),
      optionalInput(f.question, t('content.form.question'), t('content.form.questionHint'), 100),
      optionalInput(f.options, t('content.form.options'), t('content.form.optionsHint'), 300),
      optionalInput(f.answer, t('content.form.answer'), t('content.form.answerHint'), 20),
      optionalInput(f.explanation, t('content.form.explanation'), t('content.form.explanationHint'), 300),
      {
        tag: 'checker',
        name: f.required,
        checked: false,
        text: { tag: 'plain_text', content: t('content.form.required') },
      },
      submitButton('content_submit', t('content.form.submit'), { a: CONTENT_FORM_ACTION }),
    ]),
  ]);
}

/** The form after the item was added. */
export function buildContentFormDoneCard(t: Translate, text: string): Card {
  return card(t('content.form.cardTitle'), 'green', [markdown(text)]);
}

/** `/content show`: the item as it will be broadcast, its id, and the quiz with its answer. */
export function buildContentCard(t: Translate, item: ContentItem, showAnswer: boolean): Card {
  const elements = contentElements(t, item);
  if (item.required) elements.push(note(t('broadcast.card.required')));
  if (item.quiz) {
    const options = item.quiz.options.map((o, i) => `${QUIZ_LETTERS[i]}. ${escapeMarkdown(o)}`).join('　');
    elements.push(
      divider(),
      markdown(t('broadcast.card.quiz', { question: escapeMarkdown(item.quiz.question) })),
    );
    elements.push(markdown(options));
    if (showAnswer)
      elements.push(
        note(
          t('content.show.answer', {
            answer: QUIZ_LETTERS[item.quiz.answer]!,
            explanation: escapeMarkdown(item.quiz.explanation),
          }),
        ),
      );
  }
  elements.push(note(t('content.show.footer', { id: item.id })));
  return card(
    t('content.show.title', { id: item.id, title: item.title }),
    'indigo',
    elements,
    contentSubtitle(t, item),
  );
}

/** `/content list`: one line per item (at most `shown`; the rest counted). */
export function buildContentListCard(
  t: Translate,
  heading: string,
  items: readonly ContentItem[],
  shown = 60,
): Card {
  const lines = items.slice(0, shown).map((i) =>
    t('content.list.line', {
      id: i.id,
      title: escapeMarkdown(i.title),
      category: t(`content.category.${i.category}`),
      tags: i.tags.map((tag) => `#${escapeMarkdown(tag)}`).join(' '),
      flags: `${i.quiz ? t('content.list.hasQuiz') : ''}${i.required ? t('content.list.required') : ''}`,
    }),
  );
  const elements: CardElement[] = [markdown(lines.join('\n') || t('content.list.empty'))];
  if (items.length > shown) elements.push(note(t('content.list.more', { count: items.length - shown })));
  elements.push(note(t('content.list.hint')));
  return card(heading, 'indigo', elements);
}
