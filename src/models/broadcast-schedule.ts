import mongoose from 'mongoose';

/**
 * A broadcast schedule (`S` + four characters). `timing` is one of
 * `{kind:'cron', cron}`, `{kind:'dates', dates: ISO[]}` or `{kind:'anniversary', time:'HH:mm'}`,
 * read in the agency time zone. `targets`: `{kind:'all'}`, `{kind:'depts', ids}` or
 * `{kind:'chats', ids}`. `selection`: `{kind:'rotate', tag}` ('' = the whole library) or
 * `{kind:'fixed', itemId}`. `sent` holds the item ids of the current rotation cycle.
 */
const broadcastScheduleSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    /** The timing as typed (shown in lists). */
    label: { type: String, default: '' },
    timing: { type: mongoose.Schema.Types.Mixed, required: true },
    targets: { type: mongoose.Schema.Types.Mixed, required: true },
    selection: { type: mongoose.Schema.Types.Mixed, required: true },
    /** 主题: prefer items with this tag between `from` and `to` (day keys), or null. */
    theme: { type: mongoose.Schema.Types.Mixed, default: null },
    skipRestDays: { type: Boolean, default: false },
    /** Delay of the 必学 reminder for this schedule's broadcasts (null: the default). */
    remindAfterMs: { type: Number, default: null },
    state: { type: String, enum: ['active', 'paused', 'removed'], default: 'active' },
    sent: { type: [String], default: [] },
    createdBy: { type: String, default: '' },
    /** The command's event that created it; the id is derived from it (keyed-create.ts). */
    sourceKey: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'broadcast_schedules', versionKey: false },
);
broadcastScheduleSchema.index({ state: 1 });

export type BroadcastScheduleDoc = mongoose.InferSchemaType<typeof broadcastScheduleSchema>;
export const BroadcastScheduleModel = mongoose.model('BroadcastSchedule', broadcastScheduleSchema);
