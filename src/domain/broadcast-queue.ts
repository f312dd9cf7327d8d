/**
 * The broadcast jobs as the rest of the bot schedules them. The jobs module
 * (src/jobs/broadcasts.ts) plugs the scheduler in at start; every job key is unique per
 * broadcast, schedule occurrence or reminder, so scheduling twice creates nothing new.
 */
import type { ScheduleInput } from '../jobs/types.js';
import {
  type BroadcastView,
  createBroadcast,
  type DeliverDeps,
  deliverBroadcast,
  type NewBroadcast,
} from './broadcasts.js';

/** Job names. */
export const BROADCAST_JOBS = {
  send: 'broadcast.send',
  occurrence: 'broadcast.schedule',
  remind: 'broadcast.remind',
  ensure: 'broadcast.schedules-ensure',
} as const;

/** The scheduler operation the broadcasts need (a Scheduler satisfies it). */
export interface BroadcastQueue {
  schedule(input: ScheduleInput): Promise<boolean>;
}

let queue: BroadcastQueue | undefined;

/** Plugs in the scheduler (the last bot created in a process wins; they share the database). */
export function useBroadcastQueue(q: BroadcastQueue): void {
  queue = q;
}

function scheduler(): BroadcastQueue {
  if (!queue) throw new Error('broadcast jobs are not registered (registerBroadcastJobs)');
  return queue;
}

/** Schedules the durable send job of a broadcast (runs now; a no-op once all is enqueued). */
export function queueSend(broadcastId: string, now: Date): Promise<boolean> {
  return scheduler().schedule({
    key: `${BROADCAST_JOBS.send}:${broadcastId}`,
    name: BROADCAST_JOBS.send,
    runAt: now,
    payload: { broadcastId },
  });
}

/** Schedules the one 必学 reminder of a broadcast. */
export function queueRemind(broadcastId: string, runAt: Date): Promise<boolean> {
  return scheduler().schedule({
    key: `${BROADCAST_JOBS.remind}:${broadcastId}`,
    name: BROADCAST_JOBS.remind,
    runAt,
    payload: { broadcastId },
  });
}

/** Schedules one occurrence of a schedule (key: schedule id + occurrence instant). */
export function queueOccurrence(scheduleId: string, at: Date): Promise<boolean> {
  return scheduler().schedule({
    key: `${BROADCAST_JOBS.occurrence}:${scheduleId}:${at.toISOString()}`,
    name: BROADCAST_JOBS.occurrence,
    runAt: at,
    payload: { scheduleId },
  });
}

/**
 * Creates (or finds) the broadcast, makes it durable (the send job) and enqueues every chat's
 * copy at once; a crash in between is finished by the job without a second copy anywhere.
 */
export async function startBroadcast(
  input: NewBroadcast,
  deps: DeliverDeps,
  now: Date,
): Promise<{ broadcast: BroadcastView; created: boolean; chats: number }> {
  const { broadcast, created } = await createBroadcast(input, now);
  await queueSend(broadcast.id, now);
  const chats = (await deliverBroadcast(broadcast.id, deps, now)) ?? 0;
  if (broadcast.required)
    await queueRemind(broadcast.id, new Date(broadcast.createdAt.getTime() + broadcast.remindAfterMs));
  return { broadcast, created, chats };
}

/** Finishes a broadcast that already exists (a re-run): the same keys, so nothing twice. */
export async function resumeBroadcast(
  broadcast: BroadcastView,
  deps: DeliverDeps,
  now: Date,
): Promise<number> {
  await queueSend(broadcast.id, now);
  const chats = (await deliverBroadcast(broadcast.id, deps, now)) ?? 0;
  if (broadcast.required)
    await queueRemind(broadcast.id, new Date(broadcast.createdAt.getTime() + broadcast.remindAfterMs));
  return chats;
}
