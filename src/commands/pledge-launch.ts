/** Creating and launching a sign-off document: who signs, the cards, the progress card, the audit. */

import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { findChat } from '../domain/chats.js';
import { withDescendants } from '../domain/departments.js';
import { notifyPledgeChanged } from '../domain/pledge-listeners.js';
import {
  addSigners,
  type CreatePledgeInput,
  createPledge,
  listSigners,
  MAX_PLEDGE_SIGNERS,
  MAX_PLEDGE_TEXT_CHARS,
  type PledgeView,
  reviseText,
} from '../domain/pledges.js';
import type { LarkClient } from '../lark/client.js';
import { PersonModel } from '../models/person.js';
import { PledgePendingFileModel } from '../models/pledge.js';
import { formatZoned } from '../time/zoned.js';
import { refreshProgressCards, sendProgressCard, sendSignerCards } from './pledge-publish.js';

/** How long the bot waits for the text file after `/pledge new` (empty text) or `/pledge edit`. */
export const PLEDGE_FILE_WAIT_MS = 10 * 60_000;

/** Where the signers come from. */
export interface SignerSources {
  people: string[];
  deptIds: string[];
  chatIds: string[];
}

/** The people of the sources (departments include their sub-departments; chat members now). */
export async function resolveSigners(
  ctx: EventContext,
  client: Pick<LarkClient, 'getChatMembers'>,
  sources: SignerSources,
): Promise<{ ok: true; openIds: string[]; deptHints: Map<string, string> } | { ok: false; chatId: string }> {
  const ids = [...sources.people];
  const deptHints = new Map<string, string>();
  if (sources.deptIds.length > 0) {
    const depts = await withDescendants(sources.deptIds);
    const people = await PersonModel.find({ deptId: { $in: depts } }, { openId: 1 }).lean();
    ids.push(...people.map((p) => p.openId));
  }
  for (const chatId of sources.chatIds) {
    try {
      const members = await client.getChatMembers(chatId);
      const known = await PersonModel.find(
        { openId: { $in: members.map((m) => m.openId) } },
        { openId: 1, name: 1 },
      ).lean();
      const named = new Set(known.filter((k) => k.name).map((k) => k.openId));
      // Names for the progress card and the register; ten contact lookups at a time.
      const unnamed = members.filter((m) => !named.has(m.openId));
      for (let i = 0; i < unnamed.length; i += 10) {
        await Promise.all(
          unnamed
            .slice(i, i + 10)
            .map((m) => ctx.services.directory.ensurePerson(m.openId, { name: m.name })),
        );
      }
      ids.push(...members.map((m) => m.openId));
      const deptId = (await findChat(chatId))?.deptId;
      if (deptId) for (const m of members) if (!deptHints.has(m.openId)) deptHints.set(m.openId, deptId);
    } catch (error) {
      ctx.log.warn({ err: error, chatId }, 'pledge: chat members could not be listed');
      return { ok: false, chatId };
    }
  }
  return { ok: true, openIds: [...new Set(ids.filter(Boolean))], deptHints };
}

/** Sends every signer the card of the current version, sends the creator a progress card, re-plans reminders. */
export async function launchPledge(ctx: EventContext, pledge: PledgeView): Promise<void> {
  const signers = await listSigners(pledge.id);
  await sendSignerCards(ctx.services, pledge, signers);
  await sendProgressCard(ctx.services, pledge, `pledge-progress:${pledge.id}:creator`, {
    to: { openId: pledge.creator },
  });
  await notifyPledgeChanged(pledge.id);
}

/** Waits (10 minutes) for `openId`'s text file for `pledgeId` in the p2p chat `chatId`. */
export async function awaitPledgeFile(
  openId: string,
  pledgeId: string,
  chatId: string,
  now: Date,
): Promise<void> {
  await PledgePendingFileModel.updateOne(
    { _id: openId },
    { $set: { pledgeId, chatId, expiresAt: new Date(now.getTime() + PLEDGE_FILE_WAIT_MS) } },
    { upsert: true },
  );
}

/** The creation outcome: the text to answer with. */
export type CreateOutcome = { ok: true; pledge: PledgeView; text: string } | { ok: false; text: string };

