import mongoose from 'mongoose';

/** Who changed one setting, and when. */
const changeSchema = new mongoose.Schema({ by: String, at: Date }, { _id: false });

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
    /** Who last set each field and when (`changes.timezone`, …); absent = never set. */
    changes: {
      timezone: { type: changeSchema, default: undefined },
      quietHours: { type: changeSchema, default: undefined },
      workdays: { type: changeSchema, default: undefined },
      locale: { type: changeSchema, default: undefined },
    },
    updatedAt: { type: Date, default: null },
    updatedBy: { type: String, default: null },
  },
  { collection: 'tenant_settings', versionKey: false },
);

export type TenantSettingsDoc = mongoose.InferSchemaType<typeof tenantSettingsSchema>;
export const TenantSettingsModel = mongoose.model('TenantSettings', tenantSettingsSchema);
