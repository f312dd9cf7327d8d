/**
 * Broadcast schedules: stored in Mongo, fired by per-occurrence scheduler jobs (see
 * broadcast-queue.ts). {@link runOccurrence} is the job's work: it schedules the next
 * occurrence first (so the chain survives a failure), skips rest days when asked, picks the
 * item (rotation / theme / anniversary) and starts the broadcast under the occurrence's key.
 */
import type { Logger } from '../logger.js';
import { BroadcastScheduleModel } from '../models/broadcast-schedule.js';
import type { WorkCalendar } from '../time/workdays.js';
import { zonedDayKey } from '../time/zoned.js';
import { queueOccurrence, resumeBroadcast, startBroadcast } from './broadcast-queue.js';
import { pickItem, type Selection, type ThemePeriod } from './broadcast-select.js';
import { nextFiring, type Timing } from './broadcast-timing.js';
import { type DeliverDeps, findBroadcastBySource, resolveTargets, type Targets } from './broadcasts.js';
import { listContentItems, newShortId } from './content-items.js';
import { insertKeyed } from './keyed-create.js';

/** A schedule as read back. */
export interface ScheduleView {
  id: string;
  label: string;
  timing: Timing;
  targets: Targets;
  selection: Selection;
  theme: ThemePeriod | null;
  skipRestDays: boolean;
  state: 'active' | 'paused' | 'removed';
  sent: string[];
  remindAfterMs: number | null;
}

/** What `/schedule add` provides. */
export type NewSchedule = Omit<ScheduleView, 'id' | 'state' | 'sent'>;

type Lean = {
  _id: string;
  label?: string | null;
  timing: unknown;
  targets: unknown;
  selection: unknown;
  theme?: unknown;
  skipRestDays?: boolean | null;
  state?: string | null;
  sent?: string[] | null;
  remindAfterMs?: number | null;
};

function toView(d: Lean): ScheduleView {
  return {
    id: d._id,
    label: d.label ?? '',
    timing: d.timing as Timing,
    targets: d.targets as Targets,
    selection: d.selection as Selection,
    theme: (d.theme as ThemePeriod | null | undefined) ?? null,
    skipRestDays: d.skipRestDays ?? false,
    state: (d.state ?? 'active') as ScheduleView['state'],
    sent: d.sent ?? [],
    remindAfterMs: d.remindAfterMs ?? null,
  };
}

/**
 * Stores a schedule and queues its first occurrence; returns it with that time (null: none).
 * `sourceKey` (the command's event, keyed-create.ts) derives the id: a re-run after a crash finds
 * the schedule it stored and queues the same occurrence job (keyed by schedule and instant).
 */
export async function addSchedule(
  input: NewSchedule,
  actor: string,
  tz: string,
  now: Date,
  sourceKey?: string,
): Promise<{ schedule: ScheduleView; next: Date | null }> {
  const fields = { ...input, state: 'active', sent: [], createdBy: actor, createdAt: now, updatedAt: now };
  if (sourceKey) {
    const { id, doc } = await insertKeyed<Lean & { sourceKey?: string | null }>(
      BroadcastScheduleModel,
      'S',
      sourceKey,
      fields,
    );
    const schedule = doc ? toView(doc) : ({ id, ...input, state: 'active', sent: [] } as ScheduleView);
    return { schedule, next: await queueNext(schedule, now, tz) };
  }
  const _id = newShortId('S');
  await BroadcastScheduleModel.collection.insertOne({ _id: _id as never, ...fields });
  const schedule: ScheduleView = { id: _id, ...input, state: 'active', sent: [] };
  return { schedule, next: await queueNext(schedule, now, tz) };
}

/** Queues the schedule's next occurrence after `after` (idempotent); returns its time. */
export async function queueNext(schedule: ScheduleView, after: Date, tz: string): Promise<Date | null> {
  const next = nextFiring(schedule.timing, after, tz);
  if (next) await queueOccurrence(schedule.id, next);
  return next;
}

