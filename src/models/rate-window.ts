/**
 * Rate-limit slots shared by every bot process on one database (see src/lark/rate-limiter.ts).
 * One document per taken slot: `_id` = `<rule>:<key>:<windowMs>:<window index>:<slot>`.
 * Taking a slot is an insert, so the unique `_id` index decides races on MongoDB and FerretDB alike.
 */
import mongoose, { Schema } from 'mongoose';

const rateSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** End of the slot's window; cleanup removes slots whose window ended long ago (no TTL in FerretDB). */
    until: { type: Date, required: true },
  },
  { collection: 'rate_windows', versionKey: false },
);

rateSlotSchema.index({ until: 1 });

/** The slots collection. */
export const RateSlot = mongoose.model('RateSlot', rateSlotSchema);
