/**
 * The task ledger's files: `/task import` (任务 导入) — a guide card and template, then the
 * ledger file sent in the same private chat — and `/task export` (任务 导出) — the five ledgers
 * as one XLSX workbook, or five CSV files.
 */
import { z } from 'zod';
import {
  buildTaskImportGuideCard,
  buildTaskImportResultCard,
  TASK_IMPORT_EXAMPLE_ROWS,
} from '../../cards/task-import-cards.js';
import type { EventContext } from '../dispatch/context.js';
import type { FileHandler } from '../dispatch/dispatcher.js';
import type { Role } from '../domain/access.js';
import { recordAudit } from '../domain/audit.js';
import { buildLedgers, type LedgerRange, ledgerScopeOf, loadLedgerData } from '../domain/task-export.js';
import { ledgersToXlsx, ledgerToCsv } from '../domain/task-export-files.js';
import {
  type CreateTaskFn,
  importTasks,
  MAX_TASK_IMPORT_ROWS,
  markCardsSent,
  type TaskImportFailure,
  type TaskImportSummary,
} from '../domain/task-import.js';
import { findPendingTaskImport, startPendingTaskImport } from '../domain/task-import-pending.js';
import type { TaskRowError } from '../domain/task-import-rows.js';
import { getTask, setTaskCardKey } from '../domain/tasks.js';
import { toCsvBytes } from '../files/write-csv.js';
import type { Translate } from '../i18n/index.js';
import type { LarkClient } from '../lark/client.js';
import type { Target } from '../lark/messenger.js';
import { MAX_OUTBOX_FILE_BYTES } from '../lark/outbox.js';
import { AuditEntryModel } from '../models/audit-entry.js';
import { formatZoned, zonedDateTime } from '../time/zoned.js';
import { parseDayArg } from './audit.js';
import { acceptImportFile } from './read-import-file.js';
import type { CommandInput, CommandRegistry } from './registry.js';
import { publishTaskCard, taskErrorText } from './task-view.js';

/** Largest ledger file an import reads. */
export const MAX_TASK_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
/** Errors listed in the result card; more go to a CSV file. */
export const TASK_IMPORT_ERRORS_SHOWN = 20;

/** Who may import task ledgers (leaders: owners in their departments only). */
export const TASK_IMPORT_ROLES: readonly Role[] = ['admin', 'leader'];
/** Who may export the ledgers (leaders: their departments only). */
export const TASK_EXPORT_ROLES: readonly Role[] = ['admin', 'leader', 'supervisor'];

/** The arguments of `/task export`: format and an optional range of creation days. */
export interface ExportArgs {
  format: 'xlsx' | 'csv';
  from: string | null;
  to: string | null;
}

/** Reads `[csv|xlsx] [起始日期] [结束日期]` in any order of format and dates. */
export function parseExportArgs(words: readonly string[]): ExportArgs | 'invalid' | 'range' {
  let format: ExportArgs['format'] = 'xlsx';
  const days: string[] = [];
  for (const word of words) {
    const w = word.normalize('NFKC').toLowerCase();
    if (w === 'csv') format = 'csv';
    else if (w === 'xlsx' || w === 'excel' || w === 'xls') format = 'xlsx';
    else {
      const day = parseDayArg(w);
      if (!day || days.length >= 2) return 'invalid';
      days.push(day);
    }
  }
  const [from = null, to = null] = days;
  if (from && to && to < from) return 'range';
  return { format, from, to };
}

const exportArgs = z
  .custom<CommandInput>()
  .refine((input) => input.mentions.length === 0, 'i18n:ledger.export.argsInvalid')
  .transform((input, ctx) => {
    const parsed = parseExportArgs(input.words);
    if (parsed === 'invalid') ctx.addIssue({ code: 'custom', message: 'i18n:ledger.export.argsInvalid' });
    if (parsed === 'range') ctx.addIssue({ code: 'custom', message: 'i18n:ledger.export.rangeInvalid' });
    return typeof parsed === 'string' ? { format: 'xlsx' as const, from: null, to: null } : parsed;
  });

