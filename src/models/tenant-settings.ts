import mongoose from 'mongoose';

/**
 * Agency-wide settings changed by admins with `/config set`; one document (`_id: 'tenant'`).
 * Unset fields fall back to the environment (BOT_TIMEZONE) and built-in defaults.
 */
const tenantSettingsSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    timezone: { type: String, default: null },
    quietHours: {
      type: new mongoose.Schema({ start: String, end: String, workdaysOnly: Boolean }, { _id: false }),
      default: null,
    },
    /** `mainland`: the official holiday and 调休 calendar; `weekdays`: plain Monday–Friday. */
    workdays: { type: String, enum: ['mainland', 'weekdays', null], default: null },
    locale: { type: String, enum: ['zh-CN', 'en-US', null], default: null },
    updatedAt: { type: Date, default: null },
    updatedBy: { type: String, default: null },
  },
  { collection: 'tenant_settings', versionKey: false },
);

export type TenantSettingsDoc = mongoose.InferSchemaType<typeof tenantSettingsSchema>;
export const TenantSettingsModel = mongoose.model('TenantSettings', tenantSettingsSchema);