/** One schedule (not removed). */
export async function getSchedule(id: string): Promise<ScheduleView | undefined> {
  const doc = await BroadcastScheduleModel.findById(String(id).toUpperCase()).lean();
  return doc && doc.state !== 'removed' ? toView(doc as Lean) : undefined;
}

/** Every schedule not removed, by id. */
export async function listSchedules(): Promise<ScheduleView[]> {
  const docs = await BroadcastScheduleModel.find({ state: { $ne: 'removed' } })
    .sort({ _id: 1 })
    .lean();
  return docs.map((d) => toView(d as Lean));
}

/** Pauses, resumes or removes; resuming queues the next occurrence. False when not found. */
export async function setScheduleState(
  id: string,
  state: ScheduleView['state'],
  tz: string,
  now: Date,
): Promise<{ schedule: ScheduleView; next: Date | null } | undefined> {
  const schedule = await getSchedule(id);
  if (!schedule) return undefined;
  await BroadcastScheduleModel.updateOne({ _id: schedule.id }, { $set: { state, updatedAt: now } });
  const after = { ...schedule, state };
  return { schedule: after, next: state === 'active' ? await queueNext(after, now, tz) : null };
}

/** Makes sure every active schedule has its next occurrence queued (after downtime). */
export async function ensureScheduleJobs(tz: string, now: Date): Promise<number> {
  const active = (await listSchedules()).filter((s) => s.state === 'active');
  for (const s of active) await queueNext(s, now, tz);
  return active.length;
}

/** What an occurrence needs. */
export interface OccurrenceDeps extends DeliverDeps {
  tz: string;
  calendar: WorkCalendar;
  log: Logger;
}

/** What one occurrence did. */
export type OccurrenceOutcome =
  | { kind: 'inactive' | 'restDay' | 'noItem' | 'noChats' }
  | { kind: 'sent'; broadcastId: string; itemId: string; reason: string; chats: number };

/** The work of one occurrence job (idempotent: a re-run resumes the same broadcast). */
export async function runOccurrence(
  scheduleId: string,
  occurrence: Date,
  deps: OccurrenceDeps,
  now: Date,
): Promise<OccurrenceOutcome> {
  const schedule = await getSchedule(scheduleId);
  if (schedule?.state !== 'active') return { kind: 'inactive' };
  await queueNext(schedule, occurrence, deps.tz);
  const day = zonedDayKey(occurrence, deps.tz);
  if (schedule.skipRestDays && !deps.calendar.isWorkday(day)) return { kind: 'restDay' };
  const sourceKey = `schedule:${schedule.id}:${occurrence.toISOString()}`;
  const existing = await findBroadcastBySource(sourceKey);
  const remind = schedule.remindAfterMs !== null ? { remindAfterMs: schedule.remindAfterMs } : {};
  if (existing) {
    // A re-run after a crash: finish that broadcast; remember its item if the crash came first.
    const chats = await resumeBroadcast(existing, deps, now);
    if (!schedule.sent.includes(existing.itemId))
      await BroadcastScheduleModel.updateOne({ _id: schedule.id }, { $addToSet: { sent: existing.itemId } });
    return { kind: 'sent', broadcastId: existing.id, itemId: existing.itemId, reason: 'resumed', chats };
  }
  const library = await listContentItems();
  const pick = pickItem(library, schedule, day);
  if (!pick) return { kind: 'noItem' };
  const chats = await resolveTargets(schedule.targets);
  if (chats.length === 0) return { kind: 'noChats' };
  const started = await startBroadcast(
    { sourceKey, item: pick.item, scheduleId, chats, createdBy: 'schedule', ...remind },
    deps,
    now,
  );
  if (started.created)
    await BroadcastScheduleModel.updateOne(
      { _id: schedule.id },
      { $set: { sent: pick.sent, updatedAt: now } },
    );
  return {
    kind: 'sent',
    broadcastId: started.broadcast.id,
    itemId: pick.item.id,
    reason: pick.reason,
    chats: started.chats,
  };
}
