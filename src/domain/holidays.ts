/**
 * Admin overrides of the workday calendar (`/holiday add|remove|list`): each change is stored,
 * audited with before and after, and invalidates this process's cached calendar.
 */
import {
  CalendarOverride,
  type OverrideKind,
  removeCalendarOverride,
  setCalendarOverride,
} from '../models/calendar-override.js';
import { recordAudit } from './audit.js';
import { invalidateCalendars } from './calendar-service.js';

/** One override as shown to users. */
export interface HolidayOverride {
  date: string;
  kind: OverrideKind;
  note: string;
  createdBy: string;
  createdAt: Date;
}

/** Who makes a change, for the audit log. */
export interface ChangeActor {
  actor: string;
  eventId?: string;
}

/** The override stored for `date`, if any. */
export async function findHolidayOverride(date: string): Promise<HolidayOverride | null> {
  const doc = await CalendarOverride.findOne({ date: { $eq: date } }).lean();
  if (!doc) return null;
  return {
    date: doc.date,
    kind: doc.kind,
    note: doc.note ?? '',
    createdBy: doc.createdBy ?? '',
    createdAt: doc.createdAt,
  };
}

function auditValue(o: { kind: OverrideKind; note: string } | null): unknown {
  return o ? { kind: o.kind, note: o.note } : null;
}

/** Sets `date` to a rest day or workday; returns the override it replaced (null if none). */
export async function addHolidayOverride(
  input: { date: string; kind: OverrideKind; note?: string },
  who: ChangeActor,
  now: Date,
): Promise<{ previous: HolidayOverride | null }> {
  const previous = await findHolidayOverride(input.date);
  const note = input.note ?? '';
  await setCalendarOverride({ date: input.date, kind: input.kind, note, createdBy: who.actor }, now);
  invalidateCalendars();
  await recordAudit(
    {
      actor: who.actor,
      action: 'holiday.add',
      outcome: 'ok',
      target: input.date,
      before: auditValue(previous),
      after: { kind: input.kind, note },
      eventId: who.eventId,
    },
    now,
  );
  return { previous };
}

/** Removes the override of `date`; returns it, or null when there was none (nothing changes). */
export async function removeHolidayOverride(
  date: string,
  who: ChangeActor,
  now: Date,
): Promise<HolidayOverride | null> {
  const previous = await findHolidayOverride(date);
  if (!previous) return null;
  await removeCalendarOverride(date);
  invalidateCalendars();
  await recordAudit(
    {
      actor: who.actor,
      action: 'holiday.remove',
      outcome: 'ok',
      target: date,
      before: auditValue(previous),
      after: null,
      eventId: who.eventId,
    },
    now,
  );
  return previous;
}

/** The overrides of one year, by day. */
export async function listHolidayOverrides(year: number): Promise<HolidayOverride[]> {
  const y = String(year).padStart(4, '0');
  const docs = await CalendarOverride.find({ date: { $gte: `${y}-01-01`, $lte: `${y}-12-31` } })
    .sort({ date: 1 })
    .lean();
  return docs.map((d) => ({
    date: d.date,
    kind: d.kind,
    note: d.note ?? '',
    createdBy: d.createdBy ?? '',
    createdAt: d.createdAt,
  }));
}
