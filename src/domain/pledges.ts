/**
 * Sign-off documents (责任书 / 承诺书): versions with a SHA-256 of their exact text and the
 * people asked to sign (signatures: pledge-signatures.ts). Knows nothing of Feishu.
 */
import { createHash, randomInt } from 'node:crypto';
import { readsOf } from '../batching/collections.js';
import { insertKeyed } from './keyed-create.js';
import { PersonModel } from '../models/person.js';
import {
  type PledgeKind,
  PledgeModel,
  PledgeSignerModel,
  type PledgeState,
  PledgeVersionModel,
} from '../models/pledge.js';

/** Longest text a signer card can carry whole (CJK: 3 bytes a character, card limit 30 KB). */
export const MAX_PLEDGE_TEXT_CHARS = 6000;
/** Most people one document may ask to sign. */
export const MAX_PLEDGE_SIGNERS = 1000;

/** A document as the rest of the bot reads it. */
export interface PledgeView {
  id: string;
  title: string;
  kind: PledgeKind;
  creator: string;
  leader: string | null;
  deadline: Date;
  state: PledgeState;
  version: number;
  hash: string;
  text: string;
  createdAt: Date;
}

/** SHA-256 (hex) of the exact text. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newPledgeId(): string {
  let id = 'P';
  for (let i = 0; i < 4; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** True for a duplicate key error (someone else's insert won). */
