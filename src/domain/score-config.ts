/** The stored evaluation weights (defaults until an admin changes them with `/score config`). */
import { ScoreConfigModel } from '../models/score.js';
import { DEFAULT_SCORE_WEIGHTS, type ScoreWeights, validateWeights } from './score.js';

/** The weights in force: the stored ones when valid, else the defaults. */
export async function loadScoreWeights(): Promise<ScoreWeights> {
  const doc = await ScoreConfigModel.findOne({ _id: { $eq: 'weights' } }).lean();
  const stored = { ...DEFAULT_SCORE_WEIGHTS, ...((doc?.weights as Partial<ScoreWeights> | undefined) ?? {}) };
  return validateWeights(stored) ? DEFAULT_SCORE_WEIGHTS : stored;
}

/** Stores new weights (the caller has validated them). */
export async function saveScoreWeights(weights: ScoreWeights, by: string, now: Date): Promise<void> {
  await ScoreConfigModel.updateOne(
    { _id: { $eq: 'weights' } },
    { $set: { weights, updatedBy: by, updatedAt: now } },
    { upsert: true },
  );
}
