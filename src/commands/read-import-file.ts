import type { EventContext } from '../dispatch/context.js';
import type { IncomingFile } from '../dispatch/dispatcher.js';
import { readTable, type TableRow, UnreadableTableError } from '../files/read-table.js';
import { type LarkClient, ResourceTooLargeError } from '../lark/client.js';
import { toLarkApiError } from '../lark/errors.js';

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
