import mongoose from 'mongoose';

/**
 * Short leases that serialise changes to the organisation (people, departments, bindings).
 * Taking one is a unique `_id` insert, the only write that is atomic on FerretDB 1.24 as well
 * as on MongoDB; `expiresAt` lets a crashed holder's lease be taken over.
 */
const orgLockSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'org_locks', versionKey: false },
);

export type OrgLockDoc = mongoose.InferSchemaType<typeof orgLockSchema>;
export const OrgLockModel = mongoose.model('OrgLock', orgLockSchema);
