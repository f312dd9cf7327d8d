/**
 * `/report export [起] [止]` (导出报表): the campaign workbook of a period — 任务, 签署, 投票, 学习,
 * 评分 — as one XLSX file. Admins and supervisors get every department, a leader the departments
 * they lead (with those below); members are refused by role. The file goes to the requester only
 * (in a group, privately); every export is audited with its range and scope.
 */
import type { EventContext } from '../dispatch/context.js';
import type { Role } from '../domain/access.js';
import { recordAudit } from '../domain/audit.js';
import { buildReport } from '../domain/report-export.js';
import { reportToXlsx } from '../domain/report-sheet.js';
import { ledgerScopeOf, MAX_EXPORT_TASKS } from '../domain/task-export.js';
import type { Target } from '../lark/messenger.js';
import { MAX_OUTBOX_FILE_BYTES } from '../lark/outbox.js';
import { argsFrom } from './org-args.js';
import type { CommandRegistry } from './registry.js';
import { parseReportRange } from './report-range.js';

/** Who may export the report (leaders: their departments only). */
export const REPORT_EXPORT_ROLES: readonly Role[] = ['admin', 'leader', 'supervisor'];

const exportArgs = argsFrom((input) => (input.mentions.length > 0 ? 'i18n:report.err.args' : input.words));

async function runExport(ctx: EventContext, words: string[]): Promise<void> {
  const { t } = ctx;
  const now = ctx.now();
  const tz = (await ctx.services.settings()).timezone;
  const parsed = parseReportRange(words, tz, now);
  if (!parsed.ok) {
    return ctx.reply.text(
      parsed.problem === 'order'
        ? t('report.err.order', { from: parsed.fromDay, to: parsed.toDay })
        : t('report.err.args'),
    );
  }
  const { range } = parsed;
  const scope = ledgerScopeOf(ctx.actor);
  const built = await buildReport({ t, scope, range, tz, now, log: ctx.log });
  if (!built.ok) return ctx.reply.text(t('report.err.tooLarge', { max: built.tooMany }));
  const { sheets } = built;
  const bytes = await reportToXlsx(sheets, { creator: ctx.actor.name || ctx.actor.openId, now });
  if (bytes.length > MAX_OUTBOX_FILE_BYTES)
    return ctx.reply.text(t('report.err.tooLarge', { max: MAX_EXPORT_TASKS }));
  const fileName = t('report.export.fileName', {
    from: range.fromDay.replaceAll('-', ''),
    to: range.toDay.replaceAll('-', ''),
  });
  const rows = Object.fromEntries(sheets.map((s) => [s.key, s.rows.length]));
  const notes = `${scope.kind === 'departments' ? t('report.export.scopeLeader') : ''}${t('report.export.pollNote')}`;
  // The workbook goes to the requester only: from a group it is sent in a private chat.
  const inGroup = ctx.chat?.type !== 'p2p';
  const to: Target = inGroup ? { openId: ctx.actor.openId } : { chatId: ctx.chat!.id };
  const period = { from: range.fromDay, to: range.toDay };
  await ctx.reply.text(
    inGroup
      ? `${t('report.export.sentPrivately', period)}${notes}`
      : `${t('report.export.done', {
          ...period,
          tasks: rows.tasks ?? 0,
          signatures: rows.signatures ?? 0,
          polls: rows.polls ?? 0,
          broadcasts: rows.learning ?? 0,
          departments: rows.scores ?? 0,
          file: fileName,
        })}${notes}`,
  );
  await ctx.services.messenger.sendFile(`${ctx.eventId}:report-export`, to, {
    fileName,
    fileType: 'xls',
    bytes,
  });
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'report.export',
      outcome: 'ok',
      target: `${range.fromDay}~${range.toDay}`,
      after: { scope: scope.kind === 'all' ? 'all' : scope.deptIds, rows },
      eventId: ctx.eventId,
    },
    now,
  );
}

/** Adds /report export. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['report', 'export'],
    aliases: ['报表 导出', '报表导出', '导出报表', '导出 报表', '工作报表', '导出工作报表'],
    summary: 'report.export.summary',
    usage: 'report.export.usage',
    example: 'report.export.example',
    roles: REPORT_EXPORT_ROLES,
    args: exportArgs,
    run: runExport,
  });
}
