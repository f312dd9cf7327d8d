/** Card actions of sign-off documents: the create and edit forms, 阅读并签署 and the signature. */
import { z } from 'zod';
import { PLEDGE_ACTIONS, PLEDGE_NAME_FIELD } from '../../cards/pledge-card.js';
import {
  buildPledgeDoneCard,
  PLEDGE_FORM_ACTIONS,
  PLEDGE_FORM_FIELDS,
} from '../../cards/pledge-form-card.js';
import type { ActionRegistry, ActionResult } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { currentSignature, signPledge } from '../domain/pledge-signatures.js';
import { getPledge, isSigner } from '../domain/pledges.js';
import type { LarkClient } from '../lark/client.js';
import { PLEDGE_KINDS } from '../models/pledge.js';
import { formatZoned } from '../time/zoned.js';
import { createAndLaunch, mayManagePledge, reviseAndResend } from './pledge-launch.js';
import { refreshProgressCards, renderSignerCard } from './pledge-publish.js';
import { checkSignerSources } from './pledge-targets.js';
import { formSourceKey } from './source-key.js';
import { parseFormDateTime } from './task-args.js';

const f = PLEDGE_FORM_FIELDS;
const str = z.string().optional().catch(undefined);
const list = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .catch(undefined)
  .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).filter((x) => x !== ''));

const createSchema = z
  .object({
    value: z.object({}).passthrough(),
    formValue: z
      .object({
        [f.title]: str,
        [f.kind]: z.enum(PLEDGE_KINDS).optional().catch(undefined),
        [f.text]: str,
        [f.people]: list,
        [f.depts]: list,
        [f.chats]: list,
        [f.deadline]: str,
        [f.leader]: str,
      })
      .passthrough(),
  })
  .transform(({ formValue: v }) => ({
    title: (v[f.title] ?? '').trim(),
    kind: v[f.kind] ?? 'pledge',
    text: v[f.text] ?? '',
    sources: { people: v[f.people], deptIds: v[f.depts], chatIds: v[f.chats] },
    deadline: v[f.deadline],
    leader: v[f.leader] || null,
  }));

const versionValue = z
  .object({ id: z.string().regex(/^P[A-Z0-9]{4,8}$/), v: z.coerce.number().int().min(0) })
  .passthrough();

const editSchema = z
  .object({ value: versionValue, formValue: z.record(z.string(), z.unknown()) })
  .transform(({ value, formValue }) => ({
    id: value.id,
    version: value.v,
    text: typeof formValue[f.text] === 'string' ? (formValue[f.text] as string) : '',
  }));

const signSchema = z
  .object({ value: versionValue, formValue: z.record(z.string(), z.unknown()) })
  .transform(({ value, formValue }) => ({
    id: value.id,
    version: value.v,
    name: typeof formValue[PLEDGE_NAME_FIELD] === 'string' ? (formValue[PLEDGE_NAME_FIELD] as string) : '',
  }));

function warn(content: string): ActionResult {
  return { toast: { type: 'warning', content } };
}

async function refuse(
  ctx: EventContext,
  action: string,
  target: string,
  detail: string,
  text: string,
): Promise<ActionResult> {
  await recordAudit(
    { actor: ctx.actor.openId, action, outcome: 'refused', target, detail, eventId: ctx.eventId },
    ctx.now(),
  );
  return { toast: { type: 'error', content: text } };
}

async function signedAt(ctx: EventContext, at: Date): Promise<string> {
  return formatZoned(at, (await ctx.services.settings()).timezone);
}

/** 阅读并签署: the confirmation form for a signer of the current version. */
async function openForm(ctx: EventContext, input: { id: string; version: number }): Promise<ActionResult> {
  const { t } = ctx;
  const pledge = await getPledge(input.id);
  if (!pledge) return warn(t('pledge.err.unknown', { id: input.id }));
  if (!(await isSigner(pledge.id, ctx.actor.openId)))
    return refuse(ctx, 'pledge.open', pledge.id, 'not a signer', t('pledge.err.notSigner'));
  if (input.version !== pledge.version)
    return {
      toast: { type: 'warning', content: t('pledge.err.stale', { version: pledge.version }) },
      card: await renderSignerCard(ctx.services, { ...pledge, version: input.version }, t, 'superseded', {
        currentVersion: pledge.version,
      }),
    };
  const mine = await currentSignature(pledge, ctx.actor.openId);
  if (mine)
    return {
      toast: { type: 'info', content: t('pledge.sign.already', { at: await signedAt(ctx, mine.at) }) },
      card: await renderSignerCard(ctx.services, pledge, t, 'signed', {
        signedAt: await signedAt(ctx, mine.at),
        signedName: mine.typedName,
      }),
    };
  return { card: await renderSignerCard(ctx.services, pledge, t, 'form') };
}

