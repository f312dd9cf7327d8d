/**
 * The report's 签署 sheet: every signature made in the period (voided and old-version ones
 * included, with their state), with the document, version and version hash as in the pledge
 * register. A leader sees the signatures of signers in their departments only.
 */
import { PledgeSignatureModel, PledgeVoidModel } from '../models/pledge.js';
import { formatZoned } from '../time/zoned.js';
import { listDepartments } from './departments.js';
import { namesOf } from './person-names.js';
import { signatureState } from './pledge-export.js';
import type { SignatureView } from './pledge-signatures.js';
import { getPledge, type PledgeView, signerDepartments } from './pledges.js';
import { inScope, type ReportInput, type ReportSheet } from './report-sheet.js';

/** The 签署 sheet of the period, oldest signature first. */
export async function buildSignatureSheet(input: ReportInput): Promise<ReportSheet> {
  const { t, tz, scope, range } = input;
  const docs = await PledgeSignatureModel.find({ at: { $gte: range.from, $lt: range.to } }).lean();
  const pledgeIds = [...new Set(docs.map((d) => d.pledgeId))];
  const pledges = new Map<string, PledgeView>();
  const deptOf = new Map<string, Map<string, string | null>>();
  for (const id of pledgeIds) {
    const pledge = await getPledge(id);
    if (pledge) pledges.set(id, pledge);
    deptOf.set(id, await signerDepartments(id));
  }
  const voids =
    pledgeIds.length > 0 ? await PledgeVoidModel.find({ pledgeId: { $in: pledgeIds } }).lean() : [];
  const voidOf = new Map(voids.map((v) => [v._id, { reason: v.reason, by: v.by, at: v.at }]));
  const seen = docs
    .map((d) => ({
      pledgeId: d.pledgeId,
      dept: deptOf.get(d.pledgeId)?.get(d.signer) ?? null,
      signature: {
        id: d._id,
        version: d.version,
        hash: d.hash,
        signer: d.signer,
        typedName: d.typedName,
        at: d.at,
        messageId: d.messageId ?? '',
        voided: voidOf.get(d._id) ?? null,
      } satisfies SignatureView,
    }))
    .filter((d) => pledges.has(d.pledgeId) && inScope(scope, d.dept))
    .sort(
      (a, b) =>
        a.signature.at.getTime() - b.signature.at.getTime() || a.signature.id.localeCompare(b.signature.id),
    );
  const [names, departments] = await Promise.all([
    namesOf(seen.map((d) => d.signature.signer)),
    listDepartments(),
  ]);
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  return {
    key: 'signatures',
    name: t('report.sheet.signatures'),
    header: [
      t('report.col.docId'),
      t('report.col.docTitle'),
      t('report.col.docKind'),
      t('pledge.export.column.version'),
      t('pledge.export.column.hash'),
      t('pledge.export.column.name'),
      t('pledge.export.column.dept'),
      t('pledge.export.column.at'),
      t('pledge.export.column.state'),
      t('pledge.export.column.typed'),
    ],
    rows: seen.map(({ pledgeId, dept, signature: s }) => {
      const pledge = pledges.get(pledgeId)!;
      return [
        pledge.id,
        pledge.title,
        t(`pledge.kind.${pledge.kind}`),
        s.version,
        s.hash,
        names.get(s.signer) || s.signer,
        dept ? (deptName.get(dept) ?? '') : '',
        formatZoned(s.at, tz, 'YYYY-MM-DD HH:mm:ss'),
        signatureState(t, pledge, s),
        s.typedName,
      ];
    }),
  };
}
