/**
 * Task imports waiting for a file: started by `/task import`, consumed by the task-import file
 * handler. A small collection of its own (one document per person, `_id` = open_id), parallel
 * to the member imports' (pending-imports.ts), so either can be waited for without the other
 * knowing. When both are open, the one started last takes the file.
 */
import mongoose from 'mongoose';
import { PendingImportModel } from '../models/pending-import.js';
import { IMPORT_WAIT_MS } from './pending-imports.js';

const pendingTaskImportSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    /** The p2p chat the command came from; the file must arrive there. */
    chatId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    eventId: { type: String, default: '' },
  },
  { collection: 'pending_task_imports', versionKey: false },
);

/** The pending_task_imports collection. */
export const PendingTaskImportModel = mongoose.model('PendingTaskImport', pendingTaskImportSchema);

/** A pending task import as read back. */
export interface PendingTaskImport {
  openId: string;
  chatId: string;
  startedAt: Date;
  expiresAt: Date;
}

/** Starts (or restarts) waiting for `openId`'s ledger file in `chatId`; one document write. */
export async function startPendingTaskImport(
  input: { openId: string; chatId: string; eventId: string },
  now: Date,
): Promise<PendingTaskImport> {
  const expiresAt = new Date(now.getTime() + IMPORT_WAIT_MS);
  await PendingTaskImportModel.updateOne(
    { _id: input.openId },
    { $set: { chatId: input.chatId, startedAt: now, expiresAt, eventId: input.eventId } },
    { upsert: true },
  );
  return { openId: input.openId, chatId: input.chatId, startedAt: now, expiresAt };
}

/**
 * The task import `openId` started in `chatId` that is still open at `now` — unless a member
 * import (`/import members`) was started there after it, which then takes the file.
 */
export async function findPendingTaskImport(
  openId: string,
  chatId: string,
  now: Date,
): Promise<PendingTaskImport | null> {
  const doc = await PendingTaskImportModel.findOne({ _id: openId, chatId, expiresAt: { $gt: now } }).lean();
  if (!doc) return null;
  const member = await PendingImportModel.findOne({ _id: openId, chatId, expiresAt: { $gt: now } }).lean();
  if (member && member.startedAt.getTime() > doc.startedAt.getTime()) return null;
  return { openId, chatId: doc.chatId, startedAt: doc.startedAt, expiresAt: doc.expiresAt };
}