/** `/task import` and `/task export`. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['task', 'import'],
    aliases: ['任务 导入', '导入任务', '导入 任务', '导入台账', '导入 台账', '任务台账 导入'],
    summary: 'ledger.import.summary',
    usage: 'ledger.import.usage',
    roles: TASK_IMPORT_ROLES,
    where: 'p2p',
    args: z.custom<CommandInput>().refine((input) => input.words.length === 0 && input.mentions.length === 0),
    async run(ctx) {
      const chatId = ctx.chat!.id;
      await startPendingTaskImport({ openId: ctx.actor.openId, chatId, eventId: ctx.eventId }, ctx.now());
      await ctx.reply.card(buildTaskImportGuideCard(ctx.t));
      await ctx.services.messenger.sendFile(
        `${ctx.eventId}:task-import-template`,
        { chatId },
        {
          fileName: ctx.t('ledger.import.templateName'),
          fileType: 'stream',
          bytes: toCsvBytes(TASK_IMPORT_EXAMPLE_ROWS),
        },
      );
    },
  });

  registry.add({
    path: ['task', 'export'],
    aliases: ['任务 导出', '导出任务', '导出 任务', '导出台账', '导出 台账', '任务台账 导出'],
    summary: 'ledger.export.summary',
    usage: 'ledger.export.usage',
    example: 'ledger.export.example',
    roles: TASK_EXPORT_ROLES,
    args: exportArgs,
    run: runExport,
  });
}

async function runExport(ctx: EventContext, args: ExportArgs): Promise<void> {
  const { t } = ctx;
  const now = ctx.now();
  const tz = (await ctx.services.settings()).timezone;
  const dayStart = (day: string, plus = 0) =>
    zonedDateTime(tz, Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)) + plus);
  const range: LedgerRange = {
    ...(args.from ? { from: dayStart(args.from) } : {}),
    ...(args.to ? { to: dayStart(args.to, 1) } : {}),
  };
  const scope = ledgerScopeOf(ctx.actor);
  const loaded = await loadLedgerData(scope, range);
  if (!loaded.ok) {
    await ctx.reply.text(t('ledger.export.tooLarge', { max: loaded.tooMany }));
    return;
  }
  const { data } = loaded;
  if (data.tasks.length === 0) {
    await ctx.reply.text(t('ledger.export.empty'));
    return;
  }
  const ledgers = buildLedgers(t, data, tz, now);
  const date = formatZoned(now, tz, 'YYYYMMDD');
  const files =
    args.format === 'xlsx'
      ? [
          {
            key: 'xlsx',
            fileName: t('ledger.export.fileName', { date }),
            fileType: 'xls' as const,
            bytes: await ledgersToXlsx(ledgers, { creator: ctx.actor.name || ctx.actor.openId, now }),
          },
        ]
      : ledgers.map((l) => ({
          key: l.key,
          fileName: t('ledger.export.csvFileName', { sheet: l.name, date }),
          fileType: 'stream' as const,
          bytes: ledgerToCsv(l),
        }));
  if (files.some((f) => f.bytes.length > MAX_OUTBOX_FILE_BYTES)) {
    await ctx.reply.text(t('ledger.export.tooLarge', { max: data.tasks.length - 1 }));
    return;
  }
  // The ledgers go to the requester only: in a group they are sent in a private chat.
  const inGroup = ctx.chat?.type !== 'p2p';
  const to: Target = inGroup ? { openId: ctx.actor.openId } : { chatId: ctx.chat!.id };
  const scopeNote = scope.kind === 'departments' ? t('ledger.export.scopeLeader') : '';
  const count = data.tasks.length;
  if (inGroup) await ctx.reply.text(`${t('ledger.export.sentPrivately', { count })}${scopeNote}`);
  else
    await ctx.reply.text(
      `${t('ledger.export.done', { count, files: files.map((f) => f.fileName).join(t('role.separator')) })}${scopeNote}`,
    );
  for (const f of files) {
    await ctx.services.messenger.sendFile(`${ctx.eventId}:task-export:${f.key}`, to, {
      fileName: f.fileName,
      fileType: f.fileType,
      bytes: f.bytes,
    });
  }
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'task.export',
      outcome: 'ok',
      target: [args.from ?? '', args.to ?? ''].join('~'),
      after: {
        format: args.format,
        tasks: count,
        scope: scope.kind === 'all' ? 'all' : scope.deptIds,
        rows: Object.fromEntries(ledgers.map((l) => [l.key, l.rows.length])),
      },
      eventId: ctx.eventId,
    },
    now,
  );
}

/** The reason line of one bad row, e.g. 第 17 行：找不到负责人“张三”…. */
export function taskRowErrorText(t: Translate, e: TaskRowError): string {
  const reason =
    e.problem === 'rejected' && e.rejection
      ? taskErrorText(t, e.rejection)
      : t(`ledger.problem.${e.problem}`, { value: e.value });
  return t('ledger.import.rowError', { line: e.line, reason });
}

function failureText(t: Translate, failure: TaskImportFailure): string {
  switch (failure.kind) {
    case 'empty':
      return t('ledger.import.empty');
    case 'missingColumns':
      return t('ledger.import.missingColumns', {
        columns: failure.missing.map((c) => t(`ledger.import.column.${c}`)).join(t('role.separator')),
      });
    case 'tooManyRows':
      return t('ledger.import.tooManyRows', { rows: failure.rows, max: failure.max });
    case 'directoryUnavailable':
      return t('import.directoryUnavailable');
  }
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || fileName;
}

