/**
 * The agency's default reminder policy, one small document (`_id: 'tenant'`) in
 * `reminder_settings`; absent = {@link DEFAULT_REMINDER_POLICY}. A task's own `reminderPolicy`
 * (same shape) wins over it.
 */
import mongoose from 'mongoose';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy, reminderPolicySchema } from './task-reminders-plan.js';

const reminderSettingsSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    policy: { type: mongoose.Schema.Types.Mixed, default: null },
    updatedAt: { type: Date, default: null },
    updatedBy: { type: String, default: null },
  },
  { collection: 'reminder_settings', versionKey: false },
);

/** The reminder settings collection. */
export const ReminderSettingsModel = mongoose.model('ReminderSettings', reminderSettingsSchema);

const TENANT = 'tenant';

/** The agency default policy (stored value when valid, else the built-in default). */
export async function loadDefaultReminderPolicy(): Promise<ReminderPolicy> {
  const doc = await ReminderSettingsModel.findById(TENANT).lean();
  if (!doc?.policy) return DEFAULT_REMINDER_POLICY;
  const parsed = reminderPolicySchema.safeParse(doc.policy);
  return parsed.success ? parsed.data : DEFAULT_REMINDER_POLICY;
}

/** Stores the agency default policy (validated). Existing tasks pick it up at their next sync. */
export async function saveDefaultReminderPolicy(
  policy: ReminderPolicy,
  actor: string,
  now: Date,
): Promise<void> {
  const valid = reminderPolicySchema.parse(policy);
  await ReminderSettingsModel.updateOne(
    { _id: TENANT },
    { $set: { policy: valid, updatedAt: now, updatedBy: actor } },
    { upsert: true },
  );
}
