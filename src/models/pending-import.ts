import mongoose from 'mongoose';

/**
 * An import an admin started (`/import members`) and the bot is waiting a file for: one per
 * admin (`_id` = their open_id), valid until `expiresAt`. Kept in Mongo so any instance that
 * receives the file knows about it, and a restart forgets nothing. Expired records are
 * harmless (ignored, then overwritten by the next `/import`).
 */
const pendingImportSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['members'], required: true },
    /** The p2p chat the command came from; the file must arrive there. */
    chatId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    /** The event that started it (for tracing). */
    eventId: { type: String, default: '' },
  },
  { collection: 'pending_imports', versionKey: false },
);

/** A stored pending import. */
export type PendingImportDoc = mongoose.InferSchemaType<typeof pendingImportSchema>;
/** The pending_imports collection. */
export const PendingImportModel = mongoose.model('PendingImport', pendingImportSchema);
