/**
 * Signatures of sign-off documents: append-only, one per (document, version, signer) — the
 * signature id is claimed by a unique insert, so a double click or a race records one — and
 * admin voids, each a record of its own. Knows nothing of Feishu.
 */
import { CoalescedRuns } from '../batching/coalesced-runs.js';
import { insertDocument } from '../batching/model-insert.js';
import { PledgeSignatureModel, PledgeVoidModel } from '../models/pledge.js';
import { getPledge, isDuplicate, isSigner, listSigners, type PledgeView } from './pledges.js';

/** One signature with its void, if any. */
export interface SignatureView {
  id: string;
  version: number;
  hash: string;
  signer: string;
  typedName: string;
  at: Date;
  messageId: string;
  voided: { reason: string; by: string; at: Date } | null;
}

/** A name as compared: NFKC, no spaces or middle dots (张 伟 = 张伟, 阿卜杜·热合曼 = 阿卜杜热合曼). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·・.]/g, '')
    .toLowerCase();
}

/** True when the typed name is the person's Feishu name. */
export function namesMatch(typed: string, feishuName: string): boolean {
  const a = normaliseName(typed);
  return a !== '' && a === normaliseName(feishuName);
}

type VoidLean = { _id: string; version: number; signer: string; reason: string; by: string; at: Date };

/**
 * A document's signatures and voids, read once per document at a time: everyone signing at once
 * shares the next read (started after they asked, so it holds whatever they stored before).
 */
const signatureReads = new CoalescedRuns(async (id) => {
  const [docs, voids] = await Promise.all([
    PledgeSignatureModel.find({ pledgeId: id }).lean(),
    PledgeVoidModel.find({ pledgeId: id }).lean() as Promise<VoidLean[]>,
  ]);
  return { docs, voids };
});

/** Every signature of a document (voided ones included), oldest first. */
export async function listSignatures(id: string): Promise<SignatureView[]> {
  return toSignatureViews(await signatureReads.request(id));
}