/** Creates the document with its signers; launches it when it has a text, else waits for the file. */
export async function createAndLaunch(
  ctx: EventContext,
  client: Pick<LarkClient, 'getChatMembers'>,
  input: Omit<CreatePledgeInput, 'creator' | 'chatIds' | 'deptIds' | 'sourceKey'> & {
    sources: SignerSources;
  },
  sourceKey: string,
): Promise<CreateOutcome> {
  const { t } = ctx;
  const resolved = await resolveSigners(ctx, client, input.sources);
  if (!resolved.ok) return { ok: false, text: t('pledge.err.chatMembers') };
  if (resolved.openIds.length === 0) return { ok: false, text: t('pledge.form.signersMissing') };
  if (resolved.openIds.length > MAX_PLEDGE_SIGNERS)
    return {
      ok: false,
      text: t('pledge.err.tooManySigners', { count: resolved.openIds.length, max: MAX_PLEDGE_SIGNERS }),
    };
  const now = ctx.now();
  const pledge = await createPledge(
    {
      ...input,
      creator: ctx.actor.openId,
      chatIds: input.sources.chatIds,
      deptIds: input.sources.deptIds,
      sourceKey,
    },
    now,
  );
  await addSigners(pledge.id, resolved.openIds, 'campaign', now, resolved.deptHints);
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'pledge.create',
      outcome: 'ok',
      target: pledge.id,
      after: {
        title: pledge.title,
        kind: pledge.kind,
        version: pledge.version,
        hash: pledge.hash,
        signers: resolved.openIds.length,
      },
      eventId: ctx.eventId,
      key: `pledge.create:${pledge.id}`,
    },
    now,
  );
  const { timezone } = await ctx.services.settings();
  const params = {
    id: pledge.id,
    title: pledge.title,
    count: resolved.openIds.length,
    deadline: formatZoned(pledge.deadline, timezone),
  };
  if (pledge.version === 0) {
    if (ctx.chat) await awaitPledgeFile(ctx.actor.openId, pledge.id, ctx.chat.id, now);
    return { ok: true, pledge, text: t('pledge.created.draft', params) };
  }
  await launchPledge(ctx, pledge);
  return { ok: true, pledge, text: t('pledge.created', params) };
}

/** May the actor change this document (its text, signers, rules)? Admins and its creator. */
export function mayManagePledge(ctx: EventContext, pledge: PledgeView): boolean {
  return ctx.actor.roles.includes('admin') || ctx.actor.openId === pledge.creator;
}

/**
 * Makes `text` the next version: a draft is launched; an open document's signers all get the
 * new version's card (earlier signatures now show as 旧版本) and the progress cards update.
 */
export async function reviseAndResend(ctx: EventContext, pledge: PledgeView, text: string): Promise<string> {
  const { t } = ctx;
  if (text.trim() === '') return t('pledge.err.textMissing');
  if (text.length > MAX_PLEDGE_TEXT_CHARS)
    return t('pledge.err.textTooLong', { max: MAX_PLEDGE_TEXT_CHARS, length: text.length });
  const result = await reviseText(pledge.id, text, ctx.actor.openId, ctx.now());
  if (!result.ok) return t(`pledge.err.revise.${result.reason}`, { id: pledge.id });
  if (!result.changed) return t('pledge.edit.unchanged', { version: pledge.version });
  const revised = result.pledge;
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'pledge.edit',
      outcome: 'ok',
      target: pledge.id,
      before: { version: pledge.version, hash: pledge.hash },
      after: { version: revised.version, hash: revised.hash },
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  if (pledge.version === 0) {
    await launchPledge(ctx, revised);
    const count = (await listSigners(pledge.id)).length;
    return t('pledge.launched', { id: pledge.id, title: pledge.title, count });
  }
  const signers = await listSigners(pledge.id);
  await sendSignerCards(ctx.services, revised, signers);
  await refreshProgressCards(ctx.services, revised, ctx.eventId);
  await notifyPledgeChanged(pledge.id);
  return t('pledge.edit.done', {
    id: pledge.id,
    version: revised.version,
    count: signers.length,
    hash: revised.hash.slice(0, 16),
  });
}
