/** Sends signer cards, renders and patches progress cards of sign-off documents. */
import { buildPledgeCard, type PledgeCardData } from '../../cards/pledge-card.js';
import { buildPledgeProgressCard, type PendingGroup } from '../../cards/pledge-progress-card.js';
import type { Card } from '../../cards/types.js';
import type { BotServices } from '../dispatch/context.js';
import { listDepartments } from '../domain/departments.js';
import { localesOf } from '../domain/person-locale.js';
import { inSight, type PledgeScope, signaturesInSight, visibleSigners } from '../domain/pledge-scope.js';
import { listSignatures, signerStatuses, voidRound } from '../domain/pledge-signatures.js';
import { listSigners, type PledgeView, signerDepartments } from '../domain/pledges.js';
import { DEFAULT_LOCALE, type Translate, translator } from '../i18n/index.js';
import type { Target } from '../lark/messenger.js';
import type { PledgeKind } from '../models/pledge.js';
import { PledgeProgressCardModel } from '../models/pledge.js';
import { formatZoned } from '../time/zoned.js';

/** The document's kind in words (承诺书 / 责任书 / 其他). */
export function kindLabel(t: Translate, kind: PledgeKind): string {
  return t(`pledge.kind.${kind}`);
}

/** Outbox key of a signer's card for one version (a new round after a void gets a new card). */
export function signerCardKey(id: string, version: number, openId: string, round = 0): string {
  return `pledge-card:${id}:v${version}:${openId}${round > 0 ? `:r${round}` : ''}`;
}

/** The signer card for one person in their language. */
export async function renderSignerCard(
  services: BotServices,
  pledge: PledgeView,
  t: Translate,
  mode: PledgeCardData['mode'],
  extra: Partial<PledgeCardData> = {},
): Promise<Card> {
  const { timezone } = await services.settings();
  return buildPledgeCard(t, {
    id: pledge.id,
    title: pledge.title,
    kindLabel: kindLabel(t, pledge.kind),
    version: pledge.version,
    hash: pledge.hash,
    deadline: formatZoned(pledge.deadline, timezone),
    creatorName: await services.directory.displayName(pledge.creator),
    text: pledge.text,
    mode,
    ...extra,
  });
}

/** Sends the current version's card to each person (once per key), in their own language. */
export async function sendSignerCards(
  services: BotServices,
  pledge: PledgeView,
  openIds: readonly string[],
): Promise<void> {
  const settings = await services.settings();
  const own = await localesOf(openIds, settings.locale ?? DEFAULT_LOCALE);
  const cards = new Map<string, Card>();
  for (const openId of openIds) {
    const locale = own(openId);
    if (!cards.has(locale))
      cards.set(locale, await renderSignerCard(services, pledge, translator(locale), 'pending'));
    const round = await voidRound(pledge.id, pledge.version, openId);
    await services.messenger.sendCard(
      signerCardKey(pledge.id, pledge.version, openId, round),
      { openId },
      cards.get(locale)!,
    );
  }
}

/** Pending signers grouped by their department (people without one last). */
async function pendingGroups(
  pledgeId: string,
  t: Translate,
  pending: readonly string[],
  names: Map<string, string>,
): Promise<PendingGroup[]> {
  if (pending.length === 0) return [];
  const [deptOf, departments] = await Promise.all([signerDepartments(pledgeId), listDepartments()]);
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const groups = new Map<string, string[]>();
  for (const id of pending) {
    const dept = deptOf.get(id);
    const label = (dept && deptName.get(dept)) || t('pledge.progress.noDept');
    groups.set(label, [...(groups.get(label) ?? []), names.get(id) ?? id]);
  }
  const none = t('pledge.progress.noDept');
  return [...groups.entries()]
    .sort(([a], [b]) => (a === none ? 1 : b === none ? -1 : a.localeCompare(b, 'zh-CN')))
    .map(([department, list]) => ({ department, names: list }));
}

