import { z } from 'zod';
import { buildAuditCard } from '../../cards/audit-card.js';
import { listAudit, recordAudit } from '../domain/audit.js';
import { namesOf } from '../domain/person-names.js';
import { toCsvBytes } from '../files/write-csv.js';
import { MAX_OUTBOX_FILE_BYTES } from '../lark/outbox.js';
import { isDayKey, toDayKey } from '../time/day-key.js';
import { formatZoned, zonedDateTime } from '../time/zoned.js';
import { toAuditCsvRows, toAuditLine } from './audit-format.js';
import type { CommandInput, CommandRegistry } from './registry.js';

/** Entries `/audit` shows by default. */
export const AUDIT_DEFAULT_COUNT = 20;
/** Most entries `/audit n` shows. */
export const AUDIT_MAX_COUNT = 100;
/** Most entries one export holds. */
export const AUDIT_EXPORT_MAX = 20_000;

const countArgs = z
  .custom<CommandInput>()
  .refine((input) => input.mentions.length === 0 && input.words.length <= 1)
  .transform((input) => (input.words[0] ?? String(AUDIT_DEFAULT_COUNT)).normalize('NFKC'))
  .pipe(
    z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(AUDIT_MAX_COUNT)),
  );

/** '2026-03-01', '2026/3/1', '2026.3.1' or '2026年3月1日' → '2026-03-01'. */
export function parseDayArg(text: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  const key = toDayKey(Number(m[1]), Number(m[2]), Number(m[3]));
  return isDayKey(key) && key === `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
    ? key
    : undefined;
}

const exportArgs = z
  .custom<CommandInput>()
  .refine((input) => input.mentions.length === 0 && input.words.length <= 1, 'i18n:audit.dateInvalid')
  .transform((input, ctx) => {
    const word = input.words[0];
    if (word === undefined) return null;
    const day = parseDayArg(word);
    if (!day) ctx.addIssue({ code: 'custom', message: 'i18n:audit.dateInvalid' });
    return day ?? null;
  });

/** `/audit [n]` (审计) and `/audit export [起始日期]` (审计 导出), admins only, in p2p. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['audit'],
    aliases: ['审计', '审计日志'],
    summary: 'audit.list.summary',
    usage: 'audit.list.usage',
    example: 'audit.list.example',
    roles: ['admin'],
    where: 'p2p',
    args: countArgs,
    async run(ctx, count) {
      const tz = (await ctx.services.settings()).timezone;
      const records = await listAudit(count);
      const names = await namesOf(records.flatMap((r) => [r.actor, r.target]));
      await ctx.reply.card(
        buildAuditCard(
          ctx.t,
          records.map((r) => toAuditLine(ctx.t, r, names, tz)),
          tz,
        ),
      );
    },
  });

  registry.add({
    path: ['audit', 'export'],
    aliases: ['审计 导出', '导出审计', '导出审计日志'],
    summary: 'audit.export.summary',
    usage: 'audit.export.usage',
    example: 'audit.export.example',
    roles: ['admin'],
    where: 'p2p',
    args: exportArgs,
    async run(ctx, day) {
      const tz = (await ctx.services.settings()).timezone;
      const since = day
        ? zonedDateTime(tz, Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))
        : undefined;
      const newestFirst = await listAudit(AUDIT_EXPORT_MAX + 1, since);
      if (newestFirst.length > AUDIT_EXPORT_MAX) {
        await ctx.reply.text(ctx.t('audit.exportTooLarge', { max: AUDIT_EXPORT_MAX }));
        return;
      }
      if (newestFirst.length === 0) {
        await ctx.reply.text(ctx.t('audit.exportEmpty'));
        return;
      }
      const records = [...newestFirst].reverse();
      const names = await namesOf(records.flatMap((r) => [r.actor, r.target]));
      const bytes = toCsvBytes(toAuditCsvRows(ctx.t, records, names, tz));
      if (bytes.length > MAX_OUTBOX_FILE_BYTES) {
        await ctx.reply.text(ctx.t('audit.exportTooLarge', { max: records.length }));
        return;
      }
      const fileName = ctx.t('audit.fileName', { date: formatZoned(ctx.now(), tz, 'YYYYMMDD') });
      await ctx.reply.text(ctx.t('audit.exported', { count: records.length, file: fileName }));
      await ctx.services.messenger.sendFile(
        `${ctx.eventId}:audit-export`,
        { chatId: ctx.chat!.id },
        {
          fileName,
          fileType: 'stream',
          bytes,
        },
      );
      await recordAudit(
        {
          actor: ctx.actor.openId,
          action: 'audit.export',
          outcome: 'ok',
          target: day ?? '',
          after: { count: records.length },
          eventId: ctx.eventId,
        },
        ctx.now(),
      );
    },
  });
}
