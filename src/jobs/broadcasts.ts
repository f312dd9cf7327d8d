/**
 * Registers the broadcast jobs: `broadcast.send` (finishes a broadcast's enqueueing after a
 * crash), `broadcast.schedule` (one job per schedule occurrence), `broadcast.remind` (the
 * 必学 reminder) and the hourly `broadcast.schedules-ensure` that re-queues the next occurrence
 * of every active schedule (a chain broken by downtime, when a stale occurrence was skipped).
 */
import { BROADCAST_JOBS, useBroadcastQueue } from '../domain/broadcast-queue.js';
import { remindNonAcknowledgers } from '../domain/broadcast-reminders.js';
import { ensureScheduleJobs, runOccurrence } from '../domain/broadcast-schedules.js';
import { deliverBroadcast } from '../domain/broadcasts.js';
import type { TenantSettings } from '../domain/settings.js';
import type { ChatMember, LarkClient } from '../lark/client.js';
import { toLarkApiError } from '../lark/errors.js';
import type { Messenger } from '../lark/messenger.js';
import type { WorkCalendar } from '../time/workdays.js';
import type { Scheduler } from './scheduler.js';

/** An occurrence claimed later than this (the bot was down) is skipped and logged. */
export const OCCURRENCE_STALE_MS = 6 * 60 * 60_000;

/** What the broadcast jobs need from the bot. */
export interface BroadcastJobDeps {
  messenger: Messenger;
  settings(): Promise<TenantSettings>;
  calendar(): Promise<WorkCalendar>;
  client: Pick<LarkClient, 'getChatMembers' | 'resetToken'>;
  tz: string;
}

/** A chat's members; an expired tenant token is dropped and the call tried once more. */
async function membersOf(client: BroadcastJobDeps['client'], chatId: string): Promise<ChatMember[]> {
  try {
    return await client.getChatMembers(chatId);
  } catch (error) {
    if (!toLarkApiError(error).tokenInvalid) throw error;
    await client.resetToken();
    return client.getChatMembers(chatId);
  }
}

/** Registers the handlers on `scheduler` and lets commands queue broadcast jobs on it. */
export function registerBroadcastJobs(scheduler: Scheduler, deps: BroadcastJobDeps): void {
  useBroadcastQueue(scheduler);
  scheduler.register<{ broadcastId: string }>(BROADCAST_JOBS.send, async (job, ctx) => {
    const { locale } = await deps.settings();
    const chats = await deliverBroadcast(
      job.payload.broadcastId,
      { messenger: deps.messenger, locale },
      ctx.now,
    );
    ctx.log.info({ broadcastId: job.payload.broadcastId, chats }, 'broadcast enqueued');
  });
  scheduler.register<{ scheduleId: string }>(
    BROADCAST_JOBS.occurrence,
    async (job, ctx) => {
      const [settings, calendar] = await Promise.all([deps.settings(), deps.calendar()]);
      const outcome = await runOccurrence(
        job.payload.scheduleId,
        job.scheduledAt,
        { messenger: deps.messenger, locale: settings.locale, tz: settings.timezone, calendar, log: ctx.log },
        ctx.now,
      );
      ctx.log.info({ scheduleId: job.payload.scheduleId, ...outcome }, 'broadcast schedule occurrence');
    },
    { staleAfterMs: OCCURRENCE_STALE_MS },
  );
  scheduler.register<{ broadcastId: string }>(BROADCAST_JOBS.remind, async (job, ctx) => {
    const { locale } = await deps.settings();
    const reminded = await remindNonAcknowledgers(job.payload.broadcastId, {
      messenger: deps.messenger,
      getChatMembers: (chatId) => membersOf(deps.client, chatId),
      locale,
      log: ctx.log,
    });
    ctx.log.info({ broadcastId: job.payload.broadcastId, reminded }, 'required-reading reminders');
  });
  scheduler.registerRecurring({
    name: BROADCAST_JOBS.ensure,
    cron: '5 * * * *',
    tz: deps.tz,
    handler: async (_job, ctx) => {
      const { timezone } = await deps.settings();
      const schedules = await ensureScheduleJobs(timezone, ctx.now);
      ctx.log.debug({ schedules }, 'broadcast schedules ensured');
    },
  });
}
