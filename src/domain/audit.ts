import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { insertDocument } from '../batching/model-insert.js';
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
  /**
   * Makes the entry idempotent: the same key writes one entry (the `_id` is derived from it), so
   * a step re-run after a crash does not log its change twice.
   */
  key?: string;
  /**
   * A fixed id (24 hex) made by the caller, for entries whose key must not be derivable by a
   * database reader (anonymous feedback uses a keyed HMAC); idempotent like `key`.
   */
  id?: string;
}

/** An audit record as read back. */
export interface AuditRecord extends Required<Omit<AuditInput, 'before' | 'after' | 'key' | 'id'>> {
  at: Date;
  before: unknown;
  after: unknown;
}

/** Appends one entry to the audit log (a keyed entry once). */
export async function recordAudit(input: AuditInput, now: Date): Promise<void> {
  const doc = {
    ...(input.id
      ? { _id: new Types.ObjectId(input.id) }
      : input.key
        ? { _id: keyedObjectId(input.key) }
        : {}),
    at: now,
    actor: input.actor,
    action: input.action,
    outcome: input.outcome,
    target: input.target ?? '',
    before: input.before ?? null,
    after: input.after ?? null,
    detail: input.detail ?? '',
    eventId: input.eventId ?? '',
  };
  // Cast and validated as `create` would, then group-committed with the other audit entries.
  const inserted = await insertDocument(AuditEntryModel, doc);
  if (!inserted && !(input.key || input.id)) throw new Error('audit entry exists');
}

/** An ObjectId derived from a key (a hash, so it carries no time). */
function keyedObjectId(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`audit:${key}`).digest('hex').slice(0, 24));
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
