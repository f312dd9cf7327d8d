import mongoose from 'mongoose';

/** The early-warning thresholds set by `/warning config` (one document, `_id` = 'thresholds'). */
const warningConfigSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    thresholds: { type: mongoose.Schema.Types.Mixed, required: true },
    updatedBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'warning_config', versionKey: false },
);
export const WarningConfigModel = mongoose.model('WarningConfig', warningConfigSchema);
