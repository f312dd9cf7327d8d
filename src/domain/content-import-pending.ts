/**
 * Content imports waiting for a file: started by `/content import`, consumed by the content
 * import file handler. One document per person (`_id` = open_id), like the task and member
 * imports; when several are open in the same chat, the one started last takes the file.
 */
import mongoose from 'mongoose';
import { PendingImportModel } from '../models/pending-import.js';
import { IMPORT_WAIT_MS } from './pending-imports.js';
import { PendingTaskImportModel } from './task-import-pending.js';

const pendingContentImportSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    chatId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    eventId: { type: String, default: '' },
  },
  { collection: 'pending_content_imports', versionKey: false },
);

/** The pending_content_imports collection. */
export const PendingContentImportModel = mongoose.model('PendingContentImport', pendingContentImportSchema);

/** Starts (or restarts) waiting for `openId`'s content file in `chatId`. */
export async function startPendingContentImport(
  input: { openId: string; chatId: string; eventId: string },
  now: Date,
): Promise<void> {
  await PendingContentImportModel.updateOne(
    { _id: input.openId },
    {
      $set: {
        chatId: input.chatId,
        startedAt: now,
        expiresAt: new Date(now.getTime() + IMPORT_WAIT_MS),
        eventId: input.eventId,
      },
    },
    { upsert: true },
  );
}

/** True when `openId` has an open content import in `chatId` that no later import overrides. */
export async function hasPendingContentImport(openId: string, chatId: string, now: Date): Promise<boolean> {
  const open = { _id: openId, chatId, expiresAt: { $gt: now } };
  const doc = await PendingContentImportModel.findOne(open).lean();
  if (!doc) return false;
  const others = await Promise.all([
    PendingImportModel.findOne(open).lean(),
    PendingTaskImportModel.findOne(open).lean(),
  ]);
  return !others.some((o) => o && o.startedAt.getTime() > doc.startedAt.getTime());
}

/** Ends the wait (after a successful import). */
export async function endPendingContentImport(openId: string): Promise<void> {
  await PendingContentImportModel.deleteOne({ _id: openId });
}
