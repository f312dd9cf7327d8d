import mongoose from 'mongoose';

/**
 * When the weekly digest goes out (`/digest time 周一 09:00`); one document (`_id: 'weekly'`).
 * `weekday` 0 = Sunday … 6 = Saturday, `hour` 0–23 local time in the agency time zone.
 */
const digestScheduleSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    weekday: { type: Number, required: true },
    hour: { type: Number, required: true },
    updatedBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'digest_schedule', versionKey: false },
);
export const DigestScheduleModel = mongoose.model('DigestSchedule', digestScheduleSchema);

/** A leader or admin who unsubscribed from the weekly digest (`/digest unsubscribe`); `_id` = open_id. */
const digestOptOutSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'digest_optouts', versionKey: false },
);
export const DigestOptOutModel = mongoose.model('DigestOptOut', digestOptOutSchema);
