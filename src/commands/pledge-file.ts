/**
 * The text of a sign-off document as a file: after `/pledge new` (with the text left empty) or
 * `/pledge edit <id>`, a .md or .txt file sent in the same private chat within 10 minutes
 * becomes the document's next version. Other files are left to the next handler.
 */

import type { FileHandler } from '../dispatch/dispatcher.js';
import { getPledge } from '../domain/pledges.js';
import { decodeText } from '../files/decode-text.js';
import { type LarkClient, ResourceTooLargeError } from '../lark/client.js';
import { PledgePendingFileModel } from '../models/pledge.js';
import { mayManagePledge, reviseAndResend } from './pledge-launch.js';

/** Largest text file read (the text itself is limited to MAX_PLEDGE_TEXT_CHARS). */
const MAX_FILE_BYTES = 256 * 1024;

/** The file handler of pledge texts. */
export function createPledgeFileHandler(client: Pick<LarkClient, 'downloadResource'>): FileHandler {
  return async (ctx, file) => {
    if (ctx.chat?.type !== 'p2p') return false;
    const pending = await PledgePendingFileModel.findOne({
      _id: ctx.actor.openId,
      chatId: ctx.chat.id,
      expiresAt: { $gt: ctx.now() },
    }).lean();
    if (!pending) return false;
    const { t } = ctx;
    if (!/\.(md|markdown|txt)$/i.test(file.fileName)) {
      await ctx.reply.text(t('pledge.file.type', { file: file.fileName }));
      return true;
    }
    const pledge = await getPledge(pending.pledgeId);
    if (!pledge || !mayManagePledge(ctx, pledge)) {
      await ctx.reply.text(t('pledge.err.unknown', { id: pending.pledgeId }));
      return true;
    }
    let bytes: Buffer;
    try {
      bytes = await client.downloadResource({
        messageId: file.messageId,
        fileKey: file.fileKey,
        type: 'file',
        maxBytes: MAX_FILE_BYTES,
      });
    } catch (error) {
      ctx.log.warn({ err: error, fileName: file.fileName }, 'pledge text download failed');
      await ctx.reply.text(
        t(error instanceof ResourceTooLargeError ? 'pledge.file.tooLarge' : 'pledge.file.failed'),
      );
      return true;
    }
    const text = decodeText(bytes).text.replace(/\r\n?/g, '\n');
    await PledgePendingFileModel.deleteOne({ _id: ctx.actor.openId });
    await ctx.reply.text(await reviseAndResend(ctx, pledge, text));
    return true;
  };
}
