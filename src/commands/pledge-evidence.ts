/** Evidence of sign-off documents: `/pledge status <id>`, `/pledge verify <id>`, `/pledge export <id> [csv]`. */

import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import { buildPledgeRegister, checkVersions, peopleInfo, signatureState } from '../domain/pledge-export.js';
import { signaturesInSight } from '../domain/pledge-scope.js';
import { listSignatures } from '../domain/pledge-signatures.js';
import type { Ledger } from '../domain/task-export.js';
import { ledgersToXlsx } from '../domain/task-export-files.js';
import { toCsvBytes } from '../files/write-csv.js';
import type { Target } from '../lark/messenger.js';
import { formatZoned } from '../time/zoned.js';
import { idAndWordsArg, idArg } from './pledge-args.js';
import { sendProgressCard } from './pledge-publish.js';
import { viewablePledge } from './pledge-sight.js';
import type { CommandRegistry } from './registry.js';

const VIEWERS = ['admin', 'leader', 'supervisor'] as const;
/** Signature lines `/pledge verify` shows; the export has them all. */
const VERIFY_LINES = 200;

async function verify(ctx: EventContext, id: string): Promise<void> {
  const { t } = ctx;
  const seen = await viewablePledge(ctx, id, 'pledge.verify');
  if (!seen) return;
  const { pledge, visible } = seen;
  const { timezone } = await ctx.services.settings();
  const { versions, currentIntact } = await checkVersions(pledge);
  const intactHashes = new Set(versions.filter((v) => v.intact).map((v) => v.hash));
  const signatures = signaturesInSight(await listSignatures(id), visible);
  const info = await peopleInfo(
    id,
    signatures.map((s) => s.signer),
  );
  const lines = [
    t('pledge.verify.title', { id, title: pledge.title, version: pledge.version, hash: pledge.hash }),
  ];
  for (const v of versions)
    lines.push(
      t(v.intact ? 'pledge.verify.versionOk' : 'pledge.verify.versionBad', {
        version: v.version,
        hash: v.hash.slice(0, 16),
      }),
    );
  if (!currentIntact) lines.push(t('pledge.verify.currentBad'));
  if (visible) lines.push(t('pledge.scope.note'));
  lines.push(t('pledge.verify.signatures', { count: signatures.length }));
  for (const s of signatures.slice(0, VERIFY_LINES)) {
    lines.push(
      t('pledge.verify.line', {
        name: info.get(s.signer)?.name || s.signer,
        version: s.version,
        hash: s.hash.slice(0, 16),
        at: formatZoned(s.at, timezone),
        state: signatureState(t, pledge, s),
        match: t(s.hash === pledge.hash ? 'pledge.verify.matches' : 'pledge.verify.differs'),
      }) + (intactHashes.has(s.hash) ? '' : t('pledge.verify.noVersion')),
    );
  }
  if (signatures.length > VERIFY_LINES)
    lines.push(t('pledge.verify.more', { count: signatures.length - VERIFY_LINES, id }));
  await ctx.reply.text(lines.join('\n'));
}

async function exportRegister(ctx: EventContext, args: { id: string; words: string[] }): Promise<void> {
  const { t } = ctx;
  const format = args.words.map((w) => w.toLowerCase());
  if (format.length > 1 || (format[0] && !['csv', 'xlsx', 'excel'].includes(format[0])))
    return ctx.reply.text(t('pledge.export.usage'));
  const seen = await viewablePledge(ctx, args.id, 'pledge.export');
  if (!seen) return;
  const { pledge, visible } = seen;
  const now = ctx.now();
  const { timezone } = await ctx.services.settings();
  const register = await buildPledgeRegister(t, pledge, timezone, visible);
  const date = formatZoned(now, timezone, 'YYYYMMDD');
  const csv = format[0] === 'csv';
  const name = t('pledge.export.fileName', { id: pledge.id, date, ext: csv ? 'csv' : 'xlsx' });
  // The task ledger's workbook writer reads only a sheet's name, header and rows.
  const sheet = { key: 'pledge', name: t('pledge.export.sheet'), ...register } as unknown as Ledger;
  const bytes = csv
    ? toCsvBytes([register.header, ...register.rows])
    : await ledgersToXlsx([sheet], { creator: ctx.actor.name || ctx.actor.openId, now });
  const to: Target = ctx.chat?.type === 'p2p' ? { chatId: ctx.chat.id } : { openId: ctx.actor.openId };
  await ctx.reply.text(
    t(ctx.chat?.type === 'p2p' ? 'pledge.export.done' : 'pledge.export.sentPrivately', {
      count: register.rows.length,
      file: name,
    }) + (visible ? `\n${t('pledge.scope.note')}` : ''),
  );
  await ctx.services.messenger.sendFile(`${ctx.eventId}:pledge-export`, to, {
    fileName: name,
    fileType: csv ? 'stream' : 'xls',
    bytes,
  });
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'pledge.export',
      outcome: 'ok',
      target: pledge.id,
      after: { rows: register.rows.length, format: csv ? 'csv' : 'xlsx', scoped: Boolean(visible) },
      eventId: ctx.eventId,
    },
    now,
  );
}

/** Adds `/pledge status`, `/pledge verify` and `/pledge export`. */
export function registerPledgeEvidence(registry: CommandRegistry): void {
  registry.add({
    path: ['pledge', 'status'],
    aliases: ['承诺书 进度', '责任书 进度', '签署进度', '签署 进度'],
    summary: 'pledge.status.summary',
    usage: 'pledge.status.usage',
    example: 'pledge.status.example',
    roles: VIEWERS,
    args: idArg,
    async run(ctx, id) {
      const seen = await viewablePledge(ctx, id, 'pledge.status');
      if (!seen) return;
      const key = `${ctx.eventId}:pledge-status`;
      const where = ctx.messageId
        ? { replyTo: ctx.messageId, chatId: ctx.chat?.id }
        : { to: { openId: ctx.actor.openId } };
      await sendProgressCard(ctx.services, seen.pledge, key, where, seen.scope);
    },
  });
  registry.add({
    path: ['pledge', 'verify'],
    aliases: ['承诺书 核验', '责任书 核验', '签署核验', '签署 核验'],
    summary: 'pledge.verify.summary',
    usage: 'pledge.verify.usage',
    example: 'pledge.verify.example',
    roles: VIEWERS,
    args: idArg,
    run: verify,
  });
  registry.add({
    path: ['pledge', 'export'],
    aliases: ['承诺书 导出', '责任书 导出', '导出签署', '签署 导出'],
    summary: 'pledge.export.summary',
    usage: 'pledge.export.usage',
    example: 'pledge.export.example',
    roles: VIEWERS,
    args: idAndWordsArg,
    run: exportRegister,
  });
}
