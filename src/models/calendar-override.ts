/**
 * Admin overrides of the workday calendar: a day forced to rest (e.g. a local holiday) or to
 * work (e.g. a campaign inspection Saturday). They win over the official calendar.
 */
import mongoose, { type InferSchemaType, Schema } from 'mongoose';

/** Whether an overridden day is a rest day or a workday. */
export type OverrideKind = 'rest' | 'work';

const calendarOverrideSchema = new Schema(
  {
    /** Calendar day 'YYYY-MM-DD' in BOT_TIMEZONE. */
    date: { type: String, required: true, unique: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    kind: { type: String, required: true, enum: ['rest', 'work'] as const },
    note: { type: String, default: '' },
    /** open_id of the admin who set it. */
    createdBy: { type: String, default: '' },
    createdAt: { type: Date, required: true },
  },
  { collection: 'calendar_overrides', versionKey: false },
);

/** A stored calendar override. */
export type CalendarOverrideDoc = InferSchemaType<typeof calendarOverrideSchema>;

/** The calendar_overrides collection. */
export const CalendarOverride = mongoose.model('CalendarOverride', calendarOverrideSchema);

/** Fields to set when an admin overrides a day. */
export interface CalendarOverrideInput {
  date: string;
  kind: OverrideKind;
  note?: string;
  createdBy?: string;
}

/** Creates or replaces the override for `input.date`. */
export async function setCalendarOverride(input: CalendarOverrideInput, now: Date): Promise<void> {
  await CalendarOverride.updateOne(
    { date: input.date },
    {
      $set: { kind: input.kind, note: input.note ?? '', createdBy: input.createdBy ?? '', createdAt: now },
    },
    { upsert: true },
  );
}

/** Removes the override for `date`; true when one existed. */
export async function removeCalendarOverride(date: string): Promise<boolean> {
  const res = await CalendarOverride.deleteOne({ date });
  return res.deletedCount === 1;
}

/** All overrides, oldest day first. */
export async function listCalendarOverrides(): Promise<
  { date: string; kind: OverrideKind; note: string; createdBy: string; createdAt: Date }[]
> {
  const docs = await CalendarOverride.find({}).sort({ date: 1 }).lean();
  return docs.map((d) => ({
    date: d.date,
    kind: d.kind,
    note: d.note ?? '',
    createdBy: d.createdBy ?? '',
    createdAt: d.createdAt,
  }));
}
