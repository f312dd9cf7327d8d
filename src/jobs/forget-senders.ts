/**
 * Every minute: deletes delivered outbox entries addressed to an anonymous feedback sender (the
 * confirmation, the form) with their delivery records — see src/domain/feedback-relay.ts.
 */
import { forgetDeliveredToSenders } from '../domain/feedback-relay.js';
import type { Scheduler } from './scheduler.js';

/** Registers the recurring `feedback.forget-senders` job. */
export function registerForgetSenders(scheduler: Scheduler, tz: string): void {
  scheduler.registerRecurring({
    name: 'feedback.forget-senders',
    cron: '* * * * *',
    tz,
    staleAfterMs: 60_000,
    handler: async (_job, ctx) => {
      const deleted = await forgetDeliveredToSenders();
      if (deleted > 0) ctx.log.info({ deleted }, 'forgot delivered answers to anonymous senders');
    },
  });
}
