/**
 * Rate-limit slots shared by every bot process on one database (see src/lark/rate-limiter.ts).
 * One document per taken slot: `_id` = `<rule>:<key>:<windowMs>:<window index>:<slot>` for the
 * fixed-window rules, `<scope>:<n>` with `scope`, `n` and `at` for the sliding sequences
 * (src/lark/sliding-sequence.ts).
 * Taking a slot is an insert, so the unique `_id` index decides races on MongoDB and FerretDB alike.
 */
import mongoose, { Schema } from 'mongoose';

const rateSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** End of the slot's window; cleanup removes slots whose window ended long ago (no TTL in FerretDB). */
    until: { type: Date, required: true },
    /** Sliding sequences only: the scope, the slot number and the time its call is made. */
    scope: { type: String },
    n: { type: Number },
    at: { type: Date },
  },
  { collection: 'rate_windows', versionKey: false },
);

rateSlotSchema.index({ until: 1 });
rateSlotSchema.index({ scope: 1 });

/** The slots collection. */
export const RateSlot = mongoose.model('RateSlot', rateSlotSchema);
