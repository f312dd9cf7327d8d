/**
 * The poll export: a summary (turnout, index, votes per option), the breakdown per chat and per
 * department (small slices suppressed) and — for named polls only — who chose what. An anonymous
 * poll's export holds aggregated figures only: nothing stored could say more.
 */
import ExcelJS from 'exceljs';
import { toCsvBytes } from '../files/write-csv.js';
import type { Translate } from '../i18n/index.js';
import { formatZoned } from '../time/zoned.js';
import { listDepartments } from './departments.js';
import { namesOf } from './person-names.js';
import { pollResults, type SliceResult } from './poll-results.js';
import { listNamedVotes } from './poll-votes.js';
import type { PollView } from './polls.js';

/** One sheet (or CSV file) of the export. */
export interface PollSheet {
  name: string;
  rows: Array<Array<string | number>>;
}

function sliceRows(t: Translate, poll: PollView, slices: SliceResult[], names: Map<string, string>) {
  const header = [t('poll.export.colSlice'), t('poll.export.colRespondents'), ...poll.options.map((o) => `${o.label}(%)`)];
  if (poll.kind === 'satisfaction') header.push(t('poll.export.colIndex'));
  const rows: Array<Array<string | number>> = [header];
  for (const s of slices) {
    const name = s.id === null ? t('poll.results.others') : (names.get(s.id) ?? s.id);
    if (s.suppressed) rows.push([name, t('poll.export.suppressed')]);
    else rows.push([name, s.respondents, ...s.options.map((o) => o.percent), ...(poll.kind === 'satisfaction' ? [s.index ?? ''] : [])]);
  }
  return rows;
}

/** The sheets of a poll's export in the reader's language, times in `tz`. */
export async function buildPollExport(poll: PollView, t: Translate, tz: string): Promise<PollSheet[]> {
  const r = await pollResults(poll);
  const summary: Array<Array<string | number>> = [
    [t('poll.export.colItem'), t('poll.export.colCount'), t('poll.export.colPercent')],
    [poll.question, '', ''],
    [t('poll.export.rowEligible'), r.eligible, ''],
    [t('poll.export.rowVoted'), r.respondents, r.turnout],
    ...r.options.map((o) => [o.label, o.count, o.percent]),
  ];
  if (r.index !== null) summary.push([t('poll.export.colIndex'), r.index, '']);
  if (poll.anonymous) summary.push([t('poll.export.anonymousNote'), '', '']);
  const sheets: PollSheet[] = [{ name: t('poll.export.sheetSummary'), rows: summary }];
  const names = new Map<string, string>(poll.chats.map((c) => [c.chatId, c.name || c.chatId]));
  for (const d of await listDepartments()) names.set(d.id, d.name);
  if (r.byChat.length > 0) sheets.push({ name: t('poll.export.sheetChats'), rows: sliceRows(t, poll, r.byChat, names) });
  if (r.byDept.length > 0) sheets.push({ name: t('poll.export.sheetDepts'), rows: sliceRows(t, poll, r.byDept, names) });
  if (!poll.anonymous) {
    const votes = await listNamedVotes(poll);
    const people = await namesOf(votes.map((v) => v.openId));
    const label = new Map(poll.options.map((o) => [o.key, o.label]));
    sheets.push({
      name: t('poll.export.sheetVotes'),
      rows: [
        [t('poll.export.colName'), 'open_id', t('poll.export.colChoice'), t('poll.export.colTime')],
        ...votes.map((v) => [
          people.get(v.openId) ?? '',
          v.openId,
          v.options.map((o) => label.get(o) ?? o).join('、'),
          formatZoned(v.votedAt, tz),
        ]),
      ],
    });
  }
  return sheets;
}

/** Cells that would start a formula are kept as text. */
function cellValue(v: string | number): string | number {
  return typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v;
}

/** One workbook, one sheet per part, bold frozen header. */
export async function pollExportXlsx(sheets: readonly PollSheet[], meta: { creator: string; now: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.now;
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of s.rows) sheet.addRow(row.map(cellValue));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c) => {
      c.width = 18;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One CSV per part (UTF-8 with BOM). */
export function pollSheetCsv(sheet: PollSheet): Buffer {
  return toCsvBytes(sheet.rows);
}
