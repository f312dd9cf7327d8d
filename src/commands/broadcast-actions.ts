/**
 * The broadcast card's buttons: 已学习 (counted once per person) and the quiz options (the
 * first answer counts; the toast says right or wrong with the explanation). Anyone who sees
 * the card may press; the unique response insert is the claim.
 */
import { z } from 'zod';
import { BROADCAST_ACTIONS, QUIZ_LETTERS } from '../../cards/broadcast-card.js';
import type { ActionRegistry } from '../actions/registry.js';
import { getBroadcast, recordResponse } from '../domain/broadcasts.js';
import { getContentItem } from '../domain/content-items.js';

const ackSchema = z
  .object({
    value: z.object({ b: z.string().regex(/^B[0-9A-Z]{4}$/) }).passthrough(),
    formValue: z.record(z.string(), z.unknown()),
  })
  .passthrough()
  .transform(({ value }) => ({ broadcastId: value.b }));

const quizSchema = z
  .object({
    value: z
      .object({ b: z.string().regex(/^B[0-9A-Z]{4}$/), o: z.coerce.number().int().min(0).max(5) })
      .passthrough(),
    formValue: z.record(z.string(), z.unknown()),
  })
  .passthrough()
  .transform(({ value }) => ({ broadcastId: value.b, option: value.o }));

/** Registers 已学习 and the quiz buttons. */
export function registerBroadcastActions(actions: ActionRegistry): void {
  actions.add({
    name: BROADCAST_ACTIONS.ack,
    roles: 'everyone',
    input: ackSchema,
    async run(ctx, { broadcastId }) {
      const broadcast = await getBroadcast(broadcastId);
      if (!broadcast) return { toast: { type: 'error', content: ctx.t('common.badAction') } };
      const res = await recordResponse(
        {
          broadcastId,
          kind: 'ack',
          openId: ctx.actor.openId,
          deptId: ctx.actor.deptId ?? '',
          chatId: ctx.chat?.id ?? '',
        },
        ctx.now(),
      );
      return res.first
        ? { toast: { type: 'success', content: ctx.t('broadcast.ack.done') } }
        : { toast: { type: 'info', content: ctx.t('broadcast.ack.again') } };
    },
  });
  actions.add({
    name: BROADCAST_ACTIONS.quiz,
    roles: 'everyone',
    input: quizSchema,
    async run(ctx, { broadcastId, option }) {
      const { t } = ctx;
      const broadcast = await getBroadcast(broadcastId);
      const quiz = broadcast ? (await getContentItem(broadcast.itemId))?.quiz : undefined;
      if (!quiz || option >= quiz.options.length)
        return { toast: { type: 'error', content: t('common.badAction') } };
      const correct = option === quiz.answer;
      const res = await recordResponse(
        {
          broadcastId,
          kind: 'quiz',
          openId: ctx.actor.openId,
          deptId: ctx.actor.deptId ?? '',
          chatId: ctx.chat?.id ?? '',
          option,
          correct,
        },
        ctx.now(),
      );
      const answer = QUIZ_LETTERS[quiz.answer]!;
      const explanation = quiz.explanation ? t('broadcast.quiz.explanation', { text: quiz.explanation }) : '';
      if (!res.first) {
        const key = res.correct ? 'broadcast.quiz.againRight' : 'broadcast.quiz.againWrong';
        return { toast: { type: 'info', content: t(key, { answer }) + explanation } };
      }
      return correct
        ? { toast: { type: 'success', content: t('broadcast.quiz.right') + explanation } }
        : { toast: { type: 'warning', content: t('broadcast.quiz.wrong', { answer }) + explanation } };
    },
  });
}
