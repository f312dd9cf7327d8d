import type { EventContext } from '../dispatch/context.js';
import type { IncomingFile } from '../dispatch/dispatcher.js';
import { mayUse, type Role } from '../domain/access.js';
import { recordAudit } from '../domain/audit.js';
import {
  readTable,
  TableLimitError,
  type TableRow,
  tableFormatOf,
  UnreadableTableError,
} from '../files/read-table.js';
import type { Translate } from '../i18n/index.js';
import { type LarkClient, ResourceTooLargeError } from '../lark/client.js';
import { toLarkApiError } from '../lark/errors.js';
import { describeRoles } from './run-command.js';

/** The answer to a file past one of the read limits: which limit, and what to do. */
export function limitRefusalText(t: Translate, error: TableLimitError): string {
  const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
  switch (error.kind) {
    case 'unpacked':
    case 'fileBytes':
      return t(`import.limit.${error.kind}`, { max: mb(error.max) });
    case 'time':
      return t('import.limit.time', { max: Math.round(error.max / 1000) });
    default:
      return t(`import.limit.${error.kind}`, {
        max: error.max,
        line: error.line ?? '?',
        column: error.column ?? '?',
      });
  }
}

/**
 * Downloads a file a user sent for an import and reads it as a table, at most `maxRows` data
 * rows and the other read limits. On failure (too large, download error, unreadable, past a
 * limit) it answers the user and returns undefined.
 */
export async function readImportFile(
  ctx: EventContext,
  client: Pick<LarkClient, 'downloadResource'>,
  file: IncomingFile,
  format: 'csv' | 'xlsx',
  limits: { maxBytes: number; maxRows: number },
): Promise<TableRow[] | undefined> {
  const { maxBytes } = limits;
  let bytes: Buffer;
  try {
    bytes = await client.downloadResource({
      messageId: file.messageId,
      fileKey: file.fileKey,
      type: 'file',
      maxBytes,
    });
  } catch (error) {
    if (error instanceof ResourceTooLargeError) {
      await ctx.reply.text(ctx.t('import.tooLarge'));
      return undefined;
    }
    const lark = toLarkApiError(error);
    ctx.log.warn({ code: lark.code, msg: lark.msg, fileName: file.fileName }, 'import file download failed');
    await ctx.reply.text(ctx.t('import.downloadFailed', { code: lark.code }));
    return undefined;
  }
  try {
    return await readTable(bytes, format, { maxRows: limits.maxRows, maxFileBytes: maxBytes });
  } catch (error) {
    if (error instanceof TableLimitError) {
      ctx.log.warn(
        { limit: error.kind, max: error.max, line: error.line, fileName: file.fileName },
        'import file refused: limit',
      );
      await ctx.reply.text(limitRefusalText(ctx.t, error));
      return undefined;
    }
    if (!(error instanceof UnreadableTableError)) throw error;
    ctx.log.info({ err: error, fileName: file.fileName }, 'import file unreadable');
    await ctx.reply.text(ctx.t('import.unreadable', { file: file.fileName }));
    return undefined;
  }
}

/** What an import file handler checks before it reads a file. */
export interface ImportFileRules {
  /** The command that started the import, for refusals and the audit log (`/import members`). */
  command: string;
  roles: readonly Role[];
  maxBytes: number;
  /** Data rows the import takes at most (the reader stops at the next one). */
  maxRows: number;
}

/**
 * The common front of the import file handlers: the sender's role (refusals audited), the file
 * type, a "received" answer, then download and read. Returns the rows, or undefined when the
 * user has been answered and the handler is done.
 */
export async function acceptImportFile(
  ctx: EventContext,
  client: Pick<LarkClient, 'downloadResource'>,
  file: IncomingFile,
  rules: ImportFileRules,
): Promise<TableRow[] | undefined> {
  const { t } = ctx;
  if (!mayUse(ctx.actor.roles, rules.roles)) {
    await recordAudit(
      {
        actor: ctx.actor.openId,
        action: `command:${rules.command}`,
        outcome: 'refused',
        detail: 'role',
        eventId: ctx.eventId,
      },
      ctx.now(),
    );
    await ctx.reply.text(
      t('cmd.forbidden', { command: rules.command, roles: describeRoles(t, rules.roles) }),
    );
    return undefined;
  }
  const format = tableFormatOf(file.fileName);
  if (format === 'xls') {
    await ctx.reply.text(t('import.oldExcel'));
    return undefined;
  }
  if (!format) {
    await ctx.reply.text(t('import.unsupportedType', { file: file.fileName }));
    return undefined;
  }
  await ctx.reply.text(t('import.received', { file: file.fileName }));
  return readImportFile(ctx, client, file, format, rules);
}
