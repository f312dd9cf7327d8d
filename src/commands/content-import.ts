/**
 * `/content import` (内容 导入): a guide, then a Markdown or JSON file sent in the same private
 * chat within 10 minutes. The whole file is checked first: any problem is answered with
 * line-numbered errors and nothing is imported.
 */
import { z } from 'zod';
import type { FileHandler } from '../dispatch/dispatcher.js';
import { mayUse } from '../domain/access.js';
import { recordAudit } from '../domain/audit.js';
import { contentFormatOf, parseContentJson, parseContentMarkdown } from '../domain/content-import.js';
import {
  endPendingContentImport,
  hasPendingContentImport,
  startPendingContentImport,
} from '../domain/content-import-pending.js';
import { addContentItems } from '../domain/content-items.js';
import { decodeText } from '../files/decode-text.js';
import { type LarkClient, ResourceTooLargeError } from '../lark/client.js';
import { toLarkApiError } from '../lark/errors.js';
import { CONTENT_EDITORS, importErrorText } from './content-text.js';
import type { CommandInput, CommandRegistry } from './registry.js';

/** Largest content file read. */
export const MAX_CONTENT_FILE_BYTES = 2 * 1024 * 1024;
/** Errors listed in the answer; the rest are counted. */
export const CONTENT_ERRORS_SHOWN = 20;

/** Registers `/content import`. */
export function registerContentImport(registry: CommandRegistry): void {
  registry.add({
    path: ['content', 'import'],
    aliases: ['内容 导入', '导入内容', '导入 内容'],
    summary: 'content.import.summary',
    usage: 'content.import.usage',
    roles: CONTENT_EDITORS,
    where: 'p2p',
    args: z.custom<CommandInput>().refine((input) => input.words.length === 0 && input.mentions.length === 0),
    async run(ctx) {
      await startPendingContentImport(
        { openId: ctx.actor.openId, chatId: ctx.chat!.id, eventId: ctx.eventId },
        ctx.now(),
      );
      await ctx.reply.text(ctx.t('content.import.guide'));
    },
  });
}

/** The file handler of `/content import` (takes the file only while an import waits for it). */
export function createContentImportFileHandler(client: Pick<LarkClient, 'downloadResource'>): FileHandler {
  return async (ctx, file) => {
    if (ctx.chat?.type !== 'p2p') return false;
    if (!(await hasPendingContentImport(ctx.actor.openId, ctx.chat.id, ctx.now()))) return false;
    const { t } = ctx;
    if (!mayUse(ctx.actor.roles, CONTENT_EDITORS)) {
      await ctx.reply.text(t('cmd.forbidden', { command: '/content import', roles: t('content.editors') }));
      return true;
    }
    const format = contentFormatOf(file.fileName);
    if (!format) {
      await ctx.reply.text(t('content.import.badType', { file: file.fileName }));
      return true;
    }
    let bytes: Buffer;
    try {
      bytes = await client.downloadResource({
        messageId: file.messageId,
        fileKey: file.fileKey,
        type: 'file',
        maxBytes: MAX_CONTENT_FILE_BYTES,
      });
    } catch (error) {
      if (error instanceof ResourceTooLargeError) {
        await ctx.reply.text(t('import.tooLarge'));
        return true;
      }
      const lark = toLarkApiError(error);
      ctx.log.warn({ code: lark.code, fileName: file.fileName }, 'content import download failed');
      await ctx.reply.text(t('import.downloadFailed', { code: lark.code }));
      return true;
    }
    const text = decodeText(bytes).text;
    const result = format === 'json' ? parseContentJson(text) : parseContentMarkdown(text);
    if (!result.ok) {
      const lines = result.errors.slice(0, CONTENT_ERRORS_SHOWN).map((e) => importErrorText(t, e));
      const more = result.errors.length - lines.length;
      await ctx.reply.text(
        `${t('content.import.rejected', { file: file.fileName, count: result.errors.length })}\n${lines.join('\n')}${more > 0 ? `\n${t('content.import.moreErrors', { count: more })}` : ''}`,
      );
      await recordAudit(
        {
          actor: ctx.actor.openId,
          action: 'content.import',
          outcome: 'refused',
          target: file.fileName,
          detail: `${result.errors.length} errors`,
          eventId: ctx.eventId,
        },
        ctx.now(),
      );
      return true;
    }
    const ids = await addContentItems(result.items, ctx.actor.openId, ctx.now(), `event:${ctx.eventId}`);
    await endPendingContentImport(ctx.actor.openId);
    await recordAudit(
      {
        actor: ctx.actor.openId,
        action: 'content.import',
        outcome: 'ok',
        target: file.fileName,
        after: { items: ids },
        eventId: ctx.eventId,
      },
      ctx.now(),
    );
    await ctx.reply.text(t('content.import.done', { count: ids.length, ids: ids.join('、') }));
    return true;
  };
}
