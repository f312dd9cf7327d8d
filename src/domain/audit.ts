import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../dispatch/inbox.js';
import { AuditEntryModel } from '../models/audit-entry.js';

/** One audit record as written by a handler. */
export interface AuditInput {
  actor: string;
  action: string;
  outcome: 'ok' | 'refused';
  target?: string;
  before?: unknown;
  after?: unknown;
  detail?: string;
  eventId?: string;
  /** A fixed id (24 hex) makes the entry idempotent: writing it again changes nothing. */
  id?: string;
}

/** An audit record as read back. */
export interface AuditRecord extends Required<Omit<AuditInput, 'before' | 'after' | 'id'>> {
  at: Date;
  before: unknown;
  after: unknown;
}

/** Appends one entry to the audit log. */
export async function recordAudit(input: AuditInput, now: Date): Promise<void> {
  await AuditEntryModel.create({
    ...(input.id ? { _id: new mongoose.Types.ObjectId(input.id) } : {}),
    at: now,
    actor: input.actor,
    action: input.action,
    outcome: input.outcome,
    target: input.target ?? '',
    before: input.before ?? null,
    after: input.after ?? null,
    detail: input.detail ?? '',
    eventId: input.eventId ?? '',
  }).catch((error: unknown) => {
    if (!(input.id && isDuplicateKeyError(error))) throw error;
  });
}

/** The newest `limit` entries, newest first (optionally since a time). */
export async function listAudit(limit: number, since?: Date): Promise<AuditRecord[]> {
  const filter = since ? { at: { $gte: since } } : {};
  const docs = await AuditEntryModel.find(filter).sort({ at: -1 }).limit(limit).lean();
  return docs.map((d) => ({
    at: d.at,
    actor: d.actor,
    action: d.action,
    outcome: d.outcome as 'ok' | 'refused',
    target: d.target ?? '',
    before: d.before ?? null,
    after: d.after ?? null,
    detail: d.detail ?? '',
    eventId: d.eventId ?? '',
  }));
}
