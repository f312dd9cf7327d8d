/** The `/content add` form's submit action. */
import { z } from 'zod';
import {
  buildContentFormDoneCard,
  CONTENT_FORM_ACTION,
  CONTENT_FORM_FIELDS,
} from '../../cards/content-cards.js';
import type { ActionRegistry } from '../actions/registry.js';
import { recordAudit } from '../domain/audit.js';
import { readAnswer } from '../domain/content-import.js';
import {
  addContentItem,
  CATEGORY_NAMES,
  type ContentInput,
  checkContentInput,
  splitTags,
} from '../domain/content-items.js';
import { contentProblemText } from './content-text.js';
import { formSourceKey } from './source-key.js';

const f = CONTENT_FORM_FIELDS;
const str = z.string().optional().catch(undefined);

const formSchema = z
  .object({
    value: z.object({}).passthrough(),
    formValue: z
      .object({
        [f.title]: str,
        [f.body]: str,
        [f.category]: str,
        [f.tags]: str,
        [f.source]: str,
        [f.question]: str,
        [f.options]: str,
        [f.answer]: str,
        [f.explanation]: str,
        [f.required]: z.union([z.boolean(), z.string()]).optional().catch(undefined),
      })
      .passthrough(),
  })
  .transform(({ formValue: v }) => ({
    title: (v[f.title] ?? '').trim(),
    body: (v[f.body] ?? '').trim(),
    category: CATEGORY_NAMES[(v[f.category] ?? 'other').toLowerCase()] ?? 'other',
    tags: splitTags(v[f.tags] ?? ''),
    source: (v[f.source] ?? '').trim(),
    question: (v[f.question] ?? '').trim(),
    options: (v[f.options] ?? '')
      .split(/\s*[|｜]\s*/)
      .map((o) => o.trim())
      .filter(Boolean),
    answer: (v[f.answer] ?? '').trim(),
    explanation: (v[f.explanation] ?? '').trim(),
    required: v[f.required] === true || v[f.required] === 'true',
  }));

/** Registers the form action (admins and supervisors, like `/content add`). */
export function registerContentActions(actions: ActionRegistry): void {
  actions.add({
    name: CONTENT_FORM_ACTION,
    roles: ['admin', 'supervisor'],
    input: formSchema,
    async run(ctx, v) {
      const { t } = ctx;
      let quiz: ContentInput['quiz'] = null;
      if (v.question || v.options.length > 0 || v.answer) {
        const answer = readAnswer(v.answer, v.options);
        if (!v.question) return { toast: { type: 'error', content: t('content.problem.quizQuestion') } };
        if (answer === undefined)
          return { toast: { type: 'error', content: t('content.problem.quizAnswer', { value: v.answer }) } };
        quiz = { question: v.question, options: v.options, answer, explanation: v.explanation };
      }
      const input: ContentInput = {
        title: v.title,
        body: v.body,
        category: v.category,
        tags: v.tags,
        source: v.source,
        imageKey: '',
        quiz,
        required: v.required,
      };
      const problem = checkContentInput(input);
      if (problem) return { toast: { type: 'error', content: contentProblemText(t, problem) } };
      const item = await addContentItem(input, ctx.actor.openId, ctx.now(), formSourceKey(ctx));
      await recordAudit(
        {
          actor: ctx.actor.openId,
          action: 'content.add',
          outcome: 'ok',
          target: item.id,
          after: { title: item.title },
          eventId: ctx.eventId,
          key: `content.add:${item.id}`,
        },
        ctx.now(),
      );
      const text = t('content.added', { id: item.id, title: item.title });
      return { toast: { type: 'success', content: text }, card: buildContentFormDoneCard(t, text) };
    },
  });
}
