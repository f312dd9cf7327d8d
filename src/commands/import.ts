import { z } from 'zod';
import {
  buildImportGuideCard,
  buildImportResultCard,
  IMPORT_EXAMPLE_ROWS,
} from '../../cards/import-cards.js';
import type { EventContext } from '../dispatch/context.js';
import type { FileHandler } from '../dispatch/dispatcher.js';
import { recordAudit } from '../domain/audit.js';
import {
  type ImportFailure,
  type ImportSummary,
  importMembers,
  MAX_IMPORT_ROWS,
} from '../domain/member-import.js';
import type { RowError } from '../domain/member-rows.js';
import { findPendingImport, startPendingImport } from '../domain/pending-imports.js';
import { toCsvBytes } from '../files/write-csv.js';
import type { Translate } from '../i18n/index.js';
import type { LarkClient } from '../lark/client.js';
import { AuditEntryModel } from '../models/audit-entry.js';
import { acceptImportFile } from './read-import-file.js';
import type { CommandInput, CommandRegistry } from './registry.js';

/** Largest file an import reads. */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
/** Errors listed in the result card; more go to a CSV file. */
export const IMPORT_ERRORS_SHOWN = 20;

const IMPORT_ROLES = ['admin'] as const;

/** `/import members` (导入 成员): starts waiting 10 minutes for the admin's file. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['import', 'members'],
    aliases: ['导入 成员', '导入成员', '导入 名单', '导入名单'],
    summary: 'import.members.summary',
    usage: 'import.members.usage',
    roles: IMPORT_ROLES,
    where: 'p2p',
    args: z.custom<CommandInput>().refine((input) => input.words.length === 0 && input.mentions.length === 0),
    async run(ctx) {
      const chatId = ctx.chat!.id;
      await startPendingImport({ openId: ctx.actor.openId, chatId, eventId: ctx.eventId }, ctx.now());
      await ctx.reply.card(buildImportGuideCard(ctx.t));
      await ctx.services.messenger.sendFile(
        `${ctx.eventId}:import-template`,
        { chatId },
        {
          fileName: ctx.t('import.templateName'),
          fileType: 'stream',
          bytes: toCsvBytes(IMPORT_EXAMPLE_ROWS),
        },
      );
    },
  });
}

/** The reason line of one bad row, e.g. 第 17 行：部门“宣传部”不存在，请先用 /dept add 创建. */
export function rowErrorText(t: Translate, e: RowError): string {
  return t('import.rowError', { line: e.line, reason: t(`import.problem.${e.problem}`, { value: e.value }) });
}

function failureText(t: Translate, failure: ImportFailure): string {
  switch (failure.kind) {
    case 'empty':
      return t('import.empty');
    case 'missingColumns':
      return t('import.missingColumns', {
        columns: failure.missing.map((c) => t(`import.column.${c}`)).join(t('role.separator')),
      });
    case 'tooManyRows':
      return t('import.tooManyRows', { rows: failure.rows, max: failure.max });
    case 'directoryUnavailable':
      return t('import.directoryUnavailable');
  }
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || fileName;
}

/** Writes the import's one audit entry, unless a crashed run of this event already did. */
async function auditImport(ctx: EventContext, fileName: string, summary: ImportSummary): Promise<void> {
  if (await AuditEntryModel.exists({ eventId: ctx.eventId, action: 'import.members' })) return;
  const { total, created, updated, unchanged, skipped } = summary;
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'import.members',
      outcome: 'ok',
      target: fileName,
      after: { total, created, updated, unchanged, skipped },
      detail: summary.interruptedAt !== undefined ? `interrupted at row ${summary.interruptedAt}` : '',
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
}

async function answerSummary(ctx: EventContext, fileName: string, summary: ImportSummary): Promise<void> {
  const { t } = ctx;
  const lines = summary.errors.map((e) => rowErrorText(t, e));
  const more = Math.max(0, lines.length - IMPORT_ERRORS_SHOWN);
  const errorsFile = more > 0 ? t('import.errorsFileName', { file: baseName(fileName) }) : undefined;
  await ctx.reply.card(
    buildImportResultCard(t, {
      fileName,
      total: summary.total,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      skipped: summary.skipped,
      errorLines: lines.slice(0, IMPORT_ERRORS_SHOWN),
      moreErrors: more,
      ...(errorsFile ? { errorsFile } : {}),
      ...(summary.interruptedAt !== undefined ? { interruptedAt: summary.interruptedAt } : {}),
    }),
  );
  if (!errorsFile) return;
  const rows = [
    [t('import.errorsHeader.line'), t('import.errorsHeader.name'), t('import.errorsHeader.problem')],
    ...summary.errors.map((e) => [
      String(e.line),
      e.name,
      t(`import.problem.${e.problem}`, { value: e.value }),
    ]),
  ];
  await ctx.services.messenger.sendFile(
    `${ctx.eventId}:import-errors`,
    { chatId: ctx.chat!.id },
    {
      fileName: errorsFile,
      fileType: 'stream',
      bytes: toCsvBytes(rows),
    },
  );
}

/**
 * The file handler of `/import members`: takes a file an admin sends in the p2p chat where
 * they started an import in the last 10 minutes, and imports it (see domain/member-import.ts).
 * Files nobody is waiting for are left to the dispatcher's hint.
 */
export function createMemberImportFileHandler(
  client: Pick<LarkClient, 'downloadResource' | 'resolveUserIds'>,
): FileHandler {
  return async (ctx, file) => {
    if (ctx.chat?.type !== 'p2p') return false;
    const pending = await findPendingImport(ctx.actor.openId, ctx.chat.id, ctx.now());
    if (!pending) return false;
    const rows = await acceptImportFile(ctx, client, file, {
      command: '/import members',
      roles: IMPORT_ROLES,
      maxBytes: MAX_IMPORT_FILE_BYTES,
      maxRows: MAX_IMPORT_ROWS,
    });
    if (!rows) return true;
    const { t } = ctx;
    const outcome = await importMembers(rows, {
      resolveUserIds: (query) => client.resolveUserIds(query),
      log: ctx.log,
    });
    if (!outcome.ok) {
      if (outcome.failure.kind === 'directoryUnavailable') {
        ctx.log.warn({ detail: outcome.failure.detail }, 'import: directory lookup failed');
      }
      await ctx.reply.text(failureText(t, outcome.failure));
      return true;
    }
    ctx.log.info(
      { fileName: file.fileName, ...outcome.summary, errors: outcome.summary.errors.length },
      'members imported',
    );
    await answerSummary(ctx, file.fileName, outcome.summary);
    await auditImport(ctx, file.fileName, outcome.summary);
    return true;
  };
}
