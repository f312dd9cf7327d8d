/**
 * Who may see which signers of a sign-off document. Admins and supervisors see everything; the
 * document's creator and its 督办领导 see all of its signers; any other leader sees only the
 * signers in the departments they head (and below); everyone else sees nothing.
 */
import type { ActorProfile } from './access.js';
import type { SignatureView } from './pledge-signatures.js';
import { type PledgeView, signerDepartments } from './pledges.js';

/** Everything, or only the signers in these departments (ids, descendants included). */
export type PledgeScope = { kind: 'all' } | { kind: 'departments'; deptIds: string[] };

/** The parts of a profile the scope reads, plus who it is. */
export type PledgeViewer = Pick<ActorProfile, 'roles' | 'leads'> & { openId: string };

/** The scope a viewer has on a document, or null when they may see none of it. */
export function pledgeScopeOf(
  viewer: PledgeViewer,
  pledge: Pick<PledgeView, 'creator' | 'leader'>,
): PledgeScope | null {
  if (viewer.roles.includes('admin') || viewer.roles.includes('supervisor')) return { kind: 'all' };
  if (viewer.openId === pledge.creator || (pledge.leader && viewer.openId === pledge.leader))
    return { kind: 'all' };
  if (viewer.roles.includes('leader') && viewer.leads.length > 0)
    return { kind: 'departments', deptIds: [...viewer.leads] };
  return null;
}

/** The signers a department scope shows (undefined: every signer). */
export async function visibleSigners(pledgeId: string, scope: PledgeScope): Promise<Set<string> | undefined> {
  if (scope.kind === 'all') return undefined;
  const mine = new Set(scope.deptIds);
  const deptOf = await signerDepartments(pledgeId);
  return new Set([...deptOf].filter(([, dept]) => dept != null && mine.has(dept)).map(([id]) => id));
}

/** What a viewer may see of a document. */
export type PledgeSight =
  | { ok: true; scope: PledgeScope; visible: Set<string> | undefined }
  | { ok: false; reason: 'role' | 'outside' };

/** The viewer's sight of the document: refused when they have no scope or none of its signers is theirs. */
export async function pledgeSightOf(viewer: PledgeViewer, pledge: PledgeView): Promise<PledgeSight> {
  const scope = pledgeScopeOf(viewer, pledge);
  if (!scope) return { ok: false, reason: 'role' };
  const visible = await visibleSigners(pledge.id, scope);
  if (visible && visible.size === 0) return { ok: false, reason: 'outside' };
  return { ok: true, scope, visible };
}

/** Keeps the signers in sight (all of them when `visible` is undefined). */
export function inSight(signers: readonly string[], visible: Set<string> | undefined): string[] {
  return visible ? signers.filter((s) => visible.has(s)) : [...signers];
}

/** Keeps the signatures of signers in sight. */
export function signaturesInSight(
  signatures: readonly SignatureView[],
  visible: Set<string> | undefined,
): SignatureView[] {
  return visible ? signatures.filter((s) => visible.has(s.signer)) : [...signatures];
}
