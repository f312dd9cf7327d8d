/**
 * People the bot knows, by open_id: contact data cached from the Feishu contact API (refreshed
 * when older than a day), plus the department and roles the organisation commands store.
 */
import { insertsInto, readsOf } from '../batching/collections.js';
import type { Locale } from '../i18n/index.js';
import type { LarkClient, LarkUser } from '../lark/client.js';
import { LarkApiError } from '../lark/errors.js';
import type { Logger } from '../logger.js';
import { PersonModel } from '../models/person.js';
import type { Clock } from '../time/clock.js';
import { OrgBusyError, withOrgLock } from './org-lock.js';

/** Roles stored on a person ('leader' follows from `leads`, 'member' is implicit). */
export type StoredRole = 'admin' | 'supervisor';

/** A person as the rest of the bot reads them. */
export interface PersonView {
  openId: string;
  /** Display name ('' when neither the contact API nor a mention ever told us). */
  name: string;
  /** Our department (Department id), if assigned. */
  deptId: string | null;
  /** Stored roles only. */
  roles: StoredRole[];
  /** Departments they head directly (ids, without sub-departments). */
  leads: string[];
  locale: Locale | null;
  /** When the contact data was last read, if ever. */
  contactFetchedAt: Date | null;
}

/** What the command handlers need to know about people. */
export interface Directory {
  /** open_ids from BOT_ADMINS: admins that no command can remove. */
  readonly bootstrapAdmins: readonly string[];
  isBootstrapAdmin(openId: string): boolean;
  /**
   * Returns the person, creating or refreshing the cached contact data when missing or stale.
   * A failing contact call never throws: the stored name (or `hint.name`) is used instead.
   */
  ensurePerson(openId: string, hint?: { name?: string }): Promise<PersonView>;
  /** A display name for an open_id: the cached name, else the contact API's, else the open_id. */
  displayName(openId: string): Promise<string>;
  /** Display names of several people (stored names; the contact API only for unnamed ones). */
  displayNames(openIds: readonly string[]): Promise<Map<string, string>>;
}

