import mongoose from 'mongoose';

/**
 * The audit log: every configuration change and every refused attempt, append-only.
 * `before` / `after` hold plain snapshots of what changed.
 */
const auditEntrySchema = new mongoose.Schema(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    /** What was attempted, e.g. `admin.add`, `dept.rename`, `chat.bind`, `holiday.add`. */
    action: { type: String, required: true },
    outcome: { type: String, enum: ['ok', 'refused'], required: true },
    /** What it was done to (an open_id, a department name, a chat id, a date…). */
    target: { type: String, default: '' },
    before: { type: mongoose.Schema.Types.Mixed, default: null },
    after: { type: mongoose.Schema.Types.Mixed, default: null },
    /** Why it was refused, or a short note. */
    detail: { type: String, default: '' },
    /** The event that caused it (for tracing and dedupe). */
    eventId: { type: String, default: '' },
  },
  { collection: 'audit_log', versionKey: false },
);
auditEntrySchema.index({ at: -1 });

export type AuditEntryDoc = mongoose.InferSchemaType<typeof auditEntrySchema>;
export const AuditEntryModel = mongoose.model('AuditEntry', auditEntrySchema);
