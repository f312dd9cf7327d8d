/**
 * Sign-off documents (责任书 / 承诺书): `/pledge new` (the form), `/pledge edit <id>` (a new
 * version), `/pledge send <id> @…`, `/pledge rule <id> [群名]` (newcomers of a chat get it),
 * `/pledge void <id> @… 原因`, `/pledge list`, and the evidence commands in pledge-evidence.ts.
 */
import { buildPledgeEditForm, buildPledgeForm } from '../../cards/pledge-form-card.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { inSight, pledgeSightOf, signaturesInSight } from '../domain/pledge-scope.js';
import {
  currentSignature,
  listSignatures,
  signerStatuses,
  voidSignature,
} from '../domain/pledge-signatures.js';
import {
  addSigners,
  getPledge,
  isSigner,
  listPledges,
  listSigners,
  type PledgeView,
} from '../domain/pledges.js';
import type { LarkClient } from '../lark/client.js';
import { formatZoned } from '../time/zoned.js';
import { noArgs } from './org-args.js';
import { registerPledgeActions } from './pledge-actions.js';
import { idAndPeopleArg, idAndWordsArg, idArg } from './pledge-args.js';
import { registerPledgeClose } from './pledge-close.js';
import { registerPledgeEvidence } from './pledge-evidence.js';
import { awaitPledgeFile, mayManagePledge } from './pledge-launch.js';
import {
  kindLabel,
  refreshProgressCards,
  renderSignerCard,
  sendSignerCards,
  signerCardKey,
} from './pledge-publish.js';
import { addRule } from './pledge-rules.js';
import { checkSignerSources, pledgeFormOptions } from './pledge-targets.js';
import type { CommandRegistry } from './registry.js';

const MANAGERS = ['admin', 'leader'] as const;

/** The document, or an answer saying it is unknown / not the actor's to change. */
async function managedPledge(ctx: EventContext, id: string, action: string): Promise<PledgeView | undefined> {
  const pledge = await getPledge(id);
  if (!pledge) {
    await ctx.reply.text(ctx.t('pledge.err.unknown', { id }));
    return undefined;
  }
  if (!mayManagePledge(ctx, pledge)) {
    await recordAudit(
      {
        actor: ctx.actor.openId,
        action,
        outcome: 'refused',
        target: id,
        detail: 'not creator',
        eventId: ctx.eventId,
      },
      ctx.now(),
    );
    await ctx.reply.text(ctx.t('pledge.err.notManager'));
    return undefined;
  }
  return pledge;
}

/** `/pledge send <id> @…`: adds the people and sends them the card (again, when they have not signed). */
async function sendTo(ctx: EventContext, pledge: PledgeView, people: string[]): Promise<void> {
  const { t } = ctx;
  if (pledge.version === 0) {
    await ctx.reply.text(t('pledge.err.draft', { id: pledge.id }));
    return;
  }
  const added = await addSigners(pledge.id, people, 'manual', ctx.now());
  await sendSignerCards(ctx.services, pledge, added);
  const again: string[] = [];
  for (const openId of people.filter((p) => !added.includes(p))) {
    if (await currentSignature(pledge, openId)) continue;
    const card = await renderSignerCard(ctx.services, pledge, t, 'pending');
    await ctx.services.messenger.sendCard(
      `${ctx.eventId}:${signerCardKey(pledge.id, pledge.version, openId)}`,
      { openId },
      card,
    );
    again.push(openId);
  }
  if (added.length > 0) await refreshProgressCards(ctx.services, pledge, ctx.eventId);
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'pledge.send',
      outcome: 'ok',
      target: pledge.id,
      after: { added, again },
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  const signed = people.length - added.length - again.length;
  await ctx.reply.text(t('pledge.send.done', { added: added.length, again: again.length, signed }));
}

/** `/pledge void <id> @某人 原因`: voids the signature (audited) and asks them to sign again. */
async function voidOne(ctx: EventContext, id: string, signer: string, reason: string): Promise<void> {
  const { t } = ctx;
  if (reason === '') {
    await ctx.reply.text(t('pledge.void.reasonMissing'));
    return;
  }
  const result = await voidSignature({ id, signer, reason, by: ctx.actor.openId }, ctx.now());
  if (!result.ok) {
    await ctx.reply.text(
      result.reason === 'unknown' ? t('pledge.err.unknown', { id }) : t('pledge.void.none'),
    );
    return;
  }
  const pledge = (await getPledge(id))!;
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'pledge.void',
      outcome: 'ok',
      target: id,
      before: { signature: result.signature.id, hash: result.signature.hash },
      detail: reason,
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await ctx.services.messenger.sendText(
    `${ctx.eventId}:pledge-void:${signer}`,
    { openId: signer },
    t('pledge.void.notice', { title: pledge.title, reason }),
  );
  await sendSignerCards(ctx.services, pledge, [signer]);
  await refreshProgressCards(ctx.services, pledge, ctx.eventId);
  const name = await ctx.services.directory.displayName(signer);
  await ctx.reply.text(t('pledge.void.done', { name, id }));
}

