import mongoose from 'mongoose';

/** The evaluation weights set by `/score config` (one document, `_id` = 'weights'). */
const scoreConfigSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    weights: { type: mongoose.Schema.Types.Mixed, required: true },
    updatedBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'score_config', versionKey: false },
);
export const ScoreConfigModel = mongoose.model('ScoreConfig', scoreConfigSchema);
