/**
 * The poll auto-close job: one job per poll with a deadline, keyed `poll.close:<id>` (scheduling
 * it twice changes nothing). A late run (the bot was down) still closes the poll; the close claim
 * makes the close and its announcement happen once, whoever gets there first.
 */
import { closeAndAnnounce, type PollAnnounceDeps } from '../domain/poll-announce.js';
import type { PollView } from '../domain/polls.js';
import type { Scheduler } from './scheduler.js';

export const POLL_CLOSE_JOB = 'poll.close';

/** Schedules the close of a poll at its deadline. */
export type SchedulePollClose = (poll: PollView) => Promise<void>;

/** Registers the handler on `scheduler`; returns the function that schedules a poll's close. */
export function registerPollCloseJob(scheduler: Scheduler, deps: PollAnnounceDeps): SchedulePollClose {
  scheduler.register<{ pollId: string }>(POLL_CLOSE_JOB, async (job, ctx) => {
    const outcome = await closeAndAnnounce(job.payload.pollId, 'auto', deps, ctx.now);
    ctx.log.info({ pollId: job.payload.pollId, outcome }, 'poll auto-close');
  });
  return async (poll) => {
    if (!poll.deadline) return;
    await scheduler.schedule({
      key: `${POLL_CLOSE_JOB}:${poll.id}`,
      name: POLL_CLOSE_JOB,
      runAt: poll.deadline,
      payload: { pollId: poll.id },
    });
  };
}