function toSignatureViews({ docs, voids }: Awaited<ReturnType<typeof signatureReads.request>>): SignatureView[] {
  const voidOf = new Map(voids.map((v) => [v._id, { reason: v.reason, by: v.by, at: v.at }]));
  return docs
    .map((d) => ({
      id: d._id,
      version: d.version,
      hash: d.hash,
      signer: d.signer,
      typedName: d.typedName,
      at: d.at,
      messageId: d.messageId ?? '',
      voided: voidOf.get(d._id) ?? null,
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
}

/** A signer's standing on the current version. */
export type SignerStatus = 'signed' | 'old' | 'pending';

/** Each signer's status and their valid signature on the current version, if any. */
export function signerStatuses(
  pledge: Pick<PledgeView, 'version'>,
  signers: readonly string[],
  signatures: readonly SignatureView[],
): Map<string, { status: SignerStatus; signature?: SignatureView }> {
  const out = new Map<string, { status: SignerStatus; signature?: SignatureView }>();
  for (const s of signers) out.set(s, { status: 'pending' });
  for (const sig of signatures) {
    if (sig.voided || !out.has(sig.signer)) continue;
    const entry = out.get(sig.signer)!;
    if (sig.version === pledge.version) out.set(sig.signer, { status: 'signed', signature: sig });
    else if (entry.status === 'pending') out.set(sig.signer, { status: 'old', signature: sig });
  }
  return out;
}

/** Signers without a valid signature on the current version, in signer order. */
export async function pendingSigners(pledge: PledgeView): Promise<string[]> {
  const [signers, signatures] = await Promise.all([listSigners(pledge.id), listSignatures(pledge.id)]);
  const statuses = signerStatuses(pledge, signers, signatures);
  return signers.filter((s) => statuses.get(s)?.status !== 'signed');
}

/** What a signing attempt did. */
export type SignResult =
  | { ok: true; signature: SignatureView; pledge: PledgeView }
  | { ok: false; reason: 'unknown' | 'draft' | 'not-signer' | 'name' }
  | { ok: false; reason: 'stale'; pledge: PledgeView }
  | { ok: false; reason: 'duplicate'; pledge: PledgeView; signature: SignatureView };

/**
 * Records `signer`'s signature of `version`. The name must match their Feishu name; the
 * version must be the current one. A second attempt (double click, race) records nothing.
 */
export async function signPledge(
  input: {
    id: string;
    version: number;
    signer: string;
    typedName: string;
    feishuName: string;
    messageId: string;
    eventId: string;
  },
  now: Date,
): Promise<SignResult> {
  const pledge = await getPledge(input.id);
  if (!pledge) return { ok: false, reason: 'unknown' };
  if (pledge.version === 0) return { ok: false, reason: 'draft' };
  if (!(await isSigner(pledge.id, input.signer))) return { ok: false, reason: 'not-signer' };
  if (input.version !== pledge.version) return { ok: false, reason: 'stale', pledge };
  // One read (shared with the other signers of the moment) gives both the signer's valid
  // signature, if any, and their round (how many of their signatures on this version were voided).
  const records = await signatureReads.request(pledge.id);
  const existing = validSignatureOf(toSignatureViews(records), pledge, input.signer);
  if (existing) return { ok: false, reason: 'duplicate', pledge, signature: existing };
  if (!namesMatch(input.typedName, input.feishuName)) return { ok: false, reason: 'name' };
  const round = records.voids.filter((v) => v.version === pledge.version && v.signer === input.signer).length;
  const id = `${pledge.id}:v${pledge.version}:${input.signer}:${round}`;
  const doc = {
    _id: id,
    pledgeId: pledge.id,
    version: pledge.version,
    hash: pledge.hash,
    signer: input.signer,
    typedName: input.typedName.trim(),
    at: now,
    messageId: input.messageId,
    eventId: input.eventId,
  };
  // Group-committed with the burst's other signatures; the unique id still decides a race.
  if (!(await insertDocument(PledgeSignatureModel, doc))) {
    const won = await currentSignature(pledge, input.signer);
    if (won) return { ok: false, reason: 'duplicate', pledge, signature: won };
    throw new Error(`signature ${id} exists but is not valid`);
  }
  const { _id, pledgeId: _p, eventId: _e, ...rest } = doc;
  return { ok: true, pledge, signature: { id: _id, ...rest, voided: null } };
}

/** The signer's valid signature on the current version, if any. */
export async function currentSignature(
  pledge: PledgeView,
  signer: string,
): Promise<SignatureView | undefined> {
  return validSignatureOf(await listSignatures(pledge.id), pledge, signer);
}

function validSignatureOf(all: readonly SignatureView[], pledge: PledgeView, signer: string): SignatureView | undefined {
  return all.find((s) => s.signer === signer && s.version === pledge.version && !s.voided);
}

/** What a void did. */
export type VoidResult = { ok: true; signature: SignatureView } | { ok: false; reason: 'unknown' | 'none' };

/** Voids `signer`'s valid signature on the current version (append-only: a void record). */
export async function voidSignature(
  input: { id: string; signer: string; reason: string; by: string },
  now: Date,
): Promise<VoidResult> {
  const pledge = await getPledge(input.id);
  if (!pledge) return { ok: false, reason: 'unknown' };
  const sig = await currentSignature(pledge, input.signer);
  if (!sig) return { ok: false, reason: 'none' };
  try {
    await PledgeVoidModel.create({
      _id: sig.id,
      pledgeId: pledge.id,
      version: sig.version,
      signer: sig.signer,
      reason: input.reason,
      by: input.by,
      at: now,
    });
  } catch (error) {
    if (!isDuplicate(error)) throw error;
    return { ok: false, reason: 'none' };
  }
  return { ok: true, signature: { ...sig, voided: { reason: input.reason, by: input.by, at: now } } };
}

/** How many voids `signer` has on `version` (the round of their next signature). */
export async function voidRound(id: string, version: number, signer: string): Promise<number> {
  return PledgeVoidModel.countDocuments({ pledgeId: id, version, signer });
}