/** `/pledge list`: every document the actor may see, with its progress (a leader's: their departments). */
async function listAll(ctx: EventContext): Promise<void> {
  const { t } = ctx;
  const { timezone } = await ctx.services.settings();
  const lines: string[] = [];
  let scoped = false;
  for (const p of await listPledges()) {
    if (lines.length >= 30) break;
    const sight = await pledgeSightOf(ctx.actor, p);
    if (!sight.ok) continue;
    scoped ||= sight.visible !== undefined;
    const [allSigners, allSignatures] = await Promise.all([listSigners(p.id), listSignatures(p.id)]);
    const signers = inSight(allSigners, sight.visible);
    const signatures = signaturesInSight(allSignatures, sight.visible);
    const statuses = signerStatuses(p, signers, signatures);
    const signed = [...statuses.values()].filter((s) => s.status === 'signed').length;
    lines.push(
      t('pledge.list.line', {
        id: p.id,
        title: p.title,
        kind: kindLabel(t, p.kind),
        signed,
        total: signers.length,
        deadline: formatZoned(p.deadline, timezone),
        state: t(`pledge.state.${p.state}`),
      }),
    );
  }
  const note = scoped ? `\n${t('pledge.scope.note')}` : '';
  await ctx.reply.text(
    lines.length === 0 ? t('pledge.list.empty') : `${t('pledge.list.title')}\n${lines.join('\n')}${note}`,
  );
}

/** Adds the /pledge commands and their card actions. */
export function register(
  registry: CommandRegistry,
  actions: ActionRegistry,
  client: Pick<LarkClient, 'getChatMembers'>,
): void {
  registry.add({
    path: ['pledge', 'new'],
    aliases: ['承诺书 新建', '责任书 新建', '新建承诺书', '新建责任书', '签署 新建'],
    summary: 'pledge.new.summary',
    usage: 'pledge.new.usage',
    roles: MANAGERS,
    where: 'p2p',
    args: noArgs,
    async run(ctx) {
      // Only what the actor may target (a leader: their departments and the chats bound to them).
      await ctx.reply.card(buildPledgeForm(ctx.t, await pledgeFormOptions(ctx)));
    },
  });
  registry.add({
    path: ['pledge', 'edit'],
    aliases: ['承诺书 修改', '责任书 修改', '修改承诺书', '修改责任书'],
    summary: 'pledge.edit.summary',
    usage: 'pledge.edit.usage',
    example: 'pledge.edit.example',
    roles: MANAGERS,
    where: 'p2p',
    args: idArg,
    async run(ctx, id) {
      const pledge = await managedPledge(ctx, id, 'pledge.edit');
      if (!pledge) return;
      await awaitPledgeFile(ctx.actor.openId, pledge.id, ctx.chat!.id, ctx.now());
      await ctx.reply.card(buildPledgeEditForm(ctx.t, pledge));
    },
  });
  registry.add({
    path: ['pledge', 'send'],
    aliases: ['承诺书 发送', '责任书 发送', '发送承诺书', '签署 发送'],
    summary: 'pledge.send.summary',
    usage: 'pledge.send.usage',
    example: 'pledge.send.example',
    roles: MANAGERS,
    args: idAndPeopleArg,
    async run(ctx, args) {
      const pledge = await managedPledge(ctx, args.id, 'pledge.send');
      if (!pledge) return;
      const outside = await checkSignerSources(ctx, 'pledge.send', {
        people: args.people,
        deptIds: [],
        chatIds: [],
      });
      if (outside) return ctx.reply.text(outside);
      await sendTo(ctx, pledge, args.people);
    },
  });
  registry.add({
    path: ['pledge', 'rule'],
    aliases: ['承诺书 规则', '责任书 规则', '新人签署'],
    summary: 'pledge.rule.summary',
    usage: 'pledge.rule.usage',
    example: 'pledge.rule.example',
    roles: MANAGERS,
    args: idAndWordsArg,
    async run(ctx, args) {
      const pledge = await managedPledge(ctx, args.id, 'pledge.rule');
      if (pledge) await addRule(ctx, pledge, args.words);
    },
  });
  registry.add({
    path: ['pledge', 'void'],
    aliases: ['承诺书 作废', '责任书 作废', '作废签署'],
    summary: 'pledge.void.summary',
    usage: 'pledge.void.usage',
    example: 'pledge.void.example',
    roles: ['admin'],
    args: idAndPeopleArg,
    async run(ctx, args) {
      if (args.people.length !== 1) return ctx.reply.text(ctx.t('pledge.void.onePerson'));
      if (!(await isSigner(args.id, args.people[0]!)) && !(await getPledge(args.id)))
        return ctx.reply.text(ctx.t('pledge.err.unknown', { id: args.id }));
      await voidOne(ctx, args.id, args.people[0]!, args.rest);
    },
  });
  registry.add({
    path: ['pledge', 'list'],
    aliases: ['承诺书 列表', '责任书 列表', '签署 列表'],
    summary: 'pledge.list.summary',
    usage: 'pledge.list.usage',
    roles: ['admin', 'leader', 'supervisor'],
    args: noArgs,
    run: listAll,
  });
  registerPledgeEvidence(registry);
  registerPledgeClose(registry);
  registerPledgeActions(actions, client);
}
