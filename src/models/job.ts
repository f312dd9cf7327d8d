/**
 * The durable schedule: one document per unit of scheduled work, claimed by scheduler ticks
 * with atomic leases. See src/jobs/scheduler.ts for the state machine.
 */
import mongoose, { type InferSchemaType, Schema } from 'mongoose';

/** Lifecycle of a job: pending → running → done | failed | skipped (running → pending on retry). */
export const JOB_STATES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;

/** One of {@link JOB_STATES}. */
export type JobState = (typeof JOB_STATES)[number];

/** Why a job was skipped instead of run. */
export type SkipReason = 'stale' | 'superseded' | 'cancelled';

const jobSchema = new Schema(
  {
    /** Caller-chosen identity: job name + period + recipient, e.g. `task-reminder:T42:2026-12-03T09:00:ou_x`. */
    key: { type: String, required: true, unique: true },
    /** Handler name registered with the Scheduler. */
    name: { type: String, required: true },
    /** When the job may next be claimed (moved forward by retries). */
    runAt: { type: Date, required: true },
    /**
     * The UTC minute ('YYYY-MM-DDTHH:mm') from which the job is claimable: runAt's, or the
     * scheduling minute when runAt was already past. Ticks look jobs up by equality on it
     * (FerretDB pushes only equality filters down to its backend; a range on runAt scans).
     */
    dueMinute: { type: String, default: null },
    /** The planned time (retries keep it; only a re-plan of the reminder policy moves it). */
    scheduledAt: { type: Date, required: true },
    payload: { type: Schema.Types.Mixed, default: () => ({}) },
    state: { type: String, enum: JOB_STATES, default: 'pending' },
    /** Claims so far (a crashed run counts). */
    attempts: { type: Number, default: 0 },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    skipReason: { type: String, enum: ['stale', 'superseded', 'cancelled', null], default: null },
    finishedAt: { type: Date, default: null },
    /** A claim later than this after the job became due skips it; null = always run late. */
    staleAfterMs: { type: Number, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'jobs', versionKey: false, minimize: false },
);

jobSchema.index({ state: 1, runAt: 1 });
jobSchema.index({ dueMinute: 1, state: 1 });
jobSchema.index({ state: 1, leaseUntil: 1 });
jobSchema.index({ name: 1, scheduledAt: -1 });
jobSchema.index({ state: 1, finishedAt: 1 });

/** A stored job document. */
export type JobDoc = InferSchemaType<typeof jobSchema>;

/** The jobs collection. */
export const Job = mongoose.model('Job', jobSchema);

const jobClaimSchema = new Schema(
  {
    /** `${job key}#${attempt}`: the unique _id makes "who runs attempt N" a single atomic insert. */
    _id: { type: String, required: true },
    jobKey: { type: String, required: true },
    attempt: { type: Number, required: true },
    owner: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'job_claims', versionKey: false },
);

jobClaimSchema.index({ createdAt: 1 });

/** A stored claim token. */
export type JobClaimDoc = InferSchemaType<typeof jobClaimSchema>;

/**
 * Claim tokens, one per (job, attempt). Inserting one is the arbiter of which process runs
 * an attempt: a unique-key insert is atomic on MongoDB and on FerretDB, whose 1.x
 * findAndModify/update are read-then-write and let two claimers both "win".
 */
export const JobClaim = mongoose.model('JobClaim', jobClaimSchema);
