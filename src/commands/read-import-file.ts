import type { EventContext } from '../dispatch/context.js';
import type { IncomingFile } from '../dispatch/dispatcher.js';
import { type Role, mayUse } from '../domain/access.js';
import { recordAudit } from '../domain/audit.js';
import { readTable, type TableRow, tableFormatOf, UnreadableTableError } from '../files/read-table.js';
import { type LarkClient, ResourceTooLargeError } from '../lark/client.js';
import { toLarkApiError } from '../lark/errors.js';
import { describeRoles } from './run-command.js';

/**
 * Downloads a file a user sent for an import and reads it as a table. On failure (too large,
 * download error, unreadable) it answers the user and returns undefined.
 */
export async function readImportFile(
  ctx: EventContext,
  client: Pick<LarkClient, 'downloadResource'>,
  file: IncomingFile,
  format: 'csv' | 'xlsx',
  maxBytes: number,
): Promise<TableRow[] | undefined> {
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
    return await readTable(bytes, format);
  } catch (error) {
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
  return readImportFile(ctx, client, file, format, rules.maxBytes);
}