/**
 * The progress card in the agency language, as things stand now; a department scope counts and
 * names only the signers in those departments.
 */
export async function renderProgressCard(
  services: BotServices,
  pledge: PledgeView,
  scope: PledgeScope = { kind: 'all' },
): Promise<Card> {
  const settings = await services.settings();
  const t = translator(settings.locale ?? DEFAULT_LOCALE);
  const visible = await visibleSigners(pledge.id, scope);
  const [allSigners, allSignatures] = await Promise.all([listSigners(pledge.id), listSignatures(pledge.id)]);
  const signers = inSight(allSigners, visible);
  const signatures = signaturesInSight(allSignatures, visible);
  const statuses = signerStatuses(pledge, signers, signatures);
  const pending = signers.filter((s) => statuses.get(s)?.status !== 'signed');
  const names = await services.directory.displayNames([
    ...pending,
    ...(pledge.leader ? [pledge.leader] : []),
  ]);
  const now = services.clock.now();
  return buildPledgeProgressCard(t, {
    id: pledge.id,
    title: pledge.title,
    kindLabel: kindLabel(t, pledge.kind),
    version: pledge.version,
    hash: pledge.hash,
    deadline: formatZoned(pledge.deadline, settings.timezone),
    overdue: pledge.state === 'open' && pledge.deadline.getTime() < now.getTime() && pending.length > 0,
    leaderName: pledge.leader ? (names.get(pledge.leader) ?? pledge.leader) : null,
    signed: signers.length - pending.length,
    total: signers.length,
    old: [...statuses.values()].filter((s) => s.status === 'old').length,
    pending: await pendingGroups(pledge.id, t, pending, names),
    updatedAt: formatZoned(now, settings.timezone, 'MM-DD HH:mm'),
    closed: pledge.state === 'closed',
    scoped: scope.kind === 'departments',
  });
}

/** Sends a progress card under `key` (for the viewer's `scope`) and keeps it up to date from now on. */
export async function sendProgressCard(
  services: BotServices,
  pledge: PledgeView,
  key: string,
  where: { to: Target } | { replyTo: string; chatId?: string },
  scope: PledgeScope = { kind: 'all' },
): Promise<void> {
  const card = await renderProgressCard(services, pledge, scope);
  if ('to' in where) await services.messenger.sendCard(key, where.to, card);
  else await services.messenger.replyCard(key, where.replyTo, card, where.chatId);
  const deptIds = scope.kind === 'departments' ? scope.deptIds : [];
  await PledgeProgressCardModel.updateOne(
    { _id: key },
    {
      $set: { pledgeId: pledge.id, at: services.clock.now(), scoped: scope.kind === 'departments', deptIds },
    },
    { upsert: true },
  );
}

/** The scope a stored progress card was sent with (cards from before scoping show everything). */
function storedScope(c: { scoped?: boolean | null; deptIds?: string[] | null }): PledgeScope {
  return c.scoped ? { kind: 'departments', deptIds: c.deptIds ?? [] } : { kind: 'all' };
}

/** Patches every progress card of the document; `changeKey` (event or job) makes the patch keys unique. */
export async function refreshProgressCards(
  services: BotServices,
  pledge: PledgeView,
  changeKey: string,
): Promise<void> {
  const cards = await PledgeProgressCardModel.find({ pledgeId: pledge.id }).lean();
  if (cards.length === 0) return;
  const rendered = new Map<string, Card>();
  for (const c of cards) {
    const scope = storedScope(c);
    const scopeKey = scope.kind === 'all' ? '*' : [...scope.deptIds].sort().join(',');
    if (!rendered.has(scopeKey)) rendered.set(scopeKey, await renderProgressCard(services, pledge, scope));
    const card = rendered.get(scopeKey)!;
    await services.messenger.patchCard(`${changeKey}:pledge-progress:${c._id}`, { outboxKey: c._id }, card);
  }
}