/** Options of {@link createDirectory}. */
export interface DirectoryOptions {
  client: Pick<LarkClient, 'getUser' | 'resetToken'>;
  clock: Clock;
  log: Logger;
  bootstrapAdmins: readonly string[];
  /** Contact data older than this is refreshed (default 24 h). */
  maxAgeMs?: number;
  /** After a failed contact call, wait this long before trying again (default 1 h). */
  retryAfterMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;

type PersonLean = {
  openId: string;
  name?: string | null;
  deptId?: string | null;
  roles?: string[] | null;
  leads?: string[] | null;
  locale?: string | null;
  contactFetchedAt?: Date | null;
  contactTriedAt?: Date | null;
};

/** Converts a stored person to a {@link PersonView}. */
export function toPersonView(doc: PersonLean): PersonView {
  return {
    openId: doc.openId,
    name: doc.name ?? '',
    deptId: doc.deptId ?? null,
    roles: (doc.roles ?? []).filter((r): r is StoredRole => r === 'admin' || r === 'supervisor'),
    leads: [...(doc.leads ?? [])],
    locale: (doc.locale as Locale | null | undefined) ?? null,
    contactFetchedAt: doc.contactFetchedAt ?? null,
  };
}

/** An empty view for someone not stored yet. */
export function blankPerson(openId: string, name = ''): PersonView {
  return { openId, name, deptId: null, roles: [], leads: [], locale: null, contactFetchedAt: null };
}

/** One stored person, if any. */
export async function findPerson(openId: string): Promise<PersonView | undefined> {
  const doc = await readsOf<PersonLean>(PersonModel, 'openId').get(openId);
  return doc ? toPersonView(doc) : undefined;
}

/** People assigned to a department (by `deptId`), by name. */
export async function listPeopleInDepartment(deptId: string): Promise<PersonView[]> {
  const docs = await PersonModel.find({ deptId: { $eq: deptId } }).lean();
  return docs.map(toPersonView).sort(byName);
}

/** People who head a department directly, by name. */
export async function listLeadersOf(deptId: string): Promise<PersonView[]> {
  const docs = await PersonModel.find({ leads: { $eq: deptId } }).lean();
  return docs.map(toPersonView).sort(byName);
}

/** People with a stored role, by name. */
export async function listPeopleWithRole(role: StoredRole): Promise<PersonView[]> {
  const docs = await PersonModel.find({ roles: { $eq: role } }).lean();
  return docs.map(toPersonView).sort(byName);
}

function byName(a: PersonView, b: PersonView): number {
  return a.name.localeCompare(b.name, 'zh-CN') || a.openId.localeCompare(b.openId);
}

/** Upserts a person's fields; an insert racing another insert turns into an update. */
async function upsertPerson(openId: string, set: Record<string, unknown>): Promise<void> {
  await withOrgLock(() => upsertPersonUnlocked(openId, set));
}

async function upsertPersonUnlocked(openId: string, set: Record<string, unknown>): Promise<void> {
  const filter = { openId: { $eq: openId } };
  try {
    await PersonModel.updateOne(filter, { $set: set, $setOnInsert: { openId } }, { upsert: true });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    await PersonModel.updateOne(filter, { $set: set });
  }
}

/** A new person's stored document: the model's defaults, the given fields, both timestamps. */
function newPersonDoc(openId: string, set: Record<string, unknown>, now: Date): Record<string, unknown> {
  const doc = new PersonModel({ ...set, openId }).toObject({ versionKey: false });
  return { ...doc, createdAt: now, updatedAt: now };
}

function contactFields(user: LarkUser, fallbackName: string): Record<string, unknown> {
  return {
    name: user.name || fallbackName,
    enName: user.enName ?? '',
    email: user.email ?? '',
    feishuDepartmentIds: user.departmentIds,
  };
}

/** Creates the directory over the people collection and the contact API. */
export function createDirectory(opts: DirectoryOptions): Directory {
  const maxAgeMs = opts.maxAgeMs ?? 24 * HOUR_MS;
  const retryAfterMs = opts.retryAfterMs ?? HOUR_MS;
  const admins = new Set(opts.bootstrapAdmins);

  const isFresh = (doc: PersonLean | null, now: Date): boolean => {
    const fetched = doc?.contactFetchedAt?.getTime();
    if (fetched !== undefined && now.getTime() - fetched < maxAgeMs) return true;
    const tried = doc?.contactTriedAt?.getTime();
    // A recent failure: do not ask again yet (the stored or hinted name serves meanwhile).
    return tried !== undefined && now.getTime() - tried < retryAfterMs && Boolean(doc?.name);
  };

  /**
   * Writes contact data; skipped (not failed) when the organisation lease is busy. Someone the
   * bot has never seen is inserted without the lease (an insert overwrites nothing, and a burst
   * of newcomers becomes a few batched inserts); only when the person appeared meanwhile is the
   * leased update needed.
   */
  const store = async (openId: string, set: Record<string, unknown>, isNew = false): Promise<void> => {
    if (
      isNew &&
      (await insertsInto(PersonModel, 'openId').insert(newPersonDoc(openId, set, opts.clock.now())))
    )
      return;
    try {
      await withOrgLock(() => upsertPerson(openId, set), { waitMs: 1_000 });
    } catch (error) {
      if (!(error instanceof OrgBusyError)) throw error;
      opts.log.warn({ openId }, 'contact cache not written: organisation lease busy');
    }
  };

  /** One contact lookup; a rejected token is dropped and the call tried once more. */
  const lookUp = async (openId: string): Promise<LarkUser> => {
    try {
      return await opts.client.getUser(openId);
    } catch (error) {
      if (!(error instanceof LarkApiError && error.tokenInvalid)) throw error;
      await opts.client.resetToken();
      return opts.client.getUser(openId);
    }
  };

  // Concurrent lookups of one person in this process share one contact call (a burst of
  // events from the same people must not become a burst of contact API calls).
  const inFlight = new Map<string, Promise<PersonView>>();
  const ensurePerson = (openId: string, hint: { name?: string } = {}): Promise<PersonView> => {
    const key = `${openId}\u0000${hint.name ?? ''}`;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const work = ensurePersonOnce(openId, hint).finally(() => inFlight.delete(key));
    inFlight.set(key, work);
    return work;
  };

  const ensurePersonOnce = async (openId: string, hint: { name?: string }): Promise<PersonView> => {
    const now = opts.clock.now();
    const doc = await readsOf<PersonLean>(PersonModel, 'openId').get(openId);
    const hinted = hint.name?.trim() ?? '';
    if (isFresh(doc, now)) {
      if (doc!.name || !hinted) return toPersonView(doc!);
      await store(openId, { name: hinted });
      return { ...toPersonView(doc!), name: hinted };
    }
    const known = doc?.name || hinted;
    let set: Record<string, unknown>;
    try {
      const user = await lookUp(openId);
      set = { ...contactFields(user, known), contactFetchedAt: now, contactTriedAt: now };
    } catch (error) {
      opts.log.warn({ err: error, openId }, 'contact lookup failed; using the known name');
      set = { name: known, contactTriedAt: now };
    }
    await store(openId, set, !doc);
    const base = doc ? toPersonView(doc) : blankPerson(openId);
    return {
      ...base,
      name: String(set.name ?? ''),
      contactFetchedAt: (set.contactFetchedAt as Date | undefined) ?? base.contactFetchedAt,
    };
  };

  return {
    bootstrapAdmins: [...admins],
    isBootstrapAdmin: (openId) => admins.has(openId),
    ensurePerson,
    async displayName(openId) {
      const person = await ensurePerson(openId);
      return person.name || openId;
    },
    async displayNames(openIds) {
      const unique = [...new Set(openIds)];
      const docs = await PersonModel.find({ openId: { $in: unique } }).lean();
      const names = new Map<string, string>();
      for (const d of docs) if (d.name) names.set(d.openId, d.name);
      for (const id of unique.filter((i) => !names.has(i)).slice(0, 20)) {
        names.set(id, (await ensurePerson(id)).name || id);
      }
      for (const id of unique) if (!names.has(id)) names.set(id, id);
      return names;
    },
  };
}