export function isDuplicate(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

type PledgeLean = {
  _id: string;
  title: string;
  kind: string;
  creator: string;
  leader?: string | null;
  deadline: Date;
  state?: string | null;
  version?: number | null;
  hash?: string | null;
  text?: string | null;
  createdAt: Date;
};

function toView(doc: PledgeLean): PledgeView {
  return {
    id: doc._id,
    title: doc.title,
    kind: doc.kind as PledgeKind,
    creator: doc.creator,
    leader: doc.leader ?? null,
    deadline: doc.deadline,
    state: (doc.state ?? 'open') as PledgeState,
    version: doc.version ?? 0,
    hash: doc.hash ?? '',
    text: doc.text ?? '',
    createdAt: doc.createdAt,
  };
}

/** One document, if it exists (`id` is a validated string). */
export async function getPledge(id: string): Promise<PledgeView | undefined> {
  // Through the read batcher: a burst of signers reads the document once per flush.
  const doc = await readsOf<Parameters<typeof toView>[0]>(PledgeModel).get(id);
  return doc ? toView(doc) : undefined;
}

/** Every document, newest first (a small collection). */
export async function listPledges(): Promise<PledgeView[]> {
  const docs = await PledgeModel.find({}).lean();
  return docs.map(toView).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** What a new document is made of. */
export interface CreatePledgeInput {
  title: string;
  kind: PledgeKind;
  /** '' makes a draft that waits for its text (a file). */
  text: string;
  creator: string;
  leader: string | null;
  deadline: Date;
  chatIds: string[];
  deptIds: string[];
  /**
   * What created it (the event, or the form card and its submitter): the id derives from it and a
   * second call with the same key completes and returns the document the first one made.
   */
  sourceKey?: string;
}

/** The stored fields of a new draft document (no text version yet). */
function draftFields(input: CreatePledgeInput, now: Date) {
  return {
    title: input.title,
    kind: input.kind,
    creator: input.creator,
    leader: input.leader,
    deadline: input.deadline,
    state: 'draft' as const,
    version: 0,
    chatIds: input.chatIds,
    deptIds: input.deptIds,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Stores a new document (version 1 when it has a text); the id is random, retried on a clash, or
 * derived from `sourceKey` (keyed-create.ts), which makes the call idempotent.
 */
export async function createPledge(input: CreatePledgeInput, now: Date): Promise<PledgeView> {
  if (input.sourceKey) return createKeyedPledge(input, input.sourceKey, now);
  for (let attempt = 0; ; attempt++) {
    const id = newPledgeId();
    try {
      await PledgeModel.create({ _id: id, ...draftFields(input, now) });
    } catch (error) {
      if (isDuplicate(error) && attempt < 10) continue;
      throw error;
    }
    if (input.text !== '') {
      const revised = await reviseText(id, input.text, input.creator, now);
      if (revised.ok) return revised.pledge;
    }
    return (await getPledge(id))!;
  }
}

/**
 * The keyed creation: the draft under the derived id (or the one an earlier run stored), then its
 * first version. A run that died between the version and the document update left `<id>:v1`
 * behind: it is rolled forward here instead of being refused as a concurrent change.
 */
async function createKeyedPledge(
  input: CreatePledgeInput,
  sourceKey: string,
  now: Date,
): Promise<PledgeView> {
  const { _id: _ignored, ...doc } = new PledgeModel({ _id: 'P', ...draftFields(input, now) }).toObject();
  const { id } = await insertKeyed(PledgeModel, 'P', sourceKey, doc);
  const pledge = (await getPledge(id))!;
  if (input.text === '' || pledge.version > 0) return pledge;
  const revised = await reviseText(id, input.text, input.creator, now);
  if (revised.ok) return revised.pledge;
  const first = await PledgeVersionModel.findById(`${id}:v1`).lean();
  if (first && first.hash === hashText(input.text)) {
    await PledgeModel.updateOne(
      { _id: id, version: 0 },
      { $set: { version: 1, hash: first.hash, text: first.text, state: 'open', updatedAt: first.at } },
    );
  }
  return (await getPledge(id))!;
}

/** What a text change did. */
export type ReviseResult =
  | { ok: true; pledge: PledgeView; changed: boolean }
  | { ok: false; reason: 'unknown' | 'closed' | 'busy' };

/**
 * Makes `text` the next version (unless it is the current text already). The version is claimed
 * by inserting `${id}:v${n}`; a draft becomes open with its first version.
 */
export async function reviseText(id: string, text: string, author: string, now: Date): Promise<ReviseResult> {
  const pledge = await getPledge(id);
  if (!pledge) return { ok: false, reason: 'unknown' };
  if (pledge.state === 'closed') return { ok: false, reason: 'closed' };
  const hash = hashText(text);
  if (pledge.version > 0 && hash === pledge.hash) return { ok: true, pledge, changed: false };
  const version = pledge.version + 1;
  try {
    await PledgeVersionModel.create({
      _id: `${id}:v${version}`,
      pledgeId: id,
      version,
      text,
      hash,
      author,
      at: now,
    });
  } catch (error) {
    if (isDuplicate(error)) return { ok: false, reason: 'busy' };
    throw error;
  }
  await PledgeModel.updateOne(
    { _id: id, version: pledge.version },
    { $set: { version, hash, text, state: 'open', updatedAt: now } },
  );
  return { ok: true, pledge: (await getPledge(id))!, changed: true };
}

/** Every version of a document, oldest first. */
export async function listVersions(
  id: string,
): Promise<Array<{ version: number; hash: string; text: string; at: Date }>> {
  const docs = await PledgeVersionModel.find({ pledgeId: id }).lean();
  return docs
    .map((d) => ({ version: d.version, hash: d.hash, text: d.text, at: d.at }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Adds people to the signers; returns those newly added (in order). Each is a unique insert,
 * so adding someone twice (a redelivered join event, a second /pledge send) adds them once.
 */
export async function addSigners(
  id: string,
  openIds: readonly string[],
  source: 'campaign' | 'newcomer' | 'manual',
  now: Date,
  deptHints: ReadonlyMap<string, string> = new Map(),
): Promise<string[]> {
  const added: string[] = [];
  for (const openId of [...new Set(openIds)]) {
    try {
      const deptHint = deptHints.get(openId) ?? null;
      await PledgeSignerModel.create({
        _id: `${id}:${openId}`,
        pledgeId: id,
        openId,
        source,
        deptHint,
        addedAt: now,
      });
      added.push(openId);
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
  }
  return added;
}

/** The signers of a document, in the order they were added. */
export async function listSigners(id: string): Promise<string[]> {
  const docs = await PledgeSignerModel.find({ pledgeId: id }).lean();
  return docs
    .sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || a._id.localeCompare(b._id))
    .map((d) => d.openId);
}

/**
 * Each signer's department: their own (organisation data) when assigned, else the department
 * of the bound chat they were found in.
 */
export async function signerDepartments(id: string): Promise<Map<string, string | null>> {
  const rows = await PledgeSignerModel.find({ pledgeId: id }).lean();
  const people = await PersonModel.find(
    { openId: { $in: rows.map((r) => r.openId) } },
    { openId: 1, deptId: 1 },
  ).lean();
  const own = new Map(people.map((p) => [p.openId, p.deptId ?? null]));
  return new Map(rows.map((r) => [r.openId, own.get(r.openId) ?? r.deptHint ?? null]));
}

/** True when `openId` was asked to sign `id`. */
export async function isSigner(id: string, openId: string): Promise<boolean> {
  return (await readsOf(PledgeSignerModel).get(`${id}:${openId}`)) !== null;
}