async function answerSummary(ctx: EventContext, fileName: string, summary: TaskImportSummary): Promise<void> {
  const { t } = ctx;
  const lines = summary.errors.map((e) => taskRowErrorText(t, e));
  const more = Math.max(0, lines.length - TASK_IMPORT_ERRORS_SHOWN);
  const errorsFile = more > 0 ? t('ledger.import.errorsFileName', { file: baseName(fileName) }) : undefined;
  await ctx.reply.card(
    buildTaskImportResultCard(t, {
      fileName,
      total: summary.total,
      created: summary.created,
      existing: summary.existing,
      skipped: summary.skipped,
      errorLines: lines.slice(0, TASK_IMPORT_ERRORS_SHOWN),
      moreErrors: more,
      ...(errorsFile ? { errorsFile } : {}),
      ...(summary.interruptedAt !== undefined ? { interruptedAt: summary.interruptedAt } : {}),
    }),
  );
  if (!errorsFile) return;
  const rows = [
    [
      t('ledger.import.errorsHeader.line'),
      t('ledger.import.errorsHeader.title'),
      t('ledger.import.errorsHeader.problem'),
    ],
    ...summary.errors.map((e, i) => [String(e.line), e.title, lines[i]!.replace(/^[^：:]*[：:]\s*/, '')]),
  ];
  await ctx.services.messenger.sendFile(
    `${ctx.eventId}:task-import-errors`,
    { chatId: ctx.chat!.id },
    { fileName: errorsFile, fileType: 'stream', bytes: toCsvBytes(rows) },
  );
}

/**
 * Posts the cards of newly imported tasks exactly as a typed `/task add` does (to the task's
 * group, else to its creator, leader and owners), each once: the outbox keys are the task's, and
 * the import key remembers that the card went out.
 */
async function publishCards(ctx: EventContext, taskIds: readonly string[]): Promise<void> {
  for (const id of taskIds) {
    const task = await getTask(id);
    if (task?.state === 'open') {
      if (task.chatId) await setTaskCardKey(task.id, `task-card:${task.id}`);
      await publishTaskCard(ctx, task.chatId ? { ...task, cardKey: `task-card:${task.id}` } : task, 'send');
    }
    await markCardsSent([id]);
  }
}

/**
 * The file handler of `/task import`: takes a file an admin or leader sends in the p2p chat
 * where they started a task import in the last 10 minutes (unless a later `/import members`
 * is waiting there), and imports it (see domain/task-import.ts). Other files are left to the
 * next handler.
 */
export function createTaskImportFileHandler(
  client: Pick<LarkClient, 'downloadResource' | 'resolveUserIds'>,
  opts: { createTask?: CreateTaskFn } = {},
): FileHandler {
  return async (ctx, file) => {
    if (ctx.chat?.type !== 'p2p') return false;
    const pending = await findPendingTaskImport(ctx.actor.openId, ctx.chat.id, ctx.now());
    if (!pending) return false;
    const rows = await acceptImportFile(ctx, client, file, {
      command: '/task import',
      roles: TASK_IMPORT_ROLES,
      maxBytes: MAX_TASK_IMPORT_FILE_BYTES,
      maxRows: MAX_TASK_IMPORT_ROWS,
    });
    if (!rows) return true;
    const { t } = ctx;
    const outcome = await importTasks(rows, {
      actor: { openId: ctx.actor.openId, roles: ctx.actor.roles, leads: ctx.actor.leads },
      now: ctx.now(),
      tz: (await ctx.services.settings()).timezone,
      fileName: file.fileName,
      resolveUserIds: (query) => client.resolveUserIds(query),
      ...(opts.createTask ? { createTask: opts.createTask } : {}),
      log: ctx.log,
    });
    if (!outcome.ok) {
      if (outcome.failure.kind === 'directoryUnavailable') {
        ctx.log.warn({ detail: outcome.failure.detail }, 'task import: directory lookup failed');
      }
      await ctx.reply.text(failureText(t, outcome.failure));
      return true;
    }
    const { summary } = outcome;
    ctx.log.info(
      {
        fileName: file.fileName,
        created: summary.created,
        existing: summary.existing,
        errors: summary.errors.length,
      },
      'tasks imported',
    );
    await answerSummary(ctx, file.fileName, summary);
    await publishCards(ctx, summary.cardsDue);
    if (!(await AuditEntryModel.exists({ eventId: ctx.eventId, action: 'task.import' }))) {
      await recordAudit(
        {
          actor: ctx.actor.openId,
          action: 'task.import',
          outcome: 'ok',
          target: file.fileName,
          after: {
            total: summary.total,
            created: summary.created,
            existing: summary.existing,
            skipped: summary.skipped,
            tasks: summary.taskIds,
          },
          detail: summary.interruptedAt !== undefined ? `interrupted at row ${summary.interruptedAt}` : '',
          eventId: ctx.eventId,
        },
        ctx.now(),
      );
    }
    return true;
  };
}
