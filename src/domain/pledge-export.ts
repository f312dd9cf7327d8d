/**
 * The signature register of one document (登记表): every signature (voided and old-version ones
 * included) with its version hash, then the signers who have not signed the current version.
 * Also the integrity check of `/pledge verify`.
 */
import type { Translate } from '../i18n/index.js';
import { PersonModel } from '../models/person.js';
import { formatZoned } from '../time/zoned.js';
import { listDepartments } from './departments.js';
import { inSight, signaturesInSight } from './pledge-scope.js';
import { listSignatures, type SignatureView, signerStatuses } from './pledge-signatures.js';
import { hashText, listSigners, listVersions, type PledgeView, signerDepartments } from './pledges.js';

/** The register's rows, header first. */
export interface PledgeRegister {
  header: string[];
  rows: string[][];
}

/** One signature's state: 有效 / 旧版本 / 已作废. */
export function signatureState(t: Translate, pledge: Pick<PledgeView, 'version'>, s: SignatureView): string {
  if (s.voided) return t('pledge.state.sig.voided');
  return s.version === pledge.version ? t('pledge.state.sig.valid') : t('pledge.state.sig.old');
}

/** Names and department names of a document's people (stored data; see signerDepartments). */
export async function peopleInfo(
  pledgeId: string,
  openIds: readonly string[],
): Promise<Map<string, { name: string; dept: string }>> {
  const [people, departments, deptOf] = await Promise.all([
    PersonModel.find({ openId: { $in: [...new Set(openIds)] } }, { openId: 1, name: 1 }).lean(),
    listDepartments(),
    signerDepartments(pledgeId),
  ]);
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const nameOf = new Map(people.map((p) => [p.openId, p.name ?? '']));
  return new Map(
    [...new Set(openIds)].map((id) => {
      const dept = deptOf.get(id);
      return [id, { name: nameOf.get(id) ?? '', dept: (dept && deptName.get(dept)) || '' }] as const;
    }),
  );
}

/**
 * The register of `pledge`: 姓名, 部门, 版本, 版本哈希, 签署时间, 状态, 签署时填写的姓名, 消息 ID;
 * only the signers in `visible` when given (a leader's departments).
 */
export async function buildPledgeRegister(
  t: Translate,
  pledge: PledgeView,
  tz: string,
  visible?: Set<string>,
): Promise<PledgeRegister> {
  const [allSigners, allSignatures] = await Promise.all([listSigners(pledge.id), listSignatures(pledge.id)]);
  const signers = inSight(allSigners, visible);
  const signatures = signaturesInSight(allSignatures, visible);
  const info = await peopleInfo(pledge.id, [...signers, ...signatures.map((s) => s.signer)]);
  const who = (id: string) => info.get(id) ?? { name: id, dept: '' };
  const rows = signatures.map((s) => [
    who(s.signer).name || s.signer,
    who(s.signer).dept,
    String(s.version),
    s.hash,
    formatZoned(s.at, tz, 'YYYY-MM-DD HH:mm:ss'),
    signatureState(t, pledge, s),
    s.typedName,
    s.messageId,
  ]);
  const statuses = signerStatuses(pledge, signers, signatures);
  for (const id of signers.filter((s) => statuses.get(s)?.status !== 'signed')) {
    rows.push([
      who(id).name || id,
      who(id).dept,
      String(pledge.version),
      pledge.hash,
      '',
      t('pledge.state.sig.pending'),
      '',
      '',
    ]);
  }
  const header = ['name', 'dept', 'version', 'hash', 'at', 'state', 'typed', 'message'].map((c) =>
    t(`pledge.export.column.${c}` as Parameters<Translate>[0]),
  );
  return { header, rows };
}

/** One line of the integrity check. */
export interface VersionCheck {
  version: number;
  hash: string;
  /** The stored text still hashes to the stored hash. */
  intact: boolean;
}

/** Re-hashes every stored version; a signature whose hash matches no intact version is flagged. */
export async function checkVersions(
  pledge: PledgeView,
): Promise<{ versions: VersionCheck[]; currentIntact: boolean }> {
  const versions = (await listVersions(pledge.id)).map((v) => ({
    version: v.version,
    hash: v.hash,
    intact: hashText(v.text) === v.hash,
  }));
  return { versions, currentIntact: hashText(pledge.text) === pledge.hash };
}
