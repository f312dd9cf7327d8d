/**
 * The feedback channel (监督员意见 / 建言献策): `/feedback [匿名] 内容` (意见 / 建议 / 反馈), the
 * form when no text is given, `/feedback list`, and the card actions in feedback-actions.ts.
 */
import { buildFeedbackForm } from '../../cards/feedback-cards.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { listFeedback } from '../domain/feedback.js';
import { registerFeedbackActions } from './feedback-actions.js';
import { answerSenderEphemeral, checkFeedbackText, forgetSender, submitFeedback } from './feedback-submit.js';
import { argsFrom, noArgs } from './org-args.js';
import type { CommandRegistry } from './registry.js';

const ANONYMOUS_WORDS = new Set(['匿名', 'anonymous', 'anon']);
const EXCERPT_CHARS = 40;

/** The words after the command: the form, or the text with its anonymous flag. */
const feedbackArgs = argsFrom((input) => {
  if (input.words.length + input.mentions.length === 0) return { form: true as const };
  const [first, ...rest] = input.words;
  const anonymous = first !== undefined && ANONYMOUS_WORDS.has(first.toLowerCase());
  return { form: false as const, anonymous, text: (anonymous ? rest : input.words).join(' ') };
});

async function send(ctx: EventContext, args: { anonymous: boolean; text: string }): Promise<void> {
  const problem = checkFeedbackText(ctx.t, args.text);
  if (problem) return ctx.reply.text(problem);
  const done = await submitFeedback(ctx, args.text, args.anonymous);
  const hint = args.anonymous && ctx.chat?.type === 'group' ? `\n${ctx.t('feedback.done.groupHint')}` : '';
  if (!args.anonymous) return ctx.reply.text(`${done}${hint}`);
  // Anonymous: the answer is forgotten once delivered, then the event forgets its sender.
  await answerSenderEphemeral(ctx, { text: `${done}${hint}` });
  await forgetSender(ctx.eventId);
}

/** `/feedback list`: the newest 20 items; anonymous ones show 匿名. */
async function listRecent(ctx: EventContext): Promise<void> {
  const { t } = ctx;
  const items = await listFeedback(20);
  if (items.length === 0) return ctx.reply.text(t('feedback.list.empty'));
  const lines = items.map((i) =>
    t('feedback.list.line', {
      id: i.id,
      day: i.day,
      from: i.anonymous ? t('feedback.card.anonymous') : i.senderName || (i.sender ?? ''),
      state: t(`feedback.state.${i.state}`),
      text: i.text.length > EXCERPT_CHARS ? `${i.text.slice(0, EXCERPT_CHARS)}…` : i.text,
    }),
  );
  await ctx.reply.text(`${t('feedback.list.title', { count: items.length })}\n${lines.join('\n')}`);
}

/** Adds /feedback and /feedback list with their card actions. */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['feedback', 'list'],
    aliases: ['意见 列表', '建议 列表', '反馈 列表'],
    summary: 'feedback.list.summary',
    usage: 'feedback.list.usage',
    roles: ['supervisor', 'admin'],
    args: noArgs,
    run: listRecent,
  });
  registry.add({
    path: ['feedback'],
    aliases: ['意见', '建议', '反馈', '建言献策'],
    // Who sent feedback (named or not) stays out of the logs: an anonymous sender could
    // otherwise be found by elimination against the named items.
    logActor: false,
    summary: 'feedback.send.summary',
    usage: 'feedback.send.usage',
    example: 'feedback.send.example',
    roles: 'everyone',
    args: feedbackArgs,
    async run(ctx, args) {
      if (args.form) {
        // Asking for the form says "about to send feedback": that trace is forgotten too.
        await answerSenderEphemeral(ctx, { card: buildFeedbackForm(ctx.t) });
        return forgetSender(ctx.eventId);
      }
      await send(ctx, args);
    },
  });
  registerFeedbackActions(actions);
}
