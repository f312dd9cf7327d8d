/** Imports waiting for a file: started by `/import members`, consumed by the file handler. */
import { PendingImportModel } from '../models/pending-import.js';

/** How long the bot waits for the file after `/import members`. */
export const IMPORT_WAIT_MS = 10 * 60_000;

/** A pending import as read back. */
export interface PendingImport {
  openId: string;
  kind: 'members';
  chatId: string;
  expiresAt: Date;
}

/** Starts (or restarts) waiting for `openId`'s file in `chatId`; one document write. */
export async function startPendingImport(
  input: { openId: string; chatId: string; eventId: string },
  now: Date,
): Promise<PendingImport> {
  const expiresAt = new Date(now.getTime() + IMPORT_WAIT_MS);
  await PendingImportModel.updateOne(
    { _id: input.openId },
    { $set: { kind: 'members', chatId: input.chatId, startedAt: now, expiresAt, eventId: input.eventId } },
    { upsert: true },
  );
  return { openId: input.openId, kind: 'members', chatId: input.chatId, expiresAt };
}

/** The import `openId` started in `chatId` that is still open at `now`, if any. */
export async function findPendingImport(
  openId: string,
  chatId: string,
  now: Date,
): Promise<PendingImport | null> {
  const doc = await PendingImportModel.findOne({ _id: openId, chatId, expiresAt: { $gt: now } }).lean();
  return doc ? { openId, kind: 'members', chatId: doc.chatId, expiresAt: doc.expiresAt } : null;
}