/** 确认签署: checks the typed name and records the signature once. */
async function sign(
  ctx: EventContext,
  input: { id: string; version: number; name: string },
): Promise<ActionResult> {
  const { t } = ctx;
  const person = await ctx.services.directory.ensurePerson(ctx.actor.openId);
  const result = await signPledge(
    {
      id: input.id,
      version: input.version,
      signer: ctx.actor.openId,
      typedName: input.name,
      feishuName: person.name,
      messageId: ctx.messageId ?? '',
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  if (!result.ok) {
    switch (result.reason) {
      case 'unknown':
      case 'draft':
        return warn(t('pledge.err.unknown', { id: input.id }));
      case 'not-signer':
        return refuse(ctx, 'pledge.sign', input.id, 'not a signer', t('pledge.err.notSigner'));
      case 'name':
        return refuse(
          ctx,
          'pledge.sign',
          input.id,
          `name mismatch: ${input.name.slice(0, 50)}`,
          person.name
            ? t('pledge.err.nameMismatch', { typed: input.name.trim(), name: person.name })
            : t('pledge.err.nameUnknown'),
        );
      case 'stale':
        return {
          toast: { type: 'warning', content: t('pledge.err.stale', { version: result.pledge.version }) },
          card: await renderSignerCard(
            ctx.services,
            { ...result.pledge, version: input.version },
            t,
            'superseded',
            {
              currentVersion: result.pledge.version,
            },
          ),
        };
      case 'duplicate': {
        const at = await signedAt(ctx, result.signature.at);
        return {
          toast: { type: 'info', content: t('pledge.sign.already', { at }) },
          card: await renderSignerCard(ctx.services, result.pledge, t, 'signed', {
            signedAt: at,
            signedName: result.signature.typedName,
          }),
        };
      }
    }
  }
  const { pledge, signature } = result;
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'pledge.sign',
      outcome: 'ok',
      target: pledge.id,
      after: {
        version: signature.version,
        hash: signature.hash,
        name: signature.typedName,
        messageId: signature.messageId,
      },
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await refreshProgressCards(ctx.services, pledge, ctx.eventId);
  const at = await signedAt(ctx, signature.at);
  return {
    toast: { type: 'success', content: t('pledge.sign.done', { at }) },
    card: await renderSignerCard(ctx.services, pledge, t, 'signed', {
      signedAt: at,
      signedName: signature.typedName,
    }),
  };
}

/** Registers the form actions and the signer card's actions. */
export function registerPledgeActions(
  actions: ActionRegistry,
  client: Pick<LarkClient, 'getChatMembers'>,
): void {
  actions.add({
    name: PLEDGE_FORM_ACTIONS.create,
    roles: ['admin', 'leader'],
    input: createSchema,
    async run(ctx, input) {
      const { t } = ctx;
      if (input.title === '' || input.title.length > 100) return warn(t('pledge.form.titleMissing'));
      const deadline = parseFormDateTime(input.deadline);
      if (!deadline) return warn(t('pledge.form.deadlineMissing'));
      if (deadline.getTime() <= ctx.now().getTime()) return warn(t('pledge.form.deadlinePast'));
      const { sources } = input;
      if (sources.people.length + sources.deptIds.length + sources.chatIds.length === 0)
        return warn(t('pledge.form.signersMissing'));
      // The form offered only the leader's departments and chats; a submit may still name others.
      const outside = await checkSignerSources(ctx, 'pledge.create', sources);
      if (outside) return { toast: { type: 'error', content: outside } };
      const result = await createAndLaunch(
        ctx,
        client,
        {
          ...input,
          text: input.text.trim() === '' ? '' : input.text,
          deadline,
        },
        formSourceKey(ctx),
      );
      if (!result.ok) return { toast: { type: 'error', content: result.text } };
      return { toast: { type: 'success', content: result.text }, card: buildPledgeDoneCard(t, result.text) };
    },
  });
  actions.add({
    name: PLEDGE_FORM_ACTIONS.edit,
    roles: ['admin', 'leader'],
    input: editSchema,
    async run(ctx, input) {
      const { t } = ctx;
      const pledge = await getPledge(input.id);
      if (!pledge) return warn(t('pledge.err.unknown', { id: input.id }));
      if (!mayManagePledge(ctx, pledge))
        return refuse(ctx, 'pledge.edit', pledge.id, 'not creator', t('pledge.err.notManager'));
      if (pledge.version !== input.version) return warn(t('pledge.err.editedMeanwhile', { id: pledge.id }));
      const text = await reviseAndResend(ctx, pledge, input.text);
      return { toast: { type: 'success', content: text }, card: buildPledgeDoneCard(t, text) };
    },
  });
  actions.add({
    name: PLEDGE_ACTIONS.open,
    roles: 'everyone',
    input: z
      .object({ value: versionValue, formValue: z.record(z.string(), z.unknown()) })
      .transform(({ value }) => ({ id: value.id, version: value.v })),
    run: openForm,
  });
  actions.add({ name: PLEDGE_ACTIONS.sign, roles: 'everyone', input: signSchema, run: sign });
}
