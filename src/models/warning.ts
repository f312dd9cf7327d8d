import mongoose from 'mongoose';

/**
 * One early-warning episode per (rule, department), `_id` = `${rule}:${deptId}`: the state the
 * last claimed transition left it in. It is a read model; the claim is WarningTransition.
 */
const episodeSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    rule: { type: String, required: true },
    deptId: { type: String, required: true },
    state: { type: String, enum: ['active', 'clear'], required: true },
    /** Number of transitions so far (the last claimed WarningTransition). */
    seq: { type: Number, required: true },
    /** When the current (or last) active episode started. */
    since: { type: Date, required: true },
    /** The figure that tripped the rule, e.g. 4 overdue tasks. */
    value: { type: Number, default: null },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'warning_episodes', versionKey: false },
);
export const WarningEpisodeModel = mongoose.model('WarningEpisode', episodeSchema);

/**
 * A state change of an episode, `_id` = `${rule}:${deptId}:${n}` (n = 1, 2, …): inserting it is
 * the claim (a unique insert is atomic on FerretDB too), so two checkers never both alert.
 */
const transitionSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    rule: { type: String, required: true },
    deptId: { type: String, required: true },
    n: { type: Number, required: true },
    state: { type: String, enum: ['active', 'clear'], required: true },
    /** Start of the episode this transition opens or closes. */
    since: { type: Date, required: true },
    value: { type: Number, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'warning_transitions', versionKey: false },
);
transitionSchema.index({ rule: 1, deptId: 1, n: -1 });
export const WarningTransitionModel = mongoose.model('WarningTransition', transitionSchema);
