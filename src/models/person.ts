import mongoose from 'mongoose';

/**
 * A person the bot knows, by open_id. Everything about one person — cached contact data,
 * department, stored roles, departments they lead, language — is one document, so every
 * change to a person (a command, an imported row) is a single-document write.
 */
const personSchema = new mongoose.Schema(
  {
    openId: { type: String, required: true, unique: true },
    name: { type: String, default: '' },
    enName: { type: String, default: '' },
    email: { type: String, default: '' },
    mobile: { type: String, default: '' },
    /** Department ids from the Feishu contact API (not ours). */
    feishuDepartmentIds: { type: [String], default: [] },
    /** Our department (Department._id) this person belongs to. */
    deptId: { type: String, default: null },
    /** Stored roles: 'admin' and/or 'supervisor'. 'leader' follows from `leads`; 'member' is implicit. */
    roles: { type: [String], default: [] },
    /** Departments (Department._id) this person heads. */
    leads: { type: [String], default: [] },
    /** Personal language, else the agency's. */
    locale: { type: String, enum: ['zh-CN', 'en-US', null], default: null },
    /** When name and contact data were last read from the contact API. */
    contactFetchedAt: { type: Date, default: null },
    /** When the contact API was last tried (success or not); failures are retried after a pause. */
    contactTriedAt: { type: Date, default: null },
  },
  { collection: 'people', timestamps: true },
);
personSchema.index({ deptId: 1 });
personSchema.index({ leads: 1 });
personSchema.index({ roles: 1 });

export type PersonDoc = mongoose.InferSchemaType<typeof personSchema>;
export const PersonModel = mongoose.model('Person', personSchema);
